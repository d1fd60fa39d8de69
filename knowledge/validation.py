"""`shopsafe kb --validate`: every article is complete, cited, fits in chat and is found by its own questions."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from knowledge.answer import READING_CHARS, SOURCE_CHARS, compose, source_line
from knowledge.articles import Article, Source
from knowledge.base import KnowledgeBase

REQUIRED_LANGS = ("zh", "en")
# What must never reach a user as a citation: a file name (a seed, a reference document) or a section mark.
_INTERNAL_NAME = re.compile(r"[\w.-]+\.(?:txt|md|jsonl?|py|ya?ml|csv|pdf|docx?)\b|§", re.I)
_DATE = re.compile(r"\A\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?\Z")


def source_problems(article_id: str, number: int, source: Source) -> list[str]:
    """What keeps one citation from being something a reader can open and check."""
    where = f"{article_id}: source {number}"
    if source.bare:
        return [f"{where} is a bare name ({source.bare!r}), not a citation: give publisher, title, date, url and claim"]
    problems = []
    for field, value in (("publisher", source.publisher), ("title", source.title)):
        if not value:
            problems.append(f"{where} has no {field}")
    if not source.url:
        problems.append(f"{where} has no link")
    else:
        parts = urlsplit(source.url)
        if parts.scheme != "https" or not parts.netloc or any(char.isspace() for char in source.url):
            problems.append(f"{where} link {source.url!r} is not an https address")
    if not _DATE.match(source.date):
        problems.append(f"{where} date {source.date!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    if not source.claim:
        problems.append(f"{where} does not say which claim it supports")
    for text in (*source.publisher.values(), *source.title.values(), source.claim):
        if _INTERNAL_NAME.search(text):
            problems.append(f"{where} names an internal file or section: {text!r}")
    return problems


def article_problems(article: Article, known_ids: set[str]) -> list[str]:
    """What is missing or wrong in one article, each as a sentence naming the article."""
    problems = []
    for lang in REQUIRED_LANGS:
        if not article.titles.get(lang):
            problems.append(f"{article.id}: no {lang} title")
        if not article.bodies.get(lang):
            problems.append(f"{article.id}: no {lang} body")
        if not article.questions.get(lang):
            problems.append(f"{article.id}: no {lang} sample questions")
    if not article.sources:
        problems.append(f"{article.id}: no sources")
    for number, source in enumerate(article.sources, 1):
        problems += source_problems(article.id, number, source)
    if not 1 <= len(article.related) <= 3:
        problems.append(f"{article.id}: needs one to three related topics, has {len(article.related)}")
    for other in article.related:
        if other not in known_ids:
            problems.append(f"{article.id}: related topic {other!r} does not exist")
        elif other == article.id:
            problems.append(f"{article.id}: lists itself as related")
    for lang in ("zh-Hans", "zh-Hant", "en"):
        body = article.body(lang)
        if any(mark in body for mark in ("<", ">", "**", "__", "](", "`")):
            problems.append(f"{article.id}: {lang} body has HTML or Markdown that would show raw in chat")
        if _INTERNAL_NAME.search(body):
            problems.append(f"{article.id}: {lang} body names an internal file or section")
    return problems


def validate(kb: KnowledgeBase) -> list[str]:
    """All problems in the knowledge base; an empty list means it is valid."""
    problems: list[str] = []
    counts = Counter(article.id for article in kb.articles)
    problems += [f"{article_id}: id used by {count} articles" for article_id, count in counts.items() if count > 1]
    known = set(counts)
    for article in kb.articles:
        problems += article_problems(article, known)
        related = [kb.article(other) for other in article.related if kb.article(other)]
        for lang in ("zh-Hans", "zh-Hant", "en"):
            # The whole body must fit with its sources and at least one related topic: nothing cut.
            text, _ = compose(article, lang, related[:1])
            if article.body(lang) not in text:
                problems.append(f"{article.id}: {lang} answer exceeds {READING_CHARS} characters and gets cut")
            line = source_line(article.primary_source(lang), lang)
            if len(line) > SOURCE_CHARS:
                problems.append(f"{article.id}: {lang} source line is {len(line)} characters, more than {SOURCE_CHARS}")
        for question in article.sample_questions():
            found = kb.ask(question)
            if found.article != article.id:
                problems.append(f"{article.id}: sample question {question!r} retrieves {found.article or 'nothing'}")
    return problems
