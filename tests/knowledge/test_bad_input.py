"""Bad input gets an answer or a refusal, never a crash: empty, huge, emoji, code, mixed scripts, binary."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge import KnowledgeBase
from knowledge.answer import MAX_CHARS

KB = KnowledgeBase.default()
IDS = {article.id for article in KB.articles}


def _check(text: str) -> None:
    answer = KB.ask(text)
    assert answer.article is None or answer.article in IDS
    assert answer.lang in ("zh-Hans", "zh-Hant", "en")
    assert 0 < len(answer.answer) <= MAX_CHARS
    assert isinstance(KB.is_question(text), bool)
    assert isinstance(KB.wants_logistics_flow(text), bool)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "快递单怎么处理" * 15_000,          # ~100 KB
        "a" * 100_000,
        "😀🙏📦🔥",
        "def f(x):\n    return {'code': x}  # 验证码",
        "SELECT * FROM orders WHERE phone='13800138000';",
        "我的parcel被lost了 what do I do 怎麼辦",
        "\x00\x01\x02\ud800\udfff\ufffe",
        "验\u200b证\u200b码能给吗",
        "ｓｈｏｕｌｄ　Ｉ　ｓｈａｒｅ　ｍｙ　ｓｃｒｅｅｎ？",
        "<b>html</b> &amp; **markdown** [link](http://x)",
    ],
)
def test_bad_input_is_answered_or_refused(text: str) -> None:
    _check(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_is_answered_or_refused(text: str) -> None:
    _check(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["快递", "驗證碼", "parcel", "code", "🙂", "\u200b", " ", "？", "123", "退款", "ｑｑ"]),
                max_size=40).map("".join))
def test_mixed_fragments_of_real_questions_are_answered_or_refused(text: str) -> None:
    _check(text)
