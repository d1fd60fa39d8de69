"""`shopsafe kb --validate`: every article is complete, cited, fits in chat and is found by its own questions."""

from __future__ import annotations

from collections import Counter

from knowledge.answer import MAX_CHARS, compose
from knowledge.articles import Article
from knowledge.base import KnowledgeBase

REQUIRED_LANGS = ("zh", "en")


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
                problems.append(f"{article.id}: {lang} answer exceeds {MAX_CHARS} characters and gets cut")
        for question in article.sample_questions():
            found = kb.ask(question)
            if found.article != article.id:
                problems.append(f"{article.id}: sample question {question!r} retrieves {found.article or 'nothing'}")
    return problems
