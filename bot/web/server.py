"""The web application: one aiohttp app with the chat page, the console and the static files, and
`serve_web`, which runs it until `stop` beside (or instead of) the Telegram adapter.

Every response goes through one middleware: the visitor's session cookie (set on first sight), CSRF on
every POST, the security headers, and errors as short pages or JSON, never with a traceback.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web
from handlers.account import LANGUAGE_NAMES
from handlers.context import Context
from handlers.events import Event, Outcome, Reply
from handlers.ports import Lang
from handlers.texts import LANGS
from jinja2 import Environment, PackageLoader, select_autoescape

from bot.web import chat, console
from bot.web.guard import (CSRF_HEADER, SERVER, SID, SID_KNOWN, Proxies, RateLimit, add_security_headers, csrf_ok,
                           csrf_token, see_other)
from bot.web.logins import Logins
from bot.web.secret import Signer, load_secret
from bot.web.sessions import COOKIE, Conversation, Message, Sessions, is_web_user, new_session_id, valid_session_id
from bot.web.texts import say, sayer
from bot.web.users import WebUsers

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

TAGS = {"b": "b", "i": "i", "u": "u", "s": "s", "code": "code", "pre": "code", "quote": "em"}  # run style → element
STATIC = Path(__file__).with_name("static")
FORM_MAX_BYTES = 1024 * 1024  # url-encoded posts (a button, a text without an image)
PRESSES_PER_CHECK = 3  # button presses allowed per check in the per-client limit


class WebServer:
    """What the routes share: the running app, the page's own handler context, sessions, limits, templates."""

    def __init__(self, app: App, listen: str) -> None:
        settings = app.settings
        self.app = app
        self.settings = settings.web
        self.signer = Signer(load_secret(settings.data_dir))
        self.sessions = Sessions(self.signer, settings.privacy.callback_ttl_seconds)
        self.proxies = Proxies(settings.web.trusted_proxies)
        self.checks = RateLimit(settings.web.checks_per_minute)
        self.presses = RateLimit(settings.web.checks_per_minute * PRESSES_PER_CHECK)
        self.logins = Logins(self.signer, app.ctx.store, settings.web.link_minutes, settings.web.console_minutes,
                             self.public_url(listen))
        app.ctx.console_links = self.logins  # the /console command in Telegram signs with the same key
        # The page's handlers see web users through an in-memory store; everything else is shared.
        self.ctx: Context = dataclasses.replace(app.ctx, store=WebUsers(app.ctx.store, app.ctx.clock))
        self.templates = Environment(loader=PackageLoader("bot.web", "templates"),
                                     autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True)
        self.templates.globals.update(tags=TAGS, languages=[(code, LANGUAGE_NAMES[code]) for code in LANGS])
        self.cache: dict[str, Any] = {}  # values derived from the detector in use (the console's findings)
        self.version = str(int(max(p.stat().st_mtime for p in STATIC.iterdir())))

    def public_url(self, listen: str) -> str:
        return (self.settings.public_url or f"http://{listen}").rstrip("/")

    # ----- per request ---------------------------------------------------------------------------
    def client(self, request: web.Request) -> str:
        return self.proxies.client(request)

    def conversation(self, request: web.Request) -> Conversation:
        return self.sessions.get(request[SID])

    def check_csrf(self, request: web.Request, sent: str | None) -> None:
        if not (request[SID_KNOWN] and csrf_ok(self.signer, request[SID], request.headers.get(CSRF_HEADER) or sent)):
            raise web.HTTPForbidden(text="csrf")

    def render(self, request: web.Request, template: str, lang: Lang, status: int = 200, **values: Any) -> web.Response:
        page = self.templates.get_template(template).render(
            lang=lang, say=sayer(lang), csrf=csrf_token(self.signer, request[SID]), version=self.version,
            path=request.path, **values)
        return web.Response(text=page, status=status, content_type="text/html", charset="utf-8",
                            headers={"Cache-Control": "no-store"})

    def back(self, request: web.Request, changed: list[Message], *, notice: str | None = None,
             reload: bool = False) -> web.StreamResponse:
        """JSON of what changed for the script; a 303 back to the page (at the newest message) without it."""
        if chat.wants_json(request):
            return web.json_response({"messages": [m.as_json() for m in changed], "notice": notice, "reload": reload},
                                     headers={"Cache-Control": "no-store"})
        anchor = f"#m{changed[-1].id}" if changed else ""
        return see_other("/" + anchor)

    def refuse(self, request: web.Request, lang: Lang, text: str, *, status: int,
               retry_after: int | None = None) -> web.StreamResponse:
        if chat.wants_json(request):
            response: web.Response = web.json_response({"messages": [], "notice": text, "error": True}, status=status)
        else:
            response = self.render(request, "notice.html", lang, status=status, text=text)
        if retry_after:
            response.headers["Retry-After"] = str(retry_after)
        return response

    def session_cookie(self, request: web.Request, response: web.StreamResponse, sid: str) -> None:
        """The visitor's session id, for this browser session only, never readable by a script."""
        response.set_cookie(COOKIE, sid, httponly=True, samesite="Lax", path="/", secure=self.proxies.is_https(request))

    async def deliver_elsewhere(self, reply: Reply) -> None:
        """A reply for another chat: a web user's open page, or Telegram when this process serves it."""
        chat_id = reply.chat_id
        assert chat_id is not None
        other = self.sessions.of_user(chat_id)
        if other is not None:
            chat.place(other, dataclasses.replace(reply, chat_id=None))
            return
        transport = self.app.transport
        if transport is None or is_web_user(chat_id):
            return  # a web user whose page is gone, or no Telegram here: nobody to tell
        from bot.adapters.common import deliver

        await deliver(transport, Outcome([reply]), Event(kind="message", user_id=0, chat_id=chat_id), self.app.ctx.store)


