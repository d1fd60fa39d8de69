"""The chat page: GET / shows the conversation, POST /send checks a message or a screenshot (or answers a
question), POST /press presses a reply's button. Each POST answers JSON to the page's script and a 303
back to the page to a plain form post, so the page works with its script and without it.
"""

from __future__ import annotations

import base64
import logging
from typing import TYPE_CHECKING

from aiohttp import BodyPartReader, web
from handlers.dispatch import handle
from handlers.events import Event, Outcome, Reply
from handlers.language import lang_from_code
from handlers.ports import Lang

from bot.web.guard import SERVER
from bot.web.render import Run, reply_view
from bot.web.sessions import Conversation, Message, new_session_id
from bot.web.texts import say

if TYPE_CHECKING:
    from bot.web.server import WebServer

log = logging.getLogger(__name__)

# Nothing could deliver these on the page: they answer that they work in Telegram only.
TELEGRAM_ONLY = frozenset({"subscribe", "unsubscribe", "remind", "groupsettings"})
LANG_CODES: dict[Lang, str] = {"zh-Hans": "zh-hans", "zh-Hant": "zh-hant", "en": "en"}
SHOWN_CHARS = 2_000  # of a long message, what the conversation shows back (the check reads all of it)
FIELD_SLACK = 4 * 1024  # bytes a form field may have beyond its limit (multipart framing)


def accept_language(header: str | None) -> Lang | None:
    """The first of our languages in `Accept-Language`, by q-value (zh-TW, zh-HK → zh-Hant); None: none."""
    choices = []
    for position, item in enumerate((header or "").split(",")):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        tag = tag.strip()
        if tag and tag != "*" and quality > 0 and (tag.lower().startswith("zh") or tag.lower().startswith("en")):
            choices.append((-quality, position, tag))
    for _, _, tag in sorted(choices):
        return lang_from_code(tag)
    return None


def wants_json(request: web.Request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


async def chosen_lang(server: WebServer, request: web.Request, conversation: Conversation) -> Lang | None:
    """The language picked on the page, else the browser's; None when neither says (the text's script decides)."""
    user = await server.ctx.store.get_user(conversation.user_id)
    if user is not None and user.language:
        return user.language
    return accept_language(request.headers.get("Accept-Language"))


def code_of(lang: Lang | None) -> str | None:
    return LANG_CODES[lang] if lang else None


async def show(server: WebServer, conversation: Conversation, outcome: Outcome) -> list[Message]:
    """Put the outcome's replies in the conversation (edits replace); replies to other chats go there."""
    changed: list[Message] = []
    for reply in outcome.replies:
        if reply.chat_id not in (None, conversation.user_id):
            await server.deliver_elsewhere(reply)
            continue
        changed.append(place(conversation, reply))
    return changed


def place(conversation: Conversation, reply: Reply) -> Message:
    runs, verdict, buttons = reply_view(reply)
    if reply.edit_message_id is not None:
        replaced = conversation.replace(reply.edit_message_id, runs, verdict, buttons)
        if replaced is not None:
            return replaced
    return conversation.add("bot", runs, verdict, buttons, data_url(reply.photo) if reply.photo else None)


async def index(request: web.Request) -> web.Response:
    server: WebServer = request.app[SERVER]
    conversation = server.conversation(request)
    lang = await chosen_lang(server, request, conversation) or "en"
    notice, conversation.notice = conversation.notice, None
    return server.render(request, "chat.html", lang, messages=list(conversation.messages.values()), notice=notice,
                         max_chars=server.app.ctx.limits.max_text_chars)


async def read_send_form(server: WebServer, request: web.Request) -> tuple[dict[str, str], bytes | None, bool]:
    """The fields, the image (None: none picked) and whether it was over the image limit, read within limits."""
    limits = server.app.ctx.limits
    fields: dict[str, str] = {}
    image, too_large = None, False
    if not request.content_type.startswith("multipart/"):
        posted = await request.post()
        return {k: v for k, v in posted.items() if isinstance(v, str)}, None, False
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader) or part.name is None:
            continue
        if part.name == "image" and part.filename:
            data = await _read_up_to(part, limits.max_image_bytes)
            if data is None:
                too_large = True
                break  # the rest of the body is left unread; the connection closes after the answer
            image = data or None
        elif part.name in ("text", "csrf"):
            data = await _read_up_to(part, limits.max_text_chars * 4 + FIELD_SLACK)
            if data is None:
                raise web.HTTPRequestEntityTooLarge(max_size=limits.max_text_chars * 4, actual_size=None)
            fields[part.name] = data.decode("utf-8", errors="replace")
    return fields, image, too_large


