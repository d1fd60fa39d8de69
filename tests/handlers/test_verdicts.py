"""handlers.verdicts: the verdict message, its headline and evidence quotes, the full explanation, the
group warning; one regression test for each way a reply used to read wrong."""

from __future__ import annotations

import re

import pytest
from handlers.texts import LANGS
from handlers.verdicts import group_warning, headline, verdict_text, why_text
from scam_patterns.detector import Detector
from scam_patterns.links import link_checks
from scam_patterns.verdict import CheckResult, Entities, Evidence, Verdict
from support.handler_chat import SCAM_EN

DETECTOR = Detector.default()
NO_MATCH_WORDS = ("No known", "no known", "没有发现", "沒有發現", "没有匹配", "沒有符合")


def made(text: str, verdict: str, checks: list[CheckResult]) -> Verdict:
    """A verdict as the detector returns it, from real checks (the link checks, or ones built here)."""
    evidence = [e for c in checks if c.fired and c.weight > 0 for e in c.evidence]
    return Verdict(text, verdict, 0.6 if verdict == "suspicious" else 0.95, "en", [], evidence, checks, [], Entities())


def check(text: str, name: str, quote: str, weight: float, title: str, *, decisive: bool = False) -> CheckResult:
    start = text.index(quote)
    return CheckResult(name, True, weight, [Evidence(name, quote, start, start + len(quote))], "", decisive,
                       {"en": title, "zh-Hans": title, "zh-Hant": title})


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


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
            assert len(plain(line)) <= 2 * 40 + 160 + 2 * 40 + 10


def test_the_stage_line_marks_how_far_the_script_got():
    message = verdict_text(DETECTOR.check(SCAM_EN), "en")
    assert "<b>extraction</b>" in message and "money or codes leave you" in message


def test_the_group_warning_quotes_nothing_from_the_message():
    text = "顺丰快递客服：您的包裹丢失，三倍理赔，请加QQ 88776655 并下载会议App共享屏幕"
    warning = group_warning(DETECTOR.check(text), "zh-Hans")
    assert warning.startswith("🚨")
    assert "88776655" not in warning and "顺丰快递客服" not in warning


@pytest.mark.parametrize("lang", LANGS)
def test_suspicious_reply_never_says_no_known_pattern(lang):
    # A verdict carried by checks alone (no catalog pattern) used to fall back to the no-match text.
    text = "[Postal] Your parcel cannot be delivered, the address is incomplete. Update it at parcel-help.site/x7"
    message = verdict_text(made(text, "suspicious", link_checks(text)), lang)
    assert message.startswith("⚠️")
    assert not any(words in message for words in NO_MATCH_WORDS)
    assert "parcel-help.site/x7" in message
    assert not any(words in why_text(made(text, "suspicious", link_checks(text)), lang) for words in NO_MATCH_WORDS)


def test_headline_names_the_decisive_request_not_the_opening_pretext():
    text = "刚才那单退款出了问题，你手机上收到的那串数字念给我听一下，我这边好给你登记退款。"
    checks = [check(text, "claim.refund_problem", "退款出了问题", 2.5, "claims a problem with a refund"),
              check(text, "request.code", "那串数字念给我听", 3.0, "asks you to read out a verification code",
                    decisive=True)]
    message = verdict_text(made(text, "scam", checks), "en")
    assert message.splitlines()[0] == "🚨 <b>Scam: asks you to read out a verification code</b>"


def test_headline_names_the_link_or_the_number_before_the_claimed_problem():
    text = "Amazon: we noticed an order of $1,299.00. If this was not you, call our support line 1-888-000-0000 now."
    checks = [check(text, "claim.unusual_charge", "we noticed an order", 2.0, "claims a charge you did not make"),
              *link_checks(text)]
    assert headline(made(text, "suspicious", checks), "en") == "asks you to call a number to sort out a problem"
    assert "1-888-000-0000" in verdict_text(made(text, "suspicious", checks), "en")


def test_a_verdict_without_a_pattern_gets_advice_for_what_settles_it():
    text = "USPS: your parcel is held. Confirm your address at https://usps-redelivery.top/track?id=88"
    message = verdict_text(made(text, "scam", link_checks(text)), "en")
    assert message.startswith("🚨 <b>Scam: a link that uses a brand's name but goes to another domain</b>")
    assert "Don't open the link" in message


def test_evidence_quotes_span_whole_words_and_whole_urls():
    # Evidence that starts or ends inside a word or a URL (a ? or , in a URL used to end the quote).
    text = "Your parcel is waiting, pay the customs fee at https://parcel-fee.top/pay?id=7,x=2 before tomorrow"
    url = "https://parcel-fee.top/pay?id=7,x=2"
    start = text.index(url)
    cut = [CheckResult("link.test", True, 2.0, [Evidence("link.test", url[8:20], start + 8, start + 20)], "",
                       False, {"en": "a link", "zh-Hans": "链接", "zh-Hant": "連結"}),
           CheckResult("claim.fee", True, 1.5, [Evidence("claim.fee", "ustoms fe", text.index("ustoms"),
                                                         text.index("ustoms") + 9)], "", False,
                       {"en": "a fee", "zh-Hans": "费用", "zh-Hant": "費用"})]
    message = verdict_text(made(text, "suspicious", cut), "en")
    assert f"<u>{url}</u>" in message
    assert "<u>customs fee</u>" in message


