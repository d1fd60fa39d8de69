"""Mask personal data before a report is stored: phone numbers (also in Chinese numerals), QQ, WeChat and
LINE ids, names (after a label or a title, compound surnames included), street addresses (mainland, Taiwan,
Hong Kong, US, UK), order and tracking numbers, e-mail addresses (full-width, "at"/"艾特" forms too),
mainland, Hong Kong and Taiwan ID numbers and bank-card numbers.

The scam's mechanics (the words) stay readable; the identifiers of the victim and of third parties go.

Each rule finds its spans on a *view* of the text of the same length: full-width ASCII folded to ASCII
(so "ｊｏｈｎ＠ｑｑ．ｃｏｍ" is an e-mail), and for the digit rules Chinese numerals folded to digits too
(so "一三八一二三四五六七八" is a phone number); the spans are then masked in the text itself. Every regex
is linear: a run starts only where the lookbehind says a run starts, quantified classes never overlap what
follows them (possessive `{m,n}+` where they could), and no quantifier is nested inside another over the
same characters. tests/scam_patterns/test_redact.py times each rule on its worst case.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import phonenumbers

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_WIDE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_NUMERALS = {ord(c): ord(d) for chars, d in (("〇零○", "0"), ("一壹幺", "1"), ("二贰貳两兩", "2"), ("三叁參", "3"),
                                            ("四肆", "4"), ("五伍", "5"), ("六陆陸", "6"), ("七柒", "7"),
                                            ("八捌", "8"), ("九玖", "9")) for c in chars}
_WIDE_AND_NUMERALS = _WIDE | _NUMERALS

Span = tuple[int, int]


@dataclass(frozen=True)
class Rule:
    """One kind of personal data: `spans(view)` says what to replace by `[label]`."""

    name: str
    label: str
    spans: Callable[[str], Iterator[Span]]
    digits: bool = False  # look at the view with Chinese numerals as digits


def _regex(pattern: str, flags: int = 0, accept: Callable[[re.Match[str]], bool] | None = None) -> Callable[[str], Iterator[Span]]:
    """Spans of the group `mask` (or `latin`, its other alternative; else the whole match) of each match that
    `accept` takes."""
    compiled = re.compile(pattern, flags)
    groups = [name for name in ("mask", "latin") if name in compiled.groupindex] or [0]

    def spans(view: str) -> Iterator[Span]:
        for match in compiled.finditer(view):
            if accept is None or accept(match):
                yield next(match.span(g) for g in groups if match.group(g) is not None)
    return spans


# -- e-mail --------------------------------------------------------------------------------------------

_MAIL_PROVIDERS = frozenset("gmail googlemail yahoo hotmail outlook live msn icloud me mac aol gmx proton protonmail "
                            "yandex mail qq foxmail 163 126 yeah sina sohu aliyun 139 netvigator hinet pchome".split())
_LOCAL = r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}+"
_LABEL = r"[A-Za-z0-9-]{1,63}+"
_AT = r"(?:@|\((?i:at)\)|\[(?i:at)\]|\{(?i:at)\}|<(?i:at)>|艾特)"
_DOT = r"(?:\.|。|\((?i:dot)\)|\[(?i:dot)\]|\{(?i:dot)\}|<(?i:dot)>|点|點)"
_SPELT = re.compile(r"\s{1,3}(?i:at)\s{1,3}(" + _LABEL + r")\s{1,3}(?i:dot)\s{1,3}")


def _spelt_mail(match: re.Match[str]) -> bool:
    """"jsmith at gmail dot com" is an address; "look at this dot com" is not: a known provider or a local
    part that could not be an English word."""
    local, domain = match.group("local"), _SPELT.search(match.group()).group(1).lower()
    return domain in _MAIL_PROVIDERS or bool(re.search(r"[0-9._%+]", local))


# -- ids -----------------------------------------------------------------------------------------------

def _hk_id_valid(letters: str, digits: str, check: str) -> bool:
    values = ([36] if len(letters) == 1 else []) + [ord(c) - 55 for c in letters] + [int(d) for d in digits]
    total = sum(v * w for v, w in zip(values, range(9, 1, -1)))
    return "0123456789A"[(11 - total % 11) % 11] == check


def _hk_id(match: re.Match[str]) -> bool:
    """With the check digit in brackets the form alone says HKID; without, the check digit must be right."""
    return match.group("paren") is not None or _hk_id_valid(match.group("letters"), match.group("digits"), match.group("check"))


_TW_LETTERS = {c: v for v, c in enumerate("ABCDEFGHJKLMNPQRSTUVXYWZIO", 10)}


def _tw_id(match: re.Match[str]) -> bool:
    value = _TW_LETTERS[match.group("letter")]
    digits = [int(d) for d in match.group("digits")]
    total = value // 10 + value % 10 * 9 + sum(d * w for d, w in zip(digits, (8, 7, 6, 5, 4, 3, 2, 1, 1)))
    return total % 10 == 0


# -- chat-app ids --------------------------------------------------------------------------------------

def _chat_id(match: re.Match[str]) -> bool:
    """After "微信号:" / "WeChat ID:" any id shape; after a bare "加微" or "wechat", only one with a digit
    or _ in it, so "WeChat account" and "加微商" stay."""
    return bool(match.group("marked")) or bool(re.search(r"[0-9_]", match.group("mask")))


# -- names ---------------------------------------------------------------------------------------------

_COMPOUND_SURNAMES = frozenset(
    "欧阳 歐陽 司马 司馬 上官 诸葛 諸葛 东方 東方 皇甫 尉迟 尉遲 公孙 公孫 慕容 长孙 長孫 宇文 司徒 令狐 夏侯 轩辕 軒轅 "
    "端木 独孤 獨孤 南宫 南宮 西门 西門 申屠 澹台 澹臺 濮阳 濮陽 太史 钟离 鍾離 闻人 聞人 呼延 万俟 萬俟 百里 赫连 赫連 拓跋".split())
# Characters that end a name read backwards from 先生/女士: greetings, pronouns, particles, job words.
_NOT_NAME = frozenset("的好您你我他她们們是在和与與及或位这這那该該此各给給向对對请請尊敬亲親爱愛致问問谢謝叫"
                      "服员員理管长長生士姐太老小大年轻輕")
_TITLE = re.compile(r"先生|女士|小姐|太太")
_HAN_CHAR = re.compile(f"[{_HAN}]")


def _before_title(view: str) -> Iterator[Span]:
    """The surname and given name before 先生/女士/小姐/太太: up to three characters, four when they start
    with a compound surname (欧阳娜娜女士), and never the greeting before them (尊敬的王先生)."""
    for match in _TITLE.finditer(view):
        end = start = match.start()
        while start > max(0, end - 4) and _HAN_CHAR.match(view[start - 1]) and view[start - 1] not in _NOT_NAME:
            start -= 1
        if end - start == 4 and view[start:start + 2] not in _COMPOUND_SURNAMES:
            start += 1
        if start < end:
            yield start, end


# Common surnames (about 90 % of people in mainland China, Taiwan and Hong Kong), both scripts: a name after
# "收货人" without a colon must start with one, so "收件人信息有误" keeps its words.
_SURNAMES = frozenset(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖蕭田董袁潘于"
    "蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾鐘谭譚陆陸汪范範金石廖贾賈夏韦韋付傅方白邹鄒孟熊秦邱江尹薛闫閻段"
    "雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊"
    "聂聶章鲁魯岳嶽翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂塗成苗谷盛曲翁冉"
    "骆駱蓝藍路游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項连連芦蘆麦麥"
    "褚娄婁窦竇戚岑景党黨宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師仇栾欒隋商刁沙荣榮巫寇桑"
    "郎甄丛叢仲虞敖巩鞏佘池查麻苑迟遲邝鄺区區")


def _labelled_name(match: re.Match[str]) -> bool:
    name = match.group("mask")
    return bool(match.group("colon")) or name[0] in _SURNAMES or name[:2] in _COMPOUND_SURNAMES or name[0].isascii()


_NAME_WORD = r"[A-Z\u00c0-\u00de][A-Za-z\u00c0-\u024f'’-]{0,24}+"
_GENERIC = frozenset("customer customers user users member members sir madam madame client clients shopper buyer seller "
                     "friend friends all team there everyone valued sirs colleague colleagues partner account holder "
                     "cardholder subscriber applicant mr mrs ms miss mx dr prof".split())


def _not_generic(match: re.Match[str]) -> bool:
    """"Dear Customer" / "Dear Sir or Madam" name nobody; the scam's wording stays readable."""
    return match.group("mask").split()[0].lower().strip("'’-") not in _GENERIC


