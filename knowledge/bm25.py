"""Okapi BM25 over a small fixed set of documents (one per article), with the numbers retrieval needs.

Besides the score of each document, `coverage` tells how much of a query's information one document
explains: the share of the query's informative words found in it. The caller weighs the words with a
general-language measure, because 36 documents are too few to tell an everyday word from a rare one: a
question about the weather shares no informative word with any article and covers nothing even when an
everyday word matches.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence


class BM25:
    def __init__(self, documents: Sequence[Sequence[str]], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.size = len(documents)
        self.lengths = [len(doc) for doc in documents]
        self.average_length = (sum(self.lengths) / self.size) if self.size else 0.0
        self.postings: dict[str, list[tuple[int, int]]] = {}
        self.vocabularies = [frozenset(doc) for doc in documents]
        for index, doc in enumerate(documents):
            for term, count in Counter(doc).items():
                self.postings.setdefault(term, []).append((index, count))
        self.idf = {
            term: math.log(1 + (self.size - len(posting) + 0.5) / (len(posting) + 0.5))
            for term, posting in self.postings.items()
        }

    def scores(self, query: Sequence[str]) -> list[float]:
        scores = [0.0] * self.size
        for term, query_count in Counter(query).items():
            posting = self.postings.get(term)
            if not posting:
                continue
            idf = self.idf[term]
            for index, count in posting:
                norm = self.k1 * (1 - self.b + self.b * self.lengths[index] / self.average_length)
                scores[index] += query_count * idf * count * (self.k1 + 1) / (count + norm)
        return scores

    def coverage(self, query: Sequence[str], document: int, weight: Callable[[str], float]) -> float:
        """Share of the query's informative words (distinct, weighed by `weight`) present in one document."""
        total = found = 0.0
        for term in set(query):
            mass = weight(term)
            total += mass
            if term in self.vocabularies[document]:
                found += mass
        return found / total if total else 0.0
