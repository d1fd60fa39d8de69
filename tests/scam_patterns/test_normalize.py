"""Normalisation folds scammers' spellings together and still maps every character back to the original."""

from __future__ import annotations

import pytest

from scam_patterns.normalize import compact_fold, entity_view, normalize, variant_table


@pytest.mark.parametrize(("text", "expected"), [
    ("ＱＱ：１２３４５６", "qq123456"),                # full-width forms
    ("客\u200b服\u200d小\ufeff王", "客服小王"),        # zero-width and BOM
    ("退 款-理.赔😀", "退款理赔"),                     # separators and emoji between characters
    ("請提供驗證碼", "请提供验证码"),                  # Traditional → Simplified
    ("請下載視訊會議軟體並開啟螢幕分享", "请下载视频会议软件并打开屏幕分享"),  # Taiwan wording → mainland
    ("Аmаzоn", "amazon"),                               # Cyrillic lookalikes
    ("Amaz0n r3fund acc0unt", "amazonrefundaccount"),  # digits standing for letters
    ("加我薇信", "加我微信"),                           # variant table
    ("V信 vx wx", "微信微信微信"),
    ("扣扣号 企鹅号", "qq号qq"),
    ("K服说tui款要yzm", "客服说退款要验证码"),
    ("r e f u n d", "refund"),
    ("请您提供您的账号", "请你提供你的账号"),      # polite 您 and plain 你 are one form
])
def test_obfuscations_fold_to_the_same_text(text: str, expected: str) -> None:
    assert normalize(text).text == compact_fold(expected)  # the same folding (i→l and all) on both sides


def test_digit_runs_are_not_read_as_letters() -> None:
    assert normalize("qq 123456789").text == "qq123456789"
    assert normalize("100rmb").text == "100rmb"


def test_offsets_point_into_the_original_text() -> None:
    original = "请 加 我 薇 信：abc\u200b123，退-款😀"
    norm = normalize(original)
    for index in range(len(norm.text)):
        start, end = norm.span(index, index + 1)
        assert 0 <= start < end <= len(original)
    begin = norm.text.index("微信")
    start, end = norm.span(begin, begin + 2)
    assert original[start:end] == "薇 信"
    begin = norm.text.index("退款")
    start, end = norm.span(begin, begin + 2)
    assert original[start:end] == "退-款"


def test_expanding_characters_keep_their_origin() -> None:
    original = "㍿客服ﬁ"  # NFKC expands both ends to several characters
    norm = normalize(original)
    begin = norm.text.index("客服")
    assert original[slice(*norm.span(begin, begin + 2))] == "客服"


def test_empty_and_separator_only_text() -> None:
    assert normalize("").text == ""
    assert normalize("  ，。！😀\u200b ").text == ""
    assert normalize("").span(0, 0) == (0, 0)


def test_variant_table_is_versioned() -> None:
    assert variant_table().version >= 1


def test_entity_view_folds_full_width_forms_in_place() -> None:
    # One character for one: every offset of the view is its own offset in the original.
    view, origin = entity_view("请致电“客服”（010）1234-5678")
    assert view == "请致电“客服”(010)1234-5678"
    assert origin == list(range(len(view)))


def test_entity_view_maps_offsets_back_when_characters_vanish_or_expand() -> None:
    text = "h😀t😀t😀p://x.com…138\u200b1234"
    view, origin = entity_view(text)
    assert view == "http://x.com...1381234"
    assert [text[i] for i in origin] == ["h", "t", "t", "p", *"://x.com", "…", "…", "…", *"1381234"]
