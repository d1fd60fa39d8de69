"""End to end, moderators: /broadcast → preview → Send → alerts → progress; /pending; /stats; long replies."""

from __future__ import annotations

import asyncio

import pytest

from handlers.texts import t

pytestmark = pytest.mark.asyncio(loop_scope="module")


def text_of(call) -> str:
    return call.params.get("text") or call.params.get("caption") or ""


def buttons_of(call) -> list[dict]:
    markup = call.params.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


async def moderator(tg) -> int:
    await tg.store.ensure_user(tg.MODERATOR, "en")
    return tg.MODERATOR


async def subscriber(tg) -> int:
    user = await tg.user()
    await tg.store.set_subscribed(user, True)
    return user


async def test_broadcast_preview_send_delivers_alerts_and_reports_progress(tg):
    mod = await moderator(tg)
    readers = [await subscriber(tg) for _ in range(3)]
    blocked = await subscriber(tg)
    tg.api.blocked.add(blocked)
    alert = "Beware: fake refund calls today. <b>Never</b> share your screen."

    (preview,) = await tg.say(mod, "/broadcast " + alert)
    assert "&lt;b&gt;Never" in text_of(preview)  # shown escaped inside the HTML preview
    assert all(tg.sent(r) == [] for r in readers)  # nothing goes out before Send

    await tg.press(mod, preview, "", data=next(b["callback_data"] for b in buttons_of(preview)
                                             if b["callback_data"].startswith("bc:send")))
    for reader in readers:
        (delivered,) = await tg.wait_sent(reader, 1)
        assert delivered.params["text"] == alert  # exactly as written
        assert "parse_mode" not in delivered.params
        assert buttons_of(delivered)
    preview_id = tg.api.sent_message(preview)["message_id"]
    final = t("broadcast.final", "en", id=1, sent="3", total="4", blocked="1", failed="0", useful="0",
              not_useful="0").split("\n")[0]
    await tg.api.wait_for(lambda s: any(
        int(c.params.get("message_id", 0)) == preview_id and text_of(c).startswith(final[:12])
        for c in s.calls_of("editMessageText", mod)), timeout=15)
    assert (await tg.store.get_user(blocked)).active is False


async def test_non_moderator_broadcast_reaches_nobody(tg):
    intruder = await tg.user()
    reader = await subscriber(tg)
    (refused,) = await tg.say(intruder, "/broadcast send money now")
    assert text_of(refused) == t("moderators.only", "en")
    await tg.barrier(reader)
    assert tg.sent(reader) == []


async def test_pending_report_is_approved_and_the_reporter_thanked(tg):
    mod = await moderator(tg)
    reporter = await tg.user()
    (verdict,) = await tg.say(reporter, "/check " + tg.SCAM_ZH)
    await tg.press(reporter, verdict, "Report", expect=1)

    before = len(tg.sent(mod))
    tg.api.push_message(mod, "/pending")
    calls = await tg.wait_sent(mod, before + 2)
    item = next(c for c in calls[before:] if any(b["callback_data"].startswith("rp:ok") for b in buttons_of(c)))
    approve = next(b["callback_data"] for b in buttons_of(item) if b["callback_data"].startswith("rp:ok"))
    thanked = len(tg.sent(reporter))
    await tg.press(mod, item, "", data=approve)
    await tg.wait_sent(reporter, thanked + 1)
    assert await tg.store.pending_reports() == []
    assert any(p.get("extends") or p.get("example") for p in await tg.store.db_patterns())


async def test_stats_sends_the_numbers_and_a_chart(tg):
    mod = await moderator(tg)
    await tg.say(await tg.user(), "/check " + tg.SCAM_EN)
    before = len(tg.sent(mod))
    tg.api.push_message(mod, "/stats")
    calls = (await tg.wait_sent(mod, before + 2, timeout=30))[before:]  # the chart takes seconds on a loaded machine
    assert calls[0].method == "sendMessage"
    assert calls[1].method == "sendPhoto"
    assert calls[1].params["photo"][:8] == b"\x89PNG\r\n\x1a\n"


async def test_reply_over_4096_characters_arrives_in_parts(tg):
    mod = await moderator(tg)
    alert = "\n".join(["<careful> & check the sender before you pay"] * 90)  # escaped, well over 4,096
    before = len(tg.sent(mod))
    tg.api.push_message(mod, "/broadcast " + alert)
    await tg.barrier(mod)
    parts = tg.sent(mod)[before:]
    assert len(parts) >= 2
    assert all(len(text_of(p)) <= 4096 for p in parts)
    assert [bool(buttons_of(p)) for p in parts] == [False] * (len(parts) - 1) + [True]
    assert "&lt;careful&gt; &amp; check" in text_of(parts[0])


async def test_votes_count_only_from_recipients_of_a_sent_alert_not_on_drafts(tg):
    mod = await moderator(tg)
    reader = await subscriber(tg)
    outsider = await tg.user()
    (draft,) = await tg.say(mod, "/broadcast draft only")
    draft_id = int(next(b["callback_data"] for b in buttons_of(draft) if b["callback_data"].startswith("bc:send"))
                   .split(":")[2])
    (preview,) = await tg.say(mod, "/broadcast Fake courier refunds are back.")
    await tg.press(mod, preview, "", data=next(b["callback_data"] for b in buttons_of(preview)
                                             if b["callback_data"].startswith("bc:send")))
    (alert,) = await tg.wait_sent(reader, 1)
    up = next(b["callback_data"] for b in buttons_of(alert) if b["callback_data"].startswith("al:up"))
    broadcast_id = int(up.split(":")[2])
    for _ in range(100):  # the sender confirms the delivery just after Telegram answered
        if (await tg.store.get_broadcast(broadcast_id)).sent == 1:
            break
        await asyncio.sleep(0.05)
    answer, _ = await tg.press(reader, alert, "👍")
    assert answer.params.get("text") == t("alert.voted", "en")
    forged = {**tg.api.sent_message(alert), "chat": {"id": outsider, "type": "private", "first_name": "X"}}
    for data in (up, f"al:down:{draft_id}"):
        answered = len(tg.api.calls_of("answerCallbackQuery"))
        tg.api.push_callback(outsider if data == up else reader, data, message=forged if data == up else
                             tg.api.sent_message(alert))
        (answer,) = (await tg.api.wait_for_call("answerCallbackQuery", count=answered + 1))[answered:]
        assert answer.params.get("text") == t("unknown.callback", "en"), data
    record = await tg.store.get_broadcast(broadcast_id)
    assert (record.useful, record.not_useful) == (1, 0)
    assert (await tg.store.get_broadcast(draft_id)).not_useful == 0
