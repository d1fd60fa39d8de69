"""Where the asker lives, as far as the question tells: ten regions, inferred from named cues.

Laws, regulators, reporting lines, emergency numbers and bank recovery steps differ by place, so an answer
that depends on the place needs the place. It is read from what the question names, each cue weighed by
how surely it points to one region:
  • 3: the region itself, its cities, currency, laws, regulators and hotlines ("台灣", "HK$", "PDPO", "1930");
  • 2: its couriers, banks, payment apps and shops ("蝦皮", "PayNow", "Royal Mail", "UPI");
  • 1: its vocabulary and script (Cantonese particles → HK, Taiwan words such as 簡訊/帳號 and 注音 → TW);
  • cues shared by several places (110, 999, 7726, "PDPA", 个人资料保护法, Medicare, Shopee) are split between
    them, each share below a place's own name by at least `MIN_LEAD`, so "新加坡的个人资料保护法" is Singapore's.
The Telegram language code ("zh-TW", "en-GB") adds a weak 0.5, and the script of the question a weaker
prior (Traditional → TW or HK, Simplified → CN). A region is named when it scores at least `MIN_SCORE`
and leads the next by `MIN_LEAD`; otherwise the region is unknown and `likely` lists the two or three
most likely, best first, so an answer can say so instead of assuming mainland China.

The question is read as written (before normalisation), because the script and Cantonese particles are
themselves cues that converting to Simplified Mandarin would erase.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import yaml

from knowledge.articles import Article, Source, traditional
from scam_patterns.script import detect_script

REGIONS: tuple[str, ...] = ("CN", "TW", "HK", "SG", "MY", "UK", "US", "AU", "IN", "EU")

# Named when the best region scores this much (one clear cue, or two weak ones) …
MIN_SCORE = 1.0
# … and leads the second by this much: "Shopee" alone (SG, MY and TW) names none of them.
MIN_LEAD = 0.5
# What an unknown region defaults to, by the question's script, when nothing else ranks the places.
DEFAULT_LIKELY: dict[str, tuple[str, ...]] = {
    "zh-Hans": ("CN", "SG", "MY"),
    "zh-Hant": ("TW", "HK"),
    "en": ("US", "UK", "SG"),
}
LANGUAGE_HINT = 0.5


def _words(*terms: str) -> str:
    """Alternation of terms; ASCII ones must stand as words ("ico" is not in "medico")."""
    parts = []
    for term in terms:
        if term.startswith("(?"):  # a pattern of its own
            parts.append(term)
            continue
        escaped = re.escape(term).replace(r"\ ", r"[\s\-]?")
        before = r"(?<![a-z0-9])" if term[0].isascii() and term[0].isalnum() else ""
        after = r"(?![a-z0-9])" if term[-1].isascii() and term[-1].isalnum() else ""
        parts.append(before + escaped + after)
    return "|".join(parts)


def _number(*numbers: str) -> str:
    return "|".join(rf"(?<![\d\-+]){re.escape(n)}(?![\d\-])" for n in numbers)


# (weights by region, pattern). Patterns run on NFKC, lower-cased text as written.
_CUES: tuple[tuple[dict[str, float], str], ...] = (
    # --- mainland China
    ({"CN": 3}, _words("中国大陆", "大陆", "内地", "中國大陸", "內地", "mainland china", "mainland", "prc",
                       "北京", "上海", "广州", "深圳", "杭州", "成都", "重庆", "武汉", "南京", "天津", "西安", "苏州",
                       "郑州", "长沙", "东莞", "佛山", "宁波", "青岛", "厦门", "福州", "合肥", "济南", "沈阳", "哈尔滨",
                       "人民币", "rmb", "cny", "个人信息保护法", "個人信息保護法", "个保法", "pipl", "网信办", "網信辦",
                       "国家反诈中心", "國家反詐中心", "反诈中心", "反诈app", "公安局", "网警", "beijing", "shanghai",
                       "guangzhou", "shenzhen")
     + "|" + _number("12315", "96110", "12321", "12381", "12377")),
    ({"CN": 2}, _words("支付宝", "支付寶", "alipay", "微信支付", "淘宝", "淘寶", "taobao", "京东", "京東", "拼多多",
                       "pinduoduo", "抖音", "闲鱼", "閒魚", "菜鸟", "菜鳥", "驿站", "驛站", "中通", "圆通", "圓通", "韵达",
                       "申通", "极兔", "京东物流", "花呗", "花唄", "借呗", "微粒贷", "云闪付", "雲閃付", "银联", "天猫",
                       "美团", "饿了么", "丰巢", "蜂巢", "工商银行", "建设银行", "农业银行", "招商银行", "征信", "芝麻信用",
                       "块钱", "快递柜")),
    # --- Taiwan
    ({"TW": 3}, _words("台灣", "台湾", "臺灣", "taiwan", "taiwanese", "台北", "臺北", "新北", "桃園", "台中", "臺中",
                       "台南", "臺南", "高雄", "新竹", "基隆", "嘉義", "花蓮", "宜蘭", "屏東", "彰化", "taipei",
                       "kaohsiung", "taichung", "新台幣", "新臺幣", "台幣", "臺幣", "nt$", "ntd", "twd", "個資法",
                       "個資會", "個人資料保護委員會", "警政署", "刑事局", "165全民防騙",
                       "全民防騙", "打詐")
     + "|" + _number("165")),
    ({"TW": 2}, _words("蝦皮", "虾皮", "露天", "pchome", "momo", "博客來", "統一超商", "全家", "萊爾富", "ok超商",
                       "超商", "超商取貨", "店到店", "黑貓", "宅急便", "新竹物流", "中華郵政", "郵局", "line pay",
                       "街口", "悠遊卡", "一卡通", "健保卡", "健保", "身分證", "身分证", "解除分期", "atm解除",
                       "國泰", "中信", "玉山", "台新", "富邦", "網路銀行", "轉帳", "匯款")),
    ({"TW": 1}, _words("簡訊", "帳號", "帳戶", "詐騙集團", "賣場", "宅配", "軟體", "訊息", "行動支付",
                       "line官方", "加line")
     + r"|[\u3105-\u3129\u02ca\u02c7\u02cb\u02d9]"),
    # --- Hong Kong
    ({"HK": 3}, _words("香港", "hong kong", "hongkong", "hk", "九龍", "九龙", "新界", "港島", "旺角", "銅鑼灣", "沙田",
                       "荃灣", "將軍澳", "觀塘", "屯門", "元朗", "kowloon", "港幣", "港元", "港币", "hk$", "hkd",
                       "防騙易", "防骗易", "scameter", "防騙視伏", "防骗视伏", "cyberdefender", "adcc", "反詐騙協調中心",
                       "pcpd", "私隱專員", "私隱公署", "私隐专员", "私隱條例", "pdpo", "個人資料(私隱)條例",
                       "个人资料(私隐)条例", "私隱")
     + "|" + _number("18222")),
    ({"HK": 2}, _words("轉數快", "转数快", "fps", "八達通", "八达通", "octopus", "payme", "alipayhk", "順豐站",
                       "顺丰站", "智能櫃", "hktvmall", "香港郵政", "hkid", "身份證", "中銀", "恒生", "滙豐",
                       "汇丰", "渣打")),
    ({"HK": 1}, _words("咗", "嘅", "唔", "冇", "佢", "喺", "啲", "睇", "搵", "揾", "攞", "嘢", "點算", "點樣", "点算",
                       "俾人", "畀", "咩", "(?<=[\\d一二兩两三四五六七八九十百千萬万])蚊", "乜", "呃", "嚟", "邊度", "边度", "短訊", "速遞", "網上")),
    # --- Singapore
    ({"SG": 3}, _words("singapore", "singaporean", "新加坡", "狮城", "獅城", "sgd", "s$", "singpass", "scamshield",
                       "pdpc", "jurong", "tampines", "woodlands", "bedok", "toa payoh", "ang mo kio", "spf")
     + "|" + _number("1799")),
    ({"SG": 2}, _words("paynow", "paylah", "dbs", "posb", "ocbc", "uob", "nets", "singpost", "hdb", "cpf", "nric",
                       "qoo10", "星展", "华侨银行", "大华银行")),
    # --- Malaysia
    ({"MY": 3}, _words("malaysia", "malaysian", "马来西亚", "馬來西亞", "大马", "大馬", "kuala lumpur", "吉隆坡",
                       "penang", "槟城", "檳城", "johor", "柔佛", "selangor", "雪兰莪", "sabah", "sarawak", "ringgit",
                       "令吉", "nsrc", "pdrm", "bank negara", "bnm", "mcmc", "jpdp", "semakmule", "(?<![a-z0-9])rm ?\\d")
     + "|" + _number("997")),
    ({"MY": 2}, _words("maybank", "cimb", "public bank", "rhb", "hong leong", "touch 'n go", "touch n go", "tng",
                       "duitnow", "pos malaysia", "mykad", "ic number", "马银行", "大众银行")),
    # --- United Kingdom
    ({"UK": 3}, _words("uk", "united kingdom", "britain", "british", "england", "scotland", "wales", "northern ireland",
                       "英国", "英國", "london", "伦敦", "倫敦", "manchester", "birmingham", "glasgow", "edinburgh",
                       "liverpool", "leeds", "bristol", "cardiff", "belfast", "gbp", "£", "quid", "ico",
                       "uk gdpr", "data protection act 2018", "action fraud", "report fraud", "reportfraud.police.uk",
                       "hmrc", "dvla", "nhs", "fca", "ofcom", "council tax")
     + "|" + _number("159", "0300 123 2040")),
    ({"UK": 2}, _words("royal mail", "evri", "hermes", "yodel", "parcelforce", "barclays", "lloyds", "natwest",
                       "halifax", "monzo", "starling", "nationwide", "which?", "citizens advice", "postcode",
                       "argos", "tesco", "sort code", "皇家邮政")),
    # --- United States
    ({"US": 3}, _words("usa", "u.s.", "the us", "united states", "america", "american", "美国", "美國", "new york", "california",
                       "texas", "florida", "chicago", "seattle", "boston", "los angeles", "ftc", "reportfraud.ftc.gov",
                       "identitytheft.gov", "ic3", "fbi", "ssn", "social security", "credit freeze", "freeze my credit",
                       "equifax", "experian", "transunion", "cfpb", "irs", "usd", "us$")),
    ({"US": 2}, _words("usps", "zelle", "venmo", "cash app", "cashapp", "wells fargo", "bank of america", "chase bank",
                       "walmart", "best buy", "geek squad", "aarp", "zip code")),
    # --- Australia
    ({"AU": 3}, _words("australia", "australian", "aussie", "澳洲", "澳大利亚", "澳大利亞", "sydney", "melbourne",
                       "brisbane", "perth", "adelaide", "canberra", "nsw", "queensland", "aud", "a$", "au$",
                       "scamwatch", "reportcyber", "idcare", "accc", "acsc", "oaic", "privacy act 1988", "mygov",
                       "centrelink", "ato", "afca")),
    ({"AU": 2}, _words("australia post", "auspost", "startrack", "commbank", "commonwealth bank", "westpac", "anz",
                       "nab", "payid", "osko", "bpay")),
    # --- India
    ({"IN": 3}, _words("india", "indian", "印度", "delhi", "new delhi", "mumbai", "bangalore", "bengaluru", "chennai",
                       "kolkata", "hyderabad", "pune", "₹", "rupee", "rupees", "inr", "lakh", "crore", "(?<![a-z0-9])rs\\.? ?\\d",
                       "cybercrime.gov.in", "dpdp", "dpdpa", "data protection board", "cert-in", "rbi",
                       "sanchar saathi", "chakshu")
     + "|" + _number("1930")),
    ({"IN": 2}, _words("upi", "paytm", "phonepe", "bhim", "aadhaar", "aadhar", "pan card", "flipkart", "meesho",
                       "myntra", "delhivery", "india post", "blue dart", "sbi", "hdfc", "icici", "axis bank", "kyc")),
    # --- European Union
    ({"EU": 3}, _words("eu", "european union", "europe", "european", "欧盟", "歐盟", "欧洲", "歐洲", "germany", "german",
                       "德国", "德國", "france", "french", "法国", "法國", "spain", "spanish", "italy", "italian",
                       "netherlands", "dutch", "ireland", "irish", "belgium", "austria", "poland", "portugal", "sweden",
                       "denmark", "finland", "greece", "czech", "berlin", "paris", "madrid", "rome", "amsterdam",
                       "dublin", "vienna", "munich", "€", "eur", "euro", "euros", "cnil", "bfdi", "aepd", "garante",
                       "edpb", "dsgvo", "rgpd", "gdpr", "verbraucherzentrale", "data protection commission")),
    ({"EU": 2}, _words("postnl", "la poste", "deutsche post", "bol.com", "zalando", "vinted", "sepa", "dhl")),
    # --- cues shared by several places
    ({"CN": 1.5, "TW": 1.0}, _number("110")),
    ({"HK": 1.0, "SG": 1.0, "MY": 0.7, "UK": 1.0}, _number("999")),
    ({"UK": 1.5, "US": 1.5}, _number("7726")),
    ({"SG": 1.5, "MY": 1.2, "TW": 0.5}, _words("pdpa")),
    ({"SG": 1.0, "MY": 1.0, "TW": 0.7}, _words("shopee")),
    ({"SG": 1.0, "MY": 1.0, "HK": 0.7}, _words("carousell", "lazada", "grabpay", "ninja van", "j&t")),
    ({"SG": 0.7, "MY": 0.7}, _words("lah", "leh", "lor", "meh")),
    ({"CN": 1.0, "HK": 1.0}, _words("顺丰", "順豐", "sf express")),
    # Taiwan's 個人資料保護法, Malaysia's and Singapore's 个人资料保护法令: the words alone do not say which.
    ({"TW": 1.5, "SG": 0.7, "MY": 0.7}, _words("(?:個人資料保護法|个人资料保护法)(?!令)")),
    ({"SG": 1.5, "MY": 1.5}, _words("個人資料保護法令", "个人资料保护法令")),
    # Medicare is both the US and the Australian health insurer, and both places' scammers use the name.
    ({"US": 1.0, "AU": 1.0}, _words("medicare")),
    ({"US": 1.0, "AU": 0.5}, _words("(?<![a-z])\\$ ?\\d")),
    ({"UK": 1.0, "EU": 1.0}, _words("dpd", "klarna", "iban")),
)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[dict[str, float], re.Pattern[str]], ...]:
    return tuple((weights, re.compile(pattern)) for weights, pattern in _CUES)


_LANGUAGE_REGIONS = {"cn": "CN", "tw": "TW", "hk": "HK", "mo": "HK", "sg": "SG", "my": "MY", "gb": "UK", "uk": "UK",
                     "us": "US", "au": "AU", "in": "IN", "hant": "TW", "hans": "CN"}
_EU_LANGUAGES = frozenset("de fr es it nl pl pt sv da fi el cs sk sl hu ro bg hr et lv lt ga mt".split())


def region_of_language_code(code: str | None) -> str | None:
    """The region a Telegram language code suggests ("zh-TW" → TW, "en-GB" → UK, "de" → EU), if any."""
    if not code:
        return None
    parts = code.lower().replace("_", "-").split("-")
    for part in reversed(parts[1:]):
        if part in _LANGUAGE_REGIONS:
            return _LANGUAGE_REGIONS[part]
    if parts[0] == "ms":
        return "MY"
    if parts[0] in _EU_LANGUAGES and parts[1:] != ["br"]:
        return "EU"
    return None


@dataclass(frozen=True)
class RegionGuess:
    """The region a question is about (None when unknown) and the places it most likely means, best first."""

    region: str | None
    likely: tuple[str, ...]
    scores: dict[str, float]


def region_scores(text: str) -> dict[str, float]:
    """Each region's cue score for `text` as written (see the module docstring)."""
    text = unicodedata.normalize("NFKC", text or "")[:2000].lower()
    scores: dict[str, float] = {}
    for weights, pattern in _compiled():
        hits = len(pattern.findall(text))
        if hits:
            # A second hit of the same kind adds half: "台北…高雄" is surer than "台北", not twice as sure.
            strength = 1 + 0.5 * min(hits - 1, 2)
            for region, weight in weights.items():
                scores[region] = scores.get(region, 0.0) + weight * strength
    return scores


