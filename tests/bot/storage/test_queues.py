"""The delivery and reminder queues: atomic claims shared by two processes, leases, retries."""

import asyncio
import datetime as dt

import pytest
from sqlalchemy import inspect

from bot.storage import open_store
from support.databases import database

UTC = dt.timezone.utc
NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
async def two_stores(kind, tmp_path):
    """Two stores with their own engines on one database: two bot processes."""
    clock = [NOW]
    async with database(kind, tmp_path) as (url, schema):
        stores = [await open_store(url, schema=schema, clock=lambda: clock[0]) for _ in range(2)]
        try:
            yield stores, clock
        finally:
            for store in stores:
                await store.close()


async def subscribers(store, count):
    for user_id in range(1, count + 1):
        await store.set_subscribed(user_id, True)


async def drain(claim, key):
    """Claim until nothing is left, pausing between claims as a sender would; the keys taken."""
    taken = []
    while claims := await claim():
        taken += [key(item) for item in claims]
        await asyncio.sleep(0.001)  # sending them, meanwhile the other process claims
    return taken


async def broadcast(store):
    draft = await store.create_broadcast(900, "alert", 900)
    return await store.start_broadcast(draft.id, 900)


async def test_two_processes_claiming_at_once_never_take_the_same_delivery(two_stores, kind):
    (first, second), _ = two_stores
    await subscribers(first, 200)
    await broadcast(first)

    async def drain(store):
        taken = []
        while claims := await store.claim_deliveries(7, lease_seconds=60):
            taken += [claim.chat_id for claim in claims]
        return taken

    a, b = await asyncio.gather(drain(first), drain(second))
    assert not set(a) & set(b)
    if kind == "postgres":  # SKIP LOCKED lets both work at once; SQLite's single writer may let one take all
        assert a and b
    assert sorted(a + b) == list(range(1, 201))


async def test_a_claim_expires_after_its_lease_and_confirmed_ones_never_return(two_stores):
    (first, second), clock = two_stores
    await subscribers(first, 3)
    record = await broadcast(first)
    claims = await first.claim_deliveries(10, lease_seconds=60)
    await first.delivery_sent(claims[0].id)
    assert await second.claim_deliveries(10, lease_seconds=60) == []
    clock[0] = NOW + dt.timedelta(seconds=61)
    again = await second.claim_deliveries(10, lease_seconds=60)
    assert [c.chat_id for c in again] == [2, 3]
    await second.release_deliveries([again[0].id])
    assert [c.chat_id for c in await first.claim_deliveries(10, lease_seconds=60)] == [2]
    assert (await first.get_broadcast(record.id)).sent == 1


async def test_retries_wait_for_their_time_and_blocked_recipients_become_inactive(two_stores):
    (store, _), clock = two_stores
    await subscribers(store, 2)
    record = await broadcast(store)
    one, two = await store.claim_deliveries(10, lease_seconds=60)
    await store.delivery_retry(one.id, 30, attempts=1)
    await store.delivery_blocked(two.id, two.chat_id)
    assert await store.claim_deliveries(10, lease_seconds=60) == []
    clock[0] = NOW + dt.timedelta(seconds=31)
    [retry] = await store.claim_deliveries(10, lease_seconds=60)
    assert (retry.chat_id, retry.attempts) == (1, 1)
    await store.delivery_failed(retry.id)
    assert (await store.get_user(2)).active is False
    [done] = await store.finish_broadcasts()
    assert (done.id, done.status, done.sent, done.blocked, done.failed) == (record.id, "done", 0, 1, 1)


async def test_only_one_process_finishes_a_broadcast(two_stores):
    (first, second), _ = two_stores
    await subscribers(first, 2)
    record = await broadcast(first)
    for claim in await first.claim_deliveries(10, lease_seconds=60):
        await first.delivery_sent(claim.id)
    a, b = await asyncio.gather(first.finish_broadcasts(), second.finish_broadcasts())
    assert [r.id for r in a + b] == [record.id]
    assert (await first.get_broadcast(record.id)).status == "done"
    assert await first.finish_broadcasts() == []


async def test_a_broadcast_with_nobody_to_reach_finishes_at_once(two_stores):
    (store, _), _ = two_stores
    record = await broadcast(store)
    assert record.total == 0
    assert [r.id for r in await store.finish_broadcasts()] == [record.id]


async def test_two_processes_claiming_reminders_at_once_never_take_the_same_one(two_stores, kind):
    (first, second), clock = two_stores
    for user_id in range(1, 101):
        await first.set_reminder(user_id, 30, 9, 0, "UTC")
    clock[0] = NOW + dt.timedelta(days=31)

    async def drain(store):
        taken = []
        while due := await store.claim_due_reminders(6, lease_seconds=600):
            taken += [r.user_id for r in due]
        return taken

    a, b = await asyncio.gather(drain(first), drain(second))
    assert not set(a) & set(b)
    if kind == "postgres":  # SKIP LOCKED lets both work at once; SQLite's single writer may let one take all
        assert a and b
    assert sorted(a + b) == list(range(1, 101))


async def test_a_reminder_changed_while_it_was_being_sent_keeps_the_new_setting(two_stores):
    (store, _), clock = two_stores
    await store.set_reminder(1, 30, 9, 0, "UTC")
    clock[0] = NOW + dt.timedelta(days=31)
    [due] = await store.claim_due_reminders(10, lease_seconds=600)
    assert due.language is None
    changed = await store.set_reminder(1, 180, 20, 0, "UTC")
    await store.reminder_sent(due)
    assert await store.get_reminder(1) == changed


async def test_reminders_are_indexed_by_when_they_are_due(two_stores):
    (store, _), _ = two_stores
    async with store.engine.connect() as conn:
        indexes = await conn.run_sync(lambda c: inspect(c).get_indexes("reminders"))
    assert ["next_due"] in [index["column_names"] for index in indexes]
