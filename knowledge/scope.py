"""What the knowledge base is not about: questions ranked as a class of their own beside the articles.

A question closest to one of these (weather, recipes, homework, how to use some app or device, what to
buy, chit-chat) gets the honest refusal even when it shares a word with an article ("微信", "password",
"phone"). None of these is in the evaluation sets.
"""

from __future__ import annotations

OUT_OF_SCOPE_QUESTIONS: tuple[str, ...] = (
    # weather, time, news
    "今天会不会下雨", "这周末气温多少度", "台风什么时候来", "天气预报说明天怎么样", "现在几点了", "今天有什么新闻",
    "is it going to rain today", "weather forecast for tomorrow", "how hot will it be this weekend", "what time is it",
    # food and recipes
    "饺子怎么包", "蛋糕怎么烤", "米饭要煮多久", "晚饭吃什么好", "火锅底料怎么炒", "红烧鱼的做法",
    "how do I make pancakes", "what should I cook for dinner", "how long to roast a chicken", "easy pasta recipe",
    # homework, study, knowledge
    "帮我写一篇作文", "这道物理题怎么做", "英语单词怎么背", "帮我翻译这句话", "一元二次方程怎么解", "论文怎么写开头",
    "help me with my math homework", "write an essay about climate change", "what is the speed of light",
    "who wrote hamlet", "translate this sentence into spanish", "explain the french revolution",
    # how to use some app (not privacy or scams)
    "微信怎么发语音", "微信群怎么改名字", "抖音怎么发视频", "淘宝怎么申请开店", "支付宝怎么交电费", "微信怎么换背景",
    "QQ怎么改昵称", "拼多多怎么砍价", "how do I post a story on instagram", "how to change my profile picture on whatsapp",
    "how do I download songs on spotify", "how do I cancel my netflix plan", "how to make a spreadsheet chart in excel",
    "how to install apps on my iphone", "how to update windows", "手机怎么截图", "怎么清理手机内存", "电脑开机很慢怎么办",
    "蓝牙耳机连不上", "how do I connect my laptop to wifi", "my phone keeps overheating", "how to take a screenshot on a mac",
    "how do I turn on bluetooth",
    # what to buy, deals, products
    "哪款手机拍照好", "买什么牌子的电脑好", "双十一有什么优惠", "怎么领优惠券", "衣服尺码怎么选", "哪个快递最快",
    "which laptop should I buy", "best headphones under 100 dollars", "where can I find discount coupon codes",
    "what size shoe should I order", "is the new iphone worth it", "寄快递到国外多少钱", "寄个包裹到北京要几天",
    "哪家快递便宜", "how much does it cost to ship a box overseas", "how long does shipping to canada take",
    # health, pets, travel, sport, money, chit-chat, programming
    "感冒了吃什么药", "怎么减肥", "狗狗不吃饭怎么办", "去日本旅游要准备什么", "基金怎么买", "今晚有球赛吗",
    "你是谁", "讲个笑话", "how do I lose weight fast", "my dog is sick what should I do", "best places to visit in japan",
    "how do I invest in stocks", "who won the game last night", "tell me a joke", "what's your name",
    "how do I fix a python error", "write a javascript function", "how to learn programming",
    # more everyday topics
    "租房合同要注意什么", "工作面试怎么准备", "怎么跟女朋友道歉", "失眠怎么办", "驾照怎么考", "信用卡积分怎么兑换",
    "电影票怎么买便宜", "高铁票怎么改签", "怎么做PPT", "手机壳哪种好看", "洗衣机怎么清洗", "养多肉要注意什么",
    "how do I get a driving licence", "how to prepare for a job interview", "what's a good birthday gift for mum",
    "how do I get rid of a cold", "cheap flights to bangkok", "how to grow tomatoes", "how do I fix a leaking tap",
    "what does this word mean", "summarise this article for me", "what's the best streaming service",
    "how do I back up my photos", "why is my wifi slow",
    "怎么关闭微信朋友圈", "京东plus会员有什么用", "拼多多怎么开店",
    # near the domain: ordinary shopping and delivery logistics, account settings, selling, returns of goods
    "订单地址填错了怎么改", "怎么在App里改默认地址", "how do I change the delivery address on my order",
    "how do I edit my saved addresses", "想在网上开店需要什么条件", "how do I start selling online",
    "卖家怎么发货", "哪些东西不能寄快递", "易碎品怎么包装", "can I ship perfume abroad", "is there a weight limit for parcels",
    "快递多久能送到", "同城快递当天能到吗", "how many days does standard delivery take", "what time does the postman come",
    "衣服尺码不合适怎么换", "退货运费谁出", "how do I exchange shoes for a bigger size", "what is the return policy for sale items",
    "买的东西坏了怎么保修", "how do I unsubscribe from a streaming service", "how do I change my plan on disney plus",
    # gifts, household, crafts
    "送男朋友什么礼物好", "怎么叠衣服省空间", "how do I fold a fitted sheet",
    # money, health, devices
    "should I buy bitcoin now", "哪只股票值得买", "基金亏了要不要卖", "发烧了怎么办", "what helps a sore throat",
    "手机充不进电怎么办", "手机套餐怎么改", "how do I switch mobile carrier", "my printer is offline", "how do I reset my router", "电脑中病毒了怎么杀毒",
)

