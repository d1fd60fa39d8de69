"""The python-telegram-bot 22 adapter: PTB's `Bot` speaks to Telegram, `handlers` decide what to say.

`PtbTransport` sends and edits replies and maps PTB's exceptions onto `bot.transport`, so the shared
delivery policy in `bot.adapters.common` (wait on 429, mark inactive on 403, back off on 5xx and
time-outs) works unchanged. `serve` receives updates by long polling or on an aiohttp webhook and
behaves like the aiogram adapter: same events, same order, same retries, same skipping of updates the
framework cannot read.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hmac
import logging
import warnings
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from aiohttp import web
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    CallbackQuery,
    ChatMemberUpdated,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
)
from telegram import error as tg_error
from telegram.request import HTTPXRequest
from telegram.warnings import PTBUserWarning

from bot import transport
from bot.adapters.common import (
    ImageTooLarge,
    OrderedDispatcher,
    RetryPolicy,
    UpdateRunner,
    Webhook,
    addressed_elsewhere,
    apply_command_menus,
    call_with_retry,
    fetch_image,
    is_image_document,
    membership_change,
    ordering_key,
    private_membership,
    warn_if_privacy_mode,
)
from handlers.events import Event, Outcome, Reply

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

# Polling asks for the raw answer (see `_fetch_updates`); PTB suggests `get_updates` for that, which would
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


# ----- receiving updates ------------------------------------------------------------------------------
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]
GROUP_TYPES = frozenset({"group", "supergroup"})
ADMIN_STATUSES = frozenset({"administrator", "creator"})
POLL_RETRY = RetryPolicy(base_delay=0.5, max_delay=15.0)  # getMe and getUpdates back off this way
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
WEBHOOK_MAX_BYTES = 1024 * 1024  # an update is a few kilobytes; photos come as file ids


def update_key(update: Update) -> Hashable | None:
    """The ordering key of an update (its user), or None for an update ShopSafe ignores."""
    if (message := update.message or update.edited_message) is not None:
        return ordering_key(message.from_user.id if message.from_user else None, message.chat.id)
    if (query := update.callback_query) is not None:
        return ordering_key(query.from_user.id, 0)
    if (member := update.my_chat_member) is not None:
        return ordering_key(member.from_user.id, member.chat.id)
    return None


def read_update(data: Any, bot: Bot) -> Update | None:
    """One raw update as PTB's `Update`, or None (logged by id only) when PTB cannot read it.

    A self-hosted Bot API server older or newer than PTB may omit or change a field; one such update
    must cost only itself, not stall every update behind it.
    """
    try:
        update = Update.de_json(data, bot)
        update_key(update)  # PTB reads leniently: a message without its chat only fails here
        return update
    except Exception as exc:  # noqa: BLE001 - whatever PTB raises on a malformed update, skip only that one
        update_id = data.get("update_id") if isinstance(data, dict) else None
        # The exception's text may quote the update's content: only its id and the exception type are logged.
        log.warning("skipped update %s that python-telegram-bot cannot read (%s)", update_id, type(exc).__name__)
        return None


def readable_updates(answer: Any, bot: Bot) -> tuple[list[Update], int | None]:
    """The readable updates of a raw getUpdates result and the highest update id seen (None: none seen),
    so the offset moves past the unreadable ones too."""
    if not isinstance(answer, list):
        return [], None
    readable = [update for item in answer if (update := read_update(item, bot)) is not None]
    ids = [item["update_id"] for item in answer if isinstance(item, dict) and isinstance(item.get("update_id"), int)]
    return readable, max(ids) if ids else None


class PtbUpdates:
    """Turns PTB updates into `Event`s, runs them in per-user order and answers button presses."""

    def __init__(self, app: App, bot: Bot, transport_: PtbTransport, ordered: OrderedDispatcher) -> None:
        self.app = app
        self.bot = bot
        self.runner = UpdateRunner(app, transport_)
        self.ordered = ordered
        self.image_limit = app.settings.limits.max_image_bytes
        self.username: str | None = None  # the bot's own @name, known once getMe answered

    async def enqueue(self, update: Update) -> None:
        """Queue an update behind its user's earlier ones and return at once (waits only when full)."""
        key = update_key(update)
        if key is None:
            return
        await self.ordered.room()
        self.ordered.submit(key, lambda: self.process(update))

    async def process(self, update: Update) -> None:
        if (message := update.message or update.edited_message) is not None:
            event = await self.message_event(message)
            if event is not None:
                await self.runner.process(event)
        elif update.callback_query is not None:
            await self.callback(update.callback_query)
        elif update.my_chat_member is not None:
            await self.membership(update.my_chat_member)

    async def message_event(self, message: Message) -> Event | None:
        user = message.from_user
        # An anonymous group admin writes as the group itself, through Telegram's helper bot account.
        anonymous_admin = message.sender_chat is not None and message.sender_chat.id == message.chat.id
        if user is None or (user.is_bot and not anonymous_admin) or message.chat.type == "channel":
            return None
        text = message.text if message.text is not None else message.caption
        if addressed_elsewhere(text, self.username):
            return None
        image, too_large, reply_image = None, False, None
        reply_to = message.reply_to_message
        if message.chat.type == "private":
            # Only private chats look at pictures: group members' photos are never fetched.
            image, too_large = await self.image_of(message)
            if reply_to is not None and text and text.startswith("/"):
                # Only a command (`/check` as a reply) looks at the photo replied to.
                reply_image, reply_too_large = await self.image_of(reply_to)
                too_large = too_large or reply_too_large
        admin = None
        if message.chat.type in GROUP_TYPES and text and text.startswith("/groupsettings"):
            admin = anonymous_admin or await self.is_admin(message.chat.id, user.id)
        return Event(
            kind="message", user_id=user.id, chat_id=message.chat.id, chat_type=message.chat.type,
            language_code=user.language_code, text=text, message_id=message.message_id,
            forwarded=message.forward_origin is not None,
            reply_to_text=None if reply_to is None else (reply_to.text if reply_to.text is not None else reply_to.caption),
            reply_to_message_id=None if reply_to is None else reply_to.message_id,
            reply_to_image=reply_image, image=image, image_too_large=too_large,
            sender_is_chat_admin=admin, chat_title=message.chat.title,
        )

    async def image_of(self, message: Message) -> tuple[bytes | None, bool]:
        """The message's photo (largest size) or image document, unless over the size limit."""
        if message.photo:
            file_id, size = message.photo[-1].file_id, message.photo[-1].file_size
        elif message.document is not None and is_image_document(message.document.mime_type):
            file_id, size = message.document.file_id, message.document.file_size
        else:
            return None, False
        return await fetch_image(size, self.image_limit, lambda: self.download(file_id))

    async def download(self, file_id: str) -> bytes | None:
        with mapped_errors(self.bot.token):
            file = await self.bot.get_file(file_id)
            if not file.file_path:
                return None
            if file.file_size is not None and file.file_size > self.image_limit:
                raise ImageTooLarge
            return bytes(await file.download_as_bytearray())

    async def is_admin(self, chat_id: int, user_id: int) -> bool:
        try:
            member = await call_with_retry(lambda: self._chat_member(chat_id, user_id), self.runner.policy,
                                           "getChatMember")
        except transport.TelegramError as exc:
            log.warning("could not tell whether a member is an admin: %s", type(exc).__name__)
            return False
        return member.status in ADMIN_STATUSES

    async def _chat_member(self, chat_id: int, user_id: int) -> Any:
        with mapped_errors(self.bot.token):
            return await self.bot.get_chat_member(chat_id, user_id)

    async def callback(self, query: CallbackQuery) -> None:
        outcome = None
        try:
            message = query.message
            if message is not None and query.data is not None:
                chat = message.chat
                admin = await self.is_admin(chat.id, query.from_user.id) if chat.type in GROUP_TYPES else None
                outcome = await self.runner.process(Event(
                    kind="callback", user_id=query.from_user.id, chat_id=chat.id, chat_type=chat.type,
                    language_code=query.from_user.language_code, callback_data=query.data,
                    callback_message_id=message.message_id, sender_is_chat_admin=admin, chat_title=chat.title,
                ))
        finally:
            # Always answered, even for unknown or failed buttons, so the client stops its spinner.
            try:
                await call_with_retry(lambda: self._answer(query.id, outcome), self.runner.policy,
                                      "answerCallbackQuery")
            except transport.TelegramError as exc:
                log.warning("could not answer a button press: %s", type(exc).__name__)

    async def _answer(self, query_id: str, outcome: Outcome | None) -> None:
        with mapped_errors(self.bot.token):
            await self.bot.answer_callback_query(
                query_id, text=outcome.callback_answer if outcome else None,
                show_alert=outcome.callback_alert if outcome else False)

    async def membership(self, member: ChatMemberUpdated) -> None:
        kind = membership_change(member.old_chat_member.status, member.new_chat_member.status)
        if kind is None:
            return
        if member.chat.type == "private":
            await private_membership(self.app.ctx.store, member.chat.id, kind)
            return
        if member.chat.type not in GROUP_TYPES:
            return
        await self.runner.process(Event(
            kind=kind, user_id=member.from_user.id, chat_id=member.chat.id, chat_type=member.chat.type,
            language_code=member.from_user.language_code, chat_title=member.chat.title,
        ))


