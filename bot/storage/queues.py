"""The two work queues in the database: alert deliveries and due security check-ups.

A claim marks rows as taken in one statement, so processes sharing PostgreSQL never take the same row
(`FOR UPDATE SKIP LOCKED`: each skips rows another is claiming) and SQLite's single writer does the same
(BEGIN IMMEDIATE). A claim is a lease: rows whose claimer died are taken again once it expires.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, exists, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.storage import schedule
from bot.storage.models import Broadcast, Delivery, Reminder, User

if TYPE_CHECKING:
    from handlers.ports import BroadcastRecord

BROADCASTS: Table = Broadcast.__table__  # type: ignore[attr-defined]
DELIVERIES: Table = Delivery.__table__  # type: ignore[attr-defined]
REMINDERS: Table = Reminder.__table__  # type: ignore[attr-defined]
USERS: Table = User.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class DeliveryClaim:
    id: int
    broadcast_id: int
    chat_id: int
    language: str
    attempts: int


@dataclass(frozen=True, slots=True)
class DueReminder:
    user_id: int
    language: str | None
    interval_days: int
    hour: int
    minute: int
    timezone: str
    claimed_at: dt.datetime  # identifies this claim when the send is recorded


class QueueMixin:
    """Queue methods of `SqlStore` (they share its transactions, clock and dialect)."""

    postgres: bool
    clock: Any
    write: Any
    write_one: Any
    read: Any
    _set_active: Any
    _broadcast: Any
    _delivery_counts: Any

    def _skip_locked(self, stmt: Any) -> Any:
        return stmt.with_for_update(skip_locked=True) if self.postgres else stmt

    # ----- alert deliveries -------------------------------------------------------------------------
    async def claim_deliveries(self, limit: int, lease_seconds: float) -> list[DeliveryClaim]:
        """Take up to `limit` deliveries that are due, oldest first, reclaiming expired leases first."""
        async def work(conn: AsyncConnection) -> list[DeliveryClaim]:
            now = self.clock()
            expired = self._skip_locked(select(DELIVERIES.c.id).where(
                DELIVERIES.c.status == "claimed", DELIVERIES.c.claimed_at < now - dt.timedelta(seconds=lease_seconds)))
            await conn.execute(update(DELIVERIES).where(DELIVERIES.c.id.in_(expired.scalar_subquery()))
                               .values(status="pending", claimed_at=None))
            due = self._skip_locked(select(DELIVERIES.c.id).where(DELIVERIES.c.status == "pending", DELIVERIES.c.not_before <= now)
                                    .order_by(DELIVERIES.c.id).limit(limit))
            stmt = (update(DELIVERIES).where(DELIVERIES.c.id.in_(due.scalar_subquery()))
                    .values(status="claimed", claimed_at=now)
                    .returning(DELIVERIES.c.id, DELIVERIES.c.broadcast_id, DELIVERIES.c.chat_id, DELIVERIES.c.language,
                               DELIVERIES.c.attempts))
            rows = (await conn.execute(stmt)).all()
            return sorted((DeliveryClaim(*row) for row in rows), key=lambda claim: claim.id)
        return await self.write(work)

    async def _settle(self, delivery_id: int, **values: Any) -> None:
        await self.write_one(update(DELIVERIES).where(DELIVERIES.c.id == delivery_id).values(**values))

    async def deliveries_sent(self, delivery_ids: Sequence[int]) -> None:
        """Telegram confirmed these: they are never sent again (one statement for a few at once;
        see `Database.write_one` for how it is committed)."""
        await self.write_one(update(DELIVERIES).where(DELIVERIES.c.id.in_(list(delivery_ids)))
                             .values(status="sent", sent_at=self.clock(), claimed_at=None))

    async def delivery_sent(self, delivery_id: int) -> None:
        await self.deliveries_sent([delivery_id])

    async def delivery_failed(self, delivery_id: int) -> None:
        await self._settle(delivery_id, status="failed", claimed_at=None)

    async def delivery_unconfirmed(self, delivery_id: int) -> None:
        """The send timed out after it went out: maybe delivered, never repeated (counted as failed)."""
        await self._settle(delivery_id, status="unconfirmed", claimed_at=None)

    async def delivery_retry(self, delivery_id: int, delay: float, *, attempts: int) -> None:
        """Back to the queue, due after `delay` seconds, with `attempts` failures so far."""
        await self._settle(delivery_id, status="pending", claimed_at=None, attempts=attempts,
                           not_before=self.clock() + dt.timedelta(seconds=delay))

    async def delivery_blocked(self, delivery_id: int, chat_id: int) -> None:
        """403: the recipient blocked the bot or removed it; they are marked inactive as well."""
        async def work(conn: AsyncConnection) -> None:
            await conn.execute(update(DELIVERIES).where(DELIVERIES.c.id == delivery_id).values(status="blocked", claimed_at=None))
            await self._set_active(conn, chat_id, False)
        await self.write(work)

    async def release_deliveries(self, delivery_ids: Sequence[int]) -> None:
        """Give back claimed rows this process will not send now (pausing or stopping)."""
        if not delivery_ids:
            return

        async def work(conn: AsyncConnection) -> None:
            await conn.execute(update(DELIVERIES).where(DELIVERIES.c.id.in_(list(delivery_ids)), DELIVERIES.c.status == "claimed")
                               .values(status="pending", claimed_at=None))
        await self.write(work)

    async def finish_broadcasts(self) -> list[BroadcastRecord]:
        """Mark done every sending broadcast with nothing left to send, freezing its counts.

        Returns the ones this call finished, so exactly one process posts each final summary."""
        async def work(conn: AsyncConnection) -> list[BroadcastRecord]:
            open_rows = exists().where(DELIVERIES.c.broadcast_id == BROADCASTS.c.id, DELIVERIES.c.status.in_(("pending", "claimed")))
            ids = (await conn.execute(self._skip_locked(select(BROADCASTS.c.id).where(BROADCASTS.c.status == "sending", ~open_rows)))).scalars().all()
            finished = []
            for broadcast_id in ids:
                counts = await self._delivery_counts(conn, broadcast_id)
                row = (await conn.execute(update(BROADCASTS).where(BROADCASTS.c.id == broadcast_id, BROADCASTS.c.status == "sending")
                                          .values(status="done", finished_at=self.clock(), **counts).returning(*BROADCASTS.c))).first()
                if row is not None:
                    finished.append(await self._broadcast(conn, row))
            return finished
        return await self.write(work)

    async def sending_broadcasts(self) -> list[int]:
        async def work(conn: AsyncConnection) -> list[int]:
            return list((await conn.execute(select(BROADCASTS.c.id).where(BROADCASTS.c.status == "sending"))).scalars())
        return await self.read(work)

    async def language_of(self, user_id: int) -> str | None:
        async def work(conn: AsyncConnection) -> str | None:
            return (await conn.execute(select(USERS.c.language).where(USERS.c.user_id == user_id))).scalar()
        return await self.read(work)

    # ----- security check-ups -------------------------------------------------------------------------
    async def claim_due_reminders(self, limit: int, lease_seconds: float) -> list[DueReminder]:
        """Take reminders that are due: their next_due moves to the end of the lease in the same
        transaction, so a process that dies before sending leaves them due again after the lease."""
        async def work(conn: AsyncConnection) -> list[DueReminder]:
            now = self.clock()
            due = self._skip_locked(select(REMINDERS.c.user_id).where(REMINDERS.c.next_due <= now)
                                    .order_by(REMINDERS.c.next_due).limit(limit))
            stmt = (update(REMINDERS).where(REMINDERS.c.user_id.in_(due.scalar_subquery()))
                    .values(next_due=now + dt.timedelta(seconds=lease_seconds), claimed_at=now)
                    .returning(REMINDERS.c.user_id, REMINDERS.c.interval_days, REMINDERS.c.hour, REMINDERS.c.minute,
                               REMINDERS.c.timezone))
            rows = (await conn.execute(stmt)).all()
            if not rows:
                return []
            languages = dict((await conn.execute(select(USERS.c.user_id, USERS.c.language)
                                                 .where(USERS.c.user_id.in_([row.user_id for row in rows])))).all())
            return [DueReminder(row.user_id, languages.get(row.user_id), row.interval_days, row.hour, row.minute,
                                row.timezone, now) for row in rows]
        return await self.write(work)

    async def reminder_sent(self, reminder: DueReminder) -> None:
        """Schedule the next one a full interval from now (missed ones are not caught up one by one).

        A reminder the user changed or snoozed meanwhile (its claim was cleared) is left as they set it."""
        due = schedule.next_due(self.clock(), reminder.interval_days, reminder.hour, reminder.minute, reminder.timezone)

        async def work(conn: AsyncConnection) -> None:
            await conn.execute(update(REMINDERS).where(REMINDERS.c.user_id == reminder.user_id,
                                                       REMINDERS.c.claimed_at == reminder.claimed_at)
                               .values(next_due=due, claimed_at=None, last_sent_at=self.clock()))
        await self.write(work)

    async def reminder_retry(self, reminder: DueReminder, delay: float) -> None:
        """The send failed for now (flood control, Telegram unavailable): due again after `delay` seconds."""
        async def work(conn: AsyncConnection) -> None:
            await conn.execute(update(REMINDERS).where(REMINDERS.c.user_id == reminder.user_id,
                                                       REMINDERS.c.claimed_at == reminder.claimed_at)
                               .values(next_due=self.clock() + dt.timedelta(seconds=delay), claimed_at=None))
        await self.write(work)
