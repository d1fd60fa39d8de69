"""The aiogram 3 adapter: aiogram's `Bot` speaks to Telegram, `handlers` decide what to say.

`AiogramTransport` sends and edits replies and maps aiogram's exceptions onto `bot.transport`, so the
shared delivery policy in `bot.adapters.common` (wait on 429, mark inactive on 403, back off on 5xx and
time-outs) works unchanged.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import (
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    ReplyParameters,
)

from bot import transport
from handlers.events import Reply


@contextmanager
def mapped_errors(token: str) -> Iterator[None]:
    """Re-raise aiogram's errors as `bot.transport` errors, with the token blanked out of descriptions.

    `TelegramEntityTooLarge` subclasses `TelegramNetworkError` but retrying it cannot help: it is a 400.
    """
    try:
        yield
    except TelegramRetryAfter as exc:
        raise transport.RetryAfter(float(exc.retry_after), _clean(exc.message, token)) from None
    except TelegramForbiddenError as exc:
        raise transport.Forbidden(_clean(exc.message, token)) from None
    except TelegramBadRequest as exc:
        raise transport.BadRequest(_clean(exc.message, token)) from None
    except (TelegramServerError, TelegramNetworkError) as exc:
        if type(exc).__name__ == "TelegramEntityTooLarge":
            raise transport.BadRequest(_clean(exc.message, token)) from None
        raise transport.Transient(_clean(exc.message, token)) from None
    except asyncio.TimeoutError:
        raise transport.Transient("request timed out") from None
    except TelegramAPIError as exc:  # 401/404 (bad token), 409 (another poller), chat migrated
        raise transport.TelegramError(_clean(exc.message, token)) from None


def _clean(description: str, token: str) -> str:
    return description.replace(token, "<token>") if token else description


def inline_keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=b.text, url=b.url) if b.url else InlineKeyboardButton(text=b.text, callback_data=b.callback_data)
         for b in row]
        for row in reply.buttons
    ])


def build_bot(token: str, api_base: str, request_timeout: float = 40.0) -> Bot:
    """An aiogram `Bot` calling `{api_base}/bot<token>/<method>`, files from `{api_base}/file/bot<token>/…`."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_base), timeout=request_timeout)
    return Bot(token, session=session)


class AiogramTransport:
    """`bot.transport.Transport` over an aiogram `Bot`."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, chat_id: int, reply: Reply) -> int:
        reply_parameters = (
            ReplyParameters(message_id=reply.reply_to_message_id, allow_sending_without_reply=True)
            if reply.reply_to_message_id else None
        )
        with mapped_errors(self.bot.token):
            if reply.photo is not None:
                message = await self.bot.send_photo(
                    chat_id, BufferedInputFile(reply.photo, filename="chart.png"), caption=reply.text or None,
                    parse_mode=reply.parse_mode, reply_markup=inline_keyboard(reply), reply_parameters=reply_parameters,
                )
            else:
                message = await self.bot.send_message(
                    chat_id, reply.text, parse_mode=reply.parse_mode, reply_markup=inline_keyboard(reply),
                    reply_parameters=reply_parameters,
                    link_preview_options=LinkPreviewOptions(is_disabled=reply.disable_preview),
                )
        return message.message_id

    async def edit(self, chat_id: int, message_id: int, reply: Reply) -> None:
        with mapped_errors(self.bot.token):
            await self.bot.edit_message_text(
                text=reply.text, chat_id=chat_id, message_id=message_id, parse_mode=reply.parse_mode,
                reply_markup=inline_keyboard(reply),
                link_preview_options=LinkPreviewOptions(is_disabled=reply.disable_preview),
            )
