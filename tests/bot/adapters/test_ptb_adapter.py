"""The python-telegram-bot adapter against the stand-in Bot API server, over real HTTP."""

from __future__ import annotations

import pytest

from bot import transport
from bot.adapters.ptb_adapter import PtbTransport, build_bot
from handlers.events import Button, Reply
from support.botapi import TOKEN


@pytest.fixture
async def ptb_transport(botapi):
    bot = build_bot(TOKEN, botapi.base_url, request_timeout=0.5)
    async with bot:
        yield PtbTransport(bot)


# ----- PtbTransport: what goes over the wire ----------------------------------------------------------

async def test_send_carries_text_markup_buttons_and_reply_to(botapi, ptb_transport):
    reply = Reply("🚨 <b>Scam</b>", buttons=((Button("Why?", "why:abc"), Button("Guide", url="https://example.org/g")),),
                  reply_to_message_id=1234)
    message_id = await ptb_transport.send(42, reply)

    (call,) = botapi.calls_of("sendMessage", 42)
    assert message_id == botapi.sent_message(call)["message_id"]
    assert call.params["text"] == "🚨 <b>Scam</b>"
    assert call.params["parse_mode"] == "HTML"
    assert call.params["reply_markup"] == {"inline_keyboard": [[
        {"text": "Why?", "callback_data": "why:abc"}, {"text": "Guide", "url": "https://example.org/g"}]]}
    assert call.params["reply_parameters"] == {"message_id": 1234, "allow_sending_without_reply": True}
    assert call.params["link_preview_options"] == {"is_disabled": True}


async def test_plain_text_reply_is_sent_without_parse_mode(botapi, ptb_transport):
    await ptb_transport.send(42, Reply("a <b> that is not markup", parse_mode=None))
    (call,) = botapi.calls_of("sendMessage", 42)
    assert call.params["text"] == "a <b> that is not markup"
    assert "parse_mode" not in call.params
    assert "reply_markup" not in call.params


async def test_photo_reply_uploads_png_with_caption(botapi, ptb_transport):
    png = b"\x89PNG\r\n\x1a\n chart bytes"
    await ptb_transport.send(42, Reply("Stats · 30 days", photo=png))
    (call,) = botapi.calls_of("sendPhoto", 42)
    assert call.params["photo"] == png
    assert call.params["caption"] == "Stats · 30 days"


async def test_edit_replaces_text_and_buttons(botapi, ptb_transport):
    await ptb_transport.edit(42, 1001, Reply("12 / 40 sent", buttons=((Button("Cancel", "bc:1"),),)))
    (call,) = botapi.calls_of("editMessageText", 42)
    assert int(call.params["message_id"]) == 1001
    assert call.params["text"] == "12 / 40 sent"
    assert call.params["reply_markup"] == {"inline_keyboard": [[{"text": "Cancel", "callback_data": "bc:1"}]]}


# ----- PtbTransport: Telegram's errors become bot.transport errors ------------------------------------

async def test_429_becomes_retry_after_with_seconds(botapi, ptb_transport):
    botapi.fail_next("sendMessage", 429, retry_after=3)
    with pytest.raises(transport.RetryAfter) as caught:
        await ptb_transport.send(42, Reply("hi"))
    assert caught.value.retry_after == 3.0


async def test_403_becomes_forbidden(botapi, ptb_transport):
    botapi.blocked.add(43)
    with pytest.raises(transport.Forbidden, match="blocked"):
        await ptb_transport.send(43, Reply("hi"))
    with pytest.raises(transport.Forbidden):
        await ptb_transport.edit(43, 1000, Reply("hi"))


@pytest.mark.parametrize("status", [500, 502])
async def test_5xx_becomes_transient(botapi, ptb_transport, status):
    botapi.fail_next("sendMessage", status)
    with pytest.raises(transport.Transient):
        await ptb_transport.send(42, Reply("hi"))


async def test_400_becomes_bad_request_not_transient(botapi, ptb_transport):
    # PTB's BadRequest subclasses NetworkError: it must not be retried as if the network failed.
    botapi.fail_next("sendMessage", 400)
    with pytest.raises(transport.BadRequest) as caught:
        await ptb_transport.send(42, Reply("hi"))
    assert not isinstance(caught.value, transport.Transient)


async def test_hanging_call_times_out_as_transient(botapi, ptb_transport):
    botapi.fail_next("sendMessage", 0, hang=2.0)
    with pytest.raises(transport.Transient):
        await ptb_transport.send(42, Reply("hi"))


async def test_lost_server_is_transient_and_token_stays_out_of_the_message(botapi):
    from support.botapi import BotApiServer

    gone = BotApiServer().start()
    base = gone.base_url
    gone.stop()
    bot = build_bot(TOKEN, base, request_timeout=0.5)
    async with bot.request:  # no getMe on start: the server is gone
        with pytest.raises(transport.Transient) as caught:
            await PtbTransport(bot).send(42, Reply("hi"))
    assert TOKEN not in str(caught.value)
    assert TOKEN.split(":")[1] not in str(caught.value)
