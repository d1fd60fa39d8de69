"""How a detector verdict reads in chat: the short answer, the full "Why?", and the group warning.

The short answer's first character is the verdict's emoji (🚨 scam, ⚠️ suspicious, ℹ️ no known pattern),
before any markup, so clients and tests can read the verdict from the first message alone. Its headline
names the check that settles the verdict (`Verdict.primary`: the decisive request, else the action the
message asks for, else the strongest check), not the opening story. Small talk gets a one-line hint.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from scam_patterns.entities import links
from scam_patterns.scoring import load_checks
from scam_patterns.verdict import STAGES, CheckResult, Verdict, localized

from handlers import callbacks
from handlers.events import Button
from handlers.markup import escape
from handlers.ports import Lang
from handlers.texts import t

MAX_QUOTES = 3
MAX_WHY_QUOTES = 8
MAX_WHY_CHECKS = 8
CLAUSE_REACH = 40  # characters a quote may extend around its evidence to the clause's ends
MAX_CLAUSE = 160  # neighbouring clauses merge into one quote up to this length
WORD_REACH = 40  # a quote's edge moves at most this far to take in the rest of a word
STRONG = 0.5  # a weaker check whose evidence a stronger one already quotes is not listed again
_CLAUSE_ENDS = "。！？!?；;，,\n"
_JOINERS = "-'’.,"  # inside a word or number when letters or digits stand on both sides
_EDGE_PUNCTUATION = ",.:;!?，。：；！？、"


def _title(texts: dict[str, str], lang: Lang) -> str:
    """A check's title ({"en", "zh-Hans", "zh-Hant"}) or a pattern's ({"zh", "en"}) in `lang`."""
    if lang in texts:
        return texts[lang]
    if "zh" in texts:
        return localized(texts, lang)
    return texts.get("en") or texts.get("zh-Hans", "")


def _positive(verdict: Verdict) -> list[CheckResult]:
    """Fired checks that speak for a scam, decisive first, then by weight."""
    return sorted((c for c in verdict.checks if c.fired and c.weight > 0), key=lambda c: (not c.decisive, -c.weight))


def _check_title(verdict: Verdict, check: CheckResult, lang: Lang) -> str:
    """What a check found, in words: its own title, else that of the catalog pattern it is named after."""
    if check.title:
        return _title(check.title, lang)
    for hit in verdict.patterns:
        if hit.id == check.name:
            return _title(hit.title, lang)
    return ""


def headline(verdict: Verdict, lang: Lang, region: str | None = None) -> str:
    """The phrase after "Scam:" or "Suspicious:": what the primary check found (unescaped)."""
    primary = verdict.primary
    title = _check_title(verdict, primary, lang) if primary else ""
    if not title and verdict.patterns:
        title = _title(verdict.patterns[0].title, lang)
    return title or t("verdict.signs", lang, region)


def _family(check: CheckResult | None) -> str:
    """Which generic explanation and advice fit a verdict that no catalog pattern explains."""
    if check is not None and check.name.startswith("link."):
        return "link"
    if check is not None and check.name.startswith("phone."):
        return "phone"
    return "other"


@lru_cache(maxsize=1)
def _explains() -> dict[str, str]:
    """Check name → the catalog pattern that explains it (data/checks.yaml `explains`)."""
    return {spec.name: spec.explains for spec in load_checks()[1] if spec.explains}


def _explanation(verdict: Verdict, lang: Lang, region: str | None = None) -> tuple[str, str]:
    """(why it is dangerous, what to do): those of the pattern that explains the headline's check, else of
    the first pattern, else the generic ones for the kind of check that settles the verdict."""
    primary = verdict.primary
    explains = _explains().get(primary.name, primary.name) if primary is not None else None
    named = [hit for hit in verdict.patterns if hit.id == explains]
    top = (named or verdict.patterns or [None])[0]
    if top is not None:
        return localized(top.explanation, lang), localized(top.advice, lang)
    family = _family(primary)
    return t(f"explain.{family}", lang, region), t(f"advice.{family}", lang, region)


# --- quotes -------------------------------------------------------------------------------------------

def _url_spans(text: str) -> list[tuple[int, int]]:
    return [(link.start, link.end) for link in links(text)]


def _word_char(char: str) -> bool:
    """A letter or digit of a word that spaces delimit (Latin, Greek, Cyrillic), not a Han character."""
    return char.isalnum() and char < "\u2e80"


def _splits_word(text: str, i: int) -> bool:
    """Whether offset i falls inside a word or number (don't, e-mail, 1,299.00)."""
    if i <= 0 or i >= len(text):
        return False
    before, after = text[i - 1], text[i]
    if _word_char(before) and _word_char(after):
        return True
    if before in _JOINERS and _word_char(after):
        return i >= 2 and _word_char(text[i - 2])
    return after in _JOINERS and _word_char(before) and i + 1 < len(text) and _word_char(text[i + 1])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Evidence without the spaces and punctuation at its edges ("delivered," → "delivered")."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE_PUNCTUATION):
        end -= 1
    while start < end and (text[start].isspace() or text[start] in _EDGE_PUNCTUATION):
        start += 1
    return start, end


def _snap(text: str, start: int, end: int, urls: Iterable[tuple[int, int]]) -> tuple[int, int]:
    """The span widened to whole words (by at most WORD_REACH) and whole URLs."""
    floor, ceiling = max(0, start - WORD_REACH), min(len(text), end + WORD_REACH)
    while start > floor and _splits_word(text, start):
        start -= 1
    while end < ceiling and _splits_word(text, end):
        end += 1
    for a, b in urls:
        if a < end and start < b:
            start, end = min(start, a), max(end, b)
    return start, end


def _clause(text: str, start: int, end: int, urls: list[tuple[int, int]]) -> tuple[int, int]:
    """The clause around text[start:end]: out to the nearest punctuation, at most CLAUSE_REACH away, then
    out to whole words and URLs (a ? or , inside a URL ends no clause)."""
    inside = [(a, b) for a, b in urls if a <= start and end <= b]
    left = start
    while left > 0 and start - left < CLAUSE_REACH and text[left - 1] not in _CLAUSE_ENDS:
        left -= 1
    right = end
    while right < len(text) and right - end < CLAUSE_REACH and text[right] not in _CLAUSE_ENDS:
        right += 1
    if inside:
        left, right = min(left, inside[0][0]), max(right, inside[0][1])
    return _snap(text, left, right, urls)


def _spans(verdict: Verdict, checks: list[CheckResult]) -> list[tuple[int, int, int]]:
    """(start, end, rank) of the evidence of `checks`, rank 0 for the first check; the verdict's flat
    evidence list when the checks carry none."""
    found = [(e.start, e.end, rank) for rank, check in enumerate(checks) for e in check.evidence if e.end > e.start]
    if not found:
        names = {c.name for c in checks}
        found = [(e.start, e.end, len(checks)) for e in verdict.evidence
                 if e.end > e.start and (not names or e.check in names)]
    return found


def _quote_lines(text: str, spans: list[tuple[int, int, int]], limit: int, lang: Lang) -> list[str]:
    """Up to `limit` clauses holding the spans, the best-ranked first chosen, shown in text order, with
    the evidence underlined and everything escaped."""
    urls = _url_spans(text) if spans else []
    marks = sorted({_snap(text, *_trim(text, a, b), urls) + (rank,) for a, b, rank in spans})
    clauses: list[list] = []  # [left, right, [(start, end)], best rank]
    for start, end, rank in marks:
        left, right = _clause(text, start, end, urls)
        if clauses and left < clauses[-1][1]:
            last = clauses[-1]
            if max(last[1], right) - last[0] <= MAX_CLAUSE:
                last[1] = max(last[1], right)
                last[2].append((start, end))
                last[3] = min(last[3], rank)
                continue
            left = max(last[1], start)
        clauses.append([left, max(right, end), [(start, end)], rank])
    chosen = sorted(sorted(clauses, key=lambda c: (c[3], c[0]))[:limit], key=lambda c: c[0])
    opening, closing = ("「", "」") if lang == "zh-Hant" else ("“", "”")
    quotes = []
    for left, right, found, _ in chosen:
        parts, cursor = [], left
        for start, end in found:
            start = max(start, cursor)
            if end <= start:
                continue
            parts.append(escape(text[cursor:start]) + "<u>" + escape(text[start:end]) + "</u>")
            cursor = end
        parts.append(escape(text[cursor:right]))
        quote = " ".join("".join(parts).split())
        prefix = "…" if left > 0 and text[left - 1] not in _CLAUSE_ENDS else ""
        suffix = "…" if right < len(text) and text[right] not in _CLAUSE_ENDS else ""
        quotes.append(f"{opening}{prefix}{quote}{suffix}{closing}")
    return quotes


def _listed(verdict: Verdict) -> list[CheckResult]:
    """The checks a reply shows: the primary first, then the others that fired for a scam, leaving out a
    weak one whose evidence a stronger shown check already quotes (link.unofficial under a lookalike)."""
    primary = verdict.primary
    ordered = ([primary] if primary else []) + [c for c in _positive(verdict) if c is not primary]
    shown: list[CheckResult] = []
    quoted: set[tuple[int, int]] = set()
    for check in ordered:
        spans = {(e.start, e.end) for e in check.evidence}
        if check.weight < STRONG and spans and spans <= quoted:
            continue
        if check.name.startswith("stage:") or not _check_title(verdict, check, "en"):
            continue  # the stage line shows how far the script got; an unnamed check has nothing to show
        shown.append(check)
        quoted |= spans
    return shown


# --- the messages ---------------------------------------------------------------------------------------

def _stage_lines(verdict: Verdict, lang: Lang, region: str | None) -> str | None:
    reached = [stage for stage in STAGES if stage in verdict.stages]
    if not reached:
        return None
    chain = " → ".join(
        f"<b>{t('stage.' + stage, lang, region)}</b>" if stage in reached else t("stage." + stage, lang, region)
        for stage in STAGES
    )
    return t("verdict.stage", lang, region, chain=chain, closeness=t("closeness." + reached[-1], lang, region))


def verdict_text(verdict: Verdict, lang: Lang, *, truncated_at: int | None = None,
                 image_excerpt: str | None = None, region: str | None = None) -> str:
    """The verdict message: verdict and what settles it, evidence, why it is dangerous, stage, what to do;
    worded for `region`'s readers where that matters (Hong Kong Traditional)."""
    if verdict.verdict == "no_match":
        lines = [t("verdict.small_talk" if verdict.small_talk else "verdict.no_match", lang, region)]
    else:
        lines = [t("verdict." + verdict.verdict, lang, region, title=escape(headline(verdict, lang, region)))]
        shown = _listed(verdict)
        others = list(dict.fromkeys(title for title in (_check_title(verdict, c, lang) for c in shown[1:3]) if title))
        if others:
            lines.append(t("verdict.also", lang, region, titles=escape(("、" if lang != "en" else "; ").join(others))))
        quotes = _quote_lines(verdict.text, _spans(verdict, shown), MAX_QUOTES, lang)
        if quotes:
            lines.append(t("verdict.evidence", lang, region))
            lines.extend("• " + quote for quote in quotes)
        explanation, advice = _explanation(verdict, lang, region)
        lines.append(t("verdict.why", lang, region, explanation=escape(explanation)))
        stage = _stage_lines(verdict, lang, region)
        if stage:
            lines.append(stage)
        # The advice; the local emergency numbers are behind the 🆘 button, per language.
        lines.append(t("verdict.todo", lang, region, advice=escape(advice)))
        lines.append(t("verdict.footer", lang, region))
    if image_excerpt:
        lines.append(t("verdict.image_excerpt", lang, region, excerpt=escape(image_excerpt)))
    if truncated_at:
        lines.append(t("verdict.truncated", lang, region, count=f"{truncated_at:,}"))
    return "\n".join(lines)


def verdict_buttons(token: str, lang: Lang, region: str | None = None) -> tuple[tuple[Button, ...], ...]:
    return (
        (Button(t("btn.why", lang, region), callbacks.data("v", "why", token)),
         Button(t("btn.report", lang, region), callbacks.data("v", "rep", token))),
        (Button(t("btn.incident", lang, region), callbacks.data("v", "help", token)),),
    )


def why_text(verdict: Verdict, lang: Lang, region: str | None = None) -> str:
    """The full explanation behind a verdict: each check that fired with its evidence, neutral facts,
    what points the other way, the explaining pattern, the stages and the rules."""
    blocks = [t("why.head", lang, region)]
    if verdict.verdict == "no_match":
        blocks.append(t("why.small_talk" if verdict.small_talk else "why.none", lang, region))
    else:
        lines = [t("why.checks", lang, region)]
        quoted: set[tuple[int, int]] = set()
        for check in _listed(verdict)[:MAX_WHY_CHECKS]:
            spans = {(e.start, e.end) for e in check.evidence}
            # Evidence an earlier line already quotes is not quoted again (the same URL for three link checks).
            quotes = [] if spans <= quoted else _quote_lines(verdict.text, _spans(verdict, [check]), 2, lang)
            quoted |= spans
            lines.append(t("why.check", lang, region, title=escape(_check_title(verdict, check, lang)))
                         + (" " + " ".join(quotes) if quotes else ""))
        blocks.append("\n".join(lines))
        explanation, _ = _explanation(verdict, lang, region)
        blocks.append(t("why.explanation", lang, region, explanation=escape(explanation)))
    facts = [c for c in verdict.checks if c.fired and c.weight == 0 and c.title]
    against = [c for c in verdict.checks if c.fired and c.weight < 0 and c.title]
    for key, checks in (("why.facts", facts), ("why.against", against)):
        if checks:
            lines = [t(key, lang, region)]
            for check in checks[:4]:
                quotes = _quote_lines(verdict.text, _spans(verdict, [check]), 1, lang)
                lines.append(t("why.check", lang, region, title=escape(_title(check.title, lang)))
                             + (" " + quotes[0] if quotes else ""))
            blocks.append("\n".join(lines))
    reached = [stage for stage in STAGES if stage in verdict.stages]
    if reached:
        stages = " → ".join(t("stage." + stage, lang, region) for stage in reached)
        blocks.append(t("why.stages", lang, region, stages=stages))
    blocks.append(t("why.rules", lang, region))
    return "\n\n".join(blocks)


def group_warning(verdict: Verdict, lang: Lang) -> str:
    """The group reply: what settles the verdict and the advice only, nothing quoted from the message."""
    _, advice = _explanation(verdict, lang)
    return t("group.scam", lang, title=escape(headline(verdict, lang)), advice=escape(advice))
