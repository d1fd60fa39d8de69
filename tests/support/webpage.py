"""Verbs the browser tests speak to the chat page with, as a person (or a screen reader) would."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

SCAM_ZH = "【淘宝客服】您好，您购买的商品存在质量问题，我们将为您办理双倍退款，请添加客服QQ 12345678 并下载会议软件共享屏幕。"
SCAM_EN = ("Hello, this is Amazon customer service. Your order was lost, we will refund you double. "
           "Please download Zoom and share your screen, and tell me the verification code.")
QUESTION_EN = "How do I dispose of a shipping label safely?"


def messages(page: Page) -> Locator:
    return page.locator("#log > .msg")


def last_bot(page: Page) -> Locator:
    return page.locator("#log > .msg.bot").last


def send(page: Page, text: str, *, enter: bool = True) -> Locator:
    """Type `text` in the one textarea and send it (Enter, or the submit button); the first reply to it."""
    before = messages(page).count()
    box = page.get_by_role("textbox")
    box.fill(text)
    if enter:
        box.press("Enter")
    else:
        page.locator("#composer button[type=submit]").click()
    expect(messages(page)).not_to_have_count(before, timeout=60_000)
    page.wait_for_function("n => document.querySelectorAll('#log > .msg').length > n + 1", arg=before, timeout=60_000)
    return messages(page).nth(before + 1)


def press(page: Page, message: Locator, name: str) -> Locator:
    """Press the button called `name` under `message`; the message that answered (new, or edited)."""
    before = messages(page).count()
    message.get_by_role("button", name=name).click()
    page.wait_for_function("n => document.querySelectorAll('#log > .msg').length > n", arg=before, timeout=30_000)
    return messages(page).last
