"""ReminderJob over real HTTP (aiogram → stand-in Bot API server), a real database and APScheduler."""

import asyncio
import datetime as dt

import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.reminders import JOB_ID, ReminderJob
from bot.settings import BroadcastSettings, ReminderSettings
from bot.storage import open_store
from support.databases import database
from support.transports import aiogram_transport

UTC = dt.timezone.utc
SET_AT = dt.datetime(2026, 1, 1, 0, 0, tzinfo=UTC)  # when the reminders were set
LIFTED = BroadcastSettings(messages_per_second=1000, per_chat_interval=0)


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def store(store):
    """The suite's SQLite store on a clock the tests move."""
    store.clock = Clock(SET_AT)
    return store


@pytest.fixture
async def transport(botapi):
    async with aiogram_transport(botapi.base_url) as opened:
        yield opened


def job_for(store, transport, **settings):
    return ReminderJob(store, transport, ReminderSettings(**settings), limits=LIFTED)


async def remind(store, user_id, language="en", interval=30, hour=9, minute=0, zone="Asia/Shanghai"):
    await store.ensure_user(user_id, language)
    return await store.set_reminder(user_id, interval, hour, minute, zone)


def reminders_to(botapi, chat_id=None):
    return [c for c in botapi.calls_of("sendMessage", chat_id) if c.status == 200]


async def test_a_due_reminder_goes_out_once_with_its_checklist_and_is_rescheduled(store, transport, botapi):
    first = await remind(store, 1, "zh-Hant")
    await remind(store, 2, "en", interval=90)
    job = job_for(store, transport)
    store.clock.now = first.next_due + dt.timedelta(seconds=1)
    assert await job.tick() == 1
    assert await job.tick() == 0
    [call] = reminders_to(botapi)
    assert int(call.params["chat_id"]) == 1
    buttons = [b["callback_data"] for row in call.params["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == ["rem:done", "rem:later", "rem:stop"]
    again = await store.get_reminder(1)
    assert again.next_due == dt.datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 30 local days later, 09:00 Shanghai


async def test_reminders_missed_while_down_go_out_once_not_once_per_interval(store, transport, botapi):
    await remind(store, 1)
    store.clock.now = SET_AT + dt.timedelta(days=200)  # six intervals missed
    job = job_for(store, transport)
    assert await job.tick() == 1
    assert await job.tick() == 0
    assert len(reminders_to(botapi, 1)) == 1
    assert (await store.get_reminder(1)).next_due > store.clock.now + dt.timedelta(days=29)


async def test_a_user_who_blocked_the_bot_is_marked_inactive_and_their_reminder_stops(store, transport, botapi):
    await remind(store, 1)
    botapi.blocked.add(1)
    store.clock.now = SET_AT + dt.timedelta(days=31)
    assert await job_for(store, transport).tick() == 0
    assert (await store.get_user(1)).active is False
    assert await store.get_reminder(1) is None


async def test_telegram_errors_leave_the_reminder_due_again_later(store, transport, botapi):
    await remind(store, 1)
    await remind(store, 2)
    botapi.fail_next("sendMessage", 500, chat_id=1)
    botapi.fail_next("sendMessage", 429, retry_after=1, chat_id=2)
    store.clock.now = SET_AT + dt.timedelta(days=31)
    job = job_for(store, transport)
    assert await job.tick() == 0
    assert reminders_to(botapi) == []
    assert (await store.get_reminder(1)).next_due == store.clock.now + dt.timedelta(seconds=60)
    assert (await store.get_reminder(2)).next_due == store.clock.now + dt.timedelta(seconds=1)
    store.clock.now += dt.timedelta(minutes=2)
    assert await job.tick() == 2
    assert len(reminders_to(botapi, 1)) == len(reminders_to(botapi, 2)) == 1


async def test_a_reminder_send_that_outlives_its_timeout_is_not_repeated(store, botapi):
    await remind(store, 1)
    store.clock.now = SET_AT + dt.timedelta(days=31)
    async with aiogram_transport(botapi.base_url, request_timeout=0.5) as slow:
        botapi.fail_next("sendMessage", 0, hang=1.0, chat_id=1)  # Telegram delivers it, then answers late
        job = job_for(store, slow)
        assert await job.tick() == 0
        store.clock.now += dt.timedelta(minutes=2)
        assert await job.tick() == 0  # not due again: the next one comes a full interval later
        await asyncio.sleep(1.0)
    assert len(botapi.calls_of("sendMessage", 1)) == 1
    assert (await store.get_reminder(1)).next_due > store.clock.now + dt.timedelta(days=29)


async def test_a_claim_whose_process_died_is_sent_after_the_lease(store, transport, botapi):
    await remind(store, 1)
    store.clock.now = SET_AT + dt.timedelta(days=31)
    assert len(await store.claim_due_reminders(10, lease_seconds=600)) == 1  # claimed, then the process died
    job = job_for(store, transport)
    assert await job.tick() == 0
    store.clock.now += dt.timedelta(seconds=601)
    assert await job.tick() == 1
    assert len(reminders_to(botapi, 1)) == 1


async def test_more_due_than_one_batch_are_all_sent_in_one_tick(store, transport, botapi):
    for user_id in range(1, 26):
        await remind(store, user_id)
    store.clock.now = SET_AT + dt.timedelta(days=31)
    assert await job_for(store, transport, batch_size=10).tick() == 25
    assert sorted(int(c.params["chat_id"]) for c in reminders_to(botapi)) == list(range(1, 26))


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def test_two_processes_ticking_at_once_never_send_a_reminder_twice(kind, tmp_path, transport, botapi):
    clock = Clock(SET_AT)
    async with database(kind, tmp_path) as (url, schema):
        stores = [await open_store(url, schema=schema, clock=clock) for _ in range(2)]
        try:
            for user_id in range(1, 61):
                await remind(stores[0], user_id)
            clock.now = SET_AT + dt.timedelta(days=31)
            jobs = [job_for(store, transport, batch_size=5) for store in stores]
            counts = await asyncio.gather(*(job.tick() for job in jobs))
        finally:
            for store in stores:
                await store.close()
    assert sum(counts) == 60 and all(counts)
    assert sorted(int(c.params["chat_id"]) for c in reminders_to(botapi)) == list(range(1, 61))


async def test_start_registers_one_coalescing_job_that_runs_at_once(store, transport, botapi):
    await remind(store, 1)
    store.clock.now = SET_AT + dt.timedelta(days=31)
    scheduler = AsyncIOScheduler(timezone=UTC)
    scheduler.start()
    try:
        job = job_for(store, transport, tick_seconds=3600).start(scheduler)
        assert (job.id, job.max_instances, job.coalesce) == (JOB_ID, 1, True)
        await botapi.wait_for(lambda s: reminders_to(s, 1), timeout=10)
    finally:
        scheduler.shutdown(wait=False)
