"""What every Telegram adapter shares, so the aiogram and python-telegram-bot adapters repeat none of it.

An adapter only translates its framework's updates into `handlers.events.Event` and offers a
`bot.transport.Transport`; everything between is here:

- `OrderedDispatcher`: one user's updates run strictly in arrival order, different users concurrently,
  with a bound on how many run at once and on how many wait.
- `deliver`: sends every `Reply` of an `Outcome` in order with one retry policy (429, 5xx, 403, 400).
- `UpdateRunner`: calls `handlers.dispatch.handle` and delivers the outcome.
- `apply_command_menus`: `handlers.menu.command_menus()` through a framework's setMyCommands.
- `fetch_image`: the download-or-refuse decision for photos and image documents.
- `UpdateReader`: framework updates (aiogram's or PTB's: the same Bot API field names) to `Event`s.
- `serve_updates`: start-up, long polling and the webhook endpoint, both confirming an update to
  Telegram only once `bot.adapters.inbox` recorded it, shutdown; an adapter provides only a `BotApi`
  (a few calls) and a `Transport` over its framework's Bot.
- `Adapter` and `Webhook`: what `bot.app.run` expects from an adapter module.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import re
from collections import deque
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from handlers import callbacks
from handlers.events import Event, Outcome
from handlers.ports import Store

from bot.adapters.inbox import Inbox
from bot.storage import StoreUnavailable
from bot.transport import BadRequest, Forbidden, RetryAfter, TelegramError, TimedOut, Transient, Transport

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

T = TypeVar("T")


# ----- retry policy ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How long one Bot API call is retried before giving up.

    429 waits exactly Telegram's `retry_after` (capped, so one bad answer cannot stall a chat for
    hours); 5xx, time-outs and lost connections back off exponentially from `base_delay`. A call that
    must not be carried out twice passes `timed_out_retries` to `call_with_retry`: after a time-out
    (`TimedOut`: the request went out, Telegram may have carried it out) it is repeated at most that many
    times, each after `timed_out_delay`, long enough for a slow Bot API to have caught up.
    """

    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    timed_out_delay: float = 3.0

    def backoff(self, failure: int) -> float:
        return min(self.max_delay, self.base_delay * 2 ** (failure - 1))


async def call_with_retry(call: Callable[[], Awaitable[T]], policy: RetryPolicy, what: str, *,
                          timed_out_retries: int | None = None) -> T:
    """Run `call`, retrying RetryAfter and Transient; Forbidden, BadRequest and others propagate.

    The last RetryAfter or Transient propagates once `policy.attempts` is used up; with
    `timed_out_retries`, a `TimedOut` propagates once that many repeats after a time-out are used up.
    """
    failure = 0
    timed_out = 0
    while True:
        try:
            return await call()
        except TimedOut:
            failure += 1
            if timed_out_retries is None:
                if failure >= policy.attempts:
                    raise
                delay = policy.backoff(failure)
            else:
                timed_out += 1
                if timed_out > timed_out_retries or failure >= policy.attempts:
                    raise
                delay = policy.timed_out_delay
            log.warning("%s: timed out, repeating in %.1fs (attempt %d)", what, delay, failure)
        except RetryAfter as exc:
            failure += 1
            if failure >= policy.attempts:
                raise
            delay = min(float(exc.retry_after), policy.max_retry_after)
            log.warning("%s: flood control, waiting %.1fs (attempt %d)", what, delay, failure)
        except Transient as exc:
            failure += 1
            if failure >= policy.attempts:
                raise
            delay = policy.backoff(failure)
            log.warning("%s: %s, retrying in %.1fs (attempt %d)", what, type(exc).__name__, delay, failure)
        await asyncio.sleep(delay)


# ----- delivery -------------------------------------------------------------------------------------
# A reply that timed out is sent once more: one possible duplicate is better than no answer. Alerts and
# reminders are never repeated after a time-out (bot.broadcasts, bot.reminders).
REPLY_TIMED_OUT_RETRIES = 1


