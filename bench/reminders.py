"""Reminder tick cost over a large table: a tick with nothing due must stay cheap (indexed next_due).

    python bench/reminders.py [--reminders 1000000] [--postgres URL] [--only sqlite|postgres] [--ticks 50]

Fills the reminders table (due 1 to 180 days from now), then times `ReminderJob.tick()`, the real job
with a real transport (aiogram to the stand-in Bot API server; nothing is due, so nothing is sent).
Target (issue #5): ≤ 50 ms per tick with 1,000,000 stored reminders.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from sqlalchemy import text  # noqa: E402

from bot.reminders import ReminderJob  # noqa: E402
from bot.settings import ReminderSettings  # noqa: E402
from bot.storage import open_store  # noqa: E402
from bot.storage.engine import make_engine  # noqa: E402
from support.botapi import BotApiServer  # noqa: E402
from support.databases import admin  # noqa: E402
from support.transports import aiogram_transport  # noqa: E402

TARGET_MS = 50.0
SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores a DateTime in SQLite


def fill_sqlite(path: str, count: int) -> None:
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    days = [(now + dt.timedelta(days=n % 180 + 1, minutes=n % 1440)).strftime(SQLITE_TIME) for n in range(1440)]  # spread over 180 days and every minute of the day
    with sqlite3.connect(path) as conn:
        conn.executemany("INSERT INTO reminders (user_id, interval_days, hour, minute, timezone, next_due) VALUES (?, 90, 9, 0, 'Asia/Shanghai', ?)",
                         ((uid, days[uid % len(days)]) for uid in range(1, count + 1)))


async def fill_postgres(url: str, schema: str, count: int) -> None:
    engine = make_engine(url, schema=schema)
    try:
        async with engine.begin() as conn:
            await conn.execute(text(
                "INSERT INTO reminders (user_id, interval_days, hour, minute, timezone, next_due) "
                "SELECT i, 90, 9, 0, 'Asia/Shanghai', now() + (i % 180 + 1) * interval '1 day' + (i % 1440) * interval '1 minute' "
                "FROM generate_series(1, :n) AS i"), {"n": count})
            await conn.execute(text("ANALYZE reminders"))
    finally:
        await engine.dispose()


async def plan(store) -> str:
    async with store.engine.connect() as conn:
        if store.sqlite:
            rows = await conn.execute(text("EXPLAIN QUERY PLAN SELECT user_id FROM reminders WHERE next_due <= :now "
                                           "ORDER BY next_due LIMIT 100"), {"now": store.clock().strftime(SQLITE_TIME)})
            return "; ".join(str(row[-1]) for row in rows)
        rows = await conn.execute(text("EXPLAIN SELECT user_id FROM reminders WHERE next_due <= now() ORDER BY next_due LIMIT 100"))
        return "; ".join(row[0].strip() for row in rows)


async def measure(url: str, schema: str | None, ticks: int, api_base: str) -> list[float]:
    store = await open_store(url, schema=schema)
    try:
        print(f"  query plan: {await plan(store)}")
        async with aiogram_transport(api_base) as transport:
            return await ticks_of(ReminderJob(store, transport, ReminderSettings()), ticks)
    finally:
        await store.close()


async def ticks_of(job: ReminderJob, ticks: int) -> list[float]:
    await job.tick()  # warm the connection pool and statement caches
    times = []
    for _ in range(ticks):
        began = time.perf_counter()
        sent = await job.tick()
        times.append((time.perf_counter() - began) * 1000)
        assert sent == 0
    return times


async def prepare(url: str, schema: str | None) -> None:
    store = await open_store(url, schema=schema)  # creates the schema through the migrations
    await store.close()


def run(name: str, url: str, schema: str | None, count: int, ticks: int, server: BotApiServer) -> bool:
    print(f"{name}: {count:,} reminders")
    asyncio.run(prepare(url, schema))
    began = time.perf_counter()
    if schema is None:
        fill_sqlite(url.split("///", 1)[1], count)
    else:
        asyncio.run(fill_postgres(url, schema, count))
    print(f"  filled in {time.perf_counter() - began:.1f} s")
    times = asyncio.run(measure(url, schema, ticks, server.base_url))
    p95 = sorted(times)[int(0.95 * (len(times) - 1))]
    ok = max(times) <= TARGET_MS
    print(f"  tick with nothing due over {ticks} ticks: median {statistics.median(times):.2f} ms, p95 {p95:.2f} ms, "
          f"max {max(times):.2f} ms (target ≤ {TARGET_MS:.0f} ms)  [{'PASS' if ok else 'FAIL'}]")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reminders", type=int, default=1_000_000)
    parser.add_argument("--ticks", type=int, default=50)
    parser.add_argument("--postgres", help="postgresql+asyncpg://… (default: $SHOPSAFE_TEST_POSTGRES_URL)")
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    args = parser.parse_args()
    results = []
    with BotApiServer() as server, tempfile.TemporaryDirectory(prefix="shopsafe-bench-") as workdir:
        if args.only in (None, "sqlite"):
            results.append(run("SQLite", f"sqlite+aiosqlite:///{workdir}/reminders.db", None, args.reminders, args.ticks, server))
        pg = args.postgres or os.environ.get("SHOPSAFE_TEST_POSTGRES_URL")
        if args.only in (None, "postgres"):
            if not pg:
                print("PostgreSQL: skipped (give --postgres URL or set SHOPSAFE_TEST_POSTGRES_URL)")
            else:
                schema = f"bench_reminders_{uuid.uuid4().hex[:6]}"
                asyncio.run(admin(pg, f'CREATE SCHEMA "{schema}"'))
                try:
                    results.append(run("PostgreSQL", pg, schema, args.reminders, args.ticks, server))
                finally:
                    asyncio.run(admin(pg, f'DROP SCHEMA "{schema}" CASCADE'))
    return 0 if results and all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
