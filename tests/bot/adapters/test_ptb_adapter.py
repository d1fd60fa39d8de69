"""The python-telegram-bot adapter against the stand-in Bot API server, over real HTTP."""

from __future__ import annotations

import asyncio
import socket
import time
from types import SimpleNamespace

import aiohttp
import pytest
from telegram import Update

from bot import transport
from bot.adapters.common import (
    RetryPolicy,
    UpdateReader,
    Webhook,
    apply_command_menus,
    poll,
    serve_webhook,
    update_key,
)
from bot.adapters.inbox import Inbox
from bot.adapters.ptb_adapter import PtbApi, PtbTransport, build_bot
from bot.settings import Settings
from handlers.events import Event, Outcome, Reply
from support.botapi import BOT_ID, TOKEN

GROUP = -100123
IMAGE_LIMIT = 2048


@pytest.fixture
async def bot(botapi):
    bot = build_bot(TOKEN, botapi.base_url, request_timeout=0.5)
    async with bot:
        yield bot


class Recorder:
    """Stands where `common.UpdateRunner` runs the handlers: these tests are about what PTB's objects
    become on their way there."""

    policy = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05)

    def __init__(self, slow_first: float = 0.0) -> None:
        self.events: list[Event] = []
        self.slow_first = slow_first

    async def process(self, event: Event) -> Outcome:
        if self.slow_first and not self.events:
            self.events.append(event)
            await asyncio.sleep(self.slow_first)
            return Outcome()
        self.events.append(event)
        return Outcome()


@pytest.fixture
def api(bot):
    return PtbApi(bot)


@pytest.fixture
def updates(bot, api, store):
    """The shared `UpdateReader` reading PTB's objects through `PtbApi`."""
    app = SimpleNamespace(settings=Settings.model_validate({"limits": {"max_image_bytes": IMAGE_LIMIT}}),
                          ctx=SimpleNamespace(store=store))
    reader = UpdateReader(app, api, PtbTransport(bot))
    reader.runner = Recorder()
    return reader


async def fetched(api) -> list[Update]:
    """What the stand-in server has queued, read by `PtbApi.fetch_updates` (offset not confirmed)."""
    batch, _ = await api.fetch_updates(None, 0)
    return batch


async def one_event(botapi, api, updates) -> Event | None:
    (update,) = await fetched(api)
    message = update.message or update.edited_message
    return await updates.message_event(message)


# ----- PtbTransport (the transport contract both adapters share is in test_common.py) ------------------

async def test_lost_server_is_transient_and_token_stays_out_of_the_message():
    bot = build_bot(TOKEN, "http://127.0.0.1:9", request_timeout=0.5)  # nothing listens on port 9
    async with bot.request:  # no getMe on start: there is no server
        with pytest.raises(transport.Transient) as caught:
            await PtbTransport(bot).send(42, Reply("hi"))
    assert TOKEN not in str(caught.value)
    assert TOKEN.split(":")[1] not in str(caught.value)


# ----- updates become events ----------------------------------------------------------------------------

async def test_forwarded_private_text_becomes_a_message_event(botapi, api, updates):
    botapi.push_message(501, "Your refund is ready, add me on QQ", forwarded=True, language_code="zh-hant")
    event = await one_event(botapi, api, updates)
    assert event is not None
    assert (event.kind, event.user_id, event.chat_id, event.chat_type) == ("message", 501, 501, "private")
    assert event.language_code == "zh-hant"
    assert event.text == "Your refund is ready, add me on QQ"
    assert event.forwarded is True
    assert event.message_id >= 1000
    assert event.image is None and not event.image_too_large and event.sender_is_chat_admin is None


async def test_check_as_a_reply_carries_the_replied_text_and_photo(botapi, api, updates):
    botapi.push_message(501, "the scammer's message")
    (original,) = await fetched(api)
    replied = original.message.to_dict()
    replied["caption"] = "pay here"
    replied["photo"] = [{"file_id": botapi.add_file(b"PNG-bytes"), "file_unique_id": "u9", "width": 10, "height": 10,
                         "file_size": 9}]
    botapi.push_message(501, "/check", reply_to=replied)
    later, _ = await api.fetch_updates(original.update_id + 1, 0)
    event = await updates.message_event(later[0].message)
    assert event.text == "/check"
    assert event.reply_to_text == "the scammer's message"  # text wins over a caption
    assert event.reply_to_message_id == original.message.message_id
    assert event.reply_to_image == b"PNG-bytes"


