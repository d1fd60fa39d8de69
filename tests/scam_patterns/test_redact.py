"""Stored reports keep the scam's words and lose the identifiers."""

from __future__ import annotations

import pytest

from scam_patterns.redact import redact


@pytest.mark.parametrize(("text", "gone", "kept"), [
    ("收件人：张三，电话13812345678", ["张三", "13812345678"], ["收件人", "[name]", "[phone]"]),
    ("王先生您好，您的快递丢失了", ["王先生"], ["先生", "快递丢失"]),
    ("Dear John Smith, your parcel is held", ["John", "Smith"], ["Dear [name]", "parcel is held"]),
    ("地址：上海市浦东新区世纪大道100号3栋201室", ["世纪大道100号"], ["[address]"]),
    ("send it to 221 Baker Street please", ["221 Baker Street"], ["[address]"]),
    ("订单号 2024112233445566 有问题", ["2024112233445566"], ["订单号", "[order]"]),
    ("Your tracking number: 1Z999AA10123456784", ["1Z999AA10123456784"], ["[order]"]),
    ("运单SF1234567890123已签收", ["SF1234567890123"], ["[order]"]),
    ("加我QQ 123456789 或微信 abc_12345", ["123456789", "abc_12345"], ["[qq]", "[wechat]", "加我QQ"]),
    ("mail j.smith@example.com now", ["j.smith@example.com"], ["[email]"]),
    ("身份证110101199003071234", ["110101199003071234"], ["[id-card]"]),
    ("卡号 6222 0212 3456 7890 123 转账", ["6222 0212 3456 7890 123"], ["[bank-card]", "转账"]),
    ("call +44 7700 900123 or 0871918154", ["7700 900123", "0871918154"], ["[phone]"]),
])
def test_personal_data_is_masked_and_the_scam_words_stay(text: str, gone: list[str], kept: list[str]) -> None:
    masked = redact(text)
    for item in gone:
        assert item not in masked
    for item in kept:
        assert item in masked


def test_text_without_personal_data_is_unchanged() -> None:
    text = "客服说退款要共享屏幕，金额12.50元"
    assert redact(text) == text
    assert redact("") == ""
