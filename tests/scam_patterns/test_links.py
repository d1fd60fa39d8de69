"""Link and phone checks: each check's examples and counter-examples, evidence that quotes whole URLs and
numbers of the text itself, titles in three languages, weights from links.yaml, and linear time."""

from __future__ import annotations

import time

import pytest

from scam_patterns.entities import link_data
from scam_patterns.links import claimed_brands, link_checks
from scam_patterns.verdict import CheckResult


def fired(text: str) -> dict[str, CheckResult]:
    return {check.name: check for check in link_checks(text)}


def quotes(text: str, name: str) -> list[str]:
    return [item.quote for item in fired(text)[name].evidence]


# --- link.brand_mismatch -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "url"), [
    ("USPS: your parcel is held, confirm at https://usps-redelivery.top/x", "https://usps-redelivery.top/x"),
    ("Your account is locked, see amazon.account-verify.com/login", "amazon.account-verify.com/login"),
    ("pay the £1.99 fee at royalmail.parcel-fee.info now", "royalmail.parcel-fee.info"),
    ("Royal Mail: we could not deliver your parcel. Reschedule: https://rm-reschedule.com/a1", "https://rm-reschedule.com/a1"),
    ("【全家】您的包裹已到店，逾期退回 http://fami-pkg.vip/q", "http://fami-pkg.vip/q"),
    ("【中華郵政】您的包裹地址不全，請更新 post-tw.cc/a8", "post-tw.cc/a8"),
    ("遠通電收提醒您，您有一筆國道通行費待繳，請至 https://fetc-pay.xyz 繳納", "https://fetc-pay.xyz"),
    ("您的顺丰快件无法派送，请登录 sf-express-cn.top/k 处理", "sf-express-cn.top/k"),
    ("IRS: your refund is ready at https://irs.gov.tax-helping.com", "https://irs.gov.tax-helping.com"),
    ("Security alert: https://www.paypal.com@secure-login.top/verify", "https://www.paypal.com@secure-login.top/verify"),
])
def test_a_brand_claimed_by_the_message_or_the_host_on_another_domain_is_a_decisive_mismatch(text: str, url: str) -> None:
    check = fired(text)["link.brand_mismatch"]
    assert check.decisive and check.weight > 3
    assert [item.quote for item in check.evidence] == [url]
    assert all(text[e.start:e.end] == e.quote for e in check.evidence)


@pytest.mark.parametrize("text", [
    "Your Amazon order has shipped: https://www.amazon.com/gp/your-orders",
    "Amazon: your parcel is with UPS, track it at https://www.ups.com/track?num=1Z999",
    "Royal Mail: download our app at https://play.google.com/store/apps/details?id=x",
    "HSBC will never ask for your PIN. Report scams at https://www.actionfraud.police.uk",
    "祝你全家幸福，有空看看 www.example-blog.com",           # 全家 the word, not the shop's sender tag
    "系统审核中通过后会通知你，详情 www.myschool.edu.cn/notice",  # 中通 inside 审核中通过
    "【中華郵政】包裹查詢請至 https://postserv.post.gov.tw/pstmail/main_mail.html",
    "pineapple-cakes.com/order has the best cakes",         # apple inside a word
    "purchase-confirm.com/receipt is your receipt",          # chase inside purchase
    "Amazon: track it at amzn.to/3abc",                      # the brand's own short link
    "Barclays never asks for your PIN. Report fraud at cybercrime.gov.in or www.gov.uk",  # governments' suffixes
    "Citibank alert: was this $85.00 purchase at TARGETSHOP.COM you? Reply Y or N",     # the merchant's name
])
def test_a_brand_linking_to_its_own_partner_or_neutral_domains_is_no_mismatch(text: str) -> None:
    assert "link.brand_mismatch" not in fired(text)


def test_a_shortener_in_a_brand_message_is_a_shortener_not_a_mismatch() -> None:
    checks = fired("USPS: your package is held, visit bit.ly/3xYz")
    assert "link.shortener" in checks and "link.brand_mismatch" not in checks


def test_brand_names_follow_their_case_and_word_rules() -> None:
    assert set(claimed_brands("Apple ID locked, UPS parcel, Chase alert")) == {"apple", "ups", "chase"}
    assert claimed_brands("an apple a day, ups and downs, chase the dream, groups") == {}
    assert set(claimed_brands("[全家] 取貨通知")) == {"familymart"}
    assert claimed_brands("全家人都好") == {}


# --- link.lookalike ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "url"), [
    ("Sign in at arnazon.com/account to keep your order", "arnazon.com/account"),
    ("Your account is limited: paypa1.com/verify", "paypa1.com/verify"),
    ("Confirm at https://www.amazzon-help.com", "https://www.amazzon-help.com"),
    ("Apple ID: http://xn--pple-43d.com/id", "http://xn--pple-43d.com/id"),
    ("Apple ID: http://\u0430pple.com/id", "http://\u0430pple.com/id"),  # Cyrillic а
    ("Netflix: update payment at netfiix.com/pay", "netfiix.com/pay"),
])
def test_typos_and_homoglyphs_of_brand_hosts_are_decisive_lookalikes(text: str, url: str) -> None:
    check = fired(text)["link.lookalike"]
    assert check.decisive
    assert quotes(text, "link.lookalike") == [url]


