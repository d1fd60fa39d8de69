"""The daily purge job, on a real database and a real APScheduler."""

import asyncio
import datetime as dt

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.retention import JOB_ID, RetentionJob
from bot.settings import PrivacySettings
from support.databases import fresh_store


async def test_purge_runs_at_start_and_keeps_what_is_within_retention(tmp_path):
    async with fresh_store("sqlite", tmp_path) as store:
        now = dt.datetime.now(dt.timezone.utc)
        store.clock = lambda: now - dt.timedelta(days=8)
        await store.add_report(1, "eight days old", "scam", [])
        store.clock = lambda: now - dt.timedelta(days=6)
        kept = await store.add_report(2, "six days old", "scam", [])
        store.clock = lambda: now
        scheduler = AsyncIOScheduler(timezone=dt.timezone.utc)
        scheduler.start()
        try:
            job = RetentionJob(store, PrivacySettings(report_retention_days=7, stats_retention_days=30)).start(scheduler)
            assert (job.id, job.max_instances, job.coalesce) == (JOB_ID, 1, True)
            for _ in range(200):
                if len(await store.pending_reports()) == 1:
                    break
                await asyncio.sleep(0.02)
        finally:
            scheduler.shutdown(wait=False)
        assert [r.id for r in await store.pending_reports()] == [kept.id]
        assert job.next_run_time - now > dt.timedelta(hours=23)
