"""Obfuscated scams are still caught: recall falls by at most 2 points under each transform (respacing,
zero-width, emoji separators, full-width, Traditional, Cyrillic lookalikes, digits for letters), on a sample
of the public dev scam rows (Chinese and English) and on ShopSafe's own hard cases."""

from __future__ import annotations

import random

import pytest
from support.devdata import dev_rows
from support.obfuscate import TRANSFORMS

from scam_patterns import Detector

MAX_DROP = 0.02
OWN_CASES = [
    "淘宝客服说我买的衣服甲醛超标，要给我双倍赔偿，让我加他QQ",
    "快递丢了，理赔专员让我下载腾讯会议开共享屏幕",
    "客服让我在支付宝领取备用金，说退款会一起退回来",
    "理赔需要验证，把收到的验证码发给我",
    "Amazon help line: you were billed twice, install AnyDesk and we will do the refund",
    "This is Amazon. To verify your refund read me the 6 digit code we just sent",
    "We accidentally refunded you $1500 too much, please send back the difference in gift cards",
]


def _flagged(texts: list[str]) -> float:
    detector = Detector.default()
    return sum(detector.check(t).verdict != "no_match" for t in texts) / len(texts)


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
def test_own_hard_cases_survive_every_transform(name: str) -> None:
    transform = TRANSFORMS[name]
    for text in OWN_CASES:
        assert Detector.default().check(transform(text)).verdict != "no_match", (name, transform(text))


@pytest.fixture(scope="module")
def dev_scam_sample() -> list[str]:
    rng = random.Random(2026)
    zh = [r["text"] for r in dev_rows("telecom_fraud_texts.jsonl") if r["label"] == "scam"]
    en = [r["text"] for r in dev_rows("mendeley_smishing.jsonl") if r["label"] == "scam"]
    return rng.sample(zh, 300) + en


@pytest.mark.devdata
@pytest.mark.parametrize("name", sorted(TRANSFORMS))
def test_recall_drop_on_dev_scams_is_at_most_two_points(dev_scam_sample: list[str], name: str) -> None:
    base = _flagged(dev_scam_sample)
    obfuscated = _flagged([TRANSFORMS[name](text) for text in dev_scam_sample])
    assert base - obfuscated <= MAX_DROP, f"{name}: recall {base:.3f} -> {obfuscated:.3f}"
