"""The real aiogram transport, pointed at the stand-in Bot API server, for tests and benches."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.adapters.aiogram_adapter import AiogramTransport, build_bot
from support.botapi import TOKEN


@asynccontextmanager
async def aiogram_transport(base_url: str) -> AsyncIterator[AiogramTransport]:
    bot = build_bot(TOKEN, base_url)
    try:
        yield AiogramTransport(bot)
    finally:
        await bot.session.close()
