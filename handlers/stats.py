"""/stats for moderators: counters of the last 30 days as text, and the chart as a photo."""

from __future__ import annotations

import asyncio
import datetime as dt

from scam_patterns.verdict import localized

from handlers.events import Outcome, Reply
from handlers.markup import escape
from handlers.request import Request

DAYS = 30
LAST_DAYS_LISTED = 7
TOP_PATTERNS = 5


def _title(req: Request, pattern_id: str) -> str:
    for pattern in req.ctx.detector.current.patterns:
        if pattern.id == pattern_id:
            return localized(pattern.title, req.lang)
    return pattern_id


async def stats(req: Request) -> Outcome:
    record = await req.ctx.store.stats(DAYS)
    today = req.ctx.clock().date()
    per_day = "\n".join(
        f"{day:%m-%d}: {record.checks_per_day.get(day, 0):,}"
        for day in (today - dt.timedelta(days=n) for n in range(LAST_DAYS_LISTED - 1, -1, -1))
    )
    total_verdicts = sum(record.verdicts.values()) or 1
    verdicts = " · ".join(
        f"{req.text('verdict.name.' + name)} {record.verdicts.get(name, 0):,} "
        f"({record.verdicts.get(name, 0) / total_verdicts:.0%})"
        for name in ("scam", "suspicious", "no_match")
    )
    patterns = "\n".join(
        f"{count:,} · {escape(_title(req, pattern_id))}" for pattern_id, count in record.top_patterns[:TOP_PATTERNS]
    ) or req.text("stats.none")
    reports = req.text("stats.reports", **{k: f"{record.reports.get(k, 0):,}" for k in ("pending", "approved", "rejected")})
    text = req.text("stats.text", days=DAYS, total=f"{sum(record.checks_per_day.values()):,}",
                    today=f"{record.checks_per_day.get(today, 0):,}", per_day=per_day, verdicts=verdicts,
                    patterns=patterns, reports=reports,
                    subscribers=f"{record.extra.get('subscribers', 0):,}", groups=f"{record.extra.get('groups', 0):,}")
    replies = [Reply(text)]
    if req.ctx.charts is not None:
        # matplotlib is CPU-bound for a few hundred milliseconds: off the event loop.
        png = await asyncio.to_thread(req.ctx.charts.render_stats, record, req.lang)
        if png:
            replies.append(Reply(req.text("stats.chart"), photo=png))
    return Outcome(replies)
