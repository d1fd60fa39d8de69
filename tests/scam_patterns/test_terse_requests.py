"""Terse one- or two-step scams (a code request with no pretext, a "new number" opener with a favour, a
cancelled flight with a number to call) and the warnings, OTP texts and family chat that look like them.

Written fresh for these checks, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from scam_patterns import Detector

CODE_REQUESTS = [
    "read me the code",
    "send me the 6 digit code you just got",
    "把驗證碼傳給我",
    "验正码发我一下",
    "pls send the verifcation code u got",
    "can u tell me the OTP pls",
    "你手机刚收到的动态码报给我",
    "收到的驗證碼講給我聽",
    "唔該將個驗證碼send俾我",
    "forward me the digits you just got",
]

NEW_CONTACT = [
    "Hi mum this is my new number, can you send £200 for rent",
    "猜猜我是谁？我换号了，先借我两千",
    "我是你领导，明天来我办公室一趟",
    "媽我換號碼了，加我新LINE",
    "Hey it's me, new number. Can you grab me some Apple gift cards?",
    "我是你表哥，换了新微信号，加我一下",
]

FLIGHTS = [
    "【厦门航空】您的航班MF8102因天气原因取消，请致电 0592-5550188 办理改签理赔",
    "Your flight BA283 has been cancelled. Call 020 3807 5566 to rebook and claim compensation",
    "尊敬的旅客，您乘坐的航班已取消，請撥打 02-2345-6789 辦理改簽及理賠",
]

LOOK_ALIKE_LEGIT = [
    "Your code is 123456, do not share it",
    "never give anyone your code",
    "验证码123456，5分钟内有效，请勿泄露",
    "騙徒會要求你讀出驗證碼，切勿提供",
    "Scammers may ask you to read out the code they sent you. Hang up.",
    "诈骗分子会冒充客服，要求你把验证码发给他们，请勿相信",
    "如接到自稱客服要求提供驗證碼的電話，請撥165查證",
    "媽，我今個月人工遲咗出，下星期先還你錢",
    "哥，这个月的房租我先帮你垫了，回头你转我就行",
    "【国泰航空】CX451航班已取消，已为您改签至明日同一时间，详情请查看 cathaypacific.com",
    "Your flight has been cancelled. Manage your booking at britishairways.com",
    "賣家你好，請問這件還有貨嗎？可以今天寄出嗎？",
    "This is not a scam: HMRC will contact you about your tax refund by post",
    "Hi mum, I'm home late tonight, dinner at 8?",
    "老板，明天还营业吗？",
]


@pytest.mark.parametrize("text", CODE_REQUESTS)
def test_a_bare_code_request_is_a_scam_headed_by_the_code(text: str) -> None:
    verdict = Detector.default().check(text)
    assert verdict.verdict == "scam", [(c.name, c.weight) for c in verdict.checks]
    assert verdict.primary is not None and verdict.primary.name == "request.code"


@pytest.mark.parametrize("text", NEW_CONTACT)
def test_a_new_number_opener_with_a_favour_is_flagged(text: str) -> None:
    verdict = Detector.default().check(text)
    assert verdict.verdict in ("scam", "suspicious"), [(c.name, c.weight) for c in verdict.checks]
    assert "request.new_contact" in {c.name for c in verdict.checks}


@pytest.mark.parametrize("text", FLIGHTS)
def test_a_cancelled_flight_with_a_number_or_link_to_rebook_is_flagged(text: str) -> None:
    verdict = Detector.default().check(text)
    assert verdict.verdict in ("scam", "suspicious"), [(c.name, c.weight) for c in verdict.checks]
    assert "claim.flight" in {c.name for c in verdict.checks}


def test_a_cancelled_flight_with_a_risky_link_is_a_scam_by_its_link() -> None:
    verdict = Detector.default().check("航班取消通知：点击 air-refund.top 办理退改签领取300元补偿")
    assert verdict.verdict == "scam"
    assert {"link.risky_tld", "action.link"} <= {c.name for c in verdict.checks}


@pytest.mark.parametrize("text", LOOK_ALIKE_LEGIT)
def test_warnings_otp_texts_family_chat_and_genuine_airline_notices_stay_quiet(text: str) -> None:
    verdict = Detector.default().check(text)
    assert verdict.verdict == "no_match", [(c.name, c.weight) for c in verdict.checks]
