"""handlers.memory: checked texts kept in memory only for their TTL, bounded; the per-user flood limit."""

from __future__ import annotations

import datetime as dt

from handlers import memory
from handlers.memory import CheckedText, CheckedTexts, FloodLimit

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def item(user_id: int = 1, at: dt.datetime = NOW) -> CheckedText:
    return CheckedText(user_id, "some text", "scam", ("p",), at)


def test_a_token_is_short_unguessable_and_bound_to_its_user():
    texts = CheckedTexts(ttl_seconds=900)
    token = texts.put(item(), NOW)
    assert len(token) == 8 and token.replace("-", "").replace("_", "").isalnum()
    assert texts.get(token, 1, NOW).text == "some text"
    assert texts.get(token, 2, NOW) is None
    assert texts.get("nope", 1, NOW) is None
    assert len({texts.put(item(), NOW) for _ in range(500)}) == 500


def test_entries_expire_after_the_ttl_and_are_dropped_as_new_ones_arrive():
    texts = CheckedTexts(ttl_seconds=900)
    old = texts.put(item(), NOW)
    assert texts.get(old, 1, NOW + dt.timedelta(seconds=900)) is not None
    assert texts.get(old, 1, NOW + dt.timedelta(seconds=901)) is None
    texts.put(item(at=NOW + dt.timedelta(seconds=1000)), NOW + dt.timedelta(seconds=1000))
    assert len(texts) == 1  # the expired one is gone from memory, not just hidden


def test_memory_is_bounded(monkeypatch):
    monkeypatch.setattr(memory, "MAX_ENTRIES", 100)
    texts = CheckedTexts(ttl_seconds=900)
    tokens = [texts.put(item(), NOW) for _ in range(150)]
    assert len(texts) == 100
    assert texts.get(tokens[0], 1, NOW) is None and texts.get(tokens[-1], 1, NOW) is not None


def test_memory_is_bounded_by_total_text_too(monkeypatch):
    monkeypatch.setattr(memory, "MAX_TOTAL_CHARS", 1000)
    texts = CheckedTexts(ttl_seconds=900)
    tokens = [texts.put(CheckedText(1, "x" * 300, "scam", (), NOW), NOW) for _ in range(5)]
    assert len(texts) == 3
    assert texts.get(tokens[1], 1, NOW) is None and texts.get(tokens[2], 1, NOW) is not None


def test_forget_user_drops_only_their_texts():
    texts = CheckedTexts(ttl_seconds=900)
    mine, theirs = texts.put(item(1), NOW), texts.put(item(2), NOW)
    texts.forget_user(1)
    assert texts.get(mine, 1, NOW) is None and texts.get(theirs, 2, NOW) is not None


def test_flood_limit_is_a_sliding_minute_per_user_with_one_warning():
    limit = FloodLimit(per_minute=3)
    assert [limit.allow(1, NOW + dt.timedelta(seconds=i)) for i in range(3)] == [(True, False)] * 3
    assert limit.allow(1, NOW + dt.timedelta(seconds=10)) == (False, True)
    assert limit.allow(1, NOW + dt.timedelta(seconds=20)) == (False, False)
    assert limit.allow(2, NOW + dt.timedelta(seconds=20)) == (True, False)  # others are unaffected
    assert limit.allow(1, NOW + dt.timedelta(seconds=60.5)) == (True, False)  # the first one left the window


def test_idle_users_are_swept_from_the_flood_table():
    limit = FloodLimit(per_minute=3)
    for user in range(1000):
        limit.allow(user, NOW)
    limit.allow(5000, NOW + dt.timedelta(minutes=2))
    assert len(limit._users) == 1


def test_last_questions_are_kept_per_user_for_their_ttl_bounded_and_forgotten():
    asked = memory.LastQuestions(ttl_seconds=600)
    asked.put(1, "where do I report a scam?" + "x" * 1000, NOW)
    assert asked.get(1, NOW).startswith("where do I report") and len(asked.get(1, NOW)) == memory.LastQuestions.MAX_CHARS
    assert asked.get(2, NOW) is None
    assert asked.get(1, NOW + dt.timedelta(seconds=601)) is None
    asked.put(2, "and in Taiwan?", NOW)
    asked.forget_user(2)
    assert asked.get(2, NOW) is None
