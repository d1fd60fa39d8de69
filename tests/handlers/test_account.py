"""handlers.account: /start, /help, /lang, /privacy, /forget, /subscribe, /unsubscribe."""

from __future__ import annotations

from support.handler_chat import MODERATOR, SCAM_EN, Chat, button


async def test_start_says_what_the_bot_does_and_stores_and_offers_languages(chat):
    outcome = await chat.say("/start")
    assert len(outcome.replies) == 1  # /start is the welcome: no second one
    text = outcome.replies[0].text
    assert "never stored" in text and "/privacy" in text
    assert [b.callback_data for row in outcome.replies[0].buttons for b in row] == [
        "lang:zh-Hans", "lang:zh-Hant", "lang:en"]


async def test_language_follows_telegram_then_lang_switches_it(ctx):
    chat = Chat(ctx, user_id=11, chat_id=11, language_code="zh-TW")
    assert "我能做什麼" in (await chat.say("/help")).replies[0].text
    switched = await chat.press("lang:en")
    assert switched.replies[0].text.startswith("✅") and "English" in switched.replies[0].text
    assert "What I can do" in (await chat.say("/help")).replies[0].text
    assert (await ctx.store.get_user(11)).language == "en"
    await chat.press("lang:zh-Hans")
    assert "我能做什么" in (await chat.say("/help")).replies[0].text
    bogus = await chat.press("lang:klingon")
    assert bogus.replies == [] and bogus.callback_answer


async def test_help_shows_moderator_commands_only_to_moderators(ctx, chat):
    assert "/broadcast" not in (await chat.say("/help")).replies[0].text
    moderator = Chat(ctx, user_id=MODERATOR, chat_id=MODERATOR)
    assert "/broadcast" in (await moderator.say("/help")).replies[0].text


async def test_privacy_states_exactly_what_is_kept_and_for_how_long(chat, ctx):
    text = (await chat.say("/privacy")).replies[0].text
    assert f"{ctx.limits.report_retention_days} days" in text
    assert f"{ctx.limits.callback_ttl_seconds // 60} minutes" in text
    for item in ("user id", "language", "reminder", "masked", "audit", "no text"):
        assert item in text


async def test_subscribe_works_without_start_and_unsubscribe_confirms(ctx):
    chat = Chat(ctx, user_id=12, chat_id=12)
    on = await chat.say("/subscribe")
    assert on.replies[0].text.startswith("🔔")
    assert (await ctx.store.get_user(12)).subscribed
    off = await chat.say("/unsubscribe")
    assert off.replies[0].text.startswith("🔕")
    assert not (await ctx.store.get_user(12)).subscribed


async def test_forget_asks_first_then_deletes_everything_including_memory(chat, ctx):
    await chat.say("/subscribe")
    await chat.say("/remind 30 09:00 Asia/Shanghai")
    verdict = (await chat.say(SCAM_EN, forwarded=True)).replies[0]
    await chat.press(button(verdict, "v:rep"))
    ask = await chat.say("/forget")
    assert await ctx.store.get_user(chat.user_id) is not None  # nothing happens before the confirmation
    kept = await chat.press(button(ask.replies[0], "forget:no"))
    assert kept.replies[0].edit_message_id == 42
    assert await ctx.store.get_user(chat.user_id) is not None
    done = await chat.press(button(ask.replies[0], "forget:yes"))
    assert done.replies[0].text.startswith("🗑")
    assert await ctx.store.get_user(chat.user_id) is None
    assert await ctx.store.get_reminder(chat.user_id) is None
    assert await ctx.store.pending_reports() == []
    expired = await chat.press(button(verdict, "v:why"))
    assert "expired" in expired.replies[0].text


async def test_region_is_chosen_with_buttons_stored_shown_in_privacy_and_used_by_answers(ctx):
    chat = Chat(ctx, user_id=31, chat_id=31, language_code="en")
    offer = (await chat.say("/region")).replies[0]
    codes = [b.callback_data for row in offer.buttons for b in row]
    assert codes == [f"region:{code}" for code in ("CN", "TW", "HK", "SG", "MY", "UK", "US", "AU", "IN", "EU")] + [
        "region:none"]
    assert "not set" in offer.text
    assert "Where are you?" in (await chat.say("where do I report a scam?")).replies[0].text
    chosen = await chat.press("region:UK")
    assert "United Kingdom" in chosen.replies[0].text
    assert (await ctx.store.get_user(31)).region == "UK"
    assert "United Kingdom" in (await chat.say("/privacy")).replies[0].text
    assert "Report Fraud" in (await chat.say("where do I report a scam?")).replies[0].text
    # A place the question names wins over the stored one.
    assert "18222" in (await chat.say("where do I report a scam in Hong Kong?")).replies[0].text
    await chat.press("region:none")
    assert (await ctx.store.get_user(31)).region is None
    # No stored place now: a short question reads with the last one, which named Hong Kong.
    assert "18222" in (await chat.say("where do I report a scam?")).replies[0].text
    bogus = await chat.press("region:XX")
    assert bogus.replies == [] and bogus.callback_answer


async def test_region_texts_exist_in_traditional_chinese(ctx):
    chat = Chat(ctx, user_id=32, chat_id=32, language_code="zh-TW")
    offer = (await chat.say("/region")).replies[0]
    assert "你住在哪裡" in offer.text and any(b.text == "臺灣" for row in offer.buttons for b in row)
    assert "臺灣" in (await chat.press("region:TW")).replies[0].text
