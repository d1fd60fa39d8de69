"""handlers.dispatch: routing, verdict-first answers, welcome order, bad input, failures, groups, splitting."""

from __future__ import annotations

import logging

from handlers.context import Context
from handlers.dispatch import handle
from handlers.events import Event
from handlers.markup import utf16_len
from support.handler_chat import PLAIN, SCAM_EN, SCAM_ZH, USER, Chat, button


async def test_a_forwarded_scam_is_answered_with_the_verdict_first_and_the_welcome_after(chat):
    outcome = await chat.say(SCAM_ZH, forwarded=True)
    first = outcome.replies[0]
    assert first.text.startswith("🚨")
    assert first.reply_to_message_id == chat.next_message_id
    assert {b.callback_data.split(":")[1] for row in first.buttons for b in row} == {"why", "rep", "help"}
    assert outcome.replies[-1].text.startswith("👋")  # first-time welcome comes after the verdict
    again = await chat.say(SCAM_EN, forwarded=True)
    assert len(again.replies) == 1 and again.replies[0].text.startswith("🚨")


async def test_no_known_pattern_starts_with_info_and_says_it_is_not_proof_of_safety(chat):
    outcome = await chat.say("Please call me back about the invoice we discussed", forwarded=True)
    text = outcome.replies[0].text
    assert text.startswith("ℹ️")
    assert "not proof" in text


async def test_check_command_with_text_as_reply_and_with_bot_suffix(chat):
    by_text = await chat.say("/check " + SCAM_EN)
    assert by_text.replies[0].text.startswith("🚨")
    by_reply = await chat.say("/check", reply_to_text=SCAM_ZH, reply_to_message_id=7)
    assert by_reply.replies[0].text.startswith("🚨")
    assert by_reply.replies[0].reply_to_message_id == 7
    suffixed = await chat.say("/check@shopsafe_bot " + SCAM_EN)
    assert suffixed.replies[0].text.startswith("🚨")
    bare = await chat.say("/check")
    assert bare.replies[0].text.startswith("ℹ️") and "/check" in bare.replies[0].text


async def test_a_question_in_private_goes_to_the_knowledge_base(chat):
    outcome = await chat.say("How do I hide my phone number on parcels?")
    first = outcome.replies[0]
    assert not first.text.startswith(("🚨", "⚠️", "ℹ️"))
    assert "phone" in first.text.lower() or "number" in first.text.lower()


async def test_a_short_pasted_scam_whose_words_match_an_article_is_checked_not_answered(chat):
    """"把验证码发给我，我给你退款" pasted (not forwarded) went to the verification-code article, not a verdict."""
    for text in ("把验证码发给我，我给你退款", "把驗證碼發給我，我給你退款"):
        outcome = await chat.say(text)
        assert outcome.replies[0].text.startswith("🚨"), outcome.replies[0].text
    asked = await chat.say("验证码能给别人吗")  # the same words asked as a question still get the article
    assert not asked.replies[0].text.startswith(("🚨", "⚠️", "ℹ️"))


async def test_ask_answers_first_even_for_text_that_is_not_phrased_as_a_question(chat):
    outcome = await chat.say("/ask privacy shipping label")
    assert outcome.replies[0].reply_to_message_id == chat.next_message_id
    assert outcome.replies[-1].text.startswith("👋")
    usage = await chat.say("/ask")
    assert "/ask" in usage.replies[0].text


async def test_plain_text_that_is_not_a_question_is_checked(chat):
    outcome = await chat.say(SCAM_EN)
    assert outcome.replies[0].text.startswith("🚨")


async def test_unknown_command_and_unknown_callback_get_a_clear_answer(chat):
    outcome = await chat.say("/frobnicate now")
    assert "/help" in outcome.replies[0].text
    pressed = await chat.press("zz:what:ever")
    assert pressed.replies == [] and pressed.callback_answer
    garbage = await chat.press("v:why")  # malformed, too few parts
    assert garbage.callback_answer


async def test_empty_binary_and_sticker_like_messages_are_answered_without_a_crash(chat):
    empty = await chat.say("   ")
    assert empty.replies[0].text.startswith("ℹ️")
    nothing = await chat.say(None)
    assert nothing.replies[0].text.startswith("ℹ️")
    binary = await chat.say("\x00\x01\x02\ufffe\x7f" * 50, forwarded=True)
    assert binary.replies[0].text.startswith("ℹ️")


async def test_mixed_script_text_is_checked(chat):
    mixed = "Amazon客服: your 退款 is ready, 加QQ 123456789 and share screen 共享屏幕 to receive it"
    outcome = await chat.say(mixed, forwarded=True)
    assert outcome.replies[0].text[0] in "🚨⚠"


