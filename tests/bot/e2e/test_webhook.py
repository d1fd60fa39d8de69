"""End to end, webhook mode: Telegram posts updates to our HTTP server; only with the secret header."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sqlite3
import time

import aiohttp
import pytest

from bot.adapters.common import Webhook
from support.databases import fresh_postgres_database

from .conftest import e2e_settings, running

SCAM_EN = ("Hello, this is Amazon customer service. Your order was lost, we will refund you double. "
           "Please download Zoom and share your screen, and tell me the verification code.")
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def message_update(update_id: int, user_id: int, text: str) -> dict:
    return {"update_id": update_id, "message": {
        "message_id": 500 + update_id, "date": int(time.time()), "text": text,
        "chat": {"id": user_id, "type": "private", "first_name": "Test"},
        "from": {"id": user_id, "is_bot": False, "first_name": "Test", "language_code": "en"},
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}] if text.startswith("/check") else [],
    }}


@pytest.mark.parametrize("framework", ["aiogram", "ptb"])
async def test_webhook_serves_updates_posted_with_the_secret_and_refuses_others(botapi, launch, framework):
    webhook = Webhook(url="https://bot.example.org/tg/hook", listen_host="127.0.0.1", listen_port=free_port(),
                      path="/tg/hook", secret="s3cret-" + framework)
    async with launch(framework, webhook) as tg:
        (registered,) = botapi.calls_of("setWebhook")
        assert registered.params["url"] == webhook.url
        assert registered.params["secret_token"] == webhook.secret
        endpoint = f"http://127.0.0.1:{webhook.listen_port}{webhook.path}"
        async with aiohttp.ClientSession() as http:
            async with http.post(endpoint, json=message_update(1, 4242, "/check " + SCAM_EN),
                                 headers={SECRET_HEADER: "wrong"}) as refused:
                assert refused.status in (401, 403)
            async with http.post(endpoint, json=message_update(2, 4243, "/check " + SCAM_EN),
                                 headers={SECRET_HEADER: webhook.secret}) as accepted:
                assert accepted.status == 200
        verdict = (await tg.wait_sent(4243, 1))[0]
        assert verdict.params["text"].startswith("🚨")
        assert tg.sent(4242) == []
        assert botapi.calls_of("getUpdates") == []


def hook(framework: str) -> Webhook:
    return Webhook(url="https://bot.example.org/tg/hook", listen_host="127.0.0.1", listen_port=free_port(),
                   path="/tg/hook", secret="s3cret-" + framework)


async def raw_post(webhook: Webhook, body: bytes, secret: bytes | None = None) -> tuple[int, bytes]:
    """POST exactly these bytes, the secret header as raw bytes (clients refuse to send some of them)."""
    reader, writer = await asyncio.open_connection(webhook.listen_host, webhook.listen_port)
    head = (f"POST {webhook.path} HTTP/1.1\r\nHost: bot.example.org\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n").encode()
    header = SECRET_HEADER.encode() + b": " + (webhook.secret.encode() if secret is None else secret) + b"\r\n"
    writer.write(head + header + b"\r\n" + body)
    await writer.drain()
    answer = await reader.read()
    writer.close()
    return int(answer.split(b" ", 2)[1]), answer


async def settled() -> None:
    """Long enough for a second answer to an update to have been sent, were there one (webhook mode has
    no getUpdates queue for `tg.barrier`)."""
    await asyncio.sleep(1.5)


async def listening(webhook: Webhook, timeout: float = 15.0) -> None:
    """Until the process behind `webhook` accepts connections (a second process starts after the first)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            _, writer = await asyncio.open_connection(webhook.listen_host, webhook.listen_port)
        except OSError:
            assert time.monotonic() < deadline, "the webhook server did not start"
            await asyncio.sleep(0.1)
            continue
        writer.close()
        return


HOSTILE_SECRETS = [b"s\xc3\xa9cr\xc3\xa9t", b"\xff\xfe\x00garbage", "密钥".encode(), b"x" * 8000]
DEEP = b"[" * 200_000 + b"]" * 200_000
HOSTILE_BODIES = [
    DEEP,
    b'{"update_id": 1, "message": ' + b'{"a": ' * 100_000 + b"1" + b"}" * 100_000 + b"}",
    b'{"update_id": ' + b"9" * 5000 + b"}",  # an integer past Python's 4,300-digit limit
    os.urandom(4096),
    b"", b"42", b"[]", b'"update"', b"null", b'{"update_id": "4"}', b'{"update_id": 1.5}', b'{"update_id": true}',
    b'{"update_id": 5', b"\x00" * 100,
]


