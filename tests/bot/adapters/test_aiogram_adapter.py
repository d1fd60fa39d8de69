"""The aiogram adapter against the stand-in Bot API server, over real HTTP."""

from __future__ import annotations

import pytest

from bot import transport
from bot.adapters.aiogram_adapter import AiogramTransport, build_bot, readable_updates
from handlers.events import Button, Reply
from support.botapi import TOKEN


@pytest.fixture
async def aiogram_transport(botapi):
    bot = build_bot(TOKEN, botapi.base_url, request_timeout=0.5)
    try:
        yield AiogramTransport(bot)
    finally:
        await bot.session.close()


# ----- AiogramTransport: what goes over the wire ------------------------------------------------------

async def test_send_carries_text_markup_buttons_and_reply_to(botapi, aiogram_transport):
    reply = Reply("🚨 <b>Scam</b>", buttons=((Button("Why?", "why:abc"), Button("Guide", url="https://example.org/g")),),
                  reply_to_message_id=1234)
    message_id = await aiogram_transport.send(42, reply)

    (call,) = botapi.calls_of("sendMessage", 42)
    assert message_id == botapi.sent_message(call)["message_id"]
    assert call.params["text"] == "🚨 <b>Scam</b>"
    assert call.params["parse_mode"] == "HTML"
    assert call.params["reply_markup"] == {"inline_keyboard": [[
        {"text": "Why?", "callback_data": "why:abc"}, {"text": "Guide", "url": "https://example.org/g"}]]}
    assert call.params["reply_parameters"] == {"message_id": 1234, "allow_sending_without_reply": True}
    assert call.params["link_preview_options"] == {"is_disabled": True}


async def test_plain_text_reply_is_sent_without_parse_mode(botapi, aiogram_transport):
    await aiogram_transport.send(42, Reply("a <b> that is not markup", parse_mode=None))
    (call,) = botapi.calls_of("sendMessage", 42)
    assert call.params["text"] == "a <b> that is not markup"
    assert "parse_mode" not in call.params
    assert "reply_markup" not in call.params


async def test_photo_reply_uploads_png_with_caption(botapi, aiogram_transport):
    png = b"\x89PNG\r\n\x1a\n chart bytes"
    await aiogram_transport.send(42, Reply("Stats · 30 days", photo=png))
    (call,) = botapi.calls_of("sendPhoto", 42)
    assert call.params["photo"] == png
    assert call.params["caption"] == "Stats · 30 days"


async def test_edit_replaces_text_and_buttons(botapi, aiogram_transport):
    await aiogram_transport.edit(42, 1001, Reply("12 / 40 sent", buttons=((Button("Cancel", "bc:1"),),)))
    (call,) = botapi.calls_of("editMessageText", 42)
    assert int(call.params["message_id"]) == 1001
    assert call.params["text"] == "12 / 40 sent"
    assert call.params["reply_markup"] == {"inline_keyboard": [[{"text": "Cancel", "callback_data": "bc:1"}]]}


# ----- AiogramTransport: Telegram's errors become bot.transport errors --------------------------------

async def test_429_becomes_retry_after_with_telegrams_delay(botapi, aiogram_transport):
    botapi.fail_next("sendMessage", 429, retry_after=7)
    with pytest.raises(transport.RetryAfter) as caught:
        await aiogram_transport.send(42, Reply("hi"))
    assert caught.value.retry_after == 7


async def test_403_becomes_forbidden(botapi, aiogram_transport):
    botapi.blocked.add(43)
    with pytest.raises(transport.Forbidden):
        await aiogram_transport.send(43, Reply("hi"))


@pytest.mark.parametrize("status", [500, 502])
async def test_5xx_becomes_transient(botapi, aiogram_transport, status):
    botapi.fail_next("sendMessage", status)
    with pytest.raises(transport.Transient):
        await aiogram_transport.send(42, Reply("hi"))


async def test_400_becomes_bad_request(botapi, aiogram_transport):
    botapi.fail_next("editMessageText", 400)
    with pytest.raises(transport.BadRequest):
        await aiogram_transport.edit(42, 1, Reply("x"))


async def test_hanging_call_becomes_transient(botapi, aiogram_transport):
    botapi.fail_next("sendMessage", 0, hang=1.0)
    with pytest.raises(transport.Transient):
        await aiogram_transport.send(42, Reply("hi"))


async def test_lost_connection_becomes_transient_without_the_token(botapi):
    bot = build_bot(TOKEN, "http://127.0.0.1:9", request_timeout=0.5)  # nothing listens on port 9
    try:
        with pytest.raises(transport.Transient) as caught:
            await AiogramTransport(bot).send(42, Reply("hi"))
        assert TOKEN not in str(caught.value)
    finally:
        await bot.session.close()


# ----- reading updates --------------------------------------------------------------------------------

def test_an_unreadable_update_in_a_batch_costs_only_itself(caplog):
    bot = build_bot(TOKEN, "http://127.0.0.1:9")
    good = {"update_id": 7, "message": {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"}, "text": "hi"}}
    bad = {"update_id": 8, "message": {"message_id": 2, "date": 0, "text": "pineapple 4471"}}  # no chat
    readable, last = readable_updates({"ok": True, "result": [good, bad]}, bot)
    assert [u.update_id for u in readable] == [7]
    assert last == 8  # the offset moves past the unreadable one
    assert "skipped update 8" in caplog.text and "pineapple" not in caplog.text
    assert readable_updates({"ok": True, "result": "nonsense"}, bot) == ([], None)
    assert readable_updates("not even a mapping", bot) == ([], None)
