"""Entities in a message: links and their registered domain, phone numbers, QQ and WeChat ids, amounts.

Links are split with tldextract's bundled public suffix list (never fetched at run time). A domain that
carries a brand's name but is not one of that brand's registered domains is a lookalike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
import tldextract
from rapidfuzz.distance import Levenshtein

from scam_patterns.normalize import Normalized, compact_fold

# Registered domains each brand really uses; a brand name elsewhere is a lookalike.
BRAND_DOMAINS: dict[str, frozenset[str]] = {
    "amazon": frozenset({"amazon.com", "amazon.co.uk", "amazon.de", "amazon.ca", "amazon.com.au", "amazon.in",
                         "amazon.sg", "amazon.fr", "amazon.co.jp", "amazon.cn", "amzn.to", "amzn.com", "a.co"}),
    "paypal": frozenset({"paypal.com", "paypal.me"}),
    "apple": frozenset({"apple.com", "icloud.com", "apple.co"}),
    "icloud": frozenset({"icloud.com", "apple.com"}),
    "ebay": frozenset({"ebay.com", "ebay.co.uk", "ebay.ca", "ebay.de", "ebay.com.au"}),
    "usps": frozenset({"usps.com", "usps.gov"}),
    "royalmail": frozenset({"royalmail.com", "royalmail.co.uk"}),
    "evri": frozenset({"evri.com"}),
    "hermes": frozenset({"evri.com", "hermes-europe.co.uk", "myhermes.co.uk"}),
    "dhl": frozenset({"dhl.com", "dhl.de", "dhl.co.uk", "dhl.com.hk"}),
    "fedex": frozenset({"fedex.com"}),
    "ups": frozenset({"ups.com"}),
    "netflix": frozenset({"netflix.com"}),
    "microsoft": frozenset({"microsoft.com", "live.com", "office.com"}),
    "taobao": frozenset({"taobao.com", "tb.cn", "tmall.com"}),
    "tmall": frozenset({"tmall.com", "taobao.com"}),
    "jd": frozenset({"jd.com", "jd.hk", "3.cn"}),
    "alipay": frozenset({"alipay.com"}),
    "pinduoduo": frozenset({"pinduoduo.com", "yangkeduo.com"}),
    "sfexpress": frozenset({"sf-express.com", "sf-international.com"}),
    "shopee": frozenset({"shopee.com", "shopee.sg", "shopee.tw", "shopee.com.my"}),
    "lazada": frozenset({"lazada.com", "lazada.sg", "lazada.com.my"}),
    "hsbc": frozenset({"hsbc.com", "hsbc.co.uk", "hsbc.com.hk"}),
    "ing": frozenset({"ing.com", "ing.nl", "ing.de"}),
    "wellsfargo": frozenset({"wellsfargo.com"}),
    "chase": frozenset({"chase.com"}),
    "coinbase": frozenset({"coinbase.com"}),
    "steam": frozenset({"steampowered.com", "steamcommunity.com"}),
    "hmrc": frozenset({"gov.uk", "hmrc.gov.uk"}),
    "irs": frozenset({"irs.gov"}),
    "cibc": frozenset({"cibc.com"}),
    "westpac": frozenset({"westpac.com.au", "westpac.co.nz"}),
    "commbank": frozenset({"commbank.com.au"}),
    "nab": frozenset({"nab.com.au"}),
    "anz": frozenset({"anz.com", "anz.com.au"}),
    "barclays": frozenset({"barclays.co.uk", "barclays.com"}),
    "natwest": frozenset({"natwest.com"}),
    "lloyds": frozenset({"lloydsbank.com", "lloyds.com"}),
    "santander": frozenset({"santander.co.uk", "santander.com"}),
    "nationwide": frozenset({"nationwide.co.uk"}),
    "halifax": frozenset({"halifax.co.uk"}),
    "bankofamerica": frozenset({"bankofamerica.com", "bofa.com"}),
    "citi": frozenset({"citi.com", "citibank.com"}),
    "paytm": frozenset({"paytm.com"}),
    "icbc": frozenset({"icbc.com.cn"}),
    "10086": frozenset({"10086.cn"}),
}
SHORTENERS = frozenset({"bit.ly", "tinyurl.com", "t.co", "goo.gl", "is.gd", "ow.ly", "cutt.ly", "rb.gy", "t.cn",
                        "url.cn", "dwz.cn", "suo.im", "tiny.cc", "shorturl.at", "rebrand.ly", "s.id", "t.ly"})

# Bounded, non-nested patterns: each alternative is linear in the input (no catastrophic backtracking).
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'，。、）)】]{1,300}|\b[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,4}"
                  r"\.(?:com|net|org|info|biz|top|xyz|cn|cc|co|uk|us|me|io|vip|shop|site|online|club|link|app|"
                  r"icu|live|buzz|win|ly|gd|to|ru|tk|ml|ga|cf|gq|hk|tw|sg|de|nl|au|ca|in|jp|fr|it|es|br|mx|ph|my|id|vn|kr|nz|za|ie|eu|"
                  r"ws|su|pw|cn\.com|xin|ltd|work|cyou|rest|bond|sbs|cfd|lol|monster|today|support|help|services|host|fun|store|page)\b(?:/[^\s<>\"'，。]{0,200})?",
                  re.IGNORECASE)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]{0,9}:/*", re.IGNORECASE)
_LINKISH = re.compile(r"[a-z0-9-]\.[a-z]{2}|https?:|www\.", re.IGNORECASE)
_AMOUNT = re.compile(r"[$£€¥￥]\s?\d[\d,]{0,12}(?:\.\d{1,2})?|\d[\d,]{0,12}(?:\.\d{1,2})?\s?(?:元|块钱|万元|万|rmb|usd|gbp|pounds?|dollars?)",
                     re.IGNORECASE)
_QQ = re.compile(r"qq(?:号码|号|群)?(\d{5,11})")
_WECHAT = re.compile(r"微信(?:号)?([a-z][a-z0-9]{5,19})")
_DIGITS = re.compile(r"\d")
# Six digits kept together by at most four non-letters: the least that any number PhoneNumberMatcher
# calls valid can look like (its digit blocks are joined by up to four punctuation marks, and the shortest
# valid numbers are a 2-digit country code with 4 digits). Text without it skips the costly matcher.
_PHONE_CANDIDATE = re.compile(r"\d(?:[^0-9A-WYZa-wyz\u3400-\u9fff\uf900-\ufaff]{0,4}\d){5,}")
_DIGIT_RUN = re.compile(r"(?<!\d)(?<!\d\.)\+?\d[\d -]{6,18}\d(?!\d)(?!\.\d)")
# Premium-rate SMS short codes and call-back numbers: "text WIN to 80878", "call 09061701461".
_SHORTCODE = re.compile(r"\b(?:txt|text|send|reply)\b[^\n]{0,30}?\bto\s?(?:no\.?:?\s?)?\d{5}\b", re.IGNORECASE)
_FIVE_DIGITS = re.compile(r"\d{5}")
_PREMIUM = re.compile(r"(?<!\d)(?:09\d{8,9}|087\d{7,8})(?!\d)")
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}")
MAX_ENTITY_CHARS = 20_000  # entities come from the start of very long texts; matching still sees it all


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    domain: str       # registered domain, e.g. amazon-refund.top
    start: int
    end: int
    brand: str | None  # brand it imitates when it is a lookalike
    shortened: bool


@lru_cache(maxsize=1)
def _brand_keys() -> tuple[tuple[str, str], ...]:
    return tuple((brand, compact_fold(brand)) for brand in BRAND_DOMAINS)


@lru_cache(maxsize=1)
def _official() -> frozenset[str]:
    return frozenset().union(*BRAND_DOMAINS.values())


def is_official(domain: str) -> bool:
    """Whether a registered domain is one a known brand really uses (amazon.co.uk, royalmail.com…)."""
    return domain in _official()


def _brand_imitated(domain: str, name: str) -> str | None:
    """The brand a registered domain imitates: its name contains the brand or is one edit away."""
    if is_official(domain):
        return None
    label = compact_fold(name)
    for brand, key in _brand_keys():
        if len(key) >= 4 and key in label:
            return brand
        if len(key) >= 5 and Levenshtein.distance(label, key, score_cutoff=1) <= 1:
            return brand
        if len(key) < 4 and (label.startswith(key + "-") or label.endswith("-" + key)):
            return brand
    return "punycode" if name.startswith("xn--") else None


def links(text: str) -> list[Link]:
    found: list[Link] = []
    head = text[:MAX_ENTITY_CHARS]
    if not _LINKISH.search(head):  # no "x.yz" and no scheme: nothing to parse
        return found
    for match in _URL.finditer(head):
        url = match.group().rstrip(".,;:!?")
        parts = _extractor()(_SCHEME.sub("", url))  # also http:///host and http:/host
        if not parts.domain:
            continue
        # A link with a scheme but no known suffix (http://www.nabmobile) is still a link to somewhere.
        if not parts.suffix and "://" not in url:
            continue
        domain = f"{parts.domain}.{parts.suffix}".lower() if parts.suffix else parts.domain.lower()
        brand = _brand_imitated(domain, parts.domain.lower())
        if brand is None and parts.subdomain:
            # amazon.account-verify.com: the brand sits in the subdomain of someone else's domain
            sub = parts.subdomain.lower().split(".")
            for brand_name in BRAND_DOMAINS:
                if brand_name in sub and domain not in BRAND_DOMAINS[brand_name]:
                    brand = brand_name
                    break
        found.append(Link(url, domain, match.start(), match.start() + len(url), brand, domain in SHORTENERS))
    return found


def phones(text: str) -> list[tuple[str, int, int]]:
    """Phone numbers (phonenumbers, CN and GB rules), plus other runs of 8–15 digits: premium-rate and
    foreign numbers that scams print are often not valid in either plan but are still numbers to call."""
    head = text[:MAX_ENTITY_CHARS]
    if sum(1 for _ in zip(range(7), _DIGITS.finditer(head))) < 7:
        return []
    out: list[tuple[str, int, int]] = []
    for region in ("CN", "GB") if _PHONE_CANDIDATE.search(head) else ():
        for match in phonenumbers.PhoneNumberMatcher(head, region, leniency=phonenumbers.Leniency.VALID, max_tries=50):
            if all(match.start != s for _, s, _ in out):
                out.append((match.raw_string, match.start, match.end))
    for match in _DIGIT_RUN.finditer(head):
        digits = sum(c.isdigit() for c in match.group())
        if 8 <= digits <= 15 and all(not (s <= match.start() < e) for _, s, e in out):
            out.append((match.group(), match.start(), match.end()))
    return out[:20]


def premium_contacts(text: str) -> list[tuple[str, int, int]]:
    """Premium-rate short codes and numbers, which charge the sender for replying or calling."""
    head = text[:MAX_ENTITY_CHARS]
    if not _FIVE_DIGITS.search(head):
        return []
    return [(m.group(), m.start(), m.end()) for pattern in (_SHORTCODE, _PREMIUM) for m in pattern.finditer(head)][:10]


def emails(text: str) -> list[tuple[str, int, int]]:
    head = text[:MAX_ENTITY_CHARS]
    if "@" not in head:
        return []
    return [(m.group(), m.start(), m.end()) for m in _EMAIL.finditer(head)][:10]


def amounts(text: str) -> list[str]:
    return [m.group() for m in _AMOUNT.finditer(text[:MAX_ENTITY_CHARS])][:20]


def chat_ids(norm: Normalized) -> tuple[list[str], list[str]]:
    """QQ numbers and WeChat ids, read from the normalised text (扣扣/企鹅号/V信 already mapped)."""
    head = norm.text[:MAX_ENTITY_CHARS]
    qq = [m.group(1) for m in _QQ.finditer(head)][:10]
    wechat = [m.group(1) for m in _WECHAT.finditer(head)][:10]
    return qq, wechat