async def deliver(
    transport: Transport,
    outcome: Outcome,
    event: Event,
    store: Store | None,
    policy: RetryPolicy = RetryPolicy(),
) -> list[int | None]:
    """Send every reply of `outcome` in order; returns the new message id of each (None: not sent).

    The handlers already fit every reply within Telegram's limits (`handlers.dispatch` splits them).

    A reply without `chat_id` goes to the event's chat; one with `edit_message_id` edits that message
    (the returned id is then that message's). 403 marks the chat inactive and skips the rest of the
    replies to it; 400 and exhausted retries are logged, without the text, and the next reply goes on.

    A send that timed out may have been delivered: it is repeated once (`REPLY_TIMED_OUT_RETRIES`), after
    `policy.timed_out_delay`, so a user may at worst see one reply twice rather than none; an edit is
    repeated like any transient failure, since editing twice to the same text changes nothing.
    """
    sent: list[int | None] = []
    dead_chats: set[int] = set()
    for reply in outcome.replies:
        chat_id = event.chat_id if reply.chat_id is None else reply.chat_id
        if chat_id in dead_chats:
            sent.append(None)
            continue
        message_id: int | None = None
        try:
            if reply.edit_message_id is not None:
                await call_with_retry(partial(transport.edit, chat_id, reply.edit_message_id, reply), policy,
                                      "editMessage")
                message_id = reply.edit_message_id
            else:
                message_id = await call_with_retry(partial(transport.send, chat_id, reply), policy, "sendMessage",
                                                   timed_out_retries=REPLY_TIMED_OUT_RETRIES)
        except Forbidden:
            dead_chats.add(chat_id)
            log.info("chat %s blocked the bot or removed it: marking it inactive", chat_id)
            if store is not None:
                try:
                    await store.set_active(chat_id, False)
                except Exception:
                    log.exception("could not mark chat %s inactive", chat_id)
        except BadRequest as exc:
            log.warning("Telegram refused a reply to chat %s: %s", chat_id, exc.description)
        except TelegramError as exc:
            log.error("gave up sending to chat %s: %s", chat_id, type(exc).__name__)
        sent.append(message_id)
    return sent


# ----- handling one event ---------------------------------------------------------------------------
class UpdateRunner:
    """Runs the conversation logic on one event and sends what it returns."""

    def __init__(self, app: App, transport: Transport, policy: RetryPolicy = RetryPolicy()) -> None:
        self.app = app
        self.transport = transport
        self.policy = policy

    async def process(self, event: Event) -> Outcome | None:
        """The outcome that was delivered, or None when the handler failed (logged without text)."""
        from handlers.dispatch import handle

        try:
            outcome = await handle(event, self.app.ctx)
        except Exception:
            log.exception("the handler failed on a %s update in a %s chat", event.kind, event.chat_type)
            return None
        await deliver(self.transport, outcome, event, self.app.ctx.store, self.policy)
        return outcome


# ----- per-user ordering ----------------------------------------------------------------------------
Job = Callable[[], Awaitable[None]]


class OrderedDispatcher:
    """Runs jobs one after another per key, and jobs of different keys concurrently.

    At most `max_concurrency` jobs run at a time; `submit` never blocks, and `room()` lets a poller
    wait until fewer than `max_pending` jobs are queued, so a flood cannot exhaust memory.
    """

    def __init__(self, max_concurrency: int = 32, max_pending: int = 2000) -> None:
        self._queues: dict[Hashable, deque[Job]] = {}
        self._slots = asyncio.Semaphore(max_concurrency)
        self._tasks: set[asyncio.Task[None]] = set()
        self._pending = 0
        self._max_pending = max_pending
        self._changed = asyncio.Event()

    @property
    def pending(self) -> int:
        return self._pending

    def submit(self, key: Hashable, job: Job) -> None:
        self._pending += 1
        queue = self._queues.get(key)
        if queue is not None:
            queue.append(job)
            return
        self._queues[key] = deque([job])
        task = asyncio.get_running_loop().create_task(self._drain(key))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _drain(self, key: Hashable) -> None:
        queue = self._queues[key]
        try:
            while queue:
                job = queue.popleft()
                try:
                    async with self._slots:
                        await job()
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("an update job failed")
                finally:
                    self._pending -= 1
                    self._changed.set()
        finally:
            del self._queues[key]

    async def room(self) -> None:
        """Wait until fewer than `max_pending` jobs are waiting or running."""
        while self._pending >= self._max_pending:
            self._changed.clear()
            await self._changed.wait()

    async def join(self, timeout: float | None = None) -> bool:
        """Wait for every submitted job; True when all finished within `timeout`."""
        try:
            async with asyncio.timeout(timeout):
                while self._tasks:
                    await asyncio.gather(*list(self._tasks), return_exceptions=True)
        except TimeoutError:
            return False
        return True

    async def close(self, timeout: float = 10.0) -> None:
        """Finish what is queued (up to `timeout`), then cancel the rest."""
        if not await self.join(timeout):
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*list(self._tasks), return_exceptions=True)


