"""Intent cues: questions versus pasted messages, tracking requests, and off-topic intents."""

from __future__ import annotations

import pytest

from knowledge.intent import off_topic_intent, on_topic_cue, procedural_question
from knowledge.text import normalize


@pytest.mark.parametrize(
    "text",
    ["我想开个网店", "在拼多多做卖家要交保证金吗", "how do I become a vendor", "I want to open an online store",
     "怎麼更改收件地址", "how can I edit my default address", "露天賣場要怎麼開", "how to set up an etsy shop"],
)
def test_selling_and_editing_an_address_are_off_topic(text: str) -> None:
    assert off_topic_intent(normalize(text))


@pytest.mark.parametrize(
    "text",
    ["短信让我点链接修改收货地址", "a text says update the address at this link", "自称客服让我改地址",
     "开店的商家会泄露我的信息吗", "what should I do with the shipping label", "收货地址会被泄露吗"],
)
def test_a_scam_or_privacy_cue_keeps_the_question_in_scope(text: str) -> None:
    assert not off_topic_intent(normalize(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("寄快递要几天", False),
        ("how much is postage to canada", False),
        ("快遞盒要怎麼丟", True),
        ("is it safe to give my phone number", True),
        ("a stranger knows what I ordered", True),
        ("收到没下单的包裹", True),
    ],
)
def test_on_topic_cue_names_what_shopsafe_covers(text: str, expected: bool) -> None:
    assert on_topic_cue(normalize(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("微信怎么建群", True), ("how do I print a return label", True), ("how to change my telegram username", True),
     ("快递单上的个人信息怎么处理", False), ("how do I know a shop is legit", False),
     ("how do I see who is logged into my account", False), ("客服让我转账怎么办", False),
     ("is this text a scam", False), ("买家要我的OTP咋办", False), ("我怎么知道打来的是不是真银行", False),
     ("how do i know this number is really my bank", False)],
)
def test_a_how_to_question_naming_no_risk_is_procedural(text: str, expected: bool) -> None:
    assert procedural_question(normalize(text)) is expected
