"""handlers.texts: every text in the three languages, same placeholders, valid Telegram HTML."""

from __future__ import annotations

import re
import string
from html.parser import HTMLParser
from pathlib import Path

import opencc
import pytest
from handlers.texts import LANGS, TEXTS, template
from scam_patterns.script import to_simplified
from support.password_advice import advises_periodic_change

TRADITIONAL_CHARACTERS = opencc.OpenCC("s2tw")  # Taiwan standard characters, no phrase changes
ALLOWED_TAGS = {"b", "i", "u", "s", "code", "pre", "a", "blockquote"}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class TagBalance(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.errors.append(f"<{tag}> is not Telegram HTML")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unbalanced </{tag}>")


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_each_text_exists_in_all_three_languages_with_the_same_placeholders(key):
    texts = {lang: template(key, lang) for lang in LANGS}
    assert all(texts.values())
    assert fields(texts["en"]) == fields(texts["zh-Hans"]) == fields(texts["zh-Hant"])
    for lang, text in texts.items():
        checker = TagBalance()
        checker.feed(text)
        assert not checker.errors and not checker.stack, (lang, checker.errors, checker.stack)
        # A tag pair never spans a line: any part of a split message stays valid HTML.
        for line in text.split("\n"):
            assert len(re.findall(r"<(\w+)", line)) == len(re.findall(r"</(\w+)", line)), (lang, line)


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_chinese_texts_are_in_their_own_script(key):
    """Simplified text holds no Traditional character and Traditional text no Simplified one."""
    hans, hant = template(key, "zh-Hans"), template(key, "zh-Hant")
    assert to_simplified(hans) == hans
    assert TRADITIONAL_CHARACTERS.convert(hant) == hant  # characters only: Taiwan phrasing may differ
    assert "“" not in hant and "”" not in hant  # Taiwan quotes with 「」


def test_verdict_heads_start_with_their_emoji_in_every_language():
    for lang in LANGS:
        assert template("verdict.scam", lang).startswith("🚨")
        assert template("verdict.suspicious", lang).startswith("⚠️")
        assert template("verdict.no_match", lang).startswith("ℹ️")


def test_moderator_buttons_use_the_agreed_words():
    assert [template("btn.send", lang) for lang in LANGS] == ["✅ 发送", "✅ 發送", "✅ Send"]
    assert [template("btn.cancel", lang) for lang in LANGS] == ["✖️ 取消", "✖️ 取消", "✖️ Cancel"]


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_no_text_advises_periodic_password_changes(key):
    # /remind once offered to remind users "to change your passwords" every 30 to 180 days.
    for lang in LANGS:
        assert advises_periodic_change(template(key, lang)) is None, (key, lang)


def test_config_does_not_call_the_check_up_a_password_reminder():
    config = (Path(__file__).parents[2] / "config.yaml").read_text(encoding="utf-8")
    assert "password reminder" not in config and advises_periodic_change(config) is None
