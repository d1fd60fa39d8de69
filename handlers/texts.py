"""Every user-facing string, in English, Simplified and Traditional Chinese.

Each entry has "en" and "zh-Hans". Traditional Chinese is written by hand, for Taiwan readers, with
Hong Kong wording where it differs: in the entry itself ("zh-Hant", "zh-Hant-HK") or, for the rest, in
`handlers.texts_hant`. A test requires a hand-written zh-Hant for every key; converting the Simplified
text with OpenCC is only the last resort of a key still being written. Templates are HTML for Telegram's
parse mode: values passed to `t()` must already be escaped by the caller (`handlers.markup.escape`).
"""

from __future__ import annotations

from functools import lru_cache

from handlers.ports import Lang
from handlers.texts_hant import ZH_HANT, ZH_HANT_HK

LANGS: tuple[Lang, ...] = ("zh-Hans", "zh-Hant", "en")

TEXTS: dict[str, dict[str, str]] = {
    # --- verdicts (zh-Hant written for Taiwan and Hong Kong readers, not converted) -----------------------
    "verdict.scam": {
        "en": "🚨 <b>Scam: {title}</b>",
        "zh-Hans": "🚨 <b>诈骗：{title}</b>",
        "zh-Hant": "🚨 <b>詐騙：{title}</b>",
    },
    "verdict.suspicious": {
        "en": "⚠️ <b>Suspicious: {title}</b>",
        "zh-Hans": "⚠️ <b>可疑：{title}</b>",
        "zh-Hant": "⚠️ <b>可疑：{title}</b>",
    },
    "verdict.signs": {  # the headline when no single check stands out
        "en": "several warning signs together",
        "zh-Hans": "多个可疑迹象同时出现",
        "zh-Hant": "多個可疑跡象同時出現",
    },
    "verdict.no_match": {
        "en": "ℹ️ <b>No known scam pattern found.</b> That is not proof that it is safe: new scams appear "
              "every day.\n"
              "<b>Check anyway:</b> does it ask you to leave the shopping app (chat elsewhere, tap a link, "
              "install an app), share your screen, give a code or a password, borrow money or pay anything? "
              "Genuine refunds go back to your original payment method with nothing to do on your side. If in "
              "doubt, contact the company yourself through its official app or website.",
        "zh-Hans": "ℹ️ <b>没有发现已知的诈骗模式。</b>但这不能证明它是安全的：新骗局每天都在出现。\n"
                   "<b>仍请自己核对：</b>对方是否要你离开购物平台（加QQ、微信、点链接、下载App）？是否要求共享"
                   "屏幕、提供验证码或密码、借款或付款？真正的退款会原路退回，不需要你做任何操作。有疑问就自己"
                   "打开官方App联系客服，或拨打96110咨询。",
        "zh-Hant": "ℹ️ <b>沒有發現已知的詐騙模式。</b>但這不能證明它是安全的：新騙局每天都在出現。\n"
                   "<b>仍請自己核對：</b>對方是否要你離開購物平臺（加LINE、微信、點連結、下載App）？是否要求分享"
                   "螢幕、提供驗證碼或密碼、借錢或付款？真正的退款會原路退回，不需要你做任何操作。有疑問就自己"
                   "打開官方App聯絡客服，或撥打165反詐騙諮詢專線。",
    },
    "verdict.small_talk": {  # a greeting, thanks, an emoji or a bare number: nothing to judge
        "en": "ℹ️ Forward or paste a message you received, or send a screenshot, and I'll check it for scams. "
              "/help shows everything I can do.",
        "zh-Hans": "ℹ️ 把收到的可疑消息转发或粘贴给我，或者发截图，我来帮你检查是不是诈骗。/help 查看全部功能。",
        "zh-Hant": "ℹ️ 把收到的可疑訊息轉傳或貼給我，或是傳截圖，我幫你檢查是不是詐騙。/help 看全部功能。",
    },
    "verdict.also": {
        "en": "Also: {titles}",
        "zh-Hans": "另外：{titles}",
        "zh-Hant": "另外：{titles}",
    },
    "verdict.evidence": {
        "en": "<b>In the message:</b>",
        "zh-Hans": "<b>消息里的证据：</b>",
        "zh-Hant": "<b>訊息裡的證據：</b>",
    },
    "verdict.why": {
        "en": "<b>Why it is dangerous:</b> {explanation}",
        "zh-Hans": "<b>为什么危险：</b>{explanation}",
        "zh-Hant": "<b>為什麼危險：</b>{explanation}",
    },
    "verdict.todo": {
        "en": "<b>What to do:</b> {advice}",
        "zh-Hans": "<b>怎么做：</b>{advice}",
        "zh-Hant": "<b>怎麼做：</b>{advice}",
    },
    "verdict.stage": {
        "en": "<b>Scam script:</b> {chain}\n{closeness}",
        "zh-Hans": "<b>骗局进度：</b>{chain}\n{closeness}",
        "zh-Hant": "<b>騙局進度：</b>{chain}\n{closeness}",
    },
    "verdict.footer": {
        "en": "Already replied, paid or shared your screen? Press 🆘 below for what to do first.",
        "zh-Hans": "已经回复、付款或共享了屏幕？点下面的 🆘，看先做什么。",
        "zh-Hant": "已經回覆、付款或分享了螢幕？按下面的 🆘，看看要先做什麼。",
    },
    "verdict.truncated": {
        "en": "(The message is very long: I checked its first {count} characters.)",
        "zh-Hans": "（消息太长，我只检查了前 {count} 个字符。）",
        "zh-Hant": "（訊息太長，我只檢查了前 {count} 個字。）",
    },
    "verdict.image_excerpt": {
        "en": "<b>Text read from the image:</b> <i>{excerpt}</i>",
        "zh-Hans": "<b>从图片中读到的文字：</b><i>{excerpt}</i>",
        "zh-Hant": "<b>從圖片讀到的文字：</b><i>{excerpt}</i>",
    },
    # Why it is dangerous and what to do, when no catalog pattern explains the verdict: by what settles it.
    "explain.link": {
        "en": "Scam texts send you to a page that copies a real company's site to take your card details, "
              "codes or passwords. What counts is the site a link really goes to, not the name in the message.",
        "zh-Hans": "诈骗短信会把你带到模仿真实公司网站的页面，骗取银行卡信息、验证码或密码。要看的是链接真正"
                   "指向哪个网站，而不是消息里写的名字。",
        "zh-Hant": "詐騙簡訊會把你帶到模仿真實公司網站的頁面，騙取信用卡資料、驗證碼或密碼。要看的是連結真正"
                   "連到哪個網站，而不是訊息裡寫的名字。",
    },
    "advice.link": {
        "en": "Don't open the link. Open the company's own app, or type its address yourself, and check there.",
        "zh-Hans": "不要点这个链接。自己打开该公司的官方App，或者手动输入官网网址去核实。",
        "zh-Hant": "不要點這個連結。自己打開該公司的官方App，或自己輸入官網網址去確認。",
    },
    "explain.phone": {
        "en": "A number to call \"if this was not you\" leads to fake support staff, who talk you into paying, "
              "sharing a code or installing a remote-control app.",
        "zh-Hans": "“如非本人操作请致电”留下的号码通向假客服，对方会诱导你付款、提供验证码或安装远程控制软件。",
        "zh-Hant": "「如非本人操作請來電」留下的號碼通往假客服，對方會誘導你付款、提供驗證碼或安裝遠端遙控軟體。",
    },
    "advice.phone": {
        "en": "Don't call that number. Call the number on the back of your card or in the company's own app.",
        "zh-Hans": "不要拨打这个号码。请拨打银行卡背面或官方App里的客服电话核实。",
        "zh-Hant": "不要撥這支號碼。請打信用卡背面或官方App裡的客服電話確認。",
    },
    "explain.other": {
        "en": "It asks for a step that real shops, couriers and banks never ask for in a message.",
        "zh-Hans": "它要求你做真正的商家、快递和银行从来不会在消息里要求的事。",
        "zh-Hant": "它要你做真正的商家、物流和銀行從來不會在訊息裡要求的事。",
    },
    "advice.other": {
        "en": "Don't reply, pay or share any code. Contact the company yourself through its official app or website.",
        "zh-Hans": "不要回复、不要付款、不要提供任何验证码。自己通过官方App或官网联系该公司。",
        "zh-Hant": "不要回覆、不要付款、不要提供任何驗證碼。自己透過官方App或官網聯絡該公司。",
    },
    "stage.pretext": {"en": "pretext", "zh-Hans": "借口", "zh-Hant": "藉口"},
    "stage.lure": {"en": "lure", "zh-Hans": "诱饵", "zh-Hant": "誘餌"},
    "stage.channel": {"en": "channel switch", "zh-Hans": "换渠道", "zh-Hant": "換管道"},
    "stage.control": {"en": "control", "zh-Hans": "控制", "zh-Hant": "控制"},
    "stage.extraction": {"en": "extraction", "zh-Hans": "取钱", "zh-Hant": "取錢"},
    "closeness.pretext": {
        "en": "This is only the opening story: nothing is lost yet. Stop here.",
        "zh-Hans": "这只是开场的借口，还没有任何损失。到此为止，不要回应。",
        "zh-Hant": "這只是開場的藉口，還沒有任何損失。到此為止，不要回應。",
    },
    "closeness.lure": {
        "en": "They are dangling money or a threat: nothing is lost yet, and this is the moment to stop.",
        "zh-Hans": "对方在用赔付或威胁引你上钩，还没有损失，现在停下正是时候。",
        "zh-Hant": "對方在用賠償或威脅引你上鉤，還沒有損失，現在停下來正是時候。",
    },
    "closeness.channel": {
        "en": "They want to move you off the shopping app: in almost every reported case money is lost "
              "after this step. Don't follow them.",
        "zh-Hans": "对方想把你从购物平台引到别处：几乎所有案例都是在这一步之后损失钱财的。不要跟着走。",
        "zh-Hant": "對方想把你從購物平臺帶到別處：幾乎所有案例都是在這一步之後損失錢財的。不要跟著走。",
    },
    "closeness.control": {
        "en": "They want control of your screen or phone: one step before your money leaves. Stop now.",
        "zh-Hans": "对方想控制你的屏幕或手机，离钱被转走只差一步。立即停止。",
        "zh-Hant": "對方想控制你的螢幕或手機，離錢被轉走只差一步。馬上停止。",
    },
    "closeness.extraction": {
        "en": "This is the step where money or codes leave you. Stop now, pay nothing, share no code.",
        "zh-Hans": "这一步就是骗走钱或验证码。立即停止，不要付款，不要提供任何验证码。",
        "zh-Hant": "這一步就是騙走錢或驗證碼。馬上停止，不要付款，不要提供任何驗證碼。",
    },
    "btn.why": {"en": "❓ Why?", "zh-Hans": "❓ 为什么？", "zh-Hant": "❓ 為什麼？"},
    "btn.incident": {
        "en": "🆘 I already replied / paid / shared my screen",
        "zh-Hans": "🆘 我已经回复／付款／共享了屏幕",
        "zh-Hant": "🆘 我已經回覆／付款／分享了螢幕",
    },
    "btn.report": {"en": "🚩 Report", "zh-Hans": "🚩 举报", "zh-Hant": "🚩 檢舉"},
    "why.head": {
        "en": "<b>Why I answered this way</b>",
        "zh-Hans": "<b>我这样判断的原因</b>",
        "zh-Hant": "<b>我這樣判斷的原因</b>",
    },
    "why.checks": {
        "en": "<b>What I found in the message:</b>",
        "zh-Hans": "<b>我在消息里找到的：</b>",
        "zh-Hant": "<b>我在訊息裡找到的：</b>",
    },
    "why.check": {
        "en": "• <b>{title}</b>",
        "zh-Hans": "• <b>{title}</b>",
        "zh-Hant": "• <b>{title}</b>",
    },
    "why.explanation": {
        "en": "<b>Why it is dangerous:</b> {explanation}",
        "zh-Hans": "<b>为什么危险：</b>{explanation}",
        "zh-Hant": "<b>為什麼危險：</b>{explanation}",
    },
    "why.facts": {
        "en": "<b>Facts, not a sign that it is safe:</b>",
        "zh-Hans": "<b>客观事实（不代表安全）：</b>",
        "zh-Hant": "<b>客觀事實（不代表安全）：</b>",
    },
    "why.against": {
        "en": "<b>What points the other way (still not proof that it is safe):</b>",
        "zh-Hans": "<b>反方向的迹象（仍不能证明安全）：</b>",
        "zh-Hant": "<b>反方向的跡象（仍不能證明安全）：</b>",
    },
    "why.stages": {
        "en": "<b>Steps of the scam script it contains:</b> {stages}",
        "zh-Hans": "<b>消息包含的骗局步骤：</b>{stages}",
        "zh-Hant": "<b>訊息包含的騙局步驟：</b>{stages}",
    },
    "why.none": {
        "en": "Nothing in it matched the scam patterns I know (fake customer service, refund and "
              "compensation offers, parcel and customs fees, moving you to another app, screen sharing, "
              "codes, loans, transfers to a \"safe account\"). New scams appear all the time, so check it "
              "yourself too.",
        "zh-Hans": "消息里没有匹配到我知道的诈骗模式（冒充客服、退款理赔、快递和海关收费、引你加别的App、"
                   "共享屏幕、索要验证码、借贷、转账到“安全账户”）。新骗局层出不穷，请自己再核对一遍。",
        "zh-Hant": "訊息裡沒有符合我知道的詐騙模式（假冒客服、退款理賠、包裹和海關收費、要你加別的App、"
                   "分享螢幕、索取驗證碼、借貸、轉帳到「安全帳戶」）。新騙局層出不窮，請自己再確認一遍。",
    },
    "why.small_talk": {
        "en": "That message is too short for me to judge: there is nothing in it to check. Send me the "
              "message you received and I'll look at it.",
        "zh-Hans": "这条消息太短，没有可以检查的内容。请把你收到的消息发给我，我来看看。",
        "zh-Hant": "這則訊息太短，沒有可以檢查的內容。請把你收到的訊息傳給我，我來看看。",
    },
    "why.rules": {
        "en": "<b>What real shops, platforms and couriers never do:</b>\n"
              "• contact you to give a refund or compensation that needs action from you: genuine refunds go "
              "back to the original payment method by themselves;\n"
              "• ask you to chat on QQ, WeChat, WhatsApp or in a meeting app, or to share your screen;\n"
              "• ask for a verification code, a password or a card number;\n"
              "• ask you to borrow money, \"clear a credit line\", or move money to a \"safe\" account;\n"
              "• ask for gift cards, crypto or a Bitcoin ATM.",
        "zh-Hans": "<b>真正的商家、平台和快递从来不会：</b>\n"
                   "• 主动联系你办理需要你操作的退款或理赔：真正的退款会原路退回；\n"
                   "• 让你加QQ、微信或进会议App沟通，或者共享屏幕；\n"
                   "• 索要验证码、密码或银行卡号；\n"
                   "• 让你借款、“注销额度”、“清空备用金”或转账到“安全账户”；\n"
                   "• 让你买礼品卡、虚拟币或去比特币ATM付款。",
        "zh-Hant": "<b>真正的商家、平臺和物流從來不會：</b>\n"
                   "• 主動聯絡你辦理需要你操作的退款或理賠：真正的退款會原路退回；\n"
                   "• 要你加LINE、微信或進會議App溝通，或是分享螢幕；\n"
                   "• 索取驗證碼、密碼或信用卡號；\n"
                   "• 要你借錢、「註銷額度」、「解除分期付款」或轉帳到「安全帳戶」；\n"
                   "• 要你買禮物卡、虛擬貨幣或去比特幣ATM付款。",
    },
    "incident": {
        "en": "🆘 <b>Do these now, in this order</b>\n"
              "1. <b>Stop contact.</b> Hang up, stop replying, end any screen sharing inside the sharing app "
              "(switching apps does not end it) and uninstall the meeting or remote-control app. If they still "
              "control your phone, turn on flight mode.\n"
              "2. <b>Call your bank</b> on the number printed on your card: freeze the account and cards, stop "
              "pending payments. In mainland China call <b>110</b> at once: it can trigger an emergency "
              "stop-payment on the receiving account.\n"
              "3. <b>Change passwords</b> of your bank, payment, shopping and email accounts, first those you "
              "typed, said or showed on screen.\n"
              "4. <b>Check logged-in devices</b> in each of those apps, log out the ones you don't know, and "
              "remove unknown payment bindings.\n"
              "5. <b>Report it</b>, keeping chat logs, transfer records and screenshots: mainland China 110 "
              "(loss) or 96110 (advice); Taiwan 165; Hong Kong 18222 (999 in an emergency); Singapore 1799 "
              "or the ScamShield app; US ReportFraud.ftc.gov or ic3.gov; UK Report Fraud 0300 123 2040 "
              "(formerly Action Fraud), forward scam texts to 7726.\n"
              "6. <b>Beware \"recovery\" offers.</b> Anyone who promises to get your money back for a fee, even "
              "posing as the police, a bank or a lawyer, is running a second scam.",
        "zh-Hans": "🆘 <b>现在按顺序做这些事</b>\n"
                   "1. <b>停止联系。</b>挂断电话、不再回复，在共享屏幕的App里结束共享（切换到别的App并不会结束"
                   "共享），卸载会议或远程控制App。如果手机仍被控制，打开飞行模式。\n"
                   "2. <b>打银行电话</b>（银行卡背面的号码）：冻结账户和银行卡，拦截未完成的付款。在中国大陆请"
                   "立即拨打<b>110</b>，可以对收款账户紧急止付。\n"
                   "3. <b>修改密码</b>：银行、支付、购物和邮箱账户，先改你输入过、说出过或在屏幕上展示过的。\n"
                   "4. <b>检查登录设备</b>：在这些App里查看已登录的设备，退出不认识的设备，解除陌生的支付绑定。\n"
                   "5. <b>报案</b>，保留聊天记录、转账记录和截图：中国大陆 110（已损失）或 96110（咨询）；台湾 165；"
                   "香港 18222（紧急情况 999）；新加坡 1799 或 ScamShield App；美国 ReportFraud.ftc.gov 或 "
                   "ic3.gov；英国 Report Fraud 0300 123 2040。\n"
                   "6. <b>小心“追回损失”的人。</b>任何承诺收费帮你追回钱的人，即使自称警察、银行或律师，都是第二"
                   "次诈骗。",
        "zh-Hant": "🆘 <b>現在按順序做這些事</b>\n"
                   "1. <b>停止聯繫。</b>掛斷電話、不再回覆，在分享螢幕的App裡結束分享（切換到別的App並不會結束"
                   "分享），解除安裝會議或遠端控制App。如果手機仍被控制，開啟飛航模式。\n"
                   "2. <b>打銀行電話</b>（金融卡或信用卡背面的號碼）：凍結帳戶和卡片，攔截尚未完成的付款。\n"
                   "3. <b>修改密碼</b>：銀行、支付、購物和電子郵件帳戶，先改你輸入過、說出過或在螢幕上展示過的。\n"
                   "4. <b>檢查登入裝置</b>：在這些App裡查看已登入的裝置，登出不認識的裝置，解除陌生的支付綁定。\n"
                   "5. <b>報案</b>，保留聊天紀錄、轉帳紀錄和截圖：臺灣 165 或 110；香港 18222（緊急情況 999）；"
                   "中國大陸 110（已損失）或 96110（諮詢）；新加坡 1799 或 ScamShield App；美國 "
                   "ReportFraud.ftc.gov 或 ic3.gov；英國 Report Fraud 0300 123 2040。\n"
                   "6. <b>小心「追回損失」的人。</b>任何承諾收費幫你追回錢的人，即使自稱警察、銀行或律師，都是第二"
                   "次詐騙。",
    },
    "check.expired": {
        "en": "ℹ️ This check has expired: I keep checked text in memory for only {minutes} minutes. "
              "Send the message again.",
        "zh-Hans": "ℹ️ 这次检查已过期：我只在内存中保留检查过的文字 {minutes} 分钟。请重新发送那条消息。",
    },
    "check.usage": {
        "en": "ℹ️ Send <code>/check</code> followed by the text, or reply <code>/check</code> to the message "
              "you want checked. You can also simply forward it to me.",
        "zh-Hans": "ℹ️ 发送 <code>/check</code> 加上要检查的文字，或者用 <code>/check</code> 回复那条消息。"
                   "也可以直接把消息转发给我。",
    },
    "check.empty": {
        "en": "ℹ️ There is no text in that message for me to check. Paste or forward the text.",
        "zh-Hans": "ℹ️ 这条消息里没有可以检查的文字。请粘贴或转发文字内容。",
    },
    "check.nothing": {
        "en": "ℹ️ I can check text and screenshots. Forward the suspicious message, paste its text, or send "
              "a screenshot. /help lists everything I can do.",
        "zh-Hans": "ℹ️ 我可以检查文字和截图。请转发可疑消息、粘贴文字或发送截图。/help 查看全部功能。",
    },
    "flood": {
        "en": "⏳ You've sent a lot of messages in the last minute. Please wait a moment: I'll answer again "
              "shortly.",
        "zh-Hans": "⏳ 你在一分钟内发了很多消息，请稍等片刻，我很快就能继续回答。",
    },
    "error": {
        "en": "😕 Something went wrong on my side. Please try again in a moment.",
        "zh-Hans": "😕 我这边出了点问题，请稍后再试。",
    },
    "busy": {
        "en": "⏳ I'm too busy to finish that right now, and nothing was changed. Please send it again in a "
              "moment.",
        "zh-Hans": "⏳ 我这边现在太忙，没能完成，也没有做任何更改。请稍等一下再发一次。",
        "zh-Hant": "⏳ 我這邊現在太忙，沒辦法完成，也沒有做任何變更。請稍等一下再傳一次。",
    },
    "unknown.command": {
        "en": "ℹ️ I don't know that command. /help lists what I can do.",
        "zh-Hans": "ℹ️ 我不认识这个命令。/help 查看我能做的事。",
    },
    "unknown.callback": {
        "en": "This button is no longer valid.",
        "zh-Hans": "这个按钮已失效。",
    },
    "callback.private_only": {
        "en": "This button works only in a private chat with me.",
        "zh-Hans": "这个按钮只能在和我的私聊里使用。",
        "zh-Hant": "這個按鈕只能在和我的私訊裡使用。",
    },
    "private.only": {
        "en": "ℹ️ Please use this command in a private chat with me.",
        "zh-Hans": "ℹ️ 请在和我的私聊中使用这个命令。",
    },
    # --- screenshots ------------------------------------------------------------------------------------
    "image.no_ocr": {
        "en": "ℹ️ Reading screenshots is not installed on this bot. Please paste the text of the message "
              "instead.",
        "zh-Hans": "ℹ️ 这个机器人没有安装截图识别功能。请直接粘贴消息的文字。",
    },
    "image.unreadable": {
        "en": "ℹ️ I could not read this image reliably. Please paste the text of the message instead.",
        "zh-Hans": "ℹ️ 我无法可靠地识别这张图片里的文字。请直接粘贴消息的文字。",
    },
    "image.too_large": {
        "en": "ℹ️ This image is too large for me (limit {megabytes} MB). Send a smaller screenshot or paste "
              "the text.",
        "zh-Hans": "ℹ️ 这张图片太大了（上限 {megabytes} MB）。请发送小一点的截图，或直接粘贴文字。",
    },
    "image.timed_out": {
        "en": "ℹ️ I couldn't read this image in time. Please paste the text of the message instead, or send a "
              "screenshot of just the message.",
        "zh-Hans": "ℹ️ 这张图片我没能及时识别出来。请直接粘贴消息的文字，或者只截取消息那一部分再发给我。",
        "zh-Hant": "ℹ️ 這張圖片我沒辦法及時辨識出來。請直接貼上訊息的文字，或是把訊息那一段截圖下來再傳給我。",
    },
    "image.too_big_to_read": {
        "en": "ℹ️ This image is too large or too long and thin for me to read. Please send a screenshot of just "
              "the message, or paste its text.",
        "zh-Hans": "ℹ️ 这张图片太大，或者太长太窄，我无法识别。请只截取消息那一部分再发给我，或者直接粘贴文字。",
        "zh-Hant": "ℹ️ 這張圖片太大，或是太長太窄，我沒辦法辨識。請把訊息那一段截圖下來再傳給我，或是直接貼上文字。",
    },
    # --- knowledge base ---------------------------------------------------------------------------------
    "ask.usage": {
        "en": "ℹ️ Ask me a question after <code>/ask</code>, for example: <code>/ask how do I hide my phone "
              "number on parcels?</code>",
        "zh-Hans": "ℹ️ 在 <code>/ask</code> 后面写上问题，例如：<code>/ask 快递单上怎么隐藏手机号？</code>",
    },
    "flow.step": {
        "en": "<b>Checking your parcel safely ({index}/{total})</b>\n{step}",
        "zh-Hans": "<b>安全查快递（{index}/{total}）</b>\n{step}",
    },
    "btn.next": {"en": "Next ▶", "zh-Hans": "下一步 ▶"},
    "btn.previous": {"en": "◀ Back", "zh-Hans": "◀ 上一步"},
    # --- onboarding and account -------------------------------------------------------------------------
    "welcome": {
        "en": "👋 Welcome to ShopSafe! Forward me any message that claims to be from a shop, a platform or a "
              "courier and I'll tell you if it looks like a scam. /help shows everything, /privacy what I "
              "keep.",
        "zh-Hans": "👋 欢迎使用 ShopSafe！把自称商家、平台或快递的消息转发给我，我会告诉你它像不像诈骗。"
                   "/help 查看全部功能，/privacy 查看我保存了什么。",
    },
    "start": {
        "en": "👋 <b>ShopSafe</b> protects online shoppers from refund, compensation and fake customer-service "
              "scams, and teaches privacy habits.\n\n"
              "• <b>Check a message:</b> forward it to me, paste it, send a screenshot, or use /check.\n"
              "• <b>Ask a question:</b> just ask, or use /ask (e.g. how to hide your phone number on "
              "parcels).\n"
              "• <b>Stay alerted:</b> /subscribe for scam alerts, /remind for a periodic security check-up.\n\n"
              "<b>What I keep:</b> your Telegram user id, language and settings. The text you check is never "
              "stored unless you press Report. Details: /privacy. Delete everything: /forget.\n\n"
              "Choose your language:",
        "zh-Hans": "👋 <b>ShopSafe</b> 帮网购用户识别退款、理赔和冒充客服的诈骗，并教你保护隐私。\n\n"
                   "• <b>检查消息：</b>转发给我、粘贴文字、发送截图，或使用 /check。\n"
                   "• <b>提问：</b>直接问我，或使用 /ask（例如：快递单上怎么隐藏手机号）。\n"
                   "• <b>接收提醒：</b>/subscribe 订阅诈骗预警，/remind 设置定期的账户安全检查。\n\n"
                   "<b>我保存什么：</b>你的 Telegram 用户ID、语言和设置。你检查的文字不会被保存，除非你点"
                   "“举报”。详情见 /privacy，删除全部数据用 /forget。\n\n"
                   "选择语言：",
        "zh-Hant": "👋 <b>ShopSafe</b> 幫網購使用者識別退款、理賠和冒充客服的詐騙，並教你保護隱私。\n"
                   "\n"
                   "• <b>檢查訊息：</b>轉傳給我、貼上文字、傳送截圖，或使用 /check。\n"
                   "• <b>提問：</b>直接問我，或使用 /ask（例如：包裹單上怎麼隱藏手機號碼）。\n"
                   "• <b>接收提醒：</b>/subscribe 訂閱詐騙預警，/remind 設定定期的帳戶安全檢查。\n"
                   "\n"
                   "<b>我儲存什麼：</b>你的 Telegram 使用者ID、語言和設定。你檢查的文字不會被儲存，除非你點「檢舉」。詳情見 /privacy，刪除全部資料用 /forget。\n"
                   "\n"
                   "選擇語言：",
    },
    "help": {
        "en": "<b>What I can do</b>\n"
              "• Forward or paste a suspicious message, or send a screenshot: I check it.\n"
              "/check TEXT — check a text (or reply /check to a message)\n"
              "/ask QUESTION — ask about scams and shopping privacy\n"
              "/report — reply to a message to report it as a scam to the moderators\n"
              "/subscribe, /unsubscribe — scam alerts from the moderators\n"
              "/remind — a periodic security check-up of your accounts\n"
              "/lang — language\n"
              "/region — where you live, for local laws, hotlines and bank steps\n"
              "/privacy — exactly what I store and for how long\n"
              "/forget — delete everything I have about you\n"
              "/groupsettings — in a group, for admins: scanning and alerts on or off",
        "zh-Hans": "<b>我能做什么</b>\n"
                   "• 转发或粘贴可疑消息，或者发送截图：我来检查。\n"
                   "/check 文字 — 检查一段文字（或用 /check 回复一条消息）\n"
                   "/ask 问题 — 询问诈骗和网购隐私相关问题\n"
                   "/report — 回复一条消息，向管理员举报诈骗\n"
                   "/subscribe、/unsubscribe — 订阅或取消管理员发布的诈骗预警\n"
                   "/remind — 定期的账户安全检查\n"
                   "/lang — 语言\n"
                   "/region — 你所在的地区，用于当地的法律、热线和银行处理步骤\n"
                   "/privacy — 我保存了什么、保存多久\n"
                   "/forget — 删除关于你的全部数据\n"
                   "/groupsettings — 群管理员在群里开关扫描和预警",
        "zh-Hant": "<b>我能做什麼</b>\n"
                   "• 轉傳或貼上可疑訊息，或者傳送截圖：我來檢查。\n"
                   "/check 文字 — 檢查一段文字（或用 /check 回覆一條訊息）\n"
                   "/ask 問題 — 詢問詐騙和網購隱私相關問題\n"
                   "/report — 回覆一條訊息，向管理員檢舉詐騙\n"
                   "/subscribe、/unsubscribe — 訂閱或取消管理員發布的詐騙預警\n"
                   "/remind — 定期的帳戶安全檢查\n"
                   "/lang — 語言\n"
                   "/region — 你所在的地區，用於當地的法律、熱線和銀行處理步驟\n"
                   "/privacy — 我儲存了什麼、儲存多久\n"
                   "/forget — 刪除關於你的全部資料\n"
                   "/groupsettings — 群組管理員在群組裡開關掃描和預警",
    },
    "help.moderator": {
        "en": "<b>Moderators</b>\n"
              "/broadcast TEXT — send a scam alert to every subscriber and group (with a preview first)\n"
              "/broadcasts — past alerts with delivery counts and votes\n"
              "/pending — community reports to approve or reject\n"
              "/newpattern ID words; words — turn report ID into a new pattern\n"
              "/stats — checks, verdicts, top patterns and reports of the last 30 days\n"
              "/console — a one-time link to the web console (reports, alerts, statistics, patterns)",
        "zh-Hans": "<b>管理员</b>\n"
                   "/broadcast 文字 — 向所有订阅者和群发送诈骗预警（先预览）\n"
                   "/broadcasts — 以往的预警、送达数和评价\n"
                   "/pending — 待审核的用户举报\n"
                   "/newpattern 编号 词; 词 — 把举报建成新的诈骗模式\n"
                   "/stats — 最近30天的检查次数、结论、常见模式和举报\n"
                   "/console — 网页控制台的一次性登录链接（举报、预警、统计、模式）",
    },
    "privacy": {
        "en": "<b>What ShopSafe stores, exactly</b>\n"
              "• Your Telegram user id, your language, your region if you chose one with /region (now: "
              "{region}), whether you subscribed to alerts, whether Telegram says "
              "you blocked the bot, and when you first wrote.\n"
              "• Your security check-up, if you set one: interval, time of day, time zone, next date.\n"
              "• Reports you send with Report or /report: the text with phone numbers, QQ/WeChat ids, names, "
              "addresses and order numbers masked, the verdict, and your user id (to thank you). They are "
              "deleted after {days} days; an approved report's masked text can stay as an example in a "
              "scam pattern.\n"
              "• Alerts: which alert was delivered to you and when, and your 👍/👎 vote on it (both deleted "
              "{days} days after the alert went out).\n"
              "• Each message or button press you send, only until it is answered (normally under a second), "
              "so that a restart loses none; then its content is deleted, and its bare number two days later.\n"
              "• Daily counters of checks (date, verdict, pattern), with no text and no user id.\n"
              "• Moderators' actions, in an audit log.\n\n"
              "<b>Never kept:</b> the text and screenshots you check. Beyond that moment, they are kept only in "
              "memory, for at most {minutes} minutes, so the buttons under a verdict work, and written down only if you press "
              "Report. Your last question stays in memory too, as long, so a follow-up is understood. Logs "
              "contain no message text.\n\n"
              "/forget deletes your user record, settings, reminder, subscription, votes and reports.",
        "zh-Hans": "<b>ShopSafe 具体保存什么</b>\n"
                   "• 你的 Telegram 用户ID、语言、用 /region 选择的地区（现在：{region}）、是否订阅预警、Telegram 是否告知你屏蔽了机器人，以及你第一次"
                   "发消息的时间。\n"
                   "• 你设置的安全检查提醒：间隔、时间、时区和下次提醒日期。\n"
                   "• 你通过“举报”按钮或 /report 提交的举报：文字中的手机号、QQ/微信号、姓名、地址和订单号会被"
                   "遮盖，另存判断结论和你的用户ID（用于感谢你）。举报在 {days} 天以后删除；通过审核的举报，其遮盖"
                   "后的文字可能作为例句保留在诈骗模式中。\n"
                   "• 预警：哪条预警在何时送达给你，以及你对它的 👍/👎 评价（两者都在预警发出 {days} 天以后删除）。\n"
                   "• 你发来的每条消息或按钮操作，只保存到回答完为止（通常不到一秒），以免重启时丢失；之后内容立即删除，"
                   "编号在两天后删除。\n"
                   "• 每天的检查计数（日期、结论、模式），不含文字，也不含用户ID。\n"
                   "• 管理员的操作记录（审计日志）。\n\n"
                   "<b>不会长期保存：</b>你检查的文字和截图。除了上面那一刻，它们只在内存中保留最多 {minutes} 分钟，以便结论下方的"
                   "按钮可用；只有你点“举报”时才会写入。你上一个问题也只在内存中保留同样长的时间，以便理解追问。"
                   "日志中不含消息文字。\n\n"
                   "/forget 会删除你的用户记录、设置、提醒、订阅、评价和举报。",
        "zh-Hant": "<b>ShopSafe 具體儲存什麼</b>\n"
                   "• 你的 Telegram 使用者ID、語言、用 /region 選擇的地區（現在：{region}）、是否訂閱預警、Telegram 是否告知你封鎖了機器人，以及你第一次發訊息的時間。\n"
                   "• 你設定的安全檢查提醒：間隔、時間、時區和下次提醒日期。\n"
                   "• 你透過「檢舉」按鈕或 /report 提交的檢舉：文字中的手機號碼、QQ/微信號、姓名、地址和訂單號會被遮蓋，另存判斷結論和你的使用者ID（用於感謝你）。檢舉在 {days} 天以後刪除；通過審核的檢舉，其遮蓋後的文字可能作為例句保留在詐騙模式中。\n"
                   "• 預警：哪條預警在何時送達給你，以及你對它的 👍/👎 評價（兩者都在預警發出 {days} 天以後刪除）。\n"
                   "• 你傳來的每則訊息或按鈕操作，只保存到回覆完成為止（通常不到一秒），以免重新啟動時遺失；之後內容立即刪除，編號在兩天後刪除。\n"
                   "• 每天的檢查計數（日期、結論、模式），不含文字，也不含使用者ID。\n"
                   "• 管理員的操作紀錄（稽核紀錄）。\n"
                   "\n"
                   "<b>不會長期保存：</b>你檢查的文字和截圖。除了上面那一刻，它們只在記憶體中保留最多 {minutes} 分鐘，以便結論下方的按鈕可用；只有你點「檢舉」時才會寫入。你上一個問題也只在記憶體中保留同樣長的時間，以便理解追問。日誌中不含訊息文字。\n"
                   "\n"
                   "/forget 會刪除你的使用者紀錄、設定、提醒、訂閱、評價和檢舉。",
    },
    "lang.choose": {"en": "Choose your language:", "zh-Hans": "选择语言："},
    # --- region: laws, hotlines and recovery steps differ by place -------------------------------------
    "region.choose": {
        "en": "<b>Where do you live?</b> Laws, hotlines and bank steps differ by place, so I write those answers "
              "for yours. Now: {current}. A question that names a place is answered for that place.",
        "zh-Hans": "<b>你住在哪里？</b>法律、热线和银行处理步骤因地而异，我会按你所在的地区回答。现在：{current}。"
                   "问题里提到别的地方时，按那个地方回答。",
        "zh-Hant": "<b>你住在哪裡？</b>法律、熱線和銀行處理步驟因地而異，我會按你所在的地區回答。現在：{current}。"
                   "問題裡提到別的地方時，按那個地方回答。",
    },
    "region.set": {
        "en": "✅ I'll answer for {region}. Change it any time with /region.",
        "zh-Hans": "✅ 我会按{region}的情况回答。随时可以用 /region 修改。",
        "zh-Hant": "✅ 我會按{region}的情況回答。隨時可以用 /region 修改。",
    },
    "region.cleared": {
        "en": "✅ No region stored: each question's own place decides, and I say so when it matters.",
        "zh-Hans": "✅ 不保存地区：按每个问题提到的地方回答，地区有影响时我会说明。",
        "zh-Hant": "✅ 不保存地區：按每個問題提到的地方回答，地區有影響時我會說明。",
    },
    "region.unset": {"en": "not set", "zh-Hans": "未设置", "zh-Hant": "未設定"},
    "region.none": {"en": "Ask me each time", "zh-Hans": "每次按问题判断", "zh-Hant": "每次按問題判斷"},
    "region.CN": {"en": "Mainland China", "zh-Hans": "中国大陆", "zh-Hant": "中國大陸"},
    "region.TW": {"en": "Taiwan", "zh-Hans": "台湾", "zh-Hant": "臺灣"},
    "region.HK": {"en": "Hong Kong", "zh-Hans": "香港", "zh-Hant": "香港"},
    "region.SG": {"en": "Singapore", "zh-Hans": "新加坡", "zh-Hant": "新加坡"},
    "region.MY": {"en": "Malaysia", "zh-Hans": "马来西亚", "zh-Hant": "馬來西亞"},
    "region.UK": {"en": "United Kingdom", "zh-Hans": "英国", "zh-Hant": "英國"},
    "region.US": {"en": "United States", "zh-Hans": "美国", "zh-Hant": "美國"},
    "region.AU": {"en": "Australia", "zh-Hans": "澳大利亚", "zh-Hant": "澳洲"},
    "region.IN": {"en": "India", "zh-Hans": "印度", "zh-Hant": "印度"},
    "region.EU": {"en": "European Union", "zh-Hans": "欧盟", "zh-Hant": "歐盟"},
    "lang.set": {"en": "✅ I'll answer in English.", "zh-Hans": "✅ 我会用简体中文回答。", "zh-Hant": "✅ 我會用繁體中文回答。"},
    "forget.confirm": {
        "en": "Delete everything I have about you: your settings, reminder, subscription, votes and reports? "
              "This cannot be undone.",
        "zh-Hans": "删除我保存的关于你的全部数据：设置、提醒、订阅、评价和举报？此操作无法撤销。",
    },
    "btn.forget_yes": {"en": "🗑 Yes, delete everything", "zh-Hans": "🗑 是，全部删除"},
    "btn.forget_no": {"en": "Keep my data", "zh-Hans": "保留我的数据"},
    "forget.done": {
        "en": "🗑 Done: everything I had about you is deleted. If you write to me again, I'll only keep your "
              "user id and language.",
        "zh-Hans": "🗑 完成：关于你的数据已全部删除。如果你再给我发消息，我只会保存你的用户ID和语言。",
    },
    "forget.kept": {"en": "Nothing was deleted.", "zh-Hans": "没有删除任何数据。"},
    "subscribe.on": {
        "en": "🔔 Subscribed: you'll get scam alerts from the moderators. /unsubscribe stops them.",
        "zh-Hans": "🔔 已订阅：你会收到管理员发布的诈骗预警。/unsubscribe 可以取消。",
    },
    "subscribe.off": {
        "en": "🔕 Unsubscribed: no more scam alerts. /subscribe turns them back on.",
        "zh-Hans": "🔕 已取消订阅：不会再收到诈骗预警。/subscribe 可以重新订阅。",
    },
    # --- security check-ups: a periodic look at the accounts, not a schedule for changing passwords -------
    # Current guidance (NIST SP 800-63B-4, the UK NCSC) is against scheduled password changes: a password is
    # changed when it was reused, leaked, phished or shared, so the check-up asks exactly that.
    "remind.choose_interval": {
        "en": "🔐 <b>Security check-up</b>\n"
              "How often should I send you a short check-up of your accounts? It is not a reminder to change "
              "passwords on a schedule (current guidance advises against that): it walks you through the "
              "checks that matter, and a password is changed only when it was reused, leaked, phished or shared.",
        "zh-Hans": "🔐 <b>账户安全检查</b>\n"
                   "多久给你发一次简短的账户安全检查？这不是定期改密码的提醒（现行指南不建议定期改）：它带你做"
                   "真正有用的几项检查；密码只在重复使用、泄露、被钓鱼或告诉过别人时才需要改。",
        "zh-Hant": "🔐 <b>帳戶安全檢查</b>\n"
                   "多久發送一次簡短的帳戶安全檢查給你？這不是定期換密碼的提醒（現行指引不建議定期換）：它會帶你"
                   "做真正有用的幾項檢查；密碼只有在重複使用、外洩、被釣魚或告訴過別人時才需要換。",
    },
    "remind.current": {
        "en": "Now: a check-up every {days} days at {time} ({zone}); next on {next}.",
        "zh-Hans": "当前：每 {days} 天检查一次，{time}（{zone}）；下次是 {next}。",
        "zh-Hant": "目前：每 {days} 天檢查一次，{time}（{zone}）；下次是 {next}。",
    },
    "remind.choose_time": {
        "en": "A check-up every {days} days. At what time of day?",
        "zh-Hans": "每 {days} 天检查一次。在一天中的什么时间？",
        "zh-Hant": "每 {days} 天檢查一次。要在一天中的什麼時間？",
    },
    "remind.choose_zone": {
        "en": "A check-up every {days} days at {time}. In which time zone?",
        "zh-Hans": "每 {days} 天检查一次，{time}。你在哪个时区？",
        "zh-Hant": "每 {days} 天檢查一次，{time}。你在哪個時區？",
    },
    "remind.set": {
        "en": "✅ I'll send your security check-up every {days} days at {time} ({zone}). First one: {next}.\n"
              "Change it any time with /remind; <code>/remind off</code> stops it.",
        "zh-Hans": "✅ 我会每 {days} 天在 {time}（{zone}）给你发一次安全检查。第一次：{next}。\n"
                   "随时可以用 /remind 修改；<code>/remind off</code> 关闭。",
        "zh-Hant": "✅ 我會每 {days} 天在 {time}（{zone}）發送一次安全檢查給你。第一次：{next}。\n"
                   "隨時可以用 /remind 修改；<code>/remind off</code> 關閉。",
    },
    "remind.off": {
        "en": "🔕 Security check-ups are off. /remind turns them back on.",
        "zh-Hans": "🔕 安全检查提醒已关闭。/remind 可以重新开启。",
        "zh-Hant": "🔕 安全檢查提醒已關閉。/remind 可以重新開啟。",
    },
    "remind.usage": {
        "en": "ℹ️ Use the buttons, or type for example <code>/remind 90 20:00 Europe/London</code>: a check-up "
              "every 30, 60, 90 or 180 days, a time of day (HH:MM) and a time zone, or <code>/remind off</code>.",
        "zh-Hans": "ℹ️ 请使用按钮，或输入例如 <code>/remind 90 20:00 Asia/Shanghai</code>：每 30、60、90 或 "
                   "180 天检查一次，加上时间（时:分）和时区；或 <code>/remind off</code>。",
        "zh-Hant": "ℹ️ 請使用按鈕，或輸入例如 <code>/remind 90 20:00 Asia/Taipei</code>：每 30、60、90 或 "
                   "180 天檢查一次，加上時間（時:分）和時區；或 <code>/remind off</code>。",
    },
    "remind.checklist": {
        "en": "🔐 <b>Your security check-up</b>\n"
              "☐ A password used on more than one site? Change it, email, shopping and payment first.\n"
              "☐ A breach notice, or your email found by a breach check such as haveibeenpwned.com? Change "
              "that password.\n"
              "☐ Typed a password into a link from a text or email, or told it to anyone? Change it now.\n"
              "☐ Passkey or authenticator app on, wherever an account offers one?\n"
              "☐ Logged-in devices: log out any you don't know.\n"
              "A long, unique password that was never exposed can stay: current guidance (NIST, the UK NCSC) "
              "is against changing passwords on a schedule.",
        "zh-Hans": "🔐 <b>你的账户安全检查</b>\n"
                   "☐ 有没有哪个密码在多个网站用过？改掉，先改邮箱、购物和支付账户的。\n"
                   "☐ 收到过泄露通知，或在 haveibeenpwned.com 这类泄露查询里查到你的邮箱？改那个密码。\n"
                   "☐ 在短信、邮件的链接里输入过密码，或把密码告诉过别人？现在就改。\n"
                   "☐ 支持通行密钥（passkey）或认证器App的账户，都开了吗？\n"
                   "☐ 看看已登录的设备，退出不认识的。\n"
                   "又长又不重复、从没泄露过的密码不用改：现行指南（NIST、英国NCSC）不建议定期改密码。",
        "zh-Hant": "🔐 <b>你的帳戶安全檢查</b>\n"
                   "☐ 有沒有哪組密碼在好幾個網站用過？換掉，先換電子郵件、購物和付款帳戶的。\n"
                   "☐ 收過外洩通知，或在 haveibeenpwned.com 這類外洩查詢查到你的電子郵件？換掉那組密碼。\n"
                   "☐ 在簡訊、電子郵件的連結裡輸入過密碼，或把密碼告訴過別人？現在就換。\n"
                   "☐ 支援通行密鑰（passkey）或驗證器App的帳戶，都開了嗎？\n"
                   "☐ 看看已登入的裝置，登出不認識的。\n"
                   "夠長、不重複、從沒外洩過的密碼不用換：現行指引（NIST、英國NCSC）不建議定期換密碼。",
    },
    "btn.remind_done": {"en": "✅ Checked", "zh-Hans": "✅ 查完了", "zh-Hant": "✅ 查完了"},
    "btn.remind_tomorrow": {"en": "⏰ Remind me tomorrow", "zh-Hans": "⏰ 明天再提醒我", "zh-Hant": "⏰ 明天再提醒我"},
    "btn.remind_stop": {"en": "🔕 Stop", "zh-Hans": "🔕 停止提醒", "zh-Hant": "🔕 停止提醒"},
    "btn.off": {"en": "Off", "zh-Hans": "关闭"},
    "btn.days": {"en": "{days} days", "zh-Hans": "{days} 天"},
    "remind.done": {
        "en": "✅ Well done! Next check-up: {next}.",
        "zh-Hans": "✅ 做得好！下次检查：{next}。",
        "zh-Hant": "✅ 做得好！下次檢查：{next}。",
    },
    "remind.tomorrow": {
        "en": "⏰ OK, I'll send the check-up again tomorrow.",
        "zh-Hans": "⏰ 好的，明天再发给你。",
        "zh-Hant": "⏰ 好的，明天再發給你。",
    },
    "remind.none": {
        "en": "ℹ️ You have no security check-up set. /remind sets one.",
        "zh-Hans": "ℹ️ 你还没有设置安全检查提醒。/remind 可以设置。",
        "zh-Hant": "ℹ️ 你還沒有設定安全檢查提醒。/remind 可以設定。",
    },
    # --- moderator broadcasts ---------------------------------------------------------------------------
    "moderators.only": {
        "en": "ℹ️ This command is for moderators only.",
        "zh-Hans": "ℹ️ 这个命令仅供管理员使用。",
    },
    "broadcast.usage": {
        "en": "ℹ️ Write the alert after the command: <code>/broadcast TEXT</code>. It is sent exactly as "
              "written.",
        "zh-Hans": "ℹ️ 在命令后写上预警内容：<code>/broadcast 文字</code>。内容会原样发送。",
    },
    "broadcast.too_long": {
        "en": "ℹ️ The alert is {length} characters long; Telegram allows {limit}. Shorten it and send "
              "/broadcast again. Nothing was sent.",
        "zh-Hans": "ℹ️ 预警有 {length} 个字符，Telegram 最多允许 {limit} 个。请缩短后重新发送 /broadcast。"
                   "尚未发送任何内容。",
    },
    "broadcast.preview": {
        "en": "📣 <b>Preview of alert #{id}</b>: it will go to every subscriber and every group with alerts on, "
              "exactly as below, with an unsubscribe button and 👍/👎.\n\n{text}",
        "zh-Hans": "📣 <b>预警 #{id} 预览</b>：将原样发送给所有订阅者和开启预警的群，并附带取消订阅和 👍/👎 "
                   "按钮。\n\n{text}",
    },
    "btn.send": {"en": "✅ Send", "zh-Hans": "✅ 发送", "zh-Hant": "✅ 發送"},
    "btn.cancel": {"en": "✖️ Cancel", "zh-Hans": "✖️ 取消"},
    "broadcast.already": {
        "en": "Alert #{id} was already sent or cancelled.",
        "zh-Hans": "预警 #{id} 已经发送或取消了。",
    },
    "broadcast.cancelled": {
        "en": "✖️ Alert #{id} cancelled: nothing was sent.",
        "zh-Hans": "✖️ 预警 #{id} 已取消，没有发送任何内容。",
    },
    "broadcast.progress": {
        "en": "📣 <b>Alert #{id}</b> sending: {sent} / {total} sent · {blocked} blocked",
        "zh-Hans": "📣 <b>预警 #{id}</b> 发送中：{sent} / {total} 已发送 · {blocked} 已屏蔽",
    },
    "broadcast.final": {
        "en": "✅ <b>Alert #{id}</b> done: {sent} / {total} sent · {blocked} blocked · {failed} failed · "
              "👍 {useful} 👎 {not_useful}",
        "zh-Hans": "✅ <b>预警 #{id}</b> 完成：{sent} / {total} 已发送 · {blocked} 已屏蔽 · {failed} 失败 · "
                   "👍 {useful} 👎 {not_useful}",
    },
    "broadcast.excerpt": {"en": "<i>{excerpt}</i>", "zh-Hans": "<i>{excerpt}</i>"},
    "broadcasts.head": {"en": "<b>Recent alerts</b>", "zh-Hans": "<b>最近的预警</b>"},
    "broadcasts.none": {"en": "ℹ️ No alerts yet.", "zh-Hans": "ℹ️ 还没有预警。"},
    "broadcasts.line": {
        "en": "#{id} · {date} · {status} · {sent}/{total} sent · {blocked} blocked · 👍 {useful} 👎 {not_useful}"
              "\n<i>{excerpt}</i>",
        "zh-Hans": "#{id} · {date} · {status} · {sent}/{total} 已发送 · {blocked} 已屏蔽 · 👍 {useful} 👎 "
                   "{not_useful}\n<i>{excerpt}</i>",
    },
    "status.draft": {"en": "draft", "zh-Hans": "草稿"},
    "status.sending": {"en": "sending", "zh-Hans": "发送中"},
    "status.done": {"en": "done", "zh-Hans": "已完成"},
    "status.cancelled": {"en": "cancelled", "zh-Hans": "已取消"},
    "btn.unsubscribe": {"en": "🔕 Unsubscribe", "zh-Hans": "🔕 取消订阅"},
    "btn.useful": {"en": "👍 Useful", "zh-Hans": "👍 有用"},
    "btn.not_useful": {"en": "👎 Not useful", "zh-Hans": "👎 没用"},
    "alert.voted": {"en": "Thanks for the feedback!", "zh-Hans": "谢谢你的反馈！"},
    "alert.group_off": {
        "en": "🔕 Alerts are off in this group. An admin can turn them back on with /groupsettings.",
        "zh-Hans": "🔕 本群已关闭预警。管理员可以用 /groupsettings 重新开启。",
    },
    # --- community reports ------------------------------------------------------------------------------
    "report.thanks": {
        "en": "🚩 Thank you: the moderators will review it. I stored it with personal data masked; it is "
              "deleted after {days} days.",
        "zh-Hans": "🚩 谢谢你：管理员会审核这条举报。我保存时已遮盖个人信息，{days} 天以后删除。",
    },
    "report.already": {"en": "You already reported this.", "zh-Hans": "你已经举报过这条了。"},
    "report.usage": {
        "en": "ℹ️ Reply <code>/report</code> to the suspicious message (or write <code>/report TEXT</code>) to "
              "send it to the moderators.",
        "zh-Hans": "ℹ️ 用 <code>/report</code> 回复那条可疑消息（或发送 <code>/report 文字</code>），提交给管理员。",
    },
    "report.approved_thanks": {
        "en": "🙏 The scam you reported was approved by the moderators: ShopSafe now warns others about it. "
              "Thank you!",
        "zh-Hans": "🙏 你举报的诈骗已通过管理员审核：ShopSafe 现在会提醒其他人。谢谢你！",
    },
    "pending.none": {"en": "✅ No reports waiting.", "zh-Hans": "✅ 没有待审核的举报。"},
    "pending.head": {
        "en": "<b>Pending reports</b>: {count} shown, oldest first.",
        "zh-Hans": "<b>待审核的举报</b>：显示 {count} 条，最早的在前。",
    },
    "pending.item": {
        "en": "🚩 <b>Report #{id}</b> · {date} · {verdict} · {patterns}\n{text}",
        "zh-Hans": "🚩 <b>举报 #{id}</b> · {date} · {verdict} · {patterns}\n{text}",
    },
    "btn.approve_example": {"en": "✅ Add to {pattern}", "zh-Hans": "✅ 加入 {pattern}"},
    "btn.approve_new": {"en": "✅ New pattern", "zh-Hans": "✅ 新建模式"},
    "pending.new_usage": {
        "en": "To make report #{id} a new pattern, type <code>/newpattern {id} words, of, one group; words, "
              "of, another</code>: a message matches when it contains a word of every group (e.g. "
              "<code>/newpattern {id} refund, compensation; gift card, bitcoin</code>).",
        "zh-Hans": "要把举报 #{id} 建成新模式，请输入 <code>/newpattern {id} 词一, 词二; 词三, 词四</code>："
                   "消息里每一组都至少出现一个词时就会匹配（例如 <code>/newpattern {id} 退款, 理赔; 备用金, "
                   "借呗</code>）。",
    },
    "btn.reject": {"en": "✖️ Reject", "zh-Hans": "✖️ 驳回"},
    "pending.approved": {
        "en": "✅ Report #{id} approved as pattern {pattern}: the detector uses it now.",
        "zh-Hans": "✅ 举报 #{id} 已通过，归入模式 {pattern}，检测器已开始使用。",
    },
    "pending.rejected": {"en": "✖️ Report #{id} rejected.", "zh-Hans": "✖️ 举报 #{id} 已驳回。"},
    "pending.already": {
        "en": "Report #{id} was already decided.",
        "zh-Hans": "举报 #{id} 已经处理过了。",
    },
    "verdict.name.scam": {"en": "scam", "zh-Hans": "诈骗"},
    "verdict.name.suspicious": {"en": "suspicious", "zh-Hans": "可疑"},
    "verdict.name.no_match": {"en": "no known pattern", "zh-Hans": "未知模式"},
    # --- statistics -------------------------------------------------------------------------------------
    "stats.text": {
        "en": "📊 <b>Last {days} days</b>\n"
              "<b>Checks:</b> {total} ({today} today)\n"
              "<b>Per day (last 7):</b>\n{per_day}\n"
              "<b>Verdicts:</b> {verdicts}\n"
              "<b>Top patterns:</b>\n{patterns}\n"
              "<b>Reports:</b> {reports}\n"
              "<b>Audience:</b> {subscribers} subscribers · {groups} groups",
        "zh-Hans": "📊 <b>最近 {days} 天</b>\n"
                   "<b>检查次数：</b>{total}（今天 {today}）\n"
                   "<b>每天（最近7天）：</b>\n{per_day}\n"
                   "<b>结论：</b>{verdicts}\n"
                   "<b>常见模式：</b>\n{patterns}\n"
                   "<b>举报：</b>{reports}\n"
                   "<b>受众：</b>{subscribers} 位订阅者 · {groups} 个群",
    },
    "stats.none": {"en": "—", "zh-Hans": "—"},
    "stats.reports": {
        "en": "{pending} pending · {approved} approved · {rejected} rejected",
        "zh-Hans": "{pending} 待审核 · {approved} 已通过 · {rejected} 已驳回",
    },
    "stats.chart": {
        "en": "📊 Checks per day, last 30 days",
        "zh-Hans": "📊 最近30天每天的检查次数",
    },
    # --- groups -----------------------------------------------------------------------------------------
    "group.intro": {
        "en": "👋 Hi, I'm ShopSafe. I watch this group for refund, compensation and fake customer-service "
              "scams and stay quiet otherwise: I only reply to a message that is very likely a scam, without "
              "quoting anyone's personal data. I also post scam alerts from the ShopSafe moderators.\n\n"
              "To see group messages I need privacy mode off (@BotFather → /setprivacy → Disable, then "
              "re-add me) or to be made an admin. Admins can turn scanning and alerts on or off with "
              "/groupsettings.",
        "zh-Hans": "👋 大家好，我是 ShopSafe。我会在群里留意退款、理赔和冒充客服的诈骗，平时保持安静：只有当"
                   "一条消息极可能是诈骗时我才会回复，而且不会引用任何人的个人信息。我也会转发 ShopSafe 管理员"
                   "发布的诈骗预警。\n\n"
                   "要看到群消息，我需要关闭隐私模式（@BotFather → /setprivacy → Disable，然后重新把我拉进群），"
                   "或者被设为管理员。群管理员可以用 /groupsettings 开关扫描和预警。",
    },
    "group.scam": {
        "en": "🚨 <b>Warning: this message looks like a scam ({title}).</b>\n{advice}\n"
              "Don't reply, click links, share your screen or pay. Forward such messages to me in a private "
              "chat for a full check.",
        "zh-Hans": "🚨 <b>注意：这条消息像是诈骗（{title}）。</b>\n{advice}\n"
                   "不要回复、不要点链接、不要共享屏幕、不要付款。可以私聊转发给我做完整检查。",
        "zh-Hant": "🚨 <b>注意：這則訊息看起來是詐騙（{title}）。</b>\n{advice}\n"
                   "不要回覆、不要點連結、不要分享螢幕、不要付款。可以私訊轉傳給我做完整檢查。",
    },
    "group.no_scam": {
        "en": "ℹ️ No known scam pattern in that message, which is not proof that it's safe. Forward it to me "
              "in a private chat for a full check.",
        "zh-Hans": "ℹ️ 这条消息没有匹配到已知的诈骗模式，但这不能证明它安全。可以私聊转发给我做完整检查。",
        "zh-Hant": "ℹ️ 這則訊息沒有符合已知的詐騙模式，但這不能證明它是安全的。可以私訊轉傳給我做完整檢查。",
    },
    "group.settings": {
        "en": "⚙️ <b>ShopSafe in this group</b>\nScanning messages: {scanning}\nScam alerts: {alerts}",
        "zh-Hans": "⚙️ <b>ShopSafe 在本群的设置</b>\n扫描消息：{scanning}\n诈骗预警：{alerts}",
    },
    "group.admins_only": {
        "en": "ℹ️ Only group admins can change these settings.",
        "zh-Hans": "ℹ️ 只有群管理员可以修改这些设置。",
    },
    "group.only": {
        "en": "ℹ️ /groupsettings works in a group, for its admins.",
        "zh-Hans": "ℹ️ /groupsettings 需要由群管理员在群里使用。",
    },
    "on": {"en": "on ✅", "zh-Hans": "开 ✅"},
    "off": {"en": "off ⛔", "zh-Hans": "关 ⛔"},
    "btn.toggle_scanning": {"en": "Scanning: turn {state}", "zh-Hans": "扫描：{state}"},
    "btn.toggle_alerts": {"en": "Alerts: turn {state}", "zh-Hans": "预警：{state}"},
    "turn.on": {"en": "on", "zh-Hans": "开启"},
    "turn.off": {"en": "off", "zh-Hans": "关闭"},
    # --- command menu -----------------------------------------------------------------------------------
    "cmd.start": {"en": "What ShopSafe does", "zh-Hans": "ShopSafe 能做什么"},
    "cmd.check": {"en": "Check a suspicious message", "zh-Hans": "检查可疑消息"},
    "cmd.ask": {"en": "Ask about scams and privacy", "zh-Hans": "询问诈骗与隐私问题"},
    "cmd.report": {"en": "Report a scam (reply to it)", "zh-Hans": "举报诈骗（回复那条消息）"},
    "cmd.subscribe": {"en": "Get scam alerts", "zh-Hans": "订阅诈骗预警"},
    "cmd.unsubscribe": {"en": "Stop scam alerts", "zh-Hans": "取消诈骗预警"},
    "cmd.remind": {"en": "Periodic security check-up", "zh-Hans": "定期账户安全检查", "zh-Hant": "定期帳戶安全檢查"},
    "cmd.lang": {"en": "Language", "zh-Hans": "语言"},
    "cmd.privacy": {"en": "What is stored, and for how long", "zh-Hans": "保存了什么、保存多久"},
    "cmd.forget": {"en": "Delete everything about me", "zh-Hans": "删除我的全部数据"},
    "cmd.help": {"en": "Help", "zh-Hans": "帮助"},
    "cmd.groupsettings": {"en": "Group admins: scanning and alerts", "zh-Hans": "群管理员：扫描与预警设置"},
    "cmd.broadcast": {"en": "Moderators: send a scam alert", "zh-Hans": "管理员：发送诈骗预警"},
    "cmd.broadcasts": {"en": "Moderators: past alerts", "zh-Hans": "管理员：以往的预警"},
    "cmd.pending": {"en": "Moderators: reports to review", "zh-Hans": "管理员：待审核举报"},
    "cmd.newpattern": {"en": "Moderators: a new pattern from a report", "zh-Hans": "管理员：用举报新建模式"},
    "cmd.stats": {"en": "Moderators: statistics", "zh-Hans": "管理员：统计"},
    "cmd.console": {"en": "Moderators: sign in to the web console", "zh-Hans": "管理员：登录网页控制台",
                    "zh-Hant": "管理員：登入網頁控制台"},
    # --- the moderators' web console (/console) -----------------------------------------------------------
    "console.link": {
        "en": "Your sign-in link to the moderators' console, valid for {minutes} minutes and only once:\n"
              "<a href=\"{url}\">{url}</a>\nDo not forward it: whoever opens it first is signed in as you.",
        "zh-Hans": "这是你登录管理员控制台的链接，{minutes} 分钟内有效，只能用一次：\n"
                   "<a href=\"{url}\">{url}</a>\n不要转发：谁先打开，谁就以你的身份登录。",
        "zh-Hant": "這是你登入管理員控制台的連結，{minutes} 分鐘內有效，只能用一次：\n"
                   "<a href=\"{url}\">{url}</a>\n不要轉傳：誰先打開，誰就以你的身分登入。",
    },
    "console.off": {
        "en": "The web console is not running: start ShopSafe with <code>shopsafe run --web HOST:PORT</code> "
              "(or set <code>web.listen</code>), then send /console again.",
        "zh-Hans": "网页控制台没有运行：请用 <code>shopsafe run --web 地址:端口</code> 启动 ShopSafe"
                   "（或设置 <code>web.listen</code>），再发送 /console。",
        "zh-Hant": "網頁控制台沒有執行：請用 <code>shopsafe run --web 位址:連接埠</code> 啟動 ShopSafe"
                   "（或設定 <code>web.listen</code>），再傳送 /console。",
    },
}


@lru_cache(maxsize=None)
def template(key: str, lang: Lang, region: str | None = None) -> str:
    """The raw template of `key` in `lang`; zh-Hant in Hong Kong wording when `region` is "HK"."""
    entry = TEXTS[key]
    if lang != "zh-Hant":
        return entry.get(lang) or entry["en"]
    if region == "HK" and (hong_kong := entry.get("zh-Hant-HK") or ZH_HANT_HK.get(key)):
        return hong_kong
    return entry.get("zh-Hant") or ZH_HANT[key]  # every key has one, written by hand (tests/handlers/test_texts.py)


def t(key: str, lang: Lang, region: str | None = None, /, **values: object) -> str:
    """The text of `key` in `lang` (for `region`'s readers where it matters), filled with `values`
    (already HTML-escaped where they are user text). `region` is positional so a template may have a
    `{region}` field of its own."""
    text = template(key, lang, region)
    return text.format(**values) if values else text