def test_why_lists_the_checks_that_fired_with_their_evidence_not_every_family():
    text = "Apple ID locked: sign in at арple-id.com/verify to keep your account"
    checks = [*link_checks(text),
              CheckResult("claim.account_locked", True, 1.2, [Evidence("claim.account_locked", "locked", 9, 15)], "",
                          False, {"en": "claims your account is locked", "zh-Hans": "谎称账户被锁",
                                  "zh-Hant": "謊稱帳戶被鎖"}),
              CheckResult("request.code", False, 3.0, [], "", True,
                          {"en": "asks for a code", "zh-Hans": "索要验证码", "zh-Hant": "索取驗證碼"}),
              CheckResult("tone.urgent", True, 0.05, [], "", False,
                          {"en": "sounds a little urgent", "zh-Hans": "有点急", "zh-Hant": "有點急"})]
    why = why_text(made(text, "scam", checks), "en")
    listed = re.findall(r"• <b>([^<]+)</b>", why.split("What real shops")[0])
    assert listed[:2] == ["a link that imitates a brand's web address", "claims your account is locked"]
    assert "asks for a code" not in why  # did not fire
    assert "a link to a site that is not a known company's" not in listed  # weak, and its URL is quoted above
    assert "арple-id.com/verify" in why


def test_an_official_link_is_shown_as_a_fact_never_as_safe():
    text = "Amazon: your refund of $20 is on its way, see https://www.amazon.com/refunds. Reply STOP to opt out"
    checks = [check(text, "claim.refund", "your refund", 0.8, "mentions a refund"), *link_checks(text)]
    why = why_text(made(text, "suspicious", checks), "en")
    assert "Facts, not a sign that it is safe" in why and "https://www.amazon.com/refunds" in why
    assert "a link to a known company's own domain" in why


def test_the_full_explanation_of_a_detector_verdict_lists_its_checks_and_the_rules():
    verdict = DETECTOR.check(SCAM_EN)
    text = why_text(verdict, "zh-Hant")
    assert text.count("• <b>") >= 2
    assert "從來不會" in text and "AnyDesk" in text


def test_a_no_match_reply_keeps_its_emoji_and_says_it_is_no_proof_of_safety():
    for lang, words in zip(LANGS, ("不能证明", "不能證明", "not proof")):
        message = verdict_text(DETECTOR.check("明天下午三点开会，记得带电脑"), lang)
        assert message.startswith("ℹ️") and words in message


@pytest.mark.parametrize("text", ["你好", "thanks", "hi", "😀", "12345", "謝謝"])
def test_small_talk_gets_a_one_line_hint_instead_of_a_no_match_verdict(text):
    verdict = DETECTOR.check(text)
    assert verdict.small_talk and verdict.verdict == "no_match"
    for lang in LANGS:
        message = verdict_text(verdict, lang)
        assert message.startswith("ℹ️") and "\n" not in message and "/help" in message
        assert not any(words in message for words in NO_MATCH_WORDS)
        assert "safe" not in message and "安全" not in message


def test_a_real_message_is_not_small_talk_and_gets_the_full_no_match_text():
    verdict = DETECTOR.check("明天下午三点开会，记得带电脑")
    assert not verdict.small_talk
    assert verdict_text(verdict, "en").startswith("ℹ️ <b>No known scam pattern found.</b>")


@pytest.mark.parametrize(("text", "lang", "head"), [
    ("刚才发到你手机上的那串数字念给我听一下，我这边好给你登记退款。", "zh-Hans", "🚨 <b>诈骗：要你念出或转发验证码</b>"),
    ("你的件在网点压坏了，加一下我个人微信，我给你处理一下。", "zh-Hant", "🚨 <b>詐騙：要你加私人LINE、微信等帳號聊</b>"),
])
def test_a_detector_verdict_headline_names_the_request_not_the_refund_or_parcel_story(text, lang, head):
    verdict = DETECTOR.check(text)
    assert verdict_text(verdict, lang).splitlines()[0] == head


def test_the_explanation_is_that_of_the_headline_check_not_of_the_opening_story():
    verdict = DETECTOR.check("你的件在网点压坏了，加一下我个人微信，我给你处理一下。")
    why = verdict_text(verdict, "zh-Hant").split("<b>為什麼危險：</b>")[1].splitlines()[0]
    assert "改用LINE、QQ、微信" in why and "補運費" not in why
