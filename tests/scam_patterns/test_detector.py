"""The detector on hard cases written for ShopSafe: short, colloquial, obfuscated and Traditional scams, and
legitimate messages that share their words (pick-up codes, OTPs, refund notices, anti-fraud warnings)."""

from __future__ import annotations

import json

import pytest

from scam_patterns import Detector, Verdict
from scam_patterns.verdict import STAGES

SCAMS = [
    # short and colloquial
    "淘宝客服说我买的衣服甲醛超标，要给我双倍赔偿，让我加他QQ",
    "快递丢了，理赔专员让我下载腾讯会议开共享屏幕",
    "客服让我在支付宝领取备用金，说退款会一起退回来",
    "我是抖音客服，你开通的百万保障下个月开始每月扣费800，要帮你关掉，先下载个会议App",
    "你好，你大学时开的学生账户要注销，不然影响征信，把借呗额度转到指定账户就能注销",
    "退款多打了一个零，麻烦把多出来的转回来",
    "兼职刷单，垫付100返120，日结佣金，加V信",
    # obfuscated
    "淘宝k服：您的订单卡单了，tui款请加薇信",
    "客 服 说 要 共 享 屏 幕 才 能 退 款",
    "理赔需要验证，把收到的y z m发给我",
    # Traditional
    "您好，我是蝦皮客服，您的訂單有質量問題，給您雙倍賠償，請加我LINE處理",
    "快遞遺失了，理賠需要下載視訊會議App並開啟螢幕分享",
    # English
    "Amazon help line: you were billed twice, install AnyDesk and we will do the refund",
    "USPS: your package could not be delivered. Pay the $1.99 redelivery fee at usps-redeliver.top",
    "This is Amazon. To verify your refund read me the 6 digit code we just sent",
    "We accidentally refunded you $1500 too much, please send back the difference in gift cards",
    "Your Apple ID has been locked. Verify your account at apple-id-verify.com within 24 hours",
    # pretexts whose next step is extraction (written from scam-anatomy.md, not from the dev rows)
    "您好我是京东金融客服，系统显示您的白条额度有风险，需要帮您把额度关闭，不然影响账户安全",
    "我们检测到您手机中了木马病毒，请下载我们的安全软件并按提示操作清除",
    "抖音客服：您之前被开通了直播会员扣费业务，我们可以帮您取消，请提供银行卡号",
    "您的快递已到，请添加快递员微信确认收货信息后派送",
    # family emergency, and romance turned investment
    "奶奶，我骑车撞到人了在派出所，对方要赔钱，你先转我三千，别告诉我爸",
    "我是你在交友软件上认识的朋友，我舅舅在做数字货币投资，稳赚不赔，带你一起赚钱",
]

LEGIT = [
    "【菜鸟驿站】您的包裹已到站，取件码 3-2-1045，请凭码到东门驿站领取",
    "【中国银行】验证码：482913，您正在进行网上支付，请勿告诉他人，工作人员不会向您索取",
    "【淘宝】您的退款128.00元已原路退回至支付宝，请注意查收，无需任何操作",
    "客服不会向您索要验证码，任何要求共享屏幕、下载会议软件的都是诈骗",
    "【反诈中心】警惕冒充电商客服退款诈骗：正规退款原路退回，切勿添加QQ、切勿共享屏幕",
    "【顺丰速运】您的快件SF1234567890123已签收，感谢使用顺丰",
    "【招商银行】您尾号1234的信用卡本月账单已出，应还金额2,356.00元，最后还款日12月8日",
    "双十一大促，全场满300减50，点击链接领取优惠券，退订回T",
    "Your Amazon verification code is 123456. Do not share this code with anyone.",
    "We sent back $17.85 to the card you paid with; banks usually show it within a week.",
    "Your parcel was delivered today at 10:42 and left with your neighbour at number 12.",
    "Never share your one-time passcode. We will never call you to ask for it.",
    "客服：您好，您的退货已签收，退款会在24小时内转账到您的原支付账户",
    "Royal Mail: we could not deliver your parcel today. We will try again tomorrow. Track at royalmail.com",
    "【拼多多】亲，您购买的商品已发货，如有质量问题可申请退款，客服在线为您服务",
    "【工商银行】您尾号1234的卡于10月1日支出500元，如非本人操作请致电95588",
    "您的验证码为123456，5分钟内有效。如非本人操作，请忽略本短信。",
    "Hi, this is Sarah from the dentist. Please call us on 020 7946 0958 to confirm your appointment.",
    "亲，您的快递因地址不详无法派送，请在菜鸟App中修改地址",
    "Amazon: Your package was delivered. Track your order at amazon.com/orders",
    "HSBC: A payment of £45.00 to TESCO was declined. If this wasn't you, call the number on the back of your card.",
    "妈，我周末回家吃饭，帮我留点饺子",
    "明天下午三点项目例会，腾讯会议号 123 456 789",
    "【京东】白条账单已出，本期应还268元，可在京东金融App中还款",
    "【支付宝】花呗额度已提升至5000元，可在支付宝App中查看",
    "快递员：您的快递已放在门口，已签收，有问题打我电话",
    "客服提示：如需关闭自动续费，请在App“我的-设置”中自行取消",
    "姐，我明天去医院看病，晚点给你打电话",
    "老王，这顿饭我先付了，明天转你，别客气",
]


