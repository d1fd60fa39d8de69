"""Articles: Markdown files with YAML front matter and a body in Chinese (Simplified) and English.

    ---
    id: track-parcel-safely
    title: {zh: 安全查物流, en: Checking your parcel safely}
    tags: [logistics]
    questions: {zh: [...], en: [...]}
    sources:
      - publisher: {zh: 中通快递, en: ZTO Express}
        title: 中通快递告客户书
        date: "2021"
        url: https://example.org/notice
        claim: Couriers warn against scanning QR codes found inside parcels.
    related: [privacy-waybill]
    ---
    ## zh
    正文 …
    ## en
    Body …

A source is something a reader can open: its publisher, its title as published, its date ("YYYY-MM-DD",
"YYYY-MM" or "YYYY"), an https link, and the claim of the article it supports. `publisher` and `title` are
text or a mapping by language (en, zh, zh-Hant) when the source has names in several. A bare name (a file
name, a law's name without a link) is kept as `Source.bare` so that `kb --validate` can report it.

Traditional Chinese is written by hand, for Taiwan readers, in `articles/zh-Hant/<file name>` (one `## zh-Hant`
section for the `## zh` one, line for line); OpenCC s2twp of the Simplified text is only the fallback of an
article still being written, which a test forbids for shipped ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml

from scam_patterns.script import detect_script, to_traditional

Lang = Literal["zh-Hans", "zh-Hant", "en"]
LANGS: tuple[Lang, ...] = ("zh-Hans", "zh-Hant", "en")

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n(.*)\Z", re.S)
_SECTION = re.compile(r"^##\s+(zh|en)\s*$", re.M)


class ArticleError(ValueError):
    """An article file that cannot be read: the message names the file and what is wrong."""


_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Source:
    """One citation; `publisher` and `title` map a language ("en", "zh", "zh-Hant") to a name."""

    publisher: dict[str, str]
    title: dict[str, str]
    date: str = ""
    url: str = ""
    claim: str = ""
    bare: str = ""  # a citation given as a bare name instead of a mapping: reported by validation

    def name(self, field: dict[str, str], lang: str) -> str:
        """`field` in `lang`: zh-Hant falls back to the Chinese name as published, never a conversion,
        and any language to whatever name the source has."""
        order = {"en": ("en", "zh", "zh-Hant"), "zh-Hans": ("zh", "zh-Hant", "en"),
                 "zh-Hant": ("zh-Hant", "zh", "en")}[lang]
        return next((field[key] for key in order if field.get(key)), "")

    def script(self) -> str:
        """The script of the source's own title: "en" for a Latin one, else the Chinese script it uses."""
        title = self.title.get("zh-Hant") or self.title.get("zh") or self.title.get("en", "")
        if not _HAN.search(title):
            return "en"
        return "zh-Hant" if detect_script(title) == "zh-Hant" else "zh-Hans"


@dataclass(frozen=True)
class Article:
    id: str
    titles: dict[str, str]            # "zh" (Simplified) and "en"
    bodies: dict[str, str]            # "zh" (Simplified) and "en"
    questions: dict[str, tuple[str, ...]]
    sources: tuple[Source, ...]
    tags: tuple[str, ...] = ()
    related: tuple[str, ...] = ()

    def title(self, lang: str = "en") -> str:
        return _localise(self.titles, lang)

    def body(self, lang: str = "en") -> str:
        return _localise(self.bodies, lang)

    def primary_source(self, lang: str = "en") -> Source | None:
        """The source an answer in `lang` shows: the first one written in the asker's script (a Chinese
        reader gets a Chinese source, a Traditional one first for zh-Hant), else the first one."""
        if not self.sources:
            return None
        preference = {"en": ("en",), "zh-Hans": ("zh-Hans", "zh-Hant"), "zh-Hant": ("zh-Hant", "zh-Hans")}[lang]
        for script in preference:
            for source in self.sources:
                if not source.bare and source.script() == script:
                    return source
        return self.sources[0]

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


def _names(value: object, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, (str, int)):
        return {"en": str(value).strip()} if not _HAN.search(str(value)) else {"zh": str(value).strip()}
    if isinstance(value, dict) and all(isinstance(text, (str, int)) for text in value.values()):
        unknown = set(value) - {"en", "zh", "zh-Hant"}
        if unknown:
            raise ArticleError(f"{where}: languages are en, zh and zh-Hant, not {', '.join(map(str, unknown))}")
        return {lang: str(text).strip() for lang, text in value.items() if str(text).strip()}
    raise ArticleError(f"{where}: expected text or a mapping of language to text")


