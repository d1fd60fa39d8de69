"""The page's and the console's own words, in the three languages (the replies come from handlers.texts).

Plain text: the templates escape every value. zh-Hant is written for Taiwan and Hong Kong readers.
"""

from __future__ import annotations

from handlers.ports import Lang

TEXTS: dict[str, dict[Lang, str]] = {
    "title": {"en": "ShopSafe: is this message a scam?", "zh-Hans": "ShopSafe：这条消息是诈骗吗？",
              "zh-Hant": "ShopSafe：這則訊息是詐騙嗎？"},
    "intro": {
        "en": "Paste a message you received, or pick a screenshot of it: ShopSafe says whether it looks like a "
              "known scam and what to do. You can also ask a question. No account: what you check stays in "
              "memory for this visit and is saved only if you report it.",
        "zh-Hans": "粘贴你收到的消息，或选一张它的截图：ShopSafe 会告诉你它像不像已知的骗局，以及该怎么做。"
                   "你也可以直接提问。不用注册：你检查的内容只在这次访问期间留在内存里，只有你举报时才会保存。",
        "zh-Hant": "貼上你收到的訊息，或選一張它的截圖：ShopSafe 會告訴你它像不像已知的騙局，以及該怎麼做。"
                   "你也可以直接提問。不用註冊：你檢查的內容只在這次造訪期間留在記憶體裡，只有你檢舉時才會儲存。",
    },
    "log": {"en": "Conversation", "zh-Hans": "对话", "zh-Hant": "對話"},
    "you": {"en": "You", "zh-Hans": "你", "zh-Hant": "你"},
    "bot": {"en": "ShopSafe", "zh-Hans": "ShopSafe", "zh-Hant": "ShopSafe"},
    "text_label": {"en": "Message to check, or your question", "zh-Hans": "要检查的消息，或你的问题",
                   "zh-Hant": "要檢查的訊息，或你的問題"},
    "text_hint": {"en": "Enter sends; Shift+Enter starts a new line.", "zh-Hans": "按 Enter 发送，Shift+Enter 换行。",
                  "zh-Hant": "按 Enter 送出，Shift+Enter 換行。"},
    "image_label": {"en": "Or a screenshot of it", "zh-Hans": "或者它的截图", "zh-Hant": "或是它的截圖"},
    "send": {"en": "Send", "zh-Hans": "发送", "zh-Hant": "送出"},
    "image_sent": {"en": "📷 Screenshot", "zh-Hans": "📷 截图", "zh-Hant": "📷 截圖"},
    "logistics": {"en": "How do I check my parcel safely?", "zh-Hans": "怎样安全地查物流？",
                  "zh-Hant": "怎樣安全地查物流？"},
    "suggest": {"en": "Try", "zh-Hans": "试试", "zh-Hant": "試試"},
    "privacy": {"en": "Privacy", "zh-Hans": "隐私", "zh-Hant": "隱私"},
    "forget": {"en": "Forget me", "zh-Hans": "删除我的数据", "zh-Hant": "刪除我的資料"},
    "language": {"en": "Language", "zh-Hans": "语言", "zh-Hant": "語言"},
    "working": {"en": "Checking…", "zh-Hans": "正在检查……", "zh-Hant": "正在檢查……"},
    "failed": {"en": "The page could not reach ShopSafe. Check your connection and try again.",
               "zh-Hans": "页面连不上 ShopSafe。请检查网络后再试。", "zh-Hant": "頁面連不上 ShopSafe。請檢查網路後再試。"},
    "rate_limited": {"en": "Too many messages from your connection. Try again in {seconds} s.",
                     "zh-Hans": "你的网络发送的消息太多了。请 {seconds} 秒后再试。",
                     "zh-Hant": "你的網路傳送的訊息太多了。請 {seconds} 秒後再試。"},
    "session_expired": {"en": "This page expired (or cookies are off). Reload it and try again.",
                        "zh-Hans": "页面已过期（或浏览器关闭了 Cookie）。请刷新后再试。",
                        "zh-Hant": "頁面已過期（或瀏覽器關閉了 Cookie）。請重新整理後再試。"},
    "telegram_only": {"en": "/{command} works in Telegram only: the web page sends no alerts or reminders.",
                      "zh-Hans": "/{command} 只能在 Telegram 里用：网页不会发送提醒或警报。",
                      "zh-Hant": "/{command} 只能在 Telegram 裡用：網頁不會傳送提醒或警報。"},
    "too_large": {"en": "That upload is too large.", "zh-Hans": "上传的内容太大了。", "zh-Hant": "上傳的內容太大了。"},
    "not_found": {"en": "There is no such page.", "zh-Hans": "没有这个页面。", "zh-Hant": "沒有這個頁面。"},
    "skip": {"en": "Skip to the content", "zh-Hans": "跳到正文", "zh-Hant": "跳到正文"},
    "back": {"en": "Back to the chat", "zh-Hans": "回到对话", "zh-Hant": "回到對話"},
    "verdict.scam": {"en": "Scam warning", "zh-Hans": "诈骗警告", "zh-Hant": "詐騙警告"},
    "verdict.suspicious": {"en": "Suspicious", "zh-Hans": "可疑", "zh-Hant": "可疑"},
    "verdict.no_match": {"en": "No known scam pattern", "zh-Hans": "没有发现已知诈骗模式",
                         "zh-Hant": "沒有發現已知詐騙模式"},
}

