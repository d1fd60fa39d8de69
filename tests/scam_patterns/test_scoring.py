"""Scoring by accumulated evidence: terse messages that carry one or two steps of a scam are caught, a
decisive request is enough on its own, warnings that quote scam words are not, and every check explains
itself (name, weight, title in three languages, evidence in the original text)."""

from __future__ import annotations

import math

import pytest

from scam_patterns import Detector
from scam_patterns.catalog import validate_checks
from scam_patterns.scoring import TITLE_LANGS, load_checks

DECISIVE = ("request.code", "request.remote_app", "request.safe_account", "request.release_fee", "link.brand_mismatch")

# The examples of what the all-groups-must-co-occur design missed (written for the issue).
TERSE_SCAMS = [
    ("刚才发到你手机上的那串数字念给我听一下，我这边好给你登记退款。", "request.code"),
    ("你之前开通的会员保障服务试用期满了，明天开始每个月扣费，现在联系我帮你关掉。", "action.help_cancel"),
    ("[Postal] Your parcel cannot be delivered, the address is incomplete. Update it at parcel-help.site/x7", "action.link"),
    ("Amazon: we noticed an order of $1,299.00 on your account. If this was not you, call our support line 1-888-000-0000 now.",
     "phone.callback"),
    ("你的件在网点压坏了，加一下我个人微信，我给你处理一下。", "action.private_chat"),
]


@pytest.mark.parametrize(("text", "primary"), TERSE_SCAMS)
def test_terse_scams_are_scams_and_the_headline_names_the_action(text: str, primary: str) -> None:
    verdict = Detector.default().check(text)
    assert verdict.verdict == "scam", [(c.name, c.weight) for c in verdict.checks]
    assert verdict.primary is not None and verdict.primary.name == primary
    assert verdict.patterns, "a scam verdict always names a pattern for the reply"


@pytest.mark.parametrize("text", [
    "把你手机收到的验证码发给我",
    "Install AnyDesk now so I can process your refund",
    "把卡里的钱全部转到安全账户",
    "Your parcel is held: pay the $2.99 redelivery fee to release it",
    "Apple: your ID is locked, verify at appleid-locked-help.com",
])
def test_a_decisive_request_alone_is_enough_for_a_group_warning(text: str) -> None:
    verdict = Detector.default().check(text)
    assert verdict.verdict == "scam" and verdict.score >= 0.8
    assert verdict.primary is not None and verdict.primary.decisive and verdict.primary.name in DECISIVE


@pytest.mark.parametrize("text", [
    "验证码123456，请勿告诉他人",
    "【警政署提醒您】網購詐騙多，接獲客服或銀行以+號來電請小心查證，勿提供帳戶或配合操作網銀及ATM以免受騙",
    "Royal Mail will never ask you to pay a redelivery fee by text. Report scam texts to 7726.",
    "公安机关不会要求你把钱转到所谓的安全账户，凡是要求共享屏幕的都是诈骗",
    "Hi, is the bike still for sale? Can I pick it up tomorrow evening?",
])
def test_warnings_codes_and_ordinary_questions_are_not_flagged(text: str) -> None:
    verdict = Detector.default().check(text)
    assert verdict.verdict == "no_match", [(c.name, c.weight) for c in verdict.checks]
    assert verdict.primary is None


@pytest.mark.parametrize("text", ["你好", "thanks!", "👍👍", "12345", "在吗？", "ok"])
def test_small_talk_is_no_match_and_marked(text: str) -> None:
    verdict = Detector.default().check(text)
    assert verdict.small_talk and verdict.verdict == "no_match"
    assert verdict.to_json()["small_talk"] is True


def test_a_real_question_is_not_small_talk() -> None:
    assert not Detector.default().check("客服让我加微信退款，是真的吗").small_talk


def test_score_is_the_sigmoid_of_the_summed_weights() -> None:
    detector = Detector.default()
    verdict = detector.check("你的件在网点压坏了，加一下我个人微信，我给你处理一下。")
    total = detector.bias + sum(c.weight for c in verdict.checks)
    assert verdict.score == pytest.approx(1 / (1 + math.exp(-total)), abs=1e-4)


def test_every_fired_check_has_a_title_in_three_languages_and_quotes_whole_words() -> None:
    text = "USPS: your package could not be redelivered. Pay the fee at usps-redelivery-help.top/x today"
    verdict = Detector.default().check(text)
    for check in verdict.checks:
        assert set(check.title) == set(TITLE_LANGS) and all(check.title.values())
        for item in check.evidence:
            assert text[item.start:item.end] == item.quote
            assert not (item.start > 0 and text[item.start - 1].isalnum() and text[item.start].isalnum())
            assert not (item.end < len(text) and text[item.end].isalnum() and text[item.end - 1].isalnum())
    assert "usps-redelivery-help.top/x" in [e.quote for e in verdict.evidence]


def test_checks_are_written_down_with_examples_and_hand_written_traditional_titles() -> None:
    bias, checks, external = load_checks()
    assert bias < 0
    names = {c.name for c in checks}
    assert set(DECISIVE) <= names | set(external)  # link.* come from scam_patterns.links
    assert all(c.decisive for c in checks if c.name in DECISIVE)
    for check in checks:
        assert check.examples and check.counter_examples, check.name
        assert check.title["zh-Hant"] != check.title["zh-Hans"], check.name


def test_check_examples_fire_and_counter_examples_do_not() -> None:
    assert validate_checks(Detector.default()) == []
