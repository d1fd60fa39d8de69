"""Start-up migration: the migrated schema is exactly the models, and migrating again changes nothing."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from bot.storage import open_store
from bot.storage.engine import alembic_config
from bot.storage.models import metadata
from support.databases import database


def _diff(sync_conn):
    context = MigrationContext.configure(sync_conn, opts={"compare_type": True})
    return compare_metadata(context, metadata)


async def test_migrated_schema_equals_the_models(store):
    async with store.engine.connect() as conn:
        assert await conn.run_sync(_diff) == []


async def test_open_store_twice_is_a_no_op_and_records_head(kind, tmp_path):
    async with database(kind, tmp_path) as (url, schema):
        first = await open_store(url, schema=schema)
        await first.ensure_user(1, "en")
        await first.close()
        second = await open_store(url, schema=schema)
        try:
            assert (await second.get_user(1)).language == "en"
            async with second.engine.connect() as conn:
                version = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar_one()
                tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
            assert version == ScriptDirectory.from_config(alembic_config()).get_current_head()
            assert set(metadata.tables) <= tables
        finally:
            await second.close()


async def test_sqlite_file_is_created_in_a_missing_directory_in_wal_mode(tmp_path):
    path = tmp_path / "new" / "deeper" / "shopsafe.db"
    store = await open_store(f"sqlite+aiosqlite:///{path}")
    try:
        assert path.exists()
        async with store.engine.connect() as conn:
            assert (await conn.exec_driver_sql("PRAGMA journal_mode")).scalar() == "wal"
    finally:
        await store.close()

