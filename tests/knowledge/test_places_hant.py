"""Every place's zh-Hant text is written for Taiwan and Hong Kong readers: no Simplified-only character and
none of the mainland words an OpenCC draft leaves in (短信 for 簡訊, 渠道 for 管道, 數據 for 資料)."""
from __future__ import annotations

import pytest
from knowledge.regions import load_places
from scam_patterns.script import simplified_characters

# Mainland words that s2t/s2twp leave in a Traditional text; Hong Kong writes 賬戶, 軟件, 網絡 itself.
MAINLAND = ("短信", "質量", "渠道", "信息", "數據", "流水", "賬號", "賬戶", "軟件", "網絡")
HONG_KONG_WRITES = {"賬號", "賬戶", "軟件", "網絡"}


def mainland_terms(text: str, region: str) -> list[str]:
    """The mainland words in `text`, less those Hong Kong writes when the text is Hong Kong's."""
    return [term for term in MAINLAND
            if term in text and not (region == "HK" and term in HONG_KONG_WRITES)]


@pytest.mark.parametrize(("text", "region", "found"), [
    ("詐騙短信轉發到7726", "UK", ["短信"]),
    ("通過官方渠道核實", "AU", ["渠道"]),
    ("留意銀行流水", "UK", ["流水"]),
    ("凍結賬戶", "SG", ["賬戶"]),
    ("凍結賬戶", "HK", []),
    ("詐騙簡訊轉發到7726", "UK", []),
    ("透過官方管道查證，聯絡資訊專員", "AU", []),
])
def test_mainland_terms_are_found_outside_the_places_that_write_them(text, region, found):
    assert mainland_terms(text, region) == found


def test_mainland_terms_stay_linear_on_a_long_text():
    text = "帳戶" * 50_000 + "短信"
    assert mainland_terms(text, "UK") == ["短信"]


def _hant_texts():
    for code, place in load_places().items():
        for topic, answer in place.answers.items():
            for kind, field in (("title", answer.titles), ("brief", answer.briefs), ("body", answer.bodies)):
                if field.get("zh-Hant"):
                    yield f"{code}/{topic}/{kind}", code, field["zh-Hant"]


HANT = list(_hant_texts())


@pytest.mark.parametrize(("where", "region", "text"), HANT, ids=[where for where, _, _ in HANT])
def test_place_zh_hant_has_no_simplified_character_nor_mainland_word(where, region, text):
    assert simplified_characters(text) == [], where
    if region != "CN":  # the mainland's texts name its laws as enacted (《個人信息保護法》)
        assert mainland_terms(text, region) == [], where


@pytest.mark.parametrize("code", ["SG", "MY", "UK", "US", "AU", "IN", "EU", "TW", "HK"])
def test_every_answer_body_has_a_hand_written_zh_hant_not_an_opencc_fallback(code):
    for topic, answer in load_places()[code].answers.items():
        if answer.bodies.get("zh-Hans"):
            assert answer.bodies.get("zh-Hant"), (code, topic)