async def set_commands(bot: Bot, commands: list[tuple[str, str]], language: str | None, chat_id: int | None) -> None:
    scope = BotCommandScopeDefault() if chat_id is None else BotCommandScopeChat(chat_id)
    with mapped_errors(bot.token):
        await bot.set_my_commands([BotCommand(c, d) for c, d in commands], scope=scope, language_code=language)


async def serve(app: App, webhook: Webhook | None, stop: asyncio.Event) -> None:
    """Run the bot until `stop` is set: long polling, or a webhook server when `webhook` is given."""
    telegram = app.settings.telegram
    assert telegram.token is not None, "serve needs a token; without one, bot.app.run starts the console"
    bot = build_bot(telegram.token.get_secret_value(), telegram.api_base, telegram.request_timeout)
    transport_ = PtbTransport(bot)
    ordered = OrderedDispatcher()
    updates = PtbUpdates(app, bot, transport_, ordered)
    try:
        if not await _wait_for_telegram(bot, stop):
            return
        log.info("connected to the Bot API as @%s (python-telegram-bot)", bot.username)
        warn_if_privacy_mode(bot.username, bot.bot.can_read_all_group_messages)
        updates.username = bot.username
        await app.attach(transport_)
        await apply_command_menus(lambda c, lang, chat: set_commands(bot, c, lang, chat), app.settings.moderators)
        if webhook is not None:
            await _serve_webhook(bot, updates, webhook, stop)
        else:
            await _serve_polling(bot, updates, telegram.poll_timeout, stop)
    finally:
        await ordered.close()
        await app.detach()
        await bot.shutdown()


