"""/console: a moderator gets a one-time link from the ConsoleLinks port; others and a process without
the web console get a clear answer instead."""

from __future__ import annotations

import dataclasses

from handlers.dispatch import handle
from handlers.events import Event


class Links:
    minutes = 10

    def __init__(self) -> None:
        self.asked: list[int] = []

    def link(self, user_id: int) -> str:
        self.asked.append(user_id)
        return f"https://check.example.org/console/login?token={user_id}.1.n&x=\"y\""


def message(user_id: int, text: str) -> Event:
    return Event(kind="message", user_id=user_id, chat_id=user_id, text=text, language_code="en")


async def test_a_moderator_gets_an_escaped_one_time_link_without_a_preview(ctx):
    links = Links()
    ctx = dataclasses.replace(ctx, console_links=links, moderators=frozenset({7}))
    reply = (await handle(message(7, "/console"), ctx)).replies[0]  # a first visit adds the welcome
    assert links.asked == [7]
    assert 'href="https://check.example.org/console/login?token=7.1.n&amp;x=&quot;y&quot;"' in reply.text
    assert "10 minutes" in reply.text and reply.disable_preview


async def test_a_non_moderator_gets_no_link(ctx):
    links = Links()
    ctx = dataclasses.replace(ctx, console_links=links, moderators=frozenset({7}))
    reply = (await handle(message(8, "/console"), ctx)).replies[0]  # a first visit adds the welcome
    assert links.asked == [] and "login" not in reply.text


async def test_without_the_web_console_the_moderator_is_told_how_to_start_it(ctx):
    ctx = dataclasses.replace(ctx, console_links=None, moderators=frozenset({7}))
    reply = (await handle(message(7, "/console"), ctx)).replies[0]  # a first visit adds the welcome
    assert "--web" in reply.text
