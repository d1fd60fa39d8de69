"""What the rest of `bot/` needs from a Telegram adapter to send on its own (alerts, reminders).

Every adapter maps its framework's exceptions onto these, so the broadcast sender and the reminder job
have one retry policy whatever the framework.
"""

from __future__ import annotations

from typing import Protocol

from handlers.events import Reply


class TelegramError(Exception):
    """A Bot API call failed; `description` is Telegram's text, never the token."""

    def __init__(self, description: str = "") -> None:
        super().__init__(description)
        self.description = description


class RetryAfter(TelegramError):
    """429: flood control; wait `retry_after` seconds before the next call."""

    def __init__(self, retry_after: float, description: str = "") -> None:
        super().__init__(description or f"retry after {retry_after}s")
        self.retry_after = retry_after


class Forbidden(TelegramError):
    """403: the user blocked the bot or the bot is no longer in the chat."""


class Transient(TelegramError):
    """5xx, a time-out or a lost connection: worth retrying with backoff."""


class TimedOut(Transient):
    """The request went out but no answer came in time: Telegram may well have carried it out.

    Repeating a send after this may deliver it twice, so senders decide: a reply is repeated once, after
    a longer wait (`bot.adapters.common.deliver`); an alert or a reminder is never repeated.
    """


class BadRequest(TelegramError):
    """400: the request itself is wrong (chat not found, message too long): retrying will not help."""


class Transport(Protocol):
    async def send(self, chat_id: int, reply: Reply) -> int:
        """Send one reply (text or photo); returns the new message id."""

    async def edit(self, chat_id: int, message_id: int, reply: Reply) -> None:
        """Replace the text and buttons of a message the bot sent."""
