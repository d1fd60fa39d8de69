"""Which script a text is written in, and conversion between Simplified and Traditional Chinese (OpenCC).

Shared by the detector (it matches on Simplified text), the knowledge base and the handlers (they answer
in the asker's script). `to_traditional` (OpenCC `s2twp`, Taiwan wording) drafts Traditional text; the
scam catalog's Traditional texts are written by hand, and `simplified_characters` checks them.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from typing import Literal

import opencc

Script = Literal["zh-Hans", "zh-Hant", "en", "other"]


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text) if text else text


def to_simplified_mainland(text: str) -> str:
    """Traditional to Simplified with mainland wording (軟體 → 软件, 螢幕 → 屏幕, 簡訊 → 短信), OpenCC
    `tw2sp`: what the detector matches on, so Taiwan phrasing meets the same keywords."""
    return _converter("tw2sp").convert(text) if text else text


def to_traditional(text: str) -> str:
    """Simplified to Traditional with Taiwan phrasing (软件 → 軟體)."""
    return _converter("s2twp").convert(text) if text else text


# Characters OpenCC's s2t rewrites although Traditional text writes them too (台灣, 群組, 公布 in Taiwan
# usage): no sign of Simplified text.
_SHARED = frozenset("台群布")


def simplified_characters(text: str) -> list[str]:
    """The characters of `text` that only Simplified Chinese writes (账, 软, 网, 后 in 进群后), in order: what
    OpenCC s2t rewrites, word by word, less the few characters Traditional writes too. Empty for text
    written in Traditional, in Latin letters, or in characters both scripts share."""
    converted = _converter("s2t").convert(text) if text else text
    if len(converted) != len(text):  # s2t maps character for character; a length change would misalign
        return [char for char in text if _converter("s2t").convert(char) != char and char not in _SHARED]
    return [a for a, b in zip(text, converted) if a != b and a not in _SHARED]


_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ASCII_LETTERS = string.ascii_letters.encode()
_LETTER = re.compile(r"[^\W\d_]")
_HAN_SAMPLE = 400  # Han characters enough to tell the two scripts apart
# A Han character carries about a word, an English word about three letters: mixed text whose Han
# characters outweigh its letters on that scale ("快递单 shipping label 咋办") is written by a Chinese reader.
_LETTERS_PER_HAN = 3


def _count_latin(text: str) -> int:
    raw = text.encode("utf-8", "surrogatepass")
    return len(raw) - len(raw.translate(None, _ASCII_LETTERS))


def detect_script(text: str) -> Script:
    """zh-Hans / zh-Hant when Han characters outweigh the Latin letters, en for Latin text, else other.

    Traditional is recognised when converting to Simplified changes a noticeable share of the Han
    characters (characters shared by both scripts say nothing either way). Counting is done by
    regular expressions, in C, since every checked message passes through here.
    """
    if text.isascii():
        return "en" if _count_latin(text) else "other"
    han = _HAN.findall(text)
    latin = _count_latin(text)
    if han and len(han) * _LETTERS_PER_HAN >= latin:
        sample = "".join(han[:_HAN_SAMPLE])
        changed = sum(1 for a, b in zip(sample, to_simplified(sample)) if a != b)
        return "zh-Hant" if changed and changed >= max(1, len(sample) // 50) else "zh-Hans"
    other_letters = len(_LETTER.findall(text)) - latin - len(han)
    if latin and latin >= other_letters:
        return "en"
    return "other"
