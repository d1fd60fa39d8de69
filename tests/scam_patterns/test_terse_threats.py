"""Terse threats and payment tricks: an agency that suspends your card with a number to call, "do not hang
up", a code sent "by mistake", a buyer whose payment waits for you to upgrade, a QR code to receive money,
an ATM that "cancels" a plan, a prize with a fee, a shop order with a number to cancel it, "guess who"; and
the warnings, genuine notices and ordinary chat that share their words.

Written fresh for these checks, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from scam_patterns import Detector

FLAGGED = "scam", "suspicious"
SCAM = ("scam",)

# text, verdicts it may get, the check that must have fired
CAUGHT = [
    ("HMRC: your tax account has been suspended. Call 0203 555 0199 today to avoid legal action", SCAM, "claim.gov_threat"),
    ("【社保局】您的社保卡已被停用，请致电 010-5555-0101 处理", SCAM, "claim.gov_threat"),
    ("Centrelink: your payments are on hold. Call 1300 555 019 to keep them", FLAGGED, "claim.gov_threat"),
    ("This is Detective Lee, Hong Kong Police. Your bank account is linked to a fraud case. Stay on the line.", SCAM,
     "action.isolate"),
    ("你名下的银行卡涉嫌洗钱，现在不要挂电话，听我安排", SCAM, "action.isolate"),
    ("I sent you a code by accident, can you forward it back to me?", SCAM, "request.code_mistake"),
    ("不好意思发错验证码到你手机了，麻烦告诉我一下", SCAM, "request.code_mistake"),
    ("驗證碼是多少？我這邊幫你處理退款", SCAM, "request.code"),
    ("I've paid for the sofa but Carousell says you must verify your account to receive the money, check your email",
     FLAGGED, "request.receive_unlock"),
    ("我已经付款了，平台说你要交保证金才能到账", FLAGGED, "request.receive_unlock"),
    ("I already paid you on Zelle, it stays on hold until you send my agent the $150 courier fee", FLAGGED,
     "request.receive_unlock"),
    ("Qantas: your flight is cancelled. To get your $310 refund reply with your card number and CVV", FLAGGED,
     "request.card_secret"),
    ("PayPal says you need a business account to receive my payment, it costs $100 to upgrade", FLAGGED,
     "request.upgrade_to_receive"),
    ("IRAS: you owe tax arrears under your name. Press 1 to speak to an officer now", FLAGGED, "action.press_key"),
    ("您的快递在运输中破损，可以给您理赔，稍后专员致电", FLAGGED, "action.agent_callback"),
    ("您的订单被误设为每月扣款，请问您的信用卡是哪家银行的？", FLAGGED, "action.which_bank"),
    ("Refund of Rs 2,300 pending: enter your UPI PIN on the collect request to receive it", FLAGGED,
     "request.scan_receive"),
    ("扫这个二维码就能领取退款，三倍赔偿", FLAGGED, "request.scan_receive"),
    ("請到ATM操作解除分期，否則每月扣款", SCAM, "request.atm_cancel"),
    ("Congrats, you're our lucky draw winner! Pay the $2.99 delivery fee to get your iPad", SCAM, "request.prize_fee"),
    ("PayPal: a payment of $899.99 to BestBuy was approved. Not you? Call 1-877-555-0142", SCAM, "claim.order_callback"),
    ("Amazon order #112-99 for $649.00 placed. If you did not make this purchase call 1-844-555-0176", SCAM,
     "claim.order_callback"),
    ("Guess who? This is my new number", FLAGGED, "context.guess_who"),
    ("Amazon: 482113 is your OTP. Didn't request it? Log in to verify here: amz-help-center.info/a1", SCAM, "action.link"),
    ("Apple Security Alert: viruses detected on your Mac. Call Apple support 1-888-555-0150 now", SCAM, "claim.tech_problem"),
    ("你的电脑检测到病毒，微软授权过期，请立即拨打 400-555-0188 联系技术支持", FLAGGED, "claim.tech_problem"),
    ("grandpa its me, i am in jail and need bail money, please dont tell mom", FLAGGED, "claim.trouble"),
    ("外婆，我出事了，别告诉爸妈，先转我五千", FLAGGED, "action.isolate"),
    ("你之前开的校园贷账户现在要清理，不注销的话会影响你的征信", FLAGGED, "claim.credit_cancel"),
    ("您的京东白条不符合监管要求，需要关闭，否则上征信", SCAM, "close_credit_line"),
    ("有空帮我刷几单吗，刷单一次给你20块", FLAGGED, "offer.brushing"),
    ("【黑貓宅急便】您的包裹暫停配送，請點擊 tcat-tw.cc/r 補繳運費", SCAM, "request.release_fee"),
    ("您有一笔未领取的现金红包，点击 hb-lq.cn 领取", FLAGGED, "action.link"),
    ("在忙吗？我现在不方便接电话，你先帮我转给这个账户五千，晚上还你", FLAGGED, "claim.trouble"),
]

QUIET = [
    "警方提醒：凡是要求你不要挂电话、去ATM解除分期的，都是诈骗",
    "HMRC will never ask you to call a number in a text. Report suspicious texts to 60599",
    "我已经付款了，请问什么时候发货？",
    "I sent the parcel yesterday, here is the tracking number",
    "Upgrade to Premium to receive faster delivery on every order",
    "Never share your card number, CVV or UPI PIN with anyone who calls or texts you.",
    "Your Medicare card has been renewed. View it in the Express Plus Medicare app.",
    "If someone says they sent a code to your phone by mistake, do not send it to them.",
    "PayPal: You sent $25.00 to John Smith.",
    "ATM沒有解除分期付款的功能，接到這種電話請撥165",
    "医保卡不会因为异常被冻结，接到此类电话请挂断",
    "爸，验证码不要告诉任何人，银行的也不要",
    "You won the auction! Please pay $45 plus $5 shipping within 4 days",
    "请扫码付款，谢谢",
    "Amazon: your order of $29.99 has shipped. Track it in the Amazon app.",
    "请告诉我您门牌号的后四位数字，方便派送",
    "【顺丰】您的国际快件需缴纳关税68.00元，请在顺丰速运App或官方小程序内支付，如有疑问致电95338。",
    "dad can you read me the code on the amazon locker email, I left my phone at home",
    "把取件码发我，我下班顺路帮你拿快递",
    "UOB: Your card ending 1234 was charged SGD 45.60 at NTUC. If unauthorised call 6222 2121.",
    "Windows Update: your device is up to date. No action needed.",
    "Mom I am in a meeting, I will call you back tonight",
    "【建设银行】您尾号1234信用卡本期账单已出，到期还款日12月20日，请按时还款，以免影响个人征信。",
    "人民银行征信中心提醒：个人征信报告可免费查询，任何声称能“修复征信”“注销校园贷”的都是诈骗。"
    "国家反诈中心提醒：刷单返利类诈骗高发，凡是要你垫付资金刷单的，都是诈骗。",
]


@pytest.mark.parametrize(("text", "verdicts", "check"), CAUGHT)
def test_terse_threats_and_payment_tricks_are_flagged_by_their_check(text: str, verdicts: tuple[str, ...],
                                                                     check: str) -> None:
    verdict = Detector.default().check(text)
    fired = [(c.name, c.weight) for c in verdict.checks]
    assert verdict.verdict in verdicts, fired
    assert check in {c.name for c in verdict.checks}, fired


@pytest.mark.parametrize("text", QUIET)
def test_their_warnings_genuine_notices_and_chat_stay_quiet(text: str) -> None:
    verdict = Detector.default().check(text)
    assert verdict.verdict == "no_match", [(c.name, c.weight) for c in verdict.checks]
