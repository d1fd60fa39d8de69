"""Fresh databases for the storage suite: an SQLite file, or a throw-away schema on the PostgreSQL
server named by $SHOPSAFE_TEST_POSTGRES_URL (skipped with a reason when unset or unreachable, unless
SHOPSAFE_REQUIRE_POSTGRES=1, as in CI, where that is a failure)."""

from __future__ import annotations

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
KINDS = ("sqlite", "postgres")


def _unavailable(reason: str) -> None:
    if os.environ.get("SHOPSAFE_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required here (SHOPSAFE_REQUIRE_POSTGRES=1) but {reason}")
    pytest.skip(f"PostgreSQL half of the storage suite skipped: {reason}")


async def _admin(url: str, statement: str) -> None:
    engine = create_async_engine(url, connect_args={"timeout": 5})
    try:
        async with engine.begin() as conn:
            await conn.execute(text(statement))
    finally:
        await engine.dispose()


@asynccontextmanager
async def database(kind: str, tmp_path: Path) -> AsyncIterator[tuple[str, str | None]]:
    """(url, schema) of an empty database of this kind, dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'db' / 'shopsafe.db'}", None
        return
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        _unavailable(f"${POSTGRES_ENV} is not set (e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test)")
    schema = f"t_{uuid.uuid4().hex[:16]}"
    try:
        await _admin(url, f'CREATE SCHEMA "{schema}"')
    except Exception as exc:  # noqa: BLE001 - any failure to reach the server means "not available here"
        _unavailable(f"the server at ${POSTGRES_ENV} is unreachable ({type(exc).__name__}: {exc})")
    try:
        yield url, schema
    finally:
        await _admin(url, f'DROP SCHEMA "{schema}" CASCADE')


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
