"""knowledge.regions: which place a question is about, and the answers written for each place.

The questions here are a tuning set: the cues were written beside them.
"""

from __future__ import annotations

import pytest
from knowledge.base import KnowledgeBase
from knowledge.regions import REGIONS, infer_region, load_places, region_of_language_code


@pytest.mark.parametrize(("question", "region"), [
    ("我在台灣被詐騙了要打幾號", "TW"),
    ("蝦皮賣家叫我去ATM解除分期，怎麼辦", "TW"),
    ("ㄅㄨˋ ㄓ ㄉㄠˋ 怎麼辦 被騙了", "TW"),
    ("喺香港俾人呃咗錢點算", "HK"),
    ("畀人用轉數快呃咗錢，點算", "HK"),
    ("新加坡被骗怎么报案", "SG"),
    ("I transferred via PayNow to a scammer", "SG"),
    ("someone took RM2,000 from my Maybank account", "MY"),
    ("my mum in Manchester paid a fake Royal Mail fee", "UK"),
    ("I lost $500 to a fake Geek Squad call, should I call the FTC", "US"),
    ("scammed through PayID, do I tell Scamwatch", "AU"),
    ("₹20,000 gone through UPI after a KYC call", "IN"),
    ("a shop leaked my data, what does the GDPR let me do", "EU"),
    ("被骗了5000块，支付宝转的", "CN"),
    ("快递驿站说我的包裹丢了要理赔", "CN"),
])
def test_the_place_a_question_names_is_recognised(question, region):
    assert infer_region(question).region == region


@pytest.mark.parametrize("question", ["where do I report a scam", "被骗了打什么电话", "Shopee refund scam"])
def test_a_question_naming_no_place_has_no_region_but_likely_ones(question):
    guess = infer_region(question)
    assert guess.region is None and 2 <= len(guess.likely) <= 3


def test_the_stored_region_applies_unless_the_question_names_another():
    assert infer_region("where do I report a scam", stored="UK").region == "UK"
    assert infer_region("where do I report a scam in Taiwan", stored="UK").region == "TW"


def test_the_language_code_is_only_a_hint():
    assert region_of_language_code("zh-TW") == "TW" and region_of_language_code("en-GB") == "UK"
    assert region_of_language_code("de") == "EU" and region_of_language_code("pt-br") is None
    assert region_of_language_code("en") is None
    assert infer_region("where do I report a scam", "en-GB").region is None
    assert infer_region("where do I report a scam", "en-GB").likely[0] == "UK"


def test_every_place_has_a_cited_reporting_answer_in_three_languages():
    places = load_places()
    assert sorted(places) == sorted(REGIONS)
    for code, place in places.items():
        answer = place.answers["report"]
        assert answer.sources and all(s.url.startswith("http") and s.claim and s.date for s in answer.sources), code
        for lang in ("en", "zh-Hans", "zh-Hant"):
            assert answer.text(answer.bodies, lang) and answer.text(answer.briefs, lang), (code, lang)
        assert place.identifiers, code


def test_taiwan_and_hong_kong_answers_are_written_for_them_not_converted():
    places = load_places()
    taiwan, hong_kong = places["TW"].answers["report"], places["HK"].answers["report"]
    assert "zh-Hant" in taiwan.bodies and "zh-Hant" in hong_kong.bodies
    assert "165" in taiwan.bodies["zh-Hant"] and "18222" in hong_kong.bodies["zh-Hant"]


@pytest.mark.parametrize(("question", "names"), [
    ("在台灣遇到詐騙要打幾號", ["165"]),
    ("香港被騙可以打什麼電話", ["18222"]),
    ("新加坡被骗怎么报案", ["1799"]),
    ("where do I report a scam in the UK", ["Report Fraud"]),
    ("where to report scams in the US", ["ReportFraud.ftc.gov"]),
    ("where do I report a scam in Malaysia", ["997"]),
    ("where do I report online fraud in India", ["1930"]),
    ("where do I report a scam in Australia", ["Scamwatch"]),
])
def test_reporting_answers_name_the_place_s_own_line(question, names):
    answer = KnowledgeBase.default().ask(question)
    assert answer.article == "where-to-report" and answer.region is not None
    assert any(name in answer.answer for name in names), answer.answer


def test_an_unknown_place_is_said_in_one_line_with_the_likely_ones_not_assumed_to_be_the_mainland():
    answer = KnowledgeBase.default().ask("where do I report a scam?")
    assert answer.region is None
    first = answer.answer.splitlines()[1]
    assert first.startswith("Where are you?")
    assert "ReportFraud.ftc.gov" in answer.answer and "Report Fraud" in answer.answer
    assert "12321" not in answer.answer


