"""What every Telegram adapter shares, so the aiogram and python-telegram-bot adapters repeat none of it.

An adapter only translates its framework's updates into `handlers.events.Event` and offers a
`bot.transport.Transport`; everything between is here:

- `OrderedDispatcher`: one user's updates run strictly in arrival order, different users concurrently,
  with a bound on how many run at once and on how many wait.
- `deliver`: sends every `Reply` of an `Outcome` in order with one retry policy (429, 5xx, 403, 400).
- `UpdateRunner`: calls `handlers.dispatch.handle` and delivers the outcome.
- `apply_command_menus`: `handlers.menu.command_menus()` through a framework's setMyCommands.
- `fetch_image`: the download-or-refuse decision for photos and image documents.
- `Adapter` and `Webhook`: what `bot.app.run` expects from an adapter module.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import deque
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from handlers.events import Event, Outcome
from handlers.ports import Store

from bot.transport import BadRequest, Forbidden, RetryAfter, TelegramError, Transient, Transport

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

T = TypeVar("T")


# ----- retry policy ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How long one Bot API call is retried before giving up.

    429 waits exactly Telegram's `retry_after` (capped, so one bad answer cannot stall a chat for
    hours); 5xx, time-outs and lost connections back off exponentially from `base_delay`.
    """

    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0

    def backoff(self, failure: int) -> float:
        return min(self.max_delay, self.base_delay * 2 ** (failure - 1))


async def call_with_retry(call: Callable[[], Awaitable[T]], policy: RetryPolicy, what: str) -> T:
    """Run `call`, retrying RetryAfter and Transient; Forbidden, BadRequest and others propagate.

    The last RetryAfter or Transient propagates once `policy.attempts` is used up.
    """
    failure = 0
    while True:
        try:
            return await call()
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
                edit_id = reply.edit_message_id
                await call_with_retry(lambda: transport.edit(chat_id, edit_id, reply), policy, "editMessage")
                message_id = edit_id
            else:
                message_id = await call_with_retry(lambda: transport.send(chat_id, reply), policy, "sendMessage")
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
                await call_with_retry(lambda c=chat_id: set_commands(commands, language, c), policy, "setMyCommands")
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
