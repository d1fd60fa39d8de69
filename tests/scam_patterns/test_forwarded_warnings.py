"""Anti-fraud warnings people forward to ask whether they are real: police, regulators, banks, platforms and
couriers quoting the scam they warn of, and friends passing a warning on. None of them is a scam.

Written fresh for the warning-voice cues of data/lexicons.yaml (guard.advisory), not taken from any
evaluation set; a tuning set from the day they were written."""

from __future__ import annotations

import pytest

from scam_patterns import Detector

WARNINGS = [
    '【国家反诈中心】提醒您：凡是自称客服主动退款、让你共享屏幕的都是诈骗！',
    '【XX公安】温馨提示：近期冒充快递客服理赔诈骗高发，快递丢失理赔请通过官方App，切勿添加陌生人微信。',
    'ScamShield: Beware of fake delivery SMS asking you to click a link and pay a small fee. Check with the official courier website.',
    "Police advisory: scammers are posing as bank officers and asking victims to transfer money to a 'safe account'. Banks will never do this.",
    'HSBC will never ask you to move money to a safe account. If you receive such a call, hang up and call us on the number on the back of your card.',
    '刑事局提醒：解除分期付款是詐騙，ATM沒有解除分期功能，有疑問請撥165。',
    '165提醒您：網購接到自稱客服來電說訂單錯誤，一定是詐騙！',
    '香港警方提醒：如有人自稱速遞公司職員要求你點擊連結付款，請即致電防騙易熱線18222。',
    'Royal Mail will never ask you to pay a redelivery fee by text. Forward suspicious texts to 7726.',
    'FTC: If someone calls saying your Amazon account has an unauthorized purchase and asks you to install an app, hang up.',
    '【中国移动】反诈提示：任何要求您提供短信验证码的行为都是诈骗，请勿泄露。',
    'Shopee: We will never contact you via WhatsApp to ask for your OTP or bank details.',
    '提醒：收到“医保卡停用”短信不要点链接，医保局不会发送此类短信。',
    "DBS: Scam alert! Don't click on links in SMS. We've stopped sending clickable links to customers.",
    "Heads up: there's a text going around saying your toll is unpaid with a link to pay. It's fake, don't click it.",
    '我妈收到一条说快递丢了要理赔的短信，我跟她说这是骗子，别理。',
    "Just got a 'your parcel is held, pay £1.99' text - scam, obviously. Ignore if you get one.",
    '淘宝官方提醒：淘宝客服不会以任何理由要求您在站外进行退款操作。',
    '反诈民警提醒：快递理赔一定要通过官方渠道，不要相信陌生来电。',
    'Beware of scam calls claiming to be from the Ministry of Health about illegal medicine parcels.',
    '如果有人打电话说你的快递丢了要双倍赔偿，让你加微信，千万别信，直接挂。',
    'The IRS does not initiate contact by text message to request personal or financial information.',
    '防騙提示：騙徒會冒充網購平台客服，聲稱訂單出錯要求你提供信用卡資料。',
    "Be careful: people are getting texts from 'Australia Post' asking for a redelivery fee. Australia Post will never ask for payment by SMS.",
    '警方提醒：接到自称公检法的电话，说你涉嫌洗钱要求转账到安全账户的，一律是诈骗。',
    "Warning: fake Medicare calls are saying your card will be cancelled unless you call back. Medicare won't call you like this.",
    '有人冒充健保署打電話說健保卡被盜用，要轉接警察，這是詐騙，請打165查證。',
    "Scam warning from Carousell: buyers who ask you to click a link to 'receive payment' are scammers. Keep chats and payments on Carousell.",
    '朋友圈在傳的「包裹地址不完整請點連結更新」簡訊是假的，不要點。',
    'PSA: if you get a text "Hi mum, this is my new number", call your kid\'s old number before sending anything.',
]


@pytest.mark.parametrize("text", WARNINGS)
def test_a_forwarded_warning_is_not_called_a_scam(text: str) -> None:
    verdict = Detector.default().check(text)
    assert verdict.verdict == "no_match", [(c.name, c.weight) for c in verdict.checks]


@pytest.mark.parametrize("text", [
    "PSA: People are getting texts saying 'USPS: your package is on hold, pay $1.99 at usps-help.top'. It's a scam, don't click!",
    "警方提醒：近期有人收到“您的包裹地址不详，请点击 ems-cn.top 更新”的短信，均为诈骗，请勿点击。",
    "防騙提提你：「你嘅順豐包裹地址唔清楚，請即撳入 sf-hk.cc 更新」呢類短訊係呃人嘅，唔好撳。",
])
def test_a_warning_that_quotes_the_scam_text_and_calls_it_a_scam_is_not_one(text: str) -> None:
    verdict = Detector.default().check(text)
    assert verdict.verdict == "no_match", [(c.name, c.weight) for c in verdict.checks]


@pytest.mark.parametrize("text", [
    "朋友转给我的，说收到这种短信：“您的包裹地址不详，请点击 ems-cn.top 更新”，是骗子吗？",
    "My aunt sent me this, is it real? 'Royal Mail: we could not deliver your parcel, reschedule at royalmail-redelivery.com'",
])
def test_a_quoted_scam_forwarded_with_a_question_is_judged_as_the_scam_it_quotes(text: str) -> None:
    assert Detector.default().check(text).verdict == "scam"
