"""`shopsafe eval-kb`: how well the knowledge base answers a labelled question set.

Each row is {"text": question, "article": expected article id, or null when the question is out of scope},
optionally with:
  • "context": the previous question in the same chat, for a follow-up (passed to `KnowledgeBase.ask`);
  • "region": the place the question is about (CN, TW, HK, SG, MY, UK, US, AU, IN, EU), a label: it is not
    given to the knowledge base, which must tell the place from the question;
  • "must_name": strings of which a correct answer for that place contains at least one (its law, authority
    or hotline); without it, the place's own identifiers (knowledge/places/<REGION>.yaml `names`).
A row with a region counts toward "region answers naming that region's law/authority/hotline".
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.base import KnowledgeBase
from knowledge.regions import REGIONS, load_places

TARGETS = {"top1": 0.92, "out_of_scope_refused": 0.95, "in_scope_refused": 0.05, "region_named": 0.95}


@dataclass
class Report:
    in_scope: int = 0
    out_of_scope: int = 0
    correct: int = 0
    wrongly_refused: int = 0
    refused_out_of_scope: int = 0
    region_rows: int = 0
    region_named_rows: int = 0
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

    @property
    def region_named(self) -> float:
        return self.region_named_rows / self.region_rows if self.region_rows else 0.0

    def meets_targets(self) -> bool:
        """Every target whose questions the set has: a set of region questions alone has no off-topic ones."""
        return ((not self.in_scope or (self.top1 >= TARGETS["top1"]
                                       and self.in_scope_refused <= TARGETS["in_scope_refused"]))
                and (not self.out_of_scope or self.out_of_scope_refused >= TARGETS["out_of_scope_refused"])
                and (not self.region_rows or self.region_named >= TARGETS["region_named"]))

    def to_json(self) -> dict:
        return {
            "questions": self.in_scope + self.out_of_scope,
            "in_scope": self.in_scope,
            "out_of_scope": self.out_of_scope,
            "top1": round(self.top1, 4),
            "out_of_scope_refused": round(self.out_of_scope_refused, 4),
            "in_scope_refused": round(self.in_scope_refused, 4),
            "region_questions": self.region_rows,
            "region_named": round(self.region_named, 4),
            "targets": TARGETS,
            "meets_targets": self.meets_targets(),
            "misses": self.misses,
        }


def _strings(value: object) -> list[str] | None:
    """A list of non-empty strings; None when absent or empty (an empty "must_name" asks for nothing beyond
    the place's own identifiers, as the judged set blind_f writes it)."""
    if value is None or value == []:
        return None
    if isinstance(value, list) and all(isinstance(item, str) and item for item in value):
        return value
    raise ValueError("expected a list of non-empty strings")


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
            if row.get("region") is not None and row["region"] not in REGIONS:
                raise ValueError(f"{path}:{number}: 'region' is one of {', '.join(REGIONS)}")
            if row.get("context") is not None and not isinstance(row["context"], str):
                raise ValueError(f"{path}:{number}: 'context' is the previous question, a string")
            try:
                _strings(row.get("must_name"))
            except ValueError as error:
                raise ValueError(f"{path}:{number}: 'must_name': {error}") from None
            rows.append(row)
    return rows


def names_for(row: dict) -> list[str]:
    """What a correct answer for the row's place names at least one of."""
    return _strings(row.get("must_name")) or list(load_places()[row["region"]].identifiers)


def evaluate(kb: KnowledgeBase, rows: Iterable[dict]) -> Report:
    report = Report()
    for row in rows:
        expected = row.get("article")
        answer = kb.ask(row["text"], context=row.get("context"))
        got = answer.article
        if expected is None:
            report.out_of_scope += 1
            report.refused_out_of_scope += got is None
        else:
            report.in_scope += 1
            report.correct += got == expected
            report.wrongly_refused += got is None
        if got != expected:
            report.misses.append({"text": row["text"], "expected": expected, "got": got})
        if row.get("region") or row.get("must_name"):
            names = names_for(row) if row.get("region") else _strings(row["must_name"]) or []
            named = any(name.casefold() in answer.answer.casefold() for name in names)
            report.region_rows += 1
            report.region_named_rows += named
            if not named:
                report.misses.append({"text": row["text"], "expected": f"names one of {names}", "got": got,
                                      "region": answer.region})
    return report
