"""Moderator alerts: /broadcast with its preview, Send / Cancel, /broadcasts, and the alert's own buttons.

`alert_reply` and `progress_reply` are what the broadcast sender (bot/broadcasts.py) sends and edits.
The moderator's text goes out exactly as written: parse mode None, nothing added to the text itself.
"""

from __future__ import annotations

from handlers import callbacks
from handlers.events import Button, Outcome, Reply
from handlers.markup import MESSAGE_LIMIT, escape, excerpt, utf16_len
from handlers.ports import BroadcastRecord, Lang
from handlers.request import Request
from handlers.texts import t

LIST_LIMIT = 10
EXCERPT_CHARS = 80


def alert_reply(broadcast_id: int, text: str, lang: Lang) -> Reply:
    """One alert to a subscriber or a group: the text as written, 👍 / 👎 and unsubscribe buttons."""
    return Reply(text, parse_mode=None, buttons=(
        (Button(t("btn.useful", lang), callbacks.data("al", "up", broadcast_id)),
         Button(t("btn.not_useful", lang), callbacks.data("al", "down", broadcast_id))),
        (Button(t("btn.unsubscribe", lang), callbacks.data("al", "unsub", broadcast_id)),),
    ))


def _counts(record: BroadcastRecord) -> dict[str, object]:
    return {"id": record.id, "sent": f"{record.sent:,}", "total": f"{record.total:,}",
            "blocked": f"{record.blocked:,}", "failed": f"{record.failed:,}",
            "useful": f"{record.useful:,}", "not_useful": f"{record.not_useful:,}"}


def progress_reply(record: BroadcastRecord, lang: Lang, final: bool) -> Reply:
    """The edit of the moderator's preview message: progress while sending, the summary at the end."""
    head = t("broadcast.final" if final else "broadcast.progress", lang, **_counts(record))
    body = t("broadcast.excerpt", lang, excerpt=escape(excerpt(record.text, EXCERPT_CHARS)))
    return Reply(head + "\n" + body, chat_id=record.preview_chat_id, edit_message_id=record.preview_message_id)


async def broadcast(req: Request, raw_text: str) -> Outcome:
    """/broadcast TEXT: one preview message with Send / Cancel; nothing goes out before Send."""
    if not raw_text.strip():
        return req.answer("broadcast.usage")
    length = utf16_len(raw_text)
    if length > MESSAGE_LIMIT:
        return req.answer("broadcast.too_long", length=f"{length:,}", limit=f"{MESSAGE_LIMIT:,}")
    record = await req.ctx.store.create_broadcast(req.event.user_id, raw_text, req.event.chat_id)
    await req.ctx.store.audit(req.event.user_id, "broadcast.draft", f"#{record.id}")
    buttons = ((req.button("btn.send", callbacks.data("bc", "send", record.id)),
                req.button("btn.cancel", callbacks.data("bc", "cancel", record.id))),)
    # The preview is HTML with the alert escaped inside it: the alert itself will go out as plain text.
    # A long alert makes the preview split into parts; the buttons stay under the last one.
    return Outcome([req.reply("broadcast.preview", buttons=buttons, id=record.id, text=escape(raw_text))])


async def on_preview_button(req: Request, action: str, broadcast_id: int) -> Outcome:
    """bc:send / bc:cancel; the store makes a second Send a no-op (start_broadcast returns None)."""
    moderator = req.event.user_id
    if action == "send":
        if req.event.callback_message_id is not None:
            await req.ctx.store.set_broadcast_preview(broadcast_id, req.event.callback_message_id)
        record = await req.ctx.store.start_broadcast(broadcast_id, moderator)
        if record is None:
            return req.toast("broadcast.already", alert=True, id=broadcast_id)
        await req.ctx.store.audit(moderator, "broadcast.send", f"#{broadcast_id} to {record.total}")
        if req.ctx.broadcaster is not None:
            req.ctx.broadcaster.wake()
        edit = progress_reply(record, req.lang, final=record.total == 0)
        return Outcome([Reply(edit.text, edit_message_id=req.event.callback_message_id)], callback_answer="")
    if action == "cancel":
        record = await req.ctx.store.cancel_broadcast(broadcast_id, moderator)
        if record is None:
            return req.toast("broadcast.already", alert=True, id=broadcast_id)
        await req.ctx.store.audit(moderator, "broadcast.cancel", f"#{broadcast_id}")
        return Outcome([req.edit(req.text("broadcast.cancelled", id=broadcast_id))], callback_answer="")
    return req.toast("unknown.callback")


async def broadcasts(req: Request) -> Outcome:
    records = await req.ctx.store.list_broadcasts(LIST_LIMIT)
    if not records:
        return req.answer("broadcasts.none")
    lines = [req.text("broadcasts.head")]
    for record in records:
        lines.append(req.text("broadcasts.line", date=record.created_at.strftime("%Y-%m-%d"),
                              status=req.text("status." + record.status),
                              excerpt=escape(excerpt(record.text, EXCERPT_CHARS)), **_counts(record)))
    return Outcome([Reply("\n\n".join(lines))])


async def on_alert_button(req: Request, action: str, broadcast_id: int) -> Outcome:
    """al:up / al:down (one vote per user, the last one counts; only in a chat the alert reached) and
    al:unsub."""
    if action in ("up", "down"):
        if not await req.ctx.store.record_feedback(broadcast_id, req.event.chat_id, req.event.user_id, action == "up"):
            return req.toast("unknown.callback")
        return req.toast("alert.voted")
    if action == "unsub":
        if req.private:
            await req.ctx.store.set_subscribed(req.event.user_id, False)
            return Outcome([req.reply("subscribe.off")], callback_answer="")
        if not req.event.sender_is_chat_admin:
            return req.toast("group.admins_only", alert=True)
        await req.ctx.store.set_group_settings(req.event.chat_id, alerts=False)
        return Outcome([req.reply("alert.group_off")], callback_answer="")
    return req.toast("unknown.callback")
