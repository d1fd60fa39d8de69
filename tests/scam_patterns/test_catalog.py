"""The shipped catalog: every example is caught by its pattern, no counter-example is, ids are unique."""

from __future__ import annotations

import pytest

from scam_patterns import Detector
from scam_patterns.catalog import Pattern, load_catalog, load_lexicons, validate
from scam_patterns.verdict import STAGES

CATALOG = load_catalog()
EXAMPLES = [(p.id, text) for p in CATALOG for text in p.examples]
COUNTER_EXAMPLES = [(p.id, text) for p in CATALOG for text in p.counter_examples]


@pytest.mark.parametrize(("pattern_id", "text"), EXAMPLES, ids=[f"{p}-{i}" for i, (p, _) in enumerate(EXAMPLES)])
def test_example_is_matched_by_its_pattern(pattern_id: str, text: str) -> None:
    verdict = Detector.default().check(text)
    assert pattern_id in [hit.id for hit in verdict.patterns]
    assert verdict.verdict != "no_match"


@pytest.mark.parametrize(("pattern_id", "text"), COUNTER_EXAMPLES,
                         ids=[f"{p}-{i}" for i, (p, _) in enumerate(COUNTER_EXAMPLES)])
def test_counter_example_is_not_matched_by_its_pattern(pattern_id: str, text: str) -> None:
    assert pattern_id not in [hit.id for hit in Detector.default().check(text).patterns]


def test_catalog_validates_clean() -> None:
    assert validate(CATALOG) == []


def test_ids_are_unique_and_every_pattern_is_complete() -> None:
    ids = [p.id for p in CATALOG]
    assert len(ids) == len(set(ids))
    for pattern in CATALOG:
        assert pattern.examples and pattern.counter_examples and pattern.references
        for field in (pattern.title, pattern.explanation, pattern.advice):
            assert field["zh"] and field["en"] and field["zh"] != field["en"]


def test_catalog_covers_the_families_the_issue_names() -> None:
    families = {p.family for p in CATALOG}
    assert {"fake_customer_service", "parcel_claims", "membership_renewal", "credit_record", "borrow_to_verify",
            "screen_sharing", "verification_code", "phishing_links", "fees_unfreeze", "overpayment", "order_brushing",
            "off_platform", "authority_impersonation", "fake_loans", "acquaintance_impersonation",
            "romance_investment", "game_trading", "prize_phishing"} <= families


def test_every_lexicon_named_by_a_pattern_exists() -> None:
    lexicons, negations = load_lexicons()
    assert negations
    for pattern in CATALOG:
        for group in (*pattern.signals, pattern.unless):
            for item in group:
                if "." in item and item.split(".")[0] in {"actor", "brand", "pretext", "lure", "channel", "control",
                                                         "extraction", "guard", "entity"}:
                    assert item in lexicons or item.startswith("entity."), (pattern.id, item)
    assert {lex.stage for lex in lexicons.values() if lex.stage} <= set(STAGES)


def test_validate_reports_duplicates_and_broken_examples() -> None:
    pattern = CATALOG[0]
    broken = Pattern.from_dict({"id": pattern.id, "family": "x", "title": "t", "explanation": "e", "advice": "a",
                                "signals": [["从未出现的词语甲"]], "examples": ["这条例子不会命中"],
                                "counter_examples": []})
    problems = validate([pattern, broken])
    assert any("duplicate id" in p for p in problems)
    assert any("example not matched" in p for p in problems)


@pytest.mark.parametrize("bad", [
    {},
    {"id": "x", "family": "f", "signals": [], "title": "t", "explanation": "e", "advice": "a"},
    {"id": "x", "family": "f", "signals": [[""]], "title": "t", "explanation": "e", "advice": "a"},
    {"id": "x", "family": "f", "signals": [["a"]], "title": "t", "explanation": "e", "advice": "a", "severity": "bad"},
    {"id": "x", "family": "f", "signals": [["a"]], "title": "t", "explanation": "e", "advice": "a", "weight": 2},
    {"id": "x", "family": "f", "signals": [["a"]], "explanation": "e", "advice": "a"},
    "not a mapping",
])
def test_malformed_pattern_is_rejected_with_a_reason(bad) -> None:
    with pytest.raises(ValueError):
        Pattern.from_dict(bad)


def test_community_patterns_extend_a_copy_and_bad_ones_are_skipped() -> None:
    base = Detector.default()
    text = "紫色独角兽客服让你买星星币"
    assert base.check(text).verdict == "no_match"
    community = {"id": "community_unicorn", "family": "community", "title": {"zh": "独角兽", "en": "Unicorn"},
                 "signals": [["紫色独角兽"], ["星星币"]], "severity": "scam", "weight": 0.9,
                 "explanation": {"zh": "说明", "en": "why"}, "advice": {"zh": "建议", "en": "advice"}}
    extended = base.with_db_patterns([community, {"id": "broken"}, {**community, "id": CATALOG[0].id}])
    verdict = extended.check(text)
    assert [hit.id for hit in verdict.patterns] == ["community_unicorn"]
    assert verdict.verdict == "scam"
    assert len(extended.patterns) == len(base.patterns) + 1
    assert base.check(text).verdict == "no_match"  # the shipped detector is untouched


def test_text_cut_by_an_unquoted_comma_in_a_flow_mapping_is_refused():
    """Regression: `title: {zh: …, en: a meeting, screen-mirroring or remote app}` loaded as 'a meeting'."""
    import yaml

    from scam_patterns.catalog import Pattern

    item = yaml.safe_load(
        "id: comma_cut\n"
        "signals: [[客服]]\n"
        "title: {zh: 标题, en: Asked to install a meeting, screen-mirroring or remote-control app}\n"
        "explanation: {zh: 说明, en: why}\n"
        "advice: {zh: 建议, en: what to do}\n"
    )
    with pytest.raises(ValueError, match="quote text that holds a comma"):
        Pattern.from_dict(item, "test")
