"""handlers.broadcasts: /broadcast preview, Send / Cancel, /broadcasts, alert and progress replies."""

from __future__ import annotations

import datetime as dt

from handlers.broadcasts import alert_reply, progress_reply
from handlers.ports import BroadcastRecord
from handlers.texts import LANGS, t
from support.handler_chat import GROUP, Chat, button

ALERT = "⚠️ New scam: fake <SF Express> “compensation” calls & links.\n\n  Don't add anyone on QQ!  "


class Waker:
    def __init__(self) -> None:
        self.woken = 0

    def wake(self) -> None:
        self.woken += 1


async def test_a_non_moderator_broadcast_reaches_nobody(chat, ctx):
    outcome = await chat.say("/broadcast " + ALERT)
    assert "moderators only" in outcome.replies[0].text
    assert outcome.replies[0].buttons == ()
    assert await ctx.store.list_broadcasts() == []
    assert (await chat.press("bc:send:1")).callback_alert


async def test_preview_then_send_queues_one_delivery_per_subscriber_and_group_once(ctx, moderator, chat):
    ctx.broadcaster = Waker()
    await chat.say("/subscribe")
    await ctx.store.ensure_group(GROUP)
    await moderator.say("/start")
    preview = (await moderator.say("/broadcast " + ALERT)).replies
    assert len(preview) == 1
    assert "&lt;SF Express&gt;" in preview[0].text  # the preview shows the text, escaped for HTML
    send = button(preview[0], "bc:send")
    assert send.text == "✅ Send" and button(preview[0], "bc:cancel").text == "✖️ Cancel"
    sent = await moderator.press(send, message_id=555)
    assert sent.replies[0].edit_message_id == 555
    assert "0 / 2 sent" in sent.replies[0].text
    assert ctx.broadcaster.woken == 1
    record = (await ctx.store.list_broadcasts())[0]
    assert record.text == ALERT  # stored exactly as written
    assert (record.total, record.status, record.preview_message_id) == (2, "sending", 555)
    twice = await moderator.press(send, message_id=555)
    assert twice.replies == [] and "already" in twice.callback_answer
    assert ctx.broadcaster.woken == 1
    assert (await ctx.store.get_broadcast(record.id)).total == 2


async def test_the_alert_text_is_kept_exactly_with_leading_and_trailing_space(ctx, moderator):
    await moderator.say("/broadcast " + ALERT)
    assert (await ctx.store.list_broadcasts())[0].text == ALERT


async def test_cancel_sends_nothing_and_send_after_cancel_is_refused(ctx, moderator):
    preview = (await moderator.say("/broadcast " + ALERT)).replies[0]
    cancelled = await moderator.press(button(preview, "bc:cancel"))
    assert cancelled.replies[0].text.startswith("✖️")
    assert "already" in (await moderator.press(button(preview, "bc:send"))).callback_answer
    assert (await ctx.store.list_broadcasts())[0].status == "cancelled"


async def test_empty_and_over_long_alerts_get_a_clear_answer_and_create_nothing(ctx, moderator):
    assert "/broadcast" in (await moderator.say("/broadcast")).replies[0].text
    assert "/broadcast" in (await moderator.say("/broadcast    \n ")).replies[0].text
    too_long = await moderator.say("/broadcast " + "x" * 4097)
    assert "4,097" in too_long.replies[0].text and "4,096" in too_long.replies[0].text
    emoji = await moderator.say("/broadcast " + "😀" * 2049)  # 4,098 UTF-16 units, as Telegram counts
    assert "4,098" in emoji.replies[0].text
    assert await ctx.store.list_broadcasts() == []


async def test_preview_buttons_in_chinese(ctx):
    for code, send, cancel in (("zh-hans", "✅ 发送", "✖️ 取消"), ("zh-hant", "✅ 發送", "✖️ 取消")):
        moderator = Chat(ctx, user_id=9001, chat_id=9001, language_code=code)
        await moderator.press("forget:yes")  # so the next message takes the client's language again
        preview = (await moderator.say("/broadcast " + ALERT)).replies[0]
        assert [b.text for b in preview.buttons[0]] == [send, cancel]


def test_alert_reply_is_the_text_exactly_as_written_with_vote_and_unsubscribe_buttons():
    for lang in LANGS:
        reply = alert_reply(12, ALERT, lang)
        assert reply.text == ALERT and reply.parse_mode is None
        assert [b.callback_data for row in reply.buttons for b in row] == ["al:up:12", "al:down:12", "al:unsub:12"]