def ordering_key(user_id: int | None, chat_id: int) -> Hashable:
    """Updates of one user are ordered; updates without a user (channel posts) by chat."""
    return ("user", user_id) if user_id else ("chat", chat_id)


# ----- commands for other bots ---------------------------------------------------------------------
_ADDRESSED = re.compile(r"^/[A-Za-z0-9_]{1,32}@([A-Za-z0-9_]{1,64})(?=\s|$)")


def addressed_elsewhere(text: str | None, bot_username: str | None) -> bool:
    """True for `/command@otherbot …`: in a group with several bots, that command is not for us."""
    match = _ADDRESSED.match(text or "")
    return bool(match and bot_username and match.group(1).lower() != bot_username.lower())


# ----- membership -----------------------------------------------------------------------------------
JOINED = frozenset({"member", "administrator", "creator", "restricted"})
GONE = frozenset({"left", "kicked"})


def membership_change(old_status: str, new_status: str) -> str | None:
    """"bot_added", "bot_removed" or None from the bot's old and new status in a chat (my_chat_member)."""
    if new_status in JOINED and old_status in GONE:
        return "bot_added"
    if new_status in GONE and old_status not in GONE:
        return "bot_removed"
    return None


async def private_membership(store: Store, user_id: int, kind: str) -> None:
    """A user blocked (kind "bot_removed") or unblocked ("bot_added") the bot in their private chat.

    Nothing is said (Telegram would refuse it); only whether alerts and reminders may reach them changes.
    """
    await store.set_active(user_id, kind == "bot_added")


# ----- start-up -------------------------------------------------------------------------------------
def warn_if_privacy_mode(username: str | None, can_read_all_group_messages: bool | None) -> None:
    """Say at start-up when groups will only show the bot commands and replies to it (getMe tells)."""
    if can_read_all_group_messages is False:
        log.warning("@%s has privacy mode on: in groups it sees only commands and replies to it, so it cannot "
                    "scan for scams. Turn it off with @BotFather → /setprivacy → Disable (then re-add the bot "
                    "to each group), or make the bot a group admin.", username)


# ----- command menus --------------------------------------------------------------------------------
# (commands, language_code or None for the fallback menu, chat_id for a per-chat scope or None)
SetCommands = Callable[[list[tuple[str, str]], str | None, int | None], Awaitable[object]]


async def apply_command_menus(set_commands: SetCommands, moderators: list[int] | frozenset[int],
                              policy: RetryPolicy = RetryPolicy()) -> int:
    """Call setMyCommands once per menu, and per moderator for the moderators' menus.

    A moderator who never opened a chat with the bot makes Telegram answer 400: logged, not fatal.
    Returns how many menus were set.
    """
    from handlers.menu import command_menus

    done = 0
    for scope, language, commands in command_menus():
        chats: list[int | None] = [None] if scope == "default" else sorted(moderators)
        for chat_id in chats:
            try:
                await call_with_retry(partial(set_commands, commands, language, chat_id), policy, "setMyCommands")
                done += 1
            except TelegramError as exc:
                log.warning("could not set the %s menu (%s) for chat %s: %s", scope, language, chat_id, type(exc).__name__)
    return done