def infer_region(text: str, language_code: str | None = None, stored: str | None = None) -> RegionGuess:
    """The region of a question: what it names first, then the user's stored choice, else unknown.

    A question that names a place wins over the stored region ("my mum in the UK" from a user set to TW).
    """
    scores = region_scores(text)
    hinted = region_of_language_code(language_code)
    if hinted:
        scores[hinted] = scores.get(hinted, 0.0) + LANGUAGE_HINT
    script = detect_script(text[:2000]) if text else "other"
    ranked = sorted(scores, key=lambda region: (-scores[region], REGIONS.index(region)))
    best = ranked[0] if ranked else None
    second = scores[ranked[1]] if len(ranked) > 1 else 0.0
    named = best if best and scores[best] >= MIN_SCORE and scores[best] - second >= MIN_LEAD else None
    region = named or (stored if stored in REGIONS else None)
    likely = [r for r in ranked if scores[r] > 0]
    for default in DEFAULT_LIKELY.get(script, DEFAULT_LIKELY["en"]):
        if default not in likely:
            likely.append(default)
    return RegionGuess(region, tuple(likely[:3]), scores)


# --- what each place says ---------------------------------------------------------------------------------
# knowledge/places/<REGION>.yaml holds, per place, the answers that depend on it, written for that place:
#   region, name {en, zh-Hans, zh-Hant}, names (what a correct answer names: its laws, authorities, hotlines),
#   sources {key: {publisher, title, date, url, claim}},
#   answers {topic: {sources: [keys], title, brief, en, zh-Hans, zh-Hant}}.
# A topic is what several articles share: the place's reporting lines, its first-hour steps, its data rights
# and what its law says after a leak (see PLACE_USES). `brief` is one line for the answer that lists the likely places when
# the region is unknown. A missing zh-Hant is drafted from zh-Hans by OpenCC (never a law's name: those
# places write zh-Hant out).

