"""The command menus set with setMyCommands: everyone's, and the moderators' longer one, per language.

Telegram's language_code is two letters, so "zh" carries the Simplified menu and None is the fallback
(English). The adapter sets the "moderators" menus per moderator with BotCommandScopeChat.
"""

from __future__ import annotations

from handlers.ports import Lang
from handlers.texts import t

PUBLIC_COMMANDS = ("check", "ask", "report", "subscribe", "unsubscribe", "remind", "lang", "privacy",
                   "forget", "groupsettings", "help", "start")
MODERATOR_COMMANDS = ("broadcast", "broadcasts", "pending", "newpattern", "stats", "console")
MENU_LANGUAGES: tuple[tuple[str | None, Lang], ...] = ((None, "en"), ("zh", "zh-Hans"))


def _menu(commands: tuple[str, ...], lang: Lang) -> list[tuple[str, str]]:
    return [(command, t("cmd." + command, lang)) for command in commands]


def command_menus() -> list[tuple[str, str | None, list[tuple[str, str]]]]:
    menus: list[tuple[str, str | None, list[tuple[str, str]]]] = []
    for code, lang in MENU_LANGUAGES:
        menus.append(("default", code, _menu(PUBLIC_COMMANDS, lang)))
    for code, lang in MENU_LANGUAGES:
        menus.append(("moderators", code, _menu(MODERATOR_COMMANDS + PUBLIC_COMMANDS, lang)))
    return menus
