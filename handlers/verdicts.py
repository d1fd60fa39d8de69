"""How a detector verdict reads in chat: the short answer, the full "Why?", and the group warning.

The short answer's first character is the verdict's emoji (🚨 scam, ⚠️ suspicious, ℹ️ no known pattern),
before any markup, so clients and tests can read the verdict from the first message alone.
"""

from __future__ import annotations

from scam_patterns.verdict import STAGES, Verdict, localized

from handlers import callbacks
from handlers.events import Button
from handlers.markup import escape
from handlers.ports import Lang
from handlers.texts import t

MAX_QUOTES = 3
MAX_WHY_QUOTES = 8
CLAUSE_REACH = 40  # characters a quote may extend around its evidence to the clause's ends
MAX_CLAUSE = 160  # neighbouring clauses merge into one quote up to this length
_CLAUSE_ENDS = "。！？!?；;，,\n"


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end]: out to the nearest punctuation, at most CLAUSE_REACH away."""
    left = start
    while left > 0 and start - left < CLAUSE_REACH and text[left - 1] not in _CLAUSE_ENDS:
        left -= 1
    right = end
    while right < len(text) and right - end < CLAUSE_REACH and text[right] not in _CLAUSE_ENDS:
        right += 1
    return left, right


def _quotes(verdict: Verdict, limit: int, lang: Lang) -> list[str]:
    """Up to `limit` clauses of the message holding evidence FOR a scam, the evidence underlined, escaped."""
    arguing_for = {check.name for check in verdict.checks if check.fired and check.weight > 0}
    spans = sorted((e.start, e.end) for e in verdict.evidence
                   if e.end > e.start and (not arguing_for or e.check in arguing_for))
    clauses: list[tuple[int, int, list[tuple[int, int]]]] = []
    for start, end in spans:
        left, right = _clause(verdict.text, start, end)
        if clauses and left < clauses[-1][1]:
            last = clauses[-1]
            if max(last[1], right) - last[0] <= MAX_CLAUSE:
                clauses[-1] = (last[0], max(last[1], right), last[2] + [(start, end)])
                continue
            left = max(last[1], start)
        clauses.append((left, max(right, end), [(start, end)]))
    quotes = []
    for left, right, marks in clauses[:limit]:
        parts, cursor = [], left
        for start, end in marks:
            if start < cursor:
                start = cursor
            if end <= start:
                continue
            parts.append(escape(verdict.text[cursor:start]) + "<u>" + escape(verdict.text[start:end]) + "</u>")
            cursor = end
        parts.append(escape(verdict.text[cursor:right]))
        quote = " ".join("".join(parts).split())
        prefix = "…" if left > 0 and verdict.text[left - 1] not in _CLAUSE_ENDS else ""
        suffix = "…" if right < len(verdict.text) and verdict.text[right] not in _CLAUSE_ENDS else ""
        opening, closing = ("「", "」") if lang == "zh-Hant" else ("“", "”")
        quotes.append(f"• {opening}{prefix}{quote}{suffix}{closing}")
    return quotes


def _stage_lines(verdict: Verdict, lang: Lang) -> str | None:
    reached = [stage for stage in STAGES if stage in verdict.stages]
    if not reached:
        return None
    chain = " → ".join(
        f"<b>{t('stage.' + stage, lang)}</b>" if stage in reached else t("stage." + stage, lang)
        for stage in STAGES
    )
    return t("verdict.stage", lang, chain=chain, closeness=t("closeness." + reached[-1], lang))


def verdict_text(verdict: Verdict, lang: Lang, *, truncated_at: int | None = None,
                 image_excerpt: str | None = None) -> str:
    """The verdict message: verdict and title, evidence, why it is dangerous, stage, what to do."""
    if verdict.verdict == "no_match" or not verdict.patterns:
        lines = [t("verdict.no_match", lang)]
    else:
        top = verdict.patterns[0]
        lines = [t("verdict." + verdict.verdict, lang, title=escape(localized(top.title, lang)))]
        if len(verdict.patterns) > 1:
            others = "、" if lang != "en" else ", "
            lines.append(t("verdict.also", lang, titles=escape(others.join(
                localized(hit.title, lang) for hit in verdict.patterns[1:3]))))
        quotes = _quotes(verdict, MAX_QUOTES, lang)
        if quotes:
            lines.append(t("verdict.evidence", lang))
            lines.extend(quotes)
        lines.append(t("verdict.why", lang, explanation=escape(localized(top.explanation, lang))))
        stage = _stage_lines(verdict, lang)
        if stage:
            lines.append(stage)
        # The pattern's own advice; the local emergency numbers are behind the 🆘 button, per language.
        lines.append(t("verdict.todo", lang, advice=escape(localized(top.advice, lang))))
        lines.append(t("verdict.footer", lang))
    if image_excerpt:
        lines.append(t("verdict.image_excerpt", lang, excerpt=escape(image_excerpt)))
    if truncated_at:
        lines.append(t("verdict.truncated", lang, count=f"{truncated_at:,}"))
    return "\n".join(lines)


def verdict_buttons(token: str, lang: Lang) -> tuple[tuple[Button, ...], ...]:
    return (
        (Button(t("btn.why", lang), callbacks.data("v", "why", token)),
         Button(t("btn.report", lang), callbacks.data("v", "rep", token))),
        (Button(t("btn.incident", lang), callbacks.data("v", "help", token)),),
    )


def why_text(verdict: Verdict, lang: Lang) -> str:
    """The full explanation behind a verdict: every pattern, the evidence, the stages, the rules."""
    blocks = [t("why.head", lang)]
    if verdict.verdict == "no_match" or not verdict.patterns:
        blocks.append(t("why.none", lang))
    for hit in verdict.patterns:
        blocks.append(t("why.pattern", lang, title=escape(localized(hit.title, lang)),
                        score=f"{hit.score:.0%}", explanation=escape(localized(hit.explanation, lang))))
    quotes = _quotes(verdict, MAX_WHY_QUOTES, lang)
    if quotes and verdict.patterns:
        blocks.append("\n".join([t("why.evidence", lang)] + quotes))
    reached = [stage for stage in STAGES if stage in verdict.stages]
    if reached:
        blocks.append(t("why.stages", lang, stages=" → ".join(t("stage." + s, lang) for s in reached)))
    blocks.append(t("why.rules", lang))
    return "\n\n".join(blocks)


def group_warning(verdict: Verdict, lang: Lang) -> str:
    """The group reply: pattern title and advice only, nothing quoted from the message."""
    top = verdict.patterns[0]
    return t("group.scam", lang, title=escape(localized(top.title, lang)),
             advice=escape(localized(top.advice, lang)))
