"""Turning questions and articles into search terms: jieba words for Chinese, stemmed words for English.

Chinese is matched in Simplified (Traditional questions are converted first). Besides jieba's words, each
run of Han characters also yields its character bigrams, marked with a leading "~", so a typo or a
different segmentation still shares most of its bigrams with the article. Bigrams help ranking only; the
coverage figure that decides whether a question is in scope counts whole words.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

import jieba

from scam_patterns.script import to_simplified

BIGRAM = "~"

# Domain words jieba's general dictionary splits apart; keeping them whole makes them strong terms.
_DOMAIN_WORDS = (
    "验证码", "取件码", "隐私面单", "虚拟号", "虚拟号码", "快递单", "面单", "物流信息", "共享屏幕", "屏幕共享",
    "备用金", "百万保障", "安全账户", "冒充客服", "假客服", "退款", "理赔", "二维码", "密码管理器", "两步验证",
    "双因素", "登录设备", "身份证", "手持身份证", "个人信息保护法", "网络安全法", "快递柜", "驿站", "原路退回",
    "反诈", "国家反诈中心", "订单号", "仓储", "第三方软件", "收货地址", "快递盒", "快递员", "追回", "挽回损失",
    "短信链接", "钓鱼链接", "远程控制", "支付密码", "付款码", "退货", "代收", "征信", "刷单",
)

_EN_STOP = frozenset(
    """a an the and or but if of to in on at for from by with about as into is are was were be been being am
    do does did doing i me my mine we our you your he she it its they them their this that these those there
    here what which who whom when where why how can could should would will shall may might must have has had
    having not no so than too very just any some all also please tell know want need get got really thing things
    ok okay hi hello hey one way there's it's i'm i've don't dont""".split()
)
_ZH_STOP = frozenset(
    """的 了 吗 呢 吧 啊 呀 嘛 哦 哈 么 我 我们 你 你们 他 她 它 是 在 就 都 还 也 又 和 与 及 或 或者 把 被 让 对 从
    这 那 这个 那个 这样 那样 一个 一下 怎么 怎么办 怎么样 怎样 如何 什么 为什么 为何 哪 哪里 哪些 请问 请 有 没有 没
    会 能 能不能 可以 可不可以 要 要不要 该 应该 应不应该 是不是 不 吗 呗 啦 嗯 个 些 得 地 着 过 上 下 中 里 后 前
    时候 时 如果 但是 但 而且 然后 所以 因为 还是 到底 一直 已经 现在 自己 别人 有人 东西 问题 事 事情 一些""".split()
)

_EN_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _segmenter() -> jieba.Tokenizer:
    """jieba's default tokenizer, initialised once and quietly (its dictionary load logs at INFO/DEBUG)."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.dt
    tokenizer.initialize()
    for word in _DOMAIN_WORDS:
        tokenizer.add_word(word, freq=20000)
    return tokenizer


def warm_up() -> None:
    """Load the segmenter's dictionary now rather than on the first question."""
    _segmenter()


def normalize(text: str) -> str:
    """NFKC (full-width to half-width), Simplified Chinese, lower case, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text)
    return " ".join(to_simplified(text).lower().split())


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
    segmenter = _segmenter()
    for chunk in _HAN_RUN.split(text):
        for word in _EN_WORD.findall(chunk):
            if word not in _EN_STOP:
                out.append(stem(word))
    for run in _HAN_RUN.findall(text):
        for word in segmenter.cut_for_search(run, HMM=True):
            if word not in _ZH_STOP:
                out.append(word)
    return out


def bigrams(text: str) -> list[str]:
    """Character bigrams of every Han run, marked so they never collide with two-character words."""
    out: list[str] = []
    for run in _HAN_RUN.findall(text):
        out.extend(BIGRAM + run[i : i + 2] for i in range(len(run) - 1))
    return out


def terms(text: str) -> list[str]:
    """Everything BM25 indexes for a normalised text: words, then Han bigrams."""
    return words(text) + bigrams(text)
