"""Telegram HTML helpers: escaping user text, short excerpts, and splitting long replies.

Telegram rejects a message over 4,096 characters (counted in UTF-16 code units) and any HTML whose tags
do not balance, so a long reply is cut on line boundaries, the tags open at a cut are closed at the end of
one part and reopened at the start of the next, and no cut falls inside a tag or an entity.
"""

from __future__ import annotations

import html
import re
import unicodedata

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024

_TAG = re.compile(r"<(/?)([a-zA-Z-]+)[^>]*>")
_TOKEN = re.compile(r"<[^>]*>|&[#a-zA-Z0-9]+;|[\s\S]")


def escape(text: str) -> str:
    """User or quoted text made safe for parse_mode HTML."""
    return html.escape(text, quote=False)


def utf16_len(text: str) -> int:
    """Length as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


def clean(text: str) -> str:
    """Text without control or unassigned characters (binary junk), keeping line breaks and tabs."""
    return "".join(
        char for char in text
        if char in "\n\t" or unicodedata.category(char) not in ("Cc", "Cs", "Co", "Cn")
    )


def excerpt(text: str, limit: int) -> str:
    """At most `limit` characters of `text` on one line, with an ellipsis when cut; NOT escaped."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: max(1, limit - 1)].rstrip() + "…"


def _pieces(line: str, limit: int) -> list[str]:
    """A single over-long line cut into parts of at most `limit` units, never inside a tag or an entity."""
    parts: list[str] = []
    current = ""
    for token in _TOKEN.findall(line):
        if current and utf16_len(current) + utf16_len(token) > limit:
            cut = current.rfind(" ")
            if cut > len(current) // 2 and not _inside_tag(current, cut):
                parts.append(current[:cut])
                current = current[cut + 1:]
            else:
                parts.append(current)
                current = ""
        current += token
    if current:
        parts.append(current)
    return parts


def _inside_tag(text: str, position: int) -> bool:
    return text.rfind("<", 0, position) > text.rfind(">", 0, position)


def _open_tags(text: str, stack: list[str]) -> list[str]:
    """The tags still open after `text`, given those open before it (as their full opening tags)."""
    stack = list(stack)
    for match in _TAG.finditer(text):
        closing, name = match.group(1), match.group(2).lower()
        if closing:
            for index in range(len(stack) - 1, -1, -1):
                if _TAG.match(stack[index]).group(2).lower() == name:
                    del stack[index]
                    break
        else:
            stack.append(match.group(0))
    return stack


def _closing(stack: list[str]) -> str:
    return "".join(f"</{_TAG.match(tag).group(2)}>" for tag in reversed(stack))


def split_message(text: str, limit: int = MESSAGE_LIMIT, html_mode: bool = True) -> list[str]:
    """`text` in parts of at most `limit` UTF-16 units, cut at line ends when possible.

    With `html_mode`, tags open at a cut are closed and reopened so every part is valid HTML on its own.
    """
    if utf16_len(text) <= limit:
        return [text]
    # Room for the tags that may have to be closed and reopened around a cut.
    budget = limit - 64 if html_mode else limit
    units: list[str] = []
    for line in text.split("\n"):
        units.extend(_pieces(line, budget) if utf16_len(line) > budget else [line])
    parts: list[str] = []
    stack: list[str] = []  # tags open before the current unit
    current = ""
    for unit in units:
        candidate = unit if not current else current + "\n" + unit
        if current and utf16_len(candidate) > budget:
            parts.append(current + (_closing(stack) if html_mode else ""))
            current = ("".join(stack) if html_mode else "") + unit
        else:
            current = candidate
        if html_mode:
            stack = _open_tags(unit, stack)
    if current:
        parts.append(current)
    return parts
