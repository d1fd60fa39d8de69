"""No update lost in a crash: 200 updates, kill -9 mid-burst, restart; polling and webhook, SQLite and PostgreSQL.

    python bench/crash.py [--updates 200] [--kill-after 50] [--framework aiogram|ptb]
                          [--postgres URL] [--only polling-sqlite,webhook-postgres,...]

Each run starts a real `shopsafe run` process against the stand-in Bot API server (tests/support/botapi.py,
in this process). Polling: the updates wait in the server's getUpdates queue. Webhook: this process plays
Telegram, posting each update (40 at once, Telegram's default max_connections) until it is answered 200,
and posting again whatever got no answer. Once `--kill-after` replies were sent the bot is killed with
SIGKILL, the updates recorded but not yet marked handled ("in flight") are counted from the database, and
a new process is started. Target (issue 12): every update answered, duplicates ≤ in flight.
PostgreSQL (at --postgres or $SHOPSAFE_TEST_POSTGRES_URL) gets a fresh database per run, dropped after.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

import aiohttp  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.ext.asyncio import create_async_engine  # noqa: E402

from support.botapi import TOKEN, BotApiServer  # noqa: E402
from support.databases import POSTGRES_ENV, fresh_postgres_database  # noqa: E402

SECRET = "bench-crash-secret"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
FIRST_USER = 800_001


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_bot(botapi: BotApiServer, data_dir: Path, url: str, framework: str, port: int | None) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPSAFE_")}
    env.update(SHOPSAFE_TELEGRAM_TOKEN=TOKEN, SHOPSAFE_TELEGRAM_API_BASE=botapi.base_url,
               SHOPSAFE_TELEGRAM_FRAMEWORK=framework, SHOPSAFE_DATA_DIR=str(data_dir), SHOPSAFE_DATABASE_URL=url,
               SHOPSAFE_TELEGRAM_WEBHOOK_SECRET=SECRET, SHOPSAFE_LOG_LEVEL="WARNING")
    command = [sys.executable, "-m", "bot.cli", "run"]
    if port is not None:
        command += ["--webhook", "https://bench.example/hook", "--listen", f"127.0.0.1:{port}"]
    log = (data_dir / "bot.log").open("a")
    return subprocess.Popen(command, cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)


def message(update_id: int, user_id: int) -> dict:
    return {"update_id": update_id, "message": {
        "message_id": 10_000 + update_id, "date": int(time.time()), "text": "/start",
        "chat": {"id": user_id, "type": "private", "first_name": "Bench"},
        "from": {"id": user_id, "is_bot": False, "first_name": "Bench", "language_code": "en"},
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}}


async def play_telegram(port: int, updates: list[dict], done: asyncio.Event) -> None:
    """Post every update until it is answered 200, 40 at a time, as Telegram does with a webhook."""
    queue: asyncio.Queue[dict] = asyncio.Queue()
    for update in updates:
        queue.put_nowait(update)

    async def worker(http: aiohttp.ClientSession) -> None:
        while not queue.empty():
            update = queue.get_nowait()
            while True:
                try:
                    async with http.post(f"http://127.0.0.1:{port}/hook", json=update,
                                         headers={SECRET_HEADER: SECRET}) as answer:
                        if answer.status == 200:
                            break
                except (aiohttp.ClientError, asyncio.TimeoutError):
                    pass
                await asyncio.sleep(0.2)

    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as http:
        await asyncio.gather(*(worker(http) for _ in range(40)))
    done.set()


async def in_flight(url: str) -> int:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            return (await conn.execute(text("SELECT count(*) FROM inbox WHERE payload IS NOT NULL"))).scalar_one()
    finally:
        await engine.dispose()


def answers(botapi: BotApiServer) -> collections.Counter[int]:
    return collections.Counter(int(c.params["chat_id"]) for c in botapi.calls_of("sendMessage") if c.status == 200)


async def run(mode: str, url: str, framework: str, count: int, kill_after: int) -> dict:
    users = list(range(FIRST_USER, FIRST_USER + count))
    with BotApiServer() as botapi, tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        url = url or f"sqlite+aiosqlite:///{data_dir / 'shopsafe.db'}"
        port = free_port() if mode == "webhook" else None
        ready = "setWebhook" if port else "getUpdates"
        process = start_bot(botapi, data_dir, url, framework, port)
        await botapi.wait_for(lambda s: s.calls_of(ready), timeout=180)
        posted = asyncio.Event()
        if port is None:
            for user in users:
                botapi.push_message(user, "/start")
        else:
            telegram = asyncio.create_task(play_telegram(port, [message(i + 1, u) for i, u in enumerate(users)], posted))
        await botapi.wait_for(lambda s: len(answers(s)) >= kill_after, timeout=120)
        process.send_signal(signal.SIGKILL)
        process.wait()
        killed_at = time.monotonic()
        before = sum(answers(botapi).values())
        flying = await in_flight(url)
        restarted = len(botapi.calls_of(ready))
        process = start_bot(botapi, data_dir, url, framework, port)
        try:
            await botapi.wait_for(lambda s: len(s.calls_of(ready)) > restarted, timeout=180)
            serving = time.monotonic() - killed_at
            await botapi.wait_for(lambda s: set(answers(s)) >= set(users), timeout=240)
            recovered = time.monotonic() - killed_at
            if port is not None:
                await asyncio.wait_for(telegram, 60)
            await asyncio.sleep(1.0)  # room for late duplicates to show
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        got = answers(botapi)
        left = await in_flight(url)
    return {"answered": len(set(got) & set(users)), "lost": len(set(users) - set(got)),
            "duplicates": sum(n - 1 for n in got.values()), "in_flight": flying, "answered_before_kill": before,
            "serving_again_after_s": round(serving, 1), "all_answered_after_s": round(recovered, 1),
            "unhandled_left": left}


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--updates", type=int, default=200)
    parser.add_argument("--kill-after", type=int, default=50, help="replies sent before the kill")
    parser.add_argument("--framework", default="aiogram", choices=["aiogram", "ptb"])
    parser.add_argument("--postgres", default=os.environ.get(POSTGRES_ENV))
    parser.add_argument("--only", default="polling-sqlite,webhook-sqlite,polling-postgres,webhook-postgres")
    args = parser.parse_args()
    if args.postgres:
        os.environ[POSTGRES_ENV] = args.postgres
    print(f"load average before: {os.getloadavg()[0]:.2f}", flush=True)
    failed = False
    for name in args.only.split(","):
        mode, database = name.split("-")
        if database == "postgres":
            if not args.postgres:
                print(f"{name}: skipped (no --postgres URL)")
                continue
            async with fresh_postgres_database("crash") as url:
                result = await run(mode, url, args.framework, args.updates, args.kill_after)
        else:
            result = await run(mode, "", args.framework, args.updates, args.kill_after)
        ok = result["lost"] == 0 and result["duplicates"] <= result["in_flight"]
        failed |= not ok
        print(f"{name} ({args.framework}): {json.dumps(result)} {'OK' if ok else 'FAILED'}", flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
