"""Is a private message a question for the knowledge base, or a pasted message to check for scams?

A question asks something in the first person ("快递单怎么处理", "should I give the code?"). A pasted or
forwarded message addresses the reader politely or as a company ("您的订单…", "亲，…", "we will refund"),
introduces its sender ("我是淘宝客服"), carries links, long numbers or sender brackets. Message markers win: a scam text often contains a question of its own ("您是否购买了…？").
"""

from __future__ import annotations

import re

# Longer than this, a text is a pasted message rather than a question typed to the bot.
MAX_QUESTION_LENGTH = 200

_MESSAGE_MARKERS = re.compile(
    r"^\s*[【\[]|https?://|www\.|\b[a-z0-9-]+\.(?:com|cn|net|top|xyz|cc|vip|shop|info)\b|\d{6,}"
    r"|(?:您好|你好|亲)[，,！!\s]*我是|我是.{0,10}(?:客服|工作人员|专员|快递员|理赔员)|尊敬的|亲爱的(?:用户|顾客|客户|会员)"
    r"|(?:请|速|立即)(?:添加|加)(?:qq|微信|vx|v信|客服)|回复\s*[tTyY]\b|退订|点击(?:链接|下方|以下)"
    r"|^\s*亲[，,！!\s]|(?:为|给|请)您|您(?:的|购买|在|是否|已|有|于)"
    r"|^\s*dear\b|\bthis is (?:amazon|ups|fedex|dhl|usps|royal mail|your bank)\b|\bclick (?:here|the link|below)\b"
    r"|\breply (?:y|yes|stop)\b|\byour (?:package|parcel|order|account|card) (?:has|is|was|will)\b"
    r"|\bwe (?:will|have|are|would|noticed)\b",
    re.I,
)
_QUESTION_MARKERS = re.compile(
    r"[?？]|怎么|怎样|如何|什么|为什么|为啥|吗|呢|能不能|可不可以|要不要|该不该|是不是|有没有|哪里|哪儿|哪个|哪些|多久|多长|"
    r"是否|咋|啥|靠谱不|安全不|行不行|怎麼|為什麼|嗎|該不該|"
    r"^\s*(?:how|what|why|when|where|which|who|whom|should|can|could|is|are|do|does|did|will|would|may|must|any|"
    r"shall)\b|\b(?:should i|can i|do i|how to|is it safe|what if|what to do|i wonder)\b",
    re.I,
)
_TRACKING = re.compile(
    r"查(?:快递|物流|件|包裹|单号|订单物流)|(?:物流|快递)(?:信息|状态|进度|到哪|到了哪)|(?:包裹|快递|件)(?:到哪|在哪)|"
    r"(?:追踪|跟踪|查询)(?:包裹|快递|物流)|\btrack(?:ing)?\b|where(?:'s| is) my (?:parcel|package|order|delivery)|"
    r"delivery status|\bparcel status\b",
    re.I,
)


# Questions ShopSafe does not answer whatever words they share with an article: running a shop (it serves
# shoppers, not sellers) and editing one's own delivery address in an app. A scam cue (a link, a text, a
# caller, a code) brings the question back into scope: "a text asks me to update my address via a link".
_OFF_TOPIC_INTENT = re.compile(
    r"开(?:个|一家|家)?(?:网|淘宝)?店|卖场(?:要|该)?(?:怎么|如何)开|开(?:个|一个)?卖场|(?:当|做)(?:卖家|商家|店主)|做电商|"
    r"\bbecome an? (?:seller|vendor|merchant)\b|\bstart selling\b|\b(?:open|set ?up|start) (?:a|an|my) (?:\w+ )?(?:shop|store)\b|"
    r"(?:修改|更改|更新|改)(?:默认|收货|收件|寄件)?地址|\b(?:change|edit|update) (?:my|the) (?:shipping |delivery |default )?address\b",
    re.I,
)
_SCAM_CUE = re.compile(
    r"骗|诈|泄|隐私|安全|链接|短信|验证码|密码|客服|电话|冒充|自称|\b(?:scam\w*|fraud\w*|leak\w*|privacy|safe\w*|link|"
    r"texts?|sms|codes?|passwords?|call(?:ed|s|er)?|fake)\b",
    re.I,
)


