"""How a detector verdict reads in chat: the short answer, the full "Why?", and the group warning.

The short answer's first character is the verdict's emoji (🚨 scam, ⚠️ suspicious, ℹ️ no known pattern),
before any markup, so clients and tests can read the verdict from the first message alone.
"""

from __future__ import annotations

from scam_patterns.verdict import STAGES, Verdict, localized

from handlers import callbacks
from handlers.events import Button
from handlers.markup import escape, excerpt
from handlers.ports import Lang
from handlers.texts import t

EMOJI = {"scam": "🚨", "suspicious": "⚠️", "no_match": "ℹ️"}
MAX_QUOTES = 3
MAX_QUOTE_CHARS = 120
MAX_WHY_QUOTES = 8


def _positive_evidence(verdict: Verdict) -> list[str]:
    """Distinct quotes from checks that argue FOR a scam, in message order."""
    arguing_for = {check.name for check in verdict.checks if check.fired and check.weight > 0}
    quotes: list[str] = []
    for item in sorted(verdict.evidence, key=lambda e: e.start):
        quote = item.quote.strip()
        if quote and (not arguing_for or item.check in arguing_for) and quote not in quotes:
            quotes.append(quote)
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


def pattern_title(verdict: Verdict, lang: Lang) -> str:
    return localized(verdict.patterns[0].title, lang) if verdict.patterns else ""


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
        quotes = _positive_evidence(verdict)[:MAX_QUOTES]
        if quotes:
            lines.append(t("verdict.evidence", lang))
            lines.extend(f"• “{escape(excerpt(quote, MAX_QUOTE_CHARS))}”" for quote in quotes)
        lines.append(t("verdict.why", lang, explanation=escape(localized(top.explanation, lang))))
        stage = _stage_lines(verdict, lang)
        if stage:
            lines.append(stage)
        lines.append(t("verdict.todo", lang, advice=escape(verdict.advice(lang))))
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
    quotes = _positive_evidence(verdict)[:MAX_WHY_QUOTES]
    if quotes and verdict.patterns:
        blocks.append("\n".join([t("why.evidence", lang)] + [
            f"• “{escape(excerpt(quote, MAX_QUOTE_CHARS))}”" for quote in quotes]))
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
