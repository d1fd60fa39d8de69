"""A database that is locked or briefly down gives a clear error, loses nothing and recovers."""

import sqlite3

import pytest
from sqlalchemy import text

from bot.storage import StoreUnavailable, open_store
from bot.storage.engine import make_engine
from support.databases import database


async def test_locked_sqlite_gives_a_clear_error_and_loses_nothing(tmp_path):
    async with database("sqlite", tmp_path) as (url, _):
        store = await open_store(url, busy_timeout=0.1, retry_delays=(0.05,))
        try:
            await store.ensure_user(1, "en")
            path = url.split("///", 1)[1]
            other = sqlite3.connect(path, isolation_level=None)
            other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
            try:
                with pytest.raises(StoreUnavailable, match="unavailable.*nothing was changed"):
                    await store.set_language(1, "zh-Hans")
                assert (await store.get_user(1)).language == "en"  # reads go on (WAL)
            finally:
                other.execute("ROLLBACK")
                other.close()
            await store.set_language(1, "zh-Hans")
            assert (await store.get_user(1)).language == "zh-Hans"
        finally:
            await store.close()


@pytest.mark.postgres
async def test_postgres_connections_dropped_under_the_store_are_replaced_transparently(tmp_path):
    async with database("postgres", tmp_path) as (url, schema):
        store = await open_store(url, schema=schema)
        admin = make_engine(url)
        try:
            await store.ensure_user(1, "en")
            async with admin.begin() as conn:  # as a server restart or an idle-connection reaper would
                killed = (await conn.execute(text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = :name"),
                    {"name": f"shopsafe-{schema}"})).scalar()
            assert killed >= 1
            await store.set_subscribed(1, True)  # on a fresh connection
            assert (await store.get_user(1)).subscribed
        finally:
            await admin.dispose()
            await store.close()


async def test_an_unreachable_database_fails_fast_with_a_clear_error():
    with pytest.raises(StoreUnavailable, match="cannot reach the database"):
        await open_store("postgresql+asyncpg://postgres@127.0.0.1:1/none")


async def test_an_unwritable_sqlite_location_is_not_mistaken_for_an_outage(tmp_path):
    (tmp_path / "file").write_text("not a directory")
    with pytest.raises(OSError):
        await open_store(f"sqlite+aiosqlite:///{tmp_path / 'file' / 'shopsafe.db'}")
