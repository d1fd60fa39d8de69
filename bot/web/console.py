"""The moderators' console at /console: reports, alerts with live progress, statistics, patterns, audit log.

Every route but the sign-in link needs a console session of a current moderator (`NotModerator`
otherwise, checked per request against the moderators in force). Actions go through the same handlers as
Telegram (`rp:` and `bc:` buttons, `/newpattern`, `/broadcast`, `/stats`), so the console decides,
audits and reloads patterns exactly as the bot does; sign-in and sign-out are audited here.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import TYPE_CHECKING, Any

from aiohttp import web
from handlers import callbacks
from handlers.dispatch import handle
from handlers.events import Event, Outcome
from handlers.ports import Lang
from handlers.reports import community_pattern, parse_signals
from scam_patterns.catalog import validate
from scam_patterns.verdict import localized

from bot.web.chat import LANG_CODES, accept_language, data_url
from bot.web.guard import SERVER, see_other
from bot.web.logins import COOKIE
from bot.web.render import Run, reply_view

if TYPE_CHECKING:
    from bot.web.server import WebServer

log = logging.getLogger(__name__)

REPORTS_SHOWN = 50
PATTERNS_SHOWN = 200
AUDIT_SHOWN = 100
PROGRESS_SECONDS = 1.0  # how often the progress stream reads the counters
STREAM_SECONDS = 1800  # a stream ends after this long even if the alert is still going (EventSource reconnects)


class NotModerator(web.HTTPForbidden):
    """No console session, an expired one, or one of an id that is no longer a moderator."""


def moderator(request: web.Request) -> int:
    server: WebServer = request.app[SERVER]
    user_id = server.logins.session_user(request.cookies.get(COOKIE))
    if user_id is None or not server.app.ctx.is_moderator(user_id):
        raise NotModerator()
    return user_id


async def moderator_form(request: web.Request) -> tuple[WebServer, int, Any]:
    """(server, moderator id, the posted form) of a console POST, its CSRF token checked."""
    server: WebServer = request.app[SERVER]
    user_id = moderator(request)
    posted = await request.post()
    server.check_csrf(request, posted.get("csrf"))
    return server, user_id, posted


def console_lang(request: web.Request) -> Lang:
    return accept_language(request.headers.get("Accept-Language")) or "en"


async def as_moderator(server: WebServer, user_id: int, lang: Lang, *, text: str | None = None,
                       data: str | None = None) -> list[list[Run]]:
    """Run a command (`text`) or a button press (`data`) through the handlers as this moderator; the runs of
    each reply to the moderator (replies to others, e.g. the reporter's thanks, are delivered to them)."""
    event = Event(kind="callback" if data else "message", user_id=user_id, chat_id=user_id, chat_type="private",
                  language_code=LANG_CODES[lang], text=text, callback_data=data)
    outcome: Outcome = await handle(event, server.app.ctx)
    shown: list[list[Run]] = []
    for reply in outcome.replies:
        if reply.chat_id not in (None, user_id):
            await server.deliver_elsewhere(reply)
        else:
            shown.append(reply_view(reply)[0])
    if outcome.callback_answer:
        shown.append([Run(outcome.callback_answer)])
    return shown


def page(server: WebServer, request: web.Request, template: str, user_id: int, **values: Any) -> web.Response:
    return server.render(request, template, console_lang(request), moderator_id=user_id, **values)


# ----- signing in and out -------------------------------------------------------------------------------
async def login_form(request: web.Request) -> web.Response:
    """The link's page: a button that signs in, so a link previewer fetching the URL does not use it up."""
    server: WebServer = request.app[SERVER]
    token = request.query.get("token", "")
    checked = server.logins.check(token)
    if checked is None or not server.app.ctx.is_moderator(checked[0]):
        raise NotModerator()
    return server.render(request, "console_login.html", console_lang(request), token=token, moderator_id=checked[0])


async def login(request: web.Request) -> web.StreamResponse:
    server: WebServer = request.app[SERVER]
    posted = await request.post()
    server.check_csrf(request, posted.get("csrf"))  # type: ignore[arg-type]
    user_id = await server.logins.redeem(str(posted.get("token", "")))
    if user_id is None or not server.app.ctx.is_moderator(user_id):
        raise NotModerator()
    await server.app.ctx.store.audit(user_id, "console.login", "one-time link")
    response = see_other("/console")
    response.set_cookie(COOKIE, server.logins.session(user_id), httponly=True, samesite="Strict", path="/",
                        max_age=server.logins.session_minutes * 60, secure=server.proxies.is_https(request))
    return response


async def logout(request: web.Request) -> web.StreamResponse:
    server, user_id, posted = await moderator_form(request)
    await server.app.ctx.store.audit(user_id, "console.logout")
    response = see_other("/")
    response.del_cookie(COOKIE, path="/")
    return response


# ----- reports ------------------------------------------------------------------------------------------
def test_pattern(server: WebServer, pattern: dict[str, Any], example: str) -> dict[str, Any]:
    """The candidate against the report's own text (its words must match it: the text is not given as an
    example here, which the detector would recognise as a known script whatever the words) and every
    legitimate look-alike in the catalog (the counter-examples: none may match), as `--validate` checks."""
    current = server.app.ctx.detector.current
    own = current.with_db_patterns([{**pattern, "examples": []}]).check(example)
    matched = pattern["id"] in [hit.id for hit in own.patterns] and own.verdict != "no_match"
    detector = current.with_db_patterns([pattern])
    counters = [c for p in detector.patterns for c in p.counter_examples]
    false_hits = [c for c in counters if pattern["id"] in [hit.id for hit in detector.check(c).patterns]]
    return {"ok": matched and not false_hits, "matched": matched, "verdict": own.verdict,
            "false_hits": false_hits[:5], "counters": len(counters)}


async def reports(request: web.Request, *, tested: dict[int, dict[str, Any]] | None = None,
                  notes: list[list[Run]] | None = None, signals: dict[int, str] | None = None) -> web.Response:
    server: WebServer = request.app[SERVER]
    user_id = moderator(request)
    pending = await server.app.ctx.store.pending_reports(REPORTS_SHOWN)
    return page(server, request, "console_reports.html", user_id, reports=pending, tested=tested or {},
                notes=notes or [], signals=signals or {}, pattern_title=lambda pid: _title(server, pid, console_lang(request)))


def _title(server: WebServer, pattern_id: str, lang: Lang) -> str:
    for pattern in server.app.ctx.detector.current.patterns:
        if pattern.id == pattern_id:
            return localized(pattern.title, lang)
    return pattern_id


async def decide(request: web.Request) -> web.StreamResponse:
    """Test, approve (as an example of a matched pattern, or as a new pattern) or reject one report."""
    server, user_id, posted = await moderator_form(request)
    lang = console_lang(request)
    report_id = int(request.match_info["report_id"])
    action = str(posted.get("action", ""))
    spec = str(posted.get("signals", ""))[:500]
    if action == "reject":
        notes = await as_moderator(server, user_id, lang, data=callbacks.data("rp", "no", report_id))
    elif action.startswith("example:"):
        pattern_id = action.partition(":")[2]
        if not pattern_id or not callbacks.fits("rp", "ok", report_id, pattern_id):
            raise web.HTTPBadRequest()
        notes = await as_moderator(server, user_id, lang, data=callbacks.data("rp", "ok", report_id, pattern_id))
    elif action in ("test", "new"):
        groups = parse_signals(spec)
        report = next((r for r in await server.app.ctx.store.pending_reports(REPORTS_SHOWN) if r.id == report_id), None)
        if report is None or not groups:
            return await reports(request, signals={report_id: spec})
        result = await asyncio.to_thread(test_pattern, server, community_pattern(report_id, groups, report.text_redacted),
                                         report.text_redacted)
        if action == "test" or not result["ok"]:
            return await reports(request, tested={report_id: result}, signals={report_id: spec})
        notes = await as_moderator(server, user_id, lang, text=f"/newpattern {report_id} {spec}")
    else:
        raise web.HTTPBadRequest()
    return await reports(request, notes=notes)


# ----- alerts -------------------------------------------------------------------------------------------
async def broadcasts(request: web.Request, *, preview: list[list[Run]] | None = None,
                     draft: int | None = None, text: str = "") -> web.Response:
    server: WebServer = request.app[SERVER]
    user_id = moderator(request)
    records = await server.app.ctx.store.list_broadcasts(20)
    return page(server, request, "console_broadcasts.html", user_id, records=records, preview=preview or [],
                draft=draft, text=text, telegram=server.app.transport is not None)


async def compose(request: web.Request) -> web.StreamResponse:
    """/broadcast TEXT through the handlers: a draft and its preview, with Send and Cancel below."""
    server, user_id, posted = await moderator_form(request)
    text = str(posted.get("text", ""))
    lang = console_lang(request)
    event = Event(kind="message", user_id=user_id, chat_id=user_id, chat_type="private",
                  language_code=LANG_CODES[lang], text="/broadcast " + text)
    outcome = await handle(event, server.app.ctx)
    draft = None
    for reply in outcome.replies:
        for row in reply.buttons:
            for button in row:
                parts = callbacks.parse(button.callback_data)
                if parts[:2] == ["bc", "send"]:
                    draft = int(parts[2])
    return await broadcasts(request, preview=[reply_view(r)[0] for r in outcome.replies], draft=draft, text=text)


async def send_or_cancel(request: web.Request) -> web.StreamResponse:
    server, user_id, posted = await moderator_form(request)
    broadcast_id = int(request.match_info["broadcast_id"])
    action = str(posted.get("action", ""))
    if action not in ("send", "cancel"):
        raise web.HTTPBadRequest()
    notes = await as_moderator(server, user_id, console_lang(request), data=callbacks.data("bc", action, broadcast_id))
    if action == "send":
        return see_other(f"/console/broadcasts/{broadcast_id}")
    return await broadcasts(request, preview=notes)


def progress(record: Any) -> dict[str, Any]:
    done = record.sent + record.failed + record.blocked
    remaining = max(0, record.total - done)
    percent = 100 if record.total == 0 and record.status == "done" else (100 * done // record.total if record.total else 0)
    return {"id": record.id, "status": record.status, "total": record.total, "delivered": record.sent,
            "failed": record.failed, "blocked": record.blocked, "remaining": remaining, "percent": percent}


async def broadcast_page(request: web.Request) -> web.Response:
    server: WebServer = request.app[SERVER]
    user_id = moderator(request)
    record = await server.app.ctx.store.get_broadcast(int(request.match_info["broadcast_id"]))
    if record is None:
        raise web.HTTPNotFound()
    return page(server, request, "console_progress.html", user_id, record=record, figures=progress(record))


async def broadcast_events(request: web.Request) -> web.StreamResponse:
    """Server-sent events: the alert's counters every second until it is done or cancelled."""
    server: WebServer = request.app[SERVER]
    moderator(request)
    broadcast_id = int(request.match_info["broadcast_id"])
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store",
                                           "X-Accel-Buffering": "no"})
    await response.prepare(request)
    last = None
    deadline = asyncio.get_running_loop().time() + STREAM_SECONDS
    while asyncio.get_running_loop().time() < deadline:
        record = await server.app.ctx.store.get_broadcast(broadcast_id)
        if record is None:
            break
        figures = progress(record)
        if figures != last:
            await response.write(f"data: {json.dumps(figures)}\n\n".encode())
            last = figures
        if record.status in ("done", "cancelled"):
            break
        await asyncio.sleep(PROGRESS_SECONDS)
    await response.write(b"event: end\ndata: {}\n\n")
    return response


