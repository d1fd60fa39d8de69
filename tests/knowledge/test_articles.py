"""Articles: parsing the Markdown + YAML format, and the shipped set."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.articles import ArticleError, load_articles, parse_article, traditional
from support.password_advice import advises_periodic_change

ARTICLE = """---
id: sample
title: {zh: 标题, en: Title}
tags: [one]
questions:
  zh: [怎么办？]
  en: ["What now?"]
sources:
  - publisher: {en: National People's Congress, zh: 全国人民代表大会}
    title: {en: Personal Information Protection Law, zh: 中华人民共和国个人信息保护法}
    date: 2021-08-20
    url: https://www.npc.gov.cn/pipl
    claim: Collection is limited to what the purpose needs.
  - publisher: 高雄市政府警察局左營分局
    title: (反詐宣導)分期付款詐騙手法宣導
    date: "2023-05"
    url: https://kcpd-zuoying.kcg.gov.tw/news
    claim: ATMs cannot cancel instalments.
  - publisher: FTC
    title: Free credit freezes are here
    date: "2018"
    url: https://consumer.ftc.gov/freeze
    claim: Credit freezes are free.
  - 000_a4e6c211e1ee3b8e.txt
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


def test_a_source_is_read_with_every_field_and_an_unquoted_date_stays_as_written() -> None:
    pipl = parse_article(ARTICLE).sources[0]
    assert pipl.publisher == {"en": "National People's Congress", "zh": "全国人民代表大会"}
    assert pipl.title["zh"] == "中华人民共和国个人信息保护法"
    assert (pipl.date, pipl.url, pipl.claim) == ("2021-08-20", "https://www.npc.gov.cn/pipl",
                                                 "Collection is limited to what the purpose needs.")


def test_an_answer_cites_the_first_source_in_the_askers_script() -> None:
    article = parse_article(ARTICLE)
    # A Simplified reader gets the Chinese law, a Traditional reader the Taiwan police page, English the FTC.
    assert article.primary_source("zh-Hans").url == "https://www.npc.gov.cn/pipl"
    assert article.primary_source("zh-Hant").url == "https://kcpd-zuoying.kcg.gov.tw/news"
    assert article.primary_source("en").url == "https://consumer.ftc.gov/freeze"


def test_a_law_name_is_never_converted_for_traditional_readers() -> None:
    # OpenCC would turn the mainland law into 個人資訊保護法, which exists nowhere: the title is kept as published.
    pipl = parse_article(ARTICLE).sources[0]
    assert pipl.name(pipl.title, "zh-Hant") == "中华人民共和国个人信息保护法"
    assert pipl.name(pipl.publisher, "en") == "National People's Congress"


def test_a_bare_name_is_kept_for_validation_to_report() -> None:
    assert parse_article(ARTICLE).sources[-1].bare == "000_a4e6c211e1ee3b8e.txt"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no front matter", "no YAML front matter"),
        ("---\nid: [unclosed\n---\nbody", "not valid YAML"),
        ("---\ntitle: {en: x}\n---\nbody", "needs an 'id'"),
        ("---\nid: x\nsources: [{name: x}]\n---\nbody", "unknown field name"),
        ("---\nid: x\nsources: [[a, b]]\n---\nbody", "expected a mapping"),
        ("---\nid: x\nsources: [{publisher: {fr: x}}]\n---\nbody", "languages are en, zh and zh-Hant"),
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


def test_no_shipped_article_cites_an_internal_file_name() -> None:
    # Answers once ended with "来源：002_c1e2224482f1bb82.txt": a name a reader can neither open nor trust.
    for article in load_articles():
        for source in article.sources:
            assert not source.bare, (article.id, source.bare)
            assert source.url.startswith("https://"), (article.id, source.url)
            assert ".txt" not in source.claim and "§" not in source.claim, article.id


def test_no_article_advises_periodic_password_changes() -> None:
    # strong-passwords said "every 30 to 180 days" and credited NIST SP 800-63B, which says the opposite.
    for article in load_articles():
        for lang in ("zh-Hans", "zh-Hant", "en"):
            assert advises_periodic_change(article.body(lang)) is None, (article.id, lang)


def test_the_periodic_change_check_catches_the_old_advice_and_lets_its_negation_pass() -> None:
    assert advises_periodic_change("购物和支付账户可以定期换，比如每30到180天")
    assert advises_periodic_change("for shopping accounts a regular rhythm, every 30 to 180 days")
    assert advises_periodic_change("Rotate your passwords every 90 days.")
    assert advises_periodic_change("不用定期改：NIST规定不得强制定期改密码。") is None
    assert advises_periodic_change("Services must not force changes every 90 days.") is None


def test_load_articles_reads_a_directory(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not an article", encoding="utf-8")
    assert [article.id for article in load_articles(tmp_path)] == ["sample"]
