"""The alert sender: drains persisted deliveries within Telegram's limits and survives crashes.

Deliveries are rows (`bot.storage.queues`). The sender claims a batch (a lease, so several processes
can share the work and a dead one's claims come back), sends each with `handlers.broadcasts.alert_reply`
with at most `max_in_flight` sends at once, and records each as sent the moment Telegram confirms it;
so after a crash at most the sends in flight at that moment can go out twice, and none is lost.

Limits (all in `settings.broadcast`): overall messages per second, a minimum gap per chat and a slower
one per group, a pause of all sending on 429 retry_after, 403 marks the recipient inactive ("blocked"),
5xx and lost connections are retried with exponential backoff up to `max_retries`, then "failed". A
send that went out and timed out (`TimedOut`) may have been delivered, so it is never repeated: it is
recorded "unconfirmed" and counted with the failed ones; no recipient gets an alert twice for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any

from bot.settings import BroadcastSettings
from bot.storage import SqlStore, StoreUnavailable
from bot.storage.queues import DeliveryClaim
from bot.storage.store import DEFAULT_LANGUAGE
from bot.transport import BadRequest, Forbidden, RetryAfter, TelegramError, TimedOut, Transport
from handlers.broadcasts import alert_reply, progress_reply
from handlers.events import Reply
from handlers.ports import BroadcastRecord

log = logging.getLogger(__name__)


class Pacer:
    """Spaces out sends: an overall rate, a minimum gap per chat (longer for groups), and pauses (429)."""

    def __init__(self, settings: BroadcastSettings, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.interval = 1.0 / settings.messages_per_second
        self.chat_gap = settings.per_chat_interval
        self.group_gap = max(settings.per_chat_interval, 60.0 / settings.group_messages_per_minute)
        self._next = 0.0
        self._paused_until = 0.0
        self._chat_next: dict[int, float] = {}

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, self.clock() + seconds)

    async def wait(self, chat_id: int) -> None:
        """Return when a message to `chat_id` may go out now, and book that slot."""
        while True:
            now = self.clock()
            start = max(self._next, self._paused_until, self._chat_next.get(chat_id, 0.0))
            if start <= now:
                break
            await asyncio.sleep(start - now)
        self._next = max(self._next, now) + self.interval
        gap = self.group_gap if chat_id < 0 else self.chat_gap  # Telegram group and channel ids are negative
        if gap:
            self._chat_next[chat_id] = now + gap
            if len(self._chat_next) > 10_000:
                self._chat_next = {chat: at for chat, at in self._chat_next.items() if at > now}


class BroadcastSender:
    """Implements the `Broadcaster` port: `wake()` after a broadcast starts; it also resumes by itself."""

    def __init__(self, store: SqlStore, transport: Transport, settings: BroadcastSettings, *,
                 poll_seconds: float = 5.0, retry_base_seconds: float = 1.0, batch_size: int | None = None) -> None:
        self.store = store
        self.transport = transport
        self.settings = settings
        self.poll_seconds = poll_seconds
        self.retry_base_seconds = retry_base_seconds
        # Claimed ahead: enough to keep the senders busy, few enough to be sent well within the lease
        # (at most two batches are held: one queued, one being queued).
        self.batch_size = batch_size or max(settings.max_in_flight * 4, min(100, int(settings.messages_per_second * 4)))
        self.pacer = Pacer(settings)
        self._queue: asyncio.Queue[tuple[DeliveryClaim, float]] = asyncio.Queue(maxsize=self.batch_size)
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[Any]] = []
        self._replies: dict[tuple[int, str], Reply] = {}
        self._shown: dict[int, tuple[int, int, int]] = {}  # broadcast id -> counts last shown to the moderator
        self._moderator_lang: dict[int, str] = {}
        self.in_flight = 0
        self._confirmations: list[tuple[int, asyncio.Future[None]]] = []
        self._confirmed_wake = asyncio.Event()
        self.confirmed = 0  # deliveries this sender saw Telegram confirm
        # Final summaries being shown: `stop` lets them reach the moderator, since a finished broadcast
        # is never summarised again.
        self._summaries: set[asyncio.Task[None]] = set()

    # ----- life cycle -------------------------------------------------------------------------------
    async def start(self) -> None:
        if self._tasks:
            return
        self._tasks = [asyncio.create_task(self._feed(), name="broadcast-feed"),
                       asyncio.create_task(self._progress(), name="broadcast-progress"),
                       asyncio.create_task(self._record_confirmations(), name="broadcast-record")]
        self._tasks += [asyncio.create_task(self._send_loop(), name=f"broadcast-send-{n}")
                        for n in range(self.settings.max_in_flight)]

    def wake(self) -> None:
        self._wake.set()

    async def stop(self, timeout: float = 10.0) -> None:
        """Stop sending: sends in flight finish and are recorded; queued claims are given back."""
        for task in self._tasks[:2]:  # the feed and the progress loop; the recorder finishes the in-flight ones
            task.cancel()
        if self._summaries:
            await asyncio.wait(self._summaries, timeout=timeout)
        await self._release_queued()
        deadline = time.monotonic() + timeout
        while self.in_flight and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        await self._release_queued()

    async def _release_queued(self) -> None:
        claims = []
        while not self._queue.empty():
            claims.append(self._queue.get_nowait()[0])
            self._queue.task_done()
        if claims:
            await self._persist(self.store.release_deliveries, [claim.id for claim in claims])

    # ----- claiming ---------------------------------------------------------------------------------
    async def _feed(self) -> None:
        while True:
            try:
                claims = await self.store.claim_deliveries(self.batch_size, self.settings.lease_seconds)
            except StoreUnavailable as exc:
                log.warning("cannot claim deliveries: %s", exc)
                await self._idle()
                continue
            if not claims:
                await self._queue.join()  # everything claimed is sent and recorded
                await self._finish()
                await self._idle()
                continue
            claimed_at = time.monotonic()
            for index, claim in enumerate(claims):
                try:
                    await self._queue.put((claim, claimed_at))
                except asyncio.CancelledError:  # stopping: give back what was claimed but not queued
                    await self._persist(self.store.release_deliveries, [c.id for c in claims[index:]])
                    raise

    async def _idle(self) -> None:
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._wake.wait(), self.poll_seconds)
        self._wake.clear()

    # ----- sending ----------------------------------------------------------------------------------
    async def _send_loop(self) -> None:
        while True:
            claim, claimed_at = await self._queue.get()
            self.in_flight += 1
            try:
                await self._deliver(claim, claimed_at)
            except Exception:  # noqa: BLE001 - one bad delivery must not stop the sender; its lease brings it back
                log.exception("delivery %s could not be processed", claim.id)
            finally:
                self.in_flight -= 1
                self._queue.task_done()

    async def _deliver(self, claim: DeliveryClaim, claimed_at: float) -> None:
        reply = await self._alert(claim)
        if reply is None:
            await self._persist(self.store.delivery_failed, claim.id)
            return
        await self.pacer.wait(claim.chat_id)
        if time.monotonic() - claimed_at > self.settings.lease_seconds / 2:
            # Held too long (a long flood-control pause): another process may take it once the lease
            # ends, so sending it now could send it twice. Give it back, with every queued one as old.
            await self._release_stale(claim)
            return
        try:
            await self.transport.send(claim.chat_id, reply)
        except RetryAfter as exc:
            self.pacer.pause(exc.retry_after)
            await self._persist(self.store.delivery_retry, claim.id, exc.retry_after, attempts=claim.attempts)
            if exc.retry_after * 3 > self.settings.lease_seconds:
                await self._release_queued()  # a long pause: let the queued claims go rather than expire
        except Forbidden:
            await self._persist(self.store.delivery_blocked, claim.id, claim.chat_id)
        except BadRequest as exc:
            log.warning("delivery %s to a chat refused for good: %s", claim.id, exc.description)
            await self._persist(self.store.delivery_failed, claim.id)
        except TimedOut:
            # Telegram may have delivered it: an alert is never sent twice, so it is not repeated.
            log.warning("delivery %s timed out: not repeated, it may have arrived", claim.id)
            await self._persist(self.store.delivery_unconfirmed, claim.id)
        except (TelegramError, OSError, asyncio.TimeoutError) as exc:
            attempts = claim.attempts + 1
            if attempts > self.settings.max_retries:
                log.warning("delivery %s failed after %d attempts: %s", claim.id, attempts, type(exc).__name__)
                await self._persist(self.store.delivery_failed, claim.id)
            else:
                delay = self.retry_base_seconds * 2 ** (attempts - 1) * random.uniform(0.8, 1.2)
                await self._persist(self.store.delivery_retry, claim.id, delay, attempts=attempts)
        else:
            self.confirmed += 1
            await self._confirm(claim.id)

    async def _release_stale(self, claim: DeliveryClaim) -> None:
        cutoff = time.monotonic() - self.settings.lease_seconds / 2
        stale, fresh = [claim.id], []
        while not self._queue.empty():
            queued, claimed_at = self._queue.get_nowait()
            self._queue.task_done()
            if claimed_at < cutoff:
                stale.append(queued.id)
            else:
                fresh.append((queued, claimed_at))
        for item in fresh:
            self._queue.put_nowait(item)
        await self._persist(self.store.release_deliveries, stale)

    async def _confirm(self, delivery_id: int) -> None:
        """Record a confirmed send before this sender takes another: confirmations that arrive together
        share one transaction (group commit), and a crash can repeat only the sends in flight."""
        done = asyncio.get_running_loop().create_future()
        self._confirmations.append((delivery_id, done))
        self._confirmed_wake.set()
        await done

    async def _record_confirmations(self) -> None:
        while True:
            await self._confirmed_wake.wait()
            self._confirmed_wake.clear()
            batch, self._confirmations = self._confirmations, []
            if batch:
                await self._persist(self.store.deliveries_sent, [delivery_id for delivery_id, _ in batch])
                for _, done in batch:
                    done.set_result(None)

    async def _alert(self, claim: DeliveryClaim) -> Reply | None:
        key = (claim.broadcast_id, claim.language)
        if key not in self._replies:
            record = await self._persist(self.store.get_broadcast, claim.broadcast_id)
            if record is None:
                return None
            lang = claim.language if claim.language in ("zh-Hans", "zh-Hant", "en") else DEFAULT_LANGUAGE
            self._replies[key] = alert_reply(record.id, record.text, lang)  # type: ignore[arg-type]
            self._shown.setdefault(record.id, (-1, -1, -1))
        return self._replies[key]

    async def _persist(self, call: Callable[..., Awaitable[Any]], *args: Any, **kwargs: Any) -> Any:
        """A store call that must not be dropped: retried while the database is briefly away."""
        delay = 0.5
        while True:
            try:
                return await call(*args, **kwargs)
            except StoreUnavailable as exc:
                log.warning("database unavailable while recording a delivery (%s); retrying in %.1fs", exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10.0)

    # ----- the moderator's view ---------------------------------------------------------------------
    async def _progress(self) -> None:
        while True:
            await asyncio.sleep(self.settings.progress_seconds)
            for broadcast_id in list(self._shown):
                try:
                    record = await self.store.get_broadcast(broadcast_id)
                except StoreUnavailable:
                    break
                if record is None or record.status != "sending":
                    self._shown.pop(broadcast_id, None)
                    continue
                counts = (record.sent, record.blocked, record.failed)
                if counts != self._shown.get(broadcast_id):
                    self._shown[broadcast_id] = counts
                    await self._show(record, final=False)

    async def _finish(self) -> None:
        try:
            finished = await self.store.finish_broadcasts()
        except StoreUnavailable as exc:
            log.warning("cannot finish broadcasts now: %s", exc)
            return
        for record in finished:
            log.info("broadcast %s done: %d sent, %d blocked, %d failed of %d", record.id, record.sent, record.blocked,
                     record.failed, record.total)
            self._shown.pop(record.id, None)
            self._replies = {key: reply for key, reply in self._replies.items() if key[0] != record.id}
            summary = asyncio.create_task(self._show(record, final=True), name="broadcast-summary")
            self._summaries.add(summary)
            summary.add_done_callback(self._summaries.discard)
            await asyncio.shield(summary)

    async def _show(self, record: BroadcastRecord, *, final: bool) -> None:
        if record.preview_chat_id is None or record.preview_message_id is None:
            return
        lang = await self._language(record.moderator_id)
        try:
            await self.pacer.wait(record.preview_chat_id)
            await self.transport.edit(record.preview_chat_id, record.preview_message_id, progress_reply(record, lang, final))  # type: ignore[arg-type]
        except TelegramError as exc:  # e.g. the moderator deleted the preview: the alert still goes out
            log.info("could not update the preview of broadcast %s: %s", record.id, exc.description)

    async def _language(self, moderator_id: int) -> str:
        if moderator_id not in self._moderator_lang:
            try:
                self._moderator_lang[moderator_id] = await self.store.language_of(moderator_id) or DEFAULT_LANGUAGE
            except StoreUnavailable:
                return DEFAULT_LANGUAGE
        return self._moderator_lang[moderator_id]
