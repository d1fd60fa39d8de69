"""Requests that come in pieces: a code named in one sentence and "read it to me" in the next, a fine with
"pay now to avoid a late fee", a bare host written with a hyphen, a call-back given with 联系客服, and the
genuine notices that share their words.

Written fresh for these checks, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from scam_patterns import Detector


def fired(text: str) -> set[str]:
    return {c.name for c in Detector.default().check(text).checks}


@pytest.mark.parametrize("text", [
    "We just texted a 6-digit code to your mobile. Could you read it back to me so I can close the ticket?",
    "I'm sending a code to your phone now. Screenshot it for me pls",
    "我这边给你发了个验证码。收到后念给我听一下",
    "系統剛剛傳了驗證碼到你手機。你截圖給我就可以",
])
def test_a_code_named_then_asked_for_in_the_next_sentence_is_a_scam(text: str) -> None:
    verdict = Detector.default().check(text)
    assert verdict.verdict == "scam", [(c.name, c.weight) for c in verdict.checks]
    assert verdict.primary is not None and verdict.primary.name in ("request.code", "request.code_referred")


@pytest.mark.parametrize("text", [
    "We sent a code to your phone. Type it into the app yourself; never read it to anyone who calls.",
    "驗證碼已傳送到你的手機。請勿截圖給任何人。",
    "Your Amazon delivery code is 4821. Show it to the driver when your parcel arrives.",
])
def test_code_notices_that_say_keep_it_or_show_it_at_the_door_stay_quiet(text: str) -> None:
    assert Detector.default().check(text).verdict == "no_match"


def test_pay_now_to_avoid_a_late_fee_adds_the_penalty_threat() -> None:
    assert "context.penalty" in fired("Your toll account is unpaid. Pay now to avoid a $35 late fee and a licence suspension")


@pytest.mark.parametrize("text", [
    "Your water bill is ready. Pay in the app by 9 June to avoid a late fee.",
    "您的燃气费已出账，可通过官方App缴纳，逾期将产生滞纳金。",
])
def test_a_penalty_named_beside_the_genuine_in_app_route_does_not_count(text: str) -> None:
    assert "context.penalty" not in fired(text)


@pytest.mark.parametrize(("text", "url"), [
    ("Unpaid toll, settle it at ezpay-tolls.help/r today", "ezpay-tolls.help/r"),
    ("包裹待派送，请到 ems2-cn.express 更新地址", "ems2-cn.express"),
])
def test_a_bare_host_with_a_hyphen_or_digit_is_a_link_on_any_suffix(text: str, url: str) -> None:
    verdict = Detector.default().check(text)
    assert url in verdict.entities.urls
    assert "link.bare_domain" in {c.name for c in verdict.checks}


@pytest.mark.parametrize("text", ["upgrade to 3.2-beta.final tonight", "see you at 5pm.tomorrow"])
def test_version_strings_and_missing_spaces_are_not_links(text: str) -> None:
    assert Detector.default().check(text).entities.urls == []


def test_a_flight_cancellation_with_a_number_given_after_lianxi_kefu_is_flagged() -> None:
    verdict = Detector.default().check("【某航空】您的航班因故障取消，请联系客服 021-5550-1234 办理退改签，可获赔偿200元")
    assert verdict.verdict in ("scam", "suspicious")
    assert "action.callback" in {c.name for c in verdict.checks}


def test_a_new_account_in_your_name_and_move_everything_is_the_safe_account_request() -> None:
    text = "Your card was cloned. We opened a new account in your name, sort code 40-11-22, move everything there now"
    assert "request.safe_account" in fired(text)


def test_a_bank_card_alert_naming_the_merchant_is_not_a_shop_order_callback() -> None:
    text = "Chase: A $1,299.00 purchase at BESTBUY was made on your card ending 4821. If this wasn't you, call 1-800-935-9935."
    verdict = Detector.default().check(text)
    assert "claim.order_callback" not in {c.name for c in verdict.checks}
    assert verdict.verdict != "scam"


def test_a_shop_order_with_a_number_to_cancel_is_still_the_order_callback() -> None:
    text = "Amazon: an order of $1,299.00 was placed on your account. If this was not you, call 1-888-555-0100 to cancel."
    assert "claim.order_callback" in fired(text)


@pytest.mark.parametrize("text", [
    "7-11賣貨便通知：您的賣場尚未完成金流認證，買家暫時無法付款",
    "Carousell: you cannot receive payment for this item until you verify your seller account",
])
def test_a_seller_told_to_verify_before_being_paid_is_suspicious_on_its_own(text: str) -> None:
    verdict = Detector.default().check(text)
    assert verdict.verdict in ("suspicious", "scam")
    assert "claim.seller_verify" in {c.name for c in verdict.checks}


def test_a_seller_told_to_update_details_in_the_seller_centre_is_not_the_verify_claim() -> None:
    assert "claim.seller_verify" not in fired("您的賣場資料不完整，請至賣家中心自行更新，完成後即可正常出貨")


@pytest.mark.parametrize("text", ["請加這個專員的LINE，他幫你退款", "加我们售后主管的微信处理赔偿"])
def test_add_and_a_chat_app_with_words_between_is_a_move_to_private_chat(text: str) -> None:
    assert "action.add_account" in fired(text) or "action.private_chat" in fired(text)


@pytest.mark.parametrize("text", ["关注我们的微信公众号参加抽奖", "周末参加了一个微信读书会"])
def test_a_shop_promotion_or_joining_an_event_is_not_a_private_chat(text: str) -> None:
    assert "action.add_account" not in fired(text)


def test_jia_wei_spelt_with_the_rose_character_is_add_wechat() -> None:
    assert "action.private_chat" in fired("加薇 tb8821 给你办退款")
