"""Conversations stay bounded in messages and characters, and expire when idle."""

from __future__ import annotations

from bot.web.render import Run
from bot.web.secret import Signer
from bot.web.sessions import MAX_CHARS, MAX_MESSAGES, Sessions


def test_a_conversation_keeps_its_newest_messages_within_the_caps():
    conversation = Sessions(Signer(b"k" * 32), idle_seconds=60).get("s" * 32)
    for n in range(MAX_MESSAGES + 10):
        conversation.add("user", [Run(f"message {n}")])
    assert len(conversation.messages) == MAX_MESSAGES
    assert next(iter(conversation.messages.values())).runs[0].text == "message 10"
    for _ in range(5):
        conversation.add("bot", [Run("x" * (MAX_CHARS // 3))])
    assert conversation.chars == sum(m.chars() for m in conversation.messages.values()) <= MAX_CHARS
    edited = conversation.replace(conversation.next_id - 1, [Run("short")], None, ())
    assert edited is not None and conversation.chars == sum(m.chars() for m in conversation.messages.values())


def test_an_idle_conversation_is_dropped_and_a_new_one_starts_empty():
    now = [0.0]
    sessions = Sessions(Signer(b"k" * 32), idle_seconds=60, clock=lambda: now[0])
    first = sessions.get("a" * 32)
    first.add("user", [Run("hello")])
    assert sessions.of_user(first.user_id) is first
    now[0] = 61.0
    sessions.get("b" * 32)  # any later visit sweeps the idle ones
    assert sessions.of_user(first.user_id) is None
    again = sessions.get("a" * 32)
    assert again.user_id == first.user_id and not again.messages
