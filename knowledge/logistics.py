"""The guided "check my logistics safely" flow: official channels first, and what never to do.

Steps carry no numbers: whoever shows them numbers them ("2/6").
"""

from __future__ import annotations

from knowledge.articles import traditional

# (Simplified Chinese, English) for each step; Traditional comes from OpenCC s2twp (`traditional`).
_STEPS: tuple[tuple[str, str], ...] = (
    ("打开你下单的购物App（淘宝、京东、拼多多等），进入“我的订单”，点开这笔订单看物流。这是最安全的查法。",
     "Open the shopping app you ordered from (Taobao, JD, Pinduoduo, Amazon…), go to Your Orders and open "
     "this order's tracking. That is the safest place to look."),
    ("想直接问快递公司，就用它的官方App、官方小程序或官网，电话只拨官网公布的客服号（如中通95311），不要拨短信里给的号码。",
     "To ask the courier, use its official app, mini-program or website, and only call the number on its "
     "official site, never one given in a text."),
    ("别在来历不明的查件网站输入“单号+手机号”：拿到这两样的人可能查到你的地址和电话。",
     "Don't type your tracking number plus phone number into unknown tracking sites: anyone with both may "
     "look up your address and phone."),
    ("收到“包裹异常、地址不详、需补运费、理赔”的短信或电话，不点链接、不加微信QQ，回购物App里核对；真的异常会在订单里显示。",
     "A text or call about a failed delivery, unclear address, extra postage or a claim: don't open links or "
     "add anyone on chat apps. Check the order in the app; a real problem shows there."),
    ("取件码只在驿站或快递柜使用，谁打电话来要取件码、验证码，或让你共享屏幕、下载App，都挂掉。",
     "Use a pick-up code only at the station or locker. Hang up on anyone who asks for a pick-up or "
     "verification code, screen sharing or an app download."),
    ("下次下单前打开隐私面单或虚拟号；签收后撕掉或涂黑面单再扔盒子。",
     "Before your next order, switch on the privacy waybill or virtual number; after delivery, tear off or "
     "black out the label before throwing the box away."),
)


def logistics_steps(lang: str) -> list[str]:
    if lang == "en":
        return [en for _, en in _STEPS]
    if lang == "zh-Hant":
        return [traditional(zh) for zh, _ in _STEPS]
    return [zh for zh, _ in _STEPS]
