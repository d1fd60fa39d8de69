"""End to end, groups: one introduction, silence for ordinary chat, 🚨 for scams, settings for admins."""

from __future__ import annotations

import itertools

import pytest

from handlers.texts import t

pytestmark = pytest.mark.asyncio(loop_scope="module")

_groups = itertools.count(-1001000000001, -1)


def text_of(call) -> str:
    return call.params.get("text") or ""


async def added_group(tg) -> tuple[int, int]:
    """A group the bot was just added to (its introduction already sent), and the member who added it."""
    group, admin = next(_groups), await tg.user()
    tg.api.admins.add((group, admin))
    tg.api.push_member_update(group, admin, "member")
    await tg.wait_sent(group, 1)
    return group, admin


async def test_added_to_a_group_introduces_itself_once(tg):
    group, admin = await added_group(tg)
    await tg.barrier(admin)
    (intro,) = tg.sent(group)
    assert text_of(intro) == t("group.intro", "en")
    assert (await tg.store.get_group(group)).scanning is True


async def test_ordinary_group_chat_gets_no_reply(tg):
    group, _ = await added_group(tg)
    member = await tg.user()
    for text in ("hi all", "has anyone tried the new noodle shop?", tg.LEGIT_EN):
        tg.api.push_message(member, text, chat_id=group, chat_type="supergroup")
    await tg.barrier(member)
    assert len(tg.sent(group)) == 1  # the introduction only


async def test_scam_in_a_group_gets_a_warning_reply_quoting_nothing_personal(tg):
    group, _ = await added_group(tg)
    member = await tg.user()
    (warning,) = await tg.say(member, tg.SCAM_ZH, chat_id=group, chat_type="supergroup")
    assert text_of(warning).startswith("🚨")
    assert "12345678" not in text_of(warning)
    assert "reply_parameters" in warning.params


async def test_removed_from_a_group_leaves_quietly_and_marks_it_inactive(tg):
    group, admin = await added_group(tg)
    tg.api.push_member_update(group, admin, "kicked")
    await tg.barrier(admin)
    assert (await tg.store.get_group(group)).active is False
    assert len(tg.sent(group)) == 1


async def test_groupsettings_is_for_admins_only(tg):
    group, admin = await added_group(tg)
    member = await tg.user()
    (refused,) = await tg.say(member, "/groupsettings", chat_id=group, chat_type="supergroup")
    assert text_of(refused) == t("group.admins_only", "en")
    assert tg.api.calls_of("getChatMember")

    (panel,) = await tg.say(admin, "/groupsettings@shopsafe_test_bot", chat_id=group, chat_type="supergroup")
    scanning_off = panel.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    answer, _ = await tg.press(member, panel, "", data=scanning_off)  # a member's press changes nothing
    assert (await tg.store.get_group(group)).scanning is True
    await tg.press(admin, panel, "", data=scanning_off)
    assert (await tg.store.get_group(group)).scanning is False

    tg.api.push_message(member, tg.SCAM_ZH, chat_id=group, chat_type="supergroup")
    await tg.barrier(member)
    assert not any(text_of(c).startswith("🚨") for c in tg.sent(group))


async def test_a_command_for_another_bot_in_the_group_is_left_to_it(tg):
    group, _ = await added_group(tg)
    member = await tg.user()
    tg.api.push_message(member, "/start@someotherbot", chat_id=group, chat_type="supergroup")
    (help_,) = await tg.say(member, "/help@shopsafe_test_bot", chat_id=group, chat_type="supergroup")
    assert len(tg.sent(group)) == 2  # the introduction and the answer to the command meant for us
    assert "/check" in text_of(help_)


async def test_private_commands_in_a_group_point_to_the_private_chat(tg):
    group, _ = await added_group(tg)
    (answer,) = await tg.say(await tg.user(), "/forget", chat_id=group, chat_type="supergroup")
    assert text_of(answer) == t("private.only", "en")


async def test_photos_in_a_group_are_never_downloaded(tg):
    group, _ = await added_group(tg)
    member = await tg.user()
    downloads = len(tg.api.calls_of("getFile"))
    tg.api.push_message(member, chat_id=group, chat_type="supergroup", photo=b"\x89PNG group holiday picture")
    await tg.barrier(member)
    assert len(tg.api.calls_of("getFile")) == downloads
    assert len(tg.sent(group)) == 1  # the introduction only


async def test_forged_forget_flow_and_rem_callbacks_on_a_group_warning_are_refused_politely(tg):
    """A member (an admin too) who forges a private chat's button on the bot's warning cannot rewrite it."""
    group, admin = await added_group(tg)
    scammer = await tg.user()
    await tg.store.set_reminder(scammer, 30, 9, 0, "UTC")
    (warning,) = await tg.say(scammer, tg.SCAM_ZH, chat_id=group, chat_type="supergroup")
    member_checks = len(tg.api.calls_of("getChatMember"))
    for presser in (scammer, admin):
        for data in ("forget:yes", "flow:0", "flow:2", "rem:off", "rem:z:30:0900:UTC", "lang:en", "v:why:x"):
            answer, _ = await tg.press(presser, warning, "", data=data)
            assert answer.params.get("text") == t("callback.private_only", "en"), data
            assert str(answer.params.get("show_alert")).lower() == "true", data
    await tg.barrier(admin)
    assert tg.last_edit(group) is None  # the warning was never edited
    assert len(tg.sent(group)) == 2  # the introduction and the warning: nothing more
    assert await tg.store.get_reminder(scammer) is not None
    assert len(tg.api.calls_of("getChatMember")) == member_checks  # refused without asking Telegram
