"""Entities: registered domains with lookalike detection, phone numbers, chat ids and amounts, offline."""

from __future__ import annotations

import pytest

from scam_patterns import entities
from scam_patterns.normalize import normalize


@pytest.mark.parametrize(("text", "domain", "brand"), [
    ("go to http://apple-verify.uk today", "apple-verify.uk", "apple"),
    ("go to amazon-refund.top/claim", "amazon-refund.top", "amazon"),
    ("login paypa1.com", "paypa1.com", "paypal"),
    ("see amazon.account-check.com", "account-check.com", "amazon"),
    ("http://xn--pple-43d.com", "xn--pple-43d.com", "apple"),  # аpple with a Cyrillic а
    ("http://xn--80ak6aa92e.com", "xn--80ak6aa92e.com", "apple"),  # all-Cyrillic letters that read as apple
    ("http://xn--e1afmkfd.xn--p1ai/a", "xn--e1afmkfd.xn--p1ai", None),  # пример.рф: Cyrillic, imitating nothing
    ("https://www.paypal.com@secure-login.top/x", "secure-login.top", None),
    ("track at https://www.amazon.co.uk/orders", "amazon.co.uk", None),
    ("https://u.10010.cn/xK7pL", "10010.cn", None),
])
def test_links_give_the_registered_domain_and_the_brand_it_imitates(text: str, domain: str, brand: str | None) -> None:
    (link,) = entities.links(text)
    assert (link.domain, link.brand) == (domain, brand)
    assert text[link.start:link.end] == link.url


@pytest.mark.parametrize(("text", "url", "domain"), [
    ("Update it at parcel-help.site/x7 today", "parcel-help.site/x7", "parcel-help.site"),
    ("短網址s.id/xyz點開", "s.id/xyz", "s.id"),
    ("Visit cbdnews2.best/bhUisK72aa.", "cbdnews2.best/bhUisK72aa", "cbdnews2.best"),
    ("Go to my-parcel.com now", "my-parcel.com", "my-parcel.com"),
    ("请登录 sf-express-cn.top 处理", "sf-express-cn.top", "sf-express-cn.top"),
])
def test_bare_domains_are_found_with_or_without_a_path(text: str, url: str, domain: str) -> None:
    (link,) = entities.links(text)
    assert (link.url, link.domain, link.scheme) == (url, domain, False)


@pytest.mark.parametrize("text", ["e.g. now", "i.e. later", "file.txt", "main.py and readme.md", "v1.2.3", "la.st",
                                  "we will apply.Help is here", "Stop.Msg", "mail me at a@b-example.com", "3.14159"])
def test_abbreviations_file_names_versions_sentences_and_emails_are_not_links(text: str) -> None:
    assert entities.links(text) == []


def test_owners_know_brands_and_governments() -> None:
    assert entities.owners("amazon.co.uk") == ("amazon",)
    assert entities.owners("npa.gov.tw") == ("government",)
    assert entities.owners("amazon-refund.top") == ()
    assert entities.is_neutral("www.facebook.com") and not entities.is_neutral("facebook.com.evil.top")


def test_shorteners_are_flagged() -> None:
    (link,) = entities.links("pay here bit.ly/3xYz")
    assert link.shortened


def test_plain_numbers_and_versions_are_not_links() -> None:
    assert entities.links("价格12.50元，版本v1.2") == []


def test_phone_numbers_are_found_and_short_numbers_are_not() -> None:
    found = [p for p, _, _ in entities.phones("call 07700 900123 or 13812345678, not 1234 or £12.50")]
    assert "13812345678" in found and any("900123" in p for p in found)
    assert not any(p in ("1234", "12.50") for p in found)


def test_qq_and_wechat_ids_are_read_after_normalisation() -> None:
    qq, wechat = entities.chat_ids(normalize("加扣扣：１２３４５６７８ 或薇信号 kefu888"))
    assert qq == ["12345678"]
    assert wechat == ["kefu888"]


def test_amounts_in_both_languages() -> None:
    text = "退款 500元，手续费￥30，refund $1,500.00 or £20"
    found = entities.amounts(text)
    assert [m for m, _, _ in found] == ["500元", "￥30", "$1,500.00", "£20"]
    assert all(text[a:b] == m for m, a, b in found)  # offsets index the text, so checks can quote and window them


def test_phone_numbers_with_brackets_spaces_and_dashes_between_digit_groups_are_found() -> None:
    # The matcher is skipped for text without six digits held together by short punctuation runs.
    for text, number in [("请致电（010）1234-5678", "（010）1234-5678"), ("call +44 20 7946 0958 today", "+44 20 7946 0958"),
                         ("手机 138 0013 8000", "138 0013 8000"), ("tel: 020 - 7946 - 0958", "020 - 7946 - 0958")]:
        assert [p for p, _, _ in entities.phones(text)] == [number]


def test_digits_scattered_through_a_message_are_not_a_phone_number() -> None:
    assert entities.phones("2026年11月22日下单，共3件，合计458元，订单尾号07") == []
