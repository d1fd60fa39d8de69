"""Articles: parsing the Markdown + YAML format, and the shipped set."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.articles import ArticleError, load_articles, parse_article, traditional

ARTICLE = """---
id: sample
title: {zh: 标题, en: Title}
tags: [one]
questions:
  zh: [怎么办？]
  en: ["What now?"]
sources: [000_a4e6c211e1ee3b8e.txt, {zh: 《个人信息保护法》, en: PIPL}, 12321]
related: [other]
---
## zh
中文正文。
## en
English body.
"""


def test_parse_reads_every_field_and_both_bodies() -> None:
    article = parse_article(ARTICLE)
    assert article.id == "sample"
    assert article.title("en") == "Title" and article.title("zh-Hans") == "标题" and article.title("zh-Hant") == "標題"
    assert article.body("en") == "English body." and article.body("zh-Hans") == "中文正文。"
    assert article.questions == {"zh": ("怎么办？",), "en": ("What now?",)}
    assert article.related == ("other",)
    assert article.sample_questions() == ["怎么办？", "What now?"]


def test_bilingual_sources_are_cited_in_the_answer_language_and_numbers_stay_names() -> None:
    article = parse_article(ARTICLE)
    assert article.source_names("en") == ["000_a4e6c211e1ee3b8e.txt", "PIPL", "12321"]
    assert article.source_names("zh-Hans") == ["000_a4e6c211e1ee3b8e.txt", "《个人信息保护法》", "12321"]
    assert article.source_names("zh-Hant")[1] == "《個人資訊保護法》"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no front matter", "no YAML front matter"),
        ("---\nid: [unclosed\n---\nbody", "not valid YAML"),
        ("---\ntitle: {en: x}\n---\nbody", "needs an 'id'"),
        ("---\nid: x\nsources: [{zh: 只有中文}]\n---\nbody", "needs both 'zh' and 'en'"),
        ("---\nid: x\nquestions: {en: [{a: 1}]}\n---\nbody", "expected a list of strings"),
    ],
)
def test_a_broken_article_is_reported_with_its_name(text: str, message: str) -> None:
    with pytest.raises(ArticleError, match=message) as error:
        parse_article(text, Path("broken.md"))
    assert "broken.md" in str(error.value)


def test_traditional_uses_taiwan_wording_and_quotation_marks() -> None:
    assert traditional("每个账户的“验证码”都在平台上") == "每個帳戶的「驗證碼」都在平台上"


def test_shipped_articles_are_at_least_thirty_and_bilingual() -> None:
    articles = load_articles()
    assert len(articles) >= 30
    for article in articles:
        assert article.titles.get("zh") and article.titles.get("en"), article.id
        assert article.bodies.get("zh") and article.bodies.get("en"), article.id
        assert len(article.questions.get("zh", ())) >= 4 and len(article.questions.get("en", ())) >= 4, article.id
        assert article.sources, article.id


def test_every_seed_document_is_cited() -> None:
    cited = {source for article in load_articles() for source in article.sources}
    seeds = {"000_a4e6c211e1ee3b8e.txt", "001_1f471ff3051b7290.txt", "002_c1e2224482f1bb82.txt",
             "003_1ff7b660a0a9a6a5.txt", "004_65c66e08129f9f4a.txt"}
    assert seeds <= cited


def test_load_articles_reads_a_directory(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not an article", encoding="utf-8")
    assert [article.id for article in load_articles(tmp_path)] == ["sample"]
