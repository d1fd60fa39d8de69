"""Which of the three languages to answer in: the user's choice, else their Telegram client's, else the text's."""

from __future__ import annotations

from handlers.ports import Lang
from scam_patterns.script import detect_script

_TRADITIONAL_MARKS = ("hant", "tw", "hk", "mo")


def lang_from_code(code: str | None) -> Lang | None:
    """Telegram's language_code ("zh-hans", "zh-TW", "en-GB", …) as one of ours; None when absent."""
    if not code:
        return None
    code = code.lower().replace("_", "-")
    if code.startswith("zh"):
        return "zh-Hant" if any(mark in code.split("-")[1:] for mark in _TRADITIONAL_MARKS) else "zh-Hans"
    return "en"


def lang_of_text(text: str | None) -> Lang:
    """The script of a text when nothing else tells the language (console mode, no client language)."""
    script = detect_script(text[:2000]) if text else "other"
    return script if script in ("zh-Hans", "zh-Hant") else "en"


def pick_lang(stored: Lang | None, code: str | None, text: str | None = None) -> Lang:
    return stored or lang_from_code(code) or lang_of_text(text)
