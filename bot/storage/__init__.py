"""Storage: SQLModel tables on async SQLAlchemy (SQLite by default, PostgreSQL for several processes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bot.storage.database import is_outage
from bot.storage.engine import LOCK_TIMEOUT, STATEMENT_TIMEOUT, make_engine, migrate
from bot.storage.errors import StoreBusy, StoreUnavailable
from bot.storage.models import utc_now
from bot.storage.store import SqlStore

__all__ = ["SqlStore", "StoreBusy", "StoreUnavailable", "open_store"]


async def open_store(url: str, *, schema: str | None = None, lock_timeout: float = LOCK_TIMEOUT,
                     statement_timeout: float = STATEMENT_TIMEOUT, echo: bool = False,
                     clock: Callable[[], dt.datetime] = utc_now, retry_delays: tuple[float, ...] = (0.05, 0.25, 1.0)) -> SqlStore:
    """Connect, apply every pending migration (start-up migrates before serving), return the store."""
    engine = make_engine(url, schema=schema, lock_timeout=lock_timeout, statement_timeout=statement_timeout, echo=echo)
    try:
        await migrate(engine)
    except BaseException as exc:
        await engine.dispose()
        if is_outage(exc):
            raise StoreUnavailable(f"cannot reach the database to migrate it: {exc.__class__.__name__}: {exc}") from exc
        raise
    single = make_engine(url, schema=schema, lock_timeout=lock_timeout, statement_timeout=statement_timeout, echo=echo,
                         single_statement=True) if engine.dialect.name == "postgresql" else None
    return SqlStore(engine, clock=clock, retry_delays=retry_delays, single_statement_engine=single, lock_timeout=lock_timeout)
