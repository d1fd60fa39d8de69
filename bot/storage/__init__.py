"""Storage: SQLModel tables on async SQLAlchemy (SQLite by default, PostgreSQL for several processes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bot.storage.database import is_outage
from bot.storage.engine import make_engine, migrate
from bot.storage.errors import StoreUnavailable
from bot.storage.models import utc_now
from bot.storage.store import SqlStore

__all__ = ["SqlStore", "StoreUnavailable", "open_store"]


async def open_store(url: str, *, schema: str | None = None, busy_timeout: float = 5.0, echo: bool = False,
                     clock: Callable[[], dt.datetime] = utc_now, retry_delays: tuple[float, ...] = (0.05, 0.25, 1.0)) -> SqlStore:
    """Connect, apply every pending migration (start-up migrates before serving), return the store."""
    engine = make_engine(url, schema=schema, busy_timeout=busy_timeout, echo=echo)
    try:
        await migrate(engine)
    except BaseException as exc:
        await engine.dispose()
        if is_outage(exc):
            raise StoreUnavailable(f"cannot reach the database to migrate it: {exc.__class__.__name__}: {exc}") from exc
        raise
    single = make_engine(url, schema=schema, echo=echo, single_statement=True) if engine.dialect.name == "postgresql" else None
    return SqlStore(engine, clock=clock, retry_delays=retry_delays, single_statement_engine=single)
