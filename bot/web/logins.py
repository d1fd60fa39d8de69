"""One-time sign-in links to the moderators' console, and the console session they open.

A link carries `moderator id . expiry . nonce`, signed with the data directory's key: it is refused once
expired, once used (the nonce is recorded in `console_logins`, so a second use fails in every process
sharing the database) and when its id is no longer a moderator. A console session is a signed cookie
`moderator id . expiry`; every console request checks the id against the moderators in force.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from collections.abc import Callable

from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError

from bot.storage.models import ConsoleLogin
from bot.storage.store import SqlStore
from bot.web.secret import Signer

LOGINS = ConsoleLogin.__table__  # type: ignore[attr-defined]
LOGIN_PATH = "/console/login"
COOKIE = "shopsafe_console"
KEEP_USED = dt.timedelta(days=2)  # far beyond any link's life: older nonces can be forgotten


def sign_link(signer: Signer, base_url: str, user_id: int, minutes: float, now: float | None = None) -> str:
    expires = int((time.time() if now is None else now) + minutes * 60)
    token = signer.sign("login", f"{user_id}.{expires}.{secrets.token_urlsafe(12)}")
    return f"{base_url.rstrip('/')}{LOGIN_PATH}?token={token}"


def _parts(value: str | None, count: int) -> list[str] | None:
    parts = value.split(".") if value else []
    if len(parts) != count or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    return parts


class Logins:
    """Implements the handlers' `ConsoleLinks` port, and redeems links for the console."""

    def __init__(self, signer: Signer, store: SqlStore, link_minutes: int, session_minutes: int, base_url: str,
                 clock: Callable[[], float] = time.time) -> None:
        self.signer = signer
        self.store = store
        self.minutes = link_minutes
        self.session_minutes = session_minutes
        self.base_url = base_url
        self.clock = clock

    def link(self, user_id: int) -> str:
        return sign_link(self.signer, self.base_url, user_id, self.minutes, self.clock())

    def check(self, token: str) -> tuple[int, str] | None:
        """(moderator id, nonce) of an untampered, unexpired link; None otherwise (use is checked on redeem)."""
        parts = _parts(self.signer.unsign("login", token or ""), 3)
        if parts is None or int(parts[1]) < self.clock():
            return None
        return int(parts[0]), parts[2]

    async def redeem(self, token: str) -> int | None:
        """The moderator id of a valid link, used now; None when invalid, expired or already used."""
        checked = self.check(token)
        if checked is None:
            return None
        user_id, nonce = checked
        now = dt.datetime.fromtimestamp(self.clock(), dt.timezone.utc)

        async def work(conn) -> None:
            await conn.execute(delete(LOGINS).where(LOGINS.c.used_at < now - KEEP_USED))
            await conn.execute(insert(LOGINS).values(nonce=nonce[:32], moderator_id=user_id, used_at=now))
        try:
            await self.store.write(work)
        except IntegrityError:
            return None
        return user_id

    def session(self, user_id: int) -> str:
        return self.signer.sign("console", f"{user_id}.{int(self.clock() + self.session_minutes * 60)}")

    def session_user(self, cookie: str | None) -> int | None:
        parts = _parts(self.signer.unsign("console", cookie or ""), 2)
        if parts is None or int(parts[1]) < self.clock():
            return None
        return int(parts[0])
