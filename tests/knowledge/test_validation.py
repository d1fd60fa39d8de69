"""`kb --validate`: the shipped knowledge base passes; each kind of problem is reported."""

from __future__ import annotations

from pathlib import Path

from knowledge import KnowledgeBase
from knowledge.validation import validate


def test_shipped_knowledge_base_is_valid() -> None:
    assert validate(KnowledgeBase.default()) == []


def _write(directory: Path, name: str, text: str) -> None:
    (directory / name).write_text(text, encoding="utf-8")


def test_problems_are_reported_by_article(tmp_path: Path) -> None:
    good = ("---\nid: {id}\ntitle: {{zh: 快递单怎么处理, en: Shipping labels}}\nquestions:\n"
            "  zh: [快递单怎么处理]\n  en: [what do I do with shipping labels]\nsources: [S]\nrelated: [{rel}]\n---\n"
            "## zh\n撕掉面单。\n## en\nTear off the label.\n")
    _write(tmp_path, "a.md", good.format(id="labels", rel="passwords"))
    _write(tmp_path, "b.md", good.format(id="labels", rel="missing").replace("sources: [S]\n", ""))
    _write(tmp_path, "c.md", "---\nid: passwords\ntitle: {en: Passwords}\nquestions: {en: [how often to change passwords]}\n"
           "sources: [NIST]\nrelated: [labels]\n---\n## en\nUse a <b>manager</b>.\n")
    problems = validate(KnowledgeBase.from_directory(tmp_path))
    assert "labels: id used by 2 articles" in problems
    assert "labels: no sources" in problems
    assert "labels: related topic 'missing' does not exist" in problems
    assert "passwords: no zh title" in problems and "passwords: no zh body" in problems
    assert "passwords: no zh sample questions" in problems
    assert any(problem.startswith("passwords: en body has HTML") for problem in problems)


def test_an_article_its_own_questions_do_not_find_is_reported(tmp_path: Path) -> None:
    article = ("---\nid: {id}\ntitle: {{zh: {zh}, en: {en}}}\nquestions:\n  zh: [{q}]\n  en: [{q}]\n"
               "sources: [S]\nrelated: [{rel}]\n---\n## zh\n内容。\n## en\nContent.\n")
    _write(tmp_path, "a.md", article.format(id="a", zh="验证码", en="Codes", q="验证码能给别人吗", rel="b"))
    _write(tmp_path, "b.md", article.format(id="b", zh="验证码安全", en="Code safety", q="验证码能给别人吗", rel="a"))
    problems = validate(KnowledgeBase.from_directory(tmp_path))
    assert any("sample question '验证码能给别人吗' retrieves" in problem for problem in problems)
