"""Links and phone numbers read the way a security analyst reads them, as named checks with evidence.

    link_checks(text) -> [CheckResult(name="link.brand_mismatch", decisive=True, evidence=[…]), …]

One CheckResult per check that fired, its evidence quoting whole URLs and numbers of `text` itself (the
offsets index `text`, even when invisible characters or lookalike letters were read through). Weights are
log-odds contributions and titles come from data/links.yaml, where each weight says why.

- link.brand_mismatch (decisive): the host name (usps-redelivery.top, amazon.account-verify.com) or the
  message ("Royal Mail: …") claims a brand, and the link's registered domain is none of that brand's.
- link.lookalike (decisive): a typo or homoglyph of a brand's host (arnazon, paypa1, Cyrillic а, xn--).
- link.shortener, link.risky_tld, link.ip_address, link.random_subdomain, link.bare_domain, link.unofficial.
- link.official (weight 0): a neutral fact, "the link goes to amazon.com", never a sign of safety.
- phone.callback: a number presented as the way to dispute a charge or fix a problem, outside a warning.
- phone.premium: a premium-rate number or short code.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import ahocorasick

from scam_patterns import entities as ents
from scam_patterns.entities import Link, Reading, link_data
from scam_patterns.verdict import CheckResult, Evidence

CALLBACK_REACH = 80  # characters between a call-back cue and the number it introduces
CALLBACK_AFTER = 30  # …or after the number ("call 0800 123 456 to cancel")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")  # keeps offsets
_OPEN_TAG, _CLOSE_TAG = "【[「(（<", "】]」)）>"
_SENTENCE_ENDS = "。！!？?\n"
_VOWELS = frozenset("aeiouy")
_INNER_DIGITS = re.compile(r"[a-z]\d{1,4}[a-z]")


def _ascii_word(text: str, start: int, end: int, term: str) -> bool:
    """A Latin term is not part of a longer Latin word or number (Han terms match anywhere)."""
    if term[:1].isascii() and term[:1].isalnum() and start > 0 and text[start - 1].isascii() and text[start - 1].isalnum():
        return False
    return not (term[-1:].isascii() and term[-1:].isalnum() and end < len(text)
                and text[end].isascii() and text[end].isalnum())


def _automaton(terms: Iterable[tuple[str, Any]]) -> Any:
    automaton = ahocorasick.Automaton()
    for term, value in terms:
        key = term.translate(_ASCII_LOWER)
        found = automaton.get(key, None) if key in automaton else None
        automaton.add_word(key, (len(key), (found[1] if found else ()) + (value,)))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=1)
def _names() -> Any:
    """Every way a message names a brand: (brand, how it must be written: "any", "exact" or "tag", term)."""
    terms = []
    for brand in link_data().brands:
        terms += [(n, (brand.key, "any", n)) for n in brand.names]
        terms += [(n, (brand.key, "exact", n)) for n in brand.exact]
        terms += [(n, (brand.key, "tag", n)) for n in brand.tags]
    return _automaton(terms)


@lru_cache(maxsize=1)
def _cues() -> tuple[Any, Any, frozenset[str]]:
    raw = link_data().raw
    return (_automaton((c, c) for c in raw["callback_cues"]), _automaton((c, c) for c in raw["advisory_cues"]),
            frozenset(str(n) for n in raw["official_numbers"]))


def is_official_number(raw: str) -> bool:
    """A hotline of data/links.yaml's official_numbers (165, 95338, 7726…): a genuine route, never a call-back."""
    return "".join(c for c in raw if c.isdigit()) in _cues()[2]


@lru_cache(maxsize=1)
def _check_info() -> tuple[dict[str, float], dict[str, dict[str, str]]]:
    raw = link_data().raw
    return {k: float(v) for k, v in raw["weights"].items()}, raw["titles"]


def _find(automaton: Any, lowered: str) -> list[tuple[int, int, tuple[Any, ...]]]:
    if len(automaton) == 0:
        return []
    return [(end + 1 - length, end + 1, values) for end, (length, values) in automaton.iter(lowered)]


