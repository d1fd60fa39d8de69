"""End to end, private chat: verdicts, their buttons, questions, photos; on both adapters over real HTTP."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.asyncio(loop_scope="module")
VERDICT_MARKS = ("🚨", "⚠️", "ℹ️")


def text_of(call) -> str:
    return call.params.get("text") or call.params.get("caption") or ""


def buttons_of(call) -> list[str]:
    markup = call.params.get("reply_markup") or {}
    return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]


async def test_forwarded_scam_gets_the_scam_verdict_first_then_the_welcome(tg):
    user = tg.new_user()
    verdict, welcome = await tg.say(user, tg.SCAM_ZH, forwarded=True, language_code="zh-hans", expect=2)
    assert text_of(verdict).startswith("🚨")
    assert len(buttons_of(verdict)) == 3
    assert not text_of(welcome).startswith(VERDICT_MARKS)


async def test_check_command_with_text(tg):
    (verdict,) = await tg.say(await tg.user(), "/check " + tg.SCAM_EN)
    assert text_of(verdict).startswith("🚨")
    assert any("Why" in b for b in buttons_of(verdict))


async def test_check_as_a_reply_judges_the_message_replied_to(tg):
    user = await tg.user()
    original = {"message_id": 55, "date": 0, "chat": {"id": user, "type": "private"}, "text": tg.SCAM_EN}
    (verdict,) = await tg.say(user, "/check", reply_to=original)
    assert text_of(verdict).startswith("🚨")
    assert verdict.params["reply_parameters"]["message_id"] == 55


async def test_legit_text_is_no_known_pattern_never_called_safe(tg):
    (verdict,) = await tg.say(await tg.user(), "/check " + tg.LEGIT_EN)
    text = text_of(verdict)
    assert text.startswith("ℹ️")
    mentions = [s for s in text.lower().replace("\n", ". ").split(". ") if "safe" in s]
    assert mentions and all(" not " in f" {s} " or "n't" in s for s in mentions)  # the honest note


async def test_why_and_already_paid_buttons_answer_at_once(tg):
    user = await tg.user()
    (verdict,) = await tg.say(user, "/check " + tg.SCAM_EN)
    answer, (why,) = await tg.press(user, verdict, "Why", expect=1)
    assert answer.status == 200
    assert text_of(why) != text_of(verdict) and len(text_of(why)) > 50
    _, (checklist,) = await tg.press(user, verdict, "already", expect=1)
    lowered = text_of(checklist).lower()
    assert lowered.index("bank") < lowered.index("password")  # an ordered checklist: stop, bank, passwords…


async def test_report_button_queues_a_redacted_report_for_moderators(tg):
    user = await tg.user()
    (verdict,) = await tg.say(user, "/check " + tg.SCAM_ZH)
    assert await tg.store.pending_reports() == []
    await tg.press(user, verdict, "Report", expect=1)
    (report,) = await tg.store.pending_reports()
    assert report.reporter_id == user
    assert "12345678" not in report.text_redacted  # the QQ number is masked


async def test_expired_or_unknown_button_token_is_answered_not_crashed(tg):
    user = await tg.user()
    (verdict,) = await tg.say(user, "/check " + tg.SCAM_EN)
    _, (expired,) = await tg.press(user, verdict, "", data="v:why:zzzzzzzz", expect=1)
    assert "15" in text_of(expired)  # "…kept for 15 minutes; forward it again"
    answer, _ = await tg.press(user, verdict, "", data="no-such-button")
    assert answer.params.get("text")  # a toast, not a spinner forever


async def test_ask_command_answers_from_the_knowledge_base_first(tg):
    (answer,) = await tg.say(await tg.user(), "/ask " + tg.QUESTION_EN)
    assert not text_of(answer).startswith(VERDICT_MARKS)
    assert "label" in text_of(answer).lower()


async def test_plain_question_goes_to_the_knowledge_base(tg):
    (answer,) = await tg.say(await tg.user(), tg.QUESTION_EN)
    assert not text_of(answer).startswith(VERDICT_MARKS)
    assert "label" in text_of(answer).lower()


async def test_plain_statement_is_checked(tg):
    (verdict,) = await tg.say(await tg.user(), tg.SCAM_EN)
    assert text_of(verdict).startswith("🚨")


async def test_quoted_text_is_html_escaped(tg):
    (verdict,) = await tg.say(await tg.user(), "/check <b>QQ</b> 12345678 " + tg.SCAM_EN + " <script>x</script>")
    text = text_of(verdict)
    assert verdict.params.get("parse_mode") == "HTML"
    assert "<script>" not in text
    assert "<b>QQ</b>" not in text


async def test_photo_is_downloaded_and_answered(tg):
    user = await tg.user()
    downloads = len(tg.api.calls_of("downloadFile"))
    (answer,) = await tg.say(user, photo=b"\x89PNG\r\n\x1a\n not really a picture")
    assert len(tg.api.calls_of("downloadFile")) == downloads + 1
    assert text_of(answer)  # OCR is off in this suite: the honest "cannot read images here"


async def test_photo_over_the_size_limit_is_refused_without_downloading(tg):
    user = await tg.user()
    big = b"\x89PNG" + b"\0" * (tg.app.settings.limits.max_image_bytes + 1)
    downloads = len(tg.api.calls_of("downloadFile"))
    (answer,) = await tg.say(user, photo=big)
    assert "MB" in text_of(answer)
    assert len(tg.api.calls_of("downloadFile")) == downloads


async def test_one_users_updates_are_answered_in_order(tg):
    user = await tg.user()
    before = len(tg.sent(user))
    for n in range(6):
        tg.api.push_message(user, f"/check order {n} " + (tg.SCAM_EN if n % 2 else tg.LEGIT_EN))
    calls = (await tg.wait_sent(user, before + 6))[before:]
    replied_to = [c.params["reply_parameters"]["message_id"] for c in calls]
    assert replied_to == sorted(replied_to)
    assert [text_of(c)[:1] for c in calls] == ["ℹ", "🚨"] * 3


async def test_flood_limit_answers_politely_once(tg):
    user = await tg.user()
    limit = tg.app.settings.limits.checks_per_minute
    for _ in range(limit + 3):
        tg.api.push_message(user, "/check " + tg.LEGIT_EN)
    await tg.barrier(user)
    texts = [text_of(c) for c in tg.sent(user)]
    verdicts = [t for t in texts if t.startswith("ℹ️")]
    assert len(verdicts) == limit
    assert len(texts) == limit + 1  # one polite refusal, then silence
