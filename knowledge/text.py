"""Turning questions and articles into search terms: jieba words for Chinese, stemmed words for English.

Chinese is matched in Simplified (Traditional questions are converted first). Besides jieba's words, each
run of Han characters also yields its character bigrams, marked with a leading "~", so a typo or a
different segmentation still shares most of its bigrams with the article. Bigrams help ranking only; the
coverage figure that decides whether a question is in scope counts whole words.
"""

from __future__ import annotations

import logging
import math
import os
import re
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path

import jieba
import opencc
from wordfreq import zipf_frequency

BIGRAM = "~"

# Domain words jieba's general dictionary splits apart; keeping them whole makes them strong terms.
_DOMAIN_WORDS = (
    "验证码", "取件码", "隐私面单", "虚拟号", "虚拟号码", "快递单", "面单", "物流信息", "共享屏幕", "屏幕共享",
    "备用金", "百万保障", "安全账户", "冒充客服", "假客服", "退款", "理赔", "二维码", "密码管理器", "两步验证",
    "双因素", "登录设备", "身份证", "手持身份证", "个人信息保护法", "网络安全法", "快递柜", "驿站", "原路退回",
    "反诈", "国家反诈中心", "订单号", "仓储", "第三方软件", "收货地址", "快递盒", "快递员", "追回", "挽回损失",
    "短信链接", "钓鱼链接", "远程控制", "支付密码", "付款码", "退货", "代收", "征信", "刷单",
    # Rare in jieba's general dictionary (so trimmed from it) but everyday words of shopping and scams.
    "客服", "扫码", "扣费", "续费", "扣钱", "退钱", "骗钱", "返现", "追款", "止付", "清关", "收货", "查件", "单号",
    "免密", "内鬼", "比特币", "超商", "取货",
    # Platforms, apps and couriers, absent from jieba's older general dictionary.
    "微信", "支付宝", "抖音", "京东", "拼多多", "淘宝", "天猫", "顺丰", "中通", "圆通", "韵达", "菜鸟", "驿站",
    "快递柜", "花呗", "借呗", "微粒贷", "白条", "金条", "腾讯会议", "向日葵", "云闪付", "小程序", "App",
)

# Words that mean the same thing to a shopper map to one form, so a question need not use the articles'
# wording: Taiwan and mainland terms, colloquial and formal ones, British and American ones.
_SYNONYM_GROUPS: dict[str, tuple[str, ...]] = {
    "信息": ("资料", "数据", "资讯", "个资"),
    "泄露": ("泄漏", "外泄", "泄密", "曝光", "暴露", "流出"),
    "商家": ("卖家", "店家", "网店", "店铺", "商店", "店主"),
    "账号": ("帐号", "账户", "帐户"),
    "设备": ("装置",),
    "共享屏幕": ("分享屏幕", "屏幕共享", "屏幕分享", "投屏", "共享桌面"),
    "快递": ("快件",),
    "快递员": ("快递小哥", "送货员", "派件员", "配送员"),
    "骗子": ("诈骗犯", "骗人", "诈骗分子"),
    "验证码": ("动态码", "校验码", "短信码"),
    "身份证": ("身分证",),
    "短信": ("简讯",),
    "链接": ("连结", "网址"),
    "删除": ("删掉", "清除", "销毁"),
    "网购": ("网上购物", "在线购物"),
    "靠谱": ("可信", "信任", "可靠", "正规", "值得信赖", "信得过"),
    "手机号": ("手机号码", "电话号码"),
    "地址": ("住址", "住处", "家庭住址"),
    "丢失": ("丢了", "丢件", "弄丢", "寄丢", "不见"),
    "赔偿": ("赔", "赔付", "赔钱", "补偿"),
    "合法": ("违法", "允许", "合规", "有权"),
    "骗局": ("骗人的", "套路"),
    "转账": ("转给", "转钱", "打钱", "汇款", "汇钱", "转过去"),
    "data": ("information", "info", "detail", "personal"),
    "leak": ("breach", "expos", "expose", "leakag", "stolen"),
    "parcel": ("package", "shipment", "packag"),
    "shop": ("store", "seller", "merchant", "retailer", "vendor", "webstore", "website"),
    "scammer": ("fraudster", "crook", "conman"),
    "courier": ("driver", "deliveryman", "postman", "mailman"),
    "code": ("otp", "passcode"),
    "login": ("signin", "logon"),
    "phone": ("mobile", "cell", "cellphone", "telephone"),
    "delete": ("erase", "remove", "destroy", "shred"),
    "legit": ("legitimate", "trustworthy", "reliable", "genuine", "real", "trust"),
    "id": ("passport", "identity"),
    "money": ("fund", "cash"),
    "lost": ("miss", "lose", "vanish", "disappear"),
    "sms": ("text", "message"),
    "legal": ("allow", "allowed", "lawful", "permit", "permitted", "illegal", "law"),
    "scam": ("fraud", "fraudulent", "con", "swindle"),
    "compensat": ("compensation", "reimburs", "payout"),
}
SYNONYMS = {variant: canonical for canonical, variants in _SYNONYM_GROUPS.items() for variant in variants}