def test_progress_reply_counts_and_final_summary():
    record = BroadcastRecord(id=3, moderator_id=1, text=ALERT, status="sending", created_at=dt.datetime.now(),
                             total=10_000, sent=1_234, blocked=3, failed=1, useful=7, not_useful=2,
                             preview_chat_id=9001, preview_message_id=77)
    progress = progress_reply(record, "en", final=False)
    assert "1,234 / 10,000 sent · 3 blocked" in progress.text
    assert (progress.chat_id, progress.edit_message_id) == (9001, 77)
    final = progress_reply(record, "zh-Hant", final=True)
    assert final.text.startswith("✅") and "👍 7" in final.text and "&lt;SF Express&gt;" in final.text


async def sent_alert(ctx, moderator) -> int:
    """An alert the moderator sent, delivered to every recipient (as the sender marks it)."""
    preview = (await moderator.say("/broadcast " + ALERT)).replies[0]
    await moderator.press(button(preview, "bc:send"))
    for claim in await ctx.store.claim_deliveries(100, 60):
        await ctx.store.delivery_sent(claim.id)
    return (await ctx.store.list_broadcasts())[0].id


async def test_votes_count_once_per_user_and_unsubscribe_from_an_alert(ctx, chat, moderator):
    await chat.say("/subscribe")
    broadcast_id = await sent_alert(ctx, moderator)
    assert (await chat.press(f"al:up:{broadcast_id}")).callback_answer == t("alert.voted", "en")
    await chat.press(f"al:down:{broadcast_id}")
    record = await ctx.store.get_broadcast(broadcast_id)
    assert (record.useful, record.not_useful) == (0, 1)
    unsub = await chat.press(f"al:unsub:{broadcast_id}")
    assert unsub.replies[0].text.startswith("🔕")
    assert not (await ctx.store.get_user(chat.user_id)).subscribed


async def test_votes_only_from_recipients_of_a_sent_alert(ctx, chat, moderator, group):
    await ctx.store.ensure_group(group.chat_id)
    outsider = Chat(ctx, user_id=chat.user_id + 50, chat_id=chat.user_id + 50)
    draft = (await moderator.say("/broadcast " + ALERT)).replies[0]
    draft_id = int(button(draft, "bc:send").callback_data.split(":")[2])
    await chat.say("/subscribe")
    assert (await chat.press(f"al:up:{draft_id}")).callback_answer == t("unknown.callback", "en")  # a draft
    broadcast_id = await sent_alert(ctx, moderator)
    assert broadcast_id != draft_id
    assert (await outsider.press(f"al:down:{broadcast_id}")).callback_answer == t("unknown.callback", "en")
    assert (await chat.press(f"al:up:{broadcast_id + 999}")).callback_answer == t("unknown.callback", "en")
    member = Chat(ctx, user_id=outsider.user_id + 1, chat_id=group.chat_id, chat_type="supergroup")
    assert (await member.press(f"al:down:{broadcast_id}")).callback_answer == t("alert.voted", "en")
    assert (await chat.press(f"al:up:{broadcast_id}")).callback_answer == t("alert.voted", "en")
    record = await ctx.store.get_broadcast(broadcast_id)
    assert (record.useful, record.not_useful) == (1, 1)
    assert (await ctx.store.get_broadcast(draft_id)).useful == 0


async def test_unsubscribe_in_a_group_needs_an_admin(ctx, group):
    await ctx.store.ensure_group(group.chat_id)
    refused = await group.press("al:unsub:1", sender_is_chat_admin=False)
    assert refused.callback_alert and (await ctx.store.get_group(group.chat_id)).alerts
    done = await group.press("al:unsub:1", sender_is_chat_admin=True)
    assert done.replies[0].text.startswith("🔕")
    assert not (await ctx.store.get_group(group.chat_id)).alerts


async def test_broadcasts_lists_past_alerts_with_counts(ctx, moderator, chat):
    assert "No alerts" in (await moderator.say("/broadcasts")).replies[0].text
    await moderator.say("/broadcast " + ALERT)
    listing = (await moderator.say("/broadcasts")).replies[0].text
    assert "#1" in listing and "draft" in listing and "0/0 sent" in listing
    assert "moderators only" in (await chat.say("/broadcasts")).replies[0].text
