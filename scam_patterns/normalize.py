"""Text normalisation for matching, with a map back to the user's original text.

Steps, each chosen because scammers use it to dodge keyword filters: NFKC (full-width and compatibility
forms), lower case, removal of format characters (zero-width spaces, joiners, bidi marks), Cyrillic and
Greek lookalikes folded to Latin, digits and symbols standing for letters inside Latin words (Amaz0n,
r3fund), the polite 您 folded to 你 (scammers write either), Traditional→Simplified with mainland wording
(OpenCC tw2sp), then every character that is not a letter, digit or Han is dropped, so spaces, hyphens,
punctuation and emoji inserted between characters vanish. Last, the versioned variant table (薇信→微信,
扣扣→qq, yzm→验证码) is applied on that compact text.

`Normalized.span(i, j)` turns a span of the compact text back into offsets of the original text, so
evidence always quotes what the user actually sent.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, starmap

import ahocorasick

from scam_patterns.datafiles import read_yaml
from scam_patterns.script import to_simplified, to_simplified_mainland

# Cyrillic and Greek letters that look like Latin ones (the common subset of Unicode TR39 confusables),
# plus Latin lookalikes that NFKC keeps. All map one character to one character.
_HOMOGLYPHS = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "ɡ": "g", "ӏ": "l", "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ɑ": "a", "ı": "i", "ł": "l", "ø": "o", "ß": "s",
}
# Inside a Latin word that also has letters: the digit or symbol stands for a letter. `1` and `i` both
# fold to `l` (paypa1, 1nfo), which is applied to keywords the same way, so both sides agree.
_LEET = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s", "|": "l", "!": "l"})
_FOLD = str.maketrans({k: "l" if v == "i" else v for k, v in _HOMOGLYPHS.items()})
_LOOKALIKE = re.compile("[" + "".join(_HOMOGLYPHS) + "]")
_HOMOGLYPHS_TABLE = str.maketrans({**_HOMOGLYPHS, **{k.upper(): v.upper() for k, v in _HOMOGLYPHS.items() if len(k.upper()) == 1}})
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789@$|!")
_KEEP = re.compile(r"[^\W_]+")  # runs of letters, digits and Han; everything else is a separator
_FORMAT = frozenset({"Cf", "Cc", "Cs", "Co", "Cn", "Zl", "Zp"})
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_MIXED = re.compile(r"[a-z][0-9@$|!]|[0-9@$|!][a-z]")  # a digit or symbol touching a letter: maybe leet


@dataclass(frozen=True, slots=True)
class Normalized:
    original: str
    text: str              # compact, normalised text that keywords are matched against
    starts: list[int]      # original offset where each character of `text` begins
    ends: list[int]        # original offset just after it

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the compact span text[start:end] (end exclusive)."""
        if not self.text or start >= end:
            return (0, 0)
        return self.starts[start], self.ends[end - 1]


def _deleet_words(text: str) -> str:
    """Undo digits-for-letters in the words where a digit or symbol touches a letter; other words are
    not visited at all (most messages have none)."""
    out: list[str] = []
    last = 0
    for touch in _MIXED.finditer(text):
        if touch.start() < last:
            continue
        start, end = touch.start(), touch.end()
        while start > last and text[start - 1] in _WORD_CHARS:
            start -= 1
        while end < len(text) and text[end] in _WORD_CHARS:
            end += 1
        out.append(text[last:start])
        out.append(_deleet(text[start:end]))
        last = end
    out.append(text[last:])
    return "".join(out)


def _deleet(word: str) -> str:
    # Symbols stand for letters only inside a word (p@ypal); at its edges they are punctuation (hello!).
    core = word.strip("@$|!")
    letters = sum(c.isalpha() for c in core)
    # A few stand-ins among letters (r3fund); a run of digits with a prefix (qq12345, 100rmb) is left alone.
    if letters >= 2 and 0 < len(core) - letters <= letters // 2:
        start = word.index(core[0])
        return word[:start] + core.translate(_LEET) + word[start + len(core):]
    return word


def _per_char(text: str, origin: list[int], convert) -> tuple[str, list[int]]:
    """Apply `convert` to each character; an expansion keeps the origin of the character it came from."""
    out: list[str] = []
    new_origin: list[int] = []
    for char, where in zip(text, origin):
        converted = convert(char)
        out.append(converted)
        new_origin.extend([where] * len(converted))
    return "".join(out), new_origin


def _strip_format(char: str) -> str:
    return "" if unicodedata.category(char) in _FORMAT and char not in "\n\t" else char


def _nfkc(char: str) -> str:
    return unicodedata.normalize("NFKC", char)


@lru_cache(maxsize=1)
def _traditional_chars() -> re.Pattern[str]:
    """Han characters that only Traditional text uses (OpenCC changes them): Simplified text skips the
    conversion, and a Simplified word that is also Taiwan phrasing (影片) keeps its own meaning."""
    block = "".join(chr(c) for c in (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000), *range(0xF900, 0xFB00)))
    changed = sorted({a for a, b in zip(block, to_simplified(block)) if a != b})
    return re.compile("[" + "".join(changed) + "]")


def _identity(text: str, origin: list[int] | None) -> list[int]:
    return origin if origin is not None else list(range(len(text)))


