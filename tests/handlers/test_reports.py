"""handlers.reports: /pending with Approve / Reject, /newpattern, detector reload, the reporter's thanks."""

from __future__ import annotations

from scam_patterns.verdict import localized

from handlers.reports import community_pattern
from handlers.texts import t
from support.handler_chat import SCAM_ZH, Chat, button

NEW_SCAM = "您的宠物托运被扣留在机场，需要先缴纳检疫费才能放行"


async def reported(chat: Chat, text: str) -> None:
    await chat.say("/report " + text)


async def test_pending_lists_reports_with_decision_buttons_for_moderators_only(ctx, chat, moderator):
    assert "No reports" in (await moderator.say("/pending")).replies[0].text
    await reported(chat, SCAM_ZH)
    await reported(chat, NEW_SCAM)
    outcome = await moderator.say("/pending")
    head, first, second = outcome.replies
    assert "2" in head.text
    assert {b.callback_data.split(":")[1] for row in first.buttons for b in row} == {"ok", "new", "no"}
    assert {b.callback_data.split(":")[1] for row in second.buttons for b in row} == {"new", "no"}
    assert "moderators only" in (await chat.say("/pending")).replies[0].text
    assert (await chat.press(button(first, "rp:ok"))).callback_alert
    assert len(await ctx.store.pending_reports()) == 2


async def test_approve_adds_an_example_reloads_and_thanks_the_reporter_in_their_language(ctx, zh_chat, moderator):
    await reported(zh_chat, SCAM_ZH)
    item = (await moderator.say("/pending")).replies[1]
    approved = await moderator.press(button(item, "rp:ok"), message_id=31)
    note, thanks = approved.replies
    assert note.edit_message_id == 31 and note.text.startswith("✅")
    assert thanks.chat_id == zh_chat.user_id and "谢谢" in thanks.text
    stored = await ctx.store.db_patterns()
    assert stored and stored[0]["extends"]
    assert await ctx.store.pending_reports() == []
    twice = await moderator.press(button(item, "rp:ok"))
    assert twice.replies == [] and "already" in twice.callback_answer


async def test_reject_and_double_decisions(ctx, chat, moderator):
    await reported(chat, SCAM_ZH)
    item = (await moderator.say("/pending")).replies[1]
    rejected = await moderator.press(button(item, "rp:no"))
    assert rejected.replies[0].text.startswith("✖️")
    assert "already" in (await moderator.press(button(item, "rp:no"))).callback_answer
    assert await ctx.store.db_patterns() == []


async def test_newpattern_makes_the_running_detector_catch_it_without_a_restart(ctx, chat, moderator):
    assert ctx.detector.current.check(NEW_SCAM).verdict == "no_match"
    await reported(chat, NEW_SCAM)
    item = (await moderator.say("/pending")).replies[1]
    how = await moderator.press(button(item, "rp:new"))
    assert "/newpattern" in how.replies[0].text
    report_id = item.buttons[0][0].callback_data.split(":")[2]
    outcome = await moderator.say(f"/newpattern {report_id} 宠物托运, 托运宠物; 检疫费, 防疫费")
    assert outcome.replies[0].text.startswith("✅")
    assert outcome.replies[1].chat_id == chat.user_id
    verdict = ctx.detector.current.check("托运宠物通知：请今天缴纳防疫费，否则无法领取")
    assert verdict.verdict == "scam"
    assert verdict.patterns[0].id == f"community-report-{report_id}"
    assert "already" in (await moderator.say(f"/newpattern {report_id} a; b")).replies[0].text


async def test_newpattern_usage_errors(moderator):
    for bad in ("/newpattern", "/newpattern x a; b", "/newpattern 5", "/newpattern 5 ; ,"):
        assert "/newpattern" in (await moderator.say(bad)).replies[0].text, bad



async def test_report_shares_the_flood_limit(ctx, chat, clock):
    """/report counts against the same per-user minute as checks: no flood of stored reports."""
    for _ in range(3):
        await chat.say("/check " + SCAM_ZH)
    for _ in range(2):
        assert (await chat.say("/report " + NEW_SCAM)).replies[0].text.startswith("🚩")
    refused = await chat.say("/report " + NEW_SCAM)
    assert refused.replies[0].text == t("flood", "en")
    for _ in range(300):
        assert (await chat.say("/report " + NEW_SCAM)).replies == []  # one polite answer, then silence
    assert len(await ctx.store.pending_reports(1000)) == 2
    assert (await chat.say("/check " + SCAM_ZH)).replies == []  # and checks share it the other way
    clock.advance(minutes=1, seconds=1)
    assert (await chat.say("/report " + NEW_SCAM)).replies[0].text.startswith("🚩")
    assert len(await ctx.store.pending_reports(1000)) == 3


async def test_newpattern_gives_the_community_pattern_hand_written_traditional_texts(ctx, chat, moderator):
    """A zh-Hant reader of a moderator-made pattern reads Traditional written for it, not a conversion: the
    keywords are quoted in the Traditional title only when typed without Simplified-only characters."""
    await reported(chat, NEW_SCAM)
    item = (await moderator.say("/pending")).replies[1]
    report_id = item.buttons[0][0].callback_data.split(":")[2]
    await moderator.say(f"/newpattern {report_id} 宠物托运, 托运宠物; 检疫费, 防疫费")
    verdict = ctx.detector.current.check("託運寵物通知：請今天繳納防疫費，否則無法領取")
    hit = verdict.patterns[0]
    assert hit.id == f"community-report-{report_id}"
    assert localized(hit.title, "zh-Hant") == "社群檢舉、經管理員確認的詐騙"
    assert localized(hit.explanation, "zh-Hant") == "ShopSafe 的使用者檢舉過這類訊息，管理員審核後確認是詐騙。"
    assert verdict.advice("zh-Hant").startswith("不要回覆、不要點連結、不要付款。")
    typed_in_traditional = community_pattern(9, [["寵物託運", "託運寵物"], ["防疫費"]], "例子")
    assert typed_in_traditional["title"]["zh-Hant"] == "社群檢舉的詐騙：寵物託運、託運寵物"
