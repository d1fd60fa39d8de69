"""Entities in a message: links and their registered domain, phone numbers, QQ and WeChat ids, amounts.

Links are split with tldextract's bundled public suffix list (never fetched at run time). A domain that
carries a brand's name but is not one of that brand's registered domains is a lookalike.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick
import phonenumbers
import tldextract
from rapidfuzz.distance import OSA

from scam_patterns.datafiles import read_yaml
from scam_patterns.normalize import Normalized, compact_fold, entity_view

_LINKS_DATA = "data/links.yaml"


@dataclass(frozen=True, slots=True)
class Brand:
    key: str
    names: tuple[str, ...]       # how a message names it, matched ignoring case
    exact: tuple[str, ...]       # names matched with their case only
    tags: tuple[str, ...]        # ambiguous names that count only as a sender tag
    host: tuple[str, ...]        # keys claiming it anywhere inside a host label
    host_words: tuple[str, ...]  # keys claiming it only as a whole host token (or a token's start, from 4 letters)
    domains: frozenset[str]      # registered domains it uses (for a government: its suffixes)
    typos: bool                  # one-letter typos of its keys count as imitations


@dataclass(frozen=True, slots=True)
class LinkData:
    brands: tuple[Brand, ...]
    neutral: frozenset[str]
    shorteners: frozenset[str]
    risky_tlds: frozenset[str]
    raw: dict[str, Any]


@lru_cache(maxsize=1)
def link_data() -> LinkData:
    """links.yaml: brands and their domains, neutral domains, shorteners, risky TLDs (and, raw, the rest)."""
    raw = read_yaml(_LINKS_DATA)
    brands = []
    for key, entry in raw["brands"].items():
        host = tuple(str(k).lower().replace("-", "") for k in entry.get("host", ()))
        words = tuple(str(k).lower() for k in entry.get("host_words", ()))
        brands.append(Brand(key, tuple(entry.get("names", ())), tuple(entry.get("exact", ())),
                            tuple(entry.get("tags", ())),
                            tuple(k for k in host if len(k) >= 4), words + tuple(k for k in host if len(k) < 4),
                            frozenset(map(str, entry["domains"])), bool(entry.get("typos"))))
    return LinkData(tuple(brands), frozenset(raw["neutral"]), frozenset(raw["shorteners"]),
                    frozenset(raw["risky_tlds"]), raw)


# Without a path, a bare "word.xx" is a link only on these endings: others are sentences missing a space
# ("apply.Help"), file names (main.py, readme.md) or abbreviations. With a path any public suffix counts.
_BARE_TLDS = frozenset({"com", "net", "org", "info", "biz", "gov", "edu", "cn", "tw", "hk", "sg", "uk", "jp", "kr",
                        "au", "nz", "ca", "eu", "io", "me", "co", "ly", "app", "ru", "my", "ph", "vn", "th", "in", "id",
                        "us", "nl", "de", "fr", "es", "be", "ch", "se", "dk", "ie", "pt", "br", "mx", "ar", "za",
                        "tr", "ua", "pk", "cz", "ro", "gr", "fi", "pl"})
# Host names: ASCII letters and digits plus the Latin, Greek and Cyrillic letters homoglyph domains use.
_HOST = "a-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
_PATH = "[a-z0-9\\-._~:/?#\\[\\]@!$&*+,;=%]{0,300}"
# Three linear alternatives, none with a quantifier inside a quantified group over the same characters
# (labels never hold the dot that ends them): a scheme or www. and what follows; a bare host (a run of
# labels ending in letters, not inside a longer word, an e-mail or a path) with an optional port and path;
# a bare IPv4 address, counted only with a port or a path (1.2.3.4 alone may be a version number).
_URL = re.compile(
    "(?:https?://|www\\.)[^\\s<>\"'`{}|\\\\^\\[\\]\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef，。、）)】]{1,300}"
    f"|(?<![{_HOST}.@_-])(?:[{_HOST}-]{{1,63}}\\.){{1,6}}[a-z]{{2,24}}(?![{_HOST}-])(?::\\d{{1,5}})?(?:[/?#]{_PATH})?"
    f"|(?<![\\d.])\\d{{1,3}}(?:\\.\\d{{1,3}}){{3}}(?::\\d{{1,5}}(?:/{_PATH})?|/{_PATH})",
    re.IGNORECASE)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]{0,9}:/*", re.IGNORECASE)
_LINKISH = re.compile(r"[a-z0-9-]\.[a-z]{2}|https?:|www\.|\d\.\d{1,3}[:/]", re.IGNORECASE)
_HOST_END = re.compile(r"[/?#\\]")
_PORT = re.compile(r":\d{0,5}$")
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
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
    domain: str        # registered domain, e.g. amazon-refund.top (the address itself for an IP)
    start: int
    end: int
    brand: str | None  # brand it claims or imitates when it is not one of that brand's domains
    shortened: bool
    host: str = ""     # the whole host name, lower case, without port or user name
    scheme: bool = True  # written with http(s):// or www.
    # How it imitates `brand`: "name" (the brand's name in someone else's host), "typo" (arnazon, paypa1),
    # "homoglyph" (Cyrillic or Greek letters), "punycode" (xn--); None when it imitates nothing.
    imitation: str | None = None
    ip: bool = False


# Labels of the restricted public suffixes governments register under (gov.in, go.jp, gouv.fr, gob.mx…).
_GOVERNMENT_LABELS = frozenset({"gov", "govt", "gouv", "gob", "go", "mil", "police"})


def owners(domain: str) -> tuple[str, ...]:
    """The brands a registered domain belongs to; a government owns the suffixes only it can register
    under (npa.gov.tw, irs.gov, cybercrime.gov.in)."""
    owned = _domain_owners()
    labels = domain.split(".")
    found = tuple(brand for i in range(len(labels)) for brand in owned.get(".".join(labels[i:]), ()))
    if "government" not in found and _GOVERNMENT_LABELS.intersection(labels[1:]):
        found += ("government",)
    return found


def is_official(domain: str) -> bool:
    """Whether a registered domain is one a known brand or government really uses (amazon.co.uk, gov.tw…)."""
    return bool(owners(domain))


def is_neutral(host: str) -> bool:
    """A host that genuine messages of any brand link to: social networks, app stores, anti-fraud help."""
    neutral = link_data().neutral
    labels = host.split(".")
    return any(".".join(labels[i:]) in neutral for i in range(len(labels) - 1))


def _skeleton(text: str) -> str:
    """What a host label looks like to a reader: digits and lookalikes folded (paypa1, аpple), i and l one
    letter, rn read as m (arnazon), vv as w."""
    return compact_fold(text).replace("i", "l").replace("rn", "m").replace("vv", "w")


@dataclass(frozen=True, slots=True)
class _KeyIndex:
    """Brand keys of host names, written one way (as is, or as skeletons), indexed for one pass per label."""
    inside: Any                          # automaton: `host` keys found anywhere in a label
    words: dict[str, tuple[str, ...]]    # whole-token `host_words` → brands
    prefixes: dict[str, tuple[str, ...]]  # `host_words` of 4+ letters, also as a token's start
    lengths: tuple[int, ...]             # the lengths of those prefixes


def _key_index(fold: Callable[[str], str]) -> _KeyIndex:
    inside = ahocorasick.Automaton()
    words: dict[str, tuple[str, ...]] = {}
    prefixes: dict[str, tuple[str, ...]] = {}
    for brand in link_data().brands:
        for key in map(fold, brand.host):
            length, found = inside.get(key, (len(key), ()))
            inside.add_word(key, (length, found + (brand.key,)))
        for key in map(fold, brand.host_words):
            words[key] = words.get(key, ()) + (brand.key,)
            if len(key) >= 4:
                prefixes[key] = prefixes.get(key, ()) + (brand.key,)
    inside.make_automaton()
    return _KeyIndex(inside, words, prefixes, tuple(sorted({len(k) for k in prefixes})))


@lru_cache(maxsize=2)
def _keys(skeleton: bool) -> _KeyIndex:
    return _key_index(_skeleton if skeleton else str.lower)


@lru_cache(maxsize=1)
def _domain_owners() -> dict[str, tuple[str, ...]]:
    owned: dict[str, tuple[str, ...]] = {}
    for brand in link_data().brands:
        for domain in brand.domains:
            owned[domain] = owned.get(domain, ()) + (brand.key,)
    return owned


@lru_cache(maxsize=1)
def _typo_keys() -> tuple[tuple[str, str], ...]:
    return tuple((key, b.key) for b in link_data().brands if b.typos for key in b.host + b.host_words if len(key) >= 6)


def _claim(labels: list[str], skeleton: bool) -> str | None:
    """The brand whose key host labels carry (the longest key wins), read as written or as skeletons."""
    index = _keys(skeleton)
    fold = _skeleton if skeleton else str.lower
    best: tuple[int, str] | None = None
    for label in labels:
        compact = fold(label.replace("-", ""))
        found = [(length, brands[0]) for _, (length, brands) in index.inside.iter(compact)] if compact else []
        for token in map(fold, label.split("-")):
            if token in index.words:
                found.append((len(token), index.words[token][0]))
            found += [(n, index.prefixes[token[:n]][0]) for n in index.lengths if token[:n] in index.prefixes]
        for item in found:
            if best is None or item[0] > best[0]:
                best = item
    return best[1] if best else None


def _doubled(token: str, key: str) -> bool:
    """`token` is `key` with one letter doubled (amazzon, paypall)."""
    return len(token) == len(key) + 1 and any(
        token[i] == token[i + 1] and token[:i] + token[i + 1:] == key for i in range(len(token) - 1))


def _typo(labels: list[str]) -> str | None:
    """A much-imitated brand whose 6+ letter key a host token misses by one letter (amazom, paypall)."""
    for label in labels:
        for token in {label.replace("-", ""), *label.split("-")}:
            for key, brand in _typo_keys():
                if abs(len(token) - len(key)) <= 1 and (_doubled(token, key) or (
                        len(token) == len(key) and OSA.distance(token, key, score_cutoff=1) <= 1)):
                    return brand
    return None


def _punycode(label: str) -> str:
    try:
        return label[4:].encode("ascii").decode("punycode")
    except (UnicodeError, ValueError):
        return label


def _mixed_script(text: str) -> bool:
    """Latin letters together with Greek or Cyrillic ones in one host: a homoglyph address."""
    latin = any("a" <= c <= "z" for c in text)
    return latin and any("\u0370" <= c <= "\u04ff" for c in text)


def imitation(host: str, domain: str, original_host: str = "") -> tuple[str | None, str | None]:
    """(brand, how) a host imitates, or (None, None). `original_host` is the host as the message wrote it,
    before lookalike letters were folded to Latin."""
    original = (original_host or host).lower()
    labels = [label for label in host.split(".")[:-1] if label and label != "www"]
    decoded = [_punycode(label) if label.startswith("xn--") else label for label in labels]
    if original != host or any(d != label for d, label in zip(decoded, labels)):
        written = original if original != host else ".".join(decoded)
        brand = _claim(original.split(".")[:-1] if original != host else decoded, skeleton=True)
        if brand or _mixed_script(written):
            return brand or "punycode", "homoglyph" if original != host else "punycode"
    if is_official(domain):
        return None, None
    brand = _claim(labels, skeleton=False)
    if brand:
        return brand, "name"
    brand = _claim(labels, skeleton=True) or _typo(labels)
    return (brand, "typo") if brand else (None, None)


def host_of(url: str) -> str:
    """The host a URL goes to, as written (case kept), without scheme, user name, port or path."""
    rest = _SCHEME.sub("", url)
    host = _HOST_END.split(rest, maxsplit=1)[0]
    host = host.rpartition("@")[2]  # https://amazon.com@evil.top/ goes to evil.top
    return _PORT.sub("", host).strip(".")


def _is_bare_link(url: str, host_length: int, suffix: str) -> bool:
    """A bare "name.xx" is a link with a path, or on a common ending not written like a sentence's next word."""
    if len(url) > host_length and url[host_length] in "/?#:":
        return True
    tld = suffix.rsplit(".", 1)[-1]
    written = url[host_length - len(tld):host_length]
    if written[:1].isupper() and written[1:].islower() and tld not in ("com", "net", "org"):
        return False  # "apply.Help", "stop.Msg": a missing space after a full stop
    if tld in _BARE_TLDS or tld in link_data().risky_tlds:
        return True
    # A hyphen or a digit in the name ("linkt-au.help", "usps2.express") is how a host is written, not a
    # sentence missing its space; then any public suffix counts.
    # Version strings ("3.2-beta.final") start with a digit and are not hosts.
    name = url[:host_length - len(suffix) - 1].rpartition(".")[2]
    return (url[:1].isalpha() and sum(c.isalpha() for c in name) >= 3
            and any(c == "-" or c.isdigit() for c in name))