async def _read_up_to(part: BodyPartReader, limit: int) -> bytes | None:
    """The part's bytes, or None as soon as it is over `limit`."""
    chunks, size = [], 0
    while chunk := await part.read_chunk(64 * 1024):
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


async def send(request: web.Request) -> web.StreamResponse:
    server: WebServer = request.app[SERVER]
    fields, image, too_large = await read_send_form(server, request)
    server.check_csrf(request, fields.get("csrf"))
    conversation = server.conversation(request)
    chosen = await chosen_lang(server, request, conversation)
    lang = chosen or "en"
    wait = server.checks.retry_after(server.client(request))
    if wait:
        return server.refuse(request, lang, say("rate_limited", lang, seconds=wait), status=429, retry_after=wait)
    text = fields.get("text", "")
    if not text.strip() and image is None and not too_large:
        return server.back(request, [])
    async with conversation.lock:
        shown = text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"
        runs = ([Run(say("image_sent", lang) + ("\n" if shown.strip() else ""))] if image or too_large else [])
        runs += [Run(shown)] if shown.strip() else []
        mine = conversation.add("user", runs)
        command = text.strip().lstrip("/").split(maxsplit=1)[0].split("@")[0].lower() if text.strip().startswith("/") else ""
        if command in TELEGRAM_ONLY:
            outcome = Outcome([Reply(say("telegram_only", lang, command=command), parse_mode=None)])
        else:
            outcome = await handle(Event(
                kind="message", user_id=conversation.user_id, chat_id=conversation.user_id, chat_type="private",
                language_code=code_of(chosen), text=text, message_id=mine.id, image=image,
                image_too_large=too_large), server.ctx)
        changed = [mine] + await show(server, conversation, outcome)
    return server.back(request, changed)


async def press(request: web.Request) -> web.StreamResponse:
    server: WebServer = request.app[SERVER]
    posted = await request.post()
    server.check_csrf(request, posted.get("csrf"))  # type: ignore[arg-type]
    conversation = server.conversation(request)
    chosen = await chosen_lang(server, request, conversation)
    lang = chosen or "en"
    data = str(posted.get("data", ""))[:64]
    message = str(posted.get("message", ""))
    wait = server.presses.retry_after(server.client(request))
    if wait:
        return server.refuse(request, lang, say("rate_limited", lang, seconds=wait), status=429, retry_after=wait)
    async with conversation.lock:
        outcome = await handle(Event(
            kind="callback", user_id=conversation.user_id, chat_id=conversation.user_id, chat_type="private",
            language_code=code_of(chosen), callback_data=data,
            callback_message_id=int(message) if message.isdigit() else None), server.ctx)
        changed = await show(server, conversation, outcome)
    if data == "forget:yes" and any(m.role == "bot" for m in changed):
        # Forgotten: this conversation ends and the next visit is a new, unrelated session.
        server.sessions.end(conversation.sid)
        response = server.back(request, [], reload=True)
        server.session_cookie(request, response, new_session_id())
        return response
    if outcome.callback_answer:
        conversation.notice = outcome.callback_answer if not wants_json(request) else None
    return server.back(request, changed, notice=outcome.callback_answer or None)


def routes(app: web.Application) -> None:
    app.router.add_get("/", index)
    app.router.add_post("/send", send)
    app.router.add_post("/press", press)

