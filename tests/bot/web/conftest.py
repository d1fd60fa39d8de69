"""The web page's harness: a real `shopsafe run --web` process and Debian's Chromium driven by Playwright.

One process serves the whole module set (start-up is the slow part): it talks to the stand-in Bot API
server for its Telegram side (the /console command, alerts), keeps its data in a temporary directory, and
its page is opened in fresh browser contexts, one per test, each a new visitor. Playwright's own browser
download is not used: the browser is /usr/bin/chromium (`.ci/run` installs it).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.botapi import TOKEN, BotApiServer
from support.webserver import CHROMIUM, CHROMIUM_ARGS, clean_env, start_web, stop

MODERATOR = 9001
PHONE = {"width": 390, "height": 844}
CONFIG = ("telegram: {poll_timeout: 1, request_timeout: 2}\n"
          "limits: {checks_per_minute: 500}\n"
          "web: {checks_per_minute: 500}\n"
          "broadcast: {per_chat_interval: 0, messages_per_second: 200, progress_seconds: 0.5}\n")


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
    env = clean_env(SHOPSAFE_TELEGRAM_TOKEN=TOKEN, SHOPSAFE_TELEGRAM_API_BASE=botapi.base_url,
                    SHOPSAFE_MODERATORS=str(MODERATOR))
    try:
        process, url = start_web(root, CONFIG, env)
    except BaseException:
        botapi.stop()
        raise
    try:
        botapi.wait_for_sync(lambda s: s.calls_of("getUpdates"), timeout=60)
        yield Site(url, root / "data", botapi, root / "run.log",
                   {**env, "SHOPSAFE_DATA_DIR": str(root / "data"), "SHOPSAFE_CONFIG": str(root / "config.yaml")})
    finally:
        stop(process)
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
