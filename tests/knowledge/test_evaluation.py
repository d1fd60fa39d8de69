"""The evaluation sets and the targets the knowledge base must meet on them.

questions.jsonl is the development set: the fusion weights and threshold are calibrated on it, so it is
held to the targets here. blind_a.jsonl was written from the article titles alone, before reading any
sample question, and the scope decision (off-topic margin, near-domain off-topic questions, intent cues)
was tuned on it, so it is held to the targets too; so is blind_c.jsonl, written the same way by someone
who had not seen the articles, whose misses led to judging long questions by containment and to the how-to
rule. near_domain.jsonl (43 rows, mostly off-topic questions close to the domain) set the higher bar for
questions naming nothing ShopSafe covers; with 25 off-topic rows one miss is 4 %, so it is measured, not
asserted. blind_b, fresh_questions*, blind_d and blind_e are measurements (`shopsafe eval-kb PATH`), not
tests: each was first measured before anything was tuned on it (the README gives those figures), and
blind_e is the held-out one.

stories.jsonl is a tuning set for regions and situations (issue 11): first-person stories with one or
several mechanisms, urgent questions, questions about each region's law, regulator or hotline (with
`region` and `must_name`), and follow-ups with `context`. The region cues, the situation patterns and the
places' texts were written beside it, so its figures say little about unseen questions; it is held to the
region target here and its other figures are measured (`shopsafe eval-kb tests/knowledge/stories.jsonl`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge import KnowledgeBase
from knowledge.evaluation import TARGETS, Report, evaluate, names_for, read_rows
from knowledge.regions import load_places
from knowledge.text import normalize
from scam_patterns.script import detect_script

QUESTIONS = Path(__file__).with_name("questions.jsonl")
STORIES = Path(__file__).with_name("stories.jsonl")
BLIND_F = Path(__file__).with_name("blind_f.jsonl")
BLIND_A = Path(__file__).with_name("blind_a.jsonl")
BLIND_C = Path(__file__).with_name("blind_c.jsonl")


@pytest.fixture(scope="module", params=[QUESTIONS, BLIND_A, BLIND_C], ids=lambda path: path.stem)
def rows(request: pytest.FixtureRequest) -> list[dict]:
    return read_rows(request.param)


@pytest.mark.parametrize("path", [QUESTIONS, BLIND_A, BLIND_C], ids=lambda path: path.stem)
def test_the_set_is_large_bilingual_and_has_out_of_scope_questions(path: Path) -> None:
    rows = read_rows(path)
    assert len(rows) >= 120
    assert sum(row["article"] is None for row in rows) >= 25
    scripts = {detect_script(row["text"]) for row in rows}
    assert {"zh-Hans", "zh-Hant", "en"} <= scripts


def test_every_expected_article_exists(rows: list[dict]) -> None:
    kb = KnowledgeBase.default()
    assert {row["article"] for row in rows if row["article"]} <= {article.id for article in kb.articles}


def test_questions_are_paraphrases_not_copies_of_sample_questions(rows: list[dict]) -> None:
    samples = {normalize(question) for article in KnowledgeBase.default().articles for question in article.sample_questions()}
    copies = [row["text"] for row in rows if normalize(row["text"]) in samples]
    assert copies == []


def test_knowledge_base_meets_the_targets_on_the_set(rows: list[dict]) -> None:
    report = evaluate(KnowledgeBase.default(), rows)
    assert report.top1 >= TARGETS["top1"], report.misses
    assert report.out_of_scope_refused >= TARGETS["out_of_scope_refused"], report.misses
    assert report.in_scope_refused <= TARGETS["in_scope_refused"], report.misses


def test_report_figures() -> None:
    report = Report(in_scope=10, out_of_scope=4, correct=9, wrongly_refused=1, refused_out_of_scope=4)
    assert (report.top1, report.out_of_scope_refused, report.in_scope_refused) == (0.9, 1.0, 0.1)
    assert not report.meets_targets()
    assert Report().to_json()["top1"] == 0.0


def test_read_rows_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"text": "ok", "article": None}) + "\n\n" + json.dumps({"article": "x"}) + "\n")
    with pytest.raises(ValueError, match=r"q.jsonl:3"):
        read_rows(path)


def test_the_stories_tuning_set_names_each_region_s_own_law_authority_or_hotline() -> None:
    rows = read_rows(STORIES)
    assert {row["region"] for row in rows if row.get("region")} == {"CN", "TW", "HK", "SG", "MY", "UK", "US", "AU",
                                                                  "IN", "EU"}
    assert sum("context" in row for row in rows) >= 5
    report = evaluate(KnowledgeBase.default(), rows)
    assert report.region_named >= TARGETS["region_named"], [m for m in report.misses if "names one of" in str(m)]


def test_region_rows_are_checked_and_the_place_s_own_names_stand_in_for_must_name(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"text": "x", "article": None, "region": "XX"}) + "\n")
    with pytest.raises(ValueError, match="region"):
        read_rows(path)
    path.write_text(json.dumps({"text": "x", "article": None, "must_name": [""]}) + "\n")
    with pytest.raises(ValueError, match="must_name"):
        read_rows(path)
    report = evaluate(KnowledgeBase.default(), [{"text": "在台灣被騙了要打幾號", "article": "where-to-report", "region": "TW"}])
    assert (report.region_rows, report.region_named) == (1, 1.0)


def test_an_empty_must_name_as_blind_f_writes_it_reads_and_asks_for_the_place_s_own_names(tmp_path: Path) -> None:
    # eval-kb refused to read tests/knowledge/blind_f.jsonl: 150 of its rows say "must_name": [].
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"text": "在台灣被騙了要打幾號", "region": "TW", "must_name": []}) + "\n")
    rows = read_rows(path)
    assert names_for(rows[0]) == list(load_places()["TW"].identifiers)
    assert len(read_rows(BLIND_F)) == 220
