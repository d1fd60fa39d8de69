"""The web page's first load, its accessibility, and the screenshots in docs/, in Debian's Chromium.

    python bench/web_pages.py [--screenshots docs]

Runs `shopsafe run --web` (a moderator id set, SQLite in a temporary directory, Telegram played by the
stand-in Bot API server of tests/support/botapi.py, where three users subscribe to alerts) and opens it with
Playwright on a phone-sized screen (390×844, as a new visitor: empty cache):

- first load: every byte the browser received for `/` and what it pulled in (HTML, CSS, script), as
  Chromium's network layer counts them (headers included). Target ≤ 200 KB.
- accessibility: axe-core (shipped by axe-playwright-python) on the chat page with a verdict and its "Why?",
  and on each console page; violations by impact. Target: no serious or critical one.
- with --screenshots DIR: PNGs of the chat with a verdict, the reports to review and an alert's progress.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from support.botapi import TOKEN, BotApiServer  # noqa: E402
from support.webpage import SCAM_ZH, press, send  # noqa: E402
from support.webserver import CHROMIUM, CHROMIUM_ARGS, clean_env, start_web, stop  # noqa: E402

FIRST_LOAD_TARGET = 200 * 1024
MODERATOR = 9001
PHONE = {"width": 390, "height": 844}
CONFIG = "log_level: WARNING\ntelegram: {poll_timeout: 1}\nbroadcast: {per_chat_interval: 0, progress_seconds: 0.5}\n"
SUBSCRIBERS = (701, 702, 703)
ALERT = "⚠️ 近期有人冒充淘宝客服，以“商品质量问题、双倍退款”为由要求共享屏幕。请直接挂断，在官方App里自己核实。"


def first_load(browser, url: str) -> tuple[int, int]:
    """(bytes received, requests) for a first visit to `url`."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    received: list[float] = []
    cdp.on("Network.loadingFinished", lambda event: received.append(event["encodedDataLength"]))
    page.goto(url, wait_until="networkidle")
    context.close()
    return int(sum(received)), len(received)


def shoot(page, path: Path) -> None:
    """A full-page PNG, reduced to a 256-colour palette so docs/ stays small."""
    from PIL import Image

    page.screenshot(path=str(path), full_page=True)
    Image.open(path).convert("RGB").quantize(256).save(path, optimize=True)


def violations(page) -> dict[str, list[str]]:
    from axe_playwright_python.sync_playwright import Axe

    found: dict[str, list[str]] = {}
    for violation in Axe().run(page).response["violations"]:
        found.setdefault(violation["impact"], []).append(violation["id"])
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshots", type=Path, help="save the main screens here (PNG)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    failed = False
    with tempfile.TemporaryDirectory() as tmp, BotApiServer() as botapi:
        env = clean_env(SHOPSAFE_MODERATORS=str(MODERATOR), SHOPSAFE_TELEGRAM_TOKEN=TOKEN,
                        SHOPSAFE_TELEGRAM_API_BASE=botapi.base_url)
        process, url = start_web(Path(tmp), CONFIG, env)
        try:
            for user in SUBSCRIBERS:
                botapi.push_message(user, "/subscribe")
            botapi.wait_for_sync(lambda api: all(api.sent_texts(u) for u in SUBSCRIBERS), timeout=60)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                size, requests = first_load(browser, url + "/")
                print(f"first load: {size:,} bytes in {requests} requests (target ≤ {FIRST_LOAD_TARGET:,})")
                failed |= size > FIRST_LOAD_TARGET

                context = browser.new_context(viewport=PHONE, extra_http_headers={"Accept-Language": "zh-CN,zh;q=0.9"})
                chat = context.new_page()
                chat.goto(url + "/")
                verdict = send(chat, SCAM_ZH)
                if args.screenshots:
                    shoot(chat, args.screenshots / "web-chat.png")
                press(chat, verdict, re.compile("为什么"))
                press(chat, verdict, re.compile("举报"))
                found = violations(chat)
                print(f"chat page with a verdict: {found or 'no violations'}")
                failed |= bool(set(found) & {"serious", "critical"})
                context.close()

                link = subprocess.run([sys.executable, "-m", "bot.cli", "console-link", "--base-url", url, str(MODERATOR)],
                                      env={**env, "SHOPSAFE_DATA_DIR": str(Path(tmp) / "data"),
                                           "SHOPSAFE_CONFIG": str(Path(tmp) / "config.yaml")},
                                      capture_output=True, text=True, check=True).stdout.strip()
                context = browser.new_context(viewport=PHONE, extra_http_headers={"Accept-Language": "en"})
                console = context.new_page()
                console.goto(link)
                console.get_by_role("button", name="Sign in").click()
                console.wait_for_url(re.compile("/console/reports$"))
                if args.screenshots:
                    shoot(console, args.screenshots / "web-console-reports.png")
                for path in ("/console/reports", "/console/broadcasts", "/console/stats", "/console/patterns", "/console/audit"):
                    console.goto(url + path)
                    found = violations(console)
                    print(f"{path}: {found or 'no violations'}")
                    failed |= bool(set(found) & {"serious", "critical"})
                console.goto(url + "/console/broadcasts")
                console.get_by_label(re.compile("Alert text")).fill(ALERT)
                console.get_by_role("button", name="Preview").click()
                console.get_by_role("button", name="Send to every subscriber and group").click()
                console.wait_for_url(re.compile(r"/console/broadcasts/\d+$"))
                console.wait_for_function("() => document.querySelector('[data-field=percent]').textContent === '100'",
                                          timeout=60_000)
                if args.screenshots:
                    shoot(console, args.screenshots / "web-console-alert.png")
                context.close()
                browser.close()
        finally:
            stop(process)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
