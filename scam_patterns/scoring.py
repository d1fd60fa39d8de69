"""Scoring by accumulated evidence: the checks of data/checks.yaml, each a weight in log-odds.

A check fires when every one of its groups has a hit (within `window` characters of the first group's hit
when it has one); hits inside a warning's clause never count for a positive check. The verdict's score is
sigmoid(bias + the sum of fired weights). Everything here is linear in the number of hits, and the hits per
group are capped, so a long or repetitive text cannot make a check expensive.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from scam_patterns.datafiles import read_yaml

KINDS = ("request", "action", "claim", "offer", "context", "guard")
TITLE_LANGS = ("en", "zh-Hans", "zh-Hant")
MAX_SPANS = 64  # hits per group a check looks at: enough to find a pair, bounded on hostile input


@dataclass(frozen=True, slots=True)
class CheckSpec:
    name: str
    kind: str
    weight: float
    groups: tuple[tuple[str, ...], ...]
    title: dict[str, str]
    window: int | None = None
    same_sentence: bool = False
    decisive: bool = False
    demand_weight: float | None = None
    strong_weight: float | None = None
    unless: tuple[str, ...] = ()
    unless_checks: tuple[str, ...] = ()
    explains: str | None = None
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CheckSpec:
        name = str(data.get("name") or "").strip()
        if not name:
            raise ValueError("a check needs a name")
        kind = str(data.get("kind") or "")
        if kind not in KINDS:
            raise ValueError(f"{name}: kind must be one of {KINDS}")
        groups = data.get("all")
        if not isinstance(groups, list) or not groups or not all(isinstance(g, list) and g for g in groups):
            raise ValueError(f"{name}: `all` must be a non-empty list of non-empty groups")
        title = data.get("title") or {}
        if not isinstance(title, dict) or set(title) != set(TITLE_LANGS) or not all(isinstance(v, str) and v for v in title.values()):
            raise ValueError(f"{name}: title needs en, zh-Hans and zh-Hant")
        weight = float(data["weight"])
        if (kind == "guard") != (weight < 0):
            raise ValueError(f"{name}: guards and only guards have negative weights")
        window = data.get("window")
        return cls(
            name=name, kind=kind, weight=weight, groups=tuple(tuple(str(i) for i in g) for g in groups),
            title={k: str(title[k]) for k in TITLE_LANGS}, window=int(window) if window else None,
            same_sentence=bool(data.get("same_sentence")),
            decisive=bool(data.get("decisive")),
            demand_weight=float(data["demand_weight"]) if data.get("demand_weight") is not None else None,
            strong_weight=float(data["strong_weight"]) if data.get("strong_weight") is not None else None,
            unless=tuple(str(u) for u in data.get("unless") or ()),
            unless_checks=tuple(str(u) for u in data.get("unless_checks") or ()),
            explains=data.get("explains"),
            examples=tuple(str(e) for e in data.get("examples") or ()),
            counter_examples=tuple(str(e) for e in data.get("counter_examples") or ()),
        )


@dataclass(frozen=True, slots=True)
class External:
    """How a check computed outside this catalog (links.link_checks) counts: its kind and explanation."""
    kind: str
    explains: str | None = None


@lru_cache(maxsize=1)
def load_checks() -> tuple[float, tuple[CheckSpec, ...], dict[str, External]]:
    """The bias, the checks in file order (positive checks before the guards that refer to them), and the
    external checks' kinds."""
    data = read_yaml("data/checks.yaml")
    checks = tuple(CheckSpec.from_dict(item) for item in data["checks"])
    names = [c.name for c in checks]
    external = {str(k): External(str(v["kind"]), v.get("explains")) for k, v in (data.get("external") or {}).items()}
    if len(set(names)) != len(names) or set(names) & set(external):
        raise ValueError("duplicate check names in data/checks.yaml")
    if any(e.kind not in KINDS for e in external.values()):
        raise ValueError(f"external checks' kinds must be one of {KINDS}")
    return float(data["bias"]), checks, external


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, x))))


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def stopped_by(spec: CheckSpec, fired: Collection[str]) -> bool:
    """Whether a check named in `unless_checks` (a trailing * is a prefix) has fired."""
    for item in spec.unless_checks:
        if item.endswith("*"):
            if any(name.startswith(item[:-1]) for name in fired):
                return True
        elif item in fired:
            return True
    return False


def co_occur(groups: list[list[tuple[int, int]]], window: int | None,
             sentences: list[int] | None = None) -> list[tuple[int, int]] | None:
    """One span per group, all within `window` characters of the first group's span (anywhere when None)
    and, given the sorted sentence-break offsets `sentences`, in the anchor's sentence; or None. Spans are
    sorted (start, end) pairs in the original text; each group is capped at MAX_SPANS.

    Linear-logarithmic: one binary search per anchor and group."""
    if any(not g for g in groups):
        return None
    if window is None or len(groups) == 1:
        return [g[0] for g in groups]
    others = [(g, [s for s, _ in g]) for g in groups[1:]]
    for anchor in groups[0][:MAX_SPANS]:
        chosen = [anchor]
        low, high = anchor[0] - window, anchor[0] + window
        if sentences is not None:
            at = bisect_right(sentences, anchor[0])
            low = max(low, sentences[at - 1] + 1 if at else 0)
            high = min(high, sentences[at] - 1 if at < len(sentences) else high)
        for spans, starts in others:
            lo = bisect_left(starts, low)
            hi = bisect_right(starts, high)
            if lo >= hi:
                break
            # the span nearest the anchor in that range
            best = min(range(lo, min(hi, lo + MAX_SPANS)), key=lambda i: abs(starts[i] - anchor[0]))
            chosen.append(spans[best])
        else:
            return chosen
    return None
