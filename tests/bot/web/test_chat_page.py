"""The chat page in a real browser against a real `shopsafe run --web`: the same verdicts, buttons and
answers as on Telegram, with the page's script and without it, in the three languages; and nothing a
person typed ever turns into markup."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from support.webpage import QUESTION_EN, SCAM_EN, SCAM_ZH, last_bot, messages, press, send
from support.screenshots import Bubble, render, require_font

pytestmark = pytest.mark.slow


def test_a_pasted_scam_gets_the_verdict_emoji_first_with_its_evidence_and_the_buttons_answer(site, visitor):
    page = visitor
    page.goto(site.url + "/")
    expect(page.get_by_role("log")).to_be_attached()
    verdict = send(page, SCAM_EN)
    assert verdict.locator("p.text").inner_text().startswith("🚨")
    expect(verdict.get_by_role("img", name="Scam warning")).to_have_text("🚨")
    assert verdict.locator("u").count() >= 1  # the evidence, underlined as in Telegram
    why = press(page, verdict, "Why?")
    assert why != verdict and "Why" in why.inner_text()
    steps = press(page, verdict, re.compile("already"))
    assert len(steps.inner_text()) > 100
    thanks = press(page, verdict, re.compile("Report"))
    expect(thanks).to_contain_text(re.compile("[Tt]hank"))


def test_the_send_button_sends_too_and_the_answer_is_in_the_browsers_language(site, visitor):
    page = visitor
    page.goto(site.url + "/")
    first = send(page, SCAM_ZH, enter=False)
    assert first.inner_text().startswith("🚨")
    expect(first).to_contain_text("Scam")


def test_a_screenshot_is_read_and_judged_like_on_telegram(site, visitor, tmp_path):
    require_font()
    shot = tmp_path / "chat.png"
    shot.write_bytes(render([Bubble(SCAM_ZH), Bubble("真的吗？", outgoing=True)], style="wechat", title="淘宝官方客服").png)
    page = visitor
    page.goto(site.url + "/")
    before = messages(page).count()
    page.get_by_label("Or a screenshot of it").set_input_files(str(shot))
    page.locator("#composer button[type=submit]").click()
    page.wait_for_function("n => document.querySelectorAll('#log > .msg').length > n + 1", arg=before, timeout=90_000)
    assert messages(page).nth(before).locator("p.text").inner_text().startswith("📷")
    assert messages(page).nth(before + 1).inner_text().startswith("🚨")


def test_a_question_is_answered_and_a_related_article_opens(site, visitor):
    page = visitor
    page.goto(site.url + "/")
    answer = send(page, QUESTION_EN)
    assert not answer.inner_text().startswith(("🚨", "⚠️", "ℹ️"))
    article = answer.get_by_role("button", name=re.compile("^📖"))
    title = article.first.inner_text()
    opened = press(page, answer, title)
    assert len(opened.inner_text()) > 100


def test_the_logistics_walk_through_steps_forward_in_place(site, visitor):
    page = visitor
    page.goto(site.url + "/")
    page.get_by_role("button", name="How do I check my parcel safely?").click()
    step = messages(page).nth(1)  # after the question as sent (a first visit's welcome may follow)
    expect(step).to_contain_text(re.compile(r"1\s*/\s*\d"))
    count = messages(page).count()
    step.get_by_role("button", name=re.compile("Next")).click()
    expect(messages(page).nth(1)).to_contain_text(re.compile(r"2\s*/\s*\d"))
    assert messages(page).count() == count  # the step was edited in place, as on Telegram


def test_the_language_follows_the_browser_and_the_switcher(site, browser):
    context = browser.new_context(locale="zh-TW", extra_http_headers={"Accept-Language": "zh-TW,zh;q=0.9"})
    try:
        page = context.new_page()
        page.goto(site.url + "/")
        assert page.locator("html").get_attribute("lang") == "zh-Hant"
        expect(page.get_by_label("要檢查的訊息，或你的問題")).to_be_visible()
        page.get_by_role("button", name="简体中文").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "zh-Hans"
        expect(page.get_by_label("要检查的消息，或你的问题")).to_be_visible()
        page.get_by_role("button", name="English").click()
        expect(page.get_by_label("Message to check, or your question")).to_be_visible()
        verdict = send(page, SCAM_ZH)
        expect(verdict).to_contain_text("Scam")  # the choice outranks the text's own script
    finally:
        context.close()


def test_without_the_script_the_forms_post_and_the_page_shows_the_answer(site, browser):
    context = browser.new_context(java_script_enabled=False, extra_http_headers={"Accept-Language": "en"})
    try:
        page = context.new_page()
        page.goto(site.url + "/")
        page.get_by_role("textbox").fill(SCAM_EN)
        page.locator("#composer button[type=submit]").click()
        page.wait_for_load_state()
        verdict = page.locator("#log > .msg.bot").first
        assert verdict.inner_text().startswith("🚨")
        count = messages(page).count()
        verdict.get_by_role("button", name="Why?").click()
        page.wait_for_load_state()
        expect(messages(page)).to_have_count(count + 1)
        expect(messages(page).last).to_contain_text("Why")
    finally:
        context.close()


@pytest.mark.parametrize("script", [True, False], ids=["script", "plain-post"])
def test_typed_markup_is_shown_as_text_and_never_becomes_an_element(site, browser, script):
    hostile = '<img src=x onerror="window.hacked=1"><script>window.hacked=2</script><b>bold</b> &amp; call 10086'
    context = browser.new_context(java_script_enabled=script, extra_http_headers={"Accept-Language": "en"})
    try:
        page = context.new_page()
        page.goto(site.url + "/")
        if script:
            send(page, hostile)
        else:
            page.get_by_role("textbox").fill(hostile)
            page.locator("#composer button[type=submit]").click()
            page.wait_for_load_state()
        mine = page.locator("#log > .msg.user").last
        assert hostile in mine.inner_text()
        assert page.locator("#log img, #log script, #log .msg.user b").count() == 0
        if script:
            assert page.evaluate("window.hacked") is None
    finally:
        context.close()


def test_privacy_answers_and_forget_ends_the_session(site, visitor):
    page = visitor
    page.goto(site.url + "/")
    send(page, SCAM_EN)
    page.get_by_role("button", name="Privacy").click()
    expect(last_bot(page)).to_contain_text(re.compile("[Pp]rivacy|store|keep"))
    cookie = next(c["value"] for c in page.context.cookies() if c["name"] == "shopsafe_session")
    page.get_by_role("button", name="Forget me").click()
    confirm = last_bot(page)
    confirm.get_by_role("button").first.click()
    page.wait_for_url(site.url + "/")
    expect(messages(page)).to_have_count(0)
    assert next(c["value"] for c in page.context.cookies() if c["name"] == "shopsafe_session") != cookie
