"""What a handler receives and what it returns: plain data, no Telegram framework.

Adapters translate framework updates into an `Event`, call `handlers.dispatch.handle`, and send every
`Reply` in the returned `Outcome`, in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ChatType = Literal["private", "group", "supergroup", "channel"]
EventKind = Literal["message", "callback", "bot_added", "bot_removed"]
ParseMode = Literal["HTML"] | None


@dataclass(frozen=True, slots=True)
class Event:
    """One incoming update, reduced to what conversation logic needs."""

    kind: EventKind
    user_id: int
    chat_id: int
    chat_type: ChatType = "private"
    language_code: str | None = None  # the user's Telegram client language, e.g. "zh-hans", "en"
    text: str | None = None  # message text or photo caption
    message_id: int | None = None
    forwarded: bool = False
    reply_to_text: str | None = None  # text of the message this one replies to
    reply_to_message_id: int | None = None
    reply_to_image: bytes | None = None  # photo the message replies to, already downloaded
    image: bytes | None = None  # photo or image document, already downloaded by the adapter
    image_too_large: bool = False  # the adapter refused to download it (over the size limit)
    callback_data: str | None = None
    callback_message_id: int | None = None  # message the pressed button belongs to
    sender_is_chat_admin: bool | None = None  # filled by the adapter for group admin commands only
    chat_title: str | None = None


@dataclass(frozen=True, slots=True)
class Button:
    text: str
    callback_data: str | None = None  # at most 64 bytes, Telegram's limit
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Reply:
    """One message to send (or to edit, when `edit_message_id` is set)."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    parse_mode: ParseMode = "HTML"
    reply_to_message_id: int | None = None
    chat_id: int | None = None  # None: the chat the event came from
    edit_message_id: int | None = None
    photo: bytes | None = None  # PNG sent as a photo with `text` as caption
    disable_preview: bool = True


@dataclass(slots=True)
class Outcome:
    replies: list[Reply] = field(default_factory=list)
    callback_answer: str | None = None  # toast text for answerCallbackQuery
    callback_alert: bool = False
