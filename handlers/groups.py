"""The bot in groups: introduce once when added, stay quiet, warn only on high-confidence scams.

A group's settings are read through a one-minute cache, so ordinary chat costs no database round trip per
message; a change made with /groupsettings in this process is seen at once, in others within a minute.
"""

from __future__ import annotations

import datetime as dt

from handlers import callbacks
from handlers.checking import record_check
from handlers.events import Button, Outcome, Reply
from handlers.markup import clean
from handlers.ports import GroupRecord
from handlers.request import Request
from handlers.verdicts import group_warning

GROUP_MIN_SCORE = 0.8  # reply only to verdict "scam" at or above this score
CACHE_SECONDS = 60
CACHE_MAX = 10_000


def _cache(req: Request) -> dict[int, tuple[dt.datetime, GroupRecord]]:
    return req.ctx.state.setdefault("group_settings", {})


def _remember(req: Request, group: GroupRecord) -> GroupRecord:
    cache = _cache(req)
    if len(cache) >= CACHE_MAX:
        cache.clear()
    cache[group.chat_id] = (req.ctx.clock(), group)
    return group


async def group_settings(req: Request) -> GroupRecord:
    cached = _cache(req).get(req.event.chat_id)
    if cached and req.ctx.clock() - cached[0] < dt.timedelta(seconds=CACHE_SECONDS):
        return cached[1]
    group, _ = await req.ctx.store.ensure_group(req.event.chat_id)
    return _remember(req, group)


async def on_added(req: Request) -> Outcome:
    group, _ = await req.ctx.store.ensure_group(req.event.chat_id)
    if not group.active:
        await req.ctx.store.set_active(req.event.chat_id, True)
    _cache(req).pop(req.event.chat_id, None)
    return req.answer("group.intro")


async def on_removed(req: Request) -> Outcome:
    await req.ctx.store.set_active(req.event.chat_id, False)
    _cache(req).pop(req.event.chat_id, None)
    return Outcome()


async def scan(req: Request) -> Outcome:
    """An ordinary group message: silence, unless scanning is on and it is a scam with high confidence."""
    text = clean(req.event.text or "")
    if not text.strip():
        return Outcome()
    group = await group_settings(req)
    if not group.scanning:
        return Outcome()
    verdict = req.ctx.detector.current.check(text[: req.ctx.limits.max_text_chars])
    if verdict.verdict == "no_match":
        return Outcome()
    await record_check(req, verdict.verdict, [hit.id for hit in verdict.patterns], "group")
    if verdict.verdict != "scam" or verdict.score < GROUP_MIN_SCORE or not verdict.patterns:
        return Outcome()
    return Outcome([Reply(group_warning(verdict, req.lang), reply_to_message_id=req.event.message_id)])


async def check_in_group(req: Request, text: str | None, reply_to: int | None) -> Outcome:
    """/check asked for in a group: the group-safe answer (no quotes), for whatever the verdict."""
    text = clean(text or "")
    if not text.strip():
        return req.answer("check.usage")
    verdict = req.ctx.detector.current.check(text[: req.ctx.limits.max_text_chars])
    await record_check(req, verdict.verdict, [hit.id for hit in verdict.patterns], "group")
    if verdict.verdict == "no_match" or not verdict.patterns:
        body = req.text("group.no_scam")
    else:
        body = group_warning(verdict, req.lang)
        if verdict.verdict == "suspicious":
            body = "⚠️" + body.removeprefix("🚨")
    return Outcome([Reply(body, reply_to_message_id=reply_to or req.event.message_id)])


def _settings_message(req: Request, group: GroupRecord, edit: bool) -> Reply:
    def state(on: bool) -> str:
        return req.text("on" if on else "off")

    def turn(on: bool) -> str:
        return req.text("turn.off" if on else "turn.on")

    buttons = ((Button(req.text("btn.toggle_scanning", state=turn(group.scanning)),
                       callbacks.data("gs", "scan", int(not group.scanning))),
                Button(req.text("btn.toggle_alerts", state=turn(group.alerts)),
                       callbacks.data("gs", "alerts", int(not group.alerts)))),)
    text = req.text("group.settings", scanning=state(group.scanning), alerts=state(group.alerts))
    return req.edit(text, buttons) if edit else Reply(text, buttons=buttons)


async def settings_command(req: Request) -> Outcome:
    if req.private:
        return req.answer("group.only")
    if not req.event.sender_is_chat_admin:
        return req.answer("group.admins_only")
    group, _ = await req.ctx.store.ensure_group(req.event.chat_id)
    return Outcome([_settings_message(req, _remember(req, group), edit=False)])


async def on_settings_button(req: Request, what: str, value: str) -> Outcome:
    if req.private or what not in ("scan", "alerts") or value not in ("0", "1"):
        return req.toast("unknown.callback")
    if not req.event.sender_is_chat_admin:
        return req.toast("group.admins_only", alert=True)
    on = value == "1"
    if what == "scan":
        group = await req.ctx.store.set_group_settings(req.event.chat_id, scanning=on)
    else:
        group = await req.ctx.store.set_group_settings(req.event.chat_id, alerts=on)
    return Outcome([_settings_message(req, _remember(req, group), edit=True)], callback_answer="")
