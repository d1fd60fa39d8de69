"""handlers.groups: /groupsettings for admins, scanning off means silence, the settings cache."""

from __future__ import annotations

from support.handler_chat import SCAM_ZH, button

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
