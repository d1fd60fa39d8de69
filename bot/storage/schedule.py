"""When a security check-up is due: a local time of day in the user's IANA zone, stored in UTC."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

INTERVALS = (30, 60, 90, 180)


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r}; use an IANA name such as Asia/Shanghai") from exc


def validate(interval_days: int, hour: int, minute: int, timezone: str) -> None:
    if interval_days not in INTERVALS:
        raise ValueError(f"interval must be one of {INTERVALS} days, not {interval_days}")
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError(f"time of day {hour}:{minute:02d} is not a valid HH:MM")
    zone(timezone)


def next_due(after: dt.datetime, interval_days: int, hour: int, minute: int, timezone: str) -> dt.datetime:
    """`interval_days` local calendar days after `after`, at hour:minute local time, in UTC.

    Counting calendar days in the local zone keeps the reminder at the chosen local time across
    daylight-saving changes; a time that does not exist that day (spring forward) moves forward.
    """
    tz = zone(timezone)
    local_day = after.astimezone(tz).date() + dt.timedelta(days=interval_days)
    local = dt.datetime.combine(local_day, dt.time(hour, minute), tzinfo=tz)
    return local.astimezone(dt.timezone.utc)
