"""Checking a message (text or screenshot) and the buttons under its verdict: Why?, I already…, Report.

The checked text stays in memory only (handlers.memory) and reaches storage only when Report is pressed,
with personal data masked by `scam_patterns.redact.redact`.
"""

from __future__ import annotations

import logging

from scam_patterns.redact import redact

from handlers.events import Outcome, Reply
from handlers.markup import clean, excerpt
from handlers.memory import CheckedText, checked_texts, flood_limit
from handlers.request import Request
from handlers.verdicts import verdict_buttons, verdict_text, why_text

log = logging.getLogger(__name__)

IMAGE_EXCERPT_CHARS = 160


def flood_refusal(req: Request) -> Outcome | None:
    """None when the user may go on; else the polite answer (once per burst, then silence)."""
    allowed, warn = flood_limit(req.ctx).allow(req.event.user_id, req.ctx.clock())
    if allowed:
        return None
    return req.answer("flood") if warn else Outcome()


async def record_check(req: Request, verdict: str, pattern_ids: list[str], source: str) -> None:
    """Count the check; a storage failure loses one counter, never the user's answer."""
    try:
        await req.ctx.store.record_check(verdict, pattern_ids, source)
    except Exception as exc:  # noqa: BLE001 - counters are best effort
        log.warning("record_check failed: %s", type(exc).__name__)


async def check_text(req: Request, text: str | None, *, source: str = "text",
                     image_excerpt: str | None = None, reply_to: int | None = None) -> Outcome:
    """The verdict on `text` as the first reply, with its three buttons."""
    text = clean(text or "")
    if not text.strip():
        return req.answer("check.empty")
    refused = flood_refusal(req)
    if refused is not None:
        return refused
    return await _verdict(req, text, source, image_excerpt, reply_to)


async def _verdict(req: Request, text: str, source: str, image_excerpt: str | None,
                   reply_to: int | None) -> Outcome:
    limit = req.ctx.limits.max_text_chars
    truncated_at = limit if len(text) > limit else None
    text = text[:limit]
    verdict = req.ctx.detector.current.check(text)
    if verdict.small_talk:  # a greeting, thanks, an emoji: the hint alone, nothing kept, counted or to press
        body = verdict_text(verdict, req.lang, region=req.region)
        return Outcome([Reply(body, reply_to_message_id=reply_to if reply_to is not None else req.event.message_id)])
    pattern_ids = [hit.id for hit in verdict.patterns]
    await record_check(req, verdict.verdict, pattern_ids, source)
    now = req.ctx.clock()
    token = checked_texts(req.ctx).put(
        CheckedText(req.event.user_id, text, verdict.verdict, tuple(pattern_ids), now), now)
    body = verdict_text(verdict, req.lang, truncated_at=truncated_at, image_excerpt=image_excerpt, region=req.region)
    return Outcome([Reply(body, buttons=verdict_buttons(token, req.lang, req.region),
                          reply_to_message_id=reply_to if reply_to is not None else req.event.message_id)])


# What the user is told when the reader says why it read nothing; any other reason is "could not read".
IMAGE_PROBLEMS = {
    "too_many_bytes": "image.too_large",
    "too_many_pixels": "image.too_big_to_read",  # too many pixels, or too long and thin
    "too_much_memory": "image.too_big_to_read",
    "timed_out": "image.timed_out",
}


async def check_image(req: Request, image: bytes | None, caption: str | None = None,
                      reply_to: int | None = None) -> Outcome:
    """OCR the screenshot through the ImageReader port, then the same verdict as for text."""
    megabytes = max(1, req.ctx.limits.max_image_bytes // (1024 * 1024))
    if req.event.image_too_large:
        return req.answer("image.too_large", megabytes=megabytes)
    if req.ctx.image_reader is None:
        return req.answer("image.no_ocr")
    if not image:
        return req.answer("image.unreadable")
    refused = flood_refusal(req)
    if refused is not None:
        return refused
    reading = await req.ctx.image_reader.read(image)
    problem = getattr(reading, "problem", None)  # why a reader read nothing, when it says (bot.ocr.Reading)
    if problem in IMAGE_PROBLEMS:
        return req.answer(IMAGE_PROBLEMS[problem], megabytes=megabytes)
    read, confidence = reading
    read = clean(read or "").strip()
    if not read or confidence < req.ctx.limits.ocr_min_confidence:
        return req.answer("image.unreadable")
    text = f"{clean(caption)}\n{read}" if caption and caption.strip() else read
    return await _verdict(req, text, "image", excerpt(read, IMAGE_EXCERPT_CHARS), reply_to)


async def on_verdict_button(req: Request, action: str, token: str) -> Outcome:
    """v:why / v:help / v:rep under a verdict."""
    now = req.ctx.clock()
    if action == "help":
        # The incident checklist needs nothing from memory: it must work even after the check expired.
        return Outcome([Reply(req.text("incident"), reply_to_message_id=req.event.callback_message_id)],
                       callback_answer="")
    item = checked_texts(req.ctx).get(token, req.event.user_id, now)
    if item is None:
        minutes = req.ctx.limits.callback_ttl_seconds // 60
        return Outcome([req.reply("check.expired", minutes=minutes)], callback_answer="")
    if action == "why":
        verdict = req.ctx.detector.current.check(item.text)
        why = why_text(verdict, req.lang, req.region)
        return Outcome([Reply(why, reply_to_message_id=req.event.callback_message_id)],
                       callback_answer="")
    if action == "rep":
        if item.reported:
            return req.toast("report.already")
        await req.ctx.store.add_report(req.event.user_id, redact(item.text), item.verdict, list(item.pattern_ids))
        item.reported = True
        return Outcome([req.reply("report.thanks", days=req.ctx.limits.report_retention_days)],
                       callback_answer="")
    return req.toast("unknown.callback")


async def report_text(req: Request, text: str | None) -> Outcome:
    """/report as a reply (or with text): check it for the pattern ids, store it redacted."""
    text = clean(text or "")
    if not text.strip():
        return req.answer("report.usage")
    refused = flood_refusal(req)  # a report costs a check and a stored row: the same limit as checks
    if refused is not None:
        return refused
    text = text[: req.ctx.limits.max_text_chars]
    verdict = req.ctx.detector.current.check(text)
    await req.ctx.store.add_report(req.event.user_id, redact(text), verdict.verdict,
                                   [hit.id for hit in verdict.patterns])
    return req.answer("report.thanks", days=req.ctx.limits.report_retention_days)