# ----- images ---------------------------------------------------------------------------------------
IMAGE_MIME_PREFIX = "image/"


def is_image_document(mime_type: str | None) -> bool:
    return bool(mime_type) and mime_type.startswith(IMAGE_MIME_PREFIX)  # type: ignore[union-attr]


class ImageTooLarge(Exception):
    """Raised by a download callable that learnt the size (from getFile) before fetching the bytes."""


async def fetch_image(file_size: int | None, limit: int,
                      download: Callable[[], Awaitable[bytes | None]]) -> tuple[bytes | None, bool]:
    """Download an image unless it is over `limit` bytes; returns (bytes or None, too_large).

    Refuses before downloading when the update's `file_size` is already over the limit, when `download`
    raises ImageTooLarge (getFile said so), and after downloading when the file is bigger than
    announced. A failed download gives (None, False).
    """
    if file_size is not None and file_size > limit:
        return None, True
    try:
        data = await download()
    except ImageTooLarge:
        return None, True
    except (TelegramError, OSError, asyncio.TimeoutError) as exc:
        log.warning("could not download an image: %s", type(exc).__name__)
        return None, False
    if data is not None and len(data) > limit:
        return None, True
    return data, False


# ----- the Bot API calls the shared update loop needs ---------------------------------------------------
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]
GROUP_TYPES = frozenset({"group", "supergroup"})
ADMIN_STATUSES = frozenset({"administrator", "creator"})
POLL_RETRY = RetryPolicy(attempts=10, base_delay=0.5, max_delay=15.0)  # start-up calls and getUpdates
CONFIRM_TIMEOUT = 5.0  # seconds the last getUpdates on stop may take
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
WEBHOOK_MAX_BYTES = 1024 * 1024  # an update is a few kilobytes; photos come as file ids


class BotApi(Protocol):
    """What an adapter provides besides its Transport: a few Bot API calls on its framework's Bot.

    Every method raises `bot.transport` errors only. Updates are the framework's own objects: aiogram's
    and python-telegram-bot's both carry the Bot API's field names, which is all `UpdateReader` reads.
    """

    async def get_me(self) -> tuple[str | None, bool | None]:
        """The bot's @username and whether it can read all group messages (privacy mode off)."""

    async def set_commands(self, commands: list[tuple[str, str]], language: str | None, chat_id: int | None) -> None: ...

    async def fetch_updates(self, offset: int | None, timeout: int) -> tuple[list[Any], int | None]:
        """One long poll: the updates the framework can read and the highest update id seen (None: none).

        The highest id counts the unreadable updates too, so the offset moves past them.
        """

    def read_update(self, data: Any) -> Any | None:
        """One raw update (a webhook's body), or None when the framework cannot read it (logged by id)."""

    def dump_update(self, update: Any) -> dict[str, Any]:
        """An update the framework read, back as the Bot API's JSON object (`read_update` reads it again)."""

    async def download(self, file_id: str, limit: int) -> bytes | None:
        """The file's bytes; raises ImageTooLarge when getFile says it is over `limit`."""

    async def member_status(self, chat_id: int, user_id: int) -> str: ...

    async def answer_callback(self, query_id: str, text: str | None, alert: bool) -> None: ...

    async def delete_webhook(self) -> None: ...

    async def set_webhook(self, url: str, secret: str) -> None: ...


def skipped_update(data: Any, framework: str, detail: str) -> None:
    """Log an update the framework cannot read by its id only: its content may quote a user's text."""
    update_id = data.get("update_id") if isinstance(data, dict) else None
    log.warning("skipped update %s that %s cannot read (%s)", update_id, framework, detail)


def update_key(update: Any) -> Hashable | None:
    """The ordering key of an update (its user), or None for an update ShopSafe ignores."""
    if (message := update.message or update.edited_message) is not None:
        return ordering_key(message.from_user.id if message.from_user else None, message.chat.id)
    if (query := update.callback_query) is not None:
        return ordering_key(query.from_user.id, 0)
    if (member := update.my_chat_member) is not None:
        return ordering_key(member.from_user.id, member.chat.id)
    return None


