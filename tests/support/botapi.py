"""A stand-in Telegram Bot API server on 127.0.0.1 for the end-to-end tests and the benchmarks.

It speaks the real wire protocol (`{base}/bot<token>/<method>` and `{base}/file/bot<token>/<path>`), so
aiogram and python-telegram-bot talk to it over real HTTP exactly as they talk to Telegram. It runs in a
thread of its own with its own event loop, so a test may also drive a `shopsafe` subprocess against it.

What it does: queues updates for getUpdates (long polling with offsets), records every call, returns
well-formed messages, serves files, and injects faults on request: 429 with retry_after, 403, 500,
hanging calls, or random faults at given rates.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BOT_ID = 777000111
BOT_USERNAME = "shopsafe_test_bot"
TOKEN = "123456:TEST-token-not-real"


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float  # time.monotonic() when the server received it
    status: int = 200


@dataclass
class Fault:
    method: str | None  # None: any method
    status: int
    retry_after: int | None = None
    hang: float = 0.0  # seconds to wait before answering
    chat_id: int | None = None
    remaining: int = 1


@dataclass
class FaultRates:
    """Random faults on sendMessage, drawn from a seeded generator so runs are repeatable."""

    p429: float = 0.0
    p403: float = 0.0
    p500: float = 0.0
    retry_after: int = 1
    seed: int = 7
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)


# What Telegram sends with every ChatMemberAdministrator (frameworks refuse the object without them).
ADMIN_RIGHTS: dict[str, Any] = {
    "can_be_edited": False, "is_anonymous": False, "can_manage_chat": True, "can_delete_messages": True,
    "can_manage_video_chats": False, "can_restrict_members": True, "can_promote_members": False,
    "can_change_info": True, "can_invite_users": True, "can_post_stories": False,
    "can_edit_stories": False, "can_delete_stories": False, "can_send_welcome_messages": False,
}


def _user(user_id: int, language_code: str | None = "en", first_name: str = "Test") -> dict[str, Any]:
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if language_code:
        user["language_code"] = language_code
    return user


class BotApiServer:
    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.faults: list[Fault] = []
        self.rates: FaultRates | None = None
        self.blocked: set[int] = set()  # chats that answer 403 to every send
        self.admins: set[tuple[int, int]] = set()  # (chat_id, user_id) pairs that are chat administrators
        self.chat_types: dict[int, str] = {}
        self.files: dict[str, bytes] = {}
        self.update_served_at: dict[int, float] = {}  # update_id -> when getUpdates handed it out
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._file_ids = itertools.count(1)
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._new_update: asyncio.Event | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self._started = threading.Event()
        self._closing = False
        self.port = 0

    # ----- life cycle -------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> BotApiServer:
        self._thread = threading.Thread(target=self._serve, name="botapi-server", daemon=True)
        self._thread.start()
        if not self._started.wait(10):
            raise RuntimeError("the stand-in Bot API server did not start")
        return self

    def stop(self) -> None:
        self._closing = True
        if self._loop and self._new_update:
            self._loop.call_soon_threadsafe(self._new_update.set)  # pending long polls answer at once
        if self._loop and self._runner:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread:
            self._thread.join(10)

    def __enter__(self) -> BotApiServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        self._new_update = asyncio.Event()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._started.set()
        loop.run_forever()
        loop.close()

    # ----- what tests put in ------------------------------------------------------------------------
    def _queue(self, update: dict[str, Any]) -> int:
        with self._lock:
            update_id = next(self._update_ids)
            update["update_id"] = update_id
            self._updates.append(update)
        if self._loop and self._new_update:
            self._loop.call_soon_threadsafe(self._new_update.set)
        return update_id

    def push_message(
        self,
        user_id: int,
        text: str | None = None,
        *,
        chat_id: int | None = None,
        chat_type: str = "private",
        language_code: str | None = "en",
        forwarded: bool = False,
        reply_to: dict[str, Any] | None = None,
        photo: bytes | None = None,
        document: bytes | None = None,
        caption: str | None = None,
        chat_title: str = "Test group",
    ) -> int:
        """Queue a message update; returns its update_id. `reply_to` is a message dict (see `sent_message`)."""
        chat_id = user_id if chat_id is None else chat_id
        self.chat_types[chat_id] = chat_type
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = "Test"
        else:
            chat["title"] = chat_title
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": _user(user_id, language_code),
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                command = text.split()[0]
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if forwarded:
            message["forward_origin"] = {"type": "hidden_user", "sender_user_name": "Someone", "date": int(time.time()) - 60}
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        if photo is not None:
            file_id = self.add_file(photo)
            message["photo"] = [{"file_id": file_id, "file_unique_id": f"u{file_id}", "width": 1080, "height": 2400, "file_size": len(photo)}]
        if document is not None:
            file_id = self.add_file(document)
            message["document"] = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": "screenshot.png", "mime_type": "image/png", "file_size": len(document)}
        if caption is not None:
            message["caption"] = caption
        return self._queue({"message": message})

    def push_callback(self, user_id: int, data: str, *, message: dict[str, Any], language_code: str | None = "en") -> int:
        """Queue a button press on `message` (a message the bot sent: see `sent_message`)."""
        return self._queue({
            "callback_query": {
                "id": str(next(self._update_ids) * 7919),
                "from": _user(user_id, language_code),
                "chat_instance": "ci-1",
                "message": message,
                "data": data,
            }
        })

    def push_member_update(self, chat_id: int, by_user: int, new_status: str, *, chat_title: str = "Test group") -> int:
        """The bot was added to (`member`) or removed from (`left`/`kicked`) a group."""
        self.chat_types[chat_id] = "supergroup"
        old_status = "left" if new_status in {"member", "administrator"} else "member"
        bot = {"id": BOT_ID, "is_bot": True, "first_name": "ShopSafe", "username": BOT_USERNAME}
        return self._queue({
            "my_chat_member": {
                "chat": {"id": chat_id, "type": "supergroup", "title": chat_title},
                "from": _user(by_user),
                "date": int(time.time()),
                "old_chat_member": {"status": old_status, "user": bot},
                "new_chat_member": {"status": new_status, "user": bot, **({"until_date": 0} if new_status == "kicked" else {}),
                                    **(ADMIN_RIGHTS if new_status == "administrator" else {})},
            }
        })

    def push_raw(self, update: dict[str, Any]) -> int:
        """Queue an update exactly as given (to test updates a framework cannot read); returns its id."""
        return self._queue(update)

    def add_file(self, content: bytes) -> str:
        file_id = f"file-{next(self._file_ids)}"
        self.files[file_id] = content
        return file_id

    def fail_next(self, method: str | None, status: int, *, retry_after: int | None = None, count: int = 1,
                  chat_id: int | None = None, hang: float = 0.0) -> None:
        """The next `count` calls of `method` (to `chat_id`, if given) fail with `status` (0: hang then answer ok)."""
        with self._lock:
            self.faults.append(Fault(method, status, retry_after, hang, chat_id, count))

    def pending_updates(self) -> int:
        with self._lock:
            return len(self._updates)

    # ----- what tests read --------------------------------------------------------------------------
    def calls_of(self, method: str, chat_id: int | None = None) -> list[Call]:
        with self._lock:
            calls = list(self.calls)
        return [c for c in calls if c.method == method and (chat_id is None or _int(c.params.get("chat_id")) == chat_id)]

    def sent_texts(self, chat_id: int | None = None) -> list[str]:
        return [c.params.get("text", "") for c in self.calls_of("sendMessage", chat_id) if c.status == 200]

    def sent_message(self, call: Call) -> dict[str, Any]:
        """The message object a recorded successful sendMessage created (to press its buttons)."""
        return call.params["_result"]

    async def wait_for(self, predicate: Callable[[BotApiServer], Any], timeout: float = 10.0) -> Any:
        """Poll until `predicate(self)` is truthy; returns its value or raises TimeoutError."""
        return await asyncio.to_thread(self.wait_for_sync, predicate, timeout)

    def wait_for_sync(self, predicate: Callable[[BotApiServer], Any], timeout: float = 10.0) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            value = predicate(self)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError("the stand-in Bot API server did not see what the test waited for")
            time.sleep(0.01)

    async def wait_for_call(self, method: str, count: int = 1, chat_id: int | None = None, timeout: float = 10.0) -> list[Call]:
        return await self.wait_for(lambda s: (c := s.calls_of(method, chat_id)) and len(c) >= count and c, timeout)

    # ----- the HTTP side ----------------------------------------------------------------------------
    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.method == "POST" and request.can_read_body:
            ctype = request.content_type
            if ctype == "application/json":
                params.update(await request.json())
            elif ctype == "multipart/form-data":
                reader = await request.multipart()
                async for part in reader:
                    if part.filename:
                        params[part.name] = bytes(await part.read())
                    else:
                        params[part.name] = _decode(await part.text())
            else:
                form = await request.post()
                for key, value in form.items():
                    params[key] = _decode(value) if isinstance(value, str) else value.file.read()
        # aiogram uploads a file as its own part and names it in the field: `photo=attach://<part>`.
        for key, value in list(params.items()):
            if isinstance(value, str) and value.startswith("attach://") and value[9:] in params:
                params[key] = params.pop(value[9:])
        return params

    def _take_fault(self, method: str, chat_id: int | None) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.method not in (None, method) or (fault.chat_id is not None and fault.chat_id != chat_id):
                    continue
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self.faults.remove(fault)
                return fault
        if self.rates and method == "sendMessage":
            roll = self.rates.rng.random()
            if roll < self.rates.p429:
                return Fault(method, 429, self.rates.retry_after)
            if roll < self.rates.p429 + self.rates.p403:
                return Fault(method, 403)
            if roll < self.rates.p429 + self.rates.p403 + self.rates.p500:
                return Fault(method, 500)
        return None

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params = await self._params(request)
        call = Call(method, params, time.monotonic())
        chat_id = _int(params.get("chat_id"))
        fault = self._take_fault(method, chat_id)
        if fault and fault.hang:
            await asyncio.sleep(fault.hang)
        if fault and fault.status:
            call.status = fault.status
        elif chat_id is not None and chat_id in self.blocked and method.startswith(("send", "edit")):
            call.status = 403
        with self._lock:
            self.calls.append(call)
        if call.status != 200:
            return _error(call.status, fault.retry_after if fault else None)
        if method == "getUpdates":
            return _ok(await self._get_updates(params))
        result = self._result(method, params)
        params["_result"] = result
        return _ok(result)

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = _int(params.get("offset")) or 0
        timeout = float(params.get("timeout") or 0)
        limit = _int(params.get("limit")) or 100
        deadline = time.monotonic() + timeout
        assert self._new_update is not None
        while True:
            with self._lock:
                if offset:
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
                batch = self._updates[:limit]
                if batch:
                    now = time.monotonic()
                    for update in batch:
                        self.update_served_at.setdefault(update["update_id"], now)
                    return batch
                self._new_update.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self._closing:
                return []
            try:
                await asyncio.wait_for(self._new_update.wait(), remaining)
            except TimeoutError:
                return []

    def _message(self, params: dict[str, Any], **extra: Any) -> dict[str, Any]:
        chat_id = _int(params.get("chat_id")) or 0
        chat_type = self.chat_types.get(chat_id, "private" if chat_id > 0 else "supergroup")
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type != "private":
            chat["title"] = "Test group"
        message: dict[str, Any] = {
            "message_id": _int(params.get("message_id")) or next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "ShopSafe", "username": BOT_USERNAME},
            **extra,
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return {"id": BOT_ID, "is_bot": True, "first_name": "ShopSafe", "username": BOT_USERNAME,
                    "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}
        if method in {"sendMessage", "editMessageText"}:
            return self._message(params, text=params.get("text", ""))
        if method == "sendPhoto":
            photo = params.get("photo")
            file_id = self.add_file(photo) if isinstance(photo, bytes) else str(photo)
            return self._message(params, photo=[{"file_id": file_id, "file_unique_id": "p" + file_id, "width": 800, "height": 600}],
                                 **({"caption": params["caption"]} if params.get("caption") else {}))
        if method == "getFile":
            file_id = str(params.get("file_id"))
            if file_id not in self.files:
                return {"file_id": file_id, "file_unique_id": "x"}
            return {"file_id": file_id, "file_unique_id": "u" + file_id, "file_size": len(self.files[file_id]), "file_path": f"photos/{file_id}.png"}
        if method == "getChatMember":
            key = (_int(params.get("chat_id")), _int(params.get("user_id")))
            status = "administrator" if key in self.admins else "member"
            member: dict[str, Any] = {"status": status, "user": _user(key[1] or 0)}
            if status == "administrator":
                member.update(ADMIN_RIGHTS)
            return member
        if method == "getChat":
            chat_id = _int(params.get("chat_id")) or 0
            return {"id": chat_id, "type": self.chat_types.get(chat_id, "private"), "accent_color_id": 0, "max_reaction_count": 11}
        if method == "getMyCommands":
            return []
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        # setMyCommands, answerCallbackQuery, deleteWebhook, leaveChat, sendChatAction, deleteMessage, …
        return True

    async def _file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        path = request.match_info["path"]
        file_id = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        with self._lock:
            self.calls.append(Call("downloadFile", {"file_path": path}, time.monotonic()))
        if file_id not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[file_id], content_type="application/octet-stream")


def _decode(value: str) -> Any:
    """Bot API clients send nested objects (reply_markup, …) as JSON strings inside form fields."""
    if value[:1] in "{[":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(status: int, retry_after: int | None) -> web.Response:
    descriptions = {
        429: f"Too Many Requests: retry after {retry_after or 1}",
        403: "Forbidden: bot was blocked by the user",
        400: "Bad Request: chat not found",
        500: "Internal Server Error",
        502: "Bad Gateway",
    }
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": descriptions.get(status, "Error")}
    if status == 429:
        body["parameters"] = {"retry_after": retry_after or 1}
    return web.json_response(body, status=status)
