"""The console chat: `shopsafe run` without a Telegram token talks to the very same handlers here.

One local user (id 1, private chat, also a moderator so every command can be tried) types lines; each
line becomes an `Event` that goes through `common.UpdateRunner`, exactly like a Telegram update, and the
replies come back through `ConsoleTransport`, which prints them as plain text. The broadcast sender and
the reminder job send through the same transport, so alerts and due reminders appear here too.

Buttons are printed as numbered choices: typing a number on screen presses that button; `/say 1` sends
the message "1" instead. Lines are read on a daemon thread, so a pipe, a file or a terminal all work
and Ctrl-C never waits for the next Enter.
"""

from __future__ import annotations

import asyncio
import errno
import itertools
import os
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, TYPE_CHECKING

from bot.adapters.common import UpdateRunner, fetch_image
from handlers.events import Button, Event, Reply
from handlers.language import lang_from_code, pick_lang
from handlers.ports import Lang

if TYPE_CHECKING:
    from bot.app import App

CONSOLE_USER = 1  # the console's only user; its private chat has the same id

TEXTS: dict[str, dict[Lang, str]] = {
    "intro": {
        "en": "ShopSafe console chat: no Telegram token is set (SHOPSAFE_TELEGRAM_TOKEN), so the bot answers "
              "you here. To serve Telegram instead, set SHOPSAFE_TELEGRAM_TOKEN=<token from @BotFather> "
              "and run `shopsafe run` again.",
        "zh-Hans": "ShopSafe 控制台聊天：没有设置 Telegram 令牌（SHOPSAFE_TELEGRAM_TOKEN），所以机器人就在这里回答你。"
                   "要改为连接 Telegram，请设置 SHOPSAFE_TELEGRAM_TOKEN=<从 @BotFather 获得的令牌>，再运行 `shopsafe run`。",
        "zh-Hant": "ShopSafe 主控台聊天：沒有設定 Telegram 權杖（SHOPSAFE_TELEGRAM_TOKEN），所以機器人就在這裡回答你。"
                   "要改為連接 Telegram，請設定 SHOPSAFE_TELEGRAM_TOKEN=<從 @BotFather 取得的權杖>，再執行 `shopsafe run`。",
    },
    "howto": {
        "en": "Type a message to check it, or a question. /forward TEXT: as if forwarded · /photo PATH: check a "
              "screenshot · a number in [brackets]: press that button · /say TEXT: send TEXT as it is · "
              "/help: the bot's commands · /quit: leave. You are user 1 and a moderator here, so every command works.",
        "zh-Hans": "输入一条消息来检查它，或者提一个问题。/forward 文字：当作转发的消息 · /photo 路径：检查截图 · "
                   "方括号里的数字：按下那个按钮 · /say 文字：原样发送文字 · /help：机器人的命令 · /quit：退出。"
                   "你在这里是 1 号用户，也是管理员，所以每个命令都能试。",
        "zh-Hant": "輸入一則訊息來檢查它，或者提一個問題。/forward 文字：當作轉傳的訊息 · /photo 路徑：檢查截圖 · "
                   "方括號裡的數字：按下那個按鈕 · /say 文字：原樣傳送文字 · /help：機器人的指令 · /quit：離開。"
                   "你在這裡是 1 號使用者，也是管理員，所以每個指令都能試。",
    },
    "forward_usage": {
        "en": "Usage: /forward TEXT (the message you received, as if forwarded to the bot)",
        "zh-Hans": "用法：/forward 文字（你收到的消息，当作转发给机器人）",
        "zh-Hant": "用法：/forward 文字（你收到的訊息，當作轉傳給機器人）",
    },
    "say_usage": {
        "en": "Usage: /say TEXT (sends TEXT as a message, even a bare number)",
        "zh-Hans": "用法：/say 文字（把文字原样作为消息发送，数字也可以）",
        "zh-Hant": "用法：/say 文字（把文字原樣當作訊息傳送，數字也可以）",
    },
    "photo_usage": {
        "en": "Usage: /photo PATH (an image file, e.g. a screenshot of the chat)",
        "zh-Hans": "用法：/photo 路径（一个图片文件，例如聊天截图）",
        "zh-Hant": "用法：/photo 路徑（一個圖片檔，例如聊天截圖）",
    },
    "photo_unreadable": {
        "en": "Cannot read the file {path}: {reason}",
        "zh-Hans": "无法读取文件 {path}：{reason}",
        "zh-Hant": "無法讀取檔案 {path}：{reason}",
    },
    "photo_saved": {
        "en": "[image saved to {path}]",
        "zh-Hans": "[图片已保存到 {path}]",
        "zh-Hant": "[圖片已儲存到 {path}]",
    },
    "edited": {
        "en": "(message updated)",
        "zh-Hans": "（消息已更新）",
        "zh-Hant": "（訊息已更新）",
    },
    "to_chat": {
        "en": "(to chat {chat_id})",
        "zh-Hans": "（发给聊天 {chat_id}）",
        "zh-Hant": "（傳給聊天 {chat_id}）",
    },
    "bye": {
        "en": "Bye. Your data stays in the local database; /forget deletes it.",
        "zh-Hans": "再见。你的数据留在本地数据库里；/forget 可以删除它。",
        "zh-Hant": "再見。你的資料留在本機資料庫裡；/forget 可以刪除它。",
    },
}


