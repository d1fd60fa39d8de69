"""The format of `hard_legit.jsonl`, a blind set of hard legitimate messages for the detector.

`tests/scam_patterns/hard_legit.jsonl` holds 348 legitimate messages, mostly of SMS and chat length with a
few e-mails, that a scam detector must not call scams, written without sight of the detector, its catalog,
its articles or the other test sets, so that a figure measured on it is a fair one the first time it is
measured (after tuning on it, it is a tuning set). Each line is one JSON object `{"text", "label": "legit", "type", "lang"}`, with `lang` one of
zh-Hans, zh-Hant (Taiwan and Hong Kong wording) and en, about a third each, and `type` one of: `warning`
(police, platform, bank and carrier anti-fraud warnings that quote scam words), `carrier_notice` (genuine
courier and shop notices: pickup codes, delivery windows, customs duty paid in the official app),
`otp` (one-time codes with "do not share"), `refund_notice` (refunds to the original payment method,
price protection, 原路退回), `bank_alert` (transaction alerts that point to the app or the number on
the card), `buyer_seller` (ordinary chat between buyer and seller), `marketing` (ordinary promotions
with official links) and `personal` (friends and family mentioning parcels, refunds and codes). Many
rows use the words scams use (refund, 理赔, code, account, 客服, verify, suspended) in an innocent or
advisory way. Official domains appear only in genuine messages. Measure it with
`shopsafe eval tests/scam_patterns/hard_legit.jsonl`.

This module checks the data itself, not the detector.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).with_name("hard_legit.jsonl")
LANGS = {"zh-Hans", "zh-Hant", "en"}
TYPES = {"warning", "carrier_notice", "otp", "refund_notice", "bank_alert", "buyer_seller", "marketing",
         "personal"}


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_every_line_is_one_json_object() -> None:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    assert all(line.strip() for line in lines), "blank line in the file"
    assert all(isinstance(json.loads(line), dict) for line in lines)


def test_every_row_has_its_fields(rows: list[dict]) -> None:
    for row in rows:
        assert set(row) == {"text", "label", "type", "lang"}, row
        assert isinstance(row["text"], str) and row["text"].strip(), row
        assert row["label"] == "legit", row
        assert row["type"] in TYPES, row
        assert row["lang"] in LANGS, row


def test_at_least_300_rows_in_all_three_languages(rows: list[dict]) -> None:
    assert len(rows) >= 300
    counts = {lang: sum(row["lang"] == lang for row in rows) for lang in LANGS}
    assert min(counts.values()) >= len(rows) // 4, counts


def test_every_type_is_present(rows: list[dict]) -> None:
    assert {row["type"] for row in rows} == TYPES


def test_no_duplicate_texts(rows: list[dict]) -> None:
    texts = [" ".join(row["text"].split()).casefold() for row in rows]
    assert len(set(texts)) == len(texts)
