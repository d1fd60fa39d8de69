"""BM25 scores and the coverage of a query by one document."""

from __future__ import annotations

from knowledge.bm25 import BM25

DOCS = [["parcel", "track", "app"], ["code", "share", "never", "code"], ["password", "manager"]]


def test_the_document_sharing_rare_terms_scores_highest() -> None:
    index = BM25(DOCS)
    scores = index.scores(["code"])
    assert scores[1] > 0 and scores[0] == scores[2] == 0


def test_unknown_terms_score_nothing() -> None:
    assert BM25(DOCS).scores(["weather"]) == [0.0, 0.0, 0.0]


def test_coverage_is_the_weighted_share_of_query_terms_in_the_document() -> None:
    index = BM25(DOCS)
    assert index.coverage(["parcel", "weather"], 0, lambda term: 1.0) == 0.5
    assert index.coverage(["parcel", "weather"], 0, lambda term: 3.0 if term == "parcel" else 1.0) == 0.75
    assert index.coverage([], 0, lambda term: 1.0) == 0.0
