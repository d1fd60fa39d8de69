"""Async engines for SQLite (default) and PostgreSQL, and start-up migration with Alembic.

SQLite runs in WAL mode with a busy timeout; SQLAlchemy emits BEGIN itself so that writing transactions
take the write lock up front (BEGIN IMMEDIATE) and two processes never deadlock upgrading a read lock.
PostgreSQL runs through asyncpg.

Both wait for a lock at most `LOCK_TIMEOUT` seconds (SQLite `busy_timeout`, PostgreSQL `lock_timeout`),
and a PostgreSQL statement runs at most `STATEMENT_TIMEOUT` seconds: a lock held elsewhere or a runaway
query then fails the transaction (rolled back) instead of keeping a user waiting, and the user is asked to
send it again (`bot.storage.database`). Bulk work (starting a broadcast to every subscriber, the daily
purge, migrations) lifts the statement timeout for its own transaction (`unbounded`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
# Serialises concurrent start-ups on one PostgreSQL database (any 64-bit number unique to ShopSafe).
MIGRATION_LOCK_KEY = 0x5350_5341_4645  # "SPSAFE"
READ_ONLY = "shopsafe_read_only"  # execution option: a reading transaction (SQLite: plain BEGIN)
SINGLE_STATEMENT = "shopsafe_single_statement"  # execution option: one write, atomic alone (SQLite: no BEGIN)
LOCK_TIMEOUT = 2.0  # seconds a transaction waits for a lock another transaction or process holds
STATEMENT_TIMEOUT = 10.0  # seconds one PostgreSQL statement may run (a user's statements take milliseconds)


def is_sqlite(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str, *, schema: str | None = None, lock_timeout: float = LOCK_TIMEOUT,
                statement_timeout: float = STATEMENT_TIMEOUT, echo: bool = False,
                single_statement: bool = False) -> AsyncEngine:
    """An engine for `url`; `schema` (PostgreSQL) puts every table in that schema via search_path.

    `single_statement` (PostgreSQL): a small autocommit pool whose commits do not wait for the WAL flush,
    for the sender's one-statement writes (see `Database.write_one`)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(parsed, echo=echo)
        _configure_sqlite(engine, lock_timeout)
        return engine
    server_settings = {"application_name": f"shopsafe-{schema}" if schema else "shopsafe",
                       "lock_timeout": f"{int(lock_timeout * 1000)}ms",
                       "statement_timeout": f"{int(statement_timeout * 1000)}ms"}
    if schema:
        server_settings["search_path"] = schema
    options: dict[str, Any] = {}
    if single_statement:
        server_settings["synchronous_commit"] = "off"
        options = {"isolation_level": "AUTOCOMMIT", "pool_size": 2}
    # No pre-ping: a connection the server dropped fails its transaction, which `Database` retries on a
    # fresh one; pinging before every transaction would cost a round trip each time.
    return create_async_engine(parsed, echo=echo, connect_args={"server_settings": server_settings}, **options)


def _configure_sqlite(engine: AsyncEngine, busy_timeout: float) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN (below), not the driver
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable across process crashes
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        options = conn.get_execution_options()
        if options.get(SINGLE_STATEMENT):
            return  # the driver is in autocommit mode: the one statement is its own transaction
        conn.exec_driver_sql("BEGIN" if options.get(READ_ONLY) else "BEGIN IMMEDIATE")


async def unbounded(conn: AsyncConnection, *, locks: bool = False) -> None:
    """Lift PostgreSQL's statement timeout (and with `locks`, the lock timeout) for this transaction only."""
    if conn.dialect.name == "postgresql":
        await conn.execute(text("SET LOCAL statement_timeout = 0"))
        if locks:
            await conn.execute(text("SET LOCAL lock_timeout = 0"))


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic configured in code: no alembic.ini is needed at run time."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


async def migrate(engine: AsyncEngine, revision: str = "head") -> None:
    """Apply every migration up to `revision` in one transaction (PostgreSQL: under an advisory lock)."""
    async with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            await unbounded(conn, locks=True)  # another process may be migrating: wait for it
            await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        await conn.run_sync(lambda sync_conn: command.upgrade(alembic_config(sync_conn), revision))
