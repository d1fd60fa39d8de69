"""Fresh databases for the storage suite: an SQLite file, or a schema on the PostgreSQL server named by
$SHOPSAFE_TEST_POSTGRES_URL (skipped with a reason when unset or unreachable, unless
SHOPSAFE_REQUIRE_POSTGRES=1, as in CI, where that is a failure).

PostgreSQL tests share one schema per test process, emptied after each test (TRUNCATE … RESTART IDENTITY)
and dropped at exit: migrating a new schema for every test would cost far more than the tests."""

from __future__ import annotations

import asyncio
import atexit
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

POSTGRES_ENV = "SHOPSAFE_TEST_POSTGRES_URL"
_schema: str | None = None  # this process's schema, created on first use


def _unavailable(reason: str) -> None:
    if os.environ.get("SHOPSAFE_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required here (SHOPSAFE_REQUIRE_POSTGRES=1) but {reason}")
    pytest.skip(f"PostgreSQL half of the storage suite skipped: {reason}")


async def admin(url: str, statement: str) -> None:
    """Run one statement on the PostgreSQL server at `url` (CREATE/DROP SCHEMA…)."""
    engine = create_async_engine(url, connect_args={"timeout": 5})
    try:
        async with engine.begin() as conn:
            await conn.execute(text(statement))
    finally:
        await engine.dispose()


@asynccontextmanager
async def database(kind: str, tmp_path: Path) -> AsyncIterator[tuple[str, str | None]]:
    """(url, schema) of an empty database: a new SQLite file, or this process's PostgreSQL schema,
    emptied again afterwards."""
    if kind == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'db' / 'shopsafe.db'}", None
        return
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        _unavailable(f"${POSTGRES_ENV} is not set (e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test)")
    global _schema
    if _schema is None:
        schema = f"t_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        try:
            await admin(url, f'CREATE SCHEMA "{schema}"')
        except Exception as exc:  # noqa: BLE001 - any failure to reach the server means "not available here"
            _unavailable(f"the server at ${POSTGRES_ENV} is unreachable ({type(exc).__name__}: {exc})")
        atexit.register(lambda: asyncio.run(admin(url, f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')))
        _schema = schema
    try:
        yield url, _schema
    finally:
        await _empty(url, _schema)


async def _empty(url: str, schema: str) -> None:
    """Every table emptied and its ids restarted: as good as a fresh schema, without migrating again."""
    engine = create_async_engine(url, connect_args={"timeout": 5, "server_settings": {"search_path": schema}})
    try:
        async with engine.begin() as conn:
            tables = (await conn.execute(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = :schema AND tablename <> 'alembic_version'"),
                {"schema": schema})).scalars().all()
            if tables:
                await conn.execute(text("SET LOCAL lock_timeout = '10s'"))
                await conn.execute(text(f"TRUNCATE {', '.join(f'{schema}.{t}' for t in tables)} RESTART IDENTITY CASCADE"))
    finally:
        await engine.dispose()


@asynccontextmanager
async def fresh_store(kind: str, tmp_path: Path, **options: Any) -> AsyncIterator[Any]:
    """A migrated `SqlStore` on an empty database of this kind."""
    from bot.storage import open_store

    async with database(kind, tmp_path) as (url, schema):
        store = await open_store(url, schema=schema, **options)
        try:
            yield store
        finally:
            await store.close()


@asynccontextmanager
async def fresh_postgres_database(tag: str) -> AsyncIterator[str]:
    """The URL of a new, empty PostgreSQL database on the server at $SHOPSAFE_TEST_POSTGRES_URL, dropped
    afterwards: for separate processes (`shopsafe run`), which take a URL and no schema."""
    from sqlalchemy.engine import make_url

    url = os.environ.get(POSTGRES_ENV)
    if not url:
        _unavailable(f"${POSTGRES_ENV} is not set (e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test)")
    name = f"shopsafe_{tag}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    try:
        await _autocommit(url, f'CREATE DATABASE "{name}"')
    except Exception as exc:  # noqa: BLE001 - any failure to reach the server means "not available here"
        _unavailable(f"cannot create a database at ${POSTGRES_ENV} ({type(exc).__name__}: {exc})")
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        await _autocommit(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _autocommit(url: str, statement: str) -> None:
    """CREATE/DROP DATABASE, which PostgreSQL runs outside a transaction only."""
    engine = create_async_engine(url, connect_args={"timeout": 5}, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(text(statement))
    finally:
        await engine.dispose()