@pytest.mark.parametrize("text", SCAMS)
def test_scams_are_flagged(text: str) -> None:
    verdict = Detector.default().check(text)
    assert verdict.verdict != "no_match", (text, verdict.checks)
    assert verdict.patterns and verdict.evidence


@pytest.mark.parametrize("text", LEGIT)
def test_legitimate_lookalikes_are_not_judged_scam(text: str) -> None:
    verdict = Detector.default().check(text)
    assert verdict.verdict == "no_match", (text, [h.id for h in verdict.patterns], verdict.score)


def test_full_mechanism_is_a_confident_scam() -> None:
    verdict = Detector.default().check("我是淘宝售后，你买的衣服甲醛超标，双倍赔付，加客服QQ 28475612，再下载腾讯会议共享屏幕")
    assert verdict.verdict == "scam" and verdict.score >= 0.8
    assert verdict.stages == ["pretext", "lure", "channel", "control"]
    assert verdict.stage == "control"


def test_pretext_alone_is_at_most_suspicious_and_below_the_group_threshold() -> None:
    verdict = Detector.default().check("您好我是快手客服，您购买的化妆品有质量问题，请提供一下订单号")
    assert verdict.verdict == "suspicious"
    assert verdict.score < 0.8


def test_evidence_quotes_the_original_text_at_its_offsets() -> None:
    text = "淘 宝 K服：您的訂單卡單了，tui款請加 薇 信 abc123"
    verdict = Detector.default().check(text)
    assert verdict.evidence
    for item in verdict.evidence:
        assert text[item.start:item.end] == item.quote
    quotes = [e.quote for e in verdict.evidence]
    assert "K服" in quotes and any("薇 信" in quote for quote in quotes)


def test_stages_follow_script_order() -> None:
    verdict = Detector.default().check("快递丢了给你三倍理赔，加QQ，开屏幕共享，再把验证码告诉我")
    assert verdict.stages == sorted(verdict.stages, key=STAGES.index)
    assert verdict.stage == "extraction"


def test_to_json_is_the_scan_contract() -> None:
    verdict = Detector.default().check("Your Apple ID is locked, verify at apple-id-verify.com now")
    data = verdict.to_json()
    assert {"verdict", "score", "patterns", "lang", "evidence", "advice"} <= set(data)
    assert data["verdict"] in ("scam", "suspicious", "no_match") and 0 <= data["score"] <= 1
    assert data["lang"] == "en" and all(isinstance(p, str) for p in data["patterns"])
    assert all({"check", "quote"} <= set(e) for e in data["evidence"])
    assert isinstance(data["advice"], str) and data["advice"]
    json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize(("text", "lang"), [("加我微信退款", "zh-Hans"), ("加我微信辦理退款，質量問題賠償", "zh-Hant"),
                                            ("refund now", "en"), ("Привет", "other")])
def test_language_of_the_message(text: str, lang: str) -> None:
    assert Detector.default().check(text).lang == lang


def test_advice_in_three_languages_for_matches_and_for_no_match() -> None:
    scam = Detector.default().check("客服说退款要下载腾讯会议共享屏幕")
    nothing = Detector.default().check("今晚吃什么")
    for verdict in (scam, nothing):
        hans, hant, en = verdict.advice("zh-Hans"), verdict.advice("zh-Hant"), verdict.advice("en")
        assert hans and hant and en and len({hans, hant, en}) == 3
        assert en.isascii()
    assert "不代表安全" in nothing.advice("zh-Hans")
    assert "共享" in scam.advice("zh-Hans")


def test_entities_are_extracted() -> None:
    verdict = Detector.default().check("加QQ 12345678 或薇信 kefu888，下载向日葵，退款500元，详见 bit.ly/x1 或 13812345678")
    ents = verdict.entities
    assert ents.qq == ["12345678"] and ents.wechat == ["kefu888"]
    assert "向日葵" in ents.apps and "500元" in ents.amounts
    assert ents.domains == ["bit.ly"] and ents.phones == ["13812345678"]


def test_every_check_explains_itself() -> None:
    verdict: Verdict = Detector.default().check("Amazon: odd login spotted, check it at amazon-secure-login.top before we lock you out")
    names = [c.name for c in verdict.checks]
    assert "link.brand_mismatch" in names
    for check in verdict.checks:
        assert check.fired and check.detail and check.weight != 0


def test_suspicious_advice_without_a_pattern_never_reads_as_no_match() -> None:
    """`shopsafe check` printed "No known scam pattern matched" under a ⚠️ that no catalog pattern explained."""
    verdict = Detector.default().check("Your account is locked, call 0800 123 4567")
    verdict.patterns = []  # the same verdict with nothing from the catalog to explain it
    assert verdict.verdict == "suspicious"
    for lang in ("en", "zh-Hans", "zh-Hant"):
        advice = verdict.advice(lang)
        assert advice and "No known scam pattern" not in advice and "没有匹配到" not in advice and "沒有比對到" not in advice


def test_traditional_footer_names_taiwan_and_hong_kong_lines_not_the_mainland_ones() -> None:
    """The zh-Hant advice was OpenCC of the Simplified one and sent Taiwan and Hong Kong readers to 110/96110."""
    verdict = Detector.default().check("我是客服，你的快递丢了，加我微信给你理赔，把验证码发给我")
    advice = verdict.advice("zh-Hant")
    assert "165" in advice and "18222" in advice and "96110" not in advice
