"""Bad input always gets an answer: empty, huge, binary, control characters, right-to-left, emoji only,
mixed scripts. Property tests with hypothesis; the patterns have no nested quantifiers to backtrack on."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scam_patterns import Detector, Verdict
from scam_patterns.detector import MAX_CHARS
from scam_patterns.redact import redact

DETECTOR = Detector.default()
SCRIPTS = st.sampled_from([
    "退款客服加QQ共享屏幕验证码", "退款客服加QQ共享屏幕驗證碼", "refund support anydesk code paypal",
    "مرحبا بك استرداد", "שלום החזר", "Привет возврат", "😀🔥👉💰🇨🇳", "\u200b\u200d\u202e\ufeff",
    "\x00\x01\x07\x1b\x7f", "１２３４５６７８ｑｑ", " \t\n\r", "ＡＢＣ", "\ud7ff\ue000\U0010ffff",
])


def _well_formed(verdict: Verdict, text: str) -> None:
    assert verdict.verdict in ("scam", "suspicious", "no_match")
    assert 0.0 <= verdict.score <= 1.0
    assert verdict.lang in ("zh-Hans", "zh-Hant", "en", "other")
    assert verdict.advice("en") and verdict.advice("zh-Hans")
    for item in verdict.evidence:
        assert text[item.start:item.end] == item.quote
    verdict.to_json()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_gets_a_verdict(text: str) -> None:
    _well_formed(DETECTOR.check(text), text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(SCRIPTS, st.text(max_size=20)), max_size=30).map("".join))
def test_mixed_scripts_controls_and_bidi_get_a_verdict(text: str) -> None:
    _well_formed(DETECTOR.check(text), text)
    assert isinstance(redact(text), str)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=2000))
def test_decoded_binary_gets_a_verdict(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    _well_formed(DETECTOR.check(text), text)
    text = data.decode("latin-1")
    _well_formed(DETECTOR.check(text), text)


def test_empty_and_whitespace() -> None:
    for text in ("", " ", "\n\n", "\u200b"):
        verdict = DETECTOR.check(text)
        assert verdict.verdict == "no_match" and verdict.evidence == []


def test_emoji_only() -> None:
    assert DETECTOR.check("😀" * 500 + "🇨🇳👨‍👩‍👧").verdict == "no_match"


def test_one_megabyte_is_judged_on_its_first_part() -> None:
    rng = random.Random(7)
    words = ["退款", "客服", "the", "refund", "你好", "😀", "123", "http://a.top", "。", " "]
    text = "".join(rng.choice(words) for _ in range(300_000))[: 1_000_000]
    verdict = DETECTOR.check(text)
    assert verdict.truncated
    _well_formed(verdict, text)
    assert all(item.end <= MAX_CHARS for item in verdict.evidence)


def test_pathological_repetitions_for_every_regex() -> None:
    # Long runs of the characters the link, amount, QQ and redaction patterns consume.
    for unit in ("a-", "a.", "1 ", "1-", "qq1", "@a.", "x" * 63 + ".", "路", "1号", "Dear A "):
        text = unit * 10_000
        _well_formed(DETECTOR.check(text), text[:MAX_CHARS])
        assert isinstance(redact(text), str)


def test_non_string_input_is_coerced() -> None:
    assert DETECTOR.check(None).verdict == "no_match"  # type: ignore[arg-type]
