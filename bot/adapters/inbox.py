"""No update lost, none answered twice: updates are recorded (`bot.storage.inbox`) before Telegram is
told they arrived, and marked handled once answered.

Long polling confirms a batch (the next getUpdates offset) only after `Inbox.accept` recorded it; the
webhook answers 200 only after it. An update recorded before (a redelivery, or one another webhook
process got) is not handled again. While this process works on its updates it renews their lease; when
it stops it releases the unfinished ones, and on start it takes over what a previous run left (polling:
at once, being the only process for its token; webhook: once their lease ran out, as another process may
still be working on them). Every `RECOVER_SECONDS` any process also takes updates whose process died.
So only the updates in flight at a crash (handled, but not yet marked) can be answered twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from bot.storage import SqlStore, StoreUnavailable
from bot.storage.inbox import RecordedUpdate

if TYPE_CHECKING:
    from bot.adapters.common import BotApi, UpdateReader

log = logging.getLogger(__name__)

LEASE_SECONDS = 30.0  # an update recorded or claimed, unrenewed this long, is taken by another process
RENEW_SECONDS = 10.0  # how often this process renews the lease of the updates it works on
RECOVER_SECONDS = 15.0  # how often it looks for updates whose process died


class Inbox:
    def __init__(self, store: SqlStore, reader: UpdateReader, api: BotApi, *,
                 lease_seconds: float = LEASE_SECONDS, renew_seconds: float = RENEW_SECONDS,
                 recover_seconds: float = RECOVER_SECONDS) -> None:
        self.store = store
        self.reader = reader
        self.api = api
        self.lease_seconds = lease_seconds
        self.renew_seconds = renew_seconds
        self.recover_seconds = recover_seconds
        self.held: set[int] = set()  # recorded or claimed here, not yet marked handled
        self._handled: list[tuple[int, asyncio.Future[None]]] = []
        self._handled_wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    # ----- life cycle -------------------------------------------------------------------------------
    async def start(self, *, take_over: bool) -> int:
        """Queue what earlier runs recorded but did not finish; returns how many. `take_over`: every such
        update at once (long polling); otherwise those whose lease ran out."""
        self._tasks = [asyncio.create_task(self._maintain(), name="inbox-maintain"),
                       asyncio.create_task(self._mark(), name="inbox-mark")]
        try:
            recovered = await self._recover(0.0 if take_over else self.lease_seconds)
        except StoreUnavailable as exc:
            log.warning("could not look for unfinished updates yet (%s); trying again shortly", exc)
            recovered = 0
        if recovered:
            log.info("finishing %d update(s) recorded before the last stop", recovered)
        return recovered

    async def stop(self) -> None:
        """After the dispatcher finished what it could: mark what was handled, release the rest."""
        self._tasks[0].cancel()
        await self._flush()
        self._tasks[1].cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        if self.held:
            with contextlib.suppress(StoreUnavailable):  # their lease runs out instead
                await self.store.release_updates(sorted(self.held))
            log.info("%d update(s) left unfinished for the next start", len(self.held))

    # ----- receiving --------------------------------------------------------------------------------
    async def accept(self, updates: list[tuple[Any, str]]) -> set[int]:
        """Record `updates` (framework update, its JSON) in one transaction, then queue the new ones.

        Raises `StoreUnavailable` when they could not be recorded: the caller must then not confirm them
        to Telegram, which sends them again. Returns the ids that were new.
        """
        new = await self.store.record_updates([RecordedUpdate(u.update_id, payload) for u, payload in updates])
        self.held |= new
        for update, _ in updates:
            if update.update_id in new:
                await self.reader.enqueue(update, self._done(update.update_id))
        return new

    def payload(self, update: Any) -> str:
        """An update the framework read, as JSON to record (ASCII: any text fits either database)."""
        return json.dumps(self.api.dump_update(update), separators=(",", ":"))

    def _done(self, update_id: int) -> Callable[[], Awaitable[None]]:
        async def done() -> None:
            marked = asyncio.get_running_loop().create_future()
            self._handled.append((update_id, marked))
            self._handled_wake.set()
            await marked
        return done

    # ----- keeping the record -----------------------------------------------------------------------
    async def _mark(self) -> None:
        """Mark handled updates in batches (one statement for those that finished together)."""
        while True:
            await self._handled_wake.wait()
            self._handled_wake.clear()
            await self._flush()

    async def _flush(self) -> None:
        delay = 0.2
        while self._handled:
            batch, self._handled = self._handled, []
            ids = [update_id for update_id, _ in batch]
            try:
                await self.store.updates_handled(ids)
            except StoreUnavailable as exc:  # kept: marked on the next try (until then, still held)
                self._handled = batch + self._handled
                log.warning("could not mark updates handled yet (%s); retrying in %.1fs", exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
                continue
            self.held.difference_update(ids)
            for _, marked in batch:
                if not marked.done():
                    marked.set_result(None)

    async def _maintain(self) -> None:
        next_recovery = time.monotonic() + self.recover_seconds
        while True:
            await asyncio.sleep(self.renew_seconds)
            try:
                await self.store.renew_updates(sorted(self.held.difference(i for i, _ in self._handled)))
                if time.monotonic() >= next_recovery:
                    next_recovery = time.monotonic() + self.recover_seconds
                    if recovered := await self._recover(self.lease_seconds):
                        log.warning("took over %d update(s) whose process stopped answering", recovered)
            except StoreUnavailable as exc:
                log.warning("could not renew or recover updates (%s)", exc)

    async def _recover(self, lease_seconds: float) -> int:
        recovered = 0
        cutoff = self.store.clock() - dt.timedelta(seconds=lease_seconds)
        while batch := await self.store.claim_updates(cutoff):
            for recorded in batch:
                self.held.add(recorded.update_id)
                done = self._done(recorded.update_id)
                update = self.api.read_update(json.loads(recorded.payload))
                if update is None:
                    await done()
                    continue
                await self.reader.enqueue(update, done)
                recovered += 1
        return recovered
