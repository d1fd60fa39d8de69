"""handlers.menu: the setMyCommands menus."""

from __future__ import annotations

import re

from handlers.dispatch import MODERATOR_COMMANDS, PRIVATE_COMMANDS
from handlers.menu import command_menus


def test_menus_cover_default_and_moderator_scopes_in_english_and_chinese():
    menus = command_menus()
    assert {(scope, code) for scope, code, _ in menus} == {
        ("default", None), ("default", "zh"), ("moderators", None), ("moderators", "zh")}
    by_key = {(scope, code): items for scope, code, items in menus}
    public = {command for command, _ in by_key[("default", None)]}
    moderators = {command for command, _ in by_key[("moderators", None)]}
    assert {"broadcast", "broadcasts", "pending", "stats"} <= moderators - public
    assert public < moderators
    assert dict(by_key[("default", "zh")])["check"] == "检查可疑消息"


def test_menu_entries_fit_telegrams_rules_and_exist_as_commands():
    for _, _, items in command_menus():
        for command, description in items:
            assert re.fullmatch(r"[a-z0-9_]{1,32}", command)
            assert 1 <= len(description) <= 256
            assert command in PRIVATE_COMMANDS or command in MODERATOR_COMMANDS
