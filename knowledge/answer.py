"""An answer for chat: the article's title and body in the asker's script, its sources and related topics.

Everything is plain text (the handlers HTML-escape it) and at most `MAX_CHARS` long. When an article would
not fit, related topics are dropped first (down to one), then the body is cut at a sentence end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.articles import Article

MAX_CHARS = 700

_LABELS = {
    "zh-Hans": ("来源：", "相关话题：", "；", "、"),
    "zh-Hant": ("來源：", "相關話題：", "；", "、"),
    "en": ("Source: ", "Related: ", "; ", "; "),
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


def compose(article: Article, lang: str, related: list[Article]) -> tuple[str, list[Article]]:
    """The chat text of `article` in `lang`, ending with its sources and one to three related topics,
    and the related articles it names (fewer than given when a long body leaves no room)."""
    source_label, related_label, related_sep, source_sep = _LABELS[lang]
    sources = source_label + source_sep.join(article.source_names(lang))
    head = article.title(lang)
    count = 0
    for count in range(min(3, len(related)), 0, -1):
        tail = related_label + related_sep.join(other.title(lang) for other in related[:count])
        body_budget = MAX_CHARS - len(head) - len(sources) - len(tail) - 3
        if len(article.body(lang)) <= body_budget or count == 1:
            break
    else:
        tail = ""
        body_budget = MAX_CHARS - len(head) - len(sources) - 2
    body = _cut(article.body(lang), body_budget)
    return "\n".join(part for part in (head, body, sources, tail) if part)[:MAX_CHARS], related[:count]


def refusal(lang: str, topics: list[str]) -> str:
    """The honest "I don't know that one", with as many topic titles as fit."""
    opening, closing = _REFUSAL[lang]
    lines = [opening]
    budget = MAX_CHARS - len(opening) - len(closing) - 2
    for title in topics:
        line = "• " + title
        if len(line) + 1 > budget:
            break
        lines.append(line)
        budget -= len(line) + 1
    lines.append(closing)
    return "\n".join(lines)