def _is_tag(text: str, start: int, end: int) -> bool:
    """【全家】, [全家] or "全家:" opening the message: a sender's name, not the word."""
    if start > 0 and end < len(text) and text[start - 1] in _OPEN_TAG and text[end] in _CLOSE_TAG:
        return True
    return not text[:start].strip() and end < len(text) and text[end] in ":："


def claimed_brands(text: str) -> dict[str, tuple[int, int]]:
    """Brands the message names, with the first place it names each (case and word rules of links.yaml)."""
    lowered = text.translate(_ASCII_LOWER)
    found: dict[str, tuple[int, int]] = {}
    for start, end, values in _find(_names(), lowered):
        for brand, how, term in values:
            if brand in found or not _ascii_word(text, start, end, term):
                continue
            if how == "exact" and text[start:end] not in (term, term.upper()):
                continue
            if how == "tag" and not _is_tag(text, start, end):
                continue
            found[brand] = (start, end)
    return found


def _random_label(label: str) -> bool:
    """A machine-made host label: digits and letters interleaved (r2s9hq82ne, du9k3), random mixed case
    with digits (f4RSX, uEZF2), a long run nearly without vowels (mmnrxeqmcv), or digits inside a run of
    consonants (kfx65hci)."""
    for token in label.split("-"):
        if len(token) < 5 or token.isdigit() or token.lower().startswith("xn") or not token.isascii() or not token.isalnum():
            continue
        lower = token.lower()
        digits = sum(c.isdigit() for c in lower)
        letters = [c for c in lower if c.isalpha()]
        if not letters:
            continue
        transitions = sum(1 for a, b in zip(lower, lower[1:]) if a.isdigit() != b.isdigit())
        if digits and len(letters) >= 2 and transitions >= 3:
            return True
        upper = sum(c.isupper() for c in token)
        title = token[0].isupper() and upper == 1
        if digits and upper and upper < len(letters) and not title:
            return True
        vowels = sum(c in _VOWELS for c in letters)
        if len(token) >= 8 and len(set(letters)) >= 4 and vowels <= 0.125 * len(letters):
            return True
        if digits and _INNER_DIGITS.search(lower) and len(letters) >= 5 and vowels <= 0.2 * len(letters):
            return True  # kfx65hci
        if not digits and len(set(letters)) >= 4 and not any(c in "aeiou" for c in letters):
            return True  # xpddg, mzjxyk: five or more letters without a vowel (y is not one here) are typed by no one
    return False


def _descriptor(link: Link) -> bool:
    """A bare domain in capitals with no path (a purchase at WALMART.COM): how a bank alert names the
    merchant, not a link the message asks you to open."""
    return not link.scheme and link.url.isupper() and "/" not in link.url


def _check(name: str, evidence: list[Evidence], detail: str, decisive: bool = False) -> CheckResult:
    weights, titles = _check_info()
    return CheckResult(name, True, weights[name], evidence, detail, decisive, dict(titles[name]))


def _link_checks(text: str, found: list[tuple[Link, Evidence]]) -> list[CheckResult]:
    data = link_data()
    claims = claimed_brands(text) if found else {}
    by_name: dict[str, list[tuple[Evidence, str]]] = {}

    def add(name: str, item: Evidence, detail: str) -> None:
        by_name.setdefault(name, []).append((Evidence(name, item.quote, item.start, item.end), detail))

    for link, item in found:
        owned = ents.owners(link.domain)
        neutral = ents.is_neutral(link.host)
        where = link.domain if link.ip or link.host == link.domain else f"{link.domain} ({link.host})"
        if link.imitation == "name":
            add("link.brand_mismatch", item, f"the link's name says {link.brand} but it goes to {where}")
        elif link.imitation:
            add("link.lookalike", item, f"{link.host} imitates {link.brand} ({link.imitation})")
        elif claims and not owned and not neutral and not link.shortened and (link.ip or "." in link.domain) \
                and not _descriptor(link):
            start, end = next(iter(claims.values()))
            add("link.brand_mismatch", item, f"the message names {text[start:end]} but the link goes to {where}")
        if link.shortened:
            add("link.shortener", item, f"{link.domain} hides where the link goes")
        if link.ip:
            add("link.ip_address", item, f"the link goes to the address {link.host}")
        tld = link.domain.rsplit(".", 1)[-1]
        if not (owned or link.ip or link.shortened) and tld in data.risky_tlds:
            add("link.risky_tld", item, f".{tld}")
        if not (owned or neutral or link.ip):
            written = ents.host_of(link.url)
            labels = written.split(".")[:len(written.split(".")) - link.domain.count(".")]
            odd = [label for label in labels if _random_label(label)]
            if odd:
                add("link.random_subdomain", item, ", ".join(odd))
        if owned or neutral:
            add("link.official", item, f"the link goes to {link.domain}")
        else:
            add("link.unofficial", item, link.domain)
            if not link.scheme:
                add("link.bare_domain", item, link.domain)
    checks = []
    for name in _check_info()[1]:
        if name in by_name:
            items = by_name[name]
            details = list(dict.fromkeys(detail for _, detail in items))
            decisive = name in ("link.brand_mismatch", "link.lookalike")
            checks.append(_check(name, [e for e, _ in items], "; ".join(details), decisive))
    return checks


