"""The catalog's Traditional Chinese: written by hand for every pattern, no Simplified character leaking in,
none of the errors OpenCC s2twp made on these texts, and what a zh-Hant reply shows."""

from __future__ import annotations

import pytest

from scam_patterns import Detector
from scam_patterns.catalog import Pattern, load_catalog, validate
from scam_patterns.script import simplified_characters, to_traditional
from scam_patterns.verdict import NO_MATCH_ADVICE, SCAM_FOOTER, SUSPICIOUS_ADVICE, localized

CATALOG = load_catalog()
FIELDS = ("title", "explanation", "advice")
HANT = [(f"{p.id}.{key}", getattr(p, key)["zh-Hant"]) for p in CATALOG for key in FIELDS
        if "zh-Hant" in getattr(p, key)]
CONSTANTS = [("NO_MATCH_ADVICE", NO_MATCH_ADVICE["zh-Hant"]), ("SUSPICIOUS_ADVICE", SUSPICIOUS_ADVICE["zh-Hant"]),
             ("SCAM_FOOTER", SCAM_FOOTER["zh-Hant"])]
ALL_HANT = HANT + CONSTANTS

# What s2twp wrote on these very texts, or the brief's known traps: wrong characters (后 for 後, 里 for 裡,
# 髮 for 發, 隻 for 只, 瞭 for 了, 乾/幹 swapped, 穀城), wrong words (物件 for 对象, 結束通話 for 挂断)…
CONVERTER_ERRORS = ("平臺核心實", "髮卡", "髮送", "話費里", "網戀物件", "聯系", "進群后", "群后", "結束通話",
                    "穀城", "隻給", "隻有", "隻要", "隻是", "為瞭", "瞭一", "到瞭", "乾擾", "乾涉", "幹淨", "先影片")
# … and mainland wording Taiwan and Hong Kong readers do not write (賬 is Hong Kong's 賬戶, but the
# catalog's Traditional is Taiwan-worded throughout, so one spelling).
MAINLAND_WORDS = ("賬", "平臺", "軟件", "短信", "視頻", "質量", "信息", "屏幕", "激活", "二維碼", "登錄", "渠道",
                  "充值", "公檢法", "“", "”")


def test_every_pattern_has_hand_written_zh_hant() -> None:
    missing = [f"{p.id}.{key}" for p in CATALOG for key in FIELDS if not getattr(p, key).get("zh-Hant")]
    assert missing == []
    assert len(HANT) == 3 * len(CATALOG)


def test_no_zh_hant_text_is_an_unedited_conversion() -> None:
    """A person rewrote each draft: s2twp of the Simplified text is not what ships (short titles may agree)."""
    same = [where for p in CATALOG for key in ("explanation", "advice")
            if (where := f"{p.id}.{key}") and getattr(p, key)["zh-Hant"] == to_traditional(getattr(p, key)["zh"])]
    assert len(same) <= len(CATALOG) // 4, same


@pytest.mark.parametrize(("where", "text"), ALL_HANT, ids=[w for w, _ in ALL_HANT])
def test_zh_hant_holds_no_simplified_character(where: str, text: str) -> None:
    assert simplified_characters(text) == [], where


@pytest.mark.parametrize(("where", "text"), ALL_HANT, ids=[w for w, _ in ALL_HANT])
def test_zh_hant_has_no_converter_error_or_mainland_wording(where: str, text: str) -> None:
    assert [bad for bad in CONVERTER_ERRORS + MAINLAND_WORDS if bad in text] == [], where


def test_simplified_characters_finds_leaks_and_passes_traditional() -> None:
    assert simplified_characters("请登录账户") == ["请", "录", "账", "户"]
    assert simplified_characters("軟件和网络") == ["网", "络"]  # 軟件 is Hong Kong's word, not a leak
    for clean in ("台灣的群組公布了165專線", "帳戶、簡訊、軟體、網路", "Amazon refund", "退款", ""):
        assert simplified_characters(clean) == [], clean


def test_a_hotline_in_zh_hant_names_taiwan_and_hong_kong() -> None:
    """A text that names a mainland hotline (110, 96110, 12360) to a Traditional reader also names the
    local ones, or says the number is mainland China's."""
    for where, text in ALL_HANT:
        if "96110" in text or "110" in text:
            assert "165" in text and "18222" in text, where
        if "12360" in text:
            assert "中國大陸" in text, where


def test_zh_hant_reply_uses_the_hand_written_text() -> None:
    verdict = Detector.default().check("你好，我是快递客服，你的包裹丢失了，理赔需要先提供银行卡号和密码")
    hit = verdict.patterns[0]
    written = next(p for p in CATALOG if p.id == hit.id)
    assert verdict.advice("zh-Hant").startswith(written.advice["zh-Hant"])
    assert verdict.advice("zh-Hant") != to_traditional(written.advice["zh"]) + "\n" + SCAM_FOOTER["zh-Hant"]
    assert localized(hit.title, "zh-Hant") == written.title["zh-Hant"]
    assert verdict.advice("zh-Hans").startswith(written.advice["zh"])


def test_a_pattern_without_zh_hant_fails_validation_and_shows_its_simplified_text() -> None:
    """Nothing converts at run time: a community pattern stored before patterns had zh-Hant shows the
    Simplified it was written in, and validation names each missing text."""
    old = Pattern.from_dict({"id": "community-7", "family": "community", "signals": [["宠物托运"], ["防疫费"]],
                             "title": {"zh": "社区举报的诈骗：宠物托运", "en": "Community-reported scam"},
                             "explanation": {"zh": "管理员确认是诈骗。", "en": "Confirmed."},
                             "advice": {"zh": "不要付款。", "en": "Don't pay."},
                             "examples": ["宠物托运要先交防疫费"]}, source="community")
    assert localized(old.advice, "zh-Hant") == "不要付款。"
    problems = validate([old])
    assert {f"community-7: {key} has no hand-written zh-Hant text" for key in FIELDS} <= set(problems)


def test_zh_hant_is_a_known_key_and_other_keys_are_still_refused() -> None:
    base = {"id": "x", "family": "f", "signals": [["a"]], "explanation": "e", "advice": "a"}
    pattern = Pattern.from_dict({**base, "title": {"zh": "简", "zh-Hant": "繁", "en": "en"}})
    assert pattern.title == {"zh": "简", "zh-Hant": "繁", "en": "en"}
    with pytest.raises(ValueError, match="zh-Hant"):
        Pattern.from_dict({**base, "title": {"zh": "简", "zh-TW": "繁", "en": "en"}})