@pytest.mark.parametrize("text", [
    "https://www.paypal.com/myaccount", "see taishan-tea.com/menu", "goggles-shop.com/sale", "cloud.com/docs",
    "中文域名 http://xn--fiqs8s.cn/a",  # 中国.cn: a Chinese name, not a Latin lookalike
])
def test_brand_domains_common_words_and_native_script_domains_are_not_lookalikes(text: str) -> None:
    assert "link.lookalike" not in fired(text)


# --- shortener, risky TLD, IP, random labels, bare domains ---------------------------------------------

@pytest.mark.parametrize("text", ["bit.ly/3xYz", "https://s.id/abc", "t.co/x1", "點擊 reurl.cc/abc12 查看",
                                  "lihi1.cc/XyZ", "https://tinyurl.com/y2k"])
def test_shorteners(text: str) -> None:
    assert "link.shortener" in fired(text)


@pytest.mark.parametrize("text", ["https://www.amazon.com/x", "https://shop.example-store.com/p/1", "amzn.to/abc"])
def test_not_shorteners(text: str) -> None:
    assert "link.shortener" not in fired(text)


@pytest.mark.parametrize("text", ["parcel-help.site/x7", "https://redeliver.top/a", "pay.icu/x", "mybox.xyz/z",
                                  "https://claim-reward.vip/"])
def test_risky_tlds(text: str) -> None:
    assert "link.risky_tld" in fired(text)


@pytest.mark.parametrize("text", ["https://www.example-store.com/x", "reurl.cc/abc", "https://www.gov.uk/x"])
def test_not_risky_tlds(text: str) -> None:
    assert "link.risky_tld" not in fired(text)


@pytest.mark.parametrize(("text", "url"), [("login: http://192.168.14.2/bank", "http://192.168.14.2/bank"),
                                           ("go to 45.12.8.200/pay now", "45.12.8.200/pay"),
                                           ("visit 10.1.1.1:8080", "10.1.1.1:8080")])
def test_ip_address_links(text: str, url: str) -> None:
    assert quotes(text, "link.ip_address") == [url]


@pytest.mark.parametrize("text", ["version 1.2.3.4 is out", "address 192.168.1.1 in the manual", "price 12.50"])
def test_dotted_numbers_without_a_path_are_not_ip_links(text: str) -> None:
    assert "link.ip_address" not in fired(text)


@pytest.mark.parametrize("text", ["http://r2s9hq82ne.mmnrxeqmcv.nikxc.org/a", "du9k3.com/rvirONcq",
                                  "f4RSX.COM/8vxy", "https://www.billing.kfx65hci-app.zwbq.shop",
                                  "http://fotag.xpddg.com", "Look them here: http://yjpgbx.com/mn1lkyE"])
def test_random_looking_host_labels(text: str) -> None:
    assert "link.random_subdomain" in fired(text)


@pytest.mark.parametrize("text", ["https://secure-update.mybank-example.com/a", "https://office365-help.net/x",
                                  "https://cdn77.example-store.com/img", "https://s3-eu-west-1.example-store.com/b",
                                  "https://www.12306.cn/index", "https://news.mcdonalds-fans.com/",
                                  "https://www.lynx-shop.com/", "https://smtp.hsbc.co.uk/"])
def test_ordinary_host_labels_are_not_random(text: str) -> None:
    assert "link.random_subdomain" not in fired(text)


@pytest.mark.parametrize(("text", "url"), [
    ("[Postal] The address is incomplete. Update it at parcel-help.site/x7", "parcel-help.site/x7"),
    ("Reply with s.id/xyz to claim", "s.id/xyz"),
    ("點擊abc-shop.top領取", "abc-shop.top"),  # glued to Han characters on both sides
    ("Your parcel: uspkgos.homes/D4d5t6", "uspkgos.homes/D4d5t6"),
    ("(see claim-now.info/a)", "claim-now.info/a"),
])
def test_bare_domains_are_links(text: str, url: str) -> None:
    assert quotes(text, "link.bare_domain") == [url]


@pytest.mark.parametrize("text", [
    "e.g. this one, i.e. that one", "open file.txt and main.py", "version v1.2.3 and 2.0.1", "la.st mo.nth p.aid",
    "Thanks for applying, we will apply.Help is on the way", "send it to a.person@mailbox-example.com",
    "价格12.50元，版本v1.2", "U.S. and U.K. customers",
])
def test_abbreviations_files_versions_sentences_and_emails_are_not_links(text: str) -> None:
    assert not any(name.startswith("link.") for name in fired(text))


def test_a_link_with_a_scheme_is_not_bare() -> None:
    assert "link.bare_domain" not in fired("https://parcel-help.site/x7")


# --- unofficial and official --------------------------------------------------------------------------

def test_an_official_link_is_a_neutral_fact_with_no_weight() -> None:
    checks = fired("Your refund: https://www.amazon.co.uk/refunds")
    assert set(checks) == {"link.official"}
    official = checks["link.official"]
    assert official.weight == 0 and "amazon.co.uk" in official.detail
    assert not any("safe" in title.lower() or "安全" in title for title in official.title.values())