# Words of what ShopSafe covers (besides the scam cues above): privacy, trust, payment, accounts, the law,
# data holders, disposing of or losing parcels. A question with none of them has to match an article more
# closely to be answered: "how long does a parcel take" shares only "parcel" with the articles.
_TOPIC_CUE = re.compile(
    _SCAM_CUE.pattern + r"|泄|露|隐私|私密|匿名|真名|昵称|风险|靠谱|可信|信任|信用|来电|假|陌生|举报|报警|报案|信息|数据|个人|"
    r"地址|号码|身份|证|赔|扣|收费|转账|转回|借|贷|征信|芝麻|账户|账号|登录|设备|共享|屏幕|二维码|扫码|法|权|责任|删|面单|"
    r"快递单|取件码|退款|付款|支付|免密|卡|倒卖|员工|第三方|仓|销毁|扔|丢|撕|贴纸|纸箱|盒|签收|没收到|没拿到|没下单|没买|保障|"
    r"会员|手机号|姓名|名字|官方|危险|关税|海关|清关|热线|生日|职业|选填|填写|"
    r"\b(?:names?|trust\w*|anonym\w*|private|embarrass\w*|sensitive|risk\w*|pin|report\w*|police|data|info|address|phone|"
    r"numbers?|id|identity|passport|refund\w*|compensat\w*|payout|claims?|loans?|credit|accounts?|login|log in|devices?|"
    r"screen|qr|law|legal\w*|rights?|delete|destroy|labels?|sticker|waybill|pick-?up|real|legit\w*|genuine|official|"
    r"strangers?|hack\w*|breach\w*|steal|stolen|remote|anydesk|otp|2fa|two-factor|authenticat\w*|verif\w*|cards?|warehouses?|"
    r"fulfil\w*|staff|employees?|bitcoin|crypto|gift cards?|membership|protection|lost|missing|recover\w*|birthday|"
    r"box(?:es)?|unpack\w*|throw|dispos\w*|recycl\w*|password|shred\w*)\b",
    re.I,
)


# A how-to question ("微信怎么建群", "how do I print a return label") is about using something, which
# ShopSafe does not teach, unless it names a risk (the scam cues above) or one of these concerns: trust,
# privacy, one's name or data, accounts and logins, a loss.
# "怎么办", "how do I know…" ask what to do or whom to trust, not how to use something.
_HOW_TO = re.compile(
    r"(?:怎么|怎样|如何|咋)(?!办|整|知道|判断|确认|分辨|区分|看出|识别)|"
    r"\bhow (?:do|can|should) (?:i|you|we)\b(?! (?:know|tell|spot|recogni[sz]e|be sure)\b)|\bhow to\b(?! (?:know|tell|spot))",
    re.I,
)
_CONCERN = re.compile(
    r"靠谱|可靠|可信|信任|信用|私密|隐蔽|隐私|看到|发现|显示|全名|真名|姓名|登录|登入|验证|两步|双重|丢|赔|删|数据|信息|个人|面单|"
    r"虚拟号|判断|分辨|真假|\b(?:legit\w*|trust\w*|reliable|private|privacy|names?|delete|data|info\w*|personal|lost|"
    r"missing|stolen|login|logged|2fa|verif\w*|authenticat\w*|sessions?|waybill|masked)\b",
    re.I,
)


def procedural_question(text: str) -> bool:
    """A (normalised) how-to question that names no risk or privacy concern."""
    return bool(_HOW_TO.search(text)) and not _SCAM_CUE.search(text) and not _CONCERN.search(text)


def on_topic_cue(text: str) -> bool:
    """The (normalised) text names something ShopSafe covers."""
    return bool(_TOPIC_CUE.search(text))


def off_topic_intent(text: str) -> bool:
    """A (normalised) question about selling or editing an address, with nothing of a scam about it."""
    return bool(_OFF_TOPIC_INTENT.search(text)) and not _SCAM_CUE.search(text)


def looks_like_message(text: str) -> bool:
    return len(text) > MAX_QUESTION_LENGTH or bool(_MESSAGE_MARKERS.search(text))


def has_question_form(text: str) -> bool:
    return bool(_QUESTION_MARKERS.search(text))


def mentions_tracking(text: str) -> bool:
    return bool(_TRACKING.search(text))