# ----- statistics, patterns, audit ------------------------------------------------------------------------
async def stats(request: web.Request) -> web.Response:
    server: WebServer = request.app[SERVER]
    user_id = moderator(request)
    lang = console_lang(request)
    outcome = await handle(Event(kind="message", user_id=user_id, chat_id=user_id, chat_type="private",
                                 language_code=LANG_CODES[lang], text="/stats"), server.app.ctx)
    blocks = [(reply_view(r)[0], data_url(r.photo) if r.photo else None) for r in outcome.replies]
    return page(server, request, "console_stats.html", user_id, blocks=blocks)


async def patterns(request: web.Request) -> web.Response:
    server: WebServer = request.app[SERVER]
    user_id = moderator(request)
    lang = console_lang(request)
    query = request.query.get("q", "").strip()[:100]
    everything = server.app.ctx.detector.current.patterns
    findings = await _findings(server)
    needle = query.casefold()

    def hay(p: Any) -> str:
        return " ".join([p.id, p.family, p.severity, *p.title.values(), *(w for g in p.signals for w in g)]).casefold()

    shown = [p for p in everything if not needle or needle in hay(p)]
    return page(server, request, "console_patterns.html", user_id, query=query, patterns=shown[:PATTERNS_SHOWN],
                total=len(everything), findings=findings, title=lambda p: localized(p.title, lang))


