"""The security check-up job: an APScheduler tick that claims due reminders and sends the check-up.

Claims are atomic (see `bot.storage.queues`), so any number of bot processes can run this job and each
reminder goes out once. A reminder missed while the bot was down is due on the first tick after it comes
back and is then rescheduled a full interval from that moment: it goes out once, not once per interval
missed. A user who blocked the bot (403) is marked inactive and their reminder removed.
"""

from __future__ import annotations

import datetime as dt
import logging

from apscheduler.job import Job
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.broadcasts import Pacer
from bot.settings import BroadcastSettings, ReminderSettings
from bot.storage import SqlStore, StoreUnavailable
from bot.storage.queues import DueReminder
from bot.storage.store import DEFAULT_LANGUAGE
from bot.transport import BadRequest, Forbidden, RetryAfter, TelegramError, TimedOut, Transport
from handlers.reminders import reminder_reply

log = logging.getLogger(__name__)
JOB_ID = "security-checkups"
RETRY_SECONDS = 60.0  # after a 5xx or a time-out


class ReminderJob:
    def __init__(self, store: SqlStore, transport: Transport, settings: ReminderSettings,
                 limits: BroadcastSettings | None = None) -> None:
        self.store = store
        self.transport = transport
        self.settings = settings
        self.pacer = Pacer(limits or BroadcastSettings())  # reminders count toward Telegram's limits too

    def start(self, scheduler: AsyncIOScheduler) -> Job:
        """Tick every `tick_seconds`, the first time at once (reminders missed while down go out now)."""
        return scheduler.add_job(self.tick, "interval", seconds=self.settings.tick_seconds, id=JOB_ID,
                                 replace_existing=True, max_instances=1, coalesce=True,
                                 next_run_time=dt.datetime.now(dt.timezone.utc))

    async def tick(self) -> int:
        """Send every reminder that is due; returns how many went out."""
        sent = 0
        while True:
            try:
                due = await self.store.claim_due_reminders(self.settings.batch_size, self.settings.lease_seconds)
            except StoreUnavailable as exc:
                log.warning("reminder tick skipped: %s", exc)
                return sent
            for reminder in due:
                sent += await self._send(reminder)
            if len(due) < self.settings.batch_size:
                return sent

    async def _send(self, reminder: DueReminder) -> int:
        lang = reminder.language or DEFAULT_LANGUAGE
        await self.pacer.wait(reminder.user_id)
        try:
            try:
                await self.transport.send(reminder.user_id, reminder_reply(lang))  # type: ignore[arg-type]
            except RetryAfter as exc:
                self.pacer.pause(exc.retry_after)
                await self.store.reminder_retry(reminder, exc.retry_after)
            except Forbidden:
                await self.store.set_active(reminder.user_id, False)
            except BadRequest as exc:  # this one cannot be delivered; try again next interval
                log.warning("reminder refused by Telegram: %s", exc.description)
                await self.store.reminder_sent(reminder)
            except TimedOut:  # it may have arrived: never sent twice, the next one comes next interval
                log.warning("reminder timed out: not repeated, it may have arrived")
                await self.store.reminder_sent(reminder)
            except (TelegramError, OSError, TimeoutError) as exc:
                log.warning("reminder not sent (%s); retrying in %.0fs", type(exc).__name__, RETRY_SECONDS)
                await self.store.reminder_retry(reminder, RETRY_SECONDS)
            else:
                await self.store.reminder_sent(reminder)
                return 1
        except StoreUnavailable as exc:  # the claim's lease makes it due again later
            log.warning("could not record a reminder: %s", exc)
        return 0