# -- addresses -----------------------------------------------------------------------------------------

_HOUSE_NUMBER = re.compile(r"(?<![0-9])[0-9]{1,5}+(?:[-之][0-9]{1,5}+)?[号號]")
_ROAD = re.compile(r"路|街|道|巷|弄|段|村|邨|胡同|大厦|大廈|小区|小區|花园|花園")
_UNIT = re.compile(r"室|栋|棟|幢|单元|單元|楼|樓|层|層|座|[A-Za-z]室|[0-9][Ff](?![A-Za-z])")
# A run of characters an address is written in, not starting after what introduces it ("寄到", "送至", "地址是").
_ADDRESS_RUN = re.compile(f"(?:(?![到至往在于於是为為的址送寄发發给給从從])[{_HAN}0-9A-Za-z-])++")
_BACK, _FORWARD = 30, 12


def _chinese_address(view: str) -> Iterator[Span]:
    """A house number (100号 / 100號) with a road word at most 30 characters before it in the same run: from
    there (or the run's start) to the last floor or room word at most 12 characters after it. "3号线" and
    "第100号" have no road word and stay."""
    for run in _ADDRESS_RUN.finditer(view):
        roads = [road.start() for road in _ROAD.finditer(view, run.start(), run.end())]
        if not roads:
            continue
        for number in _HOUSE_NUMBER.finditer(view, run.start(), run.end()):
            start = max(run.start(), number.start() - _BACK)
            first_road = bisect.bisect_left(roads, start)
            if first_road == len(roads) or roads[first_road] >= number.start():
                continue
            end = number.end()
            for unit in _UNIT.finditer(view, number.end(), min(run.end(), number.end() + _FORWARD)):
                end = unit.end()
            yield start, end