async def _findings(server: WebServer) -> list[str]:
    """`shopsafe patterns --validate` on the patterns in use (catalog and community), once per detector."""
    detector = server.app.ctx.detector.current
    cached = server.cache.get("findings")
    if cached is None or cached[0] is not detector:
        cached = server.cache["findings"] = (detector, await asyncio.to_thread(validate, list(detector.patterns)))
    return cached[1]


async def audit(request: web.Request) -> web.Response:
    server: WebServer = request.app[SERVER]
    user_id = moderator(request)
    entries = await server.app.ctx.store.audit_log(AUDIT_SHOWN)
    return page(server, request, "console_audit.html", user_id, entries=entries)


async def home(request: web.Request) -> web.StreamResponse:
    moderator(request)
    return see_other("/console/reports")


def routes(app: web.Application) -> None:
    app.router.add_get("/console/login", login_form)
    app.router.add_post("/console/login", login)
    app.router.add_post("/console/logout", logout)
    app.router.add_get("/console", home)
    app.router.add_get("/console/reports", reports)
    app.router.add_post("/console/reports/{report_id:\\d+}", decide)
    app.router.add_get("/console/broadcasts", broadcasts)
    app.router.add_post("/console/broadcasts", compose)
    app.router.add_get("/console/broadcasts/{broadcast_id:\\d+}", broadcast_page)
    app.router.add_post("/console/broadcasts/{broadcast_id:\\d+}", send_or_cancel)
    app.router.add_get("/console/broadcasts/{broadcast_id:\\d+}/events", broadcast_events)
    app.router.add_get("/console/stats", stats)
    app.router.add_get("/console/patterns", patterns)
    app.router.add_get("/console/audit", audit)

