"""Mask personal data before a report is stored: phone numbers, QQ and WeChat ids, names after a title,
street addresses, order and tracking numbers, e-mail addresses, ID-card and bank-card numbers.

The scam's mechanics (the words) stay readable; the identifiers of the victim and of third parties go.
Every pattern is bounded and free of nested quantifiers, so redaction is linear in the input.
"""

from __future__ import annotations

import re

import phonenumbers

_HAN = "\u4e00-\u9fff"
_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}"), "[email]"),
    (re.compile(r"(?<!\d)\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[\dXx](?!\d)"), "[id-card]"),
    (re.compile(r"(?i)((?:订单|运单|快递单|物流单|取件码|单号|order|tracking|waybill|parcel)[号码]?(?:\s?(?:no\.?|number|id|#))?[\s:：#]{0,3})"
                r"[A-Za-z0-9][A-Za-z0-9-]{3,39}"), r"\1[order]"),
    (re.compile(r"(?<![A-Za-z0-9])(?:SF|YT|ZT|JT|JD|JDV|YD|STO|EMS)\d{10,15}(?![0-9])|(?<![A-Za-z0-9])1Z[0-9A-Z]{16}(?![0-9A-Z])"), "[order]"),
    (re.compile(r"(?<!\d)(?:\d[ -]?){15,18}\d(?!\d)"), "[bank-card]"),
    (re.compile(r"(?i)((?:qq|扣扣|企鹅号?)(?:号码|号|群)?[\s:：]{0,3})\d{5,11}"), r"\1[qq]"),
    (re.compile(r"(?i)((?:微信|薇信|威信|v信|vx|wx|wechat|weixin)(?:号|id)?[\s:：]{0,3})[A-Za-z][A-Za-z0-9_-]{5,19}"), r"\1[wechat]"),
    (re.compile(r"(?i)((?:收件人|收货人|寄件人|姓名|联系人|户名)[\s:：]{0,3})[" + _HAN + r"A-Za-z·]{1,12}"), r"\1[name]"),
    (re.compile(r"[" + _HAN + r"]{1,3}(?=先生|女士|小姐)"), "[name]"),
    (re.compile(r"\b((?:Dear|Hi|Hello|Mr\.?|Mrs\.?|Ms\.?|Miss)\s)[A-Z][a-z]{1,20}(?:\s[A-Z][a-z]{1,20}){0,2}"), r"\1[name]"),
    (re.compile(r"[" + _HAN + r"0-9]{0,20}(?:省|市|区|县|镇|乡)[" + _HAN + r"0-9]{0,20}(?:路|街|道|巷|弄|村|小区|大厦)"
                r"[" + _HAN + r"0-9A-Za-z-]{0,20}(?:号|室|栋|幢|单元|楼)"), "[address]"),
    (re.compile(r"[" + _HAN + r"0-9]{1,20}(?:路|街|巷|弄)\d{1,5}号(?:[" + _HAN + r"0-9A-Za-z-]{0,20}(?:室|栋|幢|单元|楼))?"), "[address]"),
    (re.compile(r"\b\d{1,5}\s(?:[A-Z][a-z]{1,20}\s){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Close|Place|Pl)\b\.?"), "[address]"),
    (re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b"), "[postcode]"),
]
_LONG_DIGITS = re.compile(r"(?<!\d)\+?\d[\d -]{5,18}\d(?!\d)")


def _mask_phones(text: str) -> str:
    spans: list[tuple[int, int]] = []
    for region in ("CN", "GB", "US"):
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID, max_tries=200):
            spans.append((match.start, match.end))
    for match in _LONG_DIGITS.finditer(text):  # numbers phonenumbers does not know: still identifying
        if sum(c.isdigit() for c in match.group()) >= 7:
            spans.append((match.start(), match.end()))
    if not spans:
        return text
    out: list[str] = []
    cursor = 0
    for start, end in sorted(spans):
        if start < cursor:  # overlaps the number just masked
            cursor = max(cursor, end)
            continue
        out.append(text[cursor:start])
        out.append("[phone]")
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def redact(text: str) -> str:
    """The text with personal data replaced by bracketed labels such as [phone] or [name]."""
    if not text:
        return text
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return _mask_phones(text)
