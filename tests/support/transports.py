"""The real aiogram transport, pointed at the stand-in Bot API server, for tests and benches."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.adapters.aiogram_adapter import AiogramTransport, build_bot
from support.botapi import TOKEN


@asynccontextmanager
async def aiogram_transport(base_url: str, request_timeout: float = 40.0) -> AsyncIterator[AiogramTransport]:
    bot = build_bot(TOKEN, base_url, request_timeout)
    try:
        yield AiogramTransport(bot)
    finally:
        await bot.session.close()