async def test_a_plain_reply_to_a_photo_downloads_nothing(botapi, api, updates):
    photo_message = {"message_id": 5, "date": 0, "chat": {"id": 501, "type": "private"},
                     "photo": [{"file_id": botapi.add_file(b"x"), "file_unique_id": "u", "width": 1, "height": 1}]}
    botapi.push_message(501, "thanks", reply_to=photo_message)
    event = await one_event(botapi, api, updates)
    assert event.reply_to_image is None
    assert botapi.calls_of("getFile") == []


async def test_photo_is_downloaded_and_its_caption_is_the_text(botapi, api, updates):
    botapi.push_message(501, photo=b"\x89PNG screenshot", caption="is this real?")
    event = await one_event(botapi, api, updates)
    assert event.image == b"\x89PNG screenshot"
    assert event.text == "is this real?"
    assert botapi.calls_of("downloadFile")


async def test_image_over_the_limit_is_refused_before_downloading(botapi, api, updates):
    botapi.push_message(501, document=b"\0" * (IMAGE_LIMIT + 1))
    event = await one_event(botapi, api, updates)
    assert event.image is None
    assert event.image_too_large is True
    assert botapi.calls_of("getFile") == [] and botapi.calls_of("downloadFile") == []


@pytest.mark.parametrize("is_admin", [True, False])
async def test_groupsettings_asks_telegram_whether_the_sender_is_an_admin(botapi, api, updates, is_admin):
    if is_admin:
        botapi.admins.add((GROUP, 501))
    botapi.push_message(501, "/groupsettings", chat_id=GROUP, chat_type="supergroup", chat_title="Buyers")
    event = await one_event(botapi, api, updates)
    assert (event.chat_id, event.chat_type, event.chat_title) == (GROUP, "supergroup", "Buyers")
    assert event.sender_is_chat_admin is is_admin
    assert len(botapi.calls_of("getChatMember", GROUP)) == 1


