"""handlers.stats: /stats text and chart for moderators."""

from __future__ import annotations

import dataclasses

import pytest

from support.handler_chat import SCAM_EN, Chat


async def test_stats_counts_checks_verdicts_patterns_and_reports(ctx, chat, moderator):
    await chat.say(SCAM_EN, forwarded=True)
    await chat.say("see you at the station at nine", forwarded=True)
    await chat.say("/report " + SCAM_EN)
    outcome = await moderator.say("/stats")
    text = outcome.replies[0].text
    assert "Checks:</b> 2 (2 today)" in text
    assert "scam 1 (50%)" in text and "no known pattern 1 (50%)" in text
    assert "1 pending" in text
    assert "gift card" in text.lower()  # top patterns are shown by title
    assert "moderators only" in (await chat.say("/stats")).replies[0].text


async def test_stats_sends_the_chart_as_a_photo(ctx, store):
    charts = pytest.importorskip("bot.charts", reason="E's matplotlib chart renderer is not there yet")
    moderator = Chat(dataclasses.replace(ctx, charts=charts.StatsChart()), user_id=9001, chat_id=9001)
    await moderator.say("/start")
    outcome = await moderator.say("/stats")
    photo = outcome.replies[-1]
    assert photo.photo is not None and photo.photo.startswith(b"\x89PNG")
    assert photo.text.startswith("📊")
