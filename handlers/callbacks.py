"""The callback-data scheme: "<prefix>:<action>[:<argument>…]", at most 64 bytes (Telegram's limit).

Prefixes: v (verdict buttons, with a memory token), lang, region, forget, rem (reminders), bc (broadcast preview),
al (alert buttons), rp (report decisions), gs (group settings), flow (logistics guide), kb (related topic).

Telegram lets any client send any callback data on any message it can see, so a press is checked against
the chat it comes from (`allowed_in`): in a private chat every button concerns the one user in it; in a
group only the buttons the bot posts there for everyone work (group settings and alerts), each of which
checks who may press it (group settings and unsubscribing: an admin; a vote: that member's own vote).
"""

from __future__ import annotations

MAX_BYTES = 64
GROUP_PREFIXES = frozenset({"gs", "al"})  # the only buttons the bot posts in groups
GROUP_CHATS = frozenset({"group", "supergroup"})


def data(*parts: object) -> str:
    value = ":".join(str(part) for part in parts)
    if len(value.encode("utf-8")) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {value[:20]}…")
    return value


def fits(*parts: object) -> bool:
    return len(":".join(str(part) for part in parts).encode("utf-8")) <= MAX_BYTES


def parse(value: str | None) -> list[str]:
    return value.split(":") if value else []


def allowed_in(prefix: str, chat_type: str | None, chat_id: int, user_id: int) -> bool:
    """Whether a button with `prefix`, pressed by `user_id` in chat `chat_id`, is one the bot posts there."""
    if chat_type == "private":
        return chat_id == user_id
    return chat_type in GROUP_CHATS and prefix in GROUP_PREFIXES