def _breaks(text: str) -> list[int]:
    """Offsets where a sentence ends: 。！？!? and line breaks, and a full stop before a space."""
    return [i for i, c in enumerate(text)
            if c in _SENTENCE_ENDS or (c == "." and i + 1 < len(text) and text[i + 1] == " ")]


def _phone_checks(text: str, reading: Reading) -> list[CheckResult]:
    checks = []
    numbers = [(reading.located(a, b), raw) for raw, a, b in reading.phones]
    if numbers:
        callback, advisory, _ = _cues()
        lowered = text.translate(_ASCII_LOWER)
        cues = [(a, b, v[0]) for a, b, v in _find(callback, lowered) if _ascii_word(text, a, b, v[0])]
        warnings = [a for a, b, v in _find(advisory, lowered) if _ascii_word(text, a, b, v[0])]
        breaks = _breaks(text) if cues else []
        evidence, details = [], []
        for (start, end), raw in numbers:
            if is_official_number(raw):
                continue
            for cue_start, cue_end, cue in cues:
                before = 0 <= start - cue_end <= CALLBACK_REACH
                after = 0 <= cue_start - end <= CALLBACK_AFTER
                if not (before or after):
                    continue
                left, right = (cue_start, end) if before else (start, cue_end)
                gap = (cue_end, start) if before else (end, cue_start)
                if bisect_left(breaks, gap[1]) > bisect_left(breaks, gap[0]):
                    continue  # a sentence ends between the cue and the number
                first, last = bisect_left(breaks, left), bisect_left(breaks, right)
                sentence = (breaks[first - 1] + 1 if first else 0, breaks[last] if last < len(breaks) else len(text))
                if any(sentence[0] <= w < sentence[1] for w in warnings):
                    continue  # a warning that quotes the script: "never call back a number like …"
                evidence.append(Evidence("phone.callback", text[left:right], left, right))
                details.append(f"{raw} ({cue})")
                break
        if evidence:
            checks.append(_check("phone.callback", evidence, "; ".join(details)))
    premium = [reading.located(a, b) for _, a, b in reading.premium]
    if premium:
        checks.append(_check("phone.premium", [Evidence("phone.premium", text[a:b], a, b) for a, b in premium],
                             ", ".join(text[a:b] for a, b in premium)))
    return checks


def link_checks(text: str, reading: Reading | None = None) -> list[CheckResult]:
    """The link and phone checks that fire on `text`, each with its evidence (offsets into `text`).
    `reading`, when the caller has it, is `entities.read(text)`: the entities are not read twice."""
    if not isinstance(text, str) or not text:
        return []
    text = text[:ents.MAX_ENTITY_CHARS]
    if reading is None or reading.text != text:  # none given, or one of a longer text than the checks read
        reading = ents.read(text)
    found = []
    for link in reading.links:
        start, end = reading.located(link.start, link.end)
        found.append((link, Evidence("link", text[start:end], start, end)))
    return _link_checks(text, found) + _phone_checks(text, reading)
