"""handlers.reminders: the /remind dialogue, typed settings, and the reminder's own buttons."""

from __future__ import annotations

import datetime as dt

from handlers.reminders import reminder_reply
from handlers.texts import LANGS
from support.handler_chat import button


async def test_buttons_walk_interval_time_and_zone_then_store_the_reminder(chat, ctx):
    start = await chat.say("/remind")
    assert [b.callback_data for row in start.replies[0].buttons for b in row] == [
        "rem:i:30", "rem:i:60", "rem:i:90", "rem:i:180", "rem:off"]
    times = await chat.press("rem:i:90")
    assert times.replies[0].edit_message_id == 42
    at_eight = button(times.replies[0], "rem:t:90:2000")
    zones = await chat.press(at_eight)
    london = button(zones.replies[0], "rem:z:90:2000:Europe/London")
    done = await chat.press(london)
    assert done.replies[0].text.startswith("✅")
    record = await ctx.store.get_reminder(chat.user_id)
    assert (record.interval_days, record.hour, record.minute, record.timezone) == (90, 20, 0, "Europe/London")
    again = await chat.say("/remind")
    assert "every 90 days at 20:00 (Europe/London)" in again.replies[0].text


async def test_zone_buttons_start_with_the_users_likely_zone(zh_chat):
    zones = await zh_chat.press("rem:t:30:0900")
    first = zones.replies[0].buttons[0][0]
    assert first.callback_data == "rem:z:30:0900:Asia/Shanghai"


async def test_typed_settings_and_bad_ones(chat, ctx):
    assert (await chat.say("/remind 60 07:30 Asia/Taipei")).replies[0].text.startswith("✅")
    assert (await ctx.store.get_reminder(chat.user_id)).timezone == "Asia/Taipei"
    for bad in ("/remind 45 07:30 Asia/Taipei", "/remind 60 25:00 UTC", "/remind 60 07:30 Mars/Base",
                "/remind soon", "/remind 60 07:30 UTC extra"):
        assert "/remind 90 20:00" in (await chat.say(bad)).replies[0].text, bad
    assert (await chat.say("/remind off")).replies[0].text.startswith("🔕")
    assert await ctx.store.get_reminder(chat.user_id) is None


async def test_forged_reminder_callbacks_are_refused(chat, ctx):
    for data in ("rem:i:45", "rem:t:90:2500", "rem:z:90:2000:Nowhere/Town", "rem:z:90:20:UTC", "rem:zz"):
        outcome = await chat.press(data)
        assert outcome.replies == [] and outcome.callback_answer, data
    assert await ctx.store.get_reminder(chat.user_id) is None


def test_the_check_up_leads_with_reuse_breach_and_phishing_checks_in_every_language():
    # The reminder once said "Change the passwords of your shopping and payment accounts" every N days.
    words = {"en": ("more than one site", "breach", "link"), "zh-Hans": ("多个网站", "泄露", "链接"),
             "zh-Hant": ("好幾個網站", "外洩", "連結")}
    for lang in LANGS:
        checks = [line for line in reminder_reply(lang).text.splitlines() if line.startswith("☐")]
        for check, word in zip(checks, words[lang]):
            assert word in check, (lang, check)
        assert "NIST" in reminder_reply(lang).text


def test_reminder_reply_has_the_checklist_and_three_buttons_in_every_language():
    for lang in LANGS:
        reply = reminder_reply(lang)
        assert reply.text.count("☐") == 5
        assert [b.callback_data for row in reply.buttons for b in row] == ["rem:done", "rem:later", "rem:stop"]


async def test_done_tomorrow_and_stop(chat, ctx):
    await chat.say("/remind 30 09:00 UTC")
    done = await chat.press("rem:done")
    assert done.replies[0].text.startswith("✅")
    later = await chat.press("rem:later")
    assert later.replies[0].text.startswith("⏰")
    assert (await ctx.store.get_reminder(chat.user_id)).next_due.date() == (ctx.clock() + dt.timedelta(days=1)).date()
    stop = await chat.press("rem:stop")
    assert stop.replies[0].text.startswith("🔕")
    assert await ctx.store.get_reminder(chat.user_id) is None
    assert "no security check-up" in (await chat.press("rem:done")).replies[0].text
    assert "no security check-up" in (await chat.press("rem:later")).replies[0].text
