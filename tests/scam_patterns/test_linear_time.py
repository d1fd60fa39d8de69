"""The detector's work grows linearly with the length of its input (issue 12, item 5: the negation and
clause checks once compared every hit with every negation and rescanned the text per span, 68 s on
100,000 characters). Measured in operations, not seconds: Python line events inside scam_patterns while
judging a text of n and of 4n characters, plus a worst case for each regex the scoring added."""

from __future__ import annotations

import sys
from pathlib import Path

import scam_patterns
from scam_patterns import Detector
from scam_patterns.detector import CLAUSE_BREAK, SENTENCE_BREAK

PACKAGE = str(Path(scam_patterns.__file__).parent)
# What once went quadratic: many negations and many negatable hits in one clause, and warning words
# whose clause every demand had to be compared with.
NEGATION_DENSE = "不要把验证码告诉别人请勿共享屏幕切勿转账到安全账户never share the code "
WARNING_DENSE = "谨防诈骗，加微信共享屏幕都是诈骗，beware: we will never ask for the code, "


def _line_events(text: str) -> int:
    count = 0

    def tracer(frame, event, arg):  # noqa: ANN001, ANN202 - sys.settrace's signature
        nonlocal count
        if not frame.f_code.co_filename.startswith(PACKAGE):
            return None
        if event == "line":
            count += 1
        return tracer

    detector = Detector.default()
    detector.check(text[:50])  # warm caches (converters, automata) outside the measurement
    sys.settrace(tracer)
    try:
        detector.check(text)
    finally:
        sys.settrace(None)
    return count


def _growth(unit: str, size: int) -> float:
    small = (unit * (size // len(unit) + 1))[:size]
    large = (unit * (4 * size // len(unit) + 1))[:4 * size]
    return _line_events(large) / _line_events(small)


def test_negated_and_same_clause_checks_are_linear_in_input_length() -> None:
    # Linear work grows 4x when the text does; the old loops grew about 16x.
    assert _growth(NEGATION_DENSE, 3_000) < 5.5
    assert _growth(WARNING_DENSE, 3_000) < 5.5


def test_clause_and_sentence_breaks_on_their_worst_case() -> None:
    # One character class or a character with a one-character lookahead: no nesting to backtrack on.
    for pattern in (CLAUSE_BREAK, SENTENCE_BREAK):
        for unit in (". ", "..", ", ", "。", "a.", "\n"):
            text = unit * 50_000
            found = sum(1 for _ in pattern.finditer(text))
            assert found <= len(text)
    assert sum(1 for _ in CLAUSE_BREAK.finditer(". " * 1000)) == 1000
    assert sum(1 for _ in SENTENCE_BREAK.finditer("a.b" * 1000)) == 0


def test_quotation_pairing_is_linear_on_unclosed_and_nested_marks() -> None:
    # One pass over the marks: unclosed openings, apostrophes and straight quotes never rescan the text.
    for unit in ("“", "「a", "'x ", '"', "it's 'a "):
        assert _growth(unit + "是诈骗 ", 3_000) < 5.5