class UpdateReader:
    """Turns framework updates into `Event`s, runs them in per-user order and answers button presses."""

    def __init__(self, app: App, api: BotApi, transport: Transport, policy: RetryPolicy = RetryPolicy()) -> None:
        self.app = app
        self.api = api
        self.runner = UpdateRunner(app, transport, policy)
        self.ordered = OrderedDispatcher()
        self.image_limit = app.settings.limits.max_image_bytes
        self.username: str | None = None  # the bot's own @name, known once getMe answered

    async def enqueue(self, update: Any, done: Callable[[], Awaitable[None]]) -> None:
        """Queue an update behind its user's earlier ones and return at once (waits only when full).

        `done` is awaited once the update is handled (or skipped, or its handling failed), as part of
        its job, so the updates handled but not yet recorded as such are at most the jobs running; it is
        never called when the handling is cancelled by a stop: that update is left for the next start.
        """
        try:
            key = update_key(update)
        except AttributeError:  # a lenient framework let through an update without its chat or sender
            log.warning("skipped update %s without a chat or a sender", getattr(update, "update_id", None))
            key = None
        if key is None:
            await done()
            return

        async def job() -> None:
            try:
                await self.process(update)
            except Exception:
                await done()
                raise
            await done()

        await self.ordered.room()
        self.ordered.submit(key, job)

    async def process(self, update: Any) -> None:
        if (message := update.message or update.edited_message) is not None:
            event = await self.message_event(message)
            if event is not None:
                await self.runner.process(event)
        elif update.callback_query is not None:
            await self.callback(update.callback_query)
        elif update.my_chat_member is not None:
            await self.membership(update.my_chat_member)

    async def message_event(self, message: Any) -> Event | None:
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

    async def image_of(self, message: Any) -> tuple[bytes | None, bool]:
        """The message's photo (largest size) or image document, unless over the size limit."""
        if message.photo:
            file_id, size = message.photo[-1].file_id, message.photo[-1].file_size
        elif message.document is not None and is_image_document(message.document.mime_type):
            file_id, size = message.document.file_id, message.document.file_size
        else:
            return None, False
        return await fetch_image(size, self.image_limit, lambda: self.api.download(file_id, self.image_limit))

    async def is_admin(self, chat_id: int, user_id: int) -> bool:
        try:
            status = await call_with_retry(lambda: self.api.member_status(chat_id, user_id), self.runner.policy,
                                           "getChatMember")
        except TelegramError as exc:
            log.warning("could not tell whether a member is an admin: %s", type(exc).__name__)
            return False
        return status in ADMIN_STATUSES

    async def callback(self, query: Any) -> None:
        outcome = None
        try:
            message = query.message
            if message is not None and query.data is not None:
                chat = message.chat
                # Only the group buttons check for an admin: a forged press is refused without a getChatMember.
                prefix = next(iter(callbacks.parse(query.data)), "")
                group_button = chat.type in GROUP_TYPES and prefix in callbacks.GROUP_PREFIXES
                admin = await self.is_admin(chat.id, query.from_user.id) if group_button else None
                outcome = await self.runner.process(Event(
                    kind="callback", user_id=query.from_user.id, chat_id=chat.id, chat_type=chat.type,
                    language_code=query.from_user.language_code, callback_data=query.data,
                    callback_message_id=message.message_id, sender_is_chat_admin=admin,
                    chat_title=getattr(chat, "title", None),
                ))
        finally:
            # Always answered, even for unknown or failed buttons, so the client stops its spinner.
            text = outcome.callback_answer if outcome else None
            alert = outcome.callback_alert if outcome else False
            try:
                await call_with_retry(lambda: self.api.answer_callback(query.id, text, alert), self.runner.policy,
                                      "answerCallbackQuery")
            except TelegramError as exc:
                log.warning("could not answer a button press: %s", type(exc).__name__)

    async def membership(self, member: Any) -> None:
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


