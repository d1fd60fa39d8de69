"""End to end, webhook mode: Telegram posts updates to our HTTP server; only with the secret header."""

from __future__ import annotations

import socket
import time

import aiohttp
import pytest

from bot.adapters.common import Webhook

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
