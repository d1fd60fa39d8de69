"""The daily purge: reports older than `report_retention_days`, check counters older than
`stats_retention_days`, and per-chat delivery rows and votes of alerts finished longer ago than the
report retention (the alert keeps its totals)."""

from __future__ import annotations

import datetime as dt
import logging

from apscheduler.job import Job
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.settings import PrivacySettings
from bot.storage import SqlStore, StoreUnavailable

log = logging.getLogger(__name__)
JOB_ID = "retention-purge"


class RetentionJob:
    def __init__(self, store: SqlStore, settings: PrivacySettings) -> None:
        self.store = store
        self.settings = settings

    def start(self, scheduler: AsyncIOScheduler) -> Job:
        """Purge once at start-up, then every 24 hours."""
        return scheduler.add_job(self.run, "interval", hours=24, id=JOB_ID, replace_existing=True,
                                 max_instances=1, coalesce=True, next_run_time=dt.datetime.now(dt.timezone.utc))

    async def run(self) -> dict[str, int]:
        try:
            purged = await self.store.purge(self.settings.report_retention_days, self.settings.stats_retention_days)
        except StoreUnavailable as exc:
            log.warning("retention purge postponed to the next run: %s", exc)
            return {}
        log.info("retention purge: %s", ", ".join(f"{count} {what}" for what, count in purged.items()))
        return purged
