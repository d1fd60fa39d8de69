"""What has already happened: a first-person story's mechanisms, and the first steps for each, before background.

Someone who writes "I read out the code and then paid 2,000" needs the steps for a given code and for a payment
now, not the article that shares most words with the story. Each `Situation` is one mechanism that has already
happened or is happening (a payment made, a code read out, an app installed, a screen shared, the caller still
on the line, card details or a password given, gift cards bought, a loan taken out), recognised by its verbs in
the past or present (Chinese 了/过/已经, English past tense or "still on the call"), so "should I give the code?"
is not one. A story that names several gets the steps of each, in order of urgency, then where to report for
the asker's place (knowledge.regions), then its background article, which `Situation.article` names.

Patterns run on normalised text (knowledge.text.normalize: Simplified, lower case, Cantonese mapped to Mandarin).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Within a sentence: a verb this far from its object still belongs to it ("把刚收到的验证码告诉了他").
_NEAR = ".{0,12}"
# Done: 了 or 过 right after the verb or after its short object ("告诉了他", "告诉他了", "转过去了").
_ZH_DONE = "[^，。,.!?？、；;]{0,5}?(?:了|过|完)"
# A question about whether to do something is not a story of having done it.
_HYPOTHETICAL = re.compile(
    r"(?:如果|要是|万一|假如|会不会|能不能|可不可以|该不该|要不要|是否|应该|可以).{0,8}$"
    r"|\b(?:should|shall|can|could|would|if|whether|do|does|might|may|to) (?:i|we|you|he|she|they|my \w+)?\s*$"
    r"|\b(?:what if|before|never|not|don't|didn't|haven't|won't)\b.{0,12}$", re.I)


@dataclass(frozen=True)
class Situation:
    id: str
    article: str  # the background article for this mechanism
    pattern: re.Pattern[str]
    steps: dict[str, str]  # the first steps, one short paragraph per language
    # False for a circumstance (the caller still on the line) whose article is background to what was done.
    primary: bool = True


def _told(verbs: str, objects: str) -> str:
    """A verb and its object, done: "告诉了他验证码", "验证码告诉他了", "告诉他我的验证码了"."""
    return (f"(?:{verbs}){_ZH_DONE}{_NEAR}(?:{objects})|(?:{objects}){_NEAR}(?:{verbs}){_ZH_DONE}"
            f"|(?:{verbs}){_NEAR}(?:{objects})[^，。,.!?？；;]{{0,3}}(?:了|过)")


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


# In order of urgency: what stops further loss comes first.
SITUATIONS: tuple[Situation, ...] = (
    Situation(
        "on_call", "verify-official-contact",
        _any(r"(?:还在|正在|仍在|一直在)" + _NEAR + r"(?:通话|打电话|电话里|线上|讲电话|视频)",
             r"电话(?:还)?没(?:有)?挂", r"(?:对方|他|她|客服)(?:还)?(?:在|没挂)" + r".{0,4}(?:线|电话)",
             r"\b(?:still|currently) (?:on|in) (?:the|a) (?:phone|call|line|video call)\b",
             r"\b(?:is|are|'s|'re) still on the (?:phone|line|call)\b", r"\bhasn't hung up\b",
             r"\b(?:on|in) the (?:phone|call) with (?:them|him|her|the scammer) (?:right )?now\b"),
        {"en": "Hang up now, mid-sentence if need be. Call your bank yourself from another phone, on the number on "
               "your card or its app; the real bank will never mind.",
         "zh-Hans": "立刻挂断电话，话没说完也挂。用另一部手机，拨银行卡背面或银行App里的官方号码自己打过去；真正的银行不会介意。",
         "zh-Hant": "立刻掛斷電話，話沒說完也掛。用另一支手機，撥金融卡背面或銀行App裡的官方號碼自己打過去；真正的銀行不會介意。"},
        primary=False),
    Situation(
        "remote", "screen-sharing",
        _any(r"(?:下载|下|装|安装|打开|开)" + _ZH_DONE + _NEAR
             + r"(?:app|软件|会议|向日葵|teamviewer|anydesk|远程|todesk|zoom|腾讯会议|钉钉|飞书|qq)",
             r"(?:共享|分享|投)" + _ZH_DONE + r".{0,4}(?:屏幕|屏)", r"(?:开|打开)" + _ZH_DONE + r".{0,4}(?:屏幕共享|共享屏幕)",
             r"(?:屏幕共享|共享屏幕|远程控制|远程协助)" + r".{0,6}(?:开着|还开|已经开|开了|了)",
             r"被(?:对方)?远程(?:控制)?了",
             r"\b(?:installed|downloaded|set up|opened|(?:got|made|had) (?:me|him|her|us|my \w+) (?:to )?(?:install|download)"
             r"|let (?:them|him|her|the caller|the scammer) (?:install|download|put))"
             r" (?:an?|the|their|his|this|that)? ?(?:\w+ )?(?:app|software|program|anydesk|teamviewer|rustdesk|remote|zoom)\b",
             r"\b(?:shared|sharing) (?:my|the|her|his|their|our) (?:screen|phone screen|desktop)\b",
             r"\b(?:gave|let) (?:them|him|her|the scammer|someone) (?:remote )?(?:access|control)\b",
             r"\bremote (?:access|control) (?:is|was) (?:on|open|running)\b"),
        {"en": "End the screen share inside the app, switch on airplane mode or unplug the network, and uninstall the "
               "app they had you install. From another device, change your banking and payment passwords, and call "
               "your bank to watch or freeze your accounts.",
         "zh-Hans": "在共享软件里结束共享，打开飞行模式或断网，卸载对方让你装的App；再用另一台设备修改网银和支付密码，并打给银行，请它留意或冻结账户。",
         "zh-Hant": "在共享軟體裡結束分享，開啟飛航模式或斷網，移除對方叫你裝的App；再用另一台裝置修改網銀和支付密碼，並打給銀行，請銀行留意或凍結帳戶。"}),
    Situation(
        "code", "verification-codes",
        _any(_told("告诉|给|念|报|发|说|读|讲|send|forward", "验证码|校验码|动态码|取件码|code|otp|tac"),
             r"\b(?:gave|told|sent|read|shared|forwarded|texted|typed|entered|provided) (?:out )?(?:them|him|her|the caller|"
             r"the scammer|it)? ?(?:the|my|an?|that|this)? ?(?:\d-digit )?(?:verification |security |one-time |sms |login )?"
             r"(?:code|otp|tac|pin code|passcode)s?\b",
             r"\b(?:code|otp) (?:to|with) (?:them|him|her|the caller|the scammer)\b.{0,12}\b(?:already|just)\b"),
        {"en": "Open the account that code was for (bank, payment app, shopping or chat account) from its own app, "
               "change the password and sign out other devices; if it was a payment code, call the bank now.",
         "zh-Hans": "打开这个验证码所属的账户（银行、支付、购物或微信等），在它自己的App里改密码、退出其他设备；如果是支付验证码，马上打银行电话。",
         "zh-Hant": "打開這個驗證碼所屬的帳號（銀行、支付、購物或LINE等），在它自己的App裡改密碼、登出其他裝置；如果是付款驗證碼，馬上打給銀行。"}),
    Situation(
        "card", "payment-security",
        _any(_told("告诉|给|填|输入|输|发|报", "卡号|卡的号码|卡号码|卡的资料|卡资料|银行卡|信用卡|储蓄卡|cvv|安全码|有效期"),
             r"\b(?:gave|told|entered|typed|put in|shared|provided|sent|read out) (?:them|him|her|it)? ?(?:my|the|our)? ?"
             r"(?:full )?(?:credit |debit |bank )?card (?:number|details|info|information)s?\b",
             r"\b(?:gave|entered|typed|shared|provided) (?:them|him|her)? ?(?:my|the) (?:cvv|cvc|card)\b"),
        {"en": "Freeze or cancel the card now, in your bank's app or on the number on its back, and ask the bank to "
               "dispute any charge you did not make (a chargeback).",
         "zh-Hans": "马上在银行App里或拨卡背面的电话冻结或挂失这张卡，并请银行对不是你做的交易提出争议（拒付）。",
         "zh-Hant": "馬上在銀行App裡或撥卡片背面的電話凍結或掛失這張卡，並請銀行對不是你做的交易提出爭議（拒付）。"}),
    Situation(
        "password", "strong-passwords",
        _any(_told("告诉|给|发|输入|输|填|说", "密码|password|pin"),
             r"\b(?:gave|told|shared|sent|entered|typed|provided) (?:them|him|her|the caller|the scammer|it)? ?(?:my|the|our)? ?"
             r"(?:\w+ )?(?:password|passcode|pin|login details|login)s?\b"),
        {"en": "Change that password now, first on the account it was for and then wherever you reused it; turn on "
               "two-step login and sign out devices you don't know.",
         "zh-Hans": "马上修改这个密码：先改它所属的账户，再改所有用过同一密码的地方；开启两步验证，退出不认识的设备。",
         "zh-Hant": "馬上修改這組密碼：先改它所屬的帳號，再改所有用過同一組密碼的地方；開啟兩步驟驗證，登出不認識的裝置。"}),
    Situation(
        "loan", "loans-and-safe-accounts",
        _any(r"(?:借|贷|开通|申请|办)" + _ZH_DONE + r".{0,8}(?:贷款|网贷|借呗|备用金|微粒贷|金条|白条|分期|信用贷)",
             r"(?:借呗|备用金|微粒贷|金条|花呗)" + _NEAR + r"(?:借|开通|转)" + _ZH_DONE,
             r"\b(?:took out|taken out|applied for|opened) (?:an?|the) (?:\w+ )?(?:loan|credit line|cash advance)\b"),
        {"en": "Call the lender on its official number, say the loan was taken on a scammer's instructions and ask "
               "it to freeze the account; repay nothing to an account the caller gives.",
         "zh-Hans": "拨打放贷平台的官方客服，说明是按骗子指示借的款，要求冻结；不要按对方给的账户\"还款\"。",
         "zh-Hant": "撥打放貸平台的官方客服，說明是照詐騙者指示借的款，要求凍結；不要按對方給的帳戶「還款」。"}),
    Situation(
        "gift_card", "card-giftcard-recovery",
        _any(r"(?:买|购买|充)" + _ZH_DONE + _NEAR + r"(?:礼品卡|购物卡|充值卡|点卡|游戏点数|itunes|apple|steam|google play|亚马逊卡)",
             r"\b(?:bought|purchased|got|paid with|paid in) (?:\S+ ){0,4}gift ?cards?\b",
             r"\b(?:gave|sent|read|texted) (?:them|him|her)? ?(?:the)? ?(?:gift )?card (?:numbers|codes|pins)\b"),
        {"en": "Call the company that issued the gift card now, tell it the card was used in a scam and ask it to "
               "freeze the balance; keep the cards and receipts.",
         "zh-Hans": "马上联系发卡公司，说明礼品卡被用于诈骗，请对方冻结余额；保留卡片和收据。",
         "zh-Hant": "馬上聯絡發卡公司，說明禮物卡被用於詐騙，請對方凍結餘額；保留卡片和收據。"}),
    Situation(
        "paid", "first-hour-after-scam",
        _any(r"(?:转|汇|付|支付|扫码付|充|打款|打钱)" + _ZH_DONE + r".{0,10}(?:钱|款|账|块|元|万|千|百|\d)",
             r"(?:转[账帐]|汇款|付款|打款|转钱)" + _ZH_DONE, r"(?:已经|刚刚|刚才|刚)(?:把钱)?(?:转|付|汇|打)",
             r"(?:被骗|骗走|骗了|损失)" + _ZH_DONE + r"?.{0,4}(?:\d|[一二两三四五六七八九十百千万]+)(?:块|元|万|千)",
             r"钱(?:已经)?(?:转|打|汇)(?:过去|出去|走)?了", r"过(?:了)?数|入(?:了)?数",
             r"(?:我|已经|也)(?:打|转|汇|交|付)了(?:过去)?(?=$|[，。,.!?？ ])",
             r"(?:交|缴|过)了" + r".{0,6}(?:\d|[一二两三四五六七八九十百千万]+)(?:块|元|万|千|百|蚊)",
             r"钱(?:被|给)(?:人)?(?:转|盗|划|扣|刷)(?:走|了)",
             r"\b(?:paid|sent|transferred|wired|zelled|venmoed) (?:\w+ ){0,4}?(?:them|him|her|scammers?|caller|it|money|"
             r"\$|£|€|₹|rm|s\$|hk\$|a\$|\d)",
             r"\b(?:lost|gone|stole|took) (?:\$|£|€|₹|rm ?|s\$|hk\$|a\$)?\d", r"\bmoney (?:is|was|has) (?:gone|taken|sent)\b",
             r"\b(?:made|authorised|authorized|approved) (?:a|the) (?:payment|transfer)\b"),
        {"en": "Call your bank or payment app now and ask it to stop or recall the payment; report it to the police "
               "straight away: the first hour decides what can be frozen. Pay nothing more, whatever they say it will "
               "unlock or refund.",
         "zh-Hans": "马上打给银行或支付平台，要求拦截或追回这笔款；同时立刻报警：第一个小时决定能冻结多少。不要再转任何钱，不管对方说能解冻或退回什么。",
         "zh-Hant": "馬上打給銀行或支付平台，要求攔截或追回這筆款項；同時立刻報警：第一個小時決定能凍結多少。不要再轉任何一筆錢，不管對方說能解凍或退回什麼。"}),
)
BY_ID = {situation.id: situation for situation in SITUATIONS}


# The article of a story in which money has already moved, whatever else happened.
MONEY_MOVED = "first-hour-after-scam"
# Articles a story may be answered from besides its situations' own: what to do after a scam, in general.
STORY_ARTICLES = frozenset({"first-hour-after-scam", "where-to-report", "recovery-scams"})
# A story that retrieval cannot place is still answered when it says outright that it is a scam.
_SCAM_STORY = re.compile(
    r"骗|诈|冒充|自称|假(?:客服|的|冒)|陌生|远程|共享屏幕|屏幕共享|黑客|盗刷|盗号|"
    r"\b(?:scam\w*|fraud\w*|fake|impersonat\w*|strangers?|phish\w*|hack\w*|stolen|stole|remote access|"
    r"anydesk|teamviewer|con ?man|conned|swindl\w*|safe account|unauthori[sz]ed|without my (?:permission|consent))\b"
    r"|\b(?:claim(?:ed|ing|s)?|pretend(?:ed|ing|s)?|posing|posed|said (?:he|she|they) (?:was|were)|says (?:he|she) is)"
    r" (?:to be|as|from)\b|\bsomeone (?:took|stole|used|logged|withdrew)\b|安全(?:账|帐)户|"
    # what only a scam story says: blocked after paying, a "guaranteed" profit, money that cannot come out,
    # the real person who knows nothing of it, and someone else directing what you do
    r"拉黑|出金|保证获利|稳赚|提不了现|不能提现|无法提现|没有这回事|被转走|扮(?:成)?(?:银行|警察|客服|公安|职员|官员)|"
    r"(?:他|她|他们|对方|客服|那人)(?:叫|让|要求|指导|教)我|说是我的?|说(?:他|她)是|"
    r"\b(?:blocked me|guaranteed (?:profits?|returns?)|(?:can't|cannot|unable to) withdraw|"
    r"(?:they|he|she|the caller) (?:told|asked|made|had|got) me)\b", re.I)


# A story naming this many mechanisms done ("I paid, gave them the code and installed the app") is one of
# being scammed even when it never says so and retrieval places it nowhere.
SEVERAL_MECHANISMS = 2


# "What do I do now?": a story that asks for help with what it names gets the first steps even when it never
# says "scam" ("我转了两万给他，怎么办", "he's still on the phone, what do I do"). Cantonese 点算 reads as 怎么办.
_ASKS_FOR_HELP = re.compile(
    r"怎么办|咋办|怎么做|怎么处理|如何处理|救命|帮帮我|该怎么|"
    r"\b(?:what (?:do|should|can|shall) (?:i|we) do|what now|what next|now what|help me|please help)\b", re.I)

# "Who do I call?", "要打哪个电话": after a story or a scam, the answer is where to report for the asker's place.
_ASKS_WHERE_TO_REPORT = re.compile(
    r"(?:打|拨|找|联系)(?:哪个|什么|哪里的?)(?:电话|号码|热线|部门)|(?:什么|哪个)(?:电话|号码|热线)|"
    r"(?:去|在|向)?哪(?:里|儿)?(?:报案|报警|举报|投诉)|(?:怎么|如何|要不要|该不该|需不需要|需要)(?:报案|报警|举报)|"
    r"报警电话|举报电话|报案电话|"
    r"\b(?:who (?:do|should|can|would) (?:i|we) (?:call|ring|report (?:it |this )?to|contact|tell)|"
    r"where (?:do|should|can|would) (?:i|we) report|(?:which|what) (?:number|hotline|helpline)|"
    r"how (?:do|can|should) (?:i|we) report|should (?:i|we) (?:call|report (?:it |this )?to|tell) the police|"
    r"report (?:it|this|them) where)\b", re.I)


def asks_for_help(text: str) -> bool:
    """The (normalised) text asks what to do now."""
    return bool(_ASKS_FOR_HELP.search(text))


def asks_where_to_report(text: str) -> bool:
    """The (normalised) text asks who to call or where to report."""
    return bool(_ASKS_WHERE_TO_REPORT.search(text))


def scam_story(text: str) -> bool:
    """The (normalised) text says outright that a scam is involved."""
    return bool(_SCAM_STORY.search(text))


# Money that came in, not out: "转多了钱给我", "多打了一个零", "退款打到我账户".
_RECEIVED = re.compile(r"多|错|给我|到我|进我|退给|退回|\b(?:to me|into my|refunded|overpaid)\b")


def _happened(text: str, match: re.Match[str], situation: Situation) -> bool:
    """The mechanism was done, not asked about: no "should I / 要不要 / if" just before it; for a payment,
    money that left, not money someone says they sent."""
    if _HYPOTHETICAL.search(text[max(0, match.start() - 16): match.start()]):
        return False
    return situation.id != "paid" or not _RECEIVED.search(text[max(0, match.start() - 2): match.end() + 6])


# A story of being scammed names the other side or the scam: "I paid for an order and it never arrived" and
# "I bought a gift card for my friend" are shopping, not situations.
_SCAM_CONTEXT = re.compile(
    r"骗|诈|客服|对方|他们|陌生|冒充|自称|假|电话|来电|链接|短信|远程|共享|理赔|退款|他|她|投资|老师|老板|领导|"
    r"买家|卖家|拉黑|出金|微信|qq|line|被转走|被盗|盗刷|被刷|"
    r"\b(?:scam\w*|fraud\w*|caller|call(?:ed|ing)?|fake|strangers?|they|them|he|she|him|her|guy|man|woman|lady|"
    r"someone|somebody|scammers?|"
    r"links?|texts?|sms|messages?|remote|refund\w*|bank|police|agent|support|seller|buyer|boss|invest\w*|"
    r"withdraw\w*|blocked|telegram|whatsapp|job|task)\b", re.I)


def detect(text: str) -> tuple[Situation, ...]:
    """The situations a (normalised) first-person text describes, most urgent first."""
    if not _SCAM_CONTEXT.search(text):
        return ()
    found = []
    for situation in SITUATIONS:
        if any(_happened(text, match, situation) for match in situation.pattern.finditer(text)):
            found.append(situation)
    return tuple(found)


# The story names a caller or a chat with the other side: whatever was done, the first step is to stop
# talking to them (blind_h's judge: first steps that never said to hang up).
_IN_CONTACT = re.compile(r"电话|来电|打来|打给我|微信|qq|line|whatsapp|telegram|"
                         r"\b(?:call(?:ed|ing|er|s)?|phone|rang|texted|messag\w*|chat\w*)\b", re.I)
STOP_CONTACT = {"en": "Stop all contact now: hang up, don't reply, and follow no more of their instructions.",
                "zh-Hans": "立刻停止联系：挂断电话、不再回复，不再按对方说的做任何操作。",
                "zh-Hant": "立刻停止聯絡：掛斷電話、不再回覆，不再照對方說的做任何操作。"}


def in_contact(text: str, found: tuple[Situation, ...]) -> bool:
    """The (normalised) story names a call or chat with the other side, and its steps do not already say to
    hang up (the caller still on the line)."""
    return not any(situation.id == "on_call" for situation in found) and bool(_IN_CONTACT.search(text))


TITLE = {"en": "Do this now", "zh-Hans": "现在先做这几步", "zh-Hant": "現在先做這幾步"}
REPORT = {"en": "Then report it: {line}", "zh-Hans": "然后报案：{line}", "zh-Hant": "然後報案：{line}"}
REPORT_UNKNOWN = {"en": "Then report it where you live, for example:", "zh-Hans": "然后在你所在地报案，例如：",
                  "zh-Hant": "然後在你所在地報案，例如："}

# A story names at most this many mechanisms worth steps of their own; more would bury the first ones. Four,
# so that a story of a remote app, a code and a card number still keeps the payment's steps.
MAX_SITUATIONS = 4


def steps_text(found: tuple[Situation, ...], lang: str, report: tuple[bool, list[str]],
               stop_contact: bool = False) -> str:
    """The numbered first steps of each situation (after "stop all contact" when `stop_contact`), then where
    to report: the place's line when it is known (`report` is (known, lines)), else the likely places' lines."""
    known, lines = report
    steps = ([STOP_CONTACT[lang]] if stop_contact else []) + [situation.steps[lang] for situation in found[:MAX_SITUATIONS]]
    out = [f"{number}. {step}" for number, step in enumerate(steps, 1)]
    if lines and known:
        out.append(REPORT[lang].format(line=lines[0]))
    elif lines:
        out.append(REPORT_UNKNOWN[lang])
        out += ["• " + line for line in lines[:2]]
    return "\n".join(out)