_STREET_ANY_CASE = r"street|road|avenue|lane|boulevard|blvd|parkway|highway|ave|rd"
_STREET_CAPITALISED = (r"St|Dr|Drive|Way|Court|Ct|Close|Place|Pl|Ln|Terrace|Crescent|Cres|Grove|Gardens|Square|Sq|"
                       r"Mews|Row|Circle|Cir|Hwy|Pkwy|Walk|Hill|Park")
_US_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|"
              "OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY")


def _phones(view: str) -> Iterator[Span]:
    for region in ("CN", "HK", "TW", "GB", "US"):
        for match in phonenumbers.PhoneNumberMatcher(view, region, leniency=phonenumbers.Leniency.VALID, max_tries=200):
            yield match.start, match.end
    for match in _LONG_DIGITS.finditer(view):  # numbers phonenumbers does not know: still identifying
        if sum(c.isdigit() for c in match.group()) >= 7:
            yield match.span()


_LONG_DIGITS = re.compile(r"(?<![0-9])\+?[0-9](?:[ -]?[0-9]){5,}+")

RULES: tuple[Rule, ...] = (
    Rule("email", "email", _regex(_LOCAL + r"\s?" + _AT + r"\s?" + _LABEL + r"(?:\s?" + _DOT + r"\s?" + _LABEL + r"){1,5}+")),
    Rule("email_spelt", "email", _regex(
        r"(?P<local>" + _LOCAL + r")\s{1,3}(?i:at)\s{1,3}" + _LABEL + r"(?:\s{1,3}(?i:dot)\s{1,3}" + _LABEL + r"){1,4}+"
        r"(?![A-Za-z0-9])", accept=_spelt_mail)),
    Rule("cn_id", "id-card", _regex(r"(?<![0-9])[0-9]{6}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])[0-9]{5}[0-9Xx](?![0-9])"), digits=True),
    Rule("hk_id", "id-card", _regex(
        r"(?<![A-Za-z0-9])(?P<letters>[A-Z]{1,2})(?P<digits>[0-9]{6})\s?(?:(?P<paren>\(\s?(?P<pcheck>[0-9A])\s?\))|(?P<check>[0-9A]))"
        r"(?![A-Za-z0-9])", accept=_hk_id)),
    Rule("tw_id", "id-card", _regex(r"(?<![A-Za-z0-9])(?P<letter>[A-Z])(?P<digits>[12890][0-9]{8})(?![A-Za-z0-9])", accept=_tw_id)),
    Rule("order_number", "order", _regex(
        r"(?i:订单|訂單|运单|運單|快递单|快遞單|物流单|物流單|取件码|取件碼|单号|單號|order|tracking|waybill|parcel)"
        r"(?:[号號码碼])?(?:\s?(?i:no\.?|number|id|#))?[\s:：#]{0,3}+(?P<mask>[A-Za-z0-9][A-Za-z0-9-]{3,39}+)")),
    Rule("courier_number", "order", _regex(
        r"(?<![A-Za-z0-9])(?:SF|YT|ZT|JT|JD|JDV|YD|STO|EMS)[0-9]{10,15}+(?![0-9])|(?<![A-Za-z0-9])1Z[0-9A-Z]{16}(?![0-9A-Z])")),
    Rule("bank_card", "bank-card", _regex(r"(?<![0-9])[0-9](?:[ -]?[0-9]){15,18}+(?![0-9])"), digits=True),
    Rule("qq", "qq", _regex(r"(?i:qq|扣扣|企鹅号?|企鵝號?)(?:号码|號碼|号|號|群)?[\s:：]{0,3}+(?P<mask>[0-9]{5,11}+)(?![0-9])"), digits=True),
    Rule("chat_id", "wechat", _regex(
        r"(?<![A-Za-z])(?i:加微|加v|微\s{0,2}信|薇\s{0,2}信|威\s{0,2}信|v\s{0,2}信|vx|wx|wechat|weixin|加line|line)"
        r"(?P<marked>\s?(?i:号|號|id|帳號|账号)|\s?[:：])?[\s:：]{0,3}+@?"
        r"(?P<mask>(?<![A-Za-z0-9_-])[A-Za-z][A-Za-z0-9_.-]{3,19}+)(?![A-Za-z0-9_-])", accept=_chat_id)),
    Rule("wechat_internal_id", "wechat", _regex(r"(?<![A-Za-z0-9_])wxid_[A-Za-z0-9_-]{4,30}+")),
    Rule("name_after_label", "name", _regex(
        r"(?:收件人|收货人|收貨人|寄件人|姓名|联系人|聯絡人|聯繫人|户名|戶名|持卡人|(?i:recipient|consignee|addressee|name)(?=\s?[:：]))"
        r"(?P<colon>\s?[:：])?\s{0,2}+(?P<mask>[" + _HAN + r"·]{1,4}+|" + _NAME_WORD + r"(?: " + _NAME_WORD + r"){0,3}+)",
        accept=_labelled_name)),
    Rule("name_before_title", "name", _before_title),
    Rule("name_after_greeting", "name", _regex(
        r"\b(?:(?:Dear|Hi|Hello)\s(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s)?|(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s)"
        r"(?P<mask>" + _NAME_WORD + r"(?: (?:(?:van|von|de|der|den|da|di|du|la|le|del|dos|das)\s){0,2}+" + _NAME_WORD + r"){0,2}+)",
        accept=_not_generic)),
    Rule("address_after_label", "address", _regex(
        r"(?:收货地址|收貨地址|送货地址|送貨地址|寄件地址|收件地址|地址|住址)\s?[:：]\s{0,2}+(?P<mask>[^\s,.;!?。、\n]{1,60}+)"
        r"|(?i:address)\s?[:：]\s{0,2}+(?P<latin>[^\s.;!?。\n][^.;!?。\n]{0,99}+)")),  # an English address has commas
    Rule("address_cn", "address", _chinese_address),
    Rule("address_street", "address", _regex(
        r"(?:\b(?:Apt|Apartment|Unit|Suite|Ste|Flat|Room)\.?\s?#?[0-9A-Za-z]{1,6}+,?\s)?"
        r"\b[0-9]{1,5}+[A-Za-z]?(?:-[0-9]{1,5}+)?,?\s(?:(?:[A-Za-z][A-Za-z'’-]{0,24}+|[0-9]{1,3}(?:st|nd|rd|th))\s){1,3}"  # not possessive: the last word may be the suffix
        r"(?:(?i:" + _STREET_ANY_CASE + r")|" + _STREET_CAPITALISED + r")\b\.?(?:\s(?:NW|NE|SW|SE|N|S|E|W)\b)?")),
    Rule("us_zip", "postcode", _regex(r",\s?(?P<mask>(?:" + _US_STATES + r")\s[0-9]{5}(?:-[0-9]{4})?)(?![0-9])")),
    Rule("uk_postcode", "postcode", _regex(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][A-Z]{2}\b")),
    Rule("phone", "phone", _phones, digits=True),
)


def _view(text: str, digits: bool) -> str:
    return text.translate(_WIDE_AND_NUMERALS if digits else _WIDE)


def _mask(text: str, spans: list[Span], label: str) -> str:
    """`text` with each span replaced by `[label]`; a span overlapping one already masked is merged into it."""
    out: list[str] = []
    cursor = 0
    for start, end in sorted(spans):
        if start < cursor:
            if end > cursor:
                cursor = end
            continue
        out.append(text[cursor:start])
        out.append(f"[{label}]")
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def redact(text: str) -> str:
    """The text with personal data replaced by bracketed labels such as [phone] or [name]."""
    if not text:
        return text
    for rule in RULES:
        spans = [(start, end) for start, end in rule.spans(_view(text, rule.digits)) if start < end]
        if spans:
            text = _mask(text, spans, rule.label)
    return text
