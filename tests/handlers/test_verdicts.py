"""handlers.verdicts: the verdict message, its evidence quotes, the full explanation, the group warning."""

from __future__ import annotations

import re

from handlers.verdicts import group_warning, verdict_text, why_text
from scam_patterns.detector import Detector
from support.handler_chat import SCAM_EN

DETECTOR = Detector.default()


def test_evidence_is_quoted_as_clauses_with_the_evidence_underlined_and_escaped():
    text = "Dear customer <script> your Amazon account is locked & verify at http://amaz0n-verify.com or pay in gift cards"
    message = verdict_text(DETECTOR.check(text), "en")
    assert "&lt;script&gt;" in message and "<script>" not in message
    assert "&amp;" in message
    assert "<u>Amazon</u>" in message


def test_quotes_stay_short_even_for_a_long_run_on_message():
    text = " ".join([SCAM_EN] * 20)
    for line in verdict_text(DETECTOR.check(text), "en").splitlines():
        if line.startswith("• “"):
            assert len(re.sub(r"<[^>]+>", "", line)) <= 2 * 40 + 160 + 10


def test_the_stage_line_marks_how_far_the_script_got():
    message = verdict_text(DETECTOR.check(SCAM_EN), "en")
    assert "<b>extraction</b>" in message and "money or codes leave you" in message


def test_the_full_explanation_lists_every_pattern_and_the_rules():
    verdict = DETECTOR.check(SCAM_EN)
    text = why_text(verdict, "zh-Hant")
    assert text.count("（") >= len(verdict.patterns)
    assert "從來不會" in text


def test_the_group_warning_quotes_nothing_from_the_message():
    text = "顺丰快递客服：您的包裹丢失，三倍理赔，请加QQ 88776655 并下载会议App共享屏幕"
    warning = group_warning(DETECTOR.check(text), "zh-Hans")
    assert warning.startswith("🚨")
    assert "88776655" not in warning and "顺丰快递客服" not in warning
