"""The stand-in Bot API server answers both frameworks the way Telegram does (the e2e suite relies on it)."""

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramForbiddenError, TelegramRetryAfter
from telegram import Bot as PtbBot
from telegram.error import Forbidden, RetryAfter
from telegram.request import HTTPXRequest

from support.botapi import TOKEN


def aiogram_bot(base_url: str) -> Bot:
    return Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(base_url)))


async def test_aiogram_sends_and_sees_faults(botapi):
    bot = aiogram_bot(botapi.base_url)
    try:
        me = await bot.get_me()
        assert me.username == "shopsafe_test_bot"
        sent = await bot.send_message(42, "hello <b>there</b>", parse_mode="HTML")
        assert sent.chat.id == 42
        assert botapi.sent_texts(42) == ["hello <b>there</b>"]
        botapi.fail_next("sendMessage", 429, retry_after=3)
        with pytest.raises(TelegramRetryAfter) as caught:
            await bot.send_message(42, "again")
        assert caught.value.retry_after == 3
        botapi.blocked.add(43)
        with pytest.raises(TelegramForbiddenError):
            await bot.send_message(43, "blocked")
    finally:
        await bot.session.close()


async def test_ptb_sends_and_sees_faults(botapi):
    bot = PtbBot(TOKEN, base_url=f"{botapi.base_url}/bot", base_file_url=f"{botapi.base_url}/file/bot",
                 request=HTTPXRequest(), get_updates_request=HTTPXRequest())
    async with bot:
        sent = await bot.send_message(42, "hello")
        assert sent.message_id >= 1000
        botapi.fail_next("sendMessage", 429, retry_after=2)
        with pytest.raises(RetryAfter):
            await bot.send_message(42, "again")
        botapi.blocked.add(43)
        with pytest.raises(Forbidden):
            await bot.send_message(43, "blocked")
    assert botapi.sent_texts(42) == ["hello"]


async def test_updates_are_served_once_acknowledged_and_files_download(botapi):
    bot = aiogram_bot(botapi.base_url)
    try:
        botapi.push_message(5, "first")
        botapi.push_message(5, photo=b"\x89PNG fake bytes")
        updates = await bot.get_updates(timeout=1)
        assert [u.update_id for u in updates] == [1, 2]
        assert updates[0].message.text == "first"
        file = await bot.get_file(updates[1].message.photo[-1].file_id)
        data = await bot.download_file(file.file_path)
        assert data.read() == b"\x89PNG fake bytes"
        assert await bot.get_updates(offset=3, timeout=0) == []
    finally:
        await bot.session.close()


async def test_stopping_answers_a_pending_long_poll_at_once():
    """Regression: stop() timed out while a bot that had been killed left a 30 s getUpdates open."""
    import asyncio
    import time

    from support.botapi import BotApiServer

    server = BotApiServer().start()
    bot = aiogram_bot(server.base_url)
    try:
        poll = asyncio.create_task(bot.get_updates(timeout=30, request_timeout=40))
        await server.wait_for(lambda s: s.calls_of("getUpdates"))
        started = time.monotonic()
        await asyncio.to_thread(server.stop)
        assert time.monotonic() - started < 5
        assert await poll == []
    finally:
        await bot.session.close()