# ----- serving: start-up, long polling, webhook ----------------------------------------------------------
async def until(stop: asyncio.Event, delay: float) -> None:
    """Sleep `delay` seconds, or less when `stop` is set meanwhile."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), delay)


async def serve_updates(app: App, api: BotApi, transport: Transport, webhook: Webhook | None,
                        stop: asyncio.Event, framework: str) -> None:
    """Everything between a framework's Bot being built and closed, until `stop` is set.

    getMe until the Bot API answers, the start-up warning about privacy mode, `app.attach`, the command
    menus, then long polling or the webhook; at the end queued updates are finished and `app.detach`ed.
    """
    reader = UpdateReader(app, api, transport)
    inbox = Inbox(app.ctx.store, reader, api)  # type: ignore[arg-type]
    started = False
    try:
        me = await _wait_for_telegram(api, stop)
        if me is None:
            return
        reader.username, can_read_all = me
        log.info("connected to the Bot API as @%s (%s)", reader.username, framework)
        warn_if_privacy_mode(reader.username, can_read_all)
        await app.attach(transport)
        await apply_command_menus(api.set_commands, app.settings.moderators)
        # Long polling is the only process for its token, so what is left unfinished is its own.
        await inbox.start(take_over=webhook is None)
        started = True
        if webhook is not None:
            await serve_webhook(api, inbox, webhook, stop)
        else:
            await poll(api, inbox, app.settings.telegram.poll_timeout, stop)
    finally:
        await reader.ordered.close()
        if started:
            await inbox.stop()
        await app.detach()


async def _wait_for_telegram(api: BotApi, stop: asyncio.Event) -> tuple[str | None, bool | None] | None:
    """getMe until it answers (the network may be down at start); None when stopped meanwhile."""
    failure = 0
    while not stop.is_set():
        try:
            return await api.get_me()
        except (Transient, RetryAfter) as exc:
            failure += 1
            delay = exc.retry_after if isinstance(exc, RetryAfter) else POLL_RETRY.backoff(failure)
            log.warning("the Bot API is not reachable (%s); retrying in %.1fs", type(exc).__name__, delay)
            await until(stop, delay)
    return None


async def poll(api: BotApi, inbox: Inbox, poll_timeout: int, stop: asyncio.Event) -> None:
    """Long polling that keeps the offset across failures and backs off, so no update is lost.

    The frameworks' own pollers are not used: they retry an answer they cannot parse forever (one odd
    update stalls the bot) and log it, message text included. A batch is recorded in the inbox first;
    only then does the next poll's offset confirm it to Telegram (a batch that could not be recorded is
    fetched again). The queue answers the updates without holding up that next poll.
    """
    await call_with_retry(api.delete_webhook, POLL_RETRY, "deleteWebhook")
    offset: int | None = None
    sent: int | None = None  # the offset the latest getUpdates carried
    failures = 0
    while not stop.is_set():
        sent = offset
        fetch = asyncio.ensure_future(api.fetch_updates(offset, poll_timeout))
        stopping = asyncio.ensure_future(stop.wait())
        await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if not fetch.done():
            fetch.cancel()
            await asyncio.gather(fetch, return_exceptions=True)
            sent = None  # the cancelled poll may never have reached Telegram
            break
        try:
            batch, last = fetch.result()
        except Exception as exc:  # network loss, 5xx, 429, time-outs: none of them ends polling
            failures += 1
            delay = float(exc.retry_after) if isinstance(exc, RetryAfter) else POLL_RETRY.backoff(failures)
            log.warning("getUpdates failed (%s); polling again in %.1fs", type(exc).__name__, delay)
            await until(stop, delay)
            continue
        try:
            await inbox.accept([(update, inbox.payload(update)) for update in batch])
        except StoreUnavailable as exc:  # not confirmed: Telegram sends the batch again
            failures += 1
            delay = POLL_RETRY.backoff(failures)
            log.warning("could not record %d update(s) (%s); fetching them again in %.1fs", len(batch), exc, delay)
            await until(stop, delay)
            continue
        if failures:
            log.info("getUpdates works again after %d failure(s)", failures)
            failures = 0
        if last is not None:
            offset = last + 1
    if offset is not None and offset != sent:
        await _confirm(api, offset)


async def _confirm(api: BotApi, offset: int | None) -> None:
    """Tell Telegram the updates before `offset` are handled (a getUpdates that returns at once, whose
    answer is left for the next start), so stopping between two polls does not deliver them twice."""
    try:
        await asyncio.wait_for(api.fetch_updates(offset, 0), CONFIRM_TIMEOUT)
    except Exception as exc:  # stopping anyway: the worst case is a batch handled again after a restart
        log.warning("could not confirm the last updates on stop (%s)", type(exc).__name__)


def secret_matches(given: str, secret: str) -> bool:
    """Telegram's secret header against ours, in constant time, whatever bytes the header holds."""
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), secret.encode("utf-8"))


