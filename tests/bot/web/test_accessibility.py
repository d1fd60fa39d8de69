"""axe-core (the script `axe-playwright-python` ships) on the chat page with a verdict in it, on the same
page without script, and on the console: no serious or critical violation."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from support.webpage import SCAM_EN, send

from .test_console_page import signed_in

pytestmark = pytest.mark.slow
BLOCKING = ("serious", "critical")


def blocking(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v["impact"] in BLOCKING]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_chat_page_with_a_verdict_has_no_serious_accessibility_violation(site, browser, scheme):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 844},
                                  extra_http_headers={"Accept-Language": "en"})
    try:
        page = context.new_page()
        page.goto(site.url + "/")
        verdict = send(page, SCAM_EN)
        verdict.get_by_role("button", name="Why?").click()
        expect(page.locator("#log > .msg")).not_to_have_count(2)
        assert blocking(page) == []
    finally:
        context.close()


def test_the_console_pages_have_no_serious_accessibility_violation(site, browser):
    console = signed_in(browser, site)
    try:
        for name in ("Reports", "Alerts", "Statistics", "Patterns", "Audit log"):
            console.get_by_role("link", name=name, exact=True).click()
            expect(console.get_by_role("link", name=name, exact=True)).to_have_attribute("aria-current", "page")
            assert blocking(console) == [], name
        assert re.search("/console/audit$", console.url)
    finally:
        console.context.close()