def links(text: str, original: str | None = None, origin: list[int] | None = None) -> list[Link]:
    """Links in `text`. With `original` and `origin` (entity_view's map), `text` is the view of `original`
    and lookalike letters are read back from it."""
    found: list[Link] = []
    head = text[:MAX_ENTITY_CHARS]
    if not _LINKISH.search(head):  # no "x.yz" and no scheme: nothing to parse
        return found
    data = link_data()
    for match in _URL.finditer(head):
        url = match.group().rstrip(".,;:!?'")
        scheme = bool(_SCHEME.match(url)) or url[:4].lower() == "www."
        host = host_of(url).lower()
        if not host:
            continue
        ip = bool(_IPV4.fullmatch(host))
        parts = _extractor()(host)
        if ip:
            domain = host
        elif parts.domain and parts.suffix:
            domain = f"{parts.domain}.{parts.suffix}"
            if not scheme and not _is_bare_link(url, len(host), parts.suffix):
                continue
        elif parts.domain and "://" in url:
            domain = parts.domain  # a scheme without a known suffix (http://www.nabmobile) still goes somewhere
        else:
            continue
        written = host
        if original is not None and origin is not None:
            a = origin[match.start()]
            written_url = original[a:origin[match.start() + len(url) - 1] + 1]
            written = host_of(written_url).lower() if len(written_url) == len(url) else host
        brand, how = (None, None) if ip else imitation(host, domain, written)
        found.append(Link(url, domain, match.start(), match.start() + len(url), brand, domain in data.shorteners,
                          host, scheme, how, ip))
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