_EN_STOP = frozenset(
    """a an the and or but if of to in on at for from by with about as into is are was were be been being am
    do does did doing i me my mine we our you your he she it its they them their this that these those there
    here what which who whom when where why how can could should would will shall may might must have has had
    having not no so than too very just any some all also please tell know want need get got really thing things
    ok okay hi hello hey one way there's it's i'm i've don't dont like make good best better keep long say said
    tell help use using go going come see look new first last time day people back still even much many more
    most other another only every everything something anything someone anyone actually ever now then today
    way ways thing stuff lot lots kind sort bit quite right sure yes yeah guys after before via again already
    still since while into onto out up down over under off said says saying let lets maybe probably
    whats thats theres theyre youre im ive dont doesnt didnt cant wont isnt arent wasnt shouldnt wouldnt
    couldnt hes shes""".split()
)
_ZH_STOP = frozenset(
    """的 了 吗 呢 吧 啊 呀 嘛 哦 哈 么 我 我们 你 你们 他 她 它 是 在 就 都 还 也 又 和 与 及 或 或者 把 被 让 对 从
    这 那 这个 那个 这样 那样 一个 一下 怎么 怎么办 怎么样 怎样 如何 什么 为什么 为何 哪 哪里 哪些 请问 请 有 没有 没
    会 能 能不能 可以 可不可以 要 要不要 该 应该 应不应该 是不是 不 吗 呗 啦 嗯 个 些 得 地 着 过 上 下 中 里 后 前
    时候 时 如果 但是 但 而且 然后 所以 因为 还是 到底 一直 已经 现在 自己 别人 有人 东西 问题 事 事情 一些
    咋 咋办 啥 干嘛 干啥 怎么弄 弄 比较 好 去 想 看 看看 说 知道 觉得 感觉 最 很 太 更 真的 一下子 下 该怎么办""".split()
)

_EN_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# "Sign" alone is signing for a parcel or a warning sign; only "sign in / into / on" means logging in.
_SIGN_IN = re.compile(r"\bsign(?:s|ed|ing)?[ -]?(?:in|into|on)\b")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