async def test_huge_text_is_checked_on_its_first_part_and_says_so(ctx, chat):
    huge = (SCAM_EN + " ") * 2000
    outcome = await chat.say(huge, forwarded=True)
    text = outcome.replies[0].text
    assert text.startswith("🚨")
    assert f"{ctx.limits.max_text_chars:,}" in text
    assert all(utf16_len(r.text) <= 4096 for r in outcome.replies)


class FailingStore:
    """Every storage call fails, as a database that is down would."""

    def __getattr__(self, name):
        async def fail(*args, **kwargs):
            raise RuntimeError(f"database is down, arguments were {args!r}")
        return fail


async def test_a_failing_store_still_gives_the_verdict_and_never_logs_message_text(ctx, caplog):
    broken = Context(detector=ctx.detector, kb=ctx.kb, store=FailingStore(), limits=ctx.limits, clock=ctx.clock)
    caplog.set_level(logging.DEBUG)
    chat = Chat(broken)
    outcome = await chat.say(SCAM_EN, forwarded=True)
    assert outcome.replies[0].text.startswith("🚨")
    subscribe = await chat.say("/subscribe")
    assert "try again" in subscribe.replies[0].text
    report = await chat.press(button(outcome.replies[0], "v:rep"))
    assert report.callback_alert and "try again" in report.callback_answer
    group = Chat(broken, chat_id=-100, chat_type="group")
    assert (await group.say(SCAM_EN)).replies == []  # no apology in a group for its ordinary chat
    assert "try again" in (await group.say("/groupsettings", sender_is_chat_admin=True)).replies[0].text
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "RuntimeError" in logged
    assert "AnyDesk" not in logged and "overcharged" not in logged


async def test_a_long_reply_is_split_under_the_limit_with_the_buttons_on_the_last_part(moderator):
    await moderator.say("/start")
    broadcast_text = "line <with> & markup\n" * 190  # the preview escapes it to over 4,096 characters
    outcome = await moderator.say("/broadcast " + broadcast_text)
    assert "&lt;with&gt;" in outcome.replies[0].text
    assert len(outcome.replies) >= 2
    assert all(utf16_len(r.text) <= 4096 for r in outcome.replies)
    assert all(not r.buttons for r in outcome.replies[:-1]) and outcome.replies[-1].buttons


async def test_group_ordinary_chat_gets_no_reply_and_a_scam_gets_a_warning_quoting_nothing(group):
    assert (await group.say(PLAIN)).replies == []
    scam = "顺丰快递客服：您的包裹丢失，我们三倍理赔，请加QQ 88776655 并下载会议App共享屏幕，联系电话 13812345678"
    outcome = await group.say(scam)
    assert len(outcome.replies) == 1
    warning = outcome.replies[0]
    assert warning.text.startswith("🚨")
    assert "88776655" not in warning.text and "13812345678" not in warning.text
    assert warning.buttons == ()


async def test_group_commands_for_other_bots_are_ignored_and_private_ones_redirected(group):
    assert (await group.say("/weather@otherbot")).replies == []
    assert "private" in (await group.say("/forget")).replies[0].text


async def test_group_check_as_a_reply_answers_without_quoting(group):
    outcome = await group.say("/check", reply_to_text=SCAM_EN + " call +1 202 555 0147", reply_to_message_id=3)
    assert outcome.replies[0].text.startswith("🚨")
    assert "555 0147" not in outcome.replies[0].text
    assert outcome.replies[0].reply_to_message_id == 3


async def test_bot_added_introduces_itself_once_and_removal_marks_the_group_inactive(ctx, group):
    added = await group.event("bot_added")
    assert len(added.replies) == 1
    assert "/setprivacy" in added.replies[0].text and "/groupsettings" in added.replies[0].text
    record = await ctx.store.get_group(group.chat_id)
    assert record.scanning and record.alerts and record.active
    removed = await group.event("bot_removed")
    assert removed.replies == []
    assert not (await ctx.store.get_group(group.chat_id)).active


async def test_channel_posts_are_ignored(ctx):
    outcome = await handle(Event(kind="message", user_id=USER, chat_id=-5, chat_type="channel", text=SCAM_EN), ctx)
    assert outcome.replies == []


async def test_a_user_blocking_the_bot_marks_them_inactive_without_a_reply(ctx, chat):
    await chat.say("/subscribe")
    assert (await chat.event("bot_removed")).replies == []
    assert not (await ctx.store.get_user(chat.user_id)).active
    assert (await chat.event("bot_added")).replies == []
    assert (await ctx.store.get_user(chat.user_id)).active


async def test_known_users_cost_no_storage_call_per_message_and_lang_changes_apply_at_once(ctx, chat):
    await chat.say("/start")
    calls = []
    real = ctx.store.ensure_user

    async def counting(*args):
        calls.append(args)
        return await real(*args)

    ctx.store.ensure_user = counting
    for _ in range(3):
        await chat.say("/help")
    assert calls == []
    await chat.press("lang:zh-Hant")
    assert "我能做什麼" in (await chat.say("/help")).replies[0].text
