"""Update-to-reply latency and sustained throughput of `shopsafe run`, per adapter, over loopback HTTP.

    python bench/bot_latency.py [--framework aiogram|ptb|both] [--rate 200] [--seconds 10] [--users 400]
                                [--postgres URL]

For each adapter, the stand-in Bot API server (tests/support/botapi.py) runs in this process and the bot
runs as `shopsafe run` in a process of its own, as deployed (SQLite in a temporary directory, or with
`--postgres postgresql+asyncpg://postgres@127.0.0.1/test` a fresh database created on that server):

1. warm-up: every user forwards one message (they get the verdict and the first-time welcome).
2. latency: forwarded messages at a light 20/s; for each, the time from the moment getUpdates handed
   the update out (server side) to the moment the verdict's sendMessage arrived, and from the push.
   Targets (issue #4): p50 ≤ 30 ms, p99 ≤ 100 ms.
3. throughput: forwarded messages pushed at `--rate`/s for `--seconds` s from `--users` users (each well
   under the per-user flood limit). Sustained when the backlog (pushed, not yet answered) stays within
   one second of traffic and every update is answered within 1 s of the last push.

Each user's k-th message is answered by the k-th verdict sent to their chat: one user's updates are
handled in order, so no matching by content is needed. Numbers are noisy on a shared machine.
"""

from __future__ import annotations

import argparse
import collections
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from support.botapi import TOKEN, BotApiServer  # noqa: E402

P50_TARGET_MS = 30.0
P99_TARGET_MS = 100.0

# Synthetic forwarded messages (written for this bench): scams and ordinary notices, three scripts.
MESSAGES = [
    ("zh-hans", "【淘宝客服】您好，您购买的宝贝检测出质量问题，我们为您办理三倍理赔，请添加客服QQ 88776655，下载会议软件按提示操作。"),
    ("zh-hans", "您的快递已放在小区驿站，取件码 3-2-1088，请于今天20:00前领取。"),
    ("zh-hant", "您好，這裡是蝦皮客服，您的訂單因系統錯誤被設定為批發商，每月將自動扣款，請加LINE客服協助取消。"),
    ("en", "Hello, this is Amazon customer service. Your order was lost and we will refund you double. "
           "Please install AnyDesk and tell me the verification code we send you."),
    ("en", "Your parcel has been delivered to the front desk. Thanks for shopping with us."),
    ("zh-hans", "【京东】尊敬的用户，您的百万保障服务即将到期，未关闭将每月扣费，请联系客服 400-000-1234 办理关闭。"),
]


def fresh_postgres(server_url: str) -> tuple[str, str]:
    """Create an empty database next to `server_url`'s; returns its URL and its name (to drop)."""
    from sqlalchemy.engine import make_url

    name = f"shopsafe_bench_{uuid.uuid4().hex[:8]}"
    _admin(server_url, f'CREATE DATABASE "{name}"')
    return make_url(server_url).set(database=name).render_as_string(hide_password=False), name


def _admin(server_url: str, statement: str) -> None:
    import asyncio

    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    async def run() -> None:
        engine = create_async_engine(server_url, isolation_level="AUTOCOMMIT")
        try:
            async with engine.connect() as conn:
                await conn.execute(text(statement))
        finally:
            await engine.dispose()

    asyncio.run(run())


@dataclass
class Pushed:
    user: int
    update_id: int
    at: float  # time.monotonic(), the clock the server stamps its calls with


@dataclass
class Phase:
    pushed: list[Pushed] = field(default_factory=list)
    backlog: list[int] = field(default_factory=list)
    last_push: float = 0.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