def say(key: str, lang: Lang, **values: object) -> str:
    text = TEXTS[key][lang]
    return text.format(**values) if values else text


def sayer(lang: Lang):
    """`say` bound to one language, for the templates."""
    return lambda key, **values: say(key, lang, **values)

# The moderators' console.
TEXTS.update({
    "console.title": {"en": "ShopSafe console", "zh-Hans": "ShopSafe 控制台", "zh-Hant": "ShopSafe 控制台"},
    "console.nav": {"en": "Console sections", "zh-Hans": "控制台栏目", "zh-Hant": "控制台欄目"},
    "console.reports": {"en": "Reports", "zh-Hans": "举报", "zh-Hant": "檢舉"},
    "console.broadcasts": {"en": "Alerts", "zh-Hans": "预警", "zh-Hant": "警報"},
    "console.stats": {"en": "Statistics", "zh-Hans": "统计", "zh-Hant": "統計"},
    "console.patterns": {"en": "Patterns", "zh-Hans": "模式", "zh-Hant": "模式"},
    "console.audit": {"en": "Audit log", "zh-Hans": "操作记录", "zh-Hant": "操作紀錄"},
    "console.signout": {"en": "Sign out", "zh-Hans": "退出登录", "zh-Hant": "登出"},
    "console.signed_in": {"en": "Signed in as moderator {id}", "zh-Hans": "已作为管理员 {id} 登录",
                          "zh-Hant": "已用管理員 {id} 登入"},
    "console.refused": {
        "en": "Only moderators can open the console, with a fresh sign-in link: send /console to the bot in "
              "Telegram, or run shopsafe console-link YOUR_ID on the server. Links work once and expire.",
        "zh-Hans": "只有管理员能打开控制台，而且要用新的登录链接：在 Telegram 里给机器人发送 /console，"
                   "或在服务器上运行 shopsafe console-link 你的ID。链接只能用一次，会过期。",
        "zh-Hant": "只有管理員能打開控制台，而且要用新的登入連結：在 Telegram 裡傳 /console 給機器人，"
                   "或在伺服器上執行 shopsafe console-link 你的ID。連結只能用一次，會過期。"},
    "console.login_title": {"en": "Sign in to the console", "zh-Hans": "登录控制台", "zh-Hant": "登入控制台"},
    "console.login_text": {"en": "This link signs you in once, as moderator {id}.",
                           "zh-Hans": "这个链接只能登录一次，身份是管理员 {id}。",
                           "zh-Hant": "這個連結只能登入一次，身分是管理員 {id}。"},
    "console.login": {"en": "Sign in", "zh-Hans": "登录", "zh-Hant": "登入"},
    "console.pending": {"en": "Pending reports ({count})", "zh-Hans": "待审核的举报（{count}）",
                        "zh-Hant": "待審核的檢舉（{count}）"},
    "console.none": {"en": "Nothing to review.", "zh-Hans": "没有待审核的内容。", "zh-Hant": "沒有待審核的內容。"},
    "console.report": {"en": "Report #{id}, {date}", "zh-Hans": "举报 #{id}，{date}", "zh-Hant": "檢舉 #{id}，{date}"},
    "console.masked": {"en": "Reported text (personal data masked)", "zh-Hans": "举报的文字（个人信息已遮盖）",
                       "zh-Hant": "檢舉的文字（個人資料已遮蓋）"},
    "console.verdict": {"en": "Verdict when reported", "zh-Hans": "举报时的结论", "zh-Hant": "檢舉時的結論"},
    "console.matched": {"en": "Patterns matched", "zh-Hans": "匹配的模式", "zh-Hant": "符合的模式"},
    "console.as_example": {"en": "Approve as an example of {pattern}", "zh-Hans": "批准为 {pattern} 的例子",
                           "zh-Hant": "核准為 {pattern} 的例子"},
    "console.signals": {"en": "New pattern: words, one of each group must appear; groups separated by ;",
                        "zh-Hans": "新模式：每组词至少出现一个；各组用 ; 分隔",
                        "zh-Hant": "新模式：每組詞至少出現一個；各組用 ; 分隔"},
    "console.test": {"en": "Test it", "zh-Hans": "测试", "zh-Hant": "測試"},
    "console.approve_new": {"en": "Approve as a new pattern", "zh-Hans": "批准为新模式", "zh-Hant": "核准為新模式"},
    "console.reject": {"en": "Reject", "zh-Hans": "驳回", "zh-Hant": "駁回"},
    "console.test_ok": {"en": "Test passed: it matches the report's text ({verdict}) and none of the {count} legitimate look-alikes.",
                        "zh-Hans": "测试通过：它匹配举报的文字（{verdict}），不匹配 {count} 条正当的相似消息中的任何一条。",
                        "zh-Hant": "測試通過：它符合檢舉的文字（{verdict}），不符合 {count} 則正當的相似訊息中的任何一則。"},
    "console.test_miss": {"en": "Test failed: it does not match the report's own text.",
                          "zh-Hans": "测试没通过：它不匹配举报本身的文字。", "zh-Hant": "測試沒通過：它不符合檢舉本身的文字。"},
    "console.test_false": {"en": "Test failed: it also matches legitimate messages:",
                           "zh-Hans": "测试没通过：它也匹配了正当的消息：", "zh-Hant": "測試沒通過：它也符合了正當的訊息："},
    "console.compose": {"en": "New alert", "zh-Hans": "新预警", "zh-Hant": "新警報"},
    "console.alert_text": {"en": "Alert text (sent as written, as plain text)", "zh-Hans": "预警文字（按原样以纯文本发送）",
                           "zh-Hant": "警報文字（照原樣以純文字傳送）"},
    "console.preview": {"en": "Preview", "zh-Hans": "预览", "zh-Hant": "預覽"},
    "console.history": {"en": "Past alerts", "zh-Hans": "以往的预警", "zh-Hant": "以往的警報"},
    "console.progress": {"en": "Alert #{id}", "zh-Hans": "预警 #{id}", "zh-Hant": "警報 #{id}"},
    "console.delivered": {"en": "Delivered", "zh-Hans": "已送达", "zh-Hant": "已送達"},
    "console.failed": {"en": "Failed", "zh-Hans": "失败", "zh-Hant": "失敗"},
    "console.blocked": {"en": "Blocked", "zh-Hans": "已屏蔽", "zh-Hant": "已封鎖"},
    "console.remaining": {"en": "Remaining", "zh-Hans": "剩余", "zh-Hant": "剩餘"},
    "console.total": {"en": "Recipients", "zh-Hans": "接收者", "zh-Hant": "接收者"},
    "console.status": {"en": "Status", "zh-Hans": "状态", "zh-Hant": "狀態"},
    "console.sent_progress": {"en": "Sent", "zh-Hans": "发送进度", "zh-Hant": "傳送進度"},
    "console.search": {"en": "Search patterns", "zh-Hans": "搜索模式", "zh-Hant": "搜尋模式"},
    "console.find": {"en": "Search", "zh-Hans": "搜索", "zh-Hant": "搜尋"},
    "console.findings": {"en": "Catalog check (shopsafe patterns --validate): {count} problem(s)",
                         "zh-Hans": "模式库检查（shopsafe patterns --validate）：{count} 个问题",
                         "zh-Hant": "模式庫檢查（shopsafe patterns --validate）：{count} 個問題"},
    "console.shown": {"en": "{shown} of {total} patterns", "zh-Hans": "共 {total} 个模式，显示 {shown} 个",
                      "zh-Hant": "共 {total} 個模式，顯示 {shown} 個"},
    "console.community": {"en": "community", "zh-Hans": "社区", "zh-Hant": "社群"},
    "console.when": {"en": "When (UTC)", "zh-Hans": "时间（UTC）", "zh-Hant": "時間（UTC）"},
    "console.who": {"en": "Moderator", "zh-Hans": "管理员", "zh-Hant": "管理員"},
    "console.action": {"en": "Action", "zh-Hans": "操作", "zh-Hant": "操作"},
    "console.detail": {"en": "Detail", "zh-Hans": "详情", "zh-Hant": "詳情"},
    "console.send": {"en": "Send to every subscriber and group", "zh-Hans": "发送给所有订阅者和群",
                     "zh-Hant": "傳送給所有訂閱者和群組"},
    "console.cancel": {"en": "Cancel", "zh-Hans": "取消", "zh-Hant": "取消"},
    "console.chart_alt": {"en": "Chart of the checks per day and the verdicts over the last 30 days",
                          "zh-Hans": "最近30天每天的检查次数和结论图表", "zh-Hant": "最近30天每天的檢查次數和結論圖表"},
    "console.title_col": {"en": "Title", "zh-Hans": "标题", "zh-Hant": "標題"},
    "console.family": {"en": "Family", "zh-Hans": "类别", "zh-Hant": "類別"},
    "console.severity": {"en": "Severity", "zh-Hans": "严重程度", "zh-Hant": "嚴重程度"},
    "console.examples": {"en": "Examples", "zh-Hans": "例子", "zh-Hant": "例子"},
    "console.no_telegram": {"en": "This process does not serve Telegram (no token): alerts are queued and go out once one does.",
                            "zh-Hans": "这个进程没有连接 Telegram（没有令牌）：预警会排队，等有进程连接后再发出。",
                            "zh-Hant": "這個程序沒有連接 Telegram（沒有權杖）：警報會排隊，等有程序連接後再送出。"},
})
