"""The detector on the hard legitimate set (hard_legit.jsonl: warnings, carrier notices, codes, refunds,
bank alerts, buyer–seller and personal chat): none is called a scam and at most 3 % are suspicious, in
each language. First measured before tuning (README: 6.9 % strict, 11.8 % loose); a tuning set since."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scam_patterns import Detector

ROWS = [json.loads(line) for line in Path(__file__).with_name("hard_legit.jsonl").open(encoding="utf-8") if line.strip()]


@pytest.fixture(scope="module")
def verdicts() -> list[tuple[dict, str]]:
    detector = Detector.default()
    return [(row, detector.check(row["text"]).verdict) for row in ROWS]


def test_no_hard_legit_message_is_judged_a_scam(verdicts) -> None:
    assert [row["text"][:80] for row, verdict in verdicts if verdict == "scam"] == []


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant", "en"])
def test_at_most_three_percent_are_suspicious_in_each_language(verdicts, lang: str) -> None:
    judged = [verdict for row, verdict in verdicts if row["lang"] == lang]
    assert judged and sum(v != "no_match" for v in judged) / len(judged) <= 0.03