def say(key: str, lang: Lang, **values: object) -> str:
    return TEXTS[key][lang].format(**values)


def console_lang(environ: Mapping[str, str]) -> Lang:
    """The language of the console's locale ($LC_ALL, $LC_MESSAGES, $LANG): zh_TW → zh-Hant, zh_CN → zh-Hans."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").split(".")[0]
        if value and value not in ("C", "POSIX"):
            return lang_from_code(value) or "en"
    return "en"


TELEGRAM_CODES: dict[Lang, str] = {"zh-Hans": "zh-hans", "zh-Hant": "zh-hant", "en": "en"}


class _PlainText(HTMLParser):
    """Telegram HTML as plain text: tags dropped, entities decoded, a link's address after its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[tuple[str | None, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append((dict(attrs).get("href"), len(self.parts)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.links:
            href, start = self.links.pop()
            label = "".join(self.parts[start:])
            if href and href != label:
                self.parts.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(text: str, parse_mode: str | None) -> str:
    if parse_mode != "HTML":
        return text
    parser = _PlainText()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


@dataclass
class _Shown:
    """A button on screen: what pressing it sends."""

    button: Button
    message_id: int


@dataclass
class ConsoleTransport:
    """`bot.transport.Transport` that prints replies; it also numbers their buttons for pressing.

    The numbers restart at 1 with the first buttons printed after the user's next line, and the buttons
    shown before stay pressable until then, so "Why?" can be pressed after reading the verdict's text.
    """

    out: IO[str]
    media_dir: Path
    lang: Lang = "en"
    chat_id: int = CONSOLE_USER
    shown: dict[int, _Shown] = field(default_factory=dict)
    _message_ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _fresh_turn: bool = True

    def next_id(self) -> int:
        return next(self._message_ids)

    def new_turn(self) -> None:
        self._fresh_turn = True

    def line(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def pressable(self, entry: str) -> _Shown | None:
        return self.shown.get(int(entry)) if entry.isdecimal() and len(entry) < 6 else None

    async def send(self, chat_id: int, reply: Reply) -> int:
        message_id = self.next_id()
        self._print(chat_id, message_id, reply, edited=False)
        return message_id

    async def edit(self, chat_id: int, message_id: int, reply: Reply) -> None:
        self._print(chat_id, message_id, reply, edited=True)

    def _print(self, chat_id: int, message_id: int, reply: Reply, *, edited: bool) -> None:
        self.line()
        if chat_id != self.chat_id:
            self.line(say("to_chat", self.lang, chat_id=chat_id))
        if edited:
            self.line(say("edited", self.lang))
        if reply.photo is not None:
            self.line(say("photo_saved", self.lang, path=self._save(message_id, reply.photo)))
        self.line(plain_text(reply.text, reply.parse_mode))
        self._print_buttons(message_id, reply)

    def _print_buttons(self, message_id: int, reply: Reply) -> None:
        if not reply.buttons:
            return
        if self._fresh_turn:
            self.shown.clear()
            self._fresh_turn = False
        for old in [n for n, s in self.shown.items() if s.message_id == message_id]:
            del self.shown[old]  # an edited message's old buttons are gone
        number = max(self.shown, default=0)
        for row in reply.buttons:
            for button in row:
                if button.url:
                    self.line(f"  {button.text}: {button.url}")
                elif button.callback_data:
                    number += 1
                    self.shown[number] = _Shown(button, message_id)
                    self.line(f"  [{number}] {button.text}")

    def _save(self, message_id: int, png: bytes) -> Path:
        self.media_dir.mkdir(parents=True, exist_ok=True)
        path = self.media_dir / f"image-{message_id}.png"
        path.write_bytes(png)
        return path


def _reader(stdin: IO[str], loop: asyncio.AbstractEventLoop, lines: asyncio.Queue[str | None]) -> None:
    """Read lines on a daemon thread; None marks the end. Undecodable bytes become U+FFFD, not a crash."""
    binary = getattr(stdin, "buffer", None)
    try:
        while True:
            raw = binary.readline() if binary is not None else stdin.readline()
            if not raw:
                break
            text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
            loop.call_soon_threadsafe(lines.put_nowait, text.rstrip("\r\n"))
    except (OSError, ValueError):
        pass  # stdin closed under us: the same as its end
    finally:
        loop.call_soon_threadsafe(lines.put_nowait, None)


class ConsoleChat:
    """Turns each typed line into an event for the handlers, or into a console action."""

    def __init__(self, app: App, transport: ConsoleTransport, language_code: str) -> None:
        self.app = app
        self.transport = transport
        self.runner = UpdateRunner(app, transport)
        self.language_code = language_code

    async def lang(self) -> Lang:
        user = await self.app.ctx.store.get_user(CONSOLE_USER)
        return pick_lang(user.language if user else None, self.language_code)

    async def handle_line(self, line: str) -> bool:
        """Act on one typed line; False when the user wants to leave."""
        entry = line.strip()
        if not entry:
            return True
        self.transport.lang = await self.lang()
        command, _, rest = entry.partition(" ")
        command = command.lower()
        if command in ("/quit", "/exit"):
            return False
        if (shown := self.transport.pressable(entry)) is not None:
            await self.press(shown)
            return True
        self.transport.new_turn()
        if command == "/forward":
            await self.message(rest.strip(), forwarded=True, usage="forward_usage")
        elif command == "/say":
            await self.message(rest.strip(), usage="say_usage")
        elif command == "/photo":
            await self.photo(rest.strip())
        else:
            await self.message(line)
        return True

    def _event(self, **fields: object) -> Event:
        return Event(user_id=CONSOLE_USER, chat_id=CONSOLE_USER, chat_type="private",
                     language_code=self.language_code, **fields)  # type: ignore[arg-type]

    async def message(self, text: str, *, forwarded: bool = False, usage: str | None = None) -> None:
        if not text and usage:
            self.transport.line(say(usage, self.transport.lang))
            return
        await self.runner.process(self._event(kind="message", text=text, forwarded=forwarded,
                                              message_id=self.transport.next_id()))

    async def photo(self, path_text: str) -> None:
        lang = self.transport.lang
        if not path_text:
            self.transport.line(say("photo_usage", lang))
            return
        path = Path(path_text).expanduser()
        try:
            size = path.stat().st_size
            if path.is_dir():
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
            if not os.access(path, os.R_OK):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        except OSError as exc:
            self.transport.line(say("photo_unreadable", lang, path=path, reason=exc.strerror or exc))
            return
        # The same size decision as for a Telegram photo: over the limit, it is not even read.
        image, too_large = await fetch_image(size, self.app.ctx.limits.max_image_bytes,
                                             lambda: asyncio.to_thread(path.read_bytes))
        if image is None and not too_large:  # vanished or changed between the checks and the read
            self.transport.line(say("photo_unreadable", lang, path=path, reason=os.strerror(errno.EIO)))
            return
        await self.runner.process(self._event(kind="message", image=image, image_too_large=too_large,
                                              message_id=self.transport.next_id()))

    async def press(self, shown: _Shown) -> None:
        outcome = await self.runner.process(self._event(kind="callback", callback_data=shown.button.callback_data,
                                                        callback_message_id=shown.message_id))
        if outcome is not None and outcome.callback_answer:
            self.transport.line(f"  ({outcome.callback_answer})")


async def run_console(app: App, stdin: IO[str] | None = None, stdout: IO[str] | None = None,
                      stop: asyncio.Event | None = None) -> None:
    """Chat on stdin/stdout until /quit, end of input or `stop`; the first line says why it is the console."""
    stdin = stdin if stdin is not None else sys.stdin
    stdout = stdout if stdout is not None else sys.stdout
    stop = stop or asyncio.Event()
    lang = console_lang(os.environ)
    transport = ConsoleTransport(stdout, app.settings.data_dir / "console", lang)
    transport.line(say("intro", lang))
    transport.line(say("howto", lang))
    app.ctx.moderators = app.ctx.moderators | {CONSOLE_USER}
    chat = ConsoleChat(app, transport, TELEGRAM_CODES[lang])
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str | None] = asyncio.Queue()
    threading.Thread(target=_reader, args=(stdin, loop, lines), name="console-stdin", daemon=True).start()
    await app.attach(transport)
    stopping = asyncio.create_task(stop.wait())
    try:
        while True:
            if stdin.isatty():
                stdout.write("> ")
                stdout.flush()
            reading = asyncio.create_task(lines.get())
            await asyncio.wait({reading, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if not reading.done():
                reading.cancel()
                break
            line = reading.result()
            if line is None or not await chat.handle_line(line):
                break
        transport.line(say("bye", await chat.lang()))
    finally:
        stopping.cancel()
        await app.detach()