def webhook_update(body: bytes) -> dict[str, Any] | None:
    """The update a webhook request carries, or None for a body that is not one: not JSON (binary,
    another encoding), nested past Python's recursion limit, a number of more than 4,300 digits, or
    JSON that is not an object with an integer `update_id`."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or type(data.get("update_id")) is not int:
        return None
    return data


async def serve_webhook(api: BotApi, inbox: Inbox, webhook: Webhook, stop: asyncio.Event) -> None:
    """An aiohttp endpoint at `webhook.listen_host:listen_port` + `path` that checks Telegram's secret.

    An update is answered 200 once recorded in the inbox (or found there: a redelivery is not handled
    again), so Telegram sends again whatever was not. Whatever a client sends gets a 4xx, never a 500
    or a traceback: a wrong or undecodable secret header 401, a body over `WEBHOOK_MAX_BYTES` 413, a body
    that is not an update 400. An update the framework cannot read is answered 200 and skipped (logged
    by id), since Telegram would otherwise send it again and again. A database that cannot record the
    update answers 503, so Telegram sends it again later.
    """
    from aiohttp import web

    async def receive(request: web.Request) -> web.Response:
        if not secret_matches(request.headers.get(SECRET_HEADER, ""), webhook.secret):
            return web.Response(status=401, text="Unauthorized")
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return web.Response(status=413, text="too large")
        data = webhook_update(body)
        if data is None:
            return web.Response(status=400, text="not an update")
        try:
            update = api.read_update(data)
            payload = json.dumps(data, separators=(",", ":"))
        except (ValueError, RecursionError):
            return web.Response(status=400, text="not an update")
        if update is None:
            return web.Response(text="ok")
        try:
            await inbox.accept([(update, payload)])
        except StoreUnavailable:
            return web.Response(status=503, text="try again", headers={"Retry-After": "5"})
        return web.Response(text="ok")

    server = web.Application(client_max_size=WEBHOOK_MAX_BYTES)
    server.router.add_post(webhook.path, receive)
    runner = web.AppRunner(server, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, webhook.listen_host, webhook.listen_port)
    await site.start()
    try:
        await call_with_retry(lambda: api.set_webhook(webhook.url, webhook.secret), POLL_RETRY, "setWebhook")
        log.info("webhook set; listening on %s:%d%s", webhook.listen_host, webhook.listen_port, webhook.path)
        await stop.wait()
    finally:
        await runner.cleanup()


# ----- what bot.app.run expects from an adapter -----------------------------------------------------
@dataclass(frozen=True, slots=True)
class Webhook:
    """Serve updates over HTTPS instead of long polling.

    Telegram posts to `url`; a reverse proxy forwards them to `listen_host:listen_port` + `path`.
    Requests without Telegram's `X-Telegram-Bot-Api-Secret-Token: secret` header are refused.
    """

    url: str
    listen_host: str
    listen_port: int
    path: str
    secret: str


class Adapter(Protocol):
    """An adapter module exposes `serve` with this signature (and its Transport class).

    `serve` makes the framework's Bot from `app.settings.telegram`, calls `app.attach(transport)` so the
    broadcast sender and the reminder job can send, sets the command menus, then receives updates
    (long polling, or `webhook`) until `stop` is set, finishes queued updates and closes its session.
    """

    async def serve(self, app: App, webhook: Webhook | None, stop: asyncio.Event) -> None: ...
