"""The detector: normalise, find every catalog word in one Aho-Corasick pass, match patterns (groups of
signals that must co-occur), then score with named checks so every verdict explains itself.

Score: 1 - prod(1 - w) over the checks that speak for a scam (matched patterns, later script stages,
lookalike links, known scripts), times prod(1 + w) over those that speak against it (anti-fraud
warnings, promotions, genuine refund notices). Verdict "scam" needs a scam-severity mechanism and a
score >= 0.7; "suspicious" starts at 0.45; messages matching only suspicious mechanisms stay below 0.7.
A full mechanism (impersonated party + lure + off-platform demand) scores >= 0.85, so group chats can
answer on `verdict == "scam" and score >= 0.8`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import ahocorasick
from rapidfuzz import fuzz, process

from scam_patterns import entities as ents
from scam_patterns.catalog import Lexicon, Pattern, load_catalog, load_lexicons
from scam_patterns.normalize import Normalized, entity_view, normalize
from scam_patterns.script import detect_script
from scam_patterns.verdict import STAGES, CheckResult, Entities, Evidence, PatternHit, Verdict

log = logging.getLogger(__name__)

MAX_CHARS = 100_000          # longer input is judged on its first 100k characters (bounded time)
NEGATION_WINDOW = 10         # a negation this many characters before a request cancels it…
CLAUSE_BREAKS = frozenset("，。,.!?！？；;\n")  # …unless a clause ends in between
SCRIPT_SAMPLE = 160           # the language of a message is read from its opening characters
SCAM_THRESHOLD = 0.7         # score from which a scam-severity match is called "scam"
SUSPICIOUS_THRESHOLD = 0.45
FUZZY_CUTOFF = 88            # rapidfuzz ratio against known scam scripts (normalised examples)
# Extra weight when the message reaches a later stage of the script alongside a matched pattern.
STAGE_WEIGHTS = {"channel": 0.1, "control": 0.3, "extraction": 0.2}
DEMANDS = frozenset({"control.screen", "extraction.loan", "extraction.giftcard"})  # never part of a warning once negations are dropped
ENTITY_LEXICONS = {  # pseudo-lexicons filled from extracted entities, usable in pattern groups
    "entity.url": "channel", "entity.unofficial_url": "channel", "entity.lookalike": "channel", "entity.shortener": "channel",
    "entity.phone": None, "entity.chat_id": "channel", "entity.amount": None, "entity.premium_rate": "channel",
    "entity.email": "channel",
}


@dataclass(slots=True)
class _Compiled:
    names: list[str]                 # lexicon index -> name
    stages: list[str | None]
    negatable: list[bool]
    automaton: Any
    negation_id: int
    patterns: list[Pattern]
    groups: list[tuple[frozenset[int], ...]]
    group_masks: list[tuple[int, ...]]  # the same groups as bit masks over lexicon ids: one AND per group
    unless: list[int]
    index: dict[int, list[int]]      # lexicon index -> patterns to evaluate when it fires
    always: list[int]                # patterns whose index group is made of entity pseudo-lexicons only


def _is_latin(term: str) -> bool:
    return term.isascii() and any(c.isalpha() for c in term)


def _compile(patterns: list[Pattern], lexicons: dict[str, Lexicon], negations: Iterable[str]) -> _Compiled:
    names: list[str] = []
    stages: list[str | None] = []
    negatable: list[bool] = []
    ids: dict[str, int] = {}
    keys: dict[str, set[int]] = {}

    def lexicon_id(name: str, terms: Iterable[str], stage: str | None, can_negate: bool = False) -> int:
        if name in ids:
            return ids[name]
        ids[name] = len(names)
        names.append(name)
        stages.append(stage)
        negatable.append(can_negate)
        for term in terms:
            key = normalize(term).text
            if key:
                keys.setdefault(key, set()).add(ids[name])
        return ids[name]

    for name, stage in ENTITY_LEXICONS.items():
        lexicon_id(name, (), stage)
    negation_id = lexicon_id("negation", negations, None)

    def resolve(item: str) -> int:
        lexicon = lexicons.get(item)
        if lexicon is not None:
            return lexicon_id(item, lexicon.terms, lexicon.stage, lexicon.negatable)
        if item in ids:
            return ids[item]
        return lexicon_id(f"word:{item}", (item,), None)

    groups: list[tuple[frozenset[int], ...]] = []
    unless: list[int] = []
    index: dict[int, list[int]] = {}
    always: list[int] = []
    for number, pattern in enumerate(patterns):
        resolved = tuple(frozenset(resolve(item) for item in group) for group in pattern.signals)
        groups.append(resolved)
        unless.append(_mask(resolve(item) for item in pattern.unless))
        # Index under the group with the fewest distinct words: rare words keep the candidate list short.
        anchor = min(resolved, key=lambda g: sum(1 for i in g if names[i].startswith("word:")) == 0)
        if all(names[i].startswith("entity.") for i in anchor):
            always.append(number)
        for lex in anchor:
            index.setdefault(lex, []).append(number)
    for name, lexicon in lexicons.items():  # guards and stage words count even when no pattern names them
        if name.startswith(("guard.", "control.", "extraction.")):
            resolve(name)

    automaton = ahocorasick.Automaton()
    for key, lex_ids in keys.items():
        words = tuple(sorted(lex for lex in lex_ids if lex != negation_id))
        automaton.add_word(key, (len(key), words, _is_latin(key), negation_id in lex_ids,
                                 any(negatable[lex] for lex in words)))
    automaton.make_automaton()
    group_masks = [tuple(_mask(group) for group in resolved) for resolved in groups]
    return _Compiled(names, stages, negatable, automaton, negation_id, patterns, groups, group_masks, unless, index, always)


def _mask(ids: Iterable[int]) -> int:
    mask = 0
    for lex in ids:
        mask |= 1 << lex
    return mask


class Detector:
    """Explainable scam detector over a catalog of patterns. `check` never raises on any str."""

    def __init__(self, patterns: list[Pattern], extra_examples: Iterable[tuple[str, str]] = ()) -> None:
        """`extra_examples`: (pattern id, text) pairs, e.g. scam texts moderators attached to a pattern."""
        lexicons, negations = load_lexicons()
        self.patterns = list(patterns)
        self.extra_examples = [(pid, text) for pid, text in extra_examples if isinstance(text, str)]
        self._c = _compile(self.patterns, lexicons, negations)
        self._id = {name: i for i, name in enumerate(self._c.names)}
        by_id = {p.id: p for p in self.patterns}
        scripts = [(normalize(ex).text, p) for p in self.patterns if p.severity == "scam" for ex in p.examples]
        scripts += [(normalize(text).text, by_id[pid]) for pid, text in self.extra_examples if pid in by_id]
        self._scripts = [s for s, _ in scripts if len(s) >= 12]
        self._script_owner = [p for s, p in scripts if len(s) >= 12]

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> Detector:
        return cls(load_catalog())

    def with_db_patterns(self, records: list[dict[str, Any]]) -> Detector:
        """This catalog plus community patterns (dicts shaped like a YAML entry, with `family`) and community
        examples (`{"extends": pattern_id, "example": text}`, matched fuzzily as known scam scripts).

        A malformed record or one reusing a catalog id is skipped and logged by id, so one bad community
        pattern cannot take the detector down."""
        known = {p.id for p in self.patterns}
        extra: list[Pattern] = []
        examples = list(self.extra_examples)
        for record in records:
            if isinstance(record, dict) and "extends" in record:  # a scam text moderators attached to a pattern
                examples.append((str(record["extends"]), str(record.get("example") or "")))
                continue
            try:
                pattern = Pattern.from_dict(record, source="community")
            except (ValueError, TypeError) as error:
                log.warning("community pattern skipped: %s", error)
                continue
            if pattern.id in known:
                log.warning("community pattern %s skipped: the id is taken", pattern.id)
                continue
            known.add(pattern.id)
            extra.append(pattern)
        return Detector(self.patterns + extra, examples)

    # -- matching -----------------------------------------------------------------------------------

    def _hits(self, norm: Normalized) -> dict[int, list[tuple[int, int]]]:
        """Valid keyword hits per lexicon: Latin words must start at a word start (and end at a word end
        when 4 letters or fewer); negatable hits right after a negation are dropped.

        One pass: matches arrive by end position, so every negation that can precede a hit is known."""
        text = norm.text
        size = len(text)
        starts, ends = norm.starts, norm.ends
        negatable = self._c.negatable
        negation_ends: list[int] = []
        hits: dict[int, list[tuple[int, int]]] = {}
        for end, (length, lex_ids, latin, negation, can_negate) in self._c.automaton.iter(text):
            begin, stop = end - length + 1, end + 1
            if latin:
                if begin > 0 and "a" <= text[begin - 1] <= "z" and starts[begin] <= ends[begin - 1]:
                    continue
                if length <= 4 and stop < size and "a" <= text[stop] <= "z" and starts[stop] <= ends[stop - 1]:
                    continue
            if negation:
                negation_ends.append(stop)
            if can_negate and negation_ends and self._negated(norm, begin, negation_ends):
                lex_ids = tuple(lex for lex in lex_ids if not negatable[lex])
            for lex in lex_ids:
                found = hits.get(lex)
                if found is None:
                    hits[lex] = [(begin, stop)]
                else:
                    found.append((begin, stop))
        return hits

    @staticmethod
    def _negated(norm: Normalized, begin: int, negation_ends: list[int]) -> bool:
        """A negation shortly before, in the same clause of the original text ("请勿…", "never …")."""
        for end in negation_ends:
            if begin - NEGATION_WINDOW <= end <= begin:
                between = norm.original[norm.ends[end - 1]:norm.starts[begin]] if begin < len(norm.starts) else ""
                if not any(mark in between for mark in CLAUSE_BREAKS):
                    return True
        return False

    @staticmethod
    def _same_clause(norm: Normalized, span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
        """Whether any of `others` sits in the same clause of the original text as `span`
        ("任何要求共享屏幕的都是诈骗": the demand is named inside a warning)."""
        start, end = norm.span(*span)
        text = norm.original
        left = max(text.rfind(mark, 0, start) for mark in CLAUSE_BREAKS)
        rights = [i for i in (text.find(mark, end) for mark in CLAUSE_BREAKS) if i >= 0]
        right = min(rights) if rights else len(text)
        return any(left < norm.span(*other)[0] and norm.span(*other)[1] <= right for other in others)

    def check(self, text: str) -> Verdict:
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        truncated = len(text) > MAX_CHARS
        original = text[:MAX_CHARS] if truncated else text
        norm = normalize(original)
        hits = self._hits(norm)

        def quote(check: str, begin: int, stop: int) -> Evidence:
            a, b = norm.span(begin, stop)
            return Evidence(check, original[a:b], a, b)

        # Entities, read on a view without invisible characters or emoji, with offsets back in the original.
        view, origin = entity_view(original)

        def located(found: str, start: int, end: int) -> tuple[str, int, int]:
            if view == original:
                return found, start, end
            a, b = origin[start], origin[end - 1] + 1
            return original[a:b], a, b

        links = [replace(link, url=url, start=a, end=b)
                 for link in ents.links(view) for url, a, b in [located(link.url, link.start, link.end)]]
        qq, wechat = ents.chat_ids(norm)
        phones = [p for p in (located(*found) for found in ents.phones(view)) if p[0] not in qq]
        amounts = ents.amounts(view)
        premium = [located(*found) for found in ents.premium_contacts(view)]
        mails = [located(*found) for found in ents.emails(view)]
        entity_hits: dict[str, list[Evidence]] = {}
        if links:
            entity_hits["entity.url"] = [Evidence("link", l.url, l.start, l.end) for l in links]
        unofficial = [l for l in links if not ents.is_official(l.domain)]
        if unofficial:
            entity_hits["entity.unofficial_url"] = [Evidence("link", l.url, l.start, l.end) for l in unofficial]
        lookalikes = [l for l in links if l.brand]
        if lookalikes:
            entity_hits["entity.lookalike"] = [Evidence("lookalike_domain", l.url, l.start, l.end) for l in lookalikes]
        short = [l for l in links if l.shortened]
        if short:
            entity_hits["entity.shortener"] = [Evidence("shortened_link", l.url, l.start, l.end) for l in short]
        if phones:
            entity_hits["entity.phone"] = [Evidence("phone", p, a, b) for p, a, b in phones]
        if premium:
            entity_hits["entity.premium_rate"] = [Evidence("premium_rate", p, a, b) for p, a, b in premium]
        if mails:
            entity_hits["entity.email"] = [Evidence("email", m, a, b) for m, a, b in mails]
        if qq or wechat:
            entity_hits["entity.chat_id"] = []
        if amounts:
            entity_hits["entity.amount"] = []
        fired = set(hits) | {self._id[name] for name in entity_hits}

        # Patterns whose every group co-occurs.
        c = self._c
        candidates = set(c.always)
        for lex in fired:
            candidates.update(c.index.get(lex, ()))
        checks: list[CheckResult] = []
        matched: list[tuple[Pattern, list[Evidence]]] = []
        fired_mask = _mask(fired)
        for number in sorted(candidates):
            if c.unless[number] & fired_mask or not all(g & fired_mask for g in c.group_masks[number]):
                continue
            groups = c.groups[number]
            pattern = c.patterns[number]
            evidence: list[Evidence] = []
            for group in groups:
                for lex in sorted(group & fired):
                    if lex in hits:
                        evidence.append(quote(pattern.id, *hits[lex][0]))
                        break
                    name = c.names[lex]
                    if entity_hits.get(name):
                        first = entity_hits[name][0]
                        evidence.append(Evidence(pattern.id, first.quote, first.start, first.end))
                        break
            matched.append((pattern, evidence))

        # Known scam scripts, fuzzily: catches close rewrites of catalog examples.
        stage_lex = [lex for lex in hits if c.stages[lex]]
        if not matched and (len(stage_lex) >= 2 or self.extra_examples) and self._scripts and len(norm.text) <= 2000:
            best = process.extractOne(norm.text, self._scripts, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if best is not None:
                owner = self._script_owner[best[2]]
                checks.append(CheckResult("known_script", True, 0.5, [], f"{best[1]:.0f}% like an example of {owner.id}"))
                matched.append((owner, []))

        stages_seen = {c.stages[lex] for lex in fired if c.stages[lex]}
        for pattern, evidence in matched:
            checks.append(CheckResult(pattern.id, True, pattern.weight, evidence, pattern.title["en"]))
        if matched:
            for stage, weight in STAGE_WEIGHTS.items():
                lexes = [lex for lex in hits if c.stages[lex] == stage]
                if stage in stages_seen:
                    ev = [quote(f"stage:{stage}", *hits[lexes[0]][0])] if lexes else []
                    checks.append(CheckResult(f"stage:{stage}", True, weight, ev, c.names[lexes[0]] if lexes else stage))
        if lookalikes:
            checks.append(CheckResult("lookalike_domain", True, 0.6, entity_hits["entity.lookalike"],
                                      ", ".join(f"{l.domain} imitates {l.brand}" for l in lookalikes)))
        if short and matched:
            checks.append(CheckResult("shortened_link", True, 0.15, entity_hits["entity.shortener"], "link hides its destination"))

        # Checks that argue against a scam: warnings people forward, genuine refund notices.
        guard = hits.get(self._id.get("guard.warning", -1))
        demands_seen = any(not (guard and self._same_clause(norm, span, guard))
                           for lex in hits if c.names[lex] in DEMANDS for span in hits[lex])
        if guard:
            # A warning that still demands screen sharing or a loan is a scam reassuring its victim.
            # So is one from someone who introduced themselves: official warnings speak as a sender, not a caller.
            caller = self._id.get("intro.self", -1) in hits
            checks.append(CheckResult("anti_fraud_notice", True, -0.2 if demands_seen or caller else -0.6,
                                      [quote("anti_fraud_notice", *guard[0])],
                                      "reads like a warning not to share codes or pay"))
        marketing = hits.get(self._id.get("guard.marketing", -1))
        if marketing and not demands_seen:
            checks.append(CheckResult("marketing_notice", True, -0.35, [quote("marketing_notice", *marketing[0])],
                                      "reads like a shop or carrier promotion"))
        refund = hits.get(self._id.get("guard.refund_notice", -1))
        if refund and not stages_seen & {"control", "extraction"}:
            checks.append(CheckResult("refund_notice", True, -0.5, [quote("refund_notice", *refund[0])],
                                      "a refund back to the original payment method needs no action"))

        positive, negative = 1.0, 1.0
        for check in checks:
            if check.weight > 0:
                positive *= 1 - check.weight
            else:
                negative *= 1 + check.weight
        score = (1 - positive) * negative
        scam_like = any(p.severity == "scam" for p, _ in matched) or bool(lookalikes)
        if not scam_like:
            # Only "suspicious" mechanisms: however many co-occur, the score stays below the scam band, so
            # a score of 0.7 or more always means verdict "scam" (groups answer from 0.8).
            score = min(score, SCAM_THRESHOLD - 0.05)
        score = round(score, 4)
        if score >= SCAM_THRESHOLD and scam_like:
            verdict = "scam"
        elif score >= SUSPICIOUS_THRESHOLD:
            verdict = "suspicious"
        else:
            verdict = "no_match"

        if verdict == "no_match":
            matched = []  # cancelled by the checks against (a warning, a promotion): nothing to show
        boost = sum(STAGE_WEIGHTS.get(s, 0) for s in stages_seen) / 4
        pattern_hits = sorted(
            (PatternHit(p.id, p.family, p.title, p.explanation, p.advice,
                        round(min(1.0, p.weight + boost) * negative, 4), p.severity) for p, _ in matched),
            key=lambda h: (-h.score, h.severity != "scam", h.id))
        evidence: list[Evidence] = []
        seen_spans: set[tuple[int, int]] = set()
        for check in sorted((ch for ch in checks if ch.weight > 0 and matched), key=lambda ch: -ch.weight):
            for item in check.evidence:
                if (item.start, item.end) not in seen_spans and item.quote:
                    seen_spans.add((item.start, item.end))
                    evidence.append(item)
        stages = [s for s in STAGES if s in stages_seen] if verdict != "no_match" else []
        apps = sorted({original[a:b] for lex in hits if c.names[lex] == "control.screen"
                       for a, b in (norm.span(*span) for span in hits[lex][:5])})
        found = Entities(
            urls=[l.url for l in links][:20], domains=sorted({l.domain for l in links})[:20],
            phones=[p for p, _, _ in phones][:20], qq=qq, wechat=wechat, amounts=amounts, apps=apps)
        return Verdict(original, verdict, score, detect_script(original[:SCRIPT_SAMPLE]), pattern_hits, evidence,
                       checks, stages, found, truncated)
