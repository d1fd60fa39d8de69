"""End to end, account commands: /start /help /lang /privacy /forget /subscribe /unsubscribe /remind."""

from __future__ import annotations

import pytest

from handlers.texts import t

pytestmark = pytest.mark.asyncio(loop_scope="module")


def text_of(call) -> str:
    return call.params.get("text") or ""


async def test_start_says_what_the_bot_does_and_offers_languages(tg):
    user = tg.new_user()
    (start,) = await tg.say(user, "/start")
    assert "ShopSafe" in text_of(start) and "/privacy" in text_of(start)
    labels = [b["text"] for row in start.params["reply_markup"]["inline_keyboard"] for b in row]
    assert len(labels) == 3  # 简体中文 / 繁體中文 / English
    await tg.barrier(user)
    assert len(tg.sent(user)) == 1  # /start is its own welcome


async def test_help_and_privacy_answer(tg):
    user = await tg.user()
    (help_,) = await tg.say(user, "/help")
    assert "/check" in text_of(help_)
    (privacy,) = await tg.say(user, "/privacy")
    assert str(tg.app.settings.privacy.report_retention_days) in text_of(privacy)


async def test_lang_switches_the_language_of_later_answers(tg):
    user = await tg.user()
    (menu,) = await tg.say(user, "/lang")
    _, (confirmed,) = await tg.press(user, menu, "繁體", expect=1)
    assert text_of(confirmed) == t("lang.set", "zh-Hant")
    assert (await tg.store.get_user(user)).language == "zh-Hant"
    (help_,) = await tg.say(user, "/help")
    assert text_of(help_).startswith(t("help", "zh-Hant")[:10])


async def test_telegram_language_is_used_for_a_new_user(tg):
    (verdict,) = await tg.say(tg.new_user(), "/check " + tg.SCAM_EN, language_code="zh-hans")
    assert text_of(verdict).startswith("🚨")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text_of(verdict))


async def test_forget_asks_then_deletes_everything(tg):
    user = await tg.user()
    await tg.say(user, "/subscribe")
    (confirm,) = await tg.say(user, "/forget")
    assert await tg.store.get_user(user) is not None
    await tg.press(user, confirm, "", data="forget:yes")
    await tg.api.wait_for(lambda s: (tg.last_edit(user) or {}).get("text") == t("forget.done", "en"))
    assert await tg.store.get_user(user) is None


async def test_subscribe_and_unsubscribe_take_effect_at_once_without_start(tg):
    user = tg.new_user()
    (on, _welcome) = await tg.say(user, "/subscribe", expect=2)
    assert text_of(on) == t("subscribe.on", "en")
    assert (await tg.store.get_user(user)).subscribed is True
    (off,) = await tg.say(user, "/unsubscribe")
    assert text_of(off) == t("subscribe.off", "en")
    assert (await tg.store.get_user(user)).subscribed is False


async def test_remind_walks_through_buttons_and_stores_the_reminder(tg):
    user = await tg.user()
    (choose,) = await tg.say(user, "/remind")
    await tg.press(user, choose, "90")
    times = await tg.api.wait_for(lambda s: tg.last_edit(user))
    first_time = times["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await tg.press(user, choose, "", data=first_time)
    zones = await tg.api.wait_for(lambda s: (e := tg.last_edit(user)) and e is not times and e)
    zone = zones["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await tg.press(user, choose, "", data=zone)
    reminder = await tg.store.get_reminder(user)
    assert reminder is not None and reminder.interval_days == 90
    (off,) = await tg.say(user, "/remind off")
    assert await tg.store.get_reminder(user) is None
    assert text_of(off) == t("remind.off", "en")


async def test_unknown_command_gets_an_answer(tg):
    (answer,) = await tg.say(await tg.user(), "/frobnicate")
    assert text_of(answer) == t("unknown.command", "en")


async def test_empty_and_binary_looking_text_loses_nothing(tg):
    user = await tg.user()
    (answer,) = await tg.say(user, "\u200b\x00\ufffd")
    assert text_of(answer)
    (verdict,) = await tg.say(user, "/check " + "混合 mixed 文字 " * 3000)  # far over the check limit
    assert text_of(verdict).startswith(("🚨", "⚠️", "ℹ️"))


async def test_command_menus_are_set_per_language_and_for_each_moderator(tg):
    menus = [c.params for c in tg.api.calls_of("setMyCommands")]
    public = {m.get("language_code") for m in menus if (m.get("scope") or {"type": "default"})["type"] == "default"}
    assert public == {None, "zh"}
    moderators = [m for m in menus if (m.get("scope") or {}).get("type") == "chat"]
    assert {int(m["scope"]["chat_id"]) for m in moderators} == {tg.MODERATOR}
    assert {m.get("language_code") for m in moderators} == {None, "zh"}
    commands = {c["command"] for m in moderators for c in m["commands"]}
    assert {"broadcast", "pending", "stats", "check"} <= commands
    assert not {"broadcast", "pending"} & {c["command"] for m in menus if m not in moderators for c in m["commands"]}


async def test_check_as_a_reply_to_a_photo_fetches_that_photo(tg):
    user = await tg.user()
    file_id = tg.api.add_file(b"\x89PNG\r\n\x1a\n screenshot of a chat")
    photo = {"message_id": 77, "date": 0, "chat": {"id": user, "type": "private"},
             "photo": [{"file_id": file_id, "file_unique_id": "u" + file_id, "width": 10, "height": 10, "file_size": 30}]}
    (answer,) = await tg.say(user, "/check", reply_to=photo)
    assert any(c.params.get("file_id") == file_id for c in tg.api.calls_of("getFile"))
    assert answer.params["text"]  # OCR is off in this suite: the honest "cannot read images here"