def fold(text: str) -> tuple[str, list[int] | None]:
    """Character-level normalisation (no separator removal yet): text and each character's origin, or
    None when every character is still at its own offset.

    Each step runs on the whole string and falls back to character by character only when it changed
    the length, so the usual message costs a few C-level passes."""
    origin: list[int] | None = None
    if not unicodedata.is_normalized("NFKC", text):
        folded = unicodedata.normalize("NFKC", text)
        if len(folded) == len(text):  # one character for one (，→, Ａ→A): offsets unchanged
            text = folded
        else:
            text, origin = _per_char(text, _identity(text, origin), _nfkc)
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered, origin = _per_char(text, _identity(text, origin), str.lower)
    text = lowered
    if not text.replace("\n", "").replace("\t", "").isprintable():  # format or control characters inside
        text, origin = _per_char(text, _identity(text, origin), _strip_format)
    if _LOOKALIKE.search(text):
        text = text.translate(_FOLD)
    text = text.replace("i", "l")
    # The polite 您 and the plain 你 say the same thing; scammers use either, so one form serves every keyword.
    text = text.replace("您", "你")
    if _MIXED.search(text):
        text = _deleet_words(text)
    if _HAN.search(text) and _traditional_chars().search(text):
        simplified = to_simplified_mainland(text)
        if len(simplified) == len(text):
            text = simplified
        else:
            text, origin = _per_char(text, _identity(text, origin), to_simplified_mainland)
    return text, origin


class VariantTable:
    """The versioned table of scammers' spellings, applied with one Aho-Corasick pass (longest match)."""

    def __init__(self, variants: dict[str, list[str]], version: int) -> None:
        self.version = version
        self._automaton = ahocorasick.Automaton()
        for canonical, spellings in variants.items():
            target = compact_fold(canonical)
            for spelling in spellings:
                key = compact_fold(spelling)
                if key and key != target:
                    self._automaton.add_word(key, (len(key), target))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def apply(self, text: str, starts: list[int], ends: list[int]) -> tuple[str, list[int], list[int]]:
        if self._empty or not text:
            return text, starts, ends
        hits = sorted(((end - length + 1, end + 1, target) for end, (length, target) in self._automaton.iter(text)),
                      key=lambda hit: (hit[0], -hit[1]))
        if not hits:
            return text, starts, ends
        parts: list[str] = []
        new_starts: list[int] = []
        new_ends: list[int] = []
        cursor = 0
        for begin, stop, target in hits:
            if begin < cursor:
                continue  # overlaps a longer or earlier replacement
            parts.append(text[cursor:begin])
            new_starts.extend(starts[cursor:begin])
            new_ends.extend(ends[cursor:begin])
            parts.append(target)
            new_starts.extend([starts[begin]] * len(target))
            new_ends.extend([ends[stop - 1]] * len(target))
            cursor = stop
        parts.append(text[cursor:])
        new_starts.extend(starts[cursor:])
        new_ends.extend(ends[cursor:])
        return "".join(parts), new_starts, new_ends


def compact_fold(text: str) -> str:
    """The compact form of a keyword, without variants: what `normalize` produces for the same words."""
    folded, _ = fold(text)
    return "".join(_KEEP.findall(folded))


@lru_cache(maxsize=1)
def variant_table() -> VariantTable:
    data = read_yaml("data/variants.yaml")
    return VariantTable(data["variants"], int(data["version"]))


# Characters that never belong inside a link or a number: invisible formatting, emoji and other symbols.
_VIEW_DROP = frozenset({"Cf", "Cc", "Cs", "Co", "Cn", "So", "Sk"})
_VIEW_SUSPECT = re.compile("[^\x00-\x7f\u3000-\u303f\u4e00-\u9fff\uff0c\uff1a\uff1b\uff01\uff1f]|[\x00-\x08\x0b-\x1f\x7f]")


@lru_cache(maxsize=4096)
def _view_char(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char)
    if len(folded) == 1 and unicodedata.category(folded) in _VIEW_DROP and folded not in "\n\t":
        return ""
    return folded.translate(_HOMOGLYPHS_TABLE)


def entity_view(original: str) -> tuple[str, list[int]]:
    """The text for reading links and numbers: full-width folded, lookalike letters made Latin, and
    invisible characters and emoji removed (h😀t😀t😀p, 138\u200b1234…), with each character's origin.
    Case, digits and `i` are left alone so that paypa1.com still looks like paypa1.com."""
    if _VIEW_SUSPECT.search(original):
        mapped = list(map(_view_char, original))
        view = "".join(mapped)
        if len(view) == len(original) and "" not in mapped:  # one character for one: offsets unchanged
            origin = list(range(len(original)))
        else:
            view, origin = _per_char(original, list(range(len(original))), _view_char)
    else:
        view, origin = original, list(range(len(original)))
    return _unspaced(view, origin)


def _unspaced(view: str, origin: list[int]) -> tuple[str, list[int]]:
    """A text written one character at a time (h t t p : / / …) with its spaces removed."""
    tokens = view.split()
    if len(tokens) < 8 or sum(map((1).__eq__, map(len, tokens))) < 0.6 * len(tokens):
        return view, origin
    keep = [i for i, c in enumerate(view) if not c.isspace()]
    return "".join(view[i] for i in keep), [origin[i] for i in keep]


def normalize(original: str) -> Normalized:
    folded, origin = fold(original)
    runs = list(_KEEP.finditer(folded))
    kept = list(chain.from_iterable(starmap(range, map(re.Match.span, runs))))
    starts = kept if origin is None else [origin[i] for i in kept]
    ends = list(map((1).__add__, starts))
    parts = [run.group() for run in runs]
    text, starts, ends = variant_table().apply("".join(parts), starts, ends)
    return Normalized(original, text, starts, ends)
