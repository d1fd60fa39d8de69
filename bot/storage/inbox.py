"""The inbox: every update is recorded here before Telegram is told it arrived, until it is handled.

A row per `update_id` (the primary key, so an update delivered twice, to one process or to several
sharing PostgreSQL, is recorded once and handled once). `payload` is the update as Telegram sent it,
message text included, kept only until the update is handled: then it is set to NULL at once, and the
bare id stays a while so a late redelivery is still recognised (`SqlStore.purge` removes both).

A process holds the updates it recorded or claimed under a lease (`claimed_at`, renewed while it works
on them); updates whose lease ran out (their process died) are claimed again by any process. An update
claimed `MAX_ATTEMPTS` times without being handled is dropped, so one update that crashes the process
cannot crash every restart.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.storage.models import InboxUpdate

INBOX: Table = InboxUpdate.__table__  # type: ignore[attr-defined]
MAX_ATTEMPTS = 3

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RecordedUpdate:
    update_id: int
    payload: str  # the update's JSON, as recorded


class InboxMixin:
    """Inbox methods of `SqlStore` (they share its transactions, clock and dialect)."""

    clock: Any
    write: Any
    write_one: Any
    _insert: Any
    _skip_locked: Any

    async def record_updates(self, updates: Sequence[RecordedUpdate]) -> set[int]:
        """Record updates in one transaction, held by this process; returns the ids that were new (the
        others were recorded before, here or by another process, and must not be handled again)."""
        if not updates:
            return set()

        async def work(conn: AsyncConnection) -> set[int]:
            now = self.clock()
            rows = [{"update_id": u.update_id, "payload": u.payload, "received_at": now, "claimed_at": now,
                     "attempts": 1} for u in updates]
            stmt = self._insert(INBOX).values(rows).on_conflict_do_nothing(index_elements=["update_id"])
            return set((await conn.execute(stmt.returning(INBOX.c.update_id))).scalars())
        return await self.write(work)

    async def updates_handled(self, update_ids: Sequence[int]) -> None:
        """Handled: the payload (message text) goes now; the id stays to recognise a redelivery."""
        await self.write_one(update(INBOX).where(INBOX.c.update_id.in_(list(update_ids)))
                             .values(payload=None, handled_at=self.clock(), claimed_at=None))

    async def renew_updates(self, update_ids: Sequence[int]) -> None:
        """This process is still working on these: their lease starts again."""
        if update_ids:
            await self.write_one(update(INBOX).where(INBOX.c.update_id.in_(list(update_ids)),
                                                     INBOX.c.payload.is_not(None))
                                 .values(claimed_at=self.clock()))

    async def release_updates(self, update_ids: Sequence[int]) -> None:
        """Stopping before these were handled: any process (this one restarted) may take them at once."""
        if update_ids:
            await self.write_one(update(INBOX).where(INBOX.c.update_id.in_(list(update_ids)),
                                                     INBOX.c.payload.is_not(None))
                                 .values(claimed_at=None))

    async def claim_updates(self, claimed_before: dt.datetime, limit: int = 500) -> list[RecordedUpdate]:
        """Take recorded, unhandled updates last claimed (or renewed) before `claimed_before` or released,
        oldest first; drop the ones already claimed `MAX_ATTEMPTS` times. The ones taken are claimed now,
        so calling again with the same cutoff takes the next ones."""
        async def work(conn: AsyncConnection) -> list[RecordedUpdate]:
            now = self.clock()
            stale = self._skip_locked(
                select(INBOX.c.update_id).where(
                    INBOX.c.payload.is_not(None),
                    or_(INBOX.c.claimed_at.is_(None), INBOX.c.claimed_at < claimed_before))
                .order_by(INBOX.c.update_id).limit(limit))
            ids = list((await conn.execute(stale)).scalars())
            if not ids:
                return []
            dropped = (await conn.execute(
                update(INBOX).where(INBOX.c.update_id.in_(ids), INBOX.c.attempts >= MAX_ATTEMPTS)
                .values(payload=None, handled_at=now, claimed_at=None).returning(INBOX.c.update_id))).scalars().all()
            for update_id in dropped:
                log.error("update %s dropped: its handling was cut short %d times", update_id, MAX_ATTEMPTS)
            rows = (await conn.execute(
                update(INBOX).where(INBOX.c.update_id.in_(ids), INBOX.c.payload.is_not(None))
                .values(claimed_at=now, attempts=INBOX.c.attempts + 1)
                .returning(INBOX.c.update_id, INBOX.c.payload))).all()
            return sorted((RecordedUpdate(row.update_id, row.payload) for row in rows), key=lambda u: u.update_id)
        return await self.write(work)
