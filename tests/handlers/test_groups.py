"""handlers.groups: /groupsettings for admins, scanning off means silence, the settings cache."""

from __future__ import annotations

from handlers.texts import LANGS, t
from support.handler_chat import SCAM_ZH, Chat, button

GROUP_SCAM = "顺丰快递客服：您的包裹丢失，我们三倍理赔，请加QQ 88776655 并下载会议App共享屏幕"


async def test_groupsettings_is_for_admins_in_groups(group, chat):
    assert "admins" in (await group.say("/groupsettings", sender_is_chat_admin=False)).replies[0].text
    assert "group" in (await chat.say("/groupsettings")).replies[0].text
    settings = (await group.say("/groupsettings@shopsafe_bot", sender_is_chat_admin=True)).replies[0]
    assert "Scanning messages: on" in settings.text and "Scam alerts: on" in settings.text
    assert [b.callback_data for row in settings.buttons for b in row] == ["gs:scan:0", "gs:alerts:0"]


async def test_admins_toggle_scanning_and_alerts_and_scanning_off_means_silence(ctx, group):
    assert (await group.say(GROUP_SCAM)).replies[0].text.startswith("🚨")
    refused = await group.press("gs:scan:0", sender_is_chat_admin=False)
    assert refused.callback_alert and (await ctx.store.get_group(group.chat_id)).scanning
    off = await group.press("gs:scan:0", sender_is_chat_admin=True)
    assert "Scanning messages: off" in off.replies[0].text
    assert button(off.replies[0], "gs:scan:1")
    assert (await group.say(GROUP_SCAM)).replies == []  # this process sees the change at once
    await group.press("gs:alerts:0", sender_is_chat_admin=True)
    record = await ctx.store.get_group(group.chat_id)
    assert (record.scanning, record.alerts) == (False, False)
    await group.press("gs:scan:1", sender_is_chat_admin=True)
    assert (await group.say(SCAM_ZH)).replies[0].text.startswith("🚨")


FORGED_IN_A_GROUP = ("forget:yes", "flow:0", "flow:3", "rem:off", "rem:stop", "rem:done", "rem:i:30",
                     "rem:z:30:0900:UTC", "lang:en", "v:why:abc", "v:rep:abc", "kb:parcel-tracking", "bc:send:1",
                     "rp:no:1", "nonsense")


async def test_forged_forget_flow_and_rem_callbacks_in_a_group_are_refused_and_change_nothing(ctx, group, chat):
    await chat.say("/start")
    await chat.press("rem:z:30:0900:UTC")
    await chat.say("/subscribe")
    warning = (await group.say(GROUP_SCAM)).replies[0]
    assert warning.text.startswith("🚨") and warning.buttons == ()  # the warning carries no buttons
    for admin in (False, True):
        for data in FORGED_IN_A_GROUP:
            outcome = await group.press(data, message_id=55, sender_is_chat_admin=admin)
            assert outcome.replies == [], data  # nothing sent, nothing edited: the warning stays
            assert outcome.callback_answer == t("callback.private_only", "en") and outcome.callback_alert, data
    user = await ctx.store.get_user(chat.user_id)
    assert user is not None and user.subscribed  # forget:yes did not forget them
    assert await ctx.store.get_reminder(chat.user_id) is not None  # rem:off did not remove the reminder
    zh = Chat(ctx, user_id=group.user_id, chat_id=group.chat_id, chat_type="group", language_code="zh-hant")
    assert (await zh.press("forget:yes")).callback_answer == t("callback.private_only", "zh-Hant")


def test_the_refusal_of_a_foreign_button_is_written_in_each_language():
    texts = {lang: t("callback.private_only", lang) for lang in LANGS}
    assert len(set(texts.values())) == 3 and "私訊" in texts["zh-Hant"] and "私聊" in texts["zh-Hans"]


async def test_a_button_pressed_in_a_private_chat_not_the_pressers_own_is_refused(ctx, chat):
    await chat.say("/start")
    forged = await chat.press("forget:yes", chat_id=chat.user_id + 1)
    assert forged.replies == [] and forged.callback_answer == t("callback.private_only", "en")
    assert await ctx.store.get_user(chat.user_id) is not None
    assert (await chat.press("forget:yes", chat_type="channel", chat_id=-100)).replies == []


async def test_forged_group_setting_callbacks_are_refused(group, chat):
    for data in ("gs:scan:2", "gs:volume:1", "gs:scan"):
        assert (await group.press(data, sender_is_chat_admin=True)).callback_answer
    assert (await chat.press("gs:scan:0")).callback_answer  # not in a private chat


SUSPICIOUS = {"id": "test-pet-fee", "family": "test", "severity": "suspicious", "weight": 0.5,
              "signals": [["宠物托运"], ["检疫费"]], "title": {"zh": "宠物托运收费", "en": "Pet shipping fee"},
              "explanation": {"zh": "要求先付费。", "en": "Asks for a fee first."},
              "advice": {"zh": "先核实。", "en": "Check first."}}
PET = "您的宠物托运被扣留在机场，需要先缴纳检疫费才能放行"


async def test_a_suspicious_message_is_flagged_in_private_but_stays_unanswered_in_a_group(ctx, group, chat):
    ctx.detector.reload([SUSPICIOUS])
    verdict = ctx.detector.current.check(PET)
    assert verdict.verdict == "suspicious"
    assert (await group.say(PET)).replies == []
    private = await chat.say(PET, forwarded=True)
    assert private.replies[0].text.startswith("⚠️")
    asked = await group.say("/check", reply_to_text=PET, reply_to_message_id=4)
    assert asked.replies[0].text.startswith("⚠️")
