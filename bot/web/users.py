"""Web users exist in memory only: the page's store keeps their language here and nothing in the database.

`WebUsers` stands in front of the real store for the page's handlers. For a web user id (see
`bot.web.sessions`) the user methods answer from a bounded in-memory table; subscriptions and reminders
do not exist on the page (nothing could deliver them). Everything else, reports above all, goes to the
real store. `forget_user` clears both, so the reports a web user filed go too.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from handlers.ports import Lang, ReminderRecord, Store, UserRecord

from bot.web.sessions import MAX_SESSIONS, is_web_user


class WebUsers:
    def __init__(self, store: Store, clock) -> None:
        self._store = store
        self._clock = clock
        self._users: OrderedDict[int, UserRecord] = OrderedDict()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    async def get_user(self, user_id: int) -> UserRecord | None:
        if is_web_user(user_id):
            return self._users.get(user_id)
        return await self._store.get_user(user_id)

    async def ensure_user(self, user_id: int, language: Lang | None) -> tuple[UserRecord, bool]:
        if not is_web_user(user_id):
            return await self._store.ensure_user(user_id, language)
        user = self._users.get(user_id)
        if user is not None:
            return user, False
        user = UserRecord(user_id, language, subscribed=False, active=True, created_at=self._clock())
        self._remember(user)
        return user, True

    async def set_language(self, user_id: int, language: Lang) -> None:
        if not is_web_user(user_id):
            return await self._store.set_language(user_id, language)
        user, _ = await self.ensure_user(user_id, language)
        self._remember(UserRecord(user_id, language, user.subscribed, user.active, user.created_at))

    async def set_subscribed(self, user_id: int, subscribed: bool) -> None:
        if not is_web_user(user_id):
            await self._store.set_subscribed(user_id, subscribed)

    async def set_active(self, chat_id: int, active: bool) -> None:
        if not is_web_user(chat_id):
            await self._store.set_active(chat_id, active)

    async def forget_user(self, user_id: int) -> None:
        self._users.pop(user_id, None)
        await self._store.forget_user(user_id)  # the reports this id filed

    async def get_reminder(self, user_id: int) -> ReminderRecord | None:
        return None if is_web_user(user_id) else await self._store.get_reminder(user_id)

    def _remember(self, user: UserRecord) -> None:
        self._users.pop(user.user_id, None)
        self._users[user.user_id] = user
        while len(self._users) > MAX_SESSIONS:
            self._users.popitem(last=False)
