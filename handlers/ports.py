"""The services a handler may call, as protocols. `bot/` provides the implementations.

Handlers never see a database driver, a scheduler or a Telegram framework: they read and change state
only through these methods. Every record is plain data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

Lang = Literal["zh-Hans", "zh-Hant", "en"]


@dataclass(frozen=True, slots=True)
class UserRecord:
    user_id: int
    language: Lang | None
    subscribed: bool
    active: bool  # False once Telegram answered 403 (blocked)
    created_at: dt.datetime
    region: str | None = None  # chosen with /region (knowledge.regions.REGIONS)


@dataclass(frozen=True, slots=True)
class GroupRecord:
    chat_id: int
    scanning: bool
    alerts: bool
    active: bool


@dataclass(frozen=True, slots=True)
class ReminderRecord:
    user_id: int
    interval_days: int  # 30, 60, 90 or 180
    hour: int  # local time of day
    minute: int
    timezone: str  # IANA name, e.g. "Asia/Shanghai"
    next_due: dt.datetime  # UTC


@dataclass(frozen=True, slots=True)
class ReportRecord:
    id: int
    reporter_id: int
    text_redacted: str
    verdict: str
    pattern_ids: tuple[str, ...]
    status: Literal["pending", "approved", "rejected"]
    created_at: dt.datetime
    pattern_id: str | None = None  # the pattern it was added to or created as, once approved


@dataclass(frozen=True, slots=True)
class BroadcastRecord:
    id: int
    moderator_id: int
    text: str
    status: Literal["draft", "sending", "done", "cancelled"]
    created_at: dt.datetime
    total: int = 0
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    useful: int = 0
    not_useful: int = 0
    preview_chat_id: int | None = None
    preview_message_id: int | None = None


@dataclass(frozen=True, slots=True)
class StatsRecord:
    """Counters only: no text of any checked message is kept."""

    checks_per_day: dict[dt.date, int]
    verdicts: dict[str, int]  # scam / suspicious / no_match over the period
    top_patterns: list[tuple[str, int]]
    reports: dict[str, int]  # pending / approved / rejected
    extra: dict[str, Any] = field(default_factory=dict)


class Store(Protocol):
    # users
    async def get_user(self, user_id: int) -> UserRecord | None: ...
    async def ensure_user(self, user_id: int, language: Lang | None) -> tuple[UserRecord, bool]:
        """Create the user if absent; returns the record and whether it was created now."""
    async def set_language(self, user_id: int, language: Lang) -> None: ...
    async def set_region(self, user_id: int, region: str | None) -> None:
        """The place the user's answers are written for; None to let each question tell."""
    async def set_subscribed(self, user_id: int, subscribed: bool) -> None: ...
    async def set_active(self, chat_id: int, active: bool) -> None:
        """Mark a user or group (re)activated or inactive (403)."""
    async def forget_user(self, user_id: int) -> None:
        """Delete the user's row, reminder, subscription, feedback and the reports they filed."""

    # groups
    async def ensure_group(self, chat_id: int) -> tuple[GroupRecord, bool]: ...
    async def get_group(self, chat_id: int) -> GroupRecord | None: ...
    async def set_group_settings(self, chat_id: int, *, scanning: bool | None = None, alerts: bool | None = None) -> GroupRecord: ...

    # security check-ups (reminders)
    async def get_reminder(self, user_id: int) -> ReminderRecord | None: ...
    async def set_reminder(self, user_id: int, interval_days: int, hour: int, minute: int, timezone: str) -> ReminderRecord: ...
    async def snooze_reminder(self, user_id: int, until: dt.datetime) -> None: ...
    async def complete_reminder(self, user_id: int) -> ReminderRecord | None:
        """The user pressed Done: schedule the next one a full interval from now."""
    async def delete_reminder(self, user_id: int) -> None: ...

    # community reports
    async def add_report(self, reporter_id: int, text_redacted: str, verdict: str, pattern_ids: list[str]) -> ReportRecord: ...
    async def pending_reports(self, limit: int = 10) -> list[ReportRecord]: ...
    async def decide_report(self, report_id: int, moderator_id: int, approve: bool, pattern_id: str | None = None) -> ReportRecord | None:
        """Returns None when the report does not exist or was already decided (no double decision)."""
    async def add_db_pattern(self, pattern: dict[str, Any], moderator_id: int) -> str:
        """Store a pattern (catalog format) or an example for an existing one; returns its id."""
    async def db_patterns(self) -> list[dict[str, Any]]: ...

    # broadcasts
    async def create_broadcast(self, moderator_id: int, text: str, preview_chat_id: int) -> BroadcastRecord: ...
    async def set_broadcast_preview(self, broadcast_id: int, message_id: int) -> None: ...
    async def start_broadcast(self, broadcast_id: int, moderator_id: int) -> BroadcastRecord | None:
        """Create one delivery row per active subscriber and alert-enabled group, once.

        Returns None when the broadcast is not a draft any more (Send pressed twice, or cancelled).
        """
    async def cancel_broadcast(self, broadcast_id: int, moderator_id: int) -> BroadcastRecord | None: ...
    async def get_broadcast(self, broadcast_id: int) -> BroadcastRecord | None: ...
    async def list_broadcasts(self, limit: int = 10) -> list[BroadcastRecord]: ...
    async def record_feedback(self, broadcast_id: int, chat_id: int, user_id: int, useful: bool) -> bool:
        """One vote per user per broadcast, counted (True) only from a chat the alert was sent to; a second
        vote replaces the first."""

    # statistics and audit
    async def record_check(self, verdict: str, pattern_ids: list[str], source: str) -> None:
        """Count one check by day, verdict and pattern; `source` is text / image / group."""
    async def stats(self, days: int = 30) -> StatsRecord: ...
    async def audit(self, moderator_id: int, action: str, detail: str = "") -> None: ...


class Broadcaster(Protocol):
    """Wakes the delivery sender after a broadcast was started (it also resumes by itself)."""

    def wake(self) -> None: ...


class ImageReader(Protocol):
    """Offline OCR: returns the recognised text and a confidence in 0..1, off the event loop."""

    async def read(self, image: bytes) -> tuple[str, float]: ...


class ChartRenderer(Protocol):
    def render_stats(self, stats: StatsRecord, lang: Lang) -> bytes | None:
        """A PNG of the last 30 days, or None when charts are not installed."""


class ConsoleLinks(Protocol):
    """Signs one-time sign-in links to the moderators' web console (`bot.web.logins`)."""

    minutes: int  # how long a link stays valid

    def link(self, user_id: int) -> str: ...


class PatternSink(Protocol):
    """Lets the running detector pick up an approved pattern without a restart."""

    def reload(self, db_patterns: list[dict[str, Any]]) -> None: ...