@dataclass(frozen=True)
class PlaceUse:
    """How an article that depends on the place reads for one: `topic` is the place's answer that replaces
    its body when the place is known (None: the body stays and the place's `brief` line is added), `brief`
    the topic whose one-line versions are listed when the place is unknown, after the body if `keep_body`."""

    topic: str | None
    brief: str
    keep_body: bool


PLACE_USES: dict[str, PlaceUse] = {
    "where-to-report": PlaceUse("report", "report", keep_body=False),
    "first-hour-after-scam": PlaceUse("first-hour", "report", keep_body=True),
    "pipl-rights": PlaceUse("rights", "rights", keep_body=False),
    "after-data-leak": PlaceUse("leak", "rights", keep_body=True),
    "platform-obligations": PlaceUse(None, "rights", keep_body=True),
    "data-retention-rights": PlaceUse(None, "rights", keep_body=True),
}
LANGS = ("zh-Hans", "zh-Hant", "en")


@dataclass(frozen=True)
class PlaceAnswer:
    titles: dict[str, str]
    bodies: dict[str, str]
    briefs: dict[str, str]
    sources: tuple[Source, ...]

    def text(self, field: dict[str, str], lang: str) -> str:
        if lang == "zh-Hant" and not field.get("zh-Hant"):
            return traditional(field.get("zh-Hans", ""))
        return field.get(lang, "")


