"""The issue's targets on the public dev sets (read in place from ../shared/data/dev; skipped when absent).

Chinese customer-service scams (type `label3:冒充客服服务`): recall >= 0.95 (issue 10: the long LLM-written
scripts are no longer worth chasing row by row). English smishing about parcels, orders, refunds and
accounts: recall >= 0.97. All scam rows: recall >= 0.90. Legit rows,
zh and en each: strict false-positive rate <= 0.5 %, loose <= 3 %. Spam rows count for nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest
from support.devdata import dev_rows

from scam_patterns import Detector

pytestmark = pytest.mark.devdata

SHOPPING_ZH = "label3:冒充客服服务"
SHOPPING_EN = re.compile(r"parcel|package|deliver|shipment|order|refund|account|a/c|card|bank|payment|paypal|"
                         r"apple ?id|amazon|kyc|wallet|tax", re.IGNORECASE)


@pytest.fixture(scope="module")
def judged() -> list[tuple[dict, str]]:
    detector = Detector.default()
    rows = dev_rows("telecom_fraud_texts.jsonl") + dev_rows("mendeley_smishing.jsonl") + dev_rows("uci_sms_spam.jsonl")
    return [(row, detector.check(row["text"]).verdict) for row in rows if row["label"] in ("scam", "legit")]


def _recall(pairs: Iterable[tuple[dict, str]]) -> float:
    pairs = list(pairs)
    return sum(verdict != "no_match" for _, verdict in pairs) / len(pairs)


def _fpr(pairs: list[tuple[dict, str]], lang: str) -> tuple[float, float]:
    legit = [verdict for row, verdict in pairs if row["label"] == "legit" and row["lang"] == lang]
    return legit.count("scam") / len(legit), sum(v != "no_match" for v in legit) / len(legit)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_legit_false_positive_rates(judged, lang: str) -> None:
    strict, loose = _fpr(judged, lang)
    assert strict <= 0.005, f"{lang} strict FPR {strict:.4f}"
    assert loose <= 0.03, f"{lang} loose FPR {loose:.4f}"


def test_english_shopping_and_account_smishing_recall(judged) -> None:
    en = [(r, v) for r, v in judged if r["label"] == "scam" and r["lang"] == "en" and SHOPPING_EN.search(r["text"])]
    assert _recall(en) >= 0.97, f"en {_recall(en):.4f}"


def test_chinese_customer_service_scam_recall(judged) -> None:
    zh = [(r, v) for r, v in judged if r["label"] == "scam" and r.get("type") == SHOPPING_ZH]
    assert _recall(zh) >= 0.95, f"zh {_recall(zh):.4f}"


def test_all_scam_recall(judged) -> None:
    recall = _recall((r, v) for r, v in judged if r["label"] == "scam")
    assert recall >= 0.90, f"all scam rows {recall:.4f}"