async def test_anonymous_admin_counts_as_admin_without_asking_telegram(bot, updates):
    update = Update.de_json({"update_id": 4, "message": {
        "message_id": 9, "date": 0, "chat": {"id": GROUP, "type": "supergroup", "title": "Buyers"},
        "from": {"id": 1087968824, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"},
        "sender_chat": {"id": GROUP, "type": "supergroup", "title": "Buyers"}, "text": "/groupsettings"}}, bot)
    event = await updates.message_event(update.message)
    assert event is not None and event.sender_is_chat_admin is True


async def test_command_addressed_to_another_bot_is_left_to_it(botapi, api, updates):
    updates.username = "shopsafe_test_bot"
    botapi.push_message(501, "/check@other_bot hello", chat_id=GROUP, chat_type="supergroup")
    botapi.push_message(501, "/check@ShopSafe_Test_Bot hello", chat_id=GROUP, chat_type="supergroup")
    other, ours = await fetched(api)
    assert await updates.message_event(other.message) is None
    assert (await updates.message_event(ours.message)).text == "/check@ShopSafe_Test_Bot hello"


async def test_group_photos_are_never_downloaded(botapi, api, updates):
    botapi.push_message(501, photo=b"\x89PNG a member's photo", chat_id=GROUP, chat_type="supergroup")
    event = await one_event(botapi, api, updates)
    assert event.image is None and not event.image_too_large
    assert botapi.calls_of("getFile") == []


async def test_ordinary_group_message_costs_no_admin_lookup(botapi, api, updates):
    botapi.push_message(501, "anyone tried the new shop?", chat_id=GROUP, chat_type="supergroup")
    event = await one_event(botapi, api, updates)
    assert event.sender_is_chat_admin is None
    assert botapi.calls_of("getChatMember") == []


async def test_messages_from_bots_and_channel_posts_are_ignored(bot, updates):
    from_bot = Update.de_json({"update_id": 1, "message": {
        "message_id": 1, "date": 0, "chat": {"id": GROUP, "type": "supergroup", "title": "g"},
        "from": {"id": 5, "is_bot": True, "first_name": "OtherBot"}, "text": "🚨 spam"}}, bot)
    post = Update.de_json({"update_id": 2, "channel_post": {
        "message_id": 2, "date": 0, "chat": {"id": -1009, "type": "channel", "title": "c"}, "text": "news"}}, bot)
    assert await updates.message_event(from_bot.message) is None
    assert update_key(post) is None


async def test_bot_added_and_removed_become_group_events(botapi, api, updates):
    botapi.push_member_update(GROUP, by_user=501, new_status="member", chat_title="Buyers")
    botapi.push_member_update(GROUP, by_user=501, new_status="kicked")
    for update in await fetched(api):
        await updates.process(update)
    assert [(e.kind, e.chat_id, e.user_id) for e in updates.runner.events] == [
        ("bot_added", GROUP, 501), ("bot_removed", GROUP, 501)]
    assert updates.runner.events[0].chat_title == "Buyers"


async def test_user_blocking_the_bot_marks_them_inactive(bot, updates, store):
    await store.ensure_user(501, "en")
    blocked = Update.de_json({"update_id": 3, "my_chat_member": {
        "chat": {"id": 501, "type": "private", "first_name": "T"}, "from": {"id": 501, "is_bot": False, "first_name": "T"},
        "date": 0, "old_chat_member": {"status": "member", "user": {"id": BOT_ID, "is_bot": True, "first_name": "S"}},
        "new_chat_member": {"status": "kicked", "until_date": 0, "user": {"id": BOT_ID, "is_bot": True, "first_name": "S"}}}},
        bot)
    await updates.process(blocked)
    assert (await store.get_user(501)).active is False
    assert updates.runner.events == []


async def test_button_press_becomes_a_callback_event_and_is_always_answered(botapi, bot, api, updates):
    sent = await bot.send_message(501, "verdict")
    botapi.push_callback(501, "v:why:abc", message=botapi.sent_message(botapi.calls_of("sendMessage")[-1]))
    (update,) = await fetched(api)
    await updates.process(update)
    (event,) = updates.runner.events
    assert (event.kind, event.callback_data, event.callback_message_id) == ("callback", "v:why:abc", sent.message_id)
    assert len(botapi.calls_of("answerCallbackQuery")) == 1


async def test_button_press_is_answered_even_when_the_handler_fails(botapi, bot, api, updates):
    async def failing(event: Event) -> Outcome:
        raise RuntimeError("boom")

    updates.runner.process = failing
    await bot.send_message(501, "verdict")
    botapi.push_callback(501, "v:why:abc", message=botapi.sent_message(botapi.calls_of("sendMessage")[-1]))
    (update,) = await fetched(api)
    with pytest.raises(RuntimeError):
        await updates.process(update)
    assert len(botapi.calls_of("answerCallbackQuery")) == 1


# ----- receiving: long polling and webhook ----------------------------------------------------------

@pytest.fixture
async def inbox(store, updates, api):
    """The inbox polling and the webhook record updates in before confirming them (a real SQLite store)."""
    opened = Inbox(store, updates, api)
    await opened.start(take_over=True)
    yield opened
    await updates.ordered.close()
    await opened.stop()


async def _polling(api, inbox, stop: asyncio.Event) -> asyncio.Task:
    return asyncio.create_task(poll(api, inbox, 1, stop))


async def test_polling_survives_server_errors_and_keeps_each_users_order(botapi, api, updates, inbox):
    updates.runner = Recorder(slow_first=0.3)  # user 1's first update is slow: user 2 must not wait for it
    botapi.fail_next("getUpdates", 502)
    stop = asyncio.Event()
    task = await _polling(api, inbox, stop)
    try:
        for n in range(4):
            botapi.push_message(1, f"one-{n}")
        botapi.push_message(2, "two-0")
        await botapi.wait_for(lambda s: len(updates.runner.events) == 5, timeout=10)
        await updates.ordered.join(5)
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
    texts = [e.text for e in updates.runner.events]
    assert [t for t in texts if t.startswith("one")] == ["one-0", "one-1", "one-2", "one-3"]
    assert texts.index("two-0") < texts.index("one-1")
    assert botapi.calls_of("getUpdates")[0].status == 502
    # On stop the offset is confirmed: nothing is fetched twice after a restart.
    assert int(botapi.calls_of("getUpdates")[-1].params["offset"]) == 6


async def test_updates_pushed_while_the_server_fails_are_all_handled(botapi, api, updates, inbox):
    stop = asyncio.Event()
    task = await _polling(api, inbox, stop)
    try:
        await botapi.wait_for(lambda s: s.calls_of("getUpdates"))
        botapi.fail_next("getUpdates", 500, count=2)
        for n in range(3):
            botapi.push_message(7, f"m{n}")
        await botapi.wait_for(lambda s: len(updates.runner.events) == 3, timeout=15)
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
    assert [e.text for e in updates.runner.events] == ["m0", "m1", "m2"]


async def test_an_update_ptb_cannot_use_is_skipped_and_polling_goes_on(botapi, api, updates, inbox, caplog):
    stop = asyncio.Event()
    task = await _polling(api, inbox, stop)
    try:
        botapi.push_raw({"message": {"message_id": 5, "date": 0, "text": "pineapple 4471",  # no chat
                                     "from": {"id": 7, "is_bot": False, "first_name": "T"}}})
        botapi.push_raw({"callback_query": {"id": "1", "data": "x"}})  # no sender: PTB refuses it
        botapi.push_message(7, "after")
        await botapi.wait_for(lambda s: updates.runner.events, timeout=10)
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
    assert [e.text for e in updates.runner.events] == ["after"]
    assert "pineapple" not in caplog.text
    assert int(botapi.calls_of("getUpdates")[-1].params["offset"]) == 4  # past the skipped ones too


class StopAfterFirstBatch:
    """The adapter's API, with the stop requested the moment a batch arrives: the poller then stops
    between two polls, before any getUpdates carries the new offset."""

    def __init__(self, api, stop: asyncio.Event) -> None:
        self.api, self.stop = api, stop

    def __getattr__(self, name):
        return getattr(self.api, name)

    async def fetch_updates(self, offset, timeout):
        batch, last = await self.api.fetch_updates(offset, timeout)
        if batch:
            self.stop.set()
        return batch, last


async def test_stopping_between_two_polls_confirms_the_updates_so_a_restart_does_not_repeat_them(
        botapi, api, updates, inbox):
    stop = asyncio.Event()
    last = botapi.push_message(7, "only")
    await asyncio.wait_for(poll(StopAfterFirstBatch(api, stop), inbox, 1, stop), 10)
    assert int(botapi.calls_of("getUpdates")[-1].params["offset"]) == last + 1
    assert botapi.pending_updates() == 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_webhook_sets_the_url_and_accepts_only_telegrams_secret(botapi, api, updates, inbox):
    hook = Webhook(url="https://bot.example.org/telegram", listen_host="127.0.0.1", listen_port=_free_port(),
                   path="/telegram", secret="s3cret-value")
    stop = asyncio.Event()
    task = asyncio.create_task(serve_webhook(api, inbox, hook, stop))
    try:
        (set_call,) = await botapi.wait_for_call("setWebhook")
        assert set_call.params["url"] == hook.url
        assert set_call.params["secret_token"] == hook.secret
        assert set_call.params["allowed_updates"] == ["message", "edited_message", "callback_query", "my_chat_member"]
        update = {"update_id": 10, "message": {"message_id": 3, "date": int(time.time()),
                  "chat": {"id": 501, "type": "private"}, "from": {"id": 501, "is_bot": False, "first_name": "T"},
                  "text": "hello"}}
        url = f"http://127.0.0.1:{hook.listen_port}/telegram"
        async with aiohttp.ClientSession() as http:
            async with http.post(url, json=update) as refused:
                assert refused.status == 401
            async with http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}) as refused:
                assert refused.status == 401
            async with http.post(url, data=b"\xff not json", headers={"X-Telegram-Bot-Api-Secret-Token": hook.secret,
                                                                       "Content-Type": "application/json"}) as bad:
                assert bad.status == 400
            unusable = {"update_id": 11, "message": {"message_id": 4, "date": 0, "text": "no chat"}}
            async with http.post(url, json=unusable, headers={"X-Telegram-Bot-Api-Secret-Token": hook.secret}) as skip:
                assert skip.status == 200  # answered, or Telegram would send it again and again
            async with http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": hook.secret}) as ok:
                assert ok.status == 200
        await updates.ordered.join(5)
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
    assert [(e.user_id, e.text) for e in updates.runner.events] == [(501, "hello")]


# ----- command menus --------------------------------------------------------------------------------

async def test_menus_are_set_per_language_and_per_moderator_chat(botapi, api):
    done = await apply_command_menus(api.set_commands, [9001, 9002])
    calls = botapi.calls_of("setMyCommands")
    assert done == len(calls) == 6
    scopes = [(c.params["scope"].get("type"), c.params["scope"].get("chat_id"), c.params.get("language_code"))
              for c in calls]
    assert scopes == [("default", None, None), ("default", None, "zh"),
                      ("chat", 9001, None), ("chat", 9002, None), ("chat", 9001, "zh"), ("chat", 9002, "zh")]
    default_en = [cmd["command"] for cmd in calls[0].params["commands"]]
    moderator_en = [cmd["command"] for cmd in calls[2].params["commands"]]
    assert "check" in default_en and "broadcast" not in default_en
    assert "broadcast" in moderator_en and "check" in moderator_en