@web.middleware
async def guard(request: web.Request, handler) -> web.StreamResponse:
    server: WebServer = request.app[SERVER]
    sid = request.cookies.get(COOKIE)
    known = valid_session_id(sid)
    request[SID] = sid if known else new_session_id()
    request[SID_KNOWN] = known
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        response = _error(server, request, exc)
    except Exception:
        log.exception("the web page failed on %s %s", request.method, request.path)
        response = _error(server, request, web.HTTPInternalServerError())
    if not known:
        server.session_cookie(request, response, request[SID])
    add_security_headers(response, server.proxies.is_https(request))
    return response


def _error(server: WebServer, request: web.Request, exc: web.HTTPException) -> web.StreamResponse:
    if exc.status in (301, 302, 303, 307, 308):
        return web.Response(status=exc.status, headers={"Location": exc.location})
    lang = chat.accept_language(request.headers.get("Accept-Language")) or "en"
    key = {403: "session_expired", 404: "not_found", 413: "too_large"}.get(exc.status, "failed")
    if isinstance(exc, console.NotModerator):
        key = "console.refused"
    text = say(key, lang)
    if chat.wants_json(request):
        return web.json_response({"messages": [], "notice": text, "error": True}, status=exc.status)
    return server.render(request, "notice.html", lang, status=exc.status, text=text)


def build_web(app: App, listen: str) -> web.Application:
    server = WebServer(app, listen)
    web_app = web.Application(middlewares=[guard], client_max_size=FORM_MAX_BYTES)
    web_app[SERVER] = server
    chat.routes(web_app)
    console.routes(web_app)
    web_app.router.add_static("/static", STATIC, append_version=False)
    web_app.on_response_prepare.append(_cache_static)
    return web_app


async def _cache_static(request: web.Request, response: web.StreamResponse) -> None:
    if request.path.startswith("/static/"):
        response.headers["Cache-Control"] = "public, max-age=604800, immutable"
        add_security_headers(response, False)


async def serve_web(app: App, host: str, port: int, stop: asyncio.Event) -> None:
    """Serve the page and the console on host:port until `stop` is set."""
    web_app = build_web(app, f"[{host}]:{port}" if ":" in host else f"{host}:{port}")
    runner = web.AppRunner(web_app, access_log=None)  # an access log would record who checked when
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    log.info("web page on http://%s:%d/ (console at /console)", host, port)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()

