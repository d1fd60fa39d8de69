"""The callback-data scheme: "<prefix>:<action>[:<argument>…]", at most 64 bytes (Telegram's limit).

Prefixes: v (verdict buttons, with a memory token), lang, forget, rem (reminders), bc (broadcast preview),
al (alert buttons), rp (report decisions), gs (group settings), flow (logistics guide), kb (related topic).
"""

from __future__ import annotations

MAX_BYTES = 64


def data(*parts: object) -> str:
    value = ":".join(str(part) for part in parts)
    if len(value.encode("utf-8")) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {value[:20]}…")
    return value


def fits(*parts: object) -> bool:
    return len(":".join(str(part) for part in parts).encode("utf-8")) <= MAX_BYTES


def parse(value: str | None) -> list[str]:
    return value.split(":") if value else []
