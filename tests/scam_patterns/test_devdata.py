"""The issue's targets on the public dev sets (read in place from ../shared/data/dev; skipped when absent).

Issue 10's targets. Chinese customer-service scams (type `label3:冒充客服服务`): recall >= 0.95 (the long
LLM-written scripts are no longer worth chasing row by row). English smishing about parcels, orders,
refunds and accounts: recall >= 0.97. All scam rows: recall >= 0.92. Legit rows, zh and en each: strict
false-positive rate <= 0.5 %, loose <= 3 %. Spam rows count for nothing. The real reported messages:
smishtank Delivery >= 0.95 and its in-scope types together >= 0.92; nagato_sms_tw scam recall >= 0.85,
legit strict 0 and loose <= 5 %. All of these are tuning sets now (README, detector section).
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
    assert recall >= 0.92, f"all scam rows {recall:.4f}"


IN_SCOPE = {"Delivery", "Account Alert", "Prize/Contest", "Finance/Crypto", "Lawsuits/Settlements", "Loans/Credit",
            "Job Advertisement"}


@pytest.fixture(scope="module")
def real_reports() -> tuple[list[tuple[dict, str]], list[tuple[dict, str]]]:
    detector = Detector.default()
    judge = lambda rows: [(row, detector.check(row["text"]).verdict) for row in rows]  # noqa: E731
    return judge(dev_rows("smishtank.jsonl")), judge(dev_rows("nagato_sms_tw.jsonl"))


def test_smishtank_delivery_and_in_scope_recall(real_reports) -> None:
    smishtank, _ = real_reports
    delivery = _recall((r, v) for r, v in smishtank if r["type"] == "Delivery")
    in_scope = _recall((r, v) for r, v in smishtank if r["type"] in IN_SCOPE)
    assert delivery >= 0.95, f"Delivery {delivery:.4f}"
    assert in_scope >= 0.92, f"in scope {in_scope:.4f}"


def test_nagato_scam_recall_and_legit_false_positives(real_reports) -> None:
    _, nagato = real_reports
    assert _recall((r, v) for r, v in nagato if r["label"] == "scam") >= 0.85
    legit = [v for r, v in nagato if r["label"] == "legit"]
    assert legit.count("scam") == 0
    assert sum(v != "no_match" for v in legit) / len(legit) <= 0.05
