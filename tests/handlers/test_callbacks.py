"""handlers.callbacks: every button the bot shows fits Telegram's 64 bytes and is understood when pressed."""

from __future__ import annotations

import pytest
from handlers import callbacks
from handlers.broadcasts import alert_reply
from handlers.reminders import INTERVALS, reminder_reply
from handlers.texts import LANGS
from support.handler_chat import SCAM_EN, SCAM_ZH, Chat, buttons


def test_data_refuses_more_than_64_bytes():
    assert callbacks.data("rem", "z", 180, "2130", "America/Los_Angeles") == "rem:z:180:2130:America/Los_Angeles"
    with pytest.raises(ValueError):
        callbacks.data("kb", "x" * 62)
    assert not callbacks.fits("kb", "数" * 21)  # 3 bytes a character in UTF-8
    assert callbacks.parse(None) == [] and callbacks.parse("a:b") == ["a", "b"]


async def collect(chat: Chat, moderator: Chat, group: Chat) -> list:
    """Every button of a tour through the bot's features."""
    shown = []
    for say in ("/start", "/lang", "/forget", "/remind", SCAM_ZH, SCAM_EN, "/ask how do I track my parcel safely",
                "How do I hide my phone number on parcels?", "/report " + SCAM_EN):
        for reply in (await chat.say(say, forwarded=say in (SCAM_ZH, SCAM_EN))).replies:
            shown.extend(buttons(reply))
    for days in INTERVALS:
        times = (await chat.press(f"rem:i:{days}")).replies[0]
        shown.extend(buttons(times))
        for time_button in buttons(times):
            shown.extend(buttons((await chat.press(time_button)).replies[0]))
    for reply in (await moderator.say("/broadcast " + "alert " * 600)).replies:
        shown.extend(buttons(reply))
    for reply in (await moderator.say("/pending")).replies:
        shown.extend(buttons(reply))
    shown.extend(buttons((await group.say("/groupsettings", sender_is_chat_admin=True)).replies[0]))
    for lang in LANGS:
        shown.extend(buttons(reminder_reply(lang)))
        shown.extend(buttons(alert_reply(2**62, "x", lang)))
    return shown


async def test_every_button_fits_in_64_bytes_and_is_handled(chat, moderator, group):
    shown = await collect(chat, moderator, group)
    prefixes = {b.callback_data.split(":")[0] for b in shown}
    assert prefixes >= {"v", "lang", "forget", "rem", "bc", "al", "rp", "gs", "kb", "flow"}
    for button in shown:
        assert len(button.callback_data.encode("utf-8")) <= 64, button.callback_data
    for button in shown:
        presser = moderator if button.callback_data.split(":")[0] in ("bc", "rp") else chat
        if button.callback_data.startswith("gs:"):
            outcome = await group.press(button, sender_is_chat_admin=True)
        else:
            outcome = await presser.press(button)
        assert outcome.replies or outcome.callback_answer is not None, button.callback_data
        said = [r.text for r in outcome.replies] + [outcome.callback_answer or ""]
        assert not any("try again" in text for text in said), button.callback_data