class Bench:
    def __init__(self, framework: str, users: int, postgres: str | None) -> None:
        self.framework = framework
        self.postgres = postgres
        self.database, self.database_name = fresh_postgres(postgres) if postgres else (None, None)
        self.users = list(range(10_001, 10_001 + users))
        self.server = BotApiServer().start()
        self.tmp = tempfile.TemporaryDirectory(prefix="shopsafe-bench-")
        self.process: subprocess.Popen[bytes] | None = None
        self.sent_per_user: collections.Counter[int] = collections.Counter()  # messages pushed per user
        self.next_message = 0

    # ----- the bot process ----------------------------------------------------------------------------
    def start_bot(self) -> float:
        env = dict(os.environ,
                   SHOPSAFE_TELEGRAM_TOKEN=TOKEN,
                   SHOPSAFE_TELEGRAM_API_BASE=self.server.base_url,
                   SHOPSAFE_TELEGRAM_FRAMEWORK=self.framework,
                   SHOPSAFE_DATABASE_URL=self.database or f"sqlite+aiosqlite:///{self.tmp.name}/bench.db",
                   SHOPSAFE_DATA_DIR=self.tmp.name,
                   SHOPSAFE_LOG_LEVEL="WARNING")
        env.pop("SHOPSAFE_CONFIG", None)
        started = time.monotonic()
        self.process = subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], cwd=REPO, env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.server.wait_for_sync(lambda s: s.calls_of("getUpdates") or self.process.poll() is not None, timeout=120)
        if self.process.poll() is not None:
            raise SystemExit(f"the bot exited at start:\n{self.process.stderr.read().decode(errors='replace')[-3000:]}")
        return time.monotonic() - started

    def stop_bot(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        try:
            self.server.stop()
        except TimeoutError:
            pass  # the stand-in still holds the long poll the stopped bot left; its thread dies with us
        self.tmp.cleanup()
        if self.database_name:
            _admin(self.postgres, f'DROP DATABASE "{self.database_name}" WITH (FORCE)')

    # ----- pushing and counting -------------------------------------------------------------------------
    def push(self, user: int) -> Pushed:
        lang, text = MESSAGES[self.next_message % len(MESSAGES)]
        self.next_message += 1
        at = time.monotonic()
        update_id = self.server.push_message(user, text, forwarded=True, language_code=lang)
        self.sent_per_user[user] += 1
        return Pushed(user, update_id, at)

    def answered(self) -> int:
        return sum(1 for c in self.server.calls_of("sendMessage") if c.status == 200)

    def run_phase(self, rate: float, count: int, users: list[int], replies_each: int = 1,
                  sample_every: float = 0.25) -> Phase:
        """Push `count` updates at `rate`/s, cycling through `users`, and wait for `replies_each` answers to
        each (at most 60 s after the last push); samples the backlog as it goes."""
        phase = Phase()
        before = self.answered()
        done = threading.Event()

        def sample() -> None:
            while not done.wait(sample_every):
                phase.backlog.append(len(phase.pushed) - (self.answered() - before) // replies_each)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        start = time.perf_counter()
        for index in range(count):
            delay = start + index / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            phase.pushed.append(self.push(users[index % len(users)]))
        phase.last_push = time.monotonic()
        try:
            self.server.wait_for_sync(lambda s: self.answered() - before >= count * replies_each, timeout=60)
        except TimeoutError:
            pass
        done.set()
        sampler.join()
        return phase

    def latencies(self, phase: Phase) -> tuple[list[float], list[float], int]:
        """(served→reply ms, push→reply ms, unanswered) for each update of `phase`."""
        replies: dict[int, list[float]] = collections.defaultdict(list)
        for call in self.server.calls_of("sendMessage"):
            if call.status == 200:
                replies[int(call.params["chat_id"])].append(call.at)
        # The k-th message a user sent overall is answered by their k-th verdict, after the welcome.
        nth: collections.Counter[int] = collections.Counter()
        first_phase_index = {u: self.sent_per_user[u] - sum(1 for p in phase.pushed if p.user == u) for u in
                             {p.user for p in phase.pushed}}
        served, pushed, missing = [], [], 0
        for item in phase.pushed:
            index = first_phase_index[item.user] + nth[item.user] + 1  # +1: the welcome after the first verdict
            nth[item.user] += 1
            chat = replies.get(item.user, [])
            if index >= len(chat):
                missing += 1
                continue
            at = chat[index]
            served.append((at - self.server.update_served_at[item.update_id]) * 1000)
            pushed.append((at - item.at) * 1000)
        return served, pushed, missing


def describe(values: list[float]) -> str:
    if not values:
        return "n/a"
    return (f"p50 {percentile(values, 50):6.1f} ms · p90 {percentile(values, 90):6.1f} ms · "
            f"p99 {percentile(values, 99):6.1f} ms · max {max(values):6.1f} ms")


def run(framework: str, args: argparse.Namespace) -> dict[str, object]:
    bench = Bench(framework, args.users, args.postgres)
    try:
        startup = bench.start_bot()
        proc = psutil.Process(bench.process.pid)
        print(f"\n== {framework}: bot process up in {startup:.1f} s (pid {bench.process.pid}); machine load "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

        bench.run_phase(50.0, len(bench.users), bench.users, replies_each=2)  # warm-up: verdict + welcome
        warm = bench.answered()
        if warm < 2 * len(bench.users):
            print(f"   warm-up: only {warm} of {2 * len(bench.users)} messages came back")

        light = bench.run_phase(20.0, args.latency_updates, bench.users)
        served, pushed, missing = bench.latencies(light)
        p50, p99 = percentile(served, 50), percentile(served, 99)
        print(f"   latency at 20/s, {len(light.pushed)} updates ({missing} unanswered)")
        print(f"     getUpdates served → reply: {describe(served)}")
        print(f"     pushed → reply:            {describe(pushed)}")
        print(f"     targets p50 ≤ {P50_TARGET_MS:.0f} ms: {'PASS' if p50 <= P50_TARGET_MS else 'FAIL'} · "
              f"p99 ≤ {P99_TARGET_MS:.0f} ms: {'PASS' if p99 <= P99_TARGET_MS else 'FAIL'}")

        own = psutil.Process()
        cpu_before, own_before = sum(proc.cpu_times()[:2]), sum(own.cpu_times()[:2])
        wall_before = time.monotonic()
        count = int(args.rate * args.seconds)
        heavy = bench.run_phase(args.rate, count, bench.users)
        drained = time.monotonic()
        cpu_seconds = sum(proc.cpu_times()[:2]) - cpu_before
        cpu = cpu_seconds / (drained - wall_before) * 100
        server_cpu = (sum(own.cpu_times()[:2]) - own_before) / (drained - wall_before) * 100
        h_served, h_pushed, h_missing = bench.latencies(heavy)
        push_span = heavy.last_push - heavy.pushed[0].at
        last_answer = max((p.at + ms / 1000 for p, ms in zip(heavy.pushed, h_pushed)), default=heavy.last_push)
        drain = max(0.0, last_answer - heavy.last_push)
        max_backlog = max(heavy.backlog, default=0)
        sustained = h_missing == 0 and drain <= 1.0 and max_backlog <= args.rate
        print(f"   throughput: {count} updates pushed at {count / push_span:.0f}/s over {push_span:.1f} s "
              f"from {len(bench.users)} users; {count - h_missing} answered")
        print(f"     backlog (pushed, not answered) max {max_backlog} · last answer {drain * 1000:.0f} ms after the "
              f"last push · bot CPU {cpu:.0f} % of one core · RSS {proc.memory_info().rss / 2**20:.0f} MiB · "
              f"stand-in server and pusher CPU {server_cpu:.0f} %")
        print(f"     getUpdates served → reply: {describe(h_served)}")
        print(f"     pushed → reply:            {describe(h_pushed)}")
        # What one update costs the bot in CPU: unlike the rates above, it hardly depends on the machine's load.
        print(f"     bot CPU per update {cpu_seconds / count * 1000:.1f} ms: {args.rate:.0f} updates/s need "
              f"{cpu_seconds / count * args.rate:.2f} of a core")
        print(f"     sustains {args.rate:.0f} updates/s: {'YES' if sustained else 'NO'}")
        return {"p50": p50, "p99": p99, "sustained": sustained}
    finally:
        bench.stop_bot()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--framework", choices=["aiogram", "ptb", "both"], default="both")
    parser.add_argument("--rate", type=float, default=200.0, help="updates per second in the throughput phase")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of the throughput phase")
    parser.add_argument("--users", type=int, default=400, help="distinct users (each stays under the flood limit)")
    parser.add_argument("--latency-updates", type=int, default=200, help="updates in the latency phase (at 20/s)")
    parser.add_argument("--postgres", help="SQLAlchemy URL of a PostgreSQL database on the server to bench against "
                                           "(a fresh database is created there and dropped); default: SQLite")
    args = parser.parse_args()
    frameworks = ["aiogram", "ptb"] if args.framework == "both" else [args.framework]
    results = {name: run(name, args) for name in frameworks}
    ok = all(r["p50"] <= P50_TARGET_MS and r["p99"] <= P99_TARGET_MS and r["sustained"] for r in results.values())
    print("\nall targets met" if ok else "\nsome targets missed (see above)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
