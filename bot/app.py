"""Builds and runs everything: store, detector, knowledge base, scheduler jobs, and one adapter or the console.

`build_app(settings)` opens what the handlers need and returns an `App`; an adapter then calls
`app.attach(transport)` once it can send, which starts the broadcast sender and the reminder job, and
`app.detach()` before its session closes. `run(settings, webhook)` does all of it and stops cleanly on
SIGINT or SIGTERM.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
import logging
import signal
from dataclasses import dataclass, field
from typing import Any

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_MISSED,
    EVENT_JOB_SUBMITTED,
    JobEvent,
    JobSubmissionEvent,
)
from apscheduler.job import Job
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from handlers.context import Context, DetectorHolder, Limits
from handlers.ports import ChartRenderer, ImageReader
from knowledge import KnowledgeBase
from scam_patterns import Detector

from bot.adapters import load_adapter
from bot.adapters.common import Webhook
from bot.settings import Settings
from bot.transport import Transport

log = logging.getLogger(__name__)

PATTERN_RELOAD_SECONDS = 60  # several processes pick up patterns approved elsewhere within a minute
SHUTDOWN_SECONDS = 10.0  # how long shutdown waits for a running scheduled job


class RunningJobs:
    """Counts scheduler jobs in progress, from APScheduler's events, so shutdown can wait for them.

    Closing the store under a running job would cancel it mid-query and leave its connection open.
    """

    def __init__(self, scheduler: AsyncIOScheduler) -> None:
        self.count = 0
        self.idle = asyncio.Event()
        self.idle.set()
        scheduler.add_listener(self._started, EVENT_JOB_SUBMITTED)
        scheduler.add_listener(self._ended, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED)

    def _started(self, event: JobSubmissionEvent) -> None:
        # One submission covers its run times; each ends in exactly one executed, error or missed event.
        self.count += len(event.scheduled_run_times)
        self.idle.clear()

    def _ended(self, event: JobEvent) -> None:
        self.count = max(0, self.count - 1)
        if self.count == 0:
            self.idle.set()

    async def wait(self, timeout: float = SHUTDOWN_SECONDS) -> None:
        try:
            await asyncio.wait_for(self.idle.wait(), timeout)
        except TimeoutError:
            log.warning("%d scheduled job(s) still running at shutdown", self.count)


@dataclass
class App:
    """One running ShopSafe: what the handlers use, plus the jobs that send on their own."""

    settings: Settings
    ctx: Context
    scheduler: AsyncIOScheduler
    running: RunningJobs
    senders: list[Any] = field(default_factory=list)  # started by `attach`, stopped by `detach`
    scheduled: list[Job] = field(default_factory=list)  # scheduler jobs that send, removed by `detach`
    transport: Transport | None = None  # Telegram, while attached (the web console sends through it)

    async def reload_patterns(self) -> None:
        """Swap in the detector with the approved community patterns as they are in storage now."""
        patterns = await self.ctx.store.db_patterns()
        self.ctx.detector.reload(patterns)

    async def attach(self, transport: Transport) -> None:
        """Start what sends by itself (alerts, reminders) through `transport`; call once per process."""
        from bot.broadcasts import BroadcastSender
        from bot.reminders import ReminderJob

        self.transport = transport
        sender = BroadcastSender(self.ctx.store, transport, self.settings.broadcast)
        await sender.start()
        self.ctx.broadcaster = sender
        self.senders.append(sender)
        self.scheduled.append(ReminderJob(self.ctx.store, transport, self.settings.reminders).start(self.scheduler))

    async def detach(self) -> None:
        """Stop the jobs that send, before the transport under them closes."""
        self.ctx.broadcaster = None
        self.transport = None
        while self.scheduled:
            with contextlib.suppress(JobLookupError):
                self.scheduled.pop().remove()
        await self.running.wait()  # a reminder tick may be sending right now
        while self.senders:
            await self.senders.pop().stop()

    async def close(self) -> None:
        """Stop sending, let running jobs finish, stop the scheduler, then close storage."""
        await self.detach()
        if self.scheduler.running:
            self.scheduler.pause()
            await self.running.wait()
            self.scheduler.shutdown(wait=False)
        close_reader = getattr(self.ctx.image_reader, "close", None)
        if close_reader is not None:  # the OCR worker process
            close_reader()
        await self.ctx.store.close()


def limits_of(settings: Settings) -> Limits:
    return Limits(
        checks_per_minute=settings.limits.checks_per_minute,
        max_text_chars=settings.limits.max_text_chars,
        callback_ttl_seconds=settings.privacy.callback_ttl_seconds,
        report_retention_days=settings.privacy.report_retention_days,
        max_image_bytes=settings.limits.max_image_bytes,
        ocr_min_confidence=settings.ocr.min_confidence,
    )


def optional_image_reader(settings: Settings) -> ImageReader | None:
    """RapidOCR when its extra is installed; without it, photos get an honest "cannot read images"."""
    try:
        from bot.ocr_worker import OcrWorker
    except ImportError:
        log.info("OCR is not installed: photos will not be read")
        return None
    return OcrWorker(settings.ocr, settings.limits)  # a process of its own, started with the first photo


def optional_charts() -> ChartRenderer | None:
    try:
        from bot.charts import StatsChart
    except ImportError:
        log.info("matplotlib is not installed: /stats answers in text only")
        return None
    return StatsChart()


async def build_app(settings: Settings, *, detector: Detector | None = None, kb: KnowledgeBase | None = None) -> App:
    """Open storage (migrating it first), load the detector and the knowledge base, start the scheduler.

    `detector` and `kb` may be passed in when several apps in one process share them (tests, benches);
    both are read-only once built.
    """
    from bot.retention import RetentionJob
    from bot.storage import open_store

    if settings.database.url is None:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = await open_store(settings.database_url)
    try:
        if detector is None:
            detector = await asyncio.to_thread(Detector.default)
        if kb is None:
            kb = await asyncio.to_thread(KnowledgeBase.default)
        ctx = Context(
            detector=DetectorHolder(detector), kb=kb, store=store,
            moderators=frozenset(settings.moderators), limits=limits_of(settings),
            image_reader=optional_image_reader(settings), charts=optional_charts(),
        )
        scheduler = AsyncIOScheduler(timezone=dt.timezone.utc)
        app = App(settings=settings, ctx=ctx, scheduler=scheduler, running=RunningJobs(scheduler))
        await app.reload_patterns()
        scheduler.add_job(app.reload_patterns, "interval", seconds=PATTERN_RELOAD_SECONDS, id="reload-patterns",
                          coalesce=True, max_instances=1)
        RetentionJob(store, settings.privacy).start(scheduler)
        scheduler.start()
    except BaseException:
        await store.close()
        raise
    return app


async def _all_or_stop(served: list[Any], stop: asyncio.Event) -> None:
    """Run the servers together; when one fails, the others are stopped too and the failure propagates."""
    tasks = [asyncio.ensure_future(coroutine) for coroutine in served]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
        for task in done:
            task.result()
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)


async def run(settings: Settings, webhook: Webhook | None = None, stop: asyncio.Event | None = None,
              web: tuple[str, int] | None = None) -> None:
    """Serve Telegram with the configured adapter, or the console chat when there is no token; with `web`
    (HOST:PORT) also the web page and the moderators' console, and then no console chat.

    Returns after SIGINT/SIGTERM (or `stop` set) once queued updates are answered and storage is closed.
    """
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    handled: list[signal.Signals] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # not the main thread / Windows
            loop.add_signal_handler(sig, stop.set)
            handled.append(sig)
    # Import the adapter (seconds for aiogram's models) before anything runs on the event loop.
    adapter = load_adapter(settings.telegram.framework) if settings.telegram.token is not None else None
    app = await build_app(settings)
    # The detector, the knowledge base and the framework's models are a few hundred thousand objects
    # that live as long as the process; a full garbage collection walking them paused every reply for
    # ~0.4 s. Frozen, they are left out of every later collection.
    gc.collect()
    gc.freeze()
    served = []
    if web is not None:
        from bot.web.server import serve_web

        served.append(serve_web(app, *web, stop))
    if adapter is not None:
        served.append(adapter.serve(app, webhook, stop))
    elif web is None:
        from bot.console import run_console

        served.append(run_console(app, stop=stop))
    try:
        await _all_or_stop(served, stop)
    finally:
        await app.close()
        for sig in handled:
            loop.remove_signal_handler(sig)
