"""The web adapter in process, over real HTTP on loopback (aiohttp's test server): CSRF, headers, limits,
trusted proxies, escaping, the console's doors and its sign-in links, and that web users stay in memory."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
import pytest_asyncio
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import text

from bot.app import build_app
from bot.settings import Settings
from bot.web.guard import SERVER
from bot.web.logins import COOKIE as CONSOLE_COOKIE
from bot.web.logins import sign_link
from bot.web.server import build_web
from bot.web.sessions import WEB_USER_BASE
from support.webpage import SCAM_EN

MODERATOR = 9001
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture(scope="module")
def brains() -> tuple[Any, Any]:
    from knowledge import KnowledgeBase
    from scam_patterns import Detector

    return Detector.default(), KnowledgeBase.default()


async def web_client(tmp_path, brains, **web: Any) -> tuple[TestClient, Any]:
    settings = Settings.model_validate({
        "database": {"url": f"sqlite+aiosqlite:///{tmp_path / 'web.db'}"}, "data_dir": str(tmp_path / "data"),
        "moderators": [MODERATOR], "web": web, "limits": {"max_image_bytes": 64 * 1024},
    })
    app = await build_app(settings, detector=brains[0], kb=brains[1])
    client = TestClient(TestServer(build_web(app, "127.0.0.1:8080")))
    await client.start_server()
    return client, app


@pytest_asyncio.fixture
async def web(tmp_path, brains):
    client, app = await web_client(tmp_path, brains)
    try:
        yield client, app
    finally:
        await client.close()
        await app.close()


async def open_page(client: TestClient, **headers: str) -> str:
    page = await client.get("/", headers=headers)
    assert page.status == 200
    return CSRF.search(await page.text()).group(1)


async def test_every_answer_has_a_strict_csp_and_the_security_headers(web):
    client, _ = web
    first = await client.get("/")
    assert "HttpOnly" in first.headers["Set-Cookie"] and "SameSite=Lax" in first.headers["Set-Cookie"]
    for path in ("/", "/static/style.css", "/static/chat.js", "/nowhere", "/console/reports"):
        response = await client.get(path)
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp, path
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "<script>" not in await first.text()  # no inline script: only <script src=…>


async def test_a_post_without_the_sessions_csrf_token_is_refused(web):
    client, _ = web
    token = await open_page(client)
    for path in ("/send", "/press"):
        assert (await client.post(path, data={"text": SCAM_EN, "data": "lang:en"})).status == 403
        assert (await client.post(path, data={"csrf": "x" * 32, "text": SCAM_EN, "data": "lang:en"})).status == 403
    stranger = TestClient(TestServer(client.server.app))  # another visitor replaying this visitor's token
    await stranger.start_server()
    try:
        await stranger.get("/")
        assert (await stranger.post("/send", data={"csrf": token, "text": SCAM_EN})).status == 403
    finally:
        await stranger.close()
    answer = await client.post("/send", data={"csrf": token, "text": SCAM_EN}, headers={"Accept": "application/json"})
    assert answer.status == 200
    assert (await answer.json())["messages"][1]["verdict"] == "scam"


async def test_user_text_is_escaped_in_the_page_and_sent_as_plain_runs(web):
    client, _ = web
    token = await open_page(client)
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" & more'
    data = await (await client.post("/send", data={"csrf": token, "text": hostile},
                                    headers={"Accept": "application/json"})).json()
    assert data["messages"][0]["runs"] == [{"t": hostile}]
    page = await (await client.get("/")).text()
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &#34;quoted&#34; &amp; more" in page


async def test_the_plain_form_post_redirects_back_to_the_newest_message(web):
    client, _ = web
    token = await open_page(client)
    answer = await client.post("/send", data={"csrf": token, "text": SCAM_EN}, allow_redirects=False)
    assert answer.status == 303 and re.fullmatch(r"/#m\d+", answer.headers["Location"])
    assert "🚨" in await (await client.get("/")).text()


async def test_checks_over_the_per_client_limit_get_429_with_the_wait(tmp_path, brains):
    client, app = await web_client(tmp_path, brains, checks_per_minute=2)
    try:
        token = await open_page(client)
        for _ in range(2):
            assert (await client.post("/send", data={"csrf": token, "text": "hello"})).status == 200
        refused = await client.post("/send", data={"csrf": token, "text": "hello"}, headers={"Accept": "application/json"})
        assert refused.status == 429
        wait = int(refused.headers["Retry-After"])
        assert 1 <= wait <= 60
        assert f"Try again in {wait} s" in (await refused.json())["notice"]
        # X-Forwarded-For from an untrusted peer changes nothing: a client cannot pick its own address.
        spoofed = await client.post("/send", data={"csrf": token, "text": "hello"}, headers={"X-Forwarded-For": "203.0.113.9"})
        assert spoofed.status == 429
    finally:
        await client.close()
        await app.close()


async def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit(tmp_path, brains):
    client, app = await web_client(tmp_path, brains, checks_per_minute=1, trusted_proxies=["127.0.0.1"])
    try:
        token = await open_page(client)
        one = {"X-Forwarded-For": "198.51.100.1"}
        assert (await client.post("/send", data={"csrf": token, "text": "hi"}, headers=one)).status == 200
        assert (await client.post("/send", data={"csrf": token, "text": "hi"}, headers=one)).status == 429
        other = {"X-Forwarded-For": "198.51.100.2, 127.0.0.1"}
        assert (await client.post("/send", data={"csrf": token, "text": "hi"}, headers=other)).status == 200
    finally:
        await client.close()
        await app.close()


async def test_an_image_over_the_limit_is_answered_not_read_and_huge_text_is_cut(web):
    client, app = web
    token = await open_page(client)
    from aiohttp import FormData

    form = FormData()
    form.add_field("csrf", token)
    form.add_field("image", b"\x89PNG" + b"0" * (app.ctx.limits.max_image_bytes + 10), filename="big.png",
                   content_type="image/png")
    data = await (await client.post("/send", data=form, headers={"Accept": "application/json"})).json()
    answer = "".join(run["t"] for run in data["messages"][1]["runs"])
    assert "MB" in answer or "large" in answer.lower()
    huge = SCAM_EN + " x" * 30_000
    data = await (await client.post("/send", data={"csrf": token, "text": huge}, headers={"Accept": "application/json"})).json()
    assert data["messages"][1]["verdict"] == "scam"
    assert data["messages"][0]["runs"][0]["t"].endswith("…")  # shown back shortened; the verdict read it all


async def test_web_users_are_never_written_to_the_database_and_subscribing_is_telegram_only(web):
    client, app = web
    token = await open_page(client)
    for message in ("/lang", SCAM_EN, "/subscribe"):
        answer = await client.post("/send", data={"csrf": token, "text": message}, headers={"Accept": "application/json"})
        assert answer.status == 200
    await client.post("/press", data={"csrf": token, "data": "lang:zh-Hant"})
    last = (await (await client.post("/send", data={"csrf": token, "text": "/remind"},
                                     headers={"Accept": "application/json"})).json())["messages"][-1]
    assert "Telegram" in last["runs"][0]["t"]
    async with app.ctx.store.engine.connect() as conn:
        assert (await conn.execute(text("SELECT count(*) FROM users"))).scalar_one() == 0
    assert '<html lang="zh-Hant">' in await (await client.get("/")).text()


# ----- the console ----------------------------------------------------------------------------------------
CONSOLE_GETS = ["/console", "/console/reports", "/console/broadcasts", "/console/broadcasts/1",
                "/console/broadcasts/1/events", "/console/stats", "/console/patterns", "/console/audit"]
CONSOLE_POSTS = ["/console/logout", "/console/reports/1", "/console/broadcasts", "/console/broadcasts/1"]


def test_the_route_lists_cover_every_console_route(tmp_path):
    from aiohttp import web as aioweb

    from bot.web import console

    app = aioweb.Application()
    console.routes(app)
    listed = {("GET", re.sub(r"\d+", "{}", p)) for p in CONSOLE_GETS} | {("POST", re.sub(r"\d+", "{}", p)) for p in CONSOLE_POSTS}
    listed |= {("GET", "/console/login"), ("POST", "/console/login")}
    routes = {(r.method, re.sub(r"\{[^}]+\}", "{}", r.resource.canonical)) for r in app.router.routes() if r.method != "HEAD"}
    assert routes == listed


async def console_as(client: TestClient, app: Any, user_id: int) -> None:
    server = client.server.app[SERVER]
    client.session.cookie_jar.update_cookies({CONSOLE_COOKIE: server.logins.session(user_id)})


@pytest.mark.parametrize("who", ["nobody", "non-moderator", "expired"])
async def test_every_console_route_refuses_anyone_but_a_signed_in_moderator(web, who):
    client, app = web
    token = await open_page(client)
    server = client.server.app[SERVER]
    if who == "non-moderator":
        await console_as(client, app, 12345)
    elif who == "expired":
        real = server.logins.clock
        server.logins.clock = lambda: real() - 24 * 3600
        await console_as(client, app, MODERATOR)
        server.logins.clock = real
    for path in CONSOLE_GETS:
        assert (await client.get(path, allow_redirects=False)).status == 403, path
    for path in CONSOLE_POSTS:
        response = await client.post(path, data={"csrf": token, "action": "reject", "text": "x"}, allow_redirects=False)
        assert response.status == 403, path
    await console_as(client, app, MODERATOR)
    for path in ("/console/reports", "/console/broadcasts", "/console/stats", "/console/patterns", "/console/audit"):
        assert (await client.get(path)).status == 200, path


async def test_a_sign_in_link_works_once_and_not_when_expired_tampered_or_for_a_non_moderator(web):
    client, app = web
    token = await open_page(client)
    server = client.server.app[SERVER]

    async def sign_in(link: str) -> int:
        query = link.partition("?token=")[2]
        return (await client.post("/console/login", data={"csrf": token, "token": query}, allow_redirects=False)).status

    link = server.logins.link(MODERATOR)
    assert (await client.get(link.partition("127.0.0.1:8080")[2])).status == 200  # the page with the button
    assert await sign_in(link) == 303
    assert await sign_in(link) == 403  # used
    signer = server.signer
    assert await sign_in(sign_link(signer, "http://x", MODERATOR, minutes=-1)) == 403
    assert await sign_in(sign_link(signer, "http://x", 12345, minutes=5)) == 403
    assert await sign_in(link.replace(str(MODERATOR), "9002", 1)) == 403
    assert await sign_in(sign_link(signer, "http://x", MODERATOR, 5) + "x") == 403
    entries = await app.ctx.store.audit_log()
    assert [e[2] for e in entries].count("console.login") == 1


async def test_web_user_ids_fit_a_bigint_and_never_meet_telegrams(web):
    client, _ = web
    server = client.server.app[SERVER]
    ids = {server.sessions.get(f"{n:032d}").user_id for n in range(50)}
    assert all(WEB_USER_BASE <= i < 2 ** 63 for i in ids) and len(ids) == 50
    assert time.time() > 0


async def test_an_alerts_progress_streams_as_server_sent_events_until_it_ends(web):
    client, app = web
    await console_as(client, app, MODERATOR)
    draft = await app.ctx.store.create_broadcast(MODERATOR, "alert text", MODERATOR)
    async with client.get(f"/console/broadcasts/{draft.id}/events") as stream:
        assert stream.headers["Content-Type"].startswith("text/event-stream")
        first = await stream.content.readline()
        assert first.startswith(b"data: ") and b'"status": "draft"' in first and b'"remaining": 0' in first
        await app.ctx.store.cancel_broadcast(draft.id, MODERATOR)
        rest = (await stream.content.read()).decode()
    assert '"status": "cancelled"' in rest and rest.rstrip().endswith("event: end\ndata: {}")
