"""Driving `handlers.dispatch.handle` the way an adapter does: a `Chat` that sends messages and presses
buttons, a settable clock, and sample messages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from handlers.context import Context
from handlers.dispatch import handle
from handlers.events import Event, Outcome, Reply

MODERATOR = 9001
USER = 501
GROUP = -100777

SCAM_ZH = "你好，我是中通快递客服，你的包裹丢失了，我们给你三倍理赔，加一下扣扣处理"
SCAM_EN = ("Amazon refund department: you were overcharged $399. Install AnyDesk so we can process your "
           "refund, then buy gift cards to return the difference")
PLAIN = "Dinner at seven tonight? I'll bring the cake."


class Clock:
    """A settable clock, so expiry and the flood limit are tested without sleeping."""

    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.timezone.utc)  # starts with the store's own clock

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@dataclass
class Chat:
    ctx: Context
    user_id: int = USER
    chat_id: int = USER
    chat_type: str = "private"
    language_code: str | None = "en"
    next_message_id: int = 100
    log: list[Outcome] = field(default_factory=list)

    async def say(self, text: str | None = None, **fields: object) -> Outcome:
        self.next_message_id += 1
        values = {"user_id": self.user_id, "chat_id": self.chat_id, "chat_type": self.chat_type,
                  "language_code": self.language_code, "text": text, "message_id": self.next_message_id}
        values.update(fields)
        outcome = await handle(Event(kind="message", **values), self.ctx)
        self.log.append(outcome)
        return outcome

    async def press(self, button_or_data: object, message_id: int = 42, **fields: object) -> Outcome:
        data = getattr(button_or_data, "callback_data", button_or_data)
        values = {"user_id": self.user_id, "chat_id": self.chat_id, "chat_type": self.chat_type,
                  "language_code": self.language_code, "callback_data": data, "callback_message_id": message_id}
        values.update(fields)
        outcome = await handle(Event(kind="callback", **values), self.ctx)
        self.log.append(outcome)
        return outcome

    async def event(self, kind: str, **fields: object) -> Outcome:
        values = {"user_id": self.user_id, "chat_id": self.chat_id, "chat_type": self.chat_type,
                  "language_code": self.language_code}
        values.update(fields)
        return await handle(Event(kind=kind, **values), self.ctx)


def buttons(reply: Reply) -> list:
    return [button for row in reply.buttons for button in row]


def button(reply: Reply, starts_with: str):
    """The button whose callback data starts with `starts_with`."""
    found = [b for b in buttons(reply) if (b.callback_data or "").startswith(starts_with)]
    assert found, f"no {starts_with!r} button among {[b.callback_data for b in buttons(reply)]}"
    return found[0]
