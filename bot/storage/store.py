"""`SqlStore`: the `handlers.ports.Store` protocol on SQLite or PostgreSQL, plus the work queues.

Every method is one transaction (see `Database`). The delivery and reminder queues the sender and the
reminder job drain live in `bot.storage.queues`, the update inbox in `bot.storage.inbox`; purges for
retention live here as `purge`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable
from typing import Any

from sqlalchemy import Table, delete, exists, func, insert, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.storage import schedule
from bot.storage.database import Database
from bot.storage.engine import unbounded
from bot.storage.models import (
    AuditEntry,
    Broadcast,
    CheckCount,
    DbPattern,
    Delivery,
    Feedback,
    Group,
    Reminder,
    Report,
    User,
    utc_now,
)
from bot.storage.inbox import INBOX, InboxMixin
from bot.storage.queues import QueueMixin
from handlers.ports import BroadcastRecord, GroupRecord, Lang, ReminderRecord, ReportRecord, StatsRecord, UserRecord

USERS: Table = User.__table__  # type: ignore[attr-defined]
GROUPS: Table = Group.__table__  # type: ignore[attr-defined]
REMINDERS: Table = Reminder.__table__  # type: ignore[attr-defined]
REPORTS: Table = Report.__table__  # type: ignore[attr-defined]
PATTERNS: Table = DbPattern.__table__  # type: ignore[attr-defined]
BROADCASTS: Table = Broadcast.__table__  # type: ignore[attr-defined]
DELIVERIES: Table = Delivery.__table__  # type: ignore[attr-defined]
FEEDBACK: Table = Feedback.__table__  # type: ignore[attr-defined]
COUNTS: Table = CheckCount.__table__  # type: ignore[attr-defined]
AUDIT: Table = AuditEntry.__table__  # type: ignore[attr-defined]

log = logging.getLogger(__name__)

COUNT_FLUSH_SECONDS = 1.0  # how long check counts wait in memory before one write adds them up
DEFAULT_LANGUAGE: Lang = "zh-Hans"  # for alerts and reminders to someone whose language is unknown
MAX_ALERT_CHARS = 4096  # Telegram's limit for one message
INBOX_KEEP = dt.timedelta(days=2)  # inbox rows older than this go, handled or not


def _storable(text: str) -> str:
    """PostgreSQL text cannot hold NUL; it is replaced so the same text fits both databases."""
    return text.replace("\x00", "\ufffd")


def _user(row: Any) -> UserRecord:
    return UserRecord(row.user_id, row.language, row.subscribed, row.active, row.created_at, row.region)


def _group(row: Any) -> GroupRecord:
    return GroupRecord(row.chat_id, row.scanning, row.alerts, row.active)


def _reminder(row: Any) -> ReminderRecord:
    return ReminderRecord(row.user_id, row.interval_days, row.hour, row.minute, row.timezone, row.next_due)


def _report(row: Any) -> ReportRecord:
    return ReportRecord(row.id, row.reporter_id, row.text_redacted, row.verdict, tuple(row.pattern_ids), row.status,
                        row.created_at, row.pattern_id)


class SqlStore(QueueMixin, InboxMixin, Database):
    def __init__(self, engine: AsyncEngine, *, clock: Callable[[], dt.datetime] = utc_now, **kwargs: Any) -> None:
        super().__init__(engine, **kwargs)
        self.clock = clock
        self._pending_counts: Counter[tuple[dt.date, str, str]] = Counter()
        self._flush_task: asyncio.Task[None] | None = None

    async def close(self) -> None:
        if self._flush_task is not None:
            self._flush_task.cancel()
        try:
            await self.flush_counts()
        except Exception:
            log.warning("check counters of the last second were not written at shutdown", exc_info=True)
        await super().close()

    def _insert(self, table: Table) -> Any:
        """INSERT with ON CONFLICT support for the dialect in use."""
        return (postgresql.insert if self.postgres else sqlite.insert)(table)

    # ----- users ------------------------------------------------------------------------------------
    async def get_user(self, user_id: int) -> UserRecord | None:
        async def work(conn: AsyncConnection) -> UserRecord | None:
            row = (await conn.execute(select(USERS).where(USERS.c.user_id == user_id))).first()
            return _user(row) if row else None
        return await self.read(work)

    async def _ensure(self, table: Table, key: str, values: dict[str, Any]) -> tuple[Any, bool]:
        """Insert the row unless its key exists; returns the row as stored and whether it was created now."""
        async def work(conn: AsyncConnection) -> tuple[Any, bool]:
            stmt = self._insert(table).values(created_at=self.clock(), **values).on_conflict_do_nothing(index_elements=[key])
            created = (await conn.execute(stmt)).rowcount == 1
            row = (await conn.execute(select(table).where(table.c[key] == values[key]))).one()
            return row, created
        return await self.write(work)

    async def ensure_user(self, user_id: int, language: Lang | None) -> tuple[UserRecord, bool]:
        row, created = await self._ensure(USERS, "user_id", {"user_id": user_id, "language": language,
                                                              "subscribed": False, "active": True})
        return _user(row), created

    async def _upsert_user(self, user_id: int, **values: Any) -> None:
        async def work(conn: AsyncConnection) -> None:
            stmt = self._insert(USERS).values(user_id=user_id, created_at=self.clock(), **values)
            await conn.execute(stmt.on_conflict_do_update(index_elements=["user_id"], set_=values))
        await self.write(work)

    async def set_language(self, user_id: int, language: Lang) -> None:
        await self._upsert_user(user_id, language=language)

    async def set_region(self, user_id: int, region: str | None) -> None:
        await self._upsert_user(user_id, region=region)

    async def set_subscribed(self, user_id: int, subscribed: bool) -> None:
        await self._upsert_user(user_id, subscribed=subscribed)

    async def set_active(self, chat_id: int, active: bool) -> None:
        async def work(conn: AsyncConnection) -> None:
            await self._set_active(conn, chat_id, active)
        await self.write(work)

    @staticmethod
    async def _set_active(conn: AsyncConnection, chat_id: int, active: bool) -> None:
        await conn.execute(update(USERS).where(USERS.c.user_id == chat_id).values(active=active))
        await conn.execute(update(GROUPS).where(GROUPS.c.chat_id == chat_id).values(active=active))
        if not active:  # a user who blocked the bot gets no more reminders
            await conn.execute(delete(REMINDERS).where(REMINDERS.c.user_id == chat_id))

    async def forget_user(self, user_id: int) -> None:
        """Everything keyed by this user goes: the user row, reminder, votes, alerts to them, their reports."""
        async def work(conn: AsyncConnection) -> None:
            await conn.execute(delete(REMINDERS).where(REMINDERS.c.user_id == user_id))
            await conn.execute(delete(FEEDBACK).where(FEEDBACK.c.user_id == user_id))
            await conn.execute(delete(DELIVERIES).where(DELIVERIES.c.chat_id == user_id))
            await conn.execute(delete(REPORTS).where(REPORTS.c.reporter_id == user_id))
            await conn.execute(delete(USERS).where(USERS.c.user_id == user_id))
        await self.write(work)

    # ----- groups -----------------------------------------------------------------------------------
    async def ensure_group(self, chat_id: int) -> tuple[GroupRecord, bool]:
        row, created = await self._ensure(GROUPS, "chat_id", {"chat_id": chat_id, "scanning": True, "alerts": True,
                                                               "active": True})
        return _group(row), created

    async def get_group(self, chat_id: int) -> GroupRecord | None:
        async def work(conn: AsyncConnection) -> GroupRecord | None:
            row = (await conn.execute(select(GROUPS).where(GROUPS.c.chat_id == chat_id))).first()
            return _group(row) if row else None
        return await self.read(work)

    async def set_group_settings(self, chat_id: int, *, scanning: bool | None = None, alerts: bool | None = None) -> GroupRecord:
        changes = {key: value for key, value in (("scanning", scanning), ("alerts", alerts)) if value is not None}

        async def work(conn: AsyncConnection) -> GroupRecord:
            stmt = self._insert(GROUPS).values({"chat_id": chat_id, "scanning": True, "alerts": True, "active": True,
                                                "created_at": self.clock(), **changes})
            stmt = stmt.on_conflict_do_update(index_elements=["chat_id"], set_=changes) if changes else \
                stmt.on_conflict_do_nothing(index_elements=["chat_id"])
            await conn.execute(stmt)
            return _group((await conn.execute(select(GROUPS).where(GROUPS.c.chat_id == chat_id))).one())
        return await self.write(work)

    # ----- security check-ups -------------------------------------------------------------------------
    async def get_reminder(self, user_id: int) -> ReminderRecord | None:
        async def work(conn: AsyncConnection) -> ReminderRecord | None:
            row = (await conn.execute(select(REMINDERS).where(REMINDERS.c.user_id == user_id))).first()
            return _reminder(row) if row else None
        return await self.read(work)

    async def set_reminder(self, user_id: int, interval_days: int, hour: int, minute: int, timezone: str) -> ReminderRecord:
        """Remind every `interval_days`, the first one `interval_days` from today, at hour:minute local."""
        schedule.validate(interval_days, hour, minute, timezone)
        values = {"interval_days": interval_days, "hour": hour, "minute": minute, "timezone": timezone,
                  "next_due": schedule.next_due(self.clock(), interval_days, hour, minute, timezone), "claimed_at": None}

        async def work(conn: AsyncConnection) -> ReminderRecord:
            stmt = self._insert(REMINDERS).values(user_id=user_id, **values)
            await conn.execute(stmt.on_conflict_do_update(index_elements=["user_id"], set_=values))
            return _reminder((await conn.execute(select(REMINDERS).where(REMINDERS.c.user_id == user_id))).one())
        return await self.write(work)

    async def snooze_reminder(self, user_id: int, until: dt.datetime) -> None:
        async def work(conn: AsyncConnection) -> None:
            await conn.execute(update(REMINDERS).where(REMINDERS.c.user_id == user_id).values(next_due=until, claimed_at=None))
        await self.write(work)

    async def complete_reminder(self, user_id: int) -> ReminderRecord | None:
        async def work(conn: AsyncConnection) -> ReminderRecord | None:
            row = (await conn.execute(select(REMINDERS).where(REMINDERS.c.user_id == user_id))).first()
            if row is None:
                return None
            due = schedule.next_due(self.clock(), row.interval_days, row.hour, row.minute, row.timezone)
            await conn.execute(update(REMINDERS).where(REMINDERS.c.user_id == user_id).values(next_due=due, claimed_at=None))
            return ReminderRecord(row.user_id, row.interval_days, row.hour, row.minute, row.timezone, due)
        return await self.write(work)

    async def delete_reminder(self, user_id: int) -> None:
        async def work(conn: AsyncConnection) -> None:
            await conn.execute(delete(REMINDERS).where(REMINDERS.c.user_id == user_id))
        await self.write(work)

    # ----- community reports ------------------------------------------------------------------------
    async def add_report(self, reporter_id: int, text_redacted: str, verdict: str, pattern_ids: list[str]) -> ReportRecord:
        """Stores exactly what it is given: the handler has already masked personal data."""
        async def work(conn: AsyncConnection) -> ReportRecord:
            stmt = insert(REPORTS).values(reporter_id=reporter_id, text_redacted=_storable(text_redacted), verdict=verdict[:16],
                                          pattern_ids=list(pattern_ids), status="pending", created_at=self.clock())
            return _report((await conn.execute(stmt.returning(*REPORTS.c))).one())
        return await self.write(work)

    async def pending_reports(self, limit: int = 10) -> list[ReportRecord]:
        async def work(conn: AsyncConnection) -> list[ReportRecord]:
            stmt = select(REPORTS).where(REPORTS.c.status == "pending").order_by(REPORTS.c.id).limit(limit)
            return [_report(row) for row in await conn.execute(stmt)]
        return await self.read(work)

    async def decide_report(self, report_id: int, moderator_id: int, approve: bool, pattern_id: str | None = None) -> ReportRecord | None:
        async def work(conn: AsyncConnection) -> ReportRecord | None:
            stmt = (update(REPORTS).where(REPORTS.c.id == report_id, REPORTS.c.status == "pending")
                    .values(status="approved" if approve else "rejected", decided_by=moderator_id,
                            decided_at=self.clock(), pattern_id=pattern_id if approve else None)
                    .returning(*REPORTS.c))
            row = (await conn.execute(stmt)).first()
            return _report(row) if row else None
        return await self.write(work)

    async def add_db_pattern(self, pattern: dict[str, Any], moderator_id: int) -> str:
        """A new pattern (catalog format; given an id `community-N` if it has none; the same id again
        replaces it) or `{"extends": pattern_id, "example": text}`, an example for an existing pattern."""
        if not isinstance(pattern, dict):
            raise ValueError("a pattern is a mapping in catalog format")
        if "extends" in pattern:
            if not isinstance(pattern.get("example"), str) or not pattern["example"].strip():
                raise ValueError("an example needs a non-empty 'example' text")
            kind, pattern_id = "example", str(pattern["extends"])
        else:
            kind, pattern_id = "pattern", str(pattern.get("id") or "")

        async def work(conn: AsyncConnection) -> str:
            now = self.clock()
            if kind == "pattern" and pattern_id:
                replaced = await conn.execute(update(PATTERNS).where(PATTERNS.c.kind == "pattern", PATTERNS.c.pattern_id == pattern_id)
                                              .values(body=dict(pattern), moderator_id=moderator_id, created_at=now))
                if replaced.rowcount:
                    return pattern_id
            stmt = insert(PATTERNS).values(pattern_id=pattern_id or "-", kind=kind, body=dict(pattern),
                                           moderator_id=moderator_id, created_at=now).returning(PATTERNS.c.id)
            row_id = (await conn.execute(stmt)).scalar_one()
            if kind == "pattern" and not pattern_id:
                new_id = f"community-{row_id}"
                await conn.execute(update(PATTERNS).where(PATTERNS.c.id == row_id)
                                   .values(pattern_id=new_id, body={**pattern, "id": new_id}))
                return new_id
            return pattern_id
        return await self.write(work)

    async def db_patterns(self) -> list[dict[str, Any]]:
        async def work(conn: AsyncConnection) -> list[dict[str, Any]]:
            return [row.body for row in await conn.execute(select(PATTERNS.c.body).order_by(PATTERNS.c.id))]
        return await self.read(work)

    # ----- broadcasts -------------------------------------------------------------------------------
    async def create_broadcast(self, moderator_id: int, text: str, preview_chat_id: int) -> BroadcastRecord:
        if not text.strip():
            raise ValueError("an alert needs text")
        if len(text) > MAX_ALERT_CHARS:
            raise ValueError(f"an alert is at most {MAX_ALERT_CHARS} characters, this one has {len(text)}")

        async def work(conn: AsyncConnection) -> BroadcastRecord:
            stmt = insert(BROADCASTS).values(moderator_id=moderator_id, text=_storable(text), status="draft", created_at=self.clock(),
                                             total=0, sent=0, blocked=0, failed=0, preview_chat_id=preview_chat_id)
            row = (await conn.execute(stmt.returning(*BROADCASTS.c))).one()
            return await self._broadcast(conn, row)
        return await self.write(work)

    async def set_broadcast_preview(self, broadcast_id: int, message_id: int) -> None:
        async def work(conn: AsyncConnection) -> None:
            await conn.execute(update(BROADCASTS).where(BROADCASTS.c.id == broadcast_id).values(preview_message_id=message_id))
        await self.write(work)

    async def start_broadcast(self, broadcast_id: int, moderator_id: int) -> BroadcastRecord | None:
        async def work(conn: AsyncConnection) -> BroadcastRecord | None:
            await unbounded(conn)  # one row per subscriber and group: may take longer than a user's statement
            now = self.clock()
            started = (await conn.execute(
                update(BROADCASTS).where(BROADCASTS.c.id == broadcast_id, BROADCASTS.c.status == "draft")
                .values(status="sending", started_at=now).returning(BROADCASTS.c.moderator_id))).first()
            if started is None:
                return None  # already started, cancelled or unknown: nothing is queued twice
            fallback = (await conn.execute(select(USERS.c.language).where(USERS.c.user_id == started.moderator_id))).scalar()
            fallback = fallback or DEFAULT_LANGUAGE
            columns = ["broadcast_id", "chat_id", "language", "status", "attempts", "not_before"]
            subscribers = select(literal(broadcast_id), USERS.c.user_id, func.coalesce(USERS.c.language, fallback),
                                 literal("pending"), literal(0), literal(now, DELIVERIES.c.not_before.type)) \
                .where(USERS.c.subscribed.is_(True), USERS.c.active.is_(True))
            groups = select(literal(broadcast_id), GROUPS.c.chat_id, literal(fallback), literal("pending"), literal(0),
                            literal(now, DELIVERIES.c.not_before.type)) \
                .where(GROUPS.c.alerts.is_(True), GROUPS.c.active.is_(True))
            await conn.execute(insert(DELIVERIES).from_select(columns, subscribers))
            await conn.execute(insert(DELIVERIES).from_select(columns, groups))
            total = (await conn.execute(select(func.count()).where(DELIVERIES.c.broadcast_id == broadcast_id))).scalar_one()
            await conn.execute(update(BROADCASTS).where(BROADCASTS.c.id == broadcast_id).values(total=total))
            row = (await conn.execute(select(BROADCASTS).where(BROADCASTS.c.id == broadcast_id))).one()
            return await self._broadcast(conn, row)
        return await self.write(work)

    async def cancel_broadcast(self, broadcast_id: int, moderator_id: int) -> BroadcastRecord | None:
        async def work(conn: AsyncConnection) -> BroadcastRecord | None:
            stmt = (update(BROADCASTS).where(BROADCASTS.c.id == broadcast_id, BROADCASTS.c.status == "draft")
                    .values(status="cancelled", finished_at=self.clock()).returning(*BROADCASTS.c))
            row = (await conn.execute(stmt)).first()
            return await self._broadcast(conn, row) if row else None
        return await self.write(work)

    async def get_broadcast(self, broadcast_id: int) -> BroadcastRecord | None:
        async def work(conn: AsyncConnection) -> BroadcastRecord | None:
            row = (await conn.execute(select(BROADCASTS).where(BROADCASTS.c.id == broadcast_id))).first()
            return await self._broadcast(conn, row) if row else None
        return await self.read(work)

    async def list_broadcasts(self, limit: int = 10) -> list[BroadcastRecord]:
        async def work(conn: AsyncConnection) -> list[BroadcastRecord]:
            rows = (await conn.execute(select(BROADCASTS).order_by(BROADCASTS.c.id.desc()).limit(limit))).all()
            return [await self._broadcast(conn, row) for row in rows]
        return await self.read(work)

    async def _broadcast(self, conn: AsyncConnection, row: Any) -> BroadcastRecord:
        """The record with votes, and with live delivery counts while it is sending."""
        counts = {"sent": row.sent, "blocked": row.blocked, "failed": row.failed}
        if row.status == "sending":
            counts = await self._delivery_counts(conn, row.id)
        votes = await self._votes(conn, row.id)
        return BroadcastRecord(row.id, row.moderator_id, row.text, row.status, row.created_at, total=row.total,
                               useful=row.useful + votes[True], not_useful=row.not_useful + votes[False],
                               preview_chat_id=row.preview_chat_id, preview_message_id=row.preview_message_id, **counts)

    @staticmethod
    async def _votes(conn: AsyncConnection, broadcast_id: int) -> dict[bool, int]:
        """The votes still held per voter (purged with the deliveries; the alert keeps their totals)."""
        rows = await conn.execute(select(FEEDBACK.c.useful, func.count()).where(FEEDBACK.c.broadcast_id == broadcast_id)
                                  .group_by(FEEDBACK.c.useful))
        return {True: 0, False: 0, **dict(rows.all())}

    @staticmethod
    async def _delivery_counts(conn: AsyncConnection, broadcast_id: int) -> dict[str, int]:
        rows = await conn.execute(select(DELIVERIES.c.status, func.count()).where(DELIVERIES.c.broadcast_id == broadcast_id)
                                  .group_by(DELIVERIES.c.status))
        by_status = dict(rows.all())
        return {"sent": by_status.get("sent", 0), "blocked": by_status.get("blocked", 0),
                "failed": by_status.get("failed", 0) + by_status.get("unconfirmed", 0)}

    async def record_feedback(self, broadcast_id: int, chat_id: int, user_id: int, useful: bool) -> bool:
        """Count the vote only when the alert was sent to `chat_id` (the chat the button was pressed in):
        a draft, a cancelled alert, an id never sent there or one whose deliveries are purged counts for
        nothing. Returns whether the vote counted."""
        async def work(conn: AsyncConnection) -> bool:
            received = exists().where(DELIVERIES.c.broadcast_id == broadcast_id, DELIVERIES.c.chat_id == chat_id,
                                      DELIVERIES.c.status == "sent")
            if not (await conn.execute(select(received))).scalar():
                return False
            stmt = self._insert(FEEDBACK).values(broadcast_id=broadcast_id, user_id=user_id, useful=useful)
            await conn.execute(stmt.on_conflict_do_update(index_elements=["broadcast_id", "user_id"], set_={"useful": useful}))
            return True
        return await self.write(work)

    # ----- statistics and audit ---------------------------------------------------------------------
    async def record_check(self, verdict: str, pattern_ids: list[str], source: str) -> None:
        """Count in memory; one transaction a second adds the counts up (see `flush_counts`).

        A write transaction per check queued every check behind the database's single writer, which
        capped a process well below 200 checks a second. A crash loses at most the last second's counters.
        """
        day = self.clock().date()
        keys = [("verdict", verdict), ("source", source), *(("pattern", pid) for pid in dict.fromkeys(pattern_ids))]
        for dimension, value in keys:
            self._pending_counts[(day, dimension, str(value)[:64])] += 1
        if self._flush_task is None or self._flush_task.done():
            self._flush_task = asyncio.get_running_loop().create_task(self._flush_soon())

    async def _flush_soon(self) -> None:
        await asyncio.sleep(COUNT_FLUSH_SECONDS)
        try:
            await self.flush_counts()
        except Exception:  # the counts are back in the buffer; the next check schedules another try
            log.warning("check counters could not be written yet; they stay in memory", exc_info=True)

    async def flush_counts(self) -> None:
        """Add the buffered check counts to the daily counters in one transaction; on failure keep them."""
        if not self._pending_counts:
            return
        pending, self._pending_counts = self._pending_counts, Counter()
        rows = [{"day": day, "dimension": dimension, "value": value, "count": n}
                for (day, dimension, value), n in pending.items()]

        async def work(conn: AsyncConnection) -> None:
            stmt = self._insert(COUNTS)
            await conn.execute(stmt.on_conflict_do_update(index_elements=["day", "dimension", "value"],
                                                          set_={"count": COUNTS.c.count + stmt.excluded.count}), rows)
        try:
            await self.write(work)
        except BaseException:
            self._pending_counts.update(pending)
            raise

    async def stats(self, days: int = 30) -> StatsRecord:
        await self.flush_counts()
        since = self.clock().date() - dt.timedelta(days=days - 1)

        async def work(conn: AsyncConnection) -> StatsRecord:
            def summed(dimension: str, group: Any) -> Any:
                total = func.sum(COUNTS.c.count)
                return (select(group, total).where(COUNTS.c.day >= since, COUNTS.c.dimension == dimension)
                        .group_by(group).order_by(total.desc(), group))
            per_day = {day: int(n) for day, n in await conn.execute(summed("verdict", COUNTS.c.day))}
            verdicts = {value: int(n) for value, n in await conn.execute(summed("verdict", COUNTS.c.value))}
            sources = {value: int(n) for value, n in await conn.execute(summed("source", COUNTS.c.value))}
            top = [(value, int(n)) for value, n in await conn.execute(summed("pattern", COUNTS.c.value).limit(10))]
            reports = dict((await conn.execute(select(REPORTS.c.status, func.count()).group_by(REPORTS.c.status))).all())
            subscribers = (await conn.execute(select(func.count()).where(
                USERS.c.subscribed.is_(True), USERS.c.active.is_(True)))).scalar_one()
            groups = (await conn.execute(select(func.count()).where(GROUPS.c.active.is_(True)))).scalar_one()
            return StatsRecord(
                checks_per_day=dict(sorted(per_day.items())), verdicts=verdicts, top_patterns=top,
                reports={status: reports.get(status, 0) for status in ("pending", "approved", "rejected")},
                extra={"sources": sources, "subscribers": subscribers, "groups": groups, "days": days},
            )
        return await self.read(work)

    async def audit(self, moderator_id: int, action: str, detail: str = "") -> None:
        async def work(conn: AsyncConnection) -> None:
            await conn.execute(insert(AUDIT).values(moderator_id=moderator_id, action=action[:32], detail=detail[:200],
                                                    at=self.clock()))
        await self.write(work)

    async def audit_log(self, limit: int = 50) -> list[tuple[dt.datetime, int, str, str]]:
        """The latest moderator actions, newest first: (time, moderator id, action, detail)."""
        async def work(conn: AsyncConnection) -> list[tuple[dt.datetime, int, str, str]]:
            stmt = select(AUDIT.c.at, AUDIT.c.moderator_id, AUDIT.c.action, AUDIT.c.detail).order_by(AUDIT.c.id.desc()).limit(limit)
            return [tuple(row) for row in await conn.execute(stmt)]  # type: ignore[misc]
        return await self.read(work)

    # ----- retention --------------------------------------------------------------------------------
    async def purge(self, report_days: int, stats_days: int) -> dict[str, int]:
        """Delete reports older than `report_days`, counters older than `stats_days`, the per-chat
        delivery rows and votes of alerts finished more than `report_days` ago (their totals stay on the
        alert), and from the inbox the ids of updates handled over `INBOX_KEEP` ago (Telegram redelivers
        for a day at most) and any update still unhandled after as long, message text and all."""
        await self.flush_counts()
        now = self.clock()
        inbox_cutoff = now - INBOX_KEEP
        report_cutoff = now - dt.timedelta(days=report_days)
        stats_cutoff = (now - dt.timedelta(days=stats_days)).date()

        async def work(conn: AsyncConnection) -> dict[str, int]:
            await unbounded(conn)
            reports = await conn.execute(delete(REPORTS).where(REPORTS.c.created_at < report_cutoff))
            counters = await conn.execute(delete(COUNTS).where(COUNTS.c.day < stats_cutoff))
            finished = select(BROADCASTS.c.id).where(BROADCASTS.c.status == "done", BROADCASTS.c.finished_at < report_cutoff)
            deliveries = await conn.execute(delete(DELIVERIES).where(DELIVERIES.c.broadcast_id.in_(finished)))
            voted = (await conn.execute(select(FEEDBACK.c.broadcast_id).distinct()
                                        .where(FEEDBACK.c.broadcast_id.in_(finished)))).scalars().all()
            for broadcast_id in voted:  # the totals stay on the alert, who voted goes
                votes = await self._votes(conn, broadcast_id)
                await conn.execute(update(BROADCASTS).where(BROADCASTS.c.id == broadcast_id).values(
                    useful=BROADCASTS.c.useful + votes[True], not_useful=BROADCASTS.c.not_useful + votes[False]))
            feedback = await conn.execute(delete(FEEDBACK).where(FEEDBACK.c.broadcast_id.in_(finished)))
            inbox = await conn.execute(delete(INBOX).where(INBOX.c.received_at < inbox_cutoff))
            return {"reports": reports.rowcount, "counters": counters.rowcount, "deliveries": deliveries.rowcount,
                    "votes": feedback.rowcount, "updates": inbox.rowcount}
        return await self.write(work)
