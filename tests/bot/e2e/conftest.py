"""The end-to-end harness: the real app (SQLite, detector, knowledge base, sender) behind a real adapter.

`tg` runs `bot.app.build_app` and the chosen adapter's `serve` against the stand-in Bot API server over
real HTTP (parametrised over aiogram and python-telegram-bot), once per test module so the suite stays
fast; each test talks as users of its own (`tg.user()`). It offers a few verbs: `say` pushes an
update and waits for the bot's answer, `press` pushes a button press, `barrier` waits until every update
a user sent before has been handled.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from bot.adapters import load_adapter
from bot.adapters.common import Webhook
from bot.app import App, build_app
from bot.settings import Settings
from support.botapi import TOKEN, BotApiServer, Call

FRAMEWORKS = ["aiogram", "ptb"]
MODERATOR = 9001
SCAM_ZH = "【淘宝客服】您好，您购买的商品存在质量问题，我们将为您办理双倍退款，请添加客服QQ 12345678 并下载会议软件共享屏幕。"
SCAM_EN = ("Hello, this is Amazon customer service. Your order was lost, we will refund you double. "
           "Please download Zoom and share your screen, and tell me the verification code.")
LEGIT_EN = "Your parcel has been delivered. Thanks for shopping with us."
QUESTION_EN = "How do I dispose of a shipping label safely?"
SENT = ("sendMessage", "sendPhoto")


@pytest.fixture(scope="session")
def brains() -> tuple[Any, Any]:
    """The detector and the knowledge base, built once: both are read-only once loaded."""
    from knowledge import KnowledgeBase
    from scam_patterns import Detector

    return Detector.default(), KnowledgeBase.default()


def e2e_settings(botapi: BotApiServer, tmp_path, framework: str, **overrides: Any) -> Settings:
    tree: dict[str, Any] = {
        "telegram": {"token": TOKEN, "api_base": botapi.base_url, "framework": framework,
                     "poll_timeout": 1, "request_timeout": 1.5},
        "database": {"url": f"sqlite+aiosqlite:///{tmp_path / 'e2e.db'}"},
        "moderators": [MODERATOR],
        "data_dir": str(tmp_path / "data"),
        "broadcast": {"per_chat_interval": 0, "messages_per_second": 500},
    }
    for key, value in overrides.items():
        tree.setdefault(key, {}).update(value) if isinstance(value, dict) else tree.__setitem__(key, value)
    return Settings.model_validate(tree)


class Telegram:
    """One running bot and the verbs the tests speak to it with."""

    SCAM_ZH = SCAM_ZH
    SCAM_EN = SCAM_EN
    LEGIT_EN = LEGIT_EN
    QUESTION_EN = QUESTION_EN
    MODERATOR = MODERATOR

    def __init__(self, botapi: BotApiServer, app: App, framework: str) -> None:
        self.api = botapi
        self.app = app
        self.framework = framework
        self.store = app.ctx.store
        self._users = itertools.count(100_001)

    def new_user(self) -> int:
        """A user the bot has never seen: their first answer is followed by the welcome."""
        return next(self._users)

    async def user(self, language: str = "en") -> int:
        """A user who has used the bot before (no welcome), with `language` chosen."""
        user_id = next(self._users)
        await self.store.ensure_user(user_id, language)
        return user_id

    def sent(self, chat_id: int | None = None) -> list[Call]:
        calls = [c for c in list(self.api.calls) if c.method in SENT and c.status == 200]
        return [c for c in calls if chat_id is None or int(c.params.get("chat_id", 0)) == chat_id]

    async def wait_sent(self, chat_id: int, count: int, timeout: float = 10.0) -> list[Call]:
        return await self.api.wait_for(lambda s: len(found := self.sent(chat_id)) >= count and found, timeout)

    async def say(self, user_id: int, text: str | None = None, *, chat_id: int | None = None, expect: int = 1,
                  timeout: float = 10.0, **push: Any) -> list[Call]:
        """Push a message and return the first `expect` messages the bot sent to that chat in answer."""
        chat = user_id if chat_id is None else chat_id
        before = len(self.sent(chat))
        self.api.push_message(user_id, text, chat_id=chat_id, **push)
        calls = await self.wait_sent(chat, before + expect, timeout)
        return calls[before:before + expect]

    async def press(self, user_id: int, call: Call, button: str, *, expect: int = 0, language_code: str = "en",
                    data: str | None = None) -> tuple[Call, list[Call]]:
        """Press the button whose label contains `button` (or send `data`) under the message `call` sent.

        Returns the answerCallbackQuery call and the first `expect` messages sent to that chat after it.
        """
        message = self.api.sent_message(call)
        chat = int(message["chat"]["id"])
        if data is None:
            rows = message.get("reply_markup", {}).get("inline_keyboard", [])
            labels = [b for row in rows for b in row if button in b["text"]]
            assert labels, f"no button {button!r} under that message"
            data = labels[0]["callback_data"]
        answered = len(self.api.calls_of("answerCallbackQuery"))
        before = len(self.sent(chat))
        self.api.push_callback(user_id, data, message=message, language_code=language_code)
        answers = await self.api.wait_for_call("answerCallbackQuery", count=answered + 1)
        calls = await self.wait_sent(chat, before + expect) if expect else []
        return answers[answered], calls[before:before + expect]

    async def barrier(self, user_id: int, chat_id: int | None = None) -> None:
        """Wait until every update `user_id` sent before is handled and answered.

        A user's updates are handled in order, so a button press (an unknown one: it only gets a toast)
        is answered after everything they sent earlier.
        """
        chat = user_id if chat_id is None else chat_id
        message = {"message_id": 1, "date": 0, "chat": {"id": chat, "type": "private" if chat == user_id else "supergroup"}}
        answered = len(self.api.calls_of("answerCallbackQuery"))
        self.api.push_callback(user_id, "barrier", message=message)
        await self.api.wait_for_call("answerCallbackQuery", count=answered + 1)

    def last_edit(self, chat_id: int) -> dict[str, Any] | None:
        edits = [c for c in self.api.calls_of("editMessageText", chat_id) if c.status == 200]
        return edits[-1].params if edits else None


@contextlib.asynccontextmanager
async def running(botapi: BotApiServer, settings: Settings, brains: tuple[Any, Any],
                  webhook: Webhook | None = None) -> AsyncIterator[Telegram]:
    detector, kb = brains
    app = await build_app(settings, detector=detector, kb=kb)
    app.ctx.image_reader = None  # OCR has its own suite; here photos prove the download path only
    stop = asyncio.Event()
    adapter = load_adapter(settings.telegram.framework)
    task = asyncio.create_task(adapter.serve(app, webhook, stop))
    ready = "setWebhook" if webhook else "getUpdates"
    try:
        await botapi.wait_for(lambda s: s.calls_of(ready) or task.done(), timeout=15)
        if task.done():
            task.result()
        yield Telegram(botapi, app, settings.telegram.framework)
    finally:
        stop.set()
        await asyncio.wait_for(task, 15)
        await app.close()


@pytest_asyncio.fixture(scope="module", loop_scope="module", params=FRAMEWORKS)
async def tg(request, tmp_path_factory, brains) -> AsyncIterator[Telegram]:
    """One bot per test module and framework, with its own stand-in server: tests use users of their own."""
    with BotApiServer() as botapi:
        settings = e2e_settings(botapi, tmp_path_factory.mktemp(request.param), request.param)
        async with running(botapi, settings, brains) as telegram:
            yield telegram


@pytest.fixture
def launch(botapi, tmp_path, brains):
    """`async with launch(framework, webhook=…) as tg:` a bot of this test's own, on the `botapi` server."""
    def start(framework: str, webhook: Webhook | None = None):
        return running(botapi, e2e_settings(botapi, tmp_path, framework), brains, webhook)
    return start
