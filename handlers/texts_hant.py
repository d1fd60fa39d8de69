"""Traditional Chinese for every text in `handlers.texts.TEXTS`, written for Taiwan and Hong Kong readers.

`ZH_HANT` is the Traditional text of each key, in Taiwan usage (帳號, 簡訊, 檢舉, 轉傳, 使用者, LINE,
165), for every key whose entry in TEXTS carries no "zh-Hant" of its own. `ZH_HANT_HK` replaces it for
Hong Kong readers only where the vocabulary or the facts differ: 賬戶 and 戶口, 舉報, 轉發, 用戶, 屏幕,
WhatsApp, 速遞, the 18222 Anti-Scam Helpline, 999 and Scameter (防騙視伏器). Hong Kong texts are standard
written Chinese as Hong Kong services write it, not Cantonese.

Each text was written from the English and Simplified ones, keeping their placeholders and HTML tags.
Mainland-only things (QQ, WeChat ids, 96110) stay named as mainland things.
"""

from __future__ import annotations

ZH_HANT: dict[str, str] = {
    # --- verdicts ---------------------------------------------------------------------------------------
    "check.expired": "ℹ️ 這次檢查已過期：我只把檢查過的文字暫存在記憶體中 {minutes} 分鐘。請重新傳送那則訊息。",
    "check.usage": "ℹ️ 傳送 <code>/check</code> 加上要檢查的文字，或用 <code>/check</code> 回覆那則訊息。"
                   "也可以直接把訊息轉傳給我。",
    "check.empty": "ℹ️ 這則訊息裡沒有可以檢查的文字。請貼上或轉傳文字內容。",
    "check.nothing": "ℹ️ 我可以檢查文字和截圖。請轉傳可疑訊息、貼上文字或傳送截圖。/help 可查看所有功能。",
    "flood": "⏳ 你在一分鐘內傳了很多訊息，請稍等一下，我很快就會繼續回覆。",
    "error": "😕 我這邊出了點問題，請稍後再試。",
    "unknown.command": "ℹ️ 我不認得這個指令。/help 可查看我能做的事。",
    "unknown.callback": "這個按鈕已經失效。",
    "private.only": "ℹ️ 請在和我的私訊中使用這個指令。",
    # --- screenshots ------------------------------------------------------------------------------------
    "image.no_ocr": "ℹ️ 這個機器人沒有安裝截圖辨識功能。請直接貼上訊息的文字。",
    "image.unreadable": "ℹ️ 我無法正確辨識這張圖片裡的文字。請直接貼上訊息的文字。",
    "image.too_large": "ℹ️ 這張圖片太大了（上限 {megabytes} MB）。請傳送小一點的截圖，或直接貼上文字。",
    # --- knowledge base ---------------------------------------------------------------------------------
    "ask.usage": "ℹ️ 在 <code>/ask</code> 後面寫上問題，例如：<code>/ask 包裹單上的手機號碼要怎麼隱藏？</code>",
    "flow.step": "<b>安全查詢包裹（{index}/{total}）</b>\n{step}",
    "btn.next": "下一步 ▶",
    "btn.previous": "◀ 上一步",
    # --- onboarding and account -------------------------------------------------------------------------
    "welcome": "👋 歡迎使用 ShopSafe！把自稱商家、購物平台或物流業者的訊息轉傳給我，我會告訴你它像不像詐騙。"
               "/help 查看所有功能，/privacy 查看我儲存了哪些資料。",
    "help.moderator": "<b>管理員</b>\n"
                      "/broadcast 文字 — 向所有訂閱者和群組發送詐騙警示（會先預覽）\n"
                      "/broadcasts — 以往的警示、送達數和評價\n"
                      "/pending — 待審核的使用者檢舉\n"
                      "/newpattern 編號 詞; 詞 — 把檢舉建成新的詐騙模式\n"
                      "/stats — 最近 30 天的檢查次數、判斷結果、常見模式和檢舉",
    "lang.choose": "請選擇語言：",
    "forget.confirm": "要刪除我儲存的所有關於你的資料嗎？包括設定、提醒、訂閱、評價和檢舉。刪除後無法復原。",
    "btn.forget_yes": "🗑 是，全部刪除",
    "btn.forget_no": "保留我的資料",
    "forget.done": "🗑 完成：關於你的資料已全部刪除。如果你再傳訊息給我，我只會儲存你的使用者 ID 和語言。",
    "forget.kept": "沒有刪除任何資料。",
    "subscribe.on": "🔔 已訂閱：你會收到管理員發布的詐騙警示。/unsubscribe 可以取消。",
    "subscribe.off": "🔕 已取消訂閱：不會再收到詐騙警示。/subscribe 可以重新訂閱。",
    # --- password reminders -----------------------------------------------------------------------------
    "btn.off": "關閉",
    "btn.days": "{days} 天",
    # --- moderator broadcasts ---------------------------------------------------------------------------
    "moderators.only": "ℹ️ 這個指令只有管理員可以使用。",
    "broadcast.usage": "ℹ️ 在指令後面寫上警示內容：<code>/broadcast 文字</code>。內容會原封不動地發送。",
    "broadcast.too_long": "ℹ️ 這則警示有 {length} 個字元，Telegram 最多允許 {limit} 個。請縮短後再傳一次 "
                          "/broadcast。目前什麼都還沒發送。",
    "broadcast.preview": "📣 <b>警示 #{id} 預覽</b>：將原封不動地發送給所有訂閱者和開啟警示的群組，並附上取消訂閱"
                         "和 👍/👎 按鈕。\n\n{text}",
    "btn.cancel": "✖️ 取消",
    "broadcast.already": "警示 #{id} 已經發送或取消了。",
    "broadcast.cancelled": "✖️ 警示 #{id} 已取消，沒有發送任何內容。",
    "broadcast.progress": "📣 <b>警示 #{id}</b> 發送中：已發送 {sent} / {total} · 已封鎖 {blocked}",
    "broadcast.final": "✅ <b>警示 #{id}</b> 完成：已發送 {sent} / {total} · 已封鎖 {blocked} · 失敗 {failed} · "
                       "👍 {useful} 👎 {not_useful}",
    "broadcast.excerpt": "<i>{excerpt}</i>",
    "broadcasts.head": "<b>最近的警示</b>",
    "broadcasts.none": "ℹ️ 還沒有警示。",
    "broadcasts.line": "#{id} · {date} · {status} · 已發送 {sent}/{total} · 已封鎖 {blocked} · 👍 {useful} 👎 "
                       "{not_useful}\n<i>{excerpt}</i>",
    "status.draft": "草稿",
    "status.sending": "發送中",
    "status.done": "已完成",
    "status.cancelled": "已取消",
    "btn.unsubscribe": "🔕 取消訂閱",
    "btn.useful": "👍 有幫助",
    "btn.not_useful": "👎 沒幫助",
    "alert.voted": "謝謝你的回饋！",
    "alert.group_off": "🔕 這個群組已關閉警示。管理員可以用 /groupsettings 重新開啟。",
    # --- community reports ------------------------------------------------------------------------------
    "report.thanks": "🚩 謝謝你：管理員會審核這則檢舉。我儲存時已遮蔽個人資料，{days} 天後刪除。",
    "report.already": "你已經檢舉過這則訊息了。",
    "report.usage": "ℹ️ 用 <code>/report</code> 回覆那則可疑訊息（或傳送 <code>/report 文字</code>），提交給管理員。",
    "report.approved_thanks": "🙏 你檢舉的詐騙已通過管理員審核：ShopSafe 現在會提醒其他人。謝謝你！",
    "pending.none": "✅ 沒有待審核的檢舉。",
    "pending.head": "<b>待審核的檢舉</b>：顯示 {count} 則，最舊的在前。",
    "pending.item": "🚩 <b>檢舉 #{id}</b> · {date} · {verdict} · {patterns}\n{text}",
    "btn.approve_example": "✅ 加入 {pattern}",
    "btn.approve_new": "✅ 新建模式",
    "pending.new_usage": "要把檢舉 #{id} 建成新模式，請輸入 <code>/newpattern {id} 詞一, 詞二; 詞三, 詞四</code>："
                         "訊息中每一組都至少出現一個詞時就會符合（例如 <code>/newpattern {id} 退款, 理賠; 解除分期, "
                         "遊戲點數</code>）。",
    "btn.reject": "✖️ 駁回",
    "pending.approved": "✅ 檢舉 #{id} 已通過，歸入模式 {pattern}，偵測器已開始使用。",
    "pending.rejected": "✖️ 檢舉 #{id} 已駁回。",
    "pending.already": "檢舉 #{id} 已經處理過了。",
    "verdict.name.scam": "詐騙",
    "verdict.name.suspicious": "可疑",
    "verdict.name.no_match": "沒有已知模式",
    # --- statistics -------------------------------------------------------------------------------------
    "stats.text": "📊 <b>最近 {days} 天</b>\n"
                  "<b>檢查次數：</b>{total}（今天 {today}）\n"
                  "<b>每天（最近 7 天）：</b>\n{per_day}\n"
                  "<b>判斷結果：</b>{verdicts}\n"
                  "<b>常見模式：</b>\n{patterns}\n"
                  "<b>檢舉：</b>{reports}\n"
                  "<b>觸及對象：</b>{subscribers} 位訂閱者 · {groups} 個群組",
    "stats.none": "—",
    "stats.reports": "{pending} 則待審核 · {approved} 則已通過 · {rejected} 則已駁回",
    "stats.chart": "📊 最近 30 天每天的檢查次數",
    # --- groups -----------------------------------------------------------------------------------------
    "group.intro": "👋 大家好，我是 ShopSafe。我會在群組裡留意退款、理賠和假冒客服的詐騙，平常保持安靜：只有在"
                   "一則訊息極可能是詐騙時才會回覆，而且不會引用任何人的個人資料。我也會轉發 ShopSafe 管理員"
                   "發布的詐騙警示。\n\n"
                   "要看到群組訊息，我需要關閉隱私模式（@BotFather → /setprivacy → Disable，然後重新把我加入"
                   "群組），或被設為管理員。群組管理員可以用 /groupsettings 開關掃描和警示。",
    "group.settings": "⚙️ <b>ShopSafe 在這個群組的設定</b>\n掃描訊息：{scanning}\n詐騙警示：{alerts}",
    "group.admins_only": "ℹ️ 只有群組管理員可以修改這些設定。",
    "group.only": "ℹ️ /groupsettings 要由群組管理員在群組裡使用。",
    "on": "開 ✅",
    "off": "關 ⛔",
    "btn.toggle_scanning": "掃描：{state}",
    "btn.toggle_alerts": "警示：{state}",
    "turn.on": "開啟",
    "turn.off": "關閉",
    # --- command menu -----------------------------------------------------------------------------------
    "cmd.start": "ShopSafe 能做什麼",
    "cmd.check": "檢查可疑訊息",
    "cmd.ask": "詢問詐騙與隱私問題",
    "cmd.report": "檢舉詐騙（回覆那則訊息）",
    "cmd.subscribe": "訂閱詐騙警示",
    "cmd.unsubscribe": "取消詐騙警示",
    "cmd.lang": "語言",
    "cmd.privacy": "儲存了什麼、保留多久",
    "cmd.forget": "刪除我的所有資料",
    "cmd.help": "說明",
    "cmd.groupsettings": "群組管理員：掃描與警示設定",
    "cmd.broadcast": "管理員：發送詐騙警示",
    "cmd.broadcasts": "管理員：以往的警示",
    "cmd.pending": "管理員：待審核的檢舉",
    "cmd.newpattern": "管理員：用檢舉新建模式",
    "cmd.stats": "管理員：統計",
}

