"""handlers.language: Telegram language codes, text script, and the stored choice."""

from __future__ import annotations

import pytest
from handlers.language import lang_from_code, lang_of_text, pick_lang


@pytest.mark.parametrize("code, lang", [
    ("zh-hans", "zh-Hans"), ("zh", "zh-Hans"), ("zh-CN", "zh-Hans"), ("zh-sg", "zh-Hans"),
    ("zh-hant", "zh-Hant"), ("zh-TW", "zh-Hant"), ("zh-hk", "zh-Hant"), ("zh_MO", "zh-Hant"),
    ("zh-Hant-TW", "zh-Hant"), ("en", "en"), ("en-GB", "en"), ("de", "en"), (None, None), ("", None),
])
def test_telegram_language_codes(code, lang):
    assert lang_from_code(code) == lang


def test_text_script_decides_only_when_nothing_else_does():
    assert lang_of_text("我的包裹在哪里") == "zh-Hans"
    assert lang_of_text("我的包裹在哪裡？請幫我查詢這個訂單號碼") == "zh-Hant"
    assert lang_of_text("where is my parcel") == "en"
    assert lang_of_text(None) == "en"
    assert pick_lang(None, None, "我的包裹在哪里") == "zh-Hans"
    assert pick_lang(None, "zh-tw", "where is my parcel") == "zh-Hant"
    assert pick_lang("en", "zh-tw", "我的包裹在哪里") == "en"
