"""Script detection and Simplified/Traditional conversion (scam_patterns/script.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scam_patterns.script import detect_script, to_simplified, to_simplified_mainland, to_traditional


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("你好，我是淘宝客服，退款请加QQ", "zh-Hans"),
        ("您好，這裡是蝦皮客服，退款請加LINE", "zh-Hant"),
        ("Your parcel is held at the depot", "en"),
        ("客服 refund please add wechat now", "en"),  # a few Han characters in English text
        ("Привет, мир", "other"),
        ("🙂🙂🙂", "other"),
        ("", "other"),
        ("12345678", "other"),
        ("退款 OK", "zh-Hans"),  # Han characters outweigh a short Latin word
        ("快递单 shipping label 咋办", "zh-Hans"),  # a Chinese reader's question with English terms
    ],
)
def test_detects_the_script_people_write_in(text, script):
    assert detect_script(text) == script


def test_one_traditional_character_in_a_long_simplified_text_stays_simplified():
    text = "您好我是快递客服您的包裹丢失了我们会赔偿请您提供银行卡号以便办理理赔手续谢谢配合" * 3 + "這"
    assert detect_script(text) == "zh-Hans"


def test_conversion_round_trips_the_words_the_detector_needs():
    assert to_simplified("驗證碼、退款、客服") == "验证码、退款、客服"
    assert to_traditional("软件和验证码") == "軟體和驗證碼"  # Taiwan wording, not only characters
    assert to_simplified_mainland("請下載軟體") == "请下载软件"


@given(st.text(max_size=300))
def test_any_text_gets_one_of_the_four_answers(text):
    assert detect_script(text) in {"zh-Hans", "zh-Hant", "en", "other"}
