"""Per-process, in-memory state of the conversation: checked texts behind buttons, the last question asked
(so a follow-up is read with it), the flood limit, and the users already known to storage.

A checked text lives here, never in storage, for `Limits.callback_ttl_seconds` so the buttons under its
verdict work; it is keyed by a short random token carried in the callback data. Every structure is
bounded: expired entries are dropped as new ones arrive, and the oldest go first past `MAX_ENTRIES`.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import OrderedDict, deque
from dataclasses import dataclass, field

from handlers.context import Context
from handlers.ports import Lang

MAX_ENTRIES = 50_000
MAX_TOTAL_CHARS = 20_000_000  # checked texts held at once: tens of MB at most, whatever the traffic
TOKEN_BYTES = 6  # 8 URL-safe characters: unguessable within a 15-minute window


@dataclass
class CheckedText:
    user_id: int
    text: str
    verdict: str
    pattern_ids: tuple[str, ...]
    created: dt.datetime
    reported: bool = False


class CheckedTexts:
    def __init__(self, ttl_seconds: int) -> None:
        self.ttl = dt.timedelta(seconds=ttl_seconds)
        self._items: OrderedDict[str, CheckedText] = OrderedDict()
        self._chars = 0

    def __len__(self) -> int:
        return len(self._items)

    def put(self, item: CheckedText, now: dt.datetime) -> str:
        self._expire(now)
        token = secrets.token_urlsafe(TOKEN_BYTES)
        while token in self._items:
            token = secrets.token_urlsafe(TOKEN_BYTES)
        self._items[token] = item
        self._chars += len(item.text)
        while len(self._items) > MAX_ENTRIES or self._chars > MAX_TOTAL_CHARS:
            self._chars -= len(self._items.popitem(last=False)[1].text)
        return token

    def get(self, token: str, user_id: int, now: dt.datetime) -> CheckedText | None:
        """The text behind `token` if it is still fresh and was checked by `user_id`."""
        item = self._items.get(token)
        if item is None or now - item.created > self.ttl:
            return None
        return item if item.user_id == user_id else None

    def forget_user(self, user_id: int) -> None:
        for token in [token for token, item in self._items.items() if item.user_id == user_id]:
            self._chars -= len(self._items.pop(token).text)

    def _expire(self, now: dt.datetime) -> None:
        while self._items:
            token, item = next(iter(self._items.items()))
            if now - item.created <= self.ttl:
                break
            self._chars -= len(self._items.pop(token).text)


class LastQuestions:
    """Each user's last question to the knowledge base, for `ttl`: "and in Hong Kong?" means the one before.

    Held like checked texts: in memory only, bounded in number and length, dropped on /forget.
    """

    MAX_CHARS = 300  # the knowledge base reads no more of a question

    def __init__(self, ttl_seconds: int) -> None:
        self.ttl = dt.timedelta(seconds=ttl_seconds)
        self._items: OrderedDict[int, tuple[dt.datetime, str]] = OrderedDict()

    def get(self, user_id: int, now: dt.datetime) -> str | None:
        entry = self._items.get(user_id)
        return entry[1] if entry is not None and now - entry[0] <= self.ttl else None

    def put(self, user_id: int, question: str, now: dt.datetime) -> None:
        self._items.pop(user_id, None)
        self._items[user_id] = (now, question[: self.MAX_CHARS])
        while len(self._items) > MAX_ENTRIES or (self._items and now - next(iter(self._items.values()))[0] > self.ttl):
            self._items.popitem(last=False)

    def forget_user(self, user_id: int) -> None:
        self._items.pop(user_id, None)


@dataclass
class _Window:
    times: deque[dt.datetime] = field(default_factory=deque)
    warned: bool = False


class FloodLimit:
    """At most `per_minute` checks per user in any sliding minute; the first refusal is answered."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._users: dict[int, _Window] = {}
        self._last_sweep: dt.datetime | None = None

    def allow(self, user_id: int, now: dt.datetime) -> tuple[bool, bool]:
        """(allowed, warn): `warn` is True only for the first refusal of a burst."""
        self._sweep(now)
        window = self._users.setdefault(user_id, _Window())
        start = now - dt.timedelta(minutes=1)
        while window.times and window.times[0] <= start:
            window.times.popleft()
        if len(window.times) < self.per_minute:
            window.times.append(now)
            window.warned = False
            return True, False
        warn = not window.warned
        window.warned = True
        return False, warn

    def forget_user(self, user_id: int) -> None:
        self._users.pop(user_id, None)

    def _sweep(self, now: dt.datetime) -> None:
        """Drop users idle for a minute, at most once a minute, so the table stays small."""
        if self._last_sweep is not None and now - self._last_sweep < dt.timedelta(minutes=1):
            return
        self._last_sweep = now
        start = now - dt.timedelta(minutes=1)
        for user_id in [uid for uid, w in self._users.items() if not w.times or w.times[-1] <= start]:
            del self._users[user_id]


class KnownUsers:
    """Users this process created or read recently, with their stored language and region.

    Spares a storage round trip per message; a language chosen in another process (several webhook
    processes share one database) shows here within `ttl`.
    """

    def __init__(self, ttl: dt.timedelta = dt.timedelta(minutes=5)) -> None:
        self.ttl = ttl
        self._users: OrderedDict[int, tuple[dt.datetime, Lang | None, str | None]] = OrderedDict()

    def get(self, user_id: int, now: dt.datetime) -> tuple[bool, Lang | None]:
        """(known, stored language)."""
        entry = self._users.get(user_id)
        if entry is None or now - entry[0] > self.ttl:
            return False, None
        return True, entry[1]

    def region(self, user_id: int, now: dt.datetime) -> str | None:
        """The stored region of a user known here, else None."""
        entry = self._users.get(user_id)
        return entry[2] if entry is not None and now - entry[0] <= self.ttl else None

    def remember(self, user_id: int, language: Lang | None, now: dt.datetime, region: str | None = None) -> None:
        self._users.pop(user_id, None)
        self._users[user_id] = (now, language, region)
        while len(self._users) > MAX_ENTRIES:
            self._users.popitem(last=False)

    def forget_user(self, user_id: int) -> None:
        self._users.pop(user_id, None)


def known_users(ctx: Context) -> KnownUsers:
    users = ctx.state.get("known_users")
    if users is None:
        users = ctx.state["known_users"] = KnownUsers()
    return users


def checked_texts(ctx: Context) -> CheckedTexts:
    store = ctx.state.get("checked_texts")
    if store is None:
        store = ctx.state["checked_texts"] = CheckedTexts(ctx.limits.callback_ttl_seconds)
    return store


def last_questions(ctx: Context) -> LastQuestions:
    store = ctx.state.get("last_questions")
    if store is None:
        store = ctx.state["last_questions"] = LastQuestions(ctx.limits.callback_ttl_seconds)
    return store


def flood_limit(ctx: Context) -> FloodLimit:
    limit = ctx.state.get("flood_limit")
    if limit is None:
        limit = ctx.state["flood_limit"] = FloodLimit(ctx.limits.checks_per_minute)
    return limit