@dataclass(frozen=True)
class Place:
    code: str
    names: dict[str, str]
    identifiers: tuple[str, ...]
    answers: dict[str, PlaceAnswer]

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["en"]


class PlaceError(ValueError):
    """A place file that cannot be read: the message names the file and what is wrong."""


def _names(value: object) -> dict[str, str]:
    if isinstance(value, str):
        return {"en": value}
    if isinstance(value, dict):
        return {str(lang): str(text).strip() for lang, text in value.items()}
    return {}


def parse_place(data: object, where: str) -> Place:
    if not isinstance(data, dict) or data.get("region") not in REGIONS:
        raise PlaceError(f"{where}: needs 'region', one of {', '.join(REGIONS)}")
    citations: dict[str, Source] = {}
    for key, item in (data.get("sources") or {}).items():
        if not isinstance(item, dict) or not str(item.get("url", "")).startswith(("https://", "http://")):
            raise PlaceError(f"{where}: source {key!r} needs publisher, title, date, url and claim")
        citations[str(key)] = Source(_names(item.get("publisher")), _names(item.get("title")),
                                     str(item.get("date") or ""), str(item["url"]), str(item.get("claim") or ""))
    answers: dict[str, PlaceAnswer] = {}
    for topic, item in (data.get("answers") or {}).items():
        if not isinstance(item, dict) or not item.get("en") or not item.get("zh-Hans"):
            raise PlaceError(f"{where}: answer {topic!r} needs en and zh-Hans text")
        unknown = [key for key in item.get("sources") or () if key not in citations]
        if unknown or not item.get("sources"):
            raise PlaceError(f"{where}: answer {topic!r} cites unknown or no sources {unknown}")
        answers[str(topic)] = PlaceAnswer(
            titles=_names(item.get("title")),
            bodies={lang: str(item[lang]).strip() for lang in LANGS if item.get(lang)},
            briefs=_names(item.get("brief")),
            sources=tuple(citations[key] for key in item["sources"]))
    return Place(data["region"], _names(data.get("name")), tuple(str(n) for n in data.get("names") or ()), answers)


