"""Security check-ups: the /remind dialogue (interval → time of day → time zone) and the check-up itself.

A check-up is a periodic look at the accounts, not a schedule for changing passwords: current guidance (NIST
SP 800-63B-4, the UK NCSC) is against forced periodic changes, so it asks whether a password was reused,
named in a breach, phished or shared, and whether passkeys, app-based two-step login and the logged-in
devices are in order. `reminder_reply` is the message the job sends; its Checked / Tomorrow / Stop buttons
come back here.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from handlers import callbacks
from handlers.events import Button, Outcome, Reply
from handlers.ports import Lang, ReminderRecord
from handlers.request import Request
from handlers.texts import t

INTERVALS = (30, 60, 90, 180)
TIMES = ("09:00", "12:00", "18:00", "20:00", "21:30")
ZONES = ("Asia/Shanghai", "Asia/Taipei", "Asia/Hong_Kong", "Asia/Singapore", "Europe/London",
         "America/New_York", "America/Los_Angeles", "Australia/Sydney", "UTC")
# The zone offered first to a user who has not chosen one, by language.
FIRST_ZONE: dict[Lang, str] = {"zh-Hans": "Asia/Shanghai", "zh-Hant": "Asia/Taipei", "en": "Europe/London"}
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def reminder_reply(lang: Lang) -> Reply:
    """The check-up message: the checks with Checked / Remind me tomorrow / Stop."""
    return Reply(t("remind.checklist", lang), buttons=(
        (Button(t("btn.remind_done", lang), callbacks.data("rem", "done")),
         Button(t("btn.remind_tomorrow", lang), callbacks.data("rem", "later"))),
        (Button(t("btn.remind_stop", lang), callbacks.data("rem", "stop")),),
    ))


def _parse_zone(name: str) -> str | None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name


def _local(when: dt.datetime, zone: str) -> str:
    return when.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")


def _describe(req: Request, record: ReminderRecord, key: str) -> str:
    return req.text(key, days=record.interval_days, time=f"{record.hour:02d}:{record.minute:02d}",
                    zone=record.timezone, next=_local(record.next_due, record.timezone))


def _interval_buttons(req: Request) -> tuple[tuple[Button, ...], ...]:
    days = tuple(req.button("btn.days", callbacks.data("rem", "i", d), days=d) for d in INTERVALS)
    return (days, (req.button("btn.off", callbacks.data("rem", "off")),))


async def remind(req: Request) -> Outcome:
    """/remind: buttons; `/remind 90 20:00 Europe/London` or `/remind off` set it directly."""
    args = req.args.split()
    if args:
        return await _typed(req, args)
    text = req.text("remind.choose_interval")
    current = await req.ctx.store.get_reminder(req.event.user_id)
    if current is not None:
        text += "\n" + _describe(req, current, "remind.current")
    return Outcome([Reply(text, buttons=_interval_buttons(req))])


async def _typed(req: Request, args: list[str]) -> Outcome:
    if args[0].lower() in ("off", "stop", "0"):
        await req.ctx.store.delete_reminder(req.event.user_id)
        return req.answer("remind.off")
    days = int(args[0]) if args[0].isdigit() else None
    moment = _TIME.match(args[1]) if len(args) > 1 else _TIME.match(TIMES[3])
    zone = _parse_zone(args[2]) if len(args) > 2 else FIRST_ZONE[req.lang]
    if days not in INTERVALS or moment is None or zone is None or len(args) > 3:
        return req.answer("remind.usage")
    return await _set(req, days, int(moment.group(1)), int(moment.group(2)), zone, edit=False)


async def _set(req: Request, days: int, hour: int, minute: int, zone: str, edit: bool) -> Outcome:
    record = await req.ctx.store.set_reminder(req.event.user_id, days, hour, minute, zone)
    text = _describe(req, record, "remind.set")
    return Outcome([req.edit(text) if edit else Reply(text)], callback_answer="" if edit else None)


async def on_button(req: Request, parts: list[str]) -> Outcome:
    """rem:i:<days> → times; rem:t:<days>:<HHMM> → zones; rem:z:<days>:<HHMM>:<zone> → set;
    rem:off; and the reminder's own rem:done / rem:later / rem:stop."""
    action, rest = parts[0], parts[1:]
    user_id = req.event.user_id
    if action == "i" and len(rest) == 1 and rest[0].isdigit() and int(rest[0]) in INTERVALS:
        days = int(rest[0])
        times = [Button(hhmm, callbacks.data("rem", "t", days, hhmm.replace(":", ""))) for hhmm in TIMES]
        return Outcome([req.edit(req.text("remind.choose_time", days=days), (tuple(times),))], callback_answer="")
    if action == "t" and len(rest) == 2 and _valid(rest[0], rest[1]):
        days, hhmm = int(rest[0]), rest[1]
        order = [FIRST_ZONE[req.lang]] + [zone for zone in ZONES if zone != FIRST_ZONE[req.lang]]
        rows = [tuple(Button(zone.split("/")[-1].replace("_", " "), callbacks.data("rem", "z", days, hhmm, zone))
                      for zone in order[i:i + 3]) for i in range(0, len(order), 3)]
        label = f"{hhmm[:2]}:{hhmm[2:]}"
        return Outcome([req.edit(req.text("remind.choose_zone", days=days, time=label), tuple(rows))],
                       callback_answer="")
    if action == "z" and len(rest) == 3 and _valid(rest[0], rest[1]) and _parse_zone(rest[2]):
        return await _set(req, int(rest[0]), int(rest[1][:2]), int(rest[1][2:]), rest[2], edit=True)
    if action in ("off", "stop"):
        await req.ctx.store.delete_reminder(user_id)
        return Outcome([req.edit(req.text("remind.off"))], callback_answer="")
    if action == "done":
        record = await req.ctx.store.complete_reminder(user_id)
        if record is None:
            return Outcome([req.edit(req.text("remind.none"))], callback_answer="")
        return Outcome([req.edit(req.text("remind.done", next=_local(record.next_due, record.timezone)))],
                       callback_answer="")
    if action == "later":
        if await req.ctx.store.get_reminder(user_id) is None:
            return Outcome([req.edit(req.text("remind.none"))], callback_answer="")
        await req.ctx.store.snooze_reminder(user_id, req.ctx.clock() + dt.timedelta(days=1))
        return Outcome([req.edit(req.text("remind.tomorrow"))], callback_answer="")
    return req.toast("unknown.callback")


def _valid(days: str, hhmm: str) -> bool:
    return (days.isdigit() and int(days) in INTERVALS and len(hhmm) == 4 and hhmm.isdigit()
            and int(hhmm[:2]) < 24 and int(hhmm[2:]) < 60)