def amounts(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _AMOUNT.finditer(text[:MAX_ENTITY_CHARS])][:20]


@dataclass(frozen=True, slots=True)
class Reading:
    """The entities of one text, read once on its entity view so that the link checks and the detector
    share them. Offsets of links, phones, premium and emails index `view`; `located` maps them to `text`."""
    text: str
    view: str
    origin: list[int]
    links: list[Link]
    phones: list[tuple[str, int, int]]
    premium: list[tuple[str, int, int]]
    emails: list[tuple[str, int, int]]
    amounts: list[tuple[str, int, int]]

    def located(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in `text` of a span of `view`."""
        return self.origin[start], self.origin[end - 1] + 1


def read(text: str) -> Reading:
    """Links, phone numbers, premium-rate contacts, e-mails and amounts of `text`, from its entity view."""
    view, origin = entity_view(text)
    return Reading(text, view, origin, links(view, text, origin), phones(view), premium_contacts(view), emails(view),
                   amounts(view))


def chat_ids(norm: Normalized) -> tuple[list[str], list[str]]:
    """QQ numbers and WeChat ids, read from the normalised text (扣扣/企鹅号/V信 already mapped)."""
    head = norm.text[:MAX_ENTITY_CHARS]
    qq = [m.group(1) for m in _QQ.finditer(head)][:10]
    wechat = [m.group(1) for m in _WECHAT.finditer(head)][:10]
    return qq, wechat
