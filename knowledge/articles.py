"""Articles: Markdown files with YAML front matter and a body in Chinese (Simplified) and English.

    ---
    id: track-parcel-safely
    title: {zh: 安全查物流, en: Checking your parcel safely}
    tags: [logistics]
    questions: {zh: [...], en: [...]}
    sources: [004_65c66e08129f9f4a.txt, 中通告客户书]
    related: [privacy-waybill]
    ---
    ## zh
    正文 …
    ## en
    Body …

Traditional Chinese is produced from the Simplified text with OpenCC s2twp when asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml

from scam_patterns.script import to_traditional

Lang = Literal["zh-Hans", "zh-Hant", "en"]
LANGS: tuple[Lang, ...] = ("zh-Hans", "zh-Hant", "en")

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n(.*)\Z", re.S)
_SECTION = re.compile(r"^##\s+(zh|en)\s*$", re.M)


class ArticleError(ValueError):
    """An article file that cannot be read: the message names the file and what is wrong."""


@dataclass(frozen=True)
class Article:
    id: str
    titles: dict[str, str]            # "zh" (Simplified) and "en"
    bodies: dict[str, str]            # "zh" (Simplified) and "en"
    questions: dict[str, tuple[str, ...]]
    sources: tuple[str, ...]          # as cited in English
    tags: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    sources_zh: tuple[str, ...] = ()  # as cited in Chinese, when the names differ

    def title(self, lang: str = "en") -> str:
        return _localise(self.titles, lang)

    def body(self, lang: str = "en") -> str:
        return _localise(self.bodies, lang)

    def source_names(self, lang: str = "en") -> list[str]:
        """The sources as cited in `lang`: Chinese names of guidelines follow the asker's script."""
        if lang == "en" or not self.sources_zh:
            return list(self.sources)
        return [traditional(source) if lang == "zh-Hant" else source for source in self.sources_zh]

    def sample_questions(self) -> list[str]:
        return [*self.questions.get("zh", ()), *self.questions.get("en", ())]


def _localise(texts: dict[str, str], lang: str) -> str:
    if lang == "en":
        return texts.get("en", "")
    if lang == "zh-Hant":
        # Text written in Traditional (a place's own version, or a hand review) wins over a conversion.
        return texts.get("zh-Hant") or traditional(texts.get("zh", ""))
    return texts.get("zh", "")


# Where s2twp's output reads unlike Taiwan usage, and Taiwan's corner-bracket quotation marks.
_TAIWAN_WORDING = {"賬戶": "帳戶", "賬號": "帳號", "轉賬": "轉帳", "平臺": "平台", "臺灣": "台灣", "報道": "報導",
                   "“": "「", "”": "」", "‘": "『", "’": "』"}


@lru_cache(maxsize=4096)
def traditional(text: str) -> str:
    """Simplified Chinese as Taiwan readers write it: OpenCC s2twp, then a few wording fixes."""
    text = to_traditional(text)
    for simplified_style, taiwan in _TAIWAN_WORDING.items():
        text = text.replace(simplified_style, taiwan)
    return text


def _strings(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    # YAML reads a bare hotline number (12321) as an integer: it is still a name.
    if isinstance(value, list) and all(isinstance(item, (str, int)) for item in value):
        return tuple(str(item).strip() for item in value if str(item).strip())
    raise ArticleError(f"{where}: expected a list of strings")


def _sources(value: object, where: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """English and Chinese citations: an item is one name, or {zh: 中文名, en: English name}."""
    if not isinstance(value, list):
        return _strings(value, where), ()
    english, chinese = [], []
    for item in value:
        if isinstance(item, dict):
            if not isinstance(item.get("en"), str) or not isinstance(item.get("zh"), str):
                raise ArticleError(f"{where}: a bilingual source needs both 'zh' and 'en'")
            english.append(item["en"].strip())
            chinese.append(item["zh"].strip())
        else:
            name = _strings([item], where)
            english.extend(name)
            chinese.extend(name)
    return tuple(english), (tuple(chinese) if chinese != english else ())


def parse_article(text: str, path: Path | None = None) -> Article:
    name = str(path) if path else "<article>"
    match = _FRONT_MATTER.match(text.replace("\r\n", "\n"))
    if not match:
        raise ArticleError(f"{name}: no YAML front matter between '---' lines")
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        raise ArticleError(f"{name}: front matter is not valid YAML ({error})") from None
    if not isinstance(meta, dict) or not isinstance(meta.get("id"), str):
        raise ArticleError(f"{name}: front matter needs an 'id'")
    parts = _SECTION.split(match.group(2))
    bodies = {lang: body.strip() for lang, body in zip(parts[1::2], parts[2::2])}
    titles = meta.get("title") or {}
    questions = meta.get("questions") or {}
    if not isinstance(titles, dict) or not isinstance(questions, dict):
        raise ArticleError(f"{name}: 'title' and 'questions' map a language (zh, en) to text")
    sources, sources_zh = _sources(meta.get("sources"), f"{name}: sources")
    return Article(
        id=meta["id"],
        titles={lang: str(value).strip() for lang, value in titles.items()},
        bodies=bodies,
        questions={lang: _strings(value, f"{name}: questions.{lang}") for lang, value in questions.items()},
        sources=sources,
        sources_zh=sources_zh,
        tags=_strings(meta.get("tags"), f"{name}: tags"),
        related=_strings(meta.get("related"), f"{name}: related"),
    )


def load_articles(directory: Path | None = None) -> list[Article]:
    """Every `*.md` article in `directory`, by file name; default: the shipped package data."""
    if directory is None:
        files = sorted(
            (entry for entry in resources.files("knowledge").joinpath("articles").iterdir() if entry.name.endswith(".md")),
            key=lambda entry: entry.name,
        )
        return [parse_article(entry.read_text(encoding="utf-8"), Path(str(entry))) for entry in files]
    return [parse_article(path.read_text(encoding="utf-8"), path) for path in sorted(directory.glob("*.md"))]
