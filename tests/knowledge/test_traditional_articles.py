"""knowledge/articles/zh-Hant: every article's Traditional Chinese is written by hand, line for line, for
Taiwan readers, and never carries what OpenCC got wrong (穀城, 隻給, a law that exists nowhere) or
presents a mainland-only thing (驛站, 支付寶, 12315) as the reader's own."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from importlib import resources
from pathlib import Path

import opencc
import pytest

from knowledge.articles import ArticleError, load_articles, parse_article, parse_traditional, traditional
from knowledge.base import KnowledgeBase

ARTICLES = load_articles()
TRADITIONAL_FILES = resources.files("knowledge").joinpath("articles", "zh-Hant")
TRADITIONAL_CHARACTERS = opencc.OpenCC("s2tw")

# What the converter wrote for these texts: 谷城 (a county) → 穀城, 只给 → 隻給, 谷歌 → 穀歌, and the
# mainland law 个人信息保护法 → 個人資訊保護法, a law that exists nowhere.
CONVERTER_ERRORS = ("穀城", "隻給", "隻要", "穀歌", "個人資訊保護法", "乾部")
# Mainland-only things: named only where the same line says they are the mainland's.
MAINLAND_ONLY = ("驛站", "支付寶", "12315", "12321", "96110", "12381", "花唄", "借唄", "網信", "個人信息保護法")
MAINLAND = ("中國大陸", "中華人民共和國")


def marks(body: str) -> list[str]:
    """Each line's lead: a bullet, a step number or nothing."""
    return [match.group(0) if (match := re.match(r"•|\d+\.", line)) else "" for line in body.split("\n")]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda article: article.id)
def test_every_article_has_a_traditional_version_written_by_hand(article):
    assert article.bodies.get("zh-Hant") and article.titles.get("zh-Hant"), (
        f"write knowledge/articles/zh-Hant/{article.id}.md")


@pytest.mark.parametrize("article", ARTICLES, ids=lambda article: article.id)
def test_the_traditional_version_follows_the_simplified_one_line_for_line(article):
    assert marks(article.body("zh-Hant")) == marks(article.body("zh-Hans"))


def test_every_traditional_file_belongs_to_an_article():
    ids = {article.id for article in ARTICLES}
    names = [entry.name for entry in TRADITIONAL_FILES.iterdir() if entry.name.endswith(".md")]
    assert sorted(names) == sorted(f"{article_id}.md" for article_id in ids)


def _standard(text: str) -> str:
    """Taiwan's standard forms where OpenCC prefers a variant in common use (臺 and 台, 公佈 and 公布)."""
    return text.replace("臺", "台").replace("公佈", "公布")


def _lines(article) -> list[str]:
    return [article.title("zh-Hant"), *article.body("zh-Hant").split("\n")]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda article: article.id)
def test_traditional_text_is_in_traditional_characters_with_taiwan_quotes(article):
    for line in _lines(article):
        assert _standard(TRADITIONAL_CHARACTERS.convert(line)) == _standard(line), line
        assert not set("“”‘’") & set(line), line


@pytest.mark.parametrize("article", ARTICLES, ids=lambda article: article.id)
def test_no_converter_error_and_mainland_things_are_named_as_the_mainlands(article):
    about_the_mainland = any(place in article.title("zh-Hant") for place in MAINLAND)
    for line in _lines(article):
        assert not [error for error in CONVERTER_ERRORS if error in line], line
        if any(term in line for term in MAINLAND_ONLY) and not about_the_mainland:
            assert any(place in line for place in MAINLAND), line
        # Taiwan's own law is 個人資料保護法; a mainland law is only ever named with its place.
        assert "信息" not in line.replace("個人信息保護法", ""), line


def test_laws_keep_their_real_names():
    pipl = next(article for article in ARTICLES if article.id == "pipl-rights").body("zh-Hant")
    assert "《中華人民共和國個人信息保護法》" in pipl and "個人資訊保護法" not in pipl
    minimal = next(article for article in ARTICLES if article.id == "minimal-order-info").body("zh-Hant")
    assert "台灣的《個人資料保護法》" in minimal and "中國大陸的《個人信息保護法》" in minimal


def test_taiwan_readers_are_not_told_to_open_a_mainland_payment_account():
    article = next(article for article in ARTICLES if article.id == "separate-payment-account")
    assert "支付宝" in article.body("zh-Hans") and "支付寶" not in article.body("zh-Hant")


def test_answers_in_traditional_chinese_carry_none_of_the_converter_errors():
    kb = KnowledgeBase.default()
    for article in ARTICLES:
        for question in article.questions.get("zh", ())[:3]:
            answer = kb.ask(TRADITIONAL_CHARACTERS.convert(question), lang="zh-Hant").answer
            assert not [error for error in CONVERTER_ERRORS if error in answer], (question, answer)


def test_a_traditional_file_is_read_and_wins_over_the_conversion(tmp_path: Path):
    article = "---\nid: a\ntitle: {zh: 谷城的快递, en: Parcels}\n---\n## zh\n只给家人\n## en\nOnly family\n"
    (tmp_path / "a.md").write_text(article, encoding="utf-8")
    assert load_articles(tmp_path)[0].body("zh-Hant") == traditional("只给家人")  # the fallback while unwritten
    (tmp_path / "zh-Hant").mkdir()
    (tmp_path / "zh-Hant" / "a.md").write_text("---\nid: a\ntitle: 谷城的包裹\n---\n## zh-Hant\n只給家人\n",
                                               encoding="utf-8")
    article = load_articles(tmp_path)[0]
    assert (article.title("zh-Hant"), article.body("zh-Hant")) == ("谷城的包裹", "只給家人")
    assert article.body("zh-Hans") == "只给家人" and article.body("en") == "Only family"


@pytest.mark.parametrize(("text", "message"), [
    ("## zh-Hant\n正文", "front matter"),
    ("---\nid: a\n---\n## zh-Hant\n正文", "'title'"),
    ("---\nid: a\ntitle: 標題\n---\n正文", "one '## zh-Hant' section"),
    ("---\nid: a\ntitle: 標題\n---\n## zh-Hant\n正文\n## zh-Hant\n又一段", "one '## zh-Hant' section"),
])
def test_a_broken_traditional_file_is_reported_with_what_is_wrong(text, message):
    with pytest.raises(ArticleError, match=re.escape(message)):
        parse_traditional(text, Path("zh-Hant/a.md"))


def test_a_traditional_file_for_another_article_is_refused(tmp_path: Path):
    (tmp_path / "a.md").write_text("---\nid: a\ntitle: {zh: 标题}\n---\n## zh\n正文\n", encoding="utf-8")
    (tmp_path / "zh-Hant").mkdir()
    (tmp_path / "zh-Hant" / "a.md").write_text("---\nid: b\ntitle: 標題\n---\n## zh-Hant\n正文\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="not that of the article"):
        load_articles(tmp_path)
    assert parse_article((tmp_path / "a.md").read_text(encoding="utf-8")).id == "a"


def test_traditional_versions_leave_retrieval_as_it_was():
    """Retrieval indexes the Simplified and English texts: the hand-written Traditional restates them."""
    without = KnowledgeBase([replace(article, titles={k: v for k, v in article.titles.items() if k != "zh-Hant"},
                                     bodies={k: v for k, v in article.bodies.items() if k != "zh-Hant"})
                             for article in ARTICLES])
    with_traditional = KnowledgeBase(ARTICLES)
    lines = (Path(__file__).parent / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    for question in [json.loads(line)["text"] for line in lines if line.strip()]:
        assert with_traditional.ask(question).article == without.ask(question).article, question