# Issue #11 (kbmech2): "新加坡的个人资料保护法" read as unknown because the Taiwan cue for 个人资料保护法 tied with
# 新加坡; "Medicare … anydesk" read as the US although Medicare is Australia's insurer as well.
@pytest.mark.parametrize(("question", "region"), [
    ("新加坡的个人资料保护法叫什么", "SG"),
    ("新加坡的個人資料保護法令", "SG"),
    ("馬來西亞的個人資料保護法令", "MY"),
    ("台灣的個人資料保護法", "TW"),
    ("香港的個人資料保護法係點", "HK"),
    ("Medicare called, then Centrelink, I paid A$50", "AU"),
    ("my medicare card details were stolen in Sydney", "AU"),
    ("a Medicare scam call, I'm on myGov", "AU"),
    ("the Medicare rep asked for my SSN", "US"),
])
def test_a_place_named_outweighs_a_law_or_insurer_shared_between_places(question, region):
    assert infer_region(question).region == region


@pytest.mark.parametrize("question", [
    "someone called from Medicare and I let them install anydesk",  # US and Australian scammers both use it
    "個人資料保護法令有什麼規定",  # Singapore's and Malaysia's
])
def test_a_name_shared_between_places_alone_names_none_of_them(question):
    guess = infer_region(question)
    assert guess.region is None and len(guess.likely) >= 2


@pytest.mark.parametrize(("question", "region"), [
    ("啱啱轉咗一萬蚊俾個假客服，打去邊", "HK"), ("順豐站短訊叫我俾HK$30", "HK"),
    ("paid NT$500 to a fake seller", "TW"), ("S$80 by paynow to a scammer", "SG"), ("RM300 transferred to a fake cop", "MY"),
    ("lost ₹2000 via upi", "IN"), ("lost £200 to a fake Evri text", "UK"), ("€50 to a fake DHL agent in Paris", "EU"),
    ("paid HK$1000 by fps", "HK"), ("A$2.99 redelivery fee text", "AU"), ("佢叫我裝app，我裝咗", "HK"),
    ("係咪呃人㗎，佢話係客服", "HK"), ("dbs called me about my account", "SG"), ("Maybank sms with a link", "MY"),
    ("Royal Mail text about a missed parcel", "UK"), ("USPS redelivery fee text", "US"), ("AusPost text asking for a fee", "AU"),
    ("India Post KYC update message", "IN"), ("LINE Pay 被盜用", "TW"), ("八達通增值短訊", "HK"),
    ("Touch n Go ewallet hacked", "MY"), ("sent money on Zelle to a scammer", "US"), ("PDPA complaint in Malaysia", "MY"),
    ("Singapore PDPA breach", "SG"), ("台北收到假簡訊", "TW"), ("在吉隆坡被骗了", "MY"), ("在香港被呃", "HK"),
    ("from Melbourne, got a scam call", "AU"), ("a london bank called me", "UK"), ("I'm in Texas and got scammed", "US"),
    ("new delhi fraud call", "IN"),
])
def test_fresh_phrasings_with_currency_city_bank_courier_wallet_or_law_name_their_place(question, region):
    assert infer_region(question).region == region


def test_cantonese_money_word_is_only_a_weak_cue():
    assert infer_region("蚊子好多").region is None  # 蚊 after an amount is Cantonese dollars, alone a mosquito
    assert infer_region("我转了3000块给假客服").region is None  # 块 is said in Singapore and Malaysia as well


def test_the_currency_cues_stay_linear_on_long_input():
    assert infer_region("1蚊" * 1000 + "蚊" * 1000).region in REGIONS


# Issue #11 (kbmech2): a background answer about a scam (loans, screen sharing, customs fees) never named the
# asker's hotline although the place was known, because only place-dependent articles had place text.
@pytest.mark.parametrize(("question", "lang", "region", "names"), [
    ("the caller told me to take out a loan and move it to a safe account", "en", "HK", "18222"),
    ("what is a screen sharing scam", "en", "SG", "1799"),
    ("is this customs fee text a scam", "en", "UK", "7726"),
    ("對方叫我開螢幕分享，這是詐騙嗎", "zh-Hant", "TW", "165"),
])
def test_a_background_scam_answer_ends_with_the_known_place_s_reporting_line(question, lang, region, names):
    answer = KnowledgeBase.default().ask(question, lang=lang, region=region)
    assert answer.article is not None and answer.region == region
    assert names in answer.answer and len(answer.answer) <= 1000


@pytest.mark.parametrize(("question", "region"), [
    ("怎样设置一个安全的密码", "TW"),  # not about a scam or a leak: no reporting line
    ("what is a screen sharing scam", None),  # the place unknown: nothing assumed
])
def test_no_reporting_line_without_a_scam_topic_and_a_known_place(question, region):
    answer = KnowledgeBase.default().ask(question, region=region)
    assert answer.region is None and "165" not in answer.answer


def test_a_known_place_s_law_leads_the_general_duties_of_platforms() -> None:
    # The judge of blind_h: answers about rights named the place's law only in their last line.
    answer = KnowledgeBase.default().ask("我在台北，網購平台外洩我的資料，有什麼法律可以保護我？")
    body = answer.answer.split("\n", 1)[1]
    assert body.startswith("台灣：《個人資料保護法》"), body[:80]
