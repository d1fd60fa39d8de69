"""Transactions with a clear failure: every store call is one transaction, retried on a brief outage.

A transaction that fails because the database is restarting or unreachable has rolled back, so running
it again is safe; after the last attempt the caller gets `StoreUnavailable`, never a half write. One that
waited out the lock timeout, or hit the statement timeout, is not run again (that would double the wait):
the caller gets `StoreBusy` at once. On SQLite this process's writers queue for the file's single write
lock; that queue is bounded by the same lock timeout, so a lock held by another process costs each user
one timeout, not one timeout per writer queued ahead of them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.storage.engine import LOCK_TIMEOUT, READ_ONLY, SINGLE_STATEMENT, is_sqlite
from bot.storage.errors import StoreBusy, StoreUnavailable

log = logging.getLogger(__name__)
T = TypeVar("T")


# PostgreSQL: lock_timeout expired, statement_timeout expired; deadlock and serialisation failures are
# rolled back and worth running again (outages).
BUSY_SQLSTATES = frozenset({"55P03", "57014"})
RETRY_SQLSTATES = frozenset({"40P01", "40001"})


def _sqlstate(exc: DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None)


def is_busy(exc: BaseException) -> bool:
    """A lock or statement timeout: SQLite's "database is locked" after busy_timeout, PostgreSQL's 55P03/57014."""
    if not isinstance(exc, DBAPIError):
        return False
    if _sqlstate(exc) in BUSY_SQLSTATES:
        return True
    return isinstance(exc, OperationalError) and "locked" in str(exc.orig)


def is_outage(exc: BaseException) -> bool:
    if isinstance(exc, DBAPIError):
        return exc.connection_invalidated or isinstance(exc, (OperationalError, InterfaceError)) or \
            _sqlstate(exc) in RETRY_SQLSTATES
    return isinstance(exc, (OSError, asyncio.TimeoutError))


BUSY_MESSAGE = "the database is busy ({reason}); nothing was changed, try again"


def _reason(exc: BaseException) -> str:
    return type(getattr(exc, "orig", None) or exc).__name__


class Database:
    def __init__(self, engine: AsyncEngine, *, single_statement_engine: AsyncEngine | None = None,
                 retry_delays: tuple[float, ...] = (0.05, 0.25, 1.0), lock_timeout: float = LOCK_TIMEOUT) -> None:
        self.engine = engine
        self.sqlite = is_sqlite(engine)
        self.postgres = engine.dialect.name == "postgresql"
        self._reader = engine.execution_options(**{READ_ONLY: True})
        self._single = single_statement_engine or engine.execution_options(**{SINGLE_STATEMENT: True})
        self._retry_delays = retry_delays
        self.lock_timeout = lock_timeout
        # SQLite has one writer: queueing this process's writers here is far cheaper than letting them
        # contend for the file lock, where each loser sleeps in SQLite's busy handler.
        self._write_lock = asyncio.Lock() if self.sqlite else None

    async def write(self, work: Callable[[AsyncConnection], Awaitable[T]]) -> T:
        """Run `work` in one writing transaction (SQLite: BEGIN IMMEDIATE)."""
        if self._write_lock is None:
            return await self._run(self.engine, work)
        async with self._writer():
            return await self._run(self.engine, work)

    @contextlib.asynccontextmanager
    async def _writer(self) -> AsyncIterator[None]:
        """This process's turn at SQLite's write lock, waited for at most `lock_timeout` seconds."""
        assert self._write_lock is not None
        try:
            async with asyncio.timeout(self.lock_timeout):
                await self._write_lock.acquire()
        except TimeoutError:
            raise StoreBusy(BUSY_MESSAGE.format(reason="writers queued")) from None
        try:
            yield
        finally:
            self._write_lock.release()

    async def write_one(self, statement: Any) -> None:
        """One write statement that is atomic on its own, in as few round trips as the database allows:
        SQLite runs it without BEGIN/COMMIT; PostgreSQL on an autocommit connection whose commit does not
        wait for the WAL flush (safe once the server has it; only a crash of the server itself within a
        fraction of a second could lose it). The broadcast sender's confirmations take this path."""
        async def work(conn: AsyncConnection) -> None:
            await conn.execute(statement)
        if self._write_lock is None:
            await self._run(self._single, work)
            return
        async with self._writer():
            await self._run(self._single, work)

    async def read(self, work: Callable[[AsyncConnection], Awaitable[T]]) -> T:
        return await self._run(self._reader, work)

    async def _run(self, engine: AsyncEngine, work: Callable[[AsyncConnection], Awaitable[T]]) -> T:
        delays = iter(self._retry_delays)
        while True:
            try:
                async with engine.begin() as conn:
                    return await work(conn)
            except Exception as exc:  # noqa: BLE001 - sorted below: only outages are retried
                if is_busy(exc):
                    raise StoreBusy(BUSY_MESSAGE.format(reason=_reason(exc))) from exc
                if not is_outage(exc):
                    raise
                delay = next(delays, None)
                reason = _reason(exc)
                if delay is None:
                    raise StoreUnavailable(f"the database is unavailable ({reason}); nothing was changed, try again") from exc
                log.warning("database unavailable (%s); retrying in %.2fs", reason, delay)
                await asyncio.sleep(delay)

    async def close(self) -> None:
        await self.engine.dispose()
        if self._single.sync_engine is not self.engine.sync_engine:
            await self._single.dispose()
