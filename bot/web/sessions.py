"""Who is talking on the page: a random session id in a cookie, and the conversation kept in memory.

There is no account. The cookie holds 24 random bytes; the web user id the handlers see is derived from
it with the signing key, in a range no Telegram id reaches (2^62 and up, still a signed 64-bit integer),
so handler memory, flood limits and a filed report all work as they do on Telegram. The conversation
(what was typed and answered) lives here only, is bounded, and is dropped after
`privacy.callback_ttl_seconds` without activity, or at once on /forget.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from bot.web.render import ButtonView, Run
from bot.web.secret import Signer

COOKIE = "shopsafe_session"
SESSION_BYTES = 24
WEB_USER_BASE = 1 << 62  # above every Telegram user and chat id; below 2^63, so a BIGINT holds it
WEB_USER_BITS = 56
MAX_MESSAGES = 60  # per conversation: the oldest scroll away
MAX_CHARS = 16_000  # per conversation, so memory stays bounded (10,000 sessions: 160 M characters at worst)
MAX_SESSIONS = 10_000
_SID = re.compile(r"^[A-Za-z0-9_-]{32}$")


def new_session_id() -> str:
    return secrets.token_urlsafe(SESSION_BYTES)


def valid_session_id(value: str | None) -> bool:
    return bool(value) and _SID.match(value) is not None  # type: ignore[arg-type]


def web_user_id(signer: Signer, sid: str) -> int:
    return WEB_USER_BASE + int.from_bytes(signer.digest("user", sid)[:WEB_USER_BITS // 8], "big")


def is_web_user(user_id: int) -> bool:
    return user_id >= WEB_USER_BASE


@dataclass
class Message:
    id: int
    role: str  # "user" (what the person sent) or "bot"
    runs: list[Run]
    verdict: str | None = None
    buttons: tuple[tuple[ButtonView, ...], ...] = ()
    image: str | None = None  # a data: URL (a chart), never a user's upload

    def chars(self) -> int:
        return sum(len(run.text) for run in self.runs)

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "role": self.role, "verdict": self.verdict, "image": self.image,
                "runs": [run.as_json() for run in self.runs],
                "buttons": [[button.as_json() for button in row] for row in self.buttons]}


@dataclass
class Conversation:
    sid: str
    user_id: int
    touched: float
    messages: OrderedDict[int, Message] = field(default_factory=OrderedDict)
    next_id: int = 1
    chars: int = 0  # of every message held, kept up to date so the cap costs nothing per message
    notice: str | None = None  # a button's toast, shown once on the next page load without script
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)  # one person's requests run in order

    def add(self, role: str, runs: list[Run], verdict: str | None = None,
            buttons: tuple[tuple[ButtonView, ...], ...] = (), image: str | None = None) -> Message:
        message = Message(self.next_id, role, runs, verdict, buttons, image)
        self.next_id += 1
        self.messages[message.id] = message
        self.chars += message.chars()
        while len(self.messages) > 1 and (len(self.messages) > MAX_MESSAGES or self.chars > MAX_CHARS):
            self.chars -= self.messages.popitem(last=False)[1].chars()
        return message

    def replace(self, message_id: int, runs: list[Run], verdict: str | None,
                buttons: tuple[tuple[ButtonView, ...], ...]) -> Message | None:
        old = self.messages.get(message_id)
        if old is None:
            return None
        self.chars -= old.chars()
        old.runs, old.verdict, old.buttons = runs, verdict, buttons
        self.chars += old.chars()
        return old


class Sessions:
    """Live conversations by session id and by web user id; idle ones expire, the oldest go past the cap."""

    def __init__(self, signer: Signer, idle_seconds: float, clock=time.monotonic) -> None:
        self.signer = signer
        self.idle = idle_seconds
        self.clock = clock
        self._by_sid: OrderedDict[str, Conversation] = OrderedDict()
        self._by_user: dict[int, Conversation] = {}

    def __len__(self) -> int:
        return len(self._by_sid)

    def get(self, sid: str) -> Conversation:
        """The conversation of `sid`, started empty when new or expired."""
        now = self.clock()
        self._expire(now)
        conversation = self._by_sid.pop(sid, None)
        if conversation is None:
            conversation = Conversation(sid, web_user_id(self.signer, sid), now)
            self._by_user[conversation.user_id] = conversation
        conversation.touched = now
        self._by_sid[sid] = conversation
        while len(self._by_sid) > MAX_SESSIONS:
            self._drop(next(iter(self._by_sid)))
        return conversation

    def of_user(self, user_id: int) -> Conversation | None:
        return self._by_user.get(user_id)

    def end(self, sid: str) -> None:
        self._drop(sid)

    def _drop(self, sid: str) -> None:
        conversation = self._by_sid.pop(sid, None)
        if conversation is not None:
            self._by_user.pop(conversation.user_id, None)

    def _expire(self, now: float) -> None:
        while self._by_sid:
            sid, conversation = next(iter(self._by_sid.items()))
            if now - conversation.touched <= self.idle:
                break
            self._drop(sid)
