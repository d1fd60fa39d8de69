"""`shopsafe eval-kb`: how well the knowledge base answers a labelled question set.

Each row is {"text": question, "article": expected article id, or null when the question is out of scope}.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.base import KnowledgeBase

TARGETS = {"top1": 0.92, "out_of_scope_refused": 0.95, "in_scope_refused": 0.05}


@dataclass
class Report:
    in_scope: int = 0
    out_of_scope: int = 0
    correct: int = 0
    wrongly_refused: int = 0
    refused_out_of_scope: int = 0
    misses: list[dict] = field(default_factory=list)

    @property
    def top1(self) -> float:
        return self.correct / self.in_scope if self.in_scope else 0.0

    @property
    def out_of_scope_refused(self) -> float:
        return self.refused_out_of_scope / self.out_of_scope if self.out_of_scope else 0.0

    @property
    def in_scope_refused(self) -> float:
        return self.wrongly_refused / self.in_scope if self.in_scope else 0.0

    def meets_targets(self) -> bool:
        return (self.top1 >= TARGETS["top1"] and self.out_of_scope_refused >= TARGETS["out_of_scope_refused"]
                and self.in_scope_refused <= TARGETS["in_scope_refused"])

    def to_json(self) -> dict:
        return {
            "questions": self.in_scope + self.out_of_scope,
            "in_scope": self.in_scope,
            "out_of_scope": self.out_of_scope,
            "top1": round(self.top1, 4),
            "out_of_scope_refused": round(self.out_of_scope_refused, 4),
            "in_scope_refused": round(self.in_scope_refused, 4),
            "targets": TARGETS,
            "meets_targets": self.meets_targets(),
            "misses": self.misses,
        }


def read_rows(path: Path) -> list[dict]:
    """Rows of a JSON-lines question set; a line that is not an object with a text is an error naming it."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise ValueError(f"{path}:{number}: expected an object with a 'text' string")
            rows.append(row)
    return rows


def evaluate(kb: KnowledgeBase, rows: Iterable[dict]) -> Report:
    report = Report()
    for row in rows:
        expected = row.get("article")
        got = kb.ask(row["text"]).article
        if expected is None:
            report.out_of_scope += 1
            report.refused_out_of_scope += got is None
        else:
            report.in_scope += 1
            report.correct += got == expected
            report.wrongly_refused += got is None
        if got != expected:
            report.misses.append({"text": row["text"], "expected": expected, "got": got})
    return report
