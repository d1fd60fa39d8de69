"""The detector: normalise, find every catalog word in one Aho-Corasick pass, then add up named evidence.

Each check of data/checks.yaml (a request for a code, a link to a non-brand domain, a claimed delivery
problem, the advisory voice of a warning…) adds its weight in log-odds; a catalog pattern whose every group
co-occurs adds the log-odds of its own weight. score = sigmoid(bias + sum). Verdict "scam" from 0.7 when the
evidence holds a decisive request, a whole scam mechanism, or an action together with a claim or offer;
"suspicious" from 0.45. Patterns stay the named explanation: the ones that matched, and the ones the fired
checks explain. Every check keeps its evidence as spans of the original text.
"""

from __future__ import annotations

import logging
import re
from itertools import accumulate
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import ahocorasick
from rapidfuzz import fuzz, process

from scam_patterns import entities as ents
from scam_patterns.links import is_official_number, link_checks
from scam_patterns.catalog import Lexicon, Pattern, load_catalog, load_lexicons
from scam_patterns.normalize import Normalized, normalize
from scam_patterns.script import detect_script
from scam_patterns import scoring
from scam_patterns.scoring import CheckSpec
from scam_patterns.verdict import STAGES, CheckResult, Entities, Evidence, PatternHit, Verdict, localized

log = logging.getLogger(__name__)

