"""The python-telegram-bot 22 adapter: PTB's `Bot` speaks to Telegram, `handlers` decide what to say.

`PtbTransport` sends and edits replies and maps PTB's exceptions onto `bot.transport`, so the shared
delivery policy (wait on 429, mark inactive on 403, back off on 5xx and time-outs) works unchanged.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, ReplyParameters
from telegram import error as tg_error
from telegram.request import HTTPXRequest

from bot import transport
from handlers.events import Reply


def _retry_after_seconds(exc: tg_error.RetryAfter) -> float:
    """PTB 22 gives `retry_after` as int seconds or as a timedelta (opt-in `PTB_TIMEDELTA`)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PTB's notice about the future timedelta type, read here only
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


@contextmanager
def mapped_errors(token: str) -> Iterator[None]:
    """Re-raise PTB's errors as `bot.transport` errors, with the token blanked out of every description.

    PTB's `BadRequest` and `TimedOut` both subclass `NetworkError`, and Telegram's 5xx arrive as a plain
    `NetworkError`: the order of the clauses below is what tells them apart.
    """
    try:
        yield
    except tg_error.RetryAfter as exc:
        raise transport.RetryAfter(_retry_after_seconds(exc), _clean(exc.message, token)) from None
    except tg_error.Forbidden as exc:
        raise transport.Forbidden(_clean(exc.message, token)) from None
    except tg_error.BadRequest as exc:
        raise transport.BadRequest(_clean(exc.message, token)) from None
    except tg_error.NetworkError as exc:  # TimedOut, connection loss, 5xx
        raise transport.Transient(_clean(exc.message, token)) from None
    except tg_error.TelegramError as exc:  # 401/404 (bad token), 409 (another poller), chat migrated
        raise transport.TelegramError(_clean(exc.message, token)) from None


def _clean(description: str, token: str) -> str:
    return description.replace(token, "<token>") if token else description


def inline_keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.text, url=b.url, callback_data=None if b.url else b.callback_data) for b in row]
         for row in reply.buttons]
    )


def build_bot(token: str, api_base: str, request_timeout: float = 40.0) -> Bot:
    """A PTB `Bot` calling `{api_base}/bot<token>/<method>` and downloading from `{api_base}/file/bot<token>/…`.

    Long polling gets a connection of its own (PTB adds the poll's own timeout to its read timeout), so
    a slow send never waits behind a quiet poll.
    """
    return Bot(
        token,
        base_url=f"{api_base}/bot",
        base_file_url=f"{api_base}/file/bot",
        request=HTTPXRequest(connection_pool_size=64, read_timeout=request_timeout, write_timeout=request_timeout,
                             connect_timeout=min(request_timeout, 10.0), pool_timeout=request_timeout),
        get_updates_request=HTTPXRequest(connection_pool_size=1, read_timeout=10.0,
                                         connect_timeout=min(request_timeout, 10.0)),
    )


class PtbTransport:
    """`bot.transport.Transport` over an initialised PTB `Bot`."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, chat_id: int, reply: Reply) -> int:
        reply_parameters = (
            ReplyParameters(reply.reply_to_message_id, allow_sending_without_reply=True)
            if reply.reply_to_message_id else None
        )
        with mapped_errors(self.bot.token):
            if reply.photo is not None:
                message = await self.bot.send_photo(
                    chat_id, reply.photo, caption=reply.text or None, parse_mode=reply.parse_mode,
                    reply_markup=inline_keyboard(reply), reply_parameters=reply_parameters, filename="chart.png",
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
                reply.text, chat_id=chat_id, message_id=message_id, parse_mode=reply.parse_mode,
                reply_markup=inline_keyboard(reply),
                link_preview_options=LinkPreviewOptions(is_disabled=reply.disable_preview),
            )
