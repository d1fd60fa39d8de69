"""A text check through the web page, as a browser's script sends it, at 50 concurrent clients on loopback.

    python bench/web_latency.py [--clients 50] [--seconds 20] [--pace 1.0]

`shopsafe run --web` runs in a process of its own (no token: the page alone; SQLite in a temporary
directory; the per-client and per-user limits lifted with `web.checks_per_minute` and
`limits.checks_per_minute`, as the load comes from one address). Each client is a visitor of its own (its
own cookie, so its own session): it loads the page once, then POSTs /send with a message and
`Accept: application/json`, and the time is from sending the request to having the whole JSON answer.

Two loads: `paced`, every client sending one check every `--pace` seconds (people reading their answer:
50 clients ≈ 50 checks/s), where the target is p99 ≤ 100 ms; and `saturated`, every client sending its
next check the moment the last one was answered, which measures the throughput of one process (the
latency there is the queue: concurrency divided by throughput). The load generator shares the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from support.webserver import clean_env, start_web, stop  # noqa: E402

P99_TARGET_MS = 100.0
CONFIG = "limits: {checks_per_minute: 100000}\nweb: {checks_per_minute: 100000}\nlog_level: WARNING\n"
# Synthetic messages written for this bench: scams and ordinary notices in the three scripts.
MESSAGES = [
    "【淘宝客服】您好，您购买的宝贝检测出质量问题，我们为您办理三倍理赔，请添加客服QQ 88776655，下载会议软件按提示操作。",
    "您的快递已放在小区驿站，取件码 3-2-1088，请于今天20:00前领取。",
    "您好，這裡是蝦皮客服，您的訂單因系統錯誤被設定為批發商，每月將自動扣款，請加LINE客服協助取消。",
    "Hi, Amazon support here. Your parcel was lost; we will refund you twice. Download AnyDesk and read me the code.",
    "Your order #1182 has shipped and will arrive on Friday. Track it in the app.",
    "順豐速運：您的包裹已到達門市，請憑取件碼 5521 取件。",
]
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


async def client(url: str, index: int, until: float, pace: float | None, times: list[float], errors: list[str]) -> None:
    # unsafe=True: keep cookies for an IP-address host (127.0.0.1), as a browser does.
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        async with session.get(url + "/") as page:
            token = CSRF.search(await page.text()).group(1)
        sent = 0
        if pace:
            await asyncio.sleep(pace * index / 50)  # spread the clients over the first period
        while time.monotonic() < until:
            started = time.perf_counter()
            form = {"csrf": token, "text": MESSAGES[(index + sent) % len(MESSAGES)]}
            async with session.post(url + "/send", data=form, headers={"Accept": "application/json"}) as answer:
                body = await answer.json()
                if answer.status != 200 or len(body["messages"]) < 2 or not body["messages"][1]["runs"]:
                    errors.append(f"{answer.status}: {body.get('notice')}")
            times.append(time.perf_counter() - started)
            sent += 1
            if pace:
                await asyncio.sleep(max(0.0, pace - (time.perf_counter() - started)))


async def load(url: str, clients: int, seconds: float, pace: float | None) -> tuple[list[float], list[str], float]:
    times: list[float] = []
    errors: list[str] = []
    started = time.monotonic()
    await asyncio.gather(*(client(url, i, started + seconds, pace, times, errors) for i in range(clients)))
    return times, errors, time.monotonic() - started


def report(name: str, times: list[float], errors: list[str], elapsed: float, target: bool) -> None:
    ms = sorted(t * 1000 for t in times)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    verdict = f"  target p99 ≤ {P99_TARGET_MS:.0f} ms: {'met' if p99 <= P99_TARGET_MS else 'MISSED'}" if target else ""
    print(f"{name:<10} {len(ms):>6} checks in {elapsed:.1f} s ({len(ms) / elapsed:,.0f}/s), "
          f"p50 {statistics.median(ms):.1f} ms, p99 {p99:.1f} ms, max {ms[-1]:.1f} ms, errors {len(errors)}{verdict}")
    if errors:
        print(f"  first error: {errors[0]}")


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--pace", type=float, default=1.0, help="seconds between one client's checks (paced load)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        process, url = start_web(Path(tmp), CONFIG, clean_env())
        try:
            await load(url, args.clients, 3.0, None)  # warm-up
            print(f"{args.clients} clients on {url}, load average before: {os.getloadavg()[0]:.2f}")
            times, errors, elapsed = await load(url, args.clients, args.seconds, args.pace)
            report("paced", times, errors, elapsed, target=True)
            times, errors, elapsed = await load(url, args.clients, args.seconds, None)
            report("saturated", times, errors, elapsed, target=False)
            print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
            return 0 if not errors else 1
        finally:
            stop(process)


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