MAX_CHARS = 100_000          # longer input is judged on its first 100k characters (bounded time)
NEGATION_WINDOW = 10         # a negation this many characters before a request cancels it…
# …unless a clause ends in between. A full stop or comma ends a clause only before a space or the end, so
# the dots of a link or an amount ($4.10) do not cut a sentence in two.
CLAUSE_BREAK = re.compile(r"[，。！？；;!?\n]|[.,](?=\s|$)")
SENTENCE_BREAK = re.compile(r"[。！？!?\n]|[.](?=\s|$)")
# Quotation marks; a quotation of 12 to 600 characters between a pair is long enough to be a quoted message.
QUOTE_MARK = re.compile("[“”「」『』\"']")
CLOSING = {"“": "”", "「": "」", "『": "』"}
QUOTED_LENGTH = (12, 600)
QUESTION = re.compile(r"[?？吗嗎咩]|\b(?:is (?:it|this) (?:real|legit)|legit)\b", re.IGNORECASE)
SCRIPT_SAMPLE = 160           # the language of a message is read from its opening characters
SCAM_THRESHOLD = 0.7         # score from which a message with scam-grade evidence is called "scam"
SUSPICIOUS_THRESHOLD = 0.45
SUSPICIOUS_CAP = 0.65        # without scam-grade evidence the score stays below the scam band
STRONG_ACTION = 1.5          # an action this heavy (a link, a number, a private chat) with a claim is scam-grade
FUZZY_CUTOFF = 88            # rapidfuzz ratio against known scam scripts (normalised examples)
KNOWN_SCRIPT_WEIGHT = 0.5    # probability a close rewrite of a catalog example carries on its own
WARNING_VOICE = -9.0         # guard.advisory at this weight or below: a warning in full voice (see checks.yaml)
PATTERN_SHARE = 0.25         # weight share of each matched pattern after the strongest
ADVISORY = ("guard.advisory", "guard.warning")  # lexicons whose clause is a warning's: its words do not count
DECISIVE_FLOOR = 0.85        # the least score of a message with a decisive check (groups answer from 0.8)
# Pseudo-lexicons filled from links.link_checks, usable in patterns and checks like the extracted entities.
LINK_ENTITIES = {
    "entity.unofficial_url": ("link.unofficial", "link.ip_address"),
    "entity.lookalike": ("link.brand_mismatch", "link.lookalike"),
    "entity.shortener": ("link.shortener",),
    "entity.callback": ("phone.callback",),
}
ENTITY_LEXICONS = {  # pseudo-lexicons filled from extracted entities, usable in pattern groups
    "entity.url": "channel", "entity.official_url": None, "entity.unofficial_url": "channel", "entity.lookalike": "channel", "entity.shortener": "channel",
    "entity.phone": None, "entity.chat_id": "channel", "entity.amount": None, "entity.premium_rate": "channel",
    "entity.email": "channel", "entity.callback": "channel",
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
    check_groups: list[tuple[tuple[int, ...], ...]]  # per scoring check: its groups as lexicon ids
    check_unless: list[int]          # per scoring check: mask of lexicons that stop it
    check_masks: list[tuple[int, ...]]  # per scoring check: its groups as bit masks, one AND per group
    check_index: dict[int, list[int]]   # lexicon index -> scoring checks whose first group holds it


def _is_latin(term: str) -> bool:
    return term.isascii() and any(c.isalpha() for c in term)


def _compile(patterns: list[Pattern], lexicons: dict[str, Lexicon], negations: Iterable[str],
             checks: Iterable[CheckSpec] = ()) -> _Compiled:
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
        if name.startswith(("guard.", "control.", "extraction.", "mask.")):
            resolve(name)
    check_groups = [tuple(tuple(sorted({resolve(item) for item in group})) for group in spec.groups) for spec in checks]
    check_unless = [_mask(resolve(item) for item in spec.unless) for spec in checks]

    automaton = ahocorasick.Automaton()
    for key, lex_ids in keys.items():
        words = tuple(sorted(lex for lex in lex_ids if lex != negation_id))
        automaton.add_word(key, (len(key), words, _is_latin(key), negation_id in lex_ids,
                                 any(negatable[lex] for lex in words)))
    automaton.make_automaton()
    group_masks = [tuple(_mask(group) for group in resolved) for resolved in groups]
    check_masks = [tuple(_mask(group) for group in resolved) for resolved in check_groups]
    # A check can fire only when a word of its first group did: `check` visits just those checks instead
    # of testing every check of the catalog on every message.
    check_index: dict[int, list[int]] = {}
    for number, resolved in enumerate(check_groups):
        for lex in resolved[0]:
            check_index.setdefault(lex, []).append(number)
    return _Compiled(names, stages, negatable, automaton, negation_id, patterns, groups, group_masks, unless, index, always,
                     check_groups, check_unless, check_masks, check_index)



class Detector:
    """Explainable scam detector over a catalog of patterns. `check` never raises on any str."""

    def __init__(self, patterns: list[Pattern], extra_examples: Iterable[tuple[str, str]] = ()) -> None:
        """`extra_examples`: (pattern id, text) pairs, e.g. scam texts moderators attached to a pattern."""
        lexicons, negations = load_lexicons()
        self.patterns = list(patterns)
        self.extra_examples = [(pid, text) for pid, text in extra_examples if isinstance(text, str)]
        self.bias, self.checks, self.external = scoring.load_checks()
        self._c = _compile(self.patterns, lexicons, negations, self.checks)
        self._advisory = [self._c.names.index(n) for n in ADVISORY if n in self._c.names]
        self._mask_id = self._c.names.index("mask.words") if "mask.words" in self._c.names else -1
        self._app_channel = [self._c.names.index(n) for n in ("channel.app",) if n in self._c.names]
        # Words that send the reader somewhere other than the company's own app: a download, a chat, a group.
        self._elsewhere = [self._c.names.index(n) for n in ("download.word", "chat.move") if n in self._c.names]
        self._id = {name: i for i, name in enumerate(self._c.names)}
        by_id = {p.id: p for p in self.patterns}
        scripts = [(normalize(ex).text, p) for p in self.patterns if p.severity == "scam" for ex in p.examples]
        scripts += [(normalize(text).text, by_id[pid]) for pid, text in self.extra_examples if pid in by_id]
        self._scripts = [s for s, _ in scripts if len(s) >= 12]
        self._script_owner = [p for s, p in scripts if len(s) >= 12]
        self._by_id = by_id
        self._titles = {p.id: _pattern_title(p) for p in self.patterns}  # built once, not per verdict
        self._unless_by_id = {p.id: self._c.unless[i] for i, p in enumerate(self.patterns)}

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

    def _hits(self, norm: Normalized, breaks: list[int]) -> dict[int, list[tuple[int, int]]]:
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
            if can_negate and negation_ends and self._negated(norm, begin, negation_ends, breaks):
                lex_ids = tuple(lex for lex in lex_ids if not negatable[lex])
            for lex in lex_ids:
                found = hits.get(lex)
                if found is None:
                    hits[lex] = [(begin, stop)]
                else:
                    found.append((begin, stop))
        masks = hits.pop(self._mask_id, None)
        if masks:
            _unmask(hits, masks)
        return hits

    @staticmethod
    def _negated(norm: Normalized, begin: int, negation_ends: list[int], breaks: list[int]) -> bool:
        """A negation shortly before, in the same clause of the original text ("请勿…", "never …").

        `negation_ends` is sorted (matches arrive by end position), so only the nearest negation ending at
        or before `begin` needs a look: if a clause break separates it from the hit, it separates every
        earlier one too. Two binary searches, whatever the number of negations."""
        at = bisect_right(negation_ends, begin) - 1
        if at < 0 or negation_ends[at] < begin - NEGATION_WINDOW or begin >= len(norm.starts):
            return False
        return _clause(breaks, norm.ends[negation_ends[at] - 1] - 1) == _clause(breaks, norm.starts[begin])

    def check(self, text: str) -> Verdict:
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        truncated = len(text) > MAX_CHARS
        original = text[:MAX_CHARS] if truncated else text
        norm = normalize(original)
        breaks = [m.start() for m in CLAUSE_BREAK.finditer(original)]
        hits = self._hits(norm, breaks)
        c = self._c

        caller = self._id.get("intro.self", -1) in hits  # "我是…", "this is …": official warnings speak as a sender
        # Words inside a warning's clause ("请勿…", "…都是诈骗", "we will never …") are quoted, not said.
        markers = [norm.starts[b] for lex in self._advisory for b, _ in hits.get(lex, ())]
        advisory = {_clause(breaks, at) for at in markers}
        calls_it = [norm.starts[b] for b, _ in hits.get(self._id.get("guard.calls_it_scam", -1), ())]
        if calls_it:
            # A warning that quotes the scam ("PSA: people get texts saying '…'. It's a scam"): the quote is
            # the warning's too, unless the words that call it a scam ask instead ("是骗子吗？").
            advisory |= _quoted_clauses(original, breaks, calls_it)
        if advisory:
            for lex in list(hits):
                if c.names[lex].startswith("guard."):
                    continue
                kept = [h for h in hits[lex] if _clause(breaks, norm.starts[h[0]]) not in advisory]
                if kept:
                    hits[lex] = kept
                else:
                    del hits[lex]

        def quote(check: str, begin: int, stop: int) -> Evidence:
            a, b = _whole_words(original, *norm.span(begin, stop))
            return Evidence(check, original[a:b], a, b)

        # Entities, read on a view without invisible characters or emoji, with offsets back in the original.
        # Read once and shared with the link checks.
        reading = ents.read(original)
        view = reading.view

        def located(found: str, start: int, end: int) -> tuple[str, int, int]:
            if view == original:
                return found, start, end
            a, b = reading.located(start, end)
            return original[a:b], a, b

        links = [replace(link, url=url, start=a, end=b)
                 for link in reading.links for url, a, b in [located(link.url, link.start, link.end)]]
        # Links and numbers as a security analyst reads them (links.py), with evidence in `original`.
        external = []
        for ch in link_checks(original, reading):
            if ch.name in self.external:
                ch = replace(ch, kind=self.external[ch.name].kind)
            if ch.weight > 0 and advisory and all(_clause(breaks, e.start) in advisory for e in ch.evidence):
                continue  # the link or number a warning gives ("report it at …") is not the message's action
            external.append(ch)
        by_link_check = {ch.name: ch.evidence for ch in external}
        qq, wechat = ents.chat_ids(norm)
        phones = [p for p in (located(*found) for found in reading.phones) if p[0] not in qq]
        amounts = [located(*found) for found in reading.amounts]
        premium = [located(*found) for found in reading.premium]
        mails = [located(*found) for found in reading.emails]
        entity_hits: dict[str, list[Evidence]] = {}
        if links:
            entity_hits["entity.url"] = [Evidence("link", l.url, l.start, l.end) for l in links]
        owned = [l for l in links if ents.is_official(l.domain)]  # a brand's own domain, not a neutral host
        if owned:
            entity_hits["entity.official_url"] = [Evidence("link", l.url, l.start, l.end) for l in owned]
        for name, sources in LINK_ENTITIES.items():
            found_links = [e for source in sources for e in by_link_check.get(source, ())]
            if found_links:
                entity_hits[name] = found_links
        unofficial = entity_hits.get("entity.unofficial_url", [])
        if phones:
            entity_hits["entity.phone"] = [Evidence("phone", p, a, b) for p, a, b in phones]
        if premium:
            entity_hits["entity.premium_rate"] = [Evidence("premium_rate", p, a, b) for p, a, b in premium]
        if mails:
            entity_hits["entity.email"] = [Evidence("email", m, a, b) for m, a, b in mails]
        if qq or wechat:
            entity_hits["entity.chat_id"] = _chat_id_evidence(norm, original, qq + wechat)
        if amounts:
            entity_hits["entity.amount"] = [Evidence("amount", m, a, b) for m, a, b in amounts]
        contact = bool(unofficial or qq or wechat or mails)  # something to click, add or write to
        in_app = self._id.get("guard.in_app", -1)
        if in_app in hits and not contact and not any(lex in hits for lex in self._elsewhere):
            # "do it in the app yourself": the app named is the genuine one, not an off-platform channel
            for lex in self._app_channel:
                hits.pop(lex, None)
        fired = set(hits) | {self._id[name] for name in entity_hits}

        # Patterns whose every group co-occurs. Not when the message's only route is the genuine one (the
        # company's own app or domain, or a pickup or delivered notice, and nothing else to click, add,
        # write to or call but an official hotline): whole-script patterns are built from common words that
        # such notices share.
        pickup = self._id.get("guard.pickup", -1) in hits and self._id.get("claim.delivery", -1) not in hits
        genuine_route = ((in_app in hits or pickup or bool(entity_hits.get("entity.official_url")))
                         and not (contact or any(not is_official_number(p) for p, _, _ in phones))
                         and not any(lex in hits for lex in self._elsewhere))
        candidates = set() if genuine_route else set(c.always)
        for lex in () if genuine_route else fired:
            candidates.update(c.index.get(lex, ()))
        matched: list[tuple[Pattern, list[Evidence]]] = []
        fired_mask = _mask(fired)
        for number in sorted(candidates):
            if c.unless[number] & fired_mask or not all(g & fired_mask for g in c.group_masks[number]):
                continue
            pattern = c.patterns[number]
            evidence: list[Evidence] = []
            for group in c.groups[number]:
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

        checks: list[CheckResult] = []
        # Known scam scripts, fuzzily: catches close rewrites of catalog examples.
        stage_lex = [lex for lex in hits if c.stages[lex]]
        if not matched and (len(stage_lex) >= 2 or self.extra_examples) and self._scripts and len(norm.text) <= 2000:
            best = process.extractOne(norm.text, self._scripts, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if best is not None:
                owner = self._script_owner[best[2]]
                checks.append(CheckResult("known_script", True, round(scoring.logit(KNOWN_SCRIPT_WEIGHT) - self.bias, 3), [],
                                          f"{best[1]:.0f}% like an example of {owner.id}", title=self._titles[owner.id]))
                matched.append((owner, []))
        # Whole mechanisms overlap (one message matches several neighbouring patterns): the strongest counts
        # in full, each further one a quarter.
        for rank, (pattern, evidence) in enumerate(sorted(matched, key=lambda m: -m[0].weight)):
            weight = scoring.logit(pattern.weight) - self.bias
            checks.append(CheckResult(pattern.id, True, round(weight if rank == 0 else weight * PATTERN_SHARE, 3), evidence,
                                      pattern.title["en"], title=self._titles[pattern.id]))

        # The scoring checks, in catalog order: positive evidence first, then the guards that refer to it.
        spans_cache: dict[int, list[tuple[int, int]]] = {}

        def spans(lex: int) -> list[tuple[int, int]]:
            found = spans_cache.get(lex)
            if found is None:
                if lex in hits:
                    found = [norm.span(b, e) for b, e in hits[lex][:scoring.MAX_SPANS]]
                else:
                    found = [(e.start, e.end) for e in entity_hits.get(c.names[lex], ())[:scoring.MAX_SPANS]]
                spans_cache[lex] = found
            return found

        fired_checks: dict[str, CheckResult] = {ch.name: ch for ch in external}
        checks.extend(external)
        specs: dict[str, CheckSpec] = {}
        sentences: list[int] | None = None
        # Words that already count for a matched pattern or an earlier claim do not count again (the claim
        # still says what kind of evidence the message holds).
        claimed: list[tuple[int, int]] = [(e.start, e.end) for _, evidence in matched for e in evidence]
        absorbed: set[str] = set()
        decisive_fired = any(ch.decisive for ch in external)
        # Only the checks whose first group fired, still in catalog order (guards refer to earlier checks).
        check_candidates: set[int] = set()
        for lex in fired:
            check_candidates.update(c.check_index.get(lex, ()))
        for number in sorted(check_candidates):
            spec = self.checks[number]
            masks = c.check_masks[number]
            if c.check_unless[number] & fired_mask or not all(m & fired_mask for m in masks):
                continue
            if spec.unless_checks and scoring.stopped_by(spec, fired_checks):
                continue
            groups = c.check_groups[number]
            group_spans = [sorted({s for lex in fired.intersection(group) for s in spans(lex)}) for group in groups]
            if spec.same_sentence and sentences is None:
                sentences = [m.start() for m in SENTENCE_BREAK.finditer(original)]
            chosen = scoring.co_occur(group_spans, spec.window, sentences if spec.same_sentence else None)
            if chosen is None:
                continue
            if spec.kind in ("claim", "offer") and any(_overlaps(span, claimed) for span in chosen):
                absorbed.add(spec.kind)  # the same words already count: one piece of text, one weight
                continue
            weight = spec.weight
            if spec.demand_weight is not None and caller:
                weight = spec.demand_weight
            elif spec.strong_weight is not None and self._warning_markers(hits) >= 2 and not contact:
                weight = spec.strong_weight  # a warning in full voice, with nothing to click or add
            elif spec.demand_weight is not None and decisive_fired:
                weight = spec.demand_weight  # a "warning" that still makes the demand
            evidence = [Evidence(spec.name, original[a:b], a, b)
                        for a, b in dict.fromkeys(_whole_words(original, *span) for span in chosen) if b > a]
            result = CheckResult(spec.name, True, weight, evidence, spec.title["en"], decisive=spec.decisive,
                                 title=dict(spec.title), kind=spec.kind)
            fired_checks[spec.name] = result
            specs[spec.name] = spec
            decisive_fired = decisive_fired or spec.decisive
            if spec.kind in ("claim", "offer"):
                claimed.extend(chosen)
            checks.append(result)

        small_talk = not checks and _small_talk(norm.text, bool(links or phones or mails or qq or wechat))
        warning = any(ch.name == "guard.advisory" and ch.weight <= WARNING_VOICE for ch in checks)
        total = self.bias + sum(ch.weight for ch in checks)
        score = scoring.sigmoid(total)
        kinds = {ch.kind for ch in checks if ch.weight > 0 and ch.kind} | absorbed
        strong_action = any(ch.is_action and ch.weight >= STRONG_ACTION for ch in checks)
        scam_like = (decisive_fired or any(p.severity == "scam" for p, _ in matched)
                     or (strong_action and bool(kinds & {"claim", "offer"})))
        if not scam_like:
            # Without scam-grade evidence the score stays below the scam band, so a score of 0.7 or more
            # always means verdict "scam" (groups answer from 0.8).
            score = min(score, SUSPICIOUS_CAP)
        if decisive_fired and not warning:
            score = max(score, DECISIVE_FLOOR)  # a decisive check is enough on its own
        if warning:
            # A warning in full voice with nothing to click or add quotes the scam it warns of: whatever
            # it quotes, it is not a scam (it may still be a scammer's script, so it is capped, not zeroed).
            score = min(score, SUSPICIOUS_THRESHOLD - 0.05)
        if small_talk:
            score = 0.0
        score = round(score, 4)
        if score >= SCAM_THRESHOLD:
            verdict = "scam"
        elif score >= SUSPICIOUS_THRESHOLD:
            verdict = "suspicious"
        else:
            verdict = "no_match"

        pattern_hits = self._explanations(score, matched, checks, specs, fired_mask) if verdict != "no_match" else []
        evidence: list[Evidence] = []
        seen_spans: set[tuple[int, int]] = set()
        if verdict != "no_match":
            for check in sorted((ch for ch in checks if ch.weight > 0), key=lambda ch: (not ch.decisive, -ch.weight)):
                for item in check.evidence:
                    if (item.start, item.end) not in seen_spans and item.quote:
                        seen_spans.add((item.start, item.end))
                        evidence.append(item)
        stages_seen = {c.stages[lex] for lex in fired if c.stages[lex]}
        stages = [s for s in STAGES if s in stages_seen] if verdict != "no_match" else []
        apps = sorted({original[a:b] for lex in hits if c.names[lex] in ("control.screen", "remote.app")
                       for a, b in (norm.span(*span) for span in hits[lex][:5])})
        found = Entities(
            urls=[l.url for l in links][:20], domains=sorted({l.domain for l in links})[:20],
            phones=[p for p, _, _ in phones][:20], qq=qq, wechat=wechat, amounts=[m for m, _, _ in amounts], apps=apps)
        return Verdict(original, verdict, score, detect_script(original[:SCRIPT_SAMPLE]), pattern_hits, evidence,
                       checks, stages, found, truncated, small_talk=small_talk)

    def _warning_markers(self, hits: dict[int, list[tuple[int, int]]]) -> int:
        """Distinct advisory words in the message ("请勿", "都是诈骗", "we will never", "165"…)."""
        return len({begin for lex in self._advisory for begin, _ in hits.get(lex, ())})

    def _explanations(self, score: float, matched: list[tuple[Pattern, list[Evidence]]], checks: list[CheckResult],
                      specs: dict[str, CheckSpec], fired_mask: int) -> list[PatternHit]:
        """The patterns that name what was found: the one a decisive request explains, then the mechanisms
        that matched whole, then those the claims, offers and actions explain, strongest first."""
        order: list[tuple[int, float, Pattern]] = []
        for pattern, _ in matched:
            order.append((1 if pattern.severity == "scam" else 2, -pattern.weight, pattern))
        rank = {"request": 0, "claim": 3, "offer": 3, "action": 4, "context": 5}
        for check in checks:
            spec = specs.get(check.name)
            explains = spec.explains if spec else (self.external[check.name].explains if check.name in self.external else None)
            if check.weight <= 0 or not explains or explains not in self._by_id:
                continue
            if self._unless_by_id[explains] & fired_mask:
                continue  # the pattern's own "unless" (a genuine refund, the official app) rules it out
            tier = 0 if check.decisive else rank.get(check.kind, 5)
            order.append((tier, -check.weight, self._by_id[explains]))
        order.sort(key=lambda item: (item[0], item[1]))
        hits: list[PatternHit] = []
        seen: set[str] = set()
        for _, _, p in order:
            if p.id in seen:
                continue
            seen.add(p.id)
            hits.append(PatternHit(p.id, p.family, p.title, p.explanation, p.advice, score, p.severity))
        return hits


def _unmask(hits: dict[int, list[tuple[int, int]]], masks: list[tuple[int, int]]) -> None:
    """Drop hits that lie inside a masking word (续费 inside 手续费). Masks arrive sorted by end; a hit is
    inside one when the nearest mask ending at or after it starts at or before it."""
    masks.sort()
    exact = set(masks)  # the masking word itself, as another lexicon's word (手续费 is also a fee), stays
    starts = [a for a, _ in masks]
    reach = list(accumulate((b for _, b in masks), max))  # the furthest end among masks starting so far
    for lex in list(hits):
        kept = [(a, b) for a, b in hits[lex]
                if (a, b) in exact or not ((at := bisect_right(starts, a) - 1) >= 0 and reach[at] >= b)]
        if kept:
            hits[lex] = kept
        else:
            del hits[lex]


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _quoted_clauses(original: str, breaks: list[int], markers: list[int]) -> set[int]:
    """The clauses of every quotation in `original` when a word calling it a scam, outside all quotations,
    asserts rather than asks (its sentence ends without a question mark and holds no 吗/嗎/咩)."""
    quotes = _quotations(original)
    if not quotes:
        return set()
    asserted = False
    for at in markers:
        if _overlaps((at, at + 1), quotes):
            continue
        end = SENTENCE_BREAK.search(original, at)
        sentence = original[at:end.start() + 1 if end else len(original)]
        if not QUESTION.search(sentence):
            asserted = True
            break
    if not asserted:
        return set()
    return {i for a, b in quotes for i in range(_clause(breaks, a), _clause(breaks, b - 1) + 1)}


def _quotations(text: str) -> list[tuple[int, int]]:
    """Spans of quoted text, quotation marks included, in one pass over the marks: curly and corner quotes
    pair with their closing mark, straight quotes with the next one, and an apostrophe inside a word ("it's")
    neither opens nor closes."""
    spans: list[tuple[int, int]] = []
    opened: dict[str, int] = {}
    for mark in QUOTE_MARK.finditer(text):
        ch, at = mark.group(), mark.start()
        if ch in CLOSING:
            opened[CLOSING[ch]] = at
            continue
        if ch == "'":
            before = text[at - 1].isalpha() if at else False
            after = text[at + 1].isalpha() if at + 1 < len(text) else False
            if before and after:
                continue
            if "'" not in opened:
                if not before:
                    opened["'"] = at
                continue
        elif ch == '"' and '"' not in opened:
            opened['"'] = at
            continue
        start = opened.pop(ch, None)
        if start is not None and QUOTED_LENGTH[0] <= at - start - 1 <= QUOTED_LENGTH[1]:
            spans.append((start, at + 1))
    return spans


def _clause(breaks: list[int], position: int) -> int:
    """The index of the clause holding `position` of the original text (clause breaks are sorted)."""
    return bisect_right(breaks, position)


# Letters and digits of a Latin word, as a set: _whole_words tests one character at a time, and a set
# lookup costs far less than a regex call per character (it was _WORD = re.compile(r"[A-Za-z0-9]")).
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def _whole_words(original: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span of Latin letters to the whole words it cuts ("redeliver" inside "redelivery")."""
    if start >= end:
        return start, end
    limit = 40  # a word longer than this is not a word: bounded work on hostile input
    a = start
    while a > 0 and start - a < limit and original[a - 1] in _WORD_CHARS and original[a] in _WORD_CHARS:
        a -= 1
    b = end
    while b < len(original) and b - end < limit and original[b] in _WORD_CHARS and original[b - 1] in _WORD_CHARS:
        b += 1
    return a, b


def _chat_id_evidence(norm: Normalized, original: str, ids: list[str]) -> list[Evidence]:
    out: list[Evidence] = []
    for chat_id in ids[:10]:
        at = norm.text.find(chat_id)
        if at >= 0:
            a, b = norm.span(at, at + len(chat_id))
            out.append(Evidence("chat_id", original[a:b], a, b))
    return out


def _pattern_title(pattern: Pattern) -> dict[str, str]:
    return {"en": localized(pattern.title, "en"), "zh-Hans": localized(pattern.title, "zh-Hans"),
            "zh-Hant": localized(pattern.title, "zh-Hant")}


# Greetings and thanks that are all a message says: too short to judge, answered with a usage hint.
SMALL_TALK = frozenset({
    "你好", "您好", "你好啊", "在吗", "在不在", "在", "嗨", "哈喽", "早", "早安", "早上好", "午安", "晚安", "晚上好", "谢谢", "谢谢你", "多谢",
    "感谢", "好的", "好", "嗯", "嗯嗯", "哦", "ok", "okay", "收到", "测试", "哈哈", "哈哈哈", "hl", "hello", "hey", "hey there", "yo",
    "thanks", "thankyou", "thx", "ty", "cheers", "goodmornlng", "goodnlght", "good", "yes", "no", "test", "start", "help",
})


def _small_talk(compact: str, has_entities: bool) -> bool:
    """Nothing to judge: a greeting or thanks, only emoji or punctuation, a bare number, or two characters."""
    if has_entities:
        return False
    if not compact or compact.isdigit() or len(compact) <= 2:
        return True
    return compact in SMALL_TALK


def _mask(ids: Iterable[int]) -> int:
    mask = 0
    for lex in ids:
        mask |= 1 << lex
    return mask
