"""The web page's harness: a real `shopsafe run --web` process and Debian's Chromium driven by Playwright.

One process serves the whole module set (start-up is the slow part): it talks to the stand-in Bot API
server for its Telegram side (the /console command, alerts), keeps its data in a temporary directory, and
its page is opened in fresh browser contexts, one per test, each a new visitor. Playwright's own browser
download is not used: the browser is /usr/bin/chromium (`.ci/run` installs it).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.botapi import TOKEN, BotApiServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MODERATOR = 9001
PHONE = {"width": 390, "height": 844}
START_SECONDS = 180  # imports, migrations, the detector and the knowledge base on a loaded machine


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Site:
    url: str
    data_dir: Path
    botapi: BotApiServer
    log: Path
    env: dict[str, str]

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot.cli", *args], env=self.env, capture_output=True,
                              text=True, timeout=120)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    """`shopsafe run --web 127.0.0.1:PORT` with a token for the stand-in Bot API server."""
    root = tmp_path_factory.mktemp("web")
    botapi = BotApiServer().start()
    port = free_port()
    config = root / "config.yaml"
    config.write_text(
        "telegram: {poll_timeout: 1, request_timeout: 2}\n"
        "limits: {checks_per_minute: 500}\n"
        "web: {checks_per_minute: 500}\n"
        "broadcast: {per_chat_interval: 0, messages_per_second: 200, progress_seconds: 0.5}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPSAFE_")}
    env.update(SHOPSAFE_TELEGRAM_TOKEN=TOKEN, SHOPSAFE_TELEGRAM_API_BASE=botapi.base_url,
               SHOPSAFE_DATA_DIR=str(root / "data"), SHOPSAFE_MODERATORS=str(MODERATOR), SHOPSAFE_CONFIG=str(config))
    log = root / "run.log"
    with log.open("w") as sink:
        process = subprocess.Popen([sys.executable, "-m", "bot.cli", "run", "--web", f"127.0.0.1:{port}"],
                                   stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                with urllib.request.urlopen(url + "/", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("shopsafe run --web did not come up:\n" + log.read_text(errors="replace")[-3000:])
            time.sleep(0.3)
        botapi.wait_for_sync(lambda s: s.calls_of("getUpdates"), timeout=60)
        yield Site(url, root / "data", botapi, log, env)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        botapi.stop()


@pytest.fixture(scope="module")
def browser():
    """Chromium for one module: Playwright's sync API keeps an event loop running in this thread while it is
    open, so it is closed before the suite's asyncio tests (in other modules) run."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium; .ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # launch() starts from a fresh temporary profile (user-data-dir) every time.
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def visitor(browser):
    """A new visitor on a phone-sized screen, with an English browser: no cookie yet."""
    context = browser.new_context(viewport=PHONE, locale="en-US", extra_http_headers={"Accept-Language": "en-US,en;q=0.9"})
    context.set_default_timeout(30_000)
    try:
        yield context.new_page()
    finally:
        context.close()
