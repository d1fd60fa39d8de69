"""Bad input of every kind reaches `handle` without an exception and gets replies within Telegram's limits."""

from __future__ import annotations

import logging
import random

from handlers.callbacks import MAX_BYTES
from handlers.dispatch import handle
from handlers.events import Event
from handlers.markup import utf16_len
from support.handler_chat import SCAM_ZH

ALPHABET = ["a", "Z", " ", "\n", "\t", "<", ">", "&", ";", "/", "@", ":", "中", "國", "😀", "\u200b", "\x00",
            "\x7f", "\ufeff", "ｑｑ", "١", "é", "\U0001f1e8", "%", "'", '"', "check", "/check", "/remind",
            "/broadcast", "/newpattern", "v:why:", "rem:z:", "bc:send:", "rp:ok:", "gs:scan:", "kb:", "flow:"]


def random_text(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(size))


def random_event(rng: random.Random) -> Event:
    kind = rng.choice(["message", "message", "message", "callback", "bot_added", "bot_removed"])
    chat_type = rng.choice(["private", "private", "group", "supergroup", "channel"])
    user = rng.choice([501, 502, 9001])
    text = random_text(rng, rng.choice([0, 1, 5, 40, 400, 5000]))
    if rng.random() < 0.2:
        text = SCAM_ZH + text
    data = random_text(rng, rng.randint(0, 20)).encode("utf-8")[:MAX_BYTES].decode("utf-8", "ignore")
    return Event(
        kind=kind, user_id=user, chat_id=user if chat_type == "private" else -100123, chat_type=chat_type,
        language_code=rng.choice([None, "", "en", "zh-hans", "zh-TW", "xx-YY", "zh"]),
        text=rng.choice([None, text]), message_id=rng.randint(1, 10**6), forwarded=rng.random() < 0.3,
        reply_to_text=rng.choice([None, text[:200]]), reply_to_message_id=rng.choice([None, 7]),
        callback_data=data if kind == "callback" else None, callback_message_id=rng.choice([None, 9]),
        sender_is_chat_admin=rng.choice([None, True, False]),
    )


async def test_random_events_never_fail_and_replies_fit(ctx, caplog):
    caplog.set_level(logging.ERROR, logger="handlers")
    rng = random.Random(20261122)
    for _ in range(300):
        event = random_event(rng)
        outcome = await handle(event, ctx)
        for reply in outcome.replies:
            assert utf16_len(reply.text) <= 4096
            for row in reply.buttons:
                for button in row:
                    assert len((button.callback_data or "").encode("utf-8")) <= MAX_BYTES
    assert not [r for r in caplog.records if r.name.startswith("handlers")], "a handler raised"
