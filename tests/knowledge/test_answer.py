"""Composing chat answers: length limit, cutting at a sentence, refusals."""

from __future__ import annotations

from knowledge.answer import MAX_CHARS, compose, refusal
from knowledge.articles import parse_article


def _article(article_id: str, body_en: str, title: str = "Title") -> object:
    return parse_article(
        f"---\nid: {article_id}\ntitle: {{zh: 标题, en: {title}}}\nsources: [Source A]\n---\n## zh\n正文。\n## en\n{body_en}\n"
    )


def test_a_long_body_is_cut_at_a_sentence_end_and_keeps_source_and_one_related_topic() -> None:
    long_body = " ".join(f"Sentence number {i} says something useful." for i in range(60))
    article = _article("long", long_body)
    related = [_article(f"r{i}", "x", title=f"Related topic {i}") for i in range(3)]
    text, named = compose(article, "en", related)
    assert named == related[:1]
    assert len(text) <= MAX_CHARS
    lines = text.splitlines()
    assert lines[-2] == "Source: Source A"
    assert lines[-1] == "Related: Related topic 0"
    assert lines[1].endswith("useful.")


def test_a_short_body_keeps_up_to_three_related_topics() -> None:
    related = [_article(f"r{i}", "x", title=f"Topic {i}") for i in range(4)]
    text, named = compose(_article("short", "Short."), "en", related)
    assert named == related[:3]
    assert text.splitlines()[-1] == "Related: Topic 0; Topic 1; Topic 2"


def test_refusal_lists_as_many_topics_as_fit() -> None:
    text = refusal("zh-Hans", [f"话题{i}" * 10 for i in range(40)])
    assert len(text) <= MAX_CHARS
    assert text.startswith("这个问题我答不上来") and text.count("• ") >= 5
