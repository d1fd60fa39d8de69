"""An answer for chat: the article's title and body in the asker's script, one source line and related topics.

The source line names the article's primary source for the asker (see Article.primary_source): publisher,
title as published, date and link, so the reader can open it.

Everything is plain text (the handlers HTML-escape it). Title, body and related topics, what a reader reads
on a phone, take at most `READING_CHARS`; the source line, whose link alone is often 100 characters, comes
on top, at most `SOURCE_CHARS` (validation holds every article to that), so an answer is at most `MAX_CHARS`.
When an article would not fit, related topics are dropped first (down to one), then the body is cut at a
sentence end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.articles import Article, Source

READING_CHARS = 700
SOURCE_CHARS = 300
MAX_CHARS = READING_CHARS + SOURCE_CHARS

_LABELS = {
    "zh-Hans": ("来源：", "相关话题：", "；"),
    "zh-Hant": ("來源：", "相關話題：", "；"),
    "en": ("Source: ", "Related: ", "; "),
}
_REFUSAL = {
    "zh-Hans": ("这个问题我答不上来，不想乱编答案。我能帮你的话题有：", "换个说法问我，或者把可疑的消息直接发给我检查。"),
    "zh-Hant": ("這個問題我答不上來，不想亂編答案。我能幫你的話題有：", "換個說法問我，或者把可疑的訊息直接傳給我檢查。"),
    "en": ("I don't know that one, and I won't make up an answer. Topics I can help with:",
           "Try asking another way, or send me a suspicious message to check."),
}
_SENTENCE_ENDS = "。！？.!?\n"


@dataclass(frozen=True)
class Answer:
    answer: str
    article: str | None
    score: float
    lang: str
    related: list[str] = field(default_factory=list)
    title: str | None = None
    region: str | None = None  # the place the answer was written for, when it depends on one and is known
    situations: tuple[str, ...] = ()  # what has already happened, whose first steps lead the answer

    def to_json(self) -> dict:
        return {"answer": self.answer, "article": self.article, "score": round(self.score, 4),
                "lang": self.lang, "related": list(self.related), "region": self.region,
                "situations": list(self.situations)}


def _cut(text: str, limit: int) -> str:
    """`text` shortened to at most `limit` characters, at the last sentence end when there is one."""
    if len(text) <= limit:
        return text
    head = text[: max(0, limit - 1)]
    end = max(head.rfind(mark) for mark in _SENTENCE_ENDS)
    if end >= limit // 2:
        return head[: end + 1].rstrip()
    return head.rstrip() + "…"


def source_line(source: Source | None, lang: str) -> str:
    """"Source: FTC, "Title" (2021-10), https://…" in the asker's language; empty without a source."""
    if source is None:
        return ""
    label = _LABELS[lang][0]
    if source.bare:
        return label + source.bare
    publisher, title = source.name(source.publisher, lang), source.name(source.title, lang)
    if lang == "en":
        return f"{label}{publisher}, \u201c{title}\u201d ({source.date}), {source.url}"
    quoted = f"《{title}》" if source.script() != "en" else (f"\u201c{title}\u201d" if lang == "zh-Hans" else f"「{title}」")
    return f"{label}{publisher}{quoted}，{source.date}，{source.url}"


def compose(article: Article, lang: str, related: list[Article],
            reading: int = READING_CHARS, place_line: str = "") -> tuple[str, list[Article]]:
    """The chat text of `article` in `lang`, ending with its source line and one to three related topics,
    and the related articles it names (fewer than given when a long body leaves no room). `reading` is the
    budget for title, body and related topics. `place_line` (where the asker reports, see
    knowledge.regions.place_line) follows the body and is never cut: the body is cut to leave it room."""
    _, related_label, related_sep = _LABELS[lang]
    sources = source_line(article.primary_source(lang), lang)
    head = article.title(lang)
    if place_line:
        reading -= len(place_line) + 1
    count = 0
    for count in range(min(3, len(related)), 0, -1):
        tail = related_label + related_sep.join(other.title(lang) for other in related[:count])
        body_budget = reading - len(head) - len(tail) - 2
        if len(article.body(lang)) <= body_budget or count == 1:
            break
    else:
        tail = ""
        body_budget = reading - len(head) - 1
    body = _cut(article.body(lang), body_budget)
    if place_line:
        body += "\n" + place_line
    return "\n".join(part for part in (head, body, sources, tail) if part)[:reading + SOURCE_CHARS], related[:count]


def refusal(lang: str, topics: list[str]) -> str:
    """The honest "I don't know that one", with as many topic titles as fit."""
    opening, closing = _REFUSAL[lang]
    lines = [opening]
    budget = READING_CHARS - len(opening) - len(closing) - 2
    for title in topics:
        line = "• " + title
        if len(line) + 1 > budget:
            break
        lines.append(line)
        budget -= len(line) + 1
    lines.append(closing)
    return "\n".join(lines)
