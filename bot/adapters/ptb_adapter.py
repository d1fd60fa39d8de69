"""The python-telegram-bot 22 adapter: PTB's `Bot` speaks to Telegram, `handlers` decide what to say.

`PtbTransport` sends and edits replies and maps PTB's exceptions onto `bot.transport`, so the shared
delivery policy in `bot.adapters.common` (wait on 429, mark inactive on 403, back off on 5xx and
time-outs) works unchanged. `PtbApi` offers the few other Bot API calls the shared update path needs
(`common.serve_updates`: start-up, long polling, webhook, events, per-user order), so both adapters
behave the same by construction.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import httpx
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    ReplyParameters,
    Update,
)
from telegram import error as tg_error
from telegram.request import HTTPXRequest
from telegram.warnings import PTBUserWarning

from bot import transport
from bot.adapters.common import ALLOWED_UPDATES, ImageTooLarge, Webhook, serve_updates, skipped_update
from handlers.events import Reply

if TYPE_CHECKING:
    from bot.app import App

# Polling asks for the raw answer (`PtbApi.fetch_updates`); PTB suggests `get_updates` instead, which would
# parse the whole batch at once and log it, message text included, when one update fails to parse.
warnings.filterwarnings("ignore", message=r"Please use 'Bot\.getUpdates'", category=PTBUserWarning)


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
    except tg_error.TimedOut as exc:
        if isinstance(exc.__cause__, (httpx.ConnectTimeout, httpx.PoolTimeout)):  # the request never left
            raise transport.Transient(_clean(exc.message, token)) from None
        raise transport.TimedOut(_clean(exc.message, token)) from None
    except tg_error.NetworkError as exc:  # connection loss, 5xx
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


POLL_READ_MARGIN = 10.0  # seconds a long poll may take beyond its own timeout before it counts as lost


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
        get_updates_request=HTTPXRequest(connection_pool_size=1, read_timeout=POLL_READ_MARGIN,
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


# ----- the calls the shared update path needs -------------------------------------------------------------
def read_update(data: Any, bot: Bot) -> Update | None:
    """One raw update as PTB's `Update`, or None (logged by id only) when PTB cannot read it.

    PTB reads leniently (a message without its chat passes; `UpdateReader` skips it later); what it
    refuses, a self-hosted Bot API server older or newer than PTB may still send, and one such update
    must cost only itself, not stall every update behind it.
    """
    try:
        return Update.de_json(data, bot)
    except Exception as exc:  # noqa: BLE001 - whatever PTB raises on a malformed update, skip only that one
        # The exception's text may quote the update's content: only its type is logged.
        skipped_update(data, "python-telegram-bot", type(exc).__name__)
        return None


def readable_updates(answer: Any, bot: Bot) -> tuple[list[Update], int | None]:
    """The readable updates of a raw getUpdates result and the highest update id seen (None: none seen),
    so the offset moves past the unreadable ones too."""
    if not isinstance(answer, list):
        return [], None
    readable = [update for item in answer if (update := read_update(item, bot)) is not None]
    ids = [item["update_id"] for item in answer if isinstance(item, dict) and isinstance(item.get("update_id"), int)]
    return readable, max(ids) if ids else None


class PtbApi:
    """`bot.adapters.common.BotApi` over a PTB `Bot`: the calls the shared update loop needs."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def get_me(self) -> tuple[str | None, bool | None]:
        with mapped_errors(self.bot.token):
            await self.bot.initialize()  # getMe, once; again after a failed attempt
        return self.bot.username, self.bot.bot.can_read_all_group_messages

    async def set_commands(self, commands: list[tuple[str, str]], language: str | None, chat_id: int | None) -> None:
        scope = BotCommandScopeDefault() if chat_id is None else BotCommandScopeChat(chat_id)
        with mapped_errors(self.bot.token):
            await self.bot.set_my_commands([BotCommand(c, d) for c, d in commands], scope=scope, language_code=language)

    async def fetch_updates(self, offset: int | None, timeout: int) -> tuple[list[Update], int | None]:
        """The raw answer, read update by update: PTB's `get_updates` parses a batch as a whole and logs
        all of it, message text included, when one update fails."""
        params: dict[str, Any] = {"timeout": timeout, "allowed_updates": ALLOWED_UPDATES}
        if offset is not None:
            params["offset"] = offset
        with mapped_errors(self.bot.token):
            # The server may hold the poll for `timeout` seconds before answering.
            answer = await self.bot.do_api_request("getUpdates", api_kwargs=params,
                                                   read_timeout=POLL_READ_MARGIN + timeout)
        return readable_updates(answer, self.bot)

    def read_update(self, data: Any) -> Update | None:
        return read_update(data, self.bot)

    def dump_update(self, update: Update) -> dict[str, Any]:
        return update.to_dict()

    async def download(self, file_id: str, limit: int) -> bytes | None:
        with mapped_errors(self.bot.token):
            file = await self.bot.get_file(file_id)
            if not file.file_path:
                return None
            if file.file_size is not None and file.file_size > limit:
                raise ImageTooLarge
            return bytes(await file.download_as_bytearray())

    async def member_status(self, chat_id: int, user_id: int) -> str:
        with mapped_errors(self.bot.token):
            return (await self.bot.get_chat_member(chat_id, user_id)).status

    async def answer_callback(self, query_id: str, text: str | None, alert: bool) -> None:
        with mapped_errors(self.bot.token):
            await self.bot.answer_callback_query(query_id, text=text, show_alert=alert)

    async def delete_webhook(self) -> None:
        with mapped_errors(self.bot.token):
            await self.bot.delete_webhook(drop_pending_updates=False)

    async def set_webhook(self, url: str, secret: str) -> None:
        with mapped_errors(self.bot.token):
            await self.bot.set_webhook(url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)


async def serve(app: App, webhook: Webhook | None, stop: asyncio.Event) -> None:
    """Run the bot until `stop` is set: long polling, or a webhook server when `webhook` is given.

    PTB's own `Updater` and webhook server are not used: the shared loop skips an update it cannot read
    instead of fetching it again forever, backs off at most 15 s, and needs no tornado.
    """
    telegram = app.settings.telegram
    assert telegram.token is not None, "serve needs a token; without one, bot.app.run starts the console"
    bot = build_bot(telegram.token.get_secret_value(), telegram.api_base, telegram.request_timeout)
    try:
        await serve_updates(app, PtbApi(bot), PtbTransport(bot), webhook, stop, "python-telegram-bot")
    finally:
        await bot.shutdown()