@pytest.mark.parametrize("framework", ["aiogram", "ptb"])
async def test_webhook_any_header_and_any_body_gets_a_4xx_never_a_500_or_a_traceback(botapi, launch, framework):
    """A non-ASCII secret header answered 500 with a traceback, and so did deep JSON."""
    webhook = hook(framework)
    async with launch(framework, webhook) as tg:
        for secret in HOSTILE_SECRETS:
            status, answer = await raw_post(webhook, json.dumps(message_update(90, 4250, "/help")).encode(), secret)
            assert status == 401 or 400 <= status < 500 and status != 413, (secret, status)
            assert b"Traceback" not in answer
        for body in HOSTILE_BODIES:
            status, answer = await raw_post(webhook, body)
            assert 400 <= status < 500, (body[:40], status)
            assert b"Traceback" not in answer and b"Error" not in answer.split(b"\r\n\r\n", 1)[-1]
        status, _ = await raw_post(webhook, b"{" * (2 * 1024 * 1024))  # over the 1 MB limit
        assert status == 413
        status, _ = await raw_post(webhook, json.dumps(message_update(91, 4251, "/help")).encode())
        assert status == 200  # still serving
        await tg.wait_sent(4251, 1)
        assert tg.sent(4250) == []


@pytest.mark.parametrize("framework", ["aiogram", "ptb"])
async def test_webhook_the_same_update_delivered_twice_is_handled_once(botapi, launch, framework):
    webhook = hook(framework)
    async with launch(framework, webhook) as tg:
        user = await tg.user()
        body = json.dumps(message_update(70, user, "/check " + SCAM_EN)).encode()
        assert (await raw_post(webhook, body))[0] == 200
        statuses = await asyncio.gather(*(raw_post(webhook, body) for _ in range(5)))
        assert [status for status, _ in statuses] == [200] * 5  # Telegram must stop sending it
        await tg.wait_sent(user, 1)
        await settled()
        assert len(tg.sent(user)) == 1


@pytest.mark.parametrize("framework", ["aiogram", "ptb"])
async def test_webhook_answers_503_when_the_update_cannot_be_recorded_and_handles_it_when_sent_again(
        botapi, launch, framework):
    """Nothing is confirmed that was not recorded: Telegram keeps the update and sends it again."""
    webhook = hook(framework)
    async with launch(framework, webhook) as tg:
        user = await tg.user()
        body = json.dumps(message_update(80, user, "/help")).encode()
        other = sqlite3.connect(tg.app.settings.database_url.split("///", 1)[1], isolation_level=None, timeout=30)
        other.execute("BEGIN IMMEDIATE")
        try:
            status, answer = await raw_post(webhook, body)
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert status == 503 and b"Retry-After" in answer
        assert tg.sent(user) == []
        assert (await raw_post(webhook, body))[0] == 200
        await tg.wait_sent(user, 1)
        await settled()
        assert len(tg.sent(user)) == 1


@pytest.mark.postgres
@pytest.mark.parametrize("framework", ["aiogram", "ptb"])
async def test_update_id_deduplicated_two_webhook_processes_on_one_postgres_answer_each_update_once(
        botapi, tmp_path, brains, framework):
    """Telegram retries an update on another process behind the proxy: it is answered once in all."""
    async with fresh_postgres_database("hook") as url:
        settings = e2e_settings(botapi, tmp_path, framework, database={"url": url})
        first, second = hook(framework), hook(framework)
        async with running(botapi, settings, brains, first) as tg, running(botapi, settings, brains, second):
            await listening(second)
            users = {update_id: await tg.user() for update_id in range(100, 110)}
            for update_id, user in users.items():
                body = json.dumps(message_update(update_id, user, "/help")).encode()
                answers = await asyncio.gather(raw_post(first, body), raw_post(second, body), raw_post(first, body))
                assert [status for status, _ in answers] == [200, 200, 200]
            for user in users.values():
                await tg.wait_sent(user, 1)
            await settled()
            assert [len(tg.sent(user)) for user in users.values()] == [1] * len(users)
