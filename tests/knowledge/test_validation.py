"""`kb --validate`: the shipped knowledge base passes; each kind of problem is reported."""

from __future__ import annotations

from pathlib import Path

from knowledge import KnowledgeBase
from knowledge.validation import validate


def test_shipped_knowledge_base_is_valid() -> None:
    assert validate(KnowledgeBase.default()) == []


SOURCE = ("sources:\n  - {publisher: FTC, title: Free credit freezes are here, date: \"2018-09\",\n"
          "     url: \"https://consumer.ftc.gov/freeze\", claim: Freezes are free.}\n")


# The citation as a str.format template, braces doubled.
SOURCE_TEMPLATE = SOURCE.replace("{", "{{").replace("}", "}}")


def _write(directory: Path, name: str, text: str) -> None:
    (directory / name).write_text(text, encoding="utf-8")


def test_problems_are_reported_by_article(tmp_path: Path) -> None:
    good = ("---\nid: {id}\ntitle: {{zh: 快递单怎么处理, en: Shipping labels}}\nquestions:\n"
            "  zh: [快递单怎么处理]\n  en: [what do I do with shipping labels]\n" + SOURCE_TEMPLATE + "related: [{rel}]\n---\n"
            "## zh\n撕掉面单。\n## en\nTear off the label.\n")
    _write(tmp_path, "a.md", good.format(id="labels", rel="passwords"))
    _write(tmp_path, "b.md", good.format(id="labels", rel="missing").replace(SOURCE, ""))
    _write(tmp_path, "c.md", "---\nid: passwords\ntitle: {en: Passwords}\nquestions: {en: [how often to change passwords]}\n"
           + SOURCE + "related: [labels]\n---\n## en\nUse a <b>manager</b>.\n")
    problems = validate(KnowledgeBase.from_directory(tmp_path))
    assert "labels: id used by 2 articles" in problems
    assert "labels: no sources" in problems
    assert "labels: related topic 'missing' does not exist" in problems
    assert "passwords: no zh title" in problems and "passwords: no zh body" in problems
    assert "passwords: no zh sample questions" in problems
    assert any(problem.startswith("passwords: en body has HTML") for problem in problems)


def test_an_article_its_own_questions_do_not_find_is_reported(tmp_path: Path) -> None:
    article = ("---\nid: {id}\ntitle: {{zh: {zh}, en: {en}}}\nquestions:\n  zh: [{q}]\n  en: [{q}]\n"
               + SOURCE_TEMPLATE + "related: [{rel}]\n---\n## zh\n内容。\n## en\nContent.\n")
    _write(tmp_path, "a.md", article.format(id="a", zh="验证码", en="Codes", q="验证码能给别人吗", rel="b"))
    _write(tmp_path, "b.md", article.format(id="b", zh="验证码安全", en="Code safety", q="验证码能给别人吗", rel="a"))
    problems = validate(KnowledgeBase.from_directory(tmp_path))
    assert any("sample question '验证码能给别人吗' retrieves" in problem for problem in problems)


def _problems_of(tmp_path: Path, sources: str) -> list[str]:
    _write(tmp_path, "a.md", "---\nid: a\ntitle: {zh: 快递单怎么处理, en: Shipping labels}\nquestions:\n"
           "  zh: [快递单怎么处理]\n  en: [what do I do with shipping labels]\n" + sources + "related: [b]\n---\n"
           "## zh\n撕掉面单。\n## en\nTear off the label.\n")
    _write(tmp_path, "b.md", "---\nid: b\ntitle: {zh: 验证码, en: Codes}\nquestions: {zh: [验证码能给吗], en: [can I give the code]}\n"
           + SOURCE + "related: [a]\n---\n## zh\n不能给。\n## en\nNever.\n")
    return [problem for problem in validate(KnowledgeBase.from_directory(tmp_path)) if problem.startswith("a: source")]


def test_a_sound_citation_passes(tmp_path: Path) -> None:
    assert _problems_of(tmp_path, SOURCE) == []


def test_a_bare_file_name_fails(tmp_path: Path) -> None:
    problems = _problems_of(tmp_path, "sources: [002_c1e2224482f1bb82.txt]\n")
    assert problems == ["a: source 1 is a bare name ('002_c1e2224482f1bb82.txt'), not a citation: "
                        "give publisher, title, date, url and claim"]


def test_a_source_without_a_link_fails(tmp_path: Path) -> None:
    assert "a: source 1 has no link" in _problems_of(tmp_path, SOURCE.replace('url: \"https://consumer.ftc.gov/freeze\", ', ""))


def test_a_plain_http_link_fails(tmp_path: Path) -> None:
    problems = _problems_of(tmp_path, SOURCE.replace("https://", "http://"))
    assert problems == ["a: source 1 link 'http://consumer.ftc.gov/freeze' is not an https address"]


def test_a_missing_publisher_or_title_fails(tmp_path: Path) -> None:
    assert "a: source 1 has no publisher" in _problems_of(tmp_path, SOURCE.replace("publisher: FTC, ", ""))
    assert "a: source 1 has no title" in _problems_of(tmp_path, SOURCE.replace("title: Free credit freezes are here, ", ""))


def test_a_bad_date_or_a_missing_claim_fails(tmp_path: Path) -> None:
    assert "a: source 1 date 'last year' is not YYYY-MM-DD, YYYY-MM or YYYY" in _problems_of(
        tmp_path, SOURCE.replace('\"2018-09\"', "last year"))
    assert "a: source 1 does not say which claim it supports" in _problems_of(tmp_path, SOURCE.replace(", claim: Freezes are free.", ""))


def test_an_internal_file_or_section_name_inside_a_citation_fails(tmp_path: Path) -> None:
    problems = _problems_of(tmp_path, SOURCE.replace("Freezes are free.", "as scam-anatomy.md §3 says"))
    assert problems == ["a: source 1 names an internal file or section: 'as scam-anatomy.md §3 says'"]
