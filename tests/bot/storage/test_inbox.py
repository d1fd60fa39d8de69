"""The update inbox, on SQLite and PostgreSQL: recorded once, text gone once handled, leases, retention."""

import datetime as dt

from sqlalchemy import func, select

from bot.storage import open_store
from bot.storage.inbox import INBOX, MAX_ATTEMPTS, RecordedUpdate
from support.databases import database

UTC = dt.timezone.utc
NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def clocked(store, now=NOW):
    moment = [now]
    store.clock = lambda: moment[0]
    return moment


def updates(*ids):
    return [RecordedUpdate(i, f'{{"update_id":{i},"message":{{"text":"private text {i}"}}}}') for i in ids]


async def rows(store):
    async with store.engine.connect() as conn:
        return {row.update_id: row for row in await conn.execute(select(INBOX))}


async def test_update_id_deduplicated_an_update_recorded_twice_is_new_only_the_first_time(kind, tmp_path):
    """Two processes on one database (two stores here) receive the same update: one of them handles it."""
    async with database(kind, tmp_path) as (url, schema):
        first, second = await open_store(url, schema=schema), await open_store(url, schema=schema)
        try:
            assert await first.record_updates(updates(1, 2)) == {1, 2}
            assert await second.record_updates(updates(2, 3)) == {3}
            assert await first.record_updates(updates(1)) == set()
            assert await first.record_updates([]) == set()
            assert sorted(await rows(first)) == [1, 2, 3]
        finally:
            await first.close()
            await second.close()


async def test_a_handled_update_keeps_its_id_but_not_its_text(store):
    clocked(store)
    await store.record_updates(updates(7, 8))
    await store.updates_handled([7])
    recorded = await rows(store)
    assert recorded[7].payload is None and recorded[7].handled_at == NOW and recorded[7].claimed_at is None
    assert "private text 8" in recorded[8].payload
    assert await store.record_updates(updates(7)) == set()  # a redelivery is still recognised


async def test_only_updates_whose_lease_ran_out_or_were_released_are_claimed_again(store):
    now = clocked(store)
    await store.record_updates(updates(1, 2, 3))
    await store.updates_handled([3])
    assert await store.claim_updates(NOW - dt.timedelta(seconds=30)) == []  # still held by their process
    now[0] = NOW + dt.timedelta(seconds=20)
    await store.renew_updates([2])
    now[0] = NOW + dt.timedelta(seconds=40)
    claimed = await store.claim_updates(now[0] - dt.timedelta(seconds=30))
    assert [u.update_id for u in claimed] == [1] and "private text 1" in claimed[0].payload
    assert await store.claim_updates(now[0] - dt.timedelta(seconds=30)) == []  # now claimed: not twice
    await store.release_updates([2])
    assert [u.update_id for u in await store.claim_updates(now[0] - dt.timedelta(seconds=30))] == [2]
    assert [u.update_id for u in await store.claim_updates(now[0] + dt.timedelta(seconds=1))] == [1, 2]  # take over all


async def test_an_update_cut_short_on_every_attempt_is_dropped_so_it_cannot_crash_every_restart(store):
    now = clocked(store)
    await store.record_updates(updates(5))
    for attempt in range(2, MAX_ATTEMPTS + 1):
        now[0] += dt.timedelta(minutes=1)
        assert [u.update_id for u in await store.claim_updates(now[0])] == [5], attempt
    now[0] += dt.timedelta(minutes=1)
    assert await store.claim_updates(now[0]) == []
    assert (await rows(store))[5].payload is None


async def test_retention_purges_inbox_rows_handled_or_not_after_two_days(store):
    now = clocked(store, NOW - dt.timedelta(days=3))
    await store.record_updates(updates(1, 2))
    await store.updates_handled([1])
    now[0] = NOW - dt.timedelta(hours=1)
    await store.record_updates(updates(3))
    now[0] = NOW
    assert (await store.purge(report_days=30, stats_days=90))["updates"] == 2
    async with store.engine.connect() as conn:
        assert (await conn.execute(select(func.count()).select_from(INBOX))).scalar_one() == 1
