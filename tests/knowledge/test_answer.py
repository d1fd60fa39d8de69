"""Composing chat answers: length limit, cutting at a sentence, refusals."""

from __future__ import annotations

from knowledge.answer import MAX_CHARS, READING_CHARS, compose, refusal, source_line
from knowledge.articles import parse_article


SOURCES = ("sources:\n  - {publisher: {en: FTC, zh: 美国联邦贸易委员会}, title: Free credit freezes are here, date: \"2018-09\",\n"
           "     url: https://consumer.ftc.gov/freeze, claim: Freezes are free.}\n")


def _article(article_id: str, body_en: str, title: str = "Title") -> object:
    return parse_article(
        f"---\nid: {article_id}\ntitle: {{zh: 标题, en: {title}}}\n{SOURCES}---\n## zh\n正文。\n## en\n{body_en}\n"
    )


def test_a_long_body_is_cut_at_a_sentence_end_and_keeps_source_and_one_related_topic() -> None:
    long_body = " ".join(f"Sentence number {i} says something useful." for i in range(60))
    article = _article("long", long_body)
    related = [_article(f"r{i}", "x", title=f"Related topic {i}") for i in range(3)]
    text, named = compose(article, "en", related)
    assert named == related[:1]
    assert len(text) <= MAX_CHARS
    lines = text.splitlines()
    assert lines[-2] == "Source: FTC, \u201cFree credit freezes are here\u201d (2018-09), https://consumer.ftc.gov/freeze"
    assert lines[-1] == "Related: Related topic 0"
    assert lines[1].endswith("useful.")


def test_a_short_body_keeps_up_to_three_related_topics() -> None:
    related = [_article(f"r{i}", "x", title=f"Topic {i}") for i in range(4)]
    text, named = compose(_article("short", "Short."), "en", related)
    assert named == related[:3]
    assert text.splitlines()[-1] == "Related: Topic 0; Topic 1; Topic 2"


def test_the_source_line_names_publisher_title_date_and_link_in_the_askers_language() -> None:
    source = _article("a", "x").primary_source("zh-Hans")
    assert source_line(source, "zh-Hans") == "来源：美国联邦贸易委员会\u201cFree credit freezes are here\u201d，2018-09，https://consumer.ftc.gov/freeze"
    assert source_line(source, "zh-Hant") == "來源：美国联邦贸易委员会「Free credit freezes are here」，2018-09，https://consumer.ftc.gov/freeze"
    assert source_line(None, "en") == ""


def test_the_source_line_does_not_eat_the_reading_budget() -> None:
    body = " ".join(f"Sentence {i} is here." for i in range(60))
    text, _ = compose(_article("long", body), "en", [])
    reading = [line for line in text.splitlines() if not line.startswith("Source: ")]
    assert len("\n".join(reading)) <= READING_CHARS < len(text)


def test_refusal_lists_as_many_topics_as_fit() -> None:
    text = refusal("zh-Hans", [f"话题{i}" * 10 for i in range(40)])
    assert len(text) <= MAX_CHARS
    assert text.startswith("这个问题我答不上来") and text.count("• ") >= 5
