"""Everything a handler may use besides the event: services behind ports, limits and a clock.

`bot/app.py` builds one `Context` per process; tests build their own with real parts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from knowledge import KnowledgeBase
from scam_patterns import Detector

from handlers.ports import Broadcaster, ChartRenderer, ConsoleLinks, ImageReader, Store


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class DetectorHolder:
    """The detector in use: the shipped catalog plus approved community patterns, swapped atomically."""

    def __init__(self, base: Detector) -> None:
        self.base = base
        self.current = base

    def reload(self, db_patterns: list[dict[str, Any]]) -> None:
        self.current = self.base.with_db_patterns(db_patterns) if db_patterns else self.base


@dataclass(frozen=True, slots=True)
class Limits:
    checks_per_minute: int = 20
    max_text_chars: int = 20_000
    callback_ttl_seconds: int = 900
    report_retention_days: int = 30
    max_image_bytes: int = 10 * 1024 * 1024
    ocr_min_confidence: float = 0.6  # below it a screenshot is answered "please paste the text"


@dataclass
class Context:
    detector: DetectorHolder
    kb: KnowledgeBase
    store: Store
    moderators: frozenset[int] = frozenset()
    limits: Limits = Limits()
    broadcaster: Broadcaster | None = None
    image_reader: ImageReader | None = None
    charts: ChartRenderer | None = None
    console_links: ConsoleLinks | None = None  # set while the web console is served
    clock: Callable[[], dt.datetime] = utc_now
    state: dict[str, Any] = field(default_factory=dict)  # per-process memory owned by handler modules

    def is_moderator(self, user_id: int) -> bool:
        return user_id in self.moderators
