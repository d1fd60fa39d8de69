"""What the detector returns: a verdict that explains itself (checks, evidence, stage, advice)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from scam_patterns.script import Script

VerdictName = Literal["scam", "suspicious", "no_match"]
Stage = Literal["pretext", "lure", "channel", "control", "extraction"]
STAGES: tuple[Stage, ...] = ("pretext", "lure", "channel", "control", "extraction")


@dataclass(frozen=True, slots=True)
class Evidence:
    check: str
    quote: str   # text[start:end] of the ORIGINAL message
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"check": self.check, "quote": self.quote, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One named piece of evidence. `weight` is its contribution in log-odds (negative for checks that
    argue against a scam); `decisive` checks are enough for a scam verdict on their own; `title` is a short
    phrase naming what was found, in "en", "zh-Hans" and "zh-Hant"; `kind` is request, action, claim, offer,
    context or guard (empty for a matched catalog pattern)."""

    name: str
    fired: bool
    weight: float
    evidence: list[Evidence] = field(default_factory=list)
    detail: str = ""
    decisive: bool = False
    title: dict[str, str] = field(default_factory=dict)
    kind: str = ""

    @property
    def is_action(self) -> bool:
        """What the reader is told to do: a request, a link, a number to call, a chat to move to."""
        if self.kind:
            return self.kind in ("request", "action")
        return self.name.startswith(("link.", "phone.", "action.", "request."))


@dataclass(frozen=True, slots=True)
class PatternHit:
    id: str
    family: str
    title: dict[str, str]
    explanation: dict[str, str]
    advice: dict[str, str]
    score: float
    severity: str = "scam"


@dataclass(frozen=True, slots=True)
class Entities:
    urls: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    qq: list[str] = field(default_factory=list)
    wechat: list[str] = field(default_factory=list)
    amounts: list[str] = field(default_factory=list)
    apps: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, list[str]]:
        return {"urls": self.urls, "domains": self.domains, "phones": self.phones, "qq": self.qq,
                "wechat": self.wechat, "amounts": self.amounts, "apps": self.apps}


# What to check when nothing matched: there is no "safe" verdict, only "no known pattern".
NO_MATCH_ADVICE = {
    "zh": "没有匹配到已知的诈骗模式，但这不代表安全。请自己核对：对方是否要你离开购物平台（加QQ、微信、点链接、下载App）？"
          "是否要求共享屏幕、提供验证码、借款或转账？真正的退款会原路退回，不需要你做任何操作。"
          "有疑问就在官方App里联系客服，或拨打96110咨询。",
    "en": "No known scam pattern matched, but that does not make it safe. Check for yourself: are you asked to "
          "leave the shopping app (chat elsewhere, click a link, install an app), share your screen, read out a "
          "code, borrow money or pay anything? Genuine refunds go back to your original payment method with no "
          "action from you. When in doubt, contact the company through its official app or website.",
    "zh-Hant": "沒有比對到已知的詐騙模式，但這不代表安全。請自己核對：對方是否要你離開購物平台（加LINE、微信、點連結、"
               "下載App）？是否要求分享螢幕、提供驗證碼、借錢或轉帳？真正的退款會原路退回，不需要你做任何操作。"
               "有疑問就自己打開官方App聯絡客服；台灣可撥165反詐騙諮詢專線，香港可撥18222防騙易熱線。",
}
# A suspicious verdict that no catalog pattern explains: the message still carries a sign (a link, a number
# to call, a claimed problem), so the advice is about that sign, never the no-match text.
SUSPICIOUS_ADVICE = {
    "zh": "先别点里面的链接、别回拨里面的电话。自己打开官方App或官网，或拨打卡背面、官网上的电话核实；"
          "真正的平台不会要你提供验证码、共享屏幕或转账。",
    "zh-Hant": "先別點裡面的連結、別回撥裡面的電話。自己打開官方App或官網，或撥打卡片背面、官網上的電話查證；"
               "真正的平台不會要你提供驗證碼、分享螢幕或轉帳。",
    "en": "Don't tap its link or call the number in it. Open the official app or website yourself, or call the number "
          "on the back of your card or on the official site; a real company never asks for a code, a screen share or "
          "a transfer.",
}
SCAM_FOOTER = {
    "zh": "如果已经转账或泄露了验证码，立即联系银行冻结账户，并拨打110或96110报警。",
    "zh-Hant": "如果已經轉帳或洩露了驗證碼，請立即聯絡銀行凍結帳戶並報警：台灣撥165或110，香港撥18222或999。",
    "en": "If you already paid or shared a code, call your bank now to stop payments, then report it to the police.",
}


def localized(texts: dict[str, str], lang: str) -> str:
    """The text in `lang`: "zh" (Simplified) for zh-Hans, the hand-written "zh-Hant" for zh-Hant, "en" else.

    Traditional text is never converted here: a text without a "zh-Hant" one (a community pattern stored
    before patterns had it; catalog validation rejects it in shipped ones) is shown in its written
    Simplified, which Traditional readers can read, rather than in a machine conversion nobody checked."""
    if lang == "zh-Hant":
        return texts.get("zh-Hant") or texts.get("zh") or texts.get("en", "")
    if lang == "zh-Hans":
        return texts.get("zh") or texts.get("en", "")
    return texts.get("en") or texts.get("zh", "")


@dataclass(slots=True)
class Verdict:
    text: str
    verdict: VerdictName
    score: float
    lang: Script
    patterns: list[PatternHit]
    evidence: list[Evidence]
    checks: list[CheckResult]
    stages: list[Stage]
    entities: Entities
    truncated: bool = False
    small_talk: bool = False   # a greeting, thanks, an emoji, a bare number: too short to judge (verdict no_match)

    @property
    def stage(self) -> Stage | None:
        return self.stages[-1] if self.stages else None

    @property
    def primary(self) -> CheckResult | None:
        """The check a headline should name: the decisive request if any, else the strongest action that
        fired (a link, a number to call back, a move to a private chat), else the strongest positive check.
        None when the verdict is no_match."""
        if self.verdict == "no_match":
            return None
        positive = [c for c in self.checks if c.fired and c.weight > 0]
        for pool in ([c for c in positive if c.decisive], [c for c in positive if c.is_action], positive):
            if pool:
                return max(pool, key=lambda c: c.weight)
        return None

    def advice(self, lang: str | None = None) -> str:
        lang = lang or self.lang
        if self.verdict == "no_match":
            return localized(NO_MATCH_ADVICE, lang)
        if not self.patterns:
            return localized(SUSPICIOUS_ADVICE, lang) + "\n" + localized(SCAM_FOOTER, lang)
        return localized(self.patterns[0].advice, lang) + "\n" + localized(SCAM_FOOTER, lang)

    def to_json(self) -> dict[str, Any]:
        """The `shopsafe scan` object: verdict, score, patterns, lang, evidence, advice (+ stage, checks)."""
        return {
            "verdict": self.verdict,
            "score": round(self.score, 3),
            "patterns": [hit.id for hit in self.patterns],
            "lang": self.lang,
            "evidence": [item.to_json() for item in self.evidence],
            "advice": self.advice(),
            "stage": self.stage,
            "stages": list(self.stages),
            "checks": [{"name": c.name, "weight": c.weight, "detail": c.detail} for c in self.checks if c.fired],
            "entities": self.entities.to_json(),
            "primary": self.primary.name if self.primary else None,
            "small_talk": self.small_talk,
        }
