"""The moderators' console in a real browser against the same `shopsafe run --web` process: sign-in links
(from the CLI and from /console in Telegram), a report approved as a pattern that then flags the next
message, an alert whose live progress reaches 100 %, the statistics, patterns and audit pages; and the
doors it keeps shut."""

from __future__ import annotations

import html
import re

import pytest
from playwright.sync_api import expect

from bot.web.logins import sign_link
from bot.web.secret import Signer, load_secret
from support.webpage import messages, press, send

from .conftest import MODERATOR, PHONE

pytestmark = pytest.mark.slow
REFUSED = re.compile("Only moderators can open the console")


def signed_in(browser, site):
    link = site.cli("console-link", "--base-url", site.url, str(MODERATOR)).stdout.strip()
    context = browser.new_context(viewport=PHONE, extra_http_headers={"Accept-Language": "en"})
    page = context.new_page()
    page.goto(link)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/console/reports$"))
    return page


def test_a_reported_message_approved_as_a_new_pattern_flags_the_next_one(site, visitor, browser):
    shopper = visitor
    shopper.goto(site.url + "/")
    novel = "Dear member, your durian club card expires tonight. Send 5 quatloos to renew it."
    verdict = send(shopper, novel)
    assert verdict.locator("p.text").inner_text().startswith("ℹ️")
    expect(verdict.get_by_role("img", name="No known scam pattern")).to_be_visible()
    expect(press(shopper, verdict, re.compile("Report"))).to_contain_text("Thank you")

    console = signed_in(browser, site)
    try:
        report = console.locator("article.report").filter(has_text="quatloos")
        expect(report).to_contain_text("No known scam pattern")  # the verdict beside the masked text
        report.get_by_label(re.compile("New pattern")).fill("durian; quatloos")
        report.get_by_role("button", name="Test it").click()
        report = console.locator("article.report").filter(has_text="quatloos")
        expect(report.locator(".test-result")).to_contain_text("Test passed")
        report.get_by_role("button", name="Approve as a new pattern").click()
        expect(console.locator(".notes")).to_contain_text("approved")
        expect(console.locator("article.report").filter(has_text="quatloos")).to_have_count(0)
    finally:
        console.context.close()

    flagged = send(shopper, "Durian club notice: send your quatloos today or lose the card")
    assert flagged.locator("p.text").inner_text().startswith("🚨")
    expect(flagged).to_contain_text("Community-reported scam")


def test_a_pattern_that_misses_its_own_report_is_not_approved(site, visitor, browser):
    visitor.goto(site.url + "/")
    verdict = send(visitor, "Your rambutan voucher is waiting, confirm with zorkmids to collect it.")
    press(visitor, verdict, re.compile("Report"))
    console = signed_in(browser, site)
    try:
        report = console.locator("article.report").filter(has_text="zorkmids")
        report.get_by_label(re.compile("New pattern")).fill("mangosteen; florins")
        report.get_by_role("button", name="Approve as a new pattern").click()
        report = console.locator("article.report").filter(has_text="zorkmids")
        expect(report.locator(".test-result")).to_contain_text("does not match")
        report.get_by_role("button", name="Reject").click()
        expect(console.locator("article.report").filter(has_text="zorkmids")).to_have_count(0)
        console.goto(site.url + "/console/audit")
        expect(console.locator("table")).to_contain_text("report.reject")
        expect(console.locator("table")).to_contain_text("console.login")
    finally:
        console.context.close()


def test_console_in_telegram_sends_a_link_that_signs_in_once(site, browser):
    site.botapi.push_message(MODERATOR, "/console")
    sent = site.botapi.wait_for_sync(
        lambda api: [t for t in api.sent_texts(MODERATOR) if "/console/login" in t], timeout=30)
    link = html.unescape(re.search(r'href="([^"]+)"', sent[-1]).group(1))
    assert link.startswith(site.url + "/console/login?token=")
    first = browser.new_context(extra_http_headers={"Accept-Language": "en"})
    second = browser.new_context(extra_http_headers={"Accept-Language": "en"})
    try:
        page = first.new_page()
        page.goto(link)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Pending reports")
        again = second.new_page()
        again.goto(link)
        again.get_by_role("button", name="Sign in").click()
        expect(again.get_by_role("alert")).to_contain_text(REFUSED)
        assert again.locator("body").inner_text().count("Pending reports") == 0
    finally:
        first.close()
        second.close()


def test_non_moderators_and_expired_links_are_refused(site, browser):
    site.botapi.push_message(4242, "/console")
    answer = site.botapi.wait_for_sync(lambda api: api.sent_texts(4242), timeout=30)
    assert "/console/login" not in answer[0]
    refused = site.cli("console-link", "4242")
    assert refused.returncode != 0 and "not a moderator" in refused.stderr
    signer = Signer(load_secret(site.data_dir))
    context = browser.new_context(extra_http_headers={"Accept-Language": "en"})
    try:
        page = context.new_page()
        for link in (sign_link(signer, site.url, MODERATOR, minutes=-1), sign_link(signer, site.url, 4242, minutes=5)):
            response = page.goto(link)
            assert response.status == 403
            expect(page.get_by_role("alert")).to_contain_text(REFUSED)
        for path in ("/console", "/console/reports", "/console/broadcasts", "/console/stats", "/console/patterns"):
            assert page.goto(site.url + path).status == 403, path
    finally:
        context.close()


def test_an_alert_composed_in_the_console_reaches_every_subscriber_with_live_progress(site, browser):
    subscribers = (701, 702, 703)
    for user in subscribers:
        site.botapi.push_message(user, "/subscribe")
    site.botapi.wait_for_sync(lambda api: all(api.sent_texts(u) for u in subscribers), timeout=30)
    console = signed_in(browser, site)
    try:
        console.get_by_role("link", name="Alerts").click()
        alert = "ShopSafe alert: callers offering a 'quality recall' refund ask for screen sharing. Hang up."
        console.get_by_label(re.compile("Alert text")).fill(alert)
        console.get_by_role("button", name="Preview").click()
        expect(console.locator(".preview")).to_contain_text("quality recall")
        console.get_by_role("button", name="Send to every subscriber and group").click()
        expect(console).to_have_url(re.compile(r"/console/broadcasts/\d+$"))
        expect(console.locator('[data-field="percent"]')).to_have_text("100", timeout=60_000)
        expect(console.locator('[data-field="remaining"]')).to_have_text("0")
        assert int(console.locator('[data-field="delivered"]').inner_text()) >= len(subscribers)
        assert console.locator("#bar").get_attribute("value") == "100"
    finally:
        console.context.close()
    for user in subscribers:
        assert any("quality recall" in text for text in site.botapi.sent_texts(user))


def test_statistics_and_the_searchable_patterns_with_the_catalog_check(site, browser):
    console = signed_in(browser, site)
    try:
        console.get_by_role("link", name="Statistics").click()
        expect(console.locator("main")).to_contain_text("30")
        expect(console.locator("img.chart")).to_be_visible()
        console.get_by_role("link", name="Patterns").click()
        expect(console.get_by_role("heading", name=re.compile(r"--validate"))).to_be_visible()
        total = int(re.search(r"of (\d+) patterns", console.locator("main").inner_text()).group(1))
        console.get_by_label("Search patterns").fill("screen")
        console.get_by_role("button", name="Search").click()
        shown = int(re.search(r"(\d+) of \d+ patterns", console.locator("main").inner_text()).group(1))
        assert 0 < shown < total
        assert console.locator("table.patterns tbody tr").count() == shown
    finally:
        console.context.close()