def _sources(value: object, where: str) -> tuple[Source, ...]:
    """Each item a mapping {publisher, title, date, url, claim}; a bare name is kept for validation to report."""
    if value is None:
        return ()
    if not isinstance(value, list):
        value = [value]
    sources = []
    for number, item in enumerate(value, 1):
        if isinstance(item, (str, int)):
            sources.append(Source({}, {}, bare=str(item).strip()))
            continue
        if not isinstance(item, dict):
            raise ArticleError(f"{where} #{number}: expected a mapping with publisher, title, date, url and claim")
        unknown = set(item) - {"publisher", "title", "date", "url", "claim"}
        if unknown:
            raise ArticleError(f"{where} #{number}: unknown field {', '.join(sorted(map(str, unknown)))}")
        sources.append(Source(
            publisher=_names(item.get("publisher"), f"{where} #{number} publisher"),
            title=_names(item.get("title"), f"{where} #{number} title"),
            # YAML reads an unquoted 2024-05-01 as a date: keep what the author wrote.
            date=str(item.get("date") or "").strip(),
            url=str(item.get("url") or "").strip(),
            claim=str(item.get("claim") or "").strip(),
        ))
    return tuple(sources)


def _front_matter(text: str, name: str) -> tuple[object, str]:
    """The YAML front matter of a Markdown file and the text after it."""
    match = _FRONT_MATTER.match(text.replace("\r\n", "\n"))
    if not match:
        raise ArticleError(f"{name}: no YAML front matter between '---' lines")
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        raise ArticleError(f"{name}: front matter is not valid YAML ({error})") from None
    return meta, match.group(2)


def parse_article(text: str, path: Path | None = None) -> Article:
    name = str(path) if path else "<article>"
    meta, text = _front_matter(text, name)
    if not isinstance(meta, dict) or not isinstance(meta.get("id"), str):
        raise ArticleError(f"{name}: front matter needs an 'id'")
    parts = _SECTION.split(text)
    bodies = {lang: body.strip() for lang, body in zip(parts[1::2], parts[2::2])}
    titles = meta.get("title") or {}
    questions = meta.get("questions") or {}
    if not isinstance(titles, dict) or not isinstance(questions, dict):
        raise ArticleError(f"{name}: 'title' and 'questions' map a language (zh, en) to text")
    return Article(
        id=meta["id"],
        titles={lang: str(value).strip() for lang, value in titles.items()},
        bodies=bodies,
        questions={lang: _strings(value, f"{name}: questions.{lang}") for lang, value in questions.items()},
        sources=_sources(meta.get("sources"), f"{name}: sources"),
        tags=_strings(meta.get("tags"), f"{name}: tags"),
        related=_strings(meta.get("related"), f"{name}: related"),
    )


TRADITIONAL_DIR = "zh-Hant"  # beside the articles: <article file name> with its hand-written Traditional text
_TRADITIONAL_SECTION = re.compile(r"^##\s+zh-Hant\s*$", re.M)


def parse_traditional(text: str, path: Path | None = None) -> tuple[str, str, str]:
    """(id, title, body) of a hand-written Traditional Chinese version of an article:

        ---
        id: track-parcel-safely
        title: 安全地查詢物流
        ---
        ## zh-Hant
        正文 …
    """
    name = str(path) if path else "<zh-Hant article>"
    meta, text = _front_matter(text, name)
    if not isinstance(meta, dict) or not isinstance(meta.get("id"), str) or not isinstance(meta.get("title"), str):
        raise ArticleError(f"{name}: front matter needs an 'id' and a 'title'")
    parts = _TRADITIONAL_SECTION.split(text)
    if len(parts) != 2 or parts[0].strip():
        raise ArticleError(f"{name}: the body is one '## zh-Hant' section")
    return meta["id"], meta["title"].strip(), parts[1].strip()


def with_traditional(article: Article, text: str, path: Path | None = None) -> Article:
    """`article` with its hand-written Traditional title and body, which answers prefer to a conversion."""
    article_id, title, body = parse_traditional(text, path)
    if article_id != article.id:
        raise ArticleError(f"{path}: id {article_id!r} is not that of the article {article.id!r}")
    return replace(article, titles={**article.titles, "zh-Hant": title}, bodies={**article.bodies, "zh-Hant": body})


def load_articles(directory: Path | None = None) -> list[Article]:
    """Every `*.md` article in `directory`, by file name, with its Traditional version from
    `directory/zh-Hant/` where there is one; default: the shipped package data."""
    root = resources.files("knowledge").joinpath("articles") if directory is None else directory
    articles = []
    for entry in sorted((e for e in root.iterdir() if e.name.endswith(".md")), key=lambda e: e.name):
        article = parse_article(entry.read_text(encoding="utf-8"), Path(str(entry)))
        written = root.joinpath(TRADITIONAL_DIR, entry.name)
        if written.is_file():
            article = with_traditional(article, written.read_text(encoding="utf-8"), Path(str(written)))
        articles.append(article)
    return articles