# Hong Kong readers: only the keys whose Taiwan text uses words or facts that differ in Hong Kong.
ZH_HANT_HK: dict[str, str] = {
    "verdict.no_match": "ℹ️ <b>沒有發現已知的詐騙模式。</b>但這不能證明它是安全的：新騙局每天都在出現。\n"
                        "<b>仍請自己核對：</b>對方是否要你離開購物平台（加WhatsApp、微信、點連結、下載App）？"
                        "是否要求分享屏幕、提供驗證碼或密碼、借錢或付款？真正的退款會退回原付款方式，不需要你做"
                        "任何操作。有疑問就自己打開官方App聯絡客服，或致電防騙易熱線18222查詢，也可以用"
                        "「防騙視伏器」查核電話號碼、網址或戶口。",
    "verdict.small_talk": "ℹ️ 把收到的可疑訊息轉發或貼給我，或者傳送截圖，我幫你檢查是不是騙案。/help 查看所有功能。",
    "explain.link": "詐騙短訊會把你帶到模仿真實公司網站的頁面，騙取信用卡資料、驗證碼或密碼。要看的是連結真正連到哪個網站，"
                    "而不是訊息裡寫的名字。",
    "explain.phone": "「如非本人操作請致電」留下的號碼通往假客服，對方會誘導你付款、提供驗證碼或安裝遙距控制軟件。",
    "verdict.footer": "已經回覆、付款或分享了屏幕？按下方的 🆘，看看要先做什麼。",
    "closeness.control": "對方想控制你的屏幕或手機，離錢被轉走只差一步。請立刻停止。",
    "btn.incident": "🆘 我已經回覆／付款／分享了屏幕",
    "btn.report": "🚩 舉報",
    "why.none": "訊息中沒有符合我所知道的詐騙模式（冒充客服、退款賠償、速遞和海關收費、要你改用別的App、"
                "分享屏幕、索取驗證碼、貸款、轉賬到「安全戶口」）。新的詐騙手法不斷出現，請自己再核對一次。",
    "why.rules": "<b>真正的商戶、平台和速遞公司從來不會：</b>\n"
                 "• 主動聯絡你，辦理需要你操作的退款或賠償：真正的退款會自動退回原付款方式；\n"
                 "• 要你加WhatsApp、微信或進視像會議App溝通，或要你分享屏幕；\n"
                 "• 索取驗證碼、密碼或卡號；\n"
                 "• 要你借錢、「取消額度」，或把錢轉到「安全戶口」；\n"
                 "• 要你買禮品卡、加密貨幣，或到比特幣ATM付款。",
    "incident": "🆘 <b>現在按次序做這些事</b>\n"
                "1. <b>停止聯絡。</b>掛斷電話、不再回覆，在分享屏幕的App裡結束分享（切換到別的App並不會結束"
                "分享），並移除會議或遙距控制App。如果手機仍被控制，開啟飛行模式。\n"
                "2. <b>致電銀行</b>（用提款卡或信用卡背面的號碼）：凍結戶口和卡，截停未完成的付款。\n"
                "3. <b>更改密碼</b>：銀行、支付、購物和電郵賬戶，先改你輸入過、說出過或在屏幕上展示過的。\n"
                "4. <b>檢查登入裝置</b>：在這些App裡查看已登入的裝置，登出不認識的裝置，解除陌生的支付綁定。\n"
                "5. <b>報案</b>，保留對話紀錄、轉賬紀錄和截圖：香港防騙易熱線 18222（緊急情況 999），或到警署、"
                "網上報案中心報案；台灣 165；中國大陸 110（已損失）或 96110（諮詢）；新加坡 1799 或 ScamShield "
                "App；美國 ReportFraud.ftc.gov 或 ic3.gov；英國 Report Fraud 0300 123 2040。\n"
                "6. <b>小心「追回損失」的人。</b>任何承諾收費幫你追回款項的人，即使自稱警察、銀行或律師，都是第二"
                "次詐騙。",
    "check.usage": "ℹ️ 傳送 <code>/check</code> 加上要檢查的文字，或用 <code>/check</code> 回覆那則訊息。"
                   "也可以直接把訊息轉發給我。",
    "check.empty": "ℹ️ 這則訊息裡沒有可以檢查的文字。請貼上或轉發文字內容。",
    "check.nothing": "ℹ️ 我可以檢查文字和截圖。請轉發可疑訊息、貼上文字或傳送截圖。/help 可查看所有功能。",
    "ask.usage": "ℹ️ 在 <code>/ask</code> 後面寫上問題，例如：<code>/ask 怎樣遮住速遞單上的電話號碼？</code>",
    "flow.step": "<b>安全查件（{index}/{total}）</b>\n{step}",
    "welcome": "👋 歡迎使用 ShopSafe！把自稱商戶、購物平台或速遞公司的訊息轉發給我，我會告訴你它像不像詐騙。"
               "/help 查看所有功能，/privacy 查看我儲存了哪些資料。",
    "start": "👋 <b>ShopSafe</b> 幫網購的人識破退款、賠償和冒充客服的騙案，也教你保護私隱。\n\n• <b>檢查訊息：</b>轉發給我、貼上文字、傳送截圖，或使用 /check。\n• <b>提問：</b>直接問我，或使用 /ask（例如：怎樣遮住速遞單上的電話號碼）。\n• <b>接收提醒：</b>/subscribe 訂閱騙案警示，/remind 設定定期的賬戶安全檢查。\n\n<b>我儲存什麼：</b>你的 Telegram 用戶 ID、語言和設定。你檢查的文字不會被儲存，除非你按「舉報」。詳情請見 /privacy，刪除所有資料請用 /forget。\n\n請選擇語言：",
    "help": "<b>我能做什麼</b>\n"
            "• 轉發或貼上可疑訊息，或傳送截圖：我來檢查。\n"
            "/check 文字 — 檢查一段文字（或用 /check 回覆一則訊息）\n"
            "/ask 問題 — 詢問詐騙和網購私隱相關問題\n"
            "/report — 回覆一則訊息，向管理員舉報詐騙\n"
            "/subscribe、/unsubscribe — 訂閱或取消管理員發布的騙案警示\n"
            "/remind — 定期的賬戶安全檢查\n"
            "/lang — 語言\n"
            "/region — 你住在哪裡，用來回答當地的法律、熱線和銀行處理步驟\n"
            "/privacy — 我儲存了什麼、保留多久\n"
            "/forget — 刪除關於你的所有資料\n"
            "/groupsettings — 群組管理員在群組裡開關掃描和警示",
    "help.moderator": "<b>管理員</b>\n"
                      "/broadcast 文字 — 向所有訂閱者和群組發送騙案警示（會先預覽）\n"
                      "/broadcasts — 以往的警示、送達數和評價\n"
                      "/pending — 待審核的用戶舉報\n"
                      "/newpattern 編號 詞; 詞 — 把舉報建成新的詐騙模式\n"
                      "/stats — 最近 30 天的檢查次數、判斷結果、常見模式和舉報",
    "privacy": "<b>ShopSafe 到底儲存了什麼</b>\n"
               "• 你的 Telegram 用戶 ID、語言、你用 /region 選擇的地區（目前：{region}）、是否訂閱警示、"
               "Telegram 是否回報你封鎖了機器人，以及你第一次傳訊息的時間。\n"
               "• 你設定的安全檢查提醒：間隔、時間、時區和下次提醒日期。\n"
               "• 你用「舉報」按鈕或 /report 送出的舉報：文字中的電話號碼、QQ／微信號、姓名、地址和訂單編號"
               "會被遮蓋，另外儲存判斷結果和你的用戶 ID（用來感謝你）。舉報在 {days} 天後刪除；通過審核的舉報，"
               "遮蓋後的文字可能作為例句保留在詐騙模式中。\n"
               "• 警示：哪則警示在何時送達給你，以及你對它按的 👍/👎（兩者都在警示發出 {days} 天後刪除）。\n"
               "• 每天的檢查次數（日期、判斷結果、模式），不含文字，也不含用戶 ID。\n"
               "• 管理員的操作紀錄（審計日誌）。\n\n"
               "<b>從不儲存：</b>你檢查的文字和截圖。它們只暫存在記憶體中最多 {minutes} 分鐘，讓判斷結果下方的"
               "按鈕可以使用；只有你按「舉報」時才會寫入。日誌中不含訊息文字。\n\n"
               "/forget 會刪除你的用戶紀錄、設定、提醒、訂閱、評價和舉報。",
    "forget.confirm": "要刪除我儲存的所有關於你的資料嗎？包括設定、提醒、訂閱、評價和舉報。刪除後無法復原。",
    "forget.done": "🗑 完成：關於你的資料已全部刪除。如果你再傳訊息給我，我只會儲存你的用戶 ID 和語言。",
    "remind.usage": "ℹ️ 請使用按鈕，或輸入例如 <code>/remind 90 20:00 Asia/Hong_Kong</code>：每 30、60、90 或 180 天檢查一次，加上時間（時:分）和時區；或輸入 <code>/remind off</code>。",
    "remind.checklist": "🔐 <b>你的賬戶安全檢查</b>\n☐ 有沒有哪個密碼在幾個網站都用過？換掉它，先換電郵、購物和付款賬戶的。\n☐ 收過資料外洩通知，或在 haveibeenpwned.com 這類網站查到你的電郵？換掉那個密碼。\n☐ 在短訊或電郵的連結裡輸入過密碼，或把密碼告訴過別人？現在就換。\n☐ 支援通行密鑰（passkey）或認證App的賬戶，都開啟了嗎？\n☐ 看看已登入的裝置，登出不認識的。\n夠長、不重複、從未外洩的密碼不用換：現行指引（NIST、英國NCSC）不建議定期更改密碼。",
    "remind.choose_interval": "🔐 <b>賬戶安全檢查</b>\n多久給你發一次簡短的賬戶安全檢查？這不是定期更改密碼的提醒（現行指引不建議定期更改）：它會帶你做真正有用的幾項檢查；密碼只有在重複使用、外洩、被釣魚或告訴過別人時才需要更改。",
    "cmd.remind": "定期賬戶安全檢查",
    "report.thanks": "🚩 謝謝你：管理員會審核這則舉報。我儲存時已遮蓋個人資料，{days} 天後刪除。",
    "report.already": "你已經舉報過這則訊息了。",
    "report.approved_thanks": "🙏 你舉報的騙案已通過管理員審核：ShopSafe 現在會提醒其他人。謝謝你！",
    "pending.none": "✅ 沒有待審核的舉報。",
    "pending.head": "<b>待審核的舉報</b>：顯示 {count} 則，最舊的在前。",
    "pending.item": "🚩 <b>舉報 #{id}</b> · {date} · {verdict} · {patterns}\n{text}",
    "pending.new_usage": "要把舉報 #{id} 建成新模式，請輸入 <code>/newpattern {id} 詞一, 詞二; 詞三, 詞四</code>："
                         "訊息中每一組都至少出現一個詞時就會符合（例如 <code>/newpattern {id} 退款, 賠償; 禮品卡, "
                         "比特幣</code>）。",
    "pending.approved": "✅ 舉報 #{id} 已通過，歸入模式 {pattern}，偵測器已開始使用。",
    "pending.rejected": "✖️ 舉報 #{id} 已駁回。",
    "pending.already": "舉報 #{id} 已經處理過了。",
    "stats.text": "📊 <b>最近 {days} 天</b>\n"
                  "<b>檢查次數：</b>{total}（今天 {today}）\n"
                  "<b>每天（最近 7 天）：</b>\n{per_day}\n"
                  "<b>判斷結果：</b>{verdicts}\n"
                  "<b>常見模式：</b>\n{patterns}\n"
                  "<b>舉報：</b>{reports}\n"
                  "<b>觸及對象：</b>{subscribers} 位訂閱者 · {groups} 個群組",
    "group.scam": "🚨 <b>注意：這則訊息看來是騙案（{title}）。</b>\n{advice}\n"
                  "不要回覆、不要按連結、不要分享屏幕、不要付款。可以私訊轉發給我，做完整檢查。",
    "group.no_scam": "ℹ️ 這則訊息沒有符合已知的詐騙模式，但這不代表它是安全的。可以私訊轉發給我，做完整檢查。",
    "console.link": "這是你登入管理員控制台的連結，{minutes} 分鐘內有效，只能用一次：\n"
                    "<a href=\"{url}\">{url}</a>\n"
                    "不要轉發：誰先打開，誰就會以你的身分登入。",
    "cmd.report": "舉報騙案（回覆那則訊息）",
    "cmd.pending": "管理員：待審核的舉報",
    "cmd.newpattern": "管理員：用舉報新建模式",
}
