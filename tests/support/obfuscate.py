"""Obfuscations scammers use to dodge keyword filters, as text transforms for robustness tests.

Each transform keeps the message readable to a person: spaces or emoji between characters, zero-width
characters, full-width forms, Traditional script, Cyrillic lookalikes and digits standing for letters.
"""

from __future__ import annotations

import re

from scam_patterns.script import to_traditional

ZERO_WIDTH = "\u200b"
EMOJI = ("😀", "🔥", "👉", "✨", "💰")
# Cyrillic letters that render like Latin ones.
CYRILLIC = str.maketrans({"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "y": "у", "x": "х", "i": "і",
                          "A": "А", "E": "Е", "O": "О", "P": "Р", "C": "С", "X": "Х", "K": "К", "M": "М", "T": "Т"})
LEET = {"o": "0", "e": "3", "a": "4", "i": "1", "s": "5", "t": "7", "O": "0", "E": "3", "A": "4", "S": "5"}
_LATIN_WORD = re.compile(r"[A-Za-z]{4,}")


def respace(text: str) -> str:
    """A space between every two characters: 退 款 / r e f u n d."""
    return " ".join(text)


def zero_width(text: str) -> str:
    return ZERO_WIDTH.join(text)


def emoji_separated(text: str) -> str:
    return "".join(char + EMOJI[i % len(EMOJI)] for i, char in enumerate(text))


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c for c in text)


def traditional(text: str) -> str:
    return to_traditional(text)


def homoglyph(text: str) -> str:
    """Cyrillic lookalikes for Latin letters."""
    return text.translate(CYRILLIC)


def digits_for_letters(text: str) -> str:
    """One letter of each Latin word of 4+ letters replaced by a lookalike digit (Amaz0n, r3fund)."""
    def swap(match: re.Match[str]) -> str:
        word = match.group()
        for index, char in enumerate(word[1:], start=1):
            if char in LEET:
                return word[:index] + LEET[char] + word[index + 1:]
        return word
    return _LATIN_WORD.sub(swap, text)


TRANSFORMS = {
    "respace": respace,
    "zero_width": zero_width,
    "emoji_separated": emoji_separated,
    "full_width": full_width,
    "traditional": traditional,
    "homoglyph": homoglyph,
    "digits_for_letters": digits_for_letters,
}
