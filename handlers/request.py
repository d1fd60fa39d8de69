"""One incoming event together with what dispatch already worked out about it."""

from __future__ import annotations

from dataclasses import dataclass

from handlers.context import Context
from handlers.events import Button, Event, Outcome, Reply
from handlers.ports import Lang
from handlers.texts import t


@dataclass
class Request:
    event: Event
    ctx: Context
    lang: Lang
    args: str = ""  # what follows the command, exactly as written
    region: str | None = None  # the user's stored region (/region), in private chats

    @property
    def private(self) -> bool:
        return self.event.chat_type == "private"

    def text(self, key: str, **values: object) -> str:
        return t(key, self.lang, self.region, **values)

    def button(self, key: str, callback_data: str, **values: object) -> Button:
        return Button(t(key, self.lang, self.region, **values), callback_data=callback_data)

    def reply(self, key: str, buttons: tuple[tuple[Button, ...], ...] = (), **values: object) -> Reply:
        return Reply(t(key, self.lang, self.region, **values), buttons=buttons)

    def answer(self, key: str, **values: object) -> Outcome:
        return Outcome([self.reply(key, **values)])

    def edit(self, text: str, buttons: tuple[tuple[Button, ...], ...] = ()) -> Reply:
        """Replace the message whose button was pressed (a new message when there is none)."""
        return Reply(text, buttons=buttons, edit_message_id=self.event.callback_message_id)

    def toast(self, key: str, alert: bool = False, **values: object) -> Outcome:
        return Outcome(callback_answer=t(key, self.lang, self.region, **values), callback_alert=alert)