# How much a word says about a question, from its frequency in jieba's general-language dictionary:
# ln(total / frequency), less this floor, so everyday words (说, 看, 比较, 知道) weigh nothing.
_GENERAL_IDF_FLOOR = 7.5
_GENERAL_IDF_CAP = 6.0
# English has no frequency list here: a content word weighs like a fairly rare Chinese word, unless it is
# one of the everyday words below (stems), which weigh like a common Chinese word.
ENGLISH_WEIGHT = 4.0
ENGLISH_COMMON_WEIGHT = 1.0
_EN_COMMON_WORDS = """
    get gets make made go goes went gone come came take took see saw seen think look want give gave find found
    work works seem feel try tried leave call calls called put mean keep let begin start show hear heard play run
    move live believe hold bring happen write wrote sit stand turn turned set learn change lead understand watch
    follow stop create speak read add spend grow open walk win offer remember love consider appear buy bought wait
    serve send sent expect build stay fall cut reach remain suggest raise pass sell sold require continue decide
    pull carry break eat drink sleep cook drive ride fix clean wear choose pick prefer ask asked tell told say
    time year years week month day days hour minute morning night today tomorrow yesterday weekend people person man
    woman child kid kids family friend friends mother father parent home house room door world country city place
    school student teacher class homework job business company team group game music movie song book story news
    food water dinner lunch breakfast car bus train plane trip travel weather rain snow sun
    thing something part side end point fact idea reason case question answer problem example kind type level
    number name word line list way life body head hand eye face health doctor dog cat pet animal
    good bad new old big small little large long short high low great best better worse worst right wrong easy
    hard cheap expensive fast slow early late young different same next last important possible able free full
    sure true nice fine happy sad hot cold dark light
    """.split()


# jieba's dictionary less its rarest words (frequency below this): a third of the size, so it loads in a
# third of the time, and a word that rare weighs the most either way.
_MIN_DICTIONARY_FREQ = 5


def _dictionary() -> Path:
    """The trimmed dictionary, written once beside jieba's own cache (the temp directory)."""
    path = Path(tempfile.gettempdir()) / f"shopsafe-jieba-{jieba.__version__}-min{_MIN_DICTIONARY_FREQ}.txt"
    if not path.exists():
        source = Path(jieba.__file__).with_name("dict.txt")
        kept = [line for line in source.read_text(encoding="utf-8").splitlines(keepends=True)
                if int(line.split(" ", 2)[1]) >= _MIN_DICTIONARY_FREQ]
        # Written under a unique name then renamed: processes starting together never read half a file.
        handle, partial = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".part")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.writelines(kept)
        os.replace(partial, path)
    return path


@lru_cache(maxsize=1)
def _segmenter() -> tuple[jieba.Tokenizer, dict[str, float]]:
    """A jieba tokenizer on the trimmed dictionary, initialised once and quietly, and its word weights."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer(str(_dictionary()))
    tokenizer.initialize()
    total = tokenizer.total
    added = {*_DOMAIN_WORDS, *(variant for variant in SYNONYMS if not variant.isascii()), *_SYNONYM_GROUPS}
    # Weights are read before the domain words are added: adding gives them an artificial frequency.
    base_freq = {word: tokenizer.FREQ.get(word, 0) for word in added}
    for word in added:
        if not word.isascii():
            tokenizer.add_word(word)
    weights = {word: math.log(total / (freq + 1)) for word, freq in base_freq.items()}
    return tokenizer, weights


@lru_cache(maxsize=1)
def _english_common() -> frozenset[str]:
    return frozenset(stem(word) for word in _EN_COMMON_WORDS)


def weight(word: str) -> float:
    """How informative a (normalised) word is for deciding what a question is about, 0 to 6."""
    if word.isascii():
        return ENGLISH_COMMON_WEIGHT if word in _english_common() else ENGLISH_WEIGHT
    tokenizer, weights = _segmenter()
    general_idf = weights.get(word)
    if general_idf is None:
        general_idf = math.log(tokenizer.total / (tokenizer.FREQ.get(word, 0) + 1))
    return min(_GENERAL_IDF_CAP, max(0.0, general_idf - _GENERAL_IDF_FLOOR))


def warm_up() -> None:
    """Load the segmenter's dictionary now rather than on the first question."""
    _segmenter()


@lru_cache(maxsize=1)
def _to_mainland() -> opencc.OpenCC:
    """Traditional (Taiwan phrasing) to Simplified (mainland phrasing): 螢幕 → 屏幕, 軟體 → 软件."""
    return opencc.OpenCC("tw2sp")


# Zero-width and format characters (hidden inside words to dodge filters) and lone surrogates go;
# control characters become spaces.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