@pytest.mark.parametrize("text", ["https://165.npa.gov.tw/#/", "https://www.sf-express.com/cn/sc/", "https://www.gov.uk/x"])
def test_government_and_brand_domains_are_official(text: str) -> None:
    assert "link.official" in fired(text) and "link.unofficial" not in fired(text)


def test_any_other_link_is_unofficial() -> None:
    check = fired("see https://www.some-shop-example.com/a")["link.unofficial"]
    assert 0 < check.weight < 1 and not check.decisive


# --- phone.callback and phone.premium -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "quote"), [
    ("Amazon: an order of $1,299.00 was placed. If this was not you, call our support line 1-888-000-0000 now.",
     "If this was not you, call our support line 1-888-000-0000"),
    ("您的账户今日消费3999元，如非本人操作请致电4001234567取消", "如非本人操作请致电4001234567"),
    ("您的帳戶有異常扣款，請來電 02-2345-6789 處理", "請來電 02-2345-6789"),
    ("会员将自动续费，回电 13812345678 取消", "回电 13812345678"),
    ("Your Norton plan renews today for $399. To cancel call +1 (808) 555-0199.", "To cancel call +1 (808) 555-0199"),
    ("Call 0800 123 4567 to dispute this charge", "0800 123 4567 to dispute"),
])
def test_a_number_given_as_the_way_to_fix_a_problem_is_a_callback(text: str, quote: str) -> None:
    assert quotes(text, "phone.callback") == [quote]


@pytest.mark.parametrize("text", [
    "警方提醒：接到“如非本人操作请致电4001234567”的短信，切勿回电，请拨打96110咨询。",
    "Never call back a number in a text like 'if this was not you call 1-888-000-0000'. Call 165.",
    "如有疑问请拨打顺丰官方客服95338",
    "Your table is booked. Call 020 7946 0958 if you are late.",
    "訂單已出貨，物流單號 1234567890123",
    "If this was not you, reset your password in the app.\nOur office: 020 7946 0958",
])
def test_numbers_in_warnings_official_lines_and_plain_contacts_are_no_callback(text: str) -> None:
    assert "phone.callback" not in fired(text)


def test_premium_rate_texts() -> None:
    assert quotes("Txt WIN to 80878 to claim your prize", "phone.premium") == ["Txt WIN to 80878"]
    assert "phone.premium" not in fired("Your code is 80878")


# --- the contract ---------------------------------------------------------------------------------------

def test_every_check_has_a_weight_and_three_titles_and_the_decisive_ones_are_the_brand_checks() -> None:
    raw = link_data().raw
    assert set(raw["weights"]) == set(raw["titles"])
    for name, title in raw["titles"].items():
        assert set(title) == {"en", "zh-Hans", "zh-Hant"} and all(title.values()), name
    text = ("USPS: https://usps-redelivery.top/x or arnazon.com/a or bit.ly/x or http://1.2.3.4/a "
            "or https://www.amazon.com/ If this was not you call 1-888-000-0000. Txt WIN to 80878")
    checks = link_checks(text)
    assert {c.name for c in checks if c.decisive} == {"link.brand_mismatch", "link.lookalike"}
    for check in checks:
        assert check.fired and check.title == raw["titles"][check.name] and check.weight == raw["weights"][check.name]
        assert all(text[e.start:e.end] == e.quote and e.check == check.name for e in check.evidence)


def test_evidence_indexes_the_text_as_sent_with_invisible_characters_and_emoji() -> None:
    text = "😀😀 USPS: h\u200bttps://usps-redel\u200bivery.top/x 😀 call back 1-888-000-0000"
    for check in link_checks(text):
        for item in check.evidence:
            assert text[item.start:item.end] == item.quote
    assert "usps-redel\u200bivery.top/x" in quotes(text, "link.brand_mismatch")[0]


@pytest.mark.parametrize("value", ["", "   ", "😀" * 100, "\x00\x01", None])
def test_empty_and_odd_input_gives_no_checks(value: str) -> None:
    assert link_checks(value) == []  # type: ignore[arg-type]


@pytest.mark.parametrize("unit", ["a.", "a-", "a" * 63 + ".", "1.", "1.2.3.4.", "x.top/", "http://", "www.",
                                  "call back 1-", "如非本人", "【全家", "xn--", "a@b.", "１２３ "])
def test_worst_case_inputs_take_linear_time(unit: str) -> None:
    # Ten times the input must cost about ten times the time (a quadratic regex would cost a hundred):
    # a bound on growth, not a speed target, so it holds on a loaded machine.
    def cost(size: int) -> float:
        text = unit * (size // len(unit))
        best = float("inf")
        for _ in range(3):
            began = time.perf_counter()
            link_checks(text)
            best = min(best, time.perf_counter() - began)
        return best
    small, large = cost(2_000), cost(20_000)
    assert large < 30 * small + 0.05
    link_checks(unit * (100_000 // len(unit)))  # the full 100,000 characters complete