@lru_cache(maxsize=1)
def load_places() -> dict[str, Place]:
    """The shipped place files, by region code."""
    places = {}
    for entry in sorted(resources.files("knowledge").joinpath("places").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            place = parse_place(yaml.safe_load(entry.read_text(encoding="utf-8")), entry.name)
            places[place.code] = place
    return places


# --- the answer for where the asker is ------------------------------------------------------------------
_UNKNOWN_PLACE = {
    "en": "Where are you? This depends on the place; here it is for {places}. Tell me where you are, or set it "
          "with /region, for the full answer.",
    "zh-Hans": "你在哪个地区？这要看地方，下面是{places}的做法；告诉我你在哪里（或用 /region 设定），我给你完整的答案。",
    "zh-Hant": "你在哪個地區？這要看地方，下面是{places}的做法；告訴我你在哪裡（或用 /region 設定），我給你完整的答案。",
}
_LIST_SEP = {"en": ", ", "zh-Hans": "、", "zh-Hant": "、"}
# Article bodies and titles are keyed "zh" (Simplified), "zh-Hant" and "en" (see knowledge.articles).
_ARTICLE_KEYS = {"zh-Hans": "zh", "zh-Hant": "zh-Hant", "en": "en"}


def _by_article_key(text: object) -> dict[str, str]:
    return {_ARTICLE_KEYS[lang]: text(lang) for lang in LANGS}  # type: ignore[operator]


def placed_article(article: Article, guess: RegionGuess, places: dict[str, Place] | None = None) -> Article:
    """`article` as it reads where the asker is (see `PlaceUse`); an article that does not depend on the
    place, or a place with nothing of its own for it, leaves it unchanged."""
    use = PLACE_USES.get(article.id)
    if use is None:
        return article
    places = load_places() if places is None else places
    place = places.get(guess.region) if guess.region else None
    if place is not None:
        answer = place.answers.get(use.topic) if use.topic else None
        if answer is not None:
            return replace(
                article,
                titles=_by_article_key(lambda lang: answer.text(answer.titles, lang) or article.title(lang)),
                bodies=_by_article_key(lambda lang: answer.text(answer.bodies, lang)),
                sources=answer.sources)
        line = place.answers.get(use.brief)
        if use.topic is None and line is not None:
            # The place's own law and regulator lead; the general duties follow (an asker in Taipei reads
            # 個人資料保護法 first, not in the last line), and the place's source is the one cited.
            return replace(article, bodies=_by_article_key(
                lambda lang: line.text(line.briefs, lang) + "\n" + article.body(lang)),
                sources=tuple(line.sources) + tuple(article.sources))
        return article
    shown = [places[code] for code in guess.likely if code in places and use.brief in places[code].answers]
    shown = shown[: 2 if use.keep_body else 3]
    if not shown:
        return article

    def body(lang: str) -> str:
        names = _LIST_SEP[lang].join(place.name(lang) for place in shown)
        lines = [article.body(lang)] if use.keep_body else []
        lines.append(_UNKNOWN_PLACE[lang].format(places=names))
        lines += ["• " + place.answers[use.brief].text(place.answers[use.brief].briefs, lang) for place in shown]
        return "\n".join(lines)

    return replace(article, bodies=_by_article_key(body), sources=shown[0].answers[use.brief].sources)


def report_lines(guess: RegionGuess, lang: str, places: dict[str, Place] | None = None
                 ) -> tuple[bool, list[str], tuple[Source, ...]]:
    """Where to report, in one line per place: (known, lines, sources). The asker's place's line and its
    sources when the place is known; else the two likeliest places' lines."""
    places = load_places() if places is None else places
    place = places.get(guess.region) if guess.region else None
    if place is not None and "report" in place.answers:
        answer = place.answers["report"]
        return True, [answer.text(answer.briefs, lang)], answer.sources
    shown = [places[code].answers["report"] for code in guess.likely if code in places and "report" in places[code].answers]
    return False, [answer.text(answer.briefs, lang) for answer in shown[:2]], ()


# Tags of the articles about a scam or a leak: when the place is known, their answers end with the place's
# reporting line even though their own text names no place ("a loan taken out for the caller", "screen
# sharing", "a customs fee text"), so the asker's hotline is always named.
SCAM_OR_LEAK_TAGS = frozenset({
    "scam-signs", "scam-type", "scam-victim", "recovery-scam", "leak", "leak-source", "phishing", "remote-access",
    "safe-account", "extraction", "loan", "customs", "calls", "gift-card", "recovery", "instalment", "invoice",
    "marketplace", "warning", "identity-theft", "otp", "customer-service", "qr-code", "breach", "insider"})


def place_line(article: Article, guess: RegionGuess, lang: str, places: dict[str, Place] | None = None
               ) -> str:
    """The asker's place's one-line reporting answer for an article about a scam or a leak that has no
    place text of its own (see PLACE_USES), when the place is known; else empty."""
    if article.id in PLACE_USES or not guess.region or not SCAM_OR_LEAK_TAGS.intersection(article.tags):
        return ""
    places = load_places() if places is None else places
    place = places.get(guess.region)
    answer = place.answers.get("report") if place is not None else None
    return answer.text(answer.briefs, lang) if answer is not None else ""


def place_texts(article_id: str, places: dict[str, Place] | None = None) -> list[tuple[str, str]]:
    """(title, body) of every place's own version of an article, in each language, for indexing it."""
    use = PLACE_USES.get(article_id)
    if use is None or use.topic is None:
        return []
    places = load_places() if places is None else places
    texts = []
    for place in places.values():
        answer = place.answers.get(use.topic)
        if answer is not None:
            texts += [(answer.text(answer.titles, lang), answer.text(answer.bodies, lang)) for lang in LANGS]
    return texts
