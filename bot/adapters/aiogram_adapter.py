"""The aiogram 3 adapter: aiogram's `Bot` speaks to Telegram, `handlers` decide what to say.

`AiogramTransport` sends and edits replies, `AiogramApi` makes the few other calls the shared update
loop needs; both map aiogram's exceptions onto `bot.transport`, so everything else (ordering, delivery
policy, polling, webhook) is `bot.adapters.common`, the same for both adapters.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from aiogram import Bot
from aiohttp import ConnectionTimeoutError
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    ReplyParameters,
    Update,
)
from pydantic import ValidationError

from bot import transport
from bot.adapters.common import ALLOWED_UPDATES, ImageTooLarge, Webhook, serve_updates, skipped_update
from handlers.events import Reply

if TYPE_CHECKING:
    from bot.app import App


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
        if _sent_then_timed_out(exc.__cause__):
            raise transport.TimedOut(_clean(exc.message, token)) from None
        raise transport.Transient(_clean(exc.message, token)) from None
    except asyncio.TimeoutError as exc:
        if _sent_then_timed_out(exc):
            raise transport.TimedOut("request timed out") from None
        raise transport.Transient("could not connect in time") from None
    except TelegramAPIError as exc:  # 401/404 (bad token), 409 (another poller), chat migrated
        raise transport.TelegramError(_clean(exc.message, token)) from None
    except ClientDecodeError:  # an answer this aiogram version cannot read: retrying will not help
        raise transport.TelegramError("unreadable answer from the Bot API") from None


def _sent_then_timed_out(cause: BaseException | None) -> bool:
    """A time-out after the connection was made (the request may have reached Telegram), not while
    connecting (it never left)."""
    return isinstance(cause, asyncio.TimeoutError) and not isinstance(cause, ConnectionTimeoutError)


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


# ----- receiving updates ------------------------------------------------------------------------------
def read_update(data: Any, bot: Bot) -> Update | None:
    """One raw update as aiogram's `Update`, or None (logged by id only) when this aiogram cannot read it.

    A self-hosted Bot API server older or newer than aiogram's models may omit or change a field; one
    such update must cost only itself, not stall every update behind it.
    """
    try:
        return Update.model_validate(data, context={"bot": bot})
    except ValidationError as exc:
        # The validation message quotes the update's content: only the failing fields are logged.
        fields = sorted({".".join(map(str, error["loc"])) for error in exc.errors()})[:5]
        skipped_update(data, "aiogram", "fields: " + ", ".join(fields))
        return None


def readable_updates(answer: Any, bot: Bot) -> tuple[list[Update], int | None]:
    """The updates of a getUpdates answer aiogram refused as a whole, each read on its own.

    Returns the readable ones and the highest update id seen (None when the answer holds no list), so
    the offset moves past the unreadable ones too.
    """
    items = answer.get("result") if isinstance(answer, dict) else None
    if not isinstance(items, list):
        return [], None
    readable = [update for item in items if (update := read_update(item, bot)) is not None]
    ids = [item["update_id"] for item in items if isinstance(item, dict) and isinstance(item.get("update_id"), int)]
    return readable, max(ids) if ids else None


class AiogramApi:
    """`bot.adapters.common.BotApi` over an aiogram `Bot`: the calls the shared update loop needs."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def get_me(self) -> tuple[str | None, bool | None]:
        with mapped_errors(self.bot.token):
            me = await self.bot.get_me()
        return me.username, me.can_read_all_group_messages

    async def set_commands(self, commands: list[tuple[str, str]], language: str | None, chat_id: int | None) -> None:
        scope = BotCommandScopeDefault() if chat_id is None else BotCommandScopeChat(chat_id=chat_id)
        with mapped_errors(self.bot.token):
            await self.bot.set_my_commands([BotCommand(command=c, description=d) for c, d in commands],
                                           scope=scope, language_code=language)

    async def fetch_updates(self, offset: int | None, timeout: int) -> tuple[list[Update], int | None]:
        with mapped_errors(self.bot.token):
            try:
                batch = await self.bot.get_updates(
                    offset=offset, timeout=timeout, allowed_updates=ALLOWED_UPDATES,
                    request_timeout=int(self.bot.session.timeout + timeout))  # the server may hold the poll
            except ClientDecodeError as exc:
                # aiogram refuses a whole answer for one update it cannot read: read them one by one.
                batch, last = readable_updates(exc.data, self.bot)
                if last is None:
                    raise
                return batch, last
        return batch, batch[-1].update_id if batch else None

    def read_update(self, data: Any) -> Update | None:
        return read_update(data, self.bot)

    def dump_update(self, update: Update) -> dict[str, Any]:
        return update.model_dump(mode="json", by_alias=True, exclude_none=True)

    async def download(self, file_id: str, limit: int) -> bytes | None:
        with mapped_errors(self.bot.token):
            file = await self.bot.get_file(file_id)
            if not file.file_path:
                return None
            if file.file_size is not None and file.file_size > limit:
                raise ImageTooLarge
            buffer = await self.bot.download_file(file.file_path)
        return buffer.read() if buffer is not None else None

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
    """Run the bot until `stop` is set: long polling, or a webhook server when `webhook` is given."""
    telegram = app.settings.telegram
    assert telegram.token is not None, "serve needs a token; without one, bot.app.run starts the console"
    bot = build_bot(telegram.token.get_secret_value(), telegram.api_base, telegram.request_timeout)
    try:
        await serve_updates(app, AiogramApi(bot), AiogramTransport(bot), webhook, stop, "aiogram")
    finally:
        await bot.session.close()