# Written Cantonese (Hong Kong askers) to the Mandarin words the articles use, applied after the
# conversion to Simplified; OpenCC converts scripts, not these words. Longer entries first.
_CANTONESE = {
    "俾人呃": "被人骗", "呃钱": "骗钱", "呃": "骗", "点算": "怎么办", "点样": "怎样", "点解": "为什么", "点处理": "怎么处理",
    "边个": "谁", "边度": "哪里", "边处": "哪里", "乜嘢": "什么", "咩": "什么", "啱啱": "刚刚", "而家": "现在", "俾咗": "给了", "畀": "给", "俾": "给",
    "咗": "了", "嘅": "的", "唔": "不", "冇": "没有", "佢": "他", "喺": "在", "啲": "些", "睇": "看", "揾": "找", "攞": "拿",
    "嘢": "东西", "速递": "快递", "佢哋": "他们", "哋": "们", "仲喺": "还在", "仲係": "还是", "仲未": "还没", "仲有": "还有", "电话度": "电话里",
    "线度": "线上", "点做": "怎么做", "打嚟": "打来", "转数快": "转账", "过咗数": "转了账", "入咗数": "转了账",
}
_CANTONESE_WORD = re.compile("|".join(sorted(_CANTONESE, key=len, reverse=True)))


def normalize(text: str) -> str:
    """NFKC (full-width to half-width), Simplified Chinese with mainland words, lower case, one space."""
    text = _CONTROL.sub(" ", _INVISIBLE.sub("", text))
    text = unicodedata.normalize("NFKC", text)
    text = _CANTONESE_WORD.sub(lambda found: _CANTONESE[found.group()], _to_mainland().convert(text))
    return " ".join(text.lower().split())


# A word this common in general English (wordfreq's Zipf scale: 3 is once per million words) is a word
# of its own, not a misspelling; misspellings ("pasword", "adress") sit below.
_KNOWN_WORD_ZIPF = 2.5


@lru_cache(maxsize=4096)
def known_english(stemmed: str) -> bool:
    """Some English word that `stem` reduces to this is in common use ("texa" ← "texas", "hawker")."""
    forms = (stemmed, stemmed + "s", stemmed + "es", stemmed + "e", stemmed + "ing", stemmed + "ed", stemmed + "er")
    return max(zipf_frequency(form, "en") for form in forms) >= _KNOWN_WORD_ZIPF


def stem(word: str) -> str:
    """A light English suffix stripper: only needs to map a question and an article to the same form."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        return word[:-2]
    if len(word) > 4 and word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Content words of normalised text: jieba words for Han runs, stemmed English words otherwise."""
    out: list[str] = []
    segmenter, _ = _segmenter()
    for chunk in _HAN_RUN.split(_SIGN_IN.sub("login", text)):
        for word in _EN_WORD.findall(chunk):
            word = word.removesuffix("'s")
            if word not in _EN_STOP:
                stemmed = stem(word)
                out.append(SYNONYMS.get(stemmed, stemmed))
    for run in _HAN_RUN.findall(text):
        # Precise mode without HMM guessing: an unknown run of characters stays single characters rather
        # than becoming a made-up word; the bigrams in `terms` cover the parts of long words.
        for word in segmenter.cut(run, HMM=False):
            if word not in _ZH_STOP:
                out.append(SYNONYMS.get(word, word))
    return out


def bigrams(text: str) -> list[str]:
    """Character bigrams of every Han run, marked so they never collide with two-character words."""
    out: list[str] = []
    for run in _HAN_RUN.findall(text):
        out.extend(BIGRAM + run[i : i + 2] for i in range(len(run) - 1))
    return out


@lru_cache(maxsize=1)
def _filler() -> re.Pattern[str]:
    return re.compile("|".join(sorted(_ZH_STOP, key=len, reverse=True)))


def han_skeleton(text: str) -> str:
    """The Han characters of normalised text in order, filler words removed ("我被骗了怎么办" → "被骗"):
    Chinese phrasing that segments badly still compares character by character."""
    return _filler().sub("", "".join(_HAN_RUN.findall(text)))


def terms(text: str) -> list[str]:
    """Everything BM25 indexes for a normalised text: words, then Han bigrams."""
    return words(text) + bigrams(text)
