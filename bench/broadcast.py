"""Broadcast sender throughput and crash safety, over HTTP against the stand-in Bot API server.

    python bench/broadcast.py [--subscribers 100000] [--fault-subscribers 5000] [--postgres URL]
                              [--only sqlite|postgres] [--runs throughput,crash] [--senders 1]

For each database (SQLite, and PostgreSQL at --postgres or $SHOPSAFE_TEST_POSTGRES_URL):
1. throughput: N subscribers, rate limits lifted; a separate sender process drains the broadcast through
   aiogram to the stand-in server (in this process). Target (issue #5): ≥ 500 deliveries/s.
2. crash: faults injected (1 % 429, 0.5 % 403, 0.5 % 500), the sender process is killed with SIGKILL
   once half the recipients have it, and started again. Every recipient must get it (or have "blocked"
   the bot: 403), and duplicates, counted from the server's recorded calls, must be ≤ max_in_flight (5).
   Each 429 pauses all sending for retry_after (1 s), as Telegram asks, so this run is smaller.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from sqlalchemy import insert, text  # noqa: E402

from bot.settings import BroadcastSettings  # noqa: E402
from bot.storage import open_store  # noqa: E402
from bot.storage.engine import make_engine  # noqa: E402
from bot.storage.models import User  # noqa: E402
from support.botapi import BotApiServer, FaultRates  # noqa: E402
from support.databases import admin  # noqa: E402

MODERATOR = 900
TARGET_PER_SECOND = 500.0


def lifted(lease_seconds: float) -> BroadcastSettings:
    return BroadcastSettings(messages_per_second=1_000_000, per_chat_interval=0, group_messages_per_minute=1_000_000,
                             lease_seconds=lease_seconds, progress_seconds=2.0)


# ----- the sender process ---------------------------------------------------------------------------
async def send(url: str, schema: str | None, api_base: str, lease_seconds: float) -> None:
    from bot.broadcasts import BroadcastSender
    from support.transports import aiogram_transport

    store = await open_store(url, schema=schema)
    try:
        async with aiogram_transport(api_base) as transport:
            sender = BroadcastSender(store, transport, lifted(lease_seconds), poll_seconds=0.2, retry_base_seconds=0.2)
            await sender.start()
            try:
                while await store.sending_broadcasts():
                    await asyncio.sleep(0.2)
            finally:
                await sender.stop()
    finally:
        await store.close()


# ----- the bench ------------------------------------------------------------------------------------
async def prepare(url: str, schema: str | None, subscribers: int) -> int:
    """N subscribed users and a started broadcast; returns the number of deliveries queued."""
    store = await open_store(url, schema=schema)
    try:
        users = User.__table__  # type: ignore[attr-defined]
        now = store.clock()
        async with store.engine.begin() as conn:
            for start in range(1, subscribers + 1, 10_000):
                await conn.execute(insert(users), [
                    {"user_id": uid, "language": ("en", "zh-Hans", "zh-Hant")[uid % 3], "subscribed": True, "active": True,
                     "created_at": now} for uid in range(start, min(start + 10_000, subscribers + 1))])
        draft = await store.create_broadcast(MODERATOR, "⚠️ 警惕假客服“退款”电话 / Beware of fake refund calls.", MODERATOR)
        await store.set_broadcast_preview(draft.id, 1)
        began = time.perf_counter()
        record = await store.start_broadcast(draft.id, MODERATOR)
        print(f"  queued {record.total:,} deliveries in {time.perf_counter() - began:.2f} s")
        return record.total
    finally:
        await store.close()


def spawn(url: str, schema: str | None, api_base: str, lease_seconds: float) -> subprocess.Popen[bytes]:
    command = [sys.executable, __file__, "--send", url, "--api-base", api_base, "--lease", str(lease_seconds)]
    if schema:
        command += ["--schema", schema]
    return subprocess.Popen(command)


def confirmed(server: BotApiServer) -> collections.Counter[int]:
    return collections.Counter(int(c.params["chat_id"]) for c in server.calls_of("sendMessage") if c.status == 200)


async def statuses(url: str, schema: str | None) -> dict[str, int]:
    engine = make_engine(url, schema=schema)
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(text("SELECT status, count(*) FROM deliveries GROUP BY status"))
            return dict(rows.all())
    finally:
        await engine.dispose()


def throughput(url: str, schema: str | None, subscribers: int, senders: int) -> bool:
    total = asyncio.run(prepare(url, schema, subscribers))
    with BotApiServer() as server:
        began = time.perf_counter()
        children = [spawn(url, schema, server.base_url, lease_seconds=60) for _ in range(senders)]
        for child in children:
            child.wait()
        elapsed = time.perf_counter() - began
        got = confirmed(server)
        sends = sorted(c.at for c in server.calls_of("sendMessage"))
    sending = sends[-1] - sends[0] if len(sends) > 1 else float("nan")
    rate = total / sending
    ok = all(c.returncode == 0 for c in children) and len(got) == total and max(got.values()) == 1 and rate >= TARGET_PER_SECOND
    print(f"  {senders} sender process(es); {total:,} sent once each: {len(got) == total and max(got.values()) == 1}; "
          f"first→last send {sending:.1f} s = {rate:,.0f} deliveries/s (target ≥ {TARGET_PER_SECOND:.0f}); "
          f"process start→exit {elapsed:.1f} s = {total / elapsed:,.0f}/s  [{'PASS' if ok else 'FAIL'}]")
    return ok


def crash(url: str, schema: str | None, subscribers: int, senders: int) -> bool:
    total = asyncio.run(prepare(url, schema, subscribers))
    max_in_flight = lifted(5).max_in_flight
    with BotApiServer() as server:
        server.rates = FaultRates(p429=0.01, p403=0.005, p500=0.005)
        child = spawn(url, schema, server.base_url, lease_seconds=10)
        server.wait_for_sync(lambda s: len(confirmed(s)) >= total // 2 or child.poll() is not None, timeout=600)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        at_kill = len(confirmed(server))
        print(f"  SIGKILL after {at_kill:,} of {total:,} confirmed; restarting the sender")
        began = time.perf_counter()
        child = spawn(url, schema, server.base_url, lease_seconds=10)
        child.wait()
        print(f"  the restarted sender finished in {time.perf_counter() - began:.1f} s")
        got = confirmed(server)
        refused = {int(c.params["chat_id"]) for c in server.calls_of("sendMessage") if c.status == 403}
        faults = collections.Counter(c.status for c in server.calls_of("sendMessage") if c.status != 200)
    by_status = asyncio.run(statuses(url, schema))
    lost = [uid for uid in range(1, total + 1) if uid not in got and uid not in refused]
    duplicates = sum(n - 1 for n in got.values() if n > 1)
    ok = child.returncode == 0 and not lost and duplicates <= max_in_flight and by_status.get("sent", 0) == len(got)
    print(f"  faults served: {dict(sorted(faults.items()))}; deliveries by status: {by_status}")
    print(f"  lost: {len(lost)}; duplicates: {duplicates} (allowed ≤ {max_in_flight}, the sends in flight at the kill)"
          f"  [{'PASS' if ok else 'FAIL'}]")
    return ok


def databases(args: argparse.Namespace, workdir: Path) -> list[tuple[str, str, str | None]]:
    found = []
    if args.only in (None, "sqlite"):
        found.append(("SQLite", f"sqlite+aiosqlite:///{workdir}/{{run}}.db", None))
    pg = args.postgres or os.environ.get("SHOPSAFE_TEST_POSTGRES_URL")
    if args.only in (None, "postgres"):
        if pg:
            found.append(("PostgreSQL", pg, "bench_broadcast_{run}"))
        else:
            print("PostgreSQL: skipped (give --postgres URL or set SHOPSAFE_TEST_POSTGRES_URL)")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--fault-subscribers", type=int, default=5_000)
    parser.add_argument("--postgres", help="postgresql+asyncpg://… (default: $SHOPSAFE_TEST_POSTGRES_URL)")
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    parser.add_argument("--runs", default="throughput,crash", help="which runs, comma-separated (default: both)")
    parser.add_argument("--senders", type=int, default=1, help="sender processes sharing the throughput run (default 1)")
    parser.add_argument("--send", metavar="URL", help=argparse.SUPPRESS)  # the sender process
    parser.add_argument("--schema", help=argparse.SUPPRESS)
    parser.add_argument("--api-base", help=argparse.SUPPRESS)
    parser.add_argument("--lease", type=float, default=60, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.send:
        asyncio.run(send(args.send, args.schema, args.api_base, args.lease))
        usage = resource.getrusage(resource.RUSAGE_SELF)
        print(f"  sender process CPU: {usage.ru_utime + usage.ru_stime:.1f} s (user {usage.ru_utime:.1f}, system {usage.ru_stime:.1f})")
        return 0

    results = []
    with tempfile.TemporaryDirectory(prefix="shopsafe-bench-") as workdir:
        for name, url_pattern, schema_pattern in databases(args, Path(workdir)):
            runs = [(run, bench, size) for run, bench, size in (("throughput", throughput, args.subscribers),
                                                                 ("crash", crash, args.fault_subscribers))
                    if run in args.runs.split(",")]
            for run, bench, size in runs:
                print(f"{name}, {run}: {size:,} subscribers")
                schema = schema_pattern.format(run=f"{run}_{uuid.uuid4().hex[:6]}") if schema_pattern else None
                url = url_pattern.format(run=run)
                if schema:
                    asyncio.run(admin(url, f'CREATE SCHEMA "{schema}"'))
                try:
                    results.append(bench(url, schema, size, args.senders))
                finally:
                    if schema:
                        asyncio.run(admin(url, f'DROP SCHEMA "{schema}" CASCADE'))
    return 0 if results and all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