async def _until(stop: asyncio.Event, delay: float) -> None:
    """Sleep `delay` seconds, or less when `stop` is set meanwhile."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), delay)


async def _wait_for_telegram(bot: Bot, stop: asyncio.Event) -> bool:
    """Initialise the bot (getMe) until the Bot API answers (the network may be down at start); False
    when stopped meanwhile."""
    failure = 0
    while not stop.is_set():
        try:
            with mapped_errors(bot.token):
                await bot.initialize()
            return True
        except (transport.Transient, transport.RetryAfter) as exc:
            failure += 1
            delay = exc.retry_after if isinstance(exc, transport.RetryAfter) else POLL_RETRY.backoff(failure)
            log.warning("the Bot API is not reachable (%s); retrying in %.1fs", type(exc).__name__, delay)
            await _until(stop, delay)
    return False


async def _fetch_updates(bot: Bot, offset: int | None, poll_timeout: int) -> Any:
    """One long poll, answered raw (a list of dicts), so that each update is read on its own."""
    params: dict[str, Any] = {"timeout": poll_timeout, "allowed_updates": ALLOWED_UPDATES}
    if offset is not None:
        params["offset"] = offset
    with mapped_errors(bot.token):
        # The server may hold the poll for `poll_timeout` seconds before answering.
        return await bot.do_api_request("getUpdates", api_kwargs=params, read_timeout=POLL_READ_MARGIN + poll_timeout)


async def _serve_polling(bot: Bot, updates: PtbUpdates, poll_timeout: int, stop: asyncio.Event) -> None:
    """Long polling that keeps the offset across failures and backs off, so no update is lost.

    PTB's `Updater` is not used: it retries a batch it cannot parse forever (one odd update stalls the
    bot) and logs that batch, message text included, and its back-off reaches 30 s. Updates are queued
    one by one, in order; the queue answers them without holding up the next poll, whose offset also
    confirms to Telegram every update queued before it.
    """
    with mapped_errors(bot.token):
        await bot.delete_webhook(drop_pending_updates=False)
    offset: int | None = None
    failures = 0
    while not stop.is_set():
        fetch = asyncio.ensure_future(_fetch_updates(bot, offset, poll_timeout))
        stopping = asyncio.ensure_future(stop.wait())
        await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if not fetch.done():
            fetch.cancel()
            await asyncio.gather(fetch, return_exceptions=True)
            break
        try:
            batch, last = readable_updates(fetch.result(), bot)
        except Exception as exc:  # network loss, 5xx, 429, time-outs: none of them ends polling
            failures += 1
            delay = exc.retry_after if isinstance(exc, transport.RetryAfter) else POLL_RETRY.backoff(failures)
            log.warning("getUpdates failed (%s); polling again in %.1fs", type(exc).__name__, delay)
            await _until(stop, delay)
            continue
        if failures:
            log.info("getUpdates works again after %d failure(s)", failures)
            failures = 0
        for update in batch:
            await updates.enqueue(update)
        if last is not None:
            offset = last + 1


async def _serve_webhook(bot: Bot, updates: PtbUpdates, webhook: Webhook, stop: asyncio.Event) -> None:
    """An aiohttp endpoint at `webhook.listen_host:listen_port` + `path` that checks Telegram's secret.

    (PTB's own webhook server needs tornado; aiohttp is here already.) Every update is queued and
    answered 200 at once; an update PTB cannot read is answered 200 too (and skipped), since Telegram
    would otherwise send it again and again.
    """
    async def receive(request: web.Request) -> web.Response:
        if not hmac.compare_digest(request.headers.get(SECRET_HEADER, ""), webhook.secret):
            return web.Response(status=401, text="Unauthorized")
        try:
            data = await request.json()
        except ValueError:
            return web.Response(status=400, text="not JSON")
        update = read_update(data, bot)
        if update is not None:
            await updates.enqueue(update)
        return web.Response(text="ok")

    server = web.Application(client_max_size=WEBHOOK_MAX_BYTES)
    server.router.add_post(webhook.path, receive)
    runner = web.AppRunner(server, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, webhook.listen_host, webhook.listen_port)
    await site.start()
    try:
        with mapped_errors(bot.token):
            await bot.set_webhook(webhook.url, secret_token=webhook.secret, allowed_updates=ALLOWED_UPDATES)
        log.info("webhook set; listening on %s:%d%s", webhook.listen_host, webhook.listen_port, webhook.path)
        await stop.wait()
    finally:
        await runner.cleanup()
