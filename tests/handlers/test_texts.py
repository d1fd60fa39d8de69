"""handlers.texts: every text in the three languages, same placeholders, valid Telegram HTML."""

from __future__ import annotations

import re
import string
from html.parser import HTMLParser
from pathlib import Path

import opencc
import pytest
from handlers.texts import LANGS, TEXTS, t, template
from handlers.texts_hant import ZH_HANT, ZH_HANT_HK
from support.handler_chat import Chat
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


def each_text(key: str) -> dict[str, str]:
    """The text of `key` in every language, and for Hong Kong readers."""
    return {**{lang: template(key, lang) for lang in LANGS}, "zh-Hant-HK": template(key, "zh-Hant", "HK")}


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_each_text_exists_in_all_three_languages_with_the_same_placeholders(key):
    texts = each_text(key)
    assert all(texts.values())
    assert fields(texts["en"]) == fields(texts["zh-Hans"]) == fields(texts["zh-Hant"]) == fields(texts["zh-Hant-HK"])
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
    hans = template(key, "zh-Hans")
    assert to_simplified(hans) == hans
    for hant in (template(key, "zh-Hant"), template(key, "zh-Hant", "HK")):
        # Characters only: phrasing differs by place, and 台 is as standard in use as 臺.
        assert TRADITIONAL_CHARACTERS.convert(hant).replace("臺", "台") == hant.replace("臺", "台"), hant
        assert "“" not in hant and "”" not in hant  # Taiwan and Hong Kong quote with 「」


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_text_has_a_traditional_version_written_by_hand(key):
    """OpenCC drafts, a person decides: a new text needs its zh-Hant in the entry or in texts_hant."""
    assert "zh-Hant" in TEXTS[key] or key in ZH_HANT, f"write the zh-Hant of {key!r} in handlers/texts_hant.py"


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


def test_hand_written_traditional_texts_belong_to_existing_keys_and_are_not_shadowed():
    assert set(ZH_HANT) <= set(TEXTS) and set(ZH_HANT_HK) <= set(TEXTS)
    assert not [key for key in ZH_HANT if "zh-Hant" in TEXTS[key]]  # the entry's own text would win
    assert not [key for key, text in ZH_HANT_HK.items() if text == template(key, "zh-Hant")]


# Words one place writes and the other does not; mainland words that neither writes.
TAIWAN_ONLY = ("檢舉", "使用者", "帳戶", "帳號", "轉傳", "飛航", "簡訊", "軟體", "網路")
HONG_KONG_ONLY = ("用戶", "賬戶", "賬號", "戶口", "屏幕", "短訊", "軟件", "網絡", "轉發給我")
MAINLAND_ONLY = ("信息", "短信", "視頻", "鏈接", "登錄", "默認", "激活", "二維碼")


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_hong_kong_readers_get_hong_kong_words_and_taiwan_readers_taiwan_ones(key):
    taiwan, hong_kong = template(key, "zh-Hant"), template(key, "zh-Hant", "HK")
    assert not [word for word in HONG_KONG_ONLY + MAINLAND_ONLY if word in taiwan], taiwan
    assert not [word for word in TAIWAN_ONLY + MAINLAND_ONLY if word in hong_kong], hong_kong


def test_each_place_is_told_its_own_anti_scam_line():
    taiwan, hong_kong = template("verdict.no_match", "zh-Hant"), template("verdict.no_match", "zh-Hant", "HK")
    assert "165" in taiwan and "18222" not in taiwan
    assert "18222" in hong_kong and "防騙視伏器" in hong_kong and "165" not in hong_kong
    # The incident steps list every place's line, the reader's own first.
    assert template("incident", "zh-Hant").index("165") < template("incident", "zh-Hant").index("18222")
    assert template("incident", "zh-Hant", "HK").index("18222") < template("incident", "zh-Hant", "HK").index("165")


def test_a_region_other_than_hong_kong_reads_the_taiwan_text_and_other_languages_ignore_it():
    for key in TEXTS:
        assert template(key, "zh-Hant", "TW") == template(key, "zh-Hant", "SG") == template(key, "zh-Hant")
        assert template(key, "en", "HK") == template(key, "en")
        assert template(key, "zh-Hans", "HK") == template(key, "zh-Hans")


def test_t_fills_a_hong_kong_text_given_the_region():
    assert t("verdict.scam", "zh-Hant", "HK", title="假客服") == "🚨 <b>詐騙：假客服</b>"
    assert t("btn.report", "zh-Hant", "HK") == "🚩 舉報" and t("btn.report", "zh-Hant") == "🚩 檢舉"


async def test_a_hong_kong_reader_gets_hong_kong_wording_and_lines_in_replies_and_buttons(ctx):
    scam = "您好，我是淘寶客服，您的訂單商品有質量問題，我們給您辦理三倍理賠，請下載會議軟件共享屏幕操作退款"
    for user_id, region, report, line in ((41, "HK", "🚩 舉報", "18222"), (42, "TW", "🚩 檢舉", "165")):
        chat = Chat(ctx, user_id=user_id, chat_id=user_id, language_code="zh-hant")
        await chat.say("/start")
        await chat.press(f"region:{region}")
        verdict = (await chat.say(scam)).replies[0]
        buttons = [b for row in verdict.buttons for b in row]
        assert verdict.text.startswith("🚨") and report in [b.text for b in buttons]
        incident = (await chat.press(next(b for b in buttons if b.callback_data.startswith("v:help")))).replies[0]
        assert incident.text.index(line) < min(incident.text.index(other) for other in ("18222", "165") if other != line)
