"""Hostile screenshots against a running bot: does another user still get answered, and how much memory?

    python bench/ocr_hostile.py [--framework aiogram|ptb] [--probe-every 0.25]

`shopsafe run` runs as deployed (its own process, SQLite in a temporary directory) against the stand-in
Bot API server (tests/support/botapi.py) in this process. For each image below, user A sends it as a
photo; from then until A's answer arrives, another user (B, one of 60 in turn, each under the flood
limit) forwards a text message every `--probe-every` seconds, and each of B's answers is timed from the
push to the verdict's sendMessage. Meanwhile the resident memory
of the bot and of all its children (the OCR worker) is sampled every 10 ms; the figure is the peak of the
sum. Targets (issue 12): every B answer within 1 s while any image is in flight; peak ≤ 1 GB.

The images (generated here):
* clock_stamps: a chat screenshot whose message is 30 clock stamps "1:23 1:23 …": before the day-stamp
  regex was made atomic it backtracked under the GIL and no user got an answer;
* strip_1x16M: the 68-byte PNG declaring 1 × 16,000,000 px (197 s and 3.5 GB before the header checks);
* noise_2400: 2400 × 2400 random pixels: the detector finds specks everywhere (the line cap bounds them);
* packed_4000: 4000 × 4000 packed with small text: the most a single image may hold, read within the
  time budget or killed at it;
* phone_screen: an ordinary packed phone screenshot, for comparison.
Numbers are noisy on a shared machine: report `uptime`'s load average with them.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from support.botapi import TOKEN, BotApiServer  # noqa: E402
from support.screenshots import Bubble, _font, hostile_strip_png, render, require_font  # noqa: E402

LATENCY_TARGET_S = 1.0
MEMORY_TARGET_MB = 1024
A = 20_001
PROBERS = list(range(20_100, 20_160))  # B: one user per probe in turn, each well under the flood limit
PROBE = "您好，我是淘宝客服，您的订单商品有质量问题，需要退款，请加微信并提供验证码"
SCAM = "【淘宝客服】您好，您购买的宝贝检测出质量问题，我们为您办理三倍理赔，请添加客服QQ 88776655，下载会议软件按提示操作。"


def packed(side: int, size: int = 18) -> bytes:
    image = Image.new("L", (side, side), 255)
    draw, font = ImageDraw.Draw(image), _font(size)
    line = (SCAM + " ") * 8
    for top in range(0, side, size + 4):
        draw.text((4, top), line[top % 40:], font=font, fill=0)
    return _png(image)


def noise(side: int) -> bytes:
    rng = random.Random(12)
    return _png(Image.frombytes("L", (side, side), bytes(rng.getrandbits(8) for _ in range(side * side))))


def _png(image: Image.Image) -> bytes:
    import io

    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def images() -> dict[str, bytes]:
    require_font()
    return {
        "clock_stamps": render(" ".join(["1:23"] * 30), style="sms", lang="en").png,
        "strip_1x16M": hostile_strip_png(),
        "noise_2400": noise(2400),
        "packed_4000": packed(4000),
        "phone_screen": render([Bubble(SCAM)] * 6).png,
    }


class MemoryPeak(threading.Thread):
    """Peak of the summed RSS of a process and its children, sampled every 10 ms."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root, self.peak, self.running = psutil.Process(pid), 0, True

    def run(self) -> None:
        while self.running:
            try:
                total = self.root.memory_info().rss
                for child in self.root.children(recursive=True):
                    try:
                        total += child.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                return
            self.peak = max(self.peak, total)
            time.sleep(0.01)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--framework", choices=["aiogram", "ptb"], default="aiogram")
    parser.add_argument("--probe-every", type=float, default=0.25)
    args = parser.parse_args()
    hostile = images()
    server = BotApiServer().start()
    tmp = tempfile.TemporaryDirectory(prefix="shopsafe-ocr-hostile-")
    env = dict(os.environ, SHOPSAFE_TELEGRAM_TOKEN=TOKEN, SHOPSAFE_TELEGRAM_API_BASE=server.base_url,
               SHOPSAFE_TELEGRAM_FRAMEWORK=args.framework, SHOPSAFE_DATA_DIR=tmp.name,
               SHOPSAFE_DATABASE_URL=f"sqlite+aiosqlite:///{tmp.name}/bench.db", SHOPSAFE_LOG_LEVEL="WARNING")
    env.pop("SHOPSAFE_CONFIG", None)
    bot = subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], cwd=REPO, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ok = True
    try:
        server.wait_for_sync(lambda s: s.calls_of("getUpdates"), timeout=180)
        for user in (A, *PROBERS):  # first contact (welcome, user row) out of the way
            server.push_message(user, "hello", forwarded=True)
        server.wait_for_sync(lambda s: all(s.sent_texts(u) for u in (A, *PROBERS)), timeout=120)
        time.sleep(1)
        turn = 0
        time.sleep(2)  # every first-contact message sent
        before = len(server.sent_texts(A))
        server.push_message(A, photo=hostile["phone_screen"])  # the OCR worker starts with the first image
        server.wait_for_sync(lambda s: len(s.sent_texts(A)) > before, timeout=180)
        memory = MemoryPeak(bot.pid)
        memory.start()
        print(f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f}; framework {args.framework}")
        print(f"{'image':<14} {'bytes':>9} {'A answered in':>14} {'B probes':>9} {'B p50':>7} {'B max':>7}  A's answer")
        for name, image in hostile.items():
            answered_a = len(server.sent_texts(A))
            started = time.monotonic()
            server.push_message(A, photo=image)
            pushes: list[tuple[int, int, float]] = []  # user, replies it had, when pushed
            while len(server.sent_texts(A)) <= answered_a and time.monotonic() - started < 300:
                user = PROBERS[turn % len(PROBERS)]
                turn += 1
                pushes.append((user, len(server.calls_of("sendMessage", user)), time.monotonic()))
                server.push_message(user, PROBE, forwarded=True)
                time.sleep(args.probe_every)
            a_time = time.monotonic() - started
            server.wait_for_sync(lambda s: all(len(s.calls_of("sendMessage", u)) > had for u, had, _ in pushes), timeout=60)
            waits = sorted(server.calls_of("sendMessage", user)[had].at - pushed for user, had, pushed in pushes)
            answer = server.sent_texts(A)[-1].splitlines()[0][:60]
            p50, worst = waits[len(waits) // 2], waits[-1]
            ok &= worst <= LATENCY_TARGET_S
            print(f"{name:<14} {len(image):>9,} {a_time:>13.2f}s {len(waits):>9} {p50 * 1000:>6.0f}ms {worst * 1000:>6.0f}ms  {answer}")
        memory.running = False
        memory.join()
        peak_mb = memory.peak / 1024 / 1024
        ok &= peak_mb <= MEMORY_TARGET_MB
        print(f"peak resident memory, bot + OCR worker: {peak_mb:.0f} MB (target ≤ {MEMORY_TARGET_MB} MB)")
        print(f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f}")
    finally:
        bot.terminate()
        try:
            bot.wait(30)
        except subprocess.TimeoutExpired:
            bot.kill()
        server.stop()
        tmp.cleanup()
    print("targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
