"""The scam catalog: patterns as YAML data (one file per family) plus the shared word groups they combine.

A pattern names the mechanism of a scam: who is impersonated, what lure or threat, and which off-platform
action is demanded. Its `signals` is a list of groups; every group must fire for the pattern to match.
A group lists lexicon names (from data/lexicons.yaml) and/or literal words. `unless` lists groups whose
presence cancels the pattern (e.g. a genuine refund notice). Its title, explanation and advice are written
in zh (Simplified), zh-Hant (Traditional, by hand, for Taiwan and Hong Kong readers) and en. Community
patterns from the database have the same shape plus `family`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from scam_patterns.datafiles import catalog_files, read_yaml

SEVERITIES = ("scam", "suspicious")
# The languages of a pattern's title, explanation and advice: "zh" is Simplified, "zh-Hant" is Traditional
# written by hand for Taiwan and Hong Kong readers (never converted at run time), "en" is English.
TEXT_LANGS = ("zh", "zh-Hant", "en")


@dataclass(frozen=True, slots=True)
class Lexicon:
    name: str
    terms: tuple[str, ...]
    stage: str | None = None
    negatable: bool = False


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    family: str
    title: dict[str, str]
    signals: tuple[tuple[str, ...], ...]
    explanation: dict[str, str]
    advice: dict[str, str]
    severity: str = "scam"
    weight: float = 0.85
    unless: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    source: str = "catalog"

    @classmethod
    def from_dict(cls, data: dict[str, Any], family: str | None = None, source: str = "catalog") -> Pattern:
        """Build and check one pattern entry; raises ValueError with the reason when it is malformed."""
        if not isinstance(data, dict):
            raise ValueError("a pattern must be a mapping")
        pid = str(data.get("id") or "").strip()
        fam = str(data.get("family") or family or "").strip()
        if not pid or not fam:
            raise ValueError("a pattern needs an id and a family")
        raw_signals = data.get("signals")
        if not isinstance(raw_signals, list) or not raw_signals:
            raise ValueError(f"{pid}: signals must be a non-empty list of groups")
        groups = []
        for group in raw_signals:
            items = [group] if isinstance(group, str) else group
            if not isinstance(items, list) or not items or not all(isinstance(i, str) and i.strip() for i in items):
                raise ValueError(f"{pid}: each signal group is a non-empty list of lexicon names or words")
            groups.append(tuple(i.strip() for i in items))
        severity = str(data.get("severity", "scam"))
        if severity not in SEVERITIES:
            raise ValueError(f"{pid}: severity must be one of {SEVERITIES}")
        weight = float(data.get("weight", 0.85 if severity == "scam" else 0.55))
        if not 0 < weight <= 1:
            raise ValueError(f"{pid}: weight must be in (0, 1]")

        def texts(key: str) -> dict[str, str]:
            value = data.get(key) or {}
            if isinstance(value, str):  # one text for every language (a brand name, a code)
                value = {lang: value for lang in TEXT_LANGS}
            if not isinstance(value, dict) or not (value.get("zh") or value.get("en")):
                raise ValueError(f"{pid}: {key} needs zh and/or en text")
            # An unquoted comma inside a YAML flow mapping ({zh: …, en: a, b}) silently cuts the text
            # and turns its rest into a key: only zh, zh-Hant and en, each a string, are allowed.
            if set(value) - set(TEXT_LANGS) or not all(isinstance(v, str) for v in value.values()):
                raise ValueError(f"{pid}: {key} takes only zh, zh-Hant and en strings (quote text that holds a comma)")
            out = {"zh": str(value.get("zh") or value.get("en")), "en": str(value.get("en") or value.get("zh"))}
            if value.get("zh-Hant"):
                out["zh-Hant"] = str(value["zh-Hant"])
            return out

        return cls(
            id=pid, family=fam, title=texts("title"), signals=tuple(groups), explanation=texts("explanation"),
            advice=texts("advice"), severity=severity, weight=weight,
            unless=tuple(str(u) for u in data.get("unless") or ()),
            examples=tuple(str(e) for e in data.get("examples") or ()),
            counter_examples=tuple(str(e) for e in data.get("counter_examples") or ()),
            references=tuple(str(r) for r in data.get("references") or ()), source=source,
        )


@lru_cache(maxsize=1)
def load_lexicons() -> tuple[dict[str, Lexicon], tuple[str, ...]]:
    """The shared word groups and the negation words."""
    data = read_yaml("data/lexicons.yaml")
    lexicons = {
        name: Lexicon(name, tuple(str(t) for t in spec["terms"]), spec.get("stage"), bool(spec.get("negatable")))
        for name, spec in data["lexicons"].items()
    }
    return lexicons, tuple(str(n) for n in data.get("negations", ()))


def load_catalog() -> list[Pattern]:
    """Every shipped pattern, file by file (catalog/<family>.yaml), in a stable order."""
    patterns: list[Pattern] = []
    for name, data in catalog_files():
        data = data or {}
        family = data.get("family") or name.removesuffix(".yaml")
        for item in data.get("patterns") or ():
            patterns.append(Pattern.from_dict(item, family))
    return patterns


def validate(patterns: list[Pattern]) -> list[str]:
    """Problems in a catalog: duplicate ids, unknown lexicons that look like names, bad examples."""
    from scam_patterns.detector import Detector  # the detector is built from the catalog

    problems: list[str] = []
    seen: set[str] = set()
    lexicons, _ = load_lexicons()
    for pattern in patterns:
        if pattern.id in seen:
            problems.append(f"{pattern.id}: duplicate id")
        seen.add(pattern.id)
        for group in (*pattern.signals, pattern.unless):
            for item in group:
                if "." in item and item not in lexicons and item.split(".")[0] in {n.split(".")[0] for n in lexicons}:
                    problems.append(f"{pattern.id}: unknown lexicon {item!r}")
        if not pattern.examples:
            problems.append(f"{pattern.id}: no examples")
        for key in ("title", "explanation", "advice"):
            if "zh-Hant" not in getattr(pattern, key):
                problems.append(f"{pattern.id}: {key} has no hand-written zh-Hant text")
    detector = Detector(patterns)
    for pattern in patterns:
        for example in pattern.examples:
            verdict = detector.check(example)
            if pattern.id not in [hit.id for hit in verdict.patterns] or verdict.verdict == "no_match":
                problems.append(f"{pattern.id}: example not matched: {example[:60]!r} -> {verdict.verdict}")
        for counter in pattern.counter_examples:
            verdict = detector.check(counter)
            if pattern.id in [hit.id for hit in verdict.patterns]:
                problems.append(f"{pattern.id}: counter-example matched: {counter[:60]!r}")
    problems.extend(validate_checks(detector))
    return problems


def validate_checks(detector: Any) -> list[str]:
    """Problems in the scoring checks (data/checks.yaml): every check has examples that fire it and
    counter-examples that do not, and names a pattern that exists."""
    problems: list[str] = []
    ids = {p.id for p in detector.patterns}
    for spec in detector.checks:
        if not spec.examples or not spec.counter_examples:
            problems.append(f"{spec.name}: needs examples and counter-examples")
        if spec.explains and spec.explains not in ids:
            problems.append(f"{spec.name}: explains unknown pattern {spec.explains!r}")
        for example in spec.examples:
            if spec.name not in [c.name for c in detector.check(example).checks]:
                problems.append(f"{spec.name}: example does not fire it: {example[:60]!r}")
        for counter in spec.counter_examples:
            if spec.name in [c.name for c in detector.check(counter).checks]:
                problems.append(f"{spec.name}: counter-example fires it: {counter[:60]!r}")
    return problems
