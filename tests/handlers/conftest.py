"""Handlers driven directly with a real Context: the shipped detector and knowledge base and a real SQLite
store (tests may import bot; the handlers may not)."""

from __future__ import annotations


import pytest
from handlers.context import Context, DetectorHolder, Limits
from knowledge.base import KnowledgeBase
from scam_patterns.detector import Detector
from support.handler_chat import GROUP, MODERATOR, USER, Chat, Clock


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ctx(store, clock) -> Context:
    return Context(
        detector=DetectorHolder(Detector.default()),
        kb=KnowledgeBase.default(),
        store=store,
        moderators=frozenset({MODERATOR}),
        limits=Limits(checks_per_minute=5),
        clock=clock,
    )


@pytest.fixture
def chat(ctx) -> Chat:
    return Chat(ctx)


@pytest.fixture
def zh_chat(ctx) -> Chat:
    return Chat(ctx, user_id=USER + 1, chat_id=USER + 1, language_code="zh-hans")


@pytest.fixture
def moderator(ctx) -> Chat:
    return Chat(ctx, user_id=MODERATOR, chat_id=MODERATOR)


@pytest.fixture
def group(ctx) -> Chat:
    return Chat(ctx, user_id=USER, chat_id=GROUP, chat_type="supergroup")
