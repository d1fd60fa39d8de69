"""The shared adapter core: delivery retry policy over real HTTP and SQLite, per-user ordering, images."""

from __future__ import annotations

import asyncio

import pytest

from bot.adapters.aiogram_adapter import AiogramTransport, build_bot
from bot.adapters.common import (
    ImageTooLarge,
    OrderedDispatcher,
    RetryPolicy,
    deliver,
    fetch_image,
    membership_change,
)
from bot import transport as tr
from bot.transport import BadRequest
from handlers.events import Button, Event, Outcome, Reply
from support.botapi import TOKEN

FAST = RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.05)


@pytest.fixture
async def transport(botapi):
    bot = build_bot(TOKEN, botapi.base_url, request_timeout=0.5)
    try:
        yield AiogramTransport(bot)
    finally:
        await bot.session.close()


@pytest.fixture(params=["aiogram", "ptb"])
async def any_transport(request, botapi):
    """Each adapter's Transport; with the param "nothing-listens", aiogram's aimed at a closed port."""
    from bot.adapters import ptb_adapter

    base = "http://127.0.0.1:9" if request.param == "nothing-listens" else botapi.base_url  # nothing on port 9
    if request.param == "ptb":
        bot = ptb_adapter.build_bot(TOKEN, base, request_timeout=0.5)
        async with bot:
            yield ptb_adapter.PtbTransport(bot)
        return
    bot = build_bot(TOKEN, base, request_timeout=0.5)
    try:
        yield AiogramTransport(bot)
    finally:
        await bot.session.close()


def event(chat_id: int = 42) -> Event:
    return Event(kind="message", user_id=chat_id, chat_id=chat_id, text="/help")


# ----- deliver --------------------------------------------------------------------------------------

async def test_replies_go_out_in_order_to_the_events_chat_or_their_own(botapi, transport, store):
    outcome = Outcome([Reply("first"), Reply("to the moderator", chat_id=7), Reply("second")])
    ids = await deliver(transport, outcome, event(), store, FAST)
    assert botapi.sent_texts(42) == ["first", "second"]
    assert botapi.sent_texts(7) == ["to the moderator"]
    assert all(isinstance(i, int) for i in ids)


async def test_edit_reply_edits_the_message_instead_of_sending(botapi, transport, store):
    ids = await deliver(transport, Outcome([Reply("12 / 40 sent", edit_message_id=1500)]), event(), store, FAST)
    (call,) = botapi.calls_of("editMessageText", 42)
    assert int(call.params["message_id"]) == 1500
    assert ids == [1500]
    assert botapi.calls_of("sendMessage") == []


async def test_429_waits_retry_after_then_sends(botapi, transport, store):
    botapi.fail_next("sendMessage", 429, retry_after=1)
    await deliver(transport, Outcome([Reply("hello")]), event(), store, FAST)
    failed, sent = botapi.calls_of("sendMessage", 42)
    assert (failed.status, sent.status) == (429, 200)
    assert sent.at - failed.at >= 0.95  # waited Telegram's retry_after, not the short backoff
    assert botapi.sent_texts(42) == ["hello"]


async def test_5xx_is_retried_with_backoff_until_it_goes_through(botapi, transport, store):
    botapi.fail_next("sendMessage", 500, count=2)
    await deliver(transport, Outcome([Reply("hello")]), event(), store, FAST)
    assert [c.status for c in botapi.calls_of("sendMessage", 42)] == [500, 500, 200]


async def test_5xx_retries_are_bounded(botapi, transport, store):
    botapi.fail_next("sendMessage", 502, count=10)
    ids = await deliver(transport, Outcome([Reply("hello")]), event(), store, FAST)
    assert ids == [None]
    assert len(botapi.calls_of("sendMessage", 42)) == FAST.attempts


async def test_hanging_call_times_out_and_is_retried(botapi, transport, store):
    botapi.fail_next("sendMessage", 0, hang=1.0)
    ids = await deliver(transport, Outcome([Reply("hello")]), event(), store, FAST)
    assert isinstance(ids[0], int)  # the retry went through while the first call still hung
    calls = await botapi.wait_for_call("sendMessage", count=2, chat_id=42, timeout=3)
    assert len(calls) == 2  # the hung call (answered late) and its retry


async def test_403_marks_the_chat_inactive_and_skips_its_other_replies(botapi, transport, store):
    await store.ensure_user(43, "en")
    botapi.blocked.add(43)
    outcome = Outcome([Reply("one"), Reply("elsewhere", chat_id=44), Reply("two")])
    ids = await deliver(transport, outcome, event(43), store, FAST)
    assert len(botapi.calls_of("sendMessage", 43)) == 1  # "two" was not even tried
    assert botapi.sent_texts(44) == ["elsewhere"]
    assert ids[0] is None and ids[2] is None
    assert (await store.get_user(43)).active is False


async def test_400_is_logged_without_text_and_the_next_reply_goes_on(botapi, transport, store, caplog):
    botapi.fail_next("sendMessage", 400)
    await deliver(transport, Outcome([Reply("secret order 12345"), Reply("next")]), event(), store, FAST)
    assert botapi.sent_texts(42) == ["next"]
    assert "secret order" not in caplog.text


# ----- every adapter's Transport: what goes over the wire ------------------------------------------------------

async def test_send_carries_text_markup_buttons_and_reply_to(botapi, any_transport):
    reply = Reply("🚨 <b>Scam</b>", buttons=((Button("Why?", "why:abc"), Button("Guide", url="https://example.org/g")),),
                  reply_to_message_id=1234)
    message_id = await any_transport.send(42, reply)

    (call,) = botapi.calls_of("sendMessage", 42)
    assert message_id == botapi.sent_message(call)["message_id"]
    assert call.params["text"] == "🚨 <b>Scam</b>"
    assert call.params["parse_mode"] == "HTML"
    assert call.params["reply_markup"] == {"inline_keyboard": [[
        {"text": "Why?", "callback_data": "why:abc"}, {"text": "Guide", "url": "https://example.org/g"}]]}
    assert call.params["reply_parameters"] == {"message_id": 1234, "allow_sending_without_reply": True}
    assert call.params["link_preview_options"] == {"is_disabled": True}


async def test_plain_text_reply_is_sent_without_parse_mode(botapi, any_transport):
    await any_transport.send(42, Reply("a <b> that is not markup", parse_mode=None))
    (call,) = botapi.calls_of("sendMessage", 42)
    assert call.params["text"] == "a <b> that is not markup"
    assert "parse_mode" not in call.params
    assert "reply_markup" not in call.params


async def test_photo_reply_uploads_png_with_caption(botapi, any_transport):
    png = b"\x89PNG\r\n\x1a\n chart bytes"
    await any_transport.send(42, Reply("Stats · 30 days", photo=png))
    (call,) = botapi.calls_of("sendPhoto", 42)
    assert call.params["photo"] == png
    assert call.params["caption"] == "Stats · 30 days"


async def test_edit_replaces_text_and_buttons(botapi, any_transport):
    await any_transport.edit(42, 1001, Reply("12 / 40 sent", buttons=((Button("Cancel", "bc:1"),),)))
    (call,) = botapi.calls_of("editMessageText", 42)
    assert int(call.params["message_id"]) == 1001
    assert call.params["text"] == "12 / 40 sent"
    assert call.params["reply_markup"] == {"inline_keyboard": [[{"text": "Cancel", "callback_data": "bc:1"}]]}


# ----- every adapter's Transport: Telegram's errors become bot.transport errors --------------------------------

async def test_429_becomes_retry_after_with_telegrams_delay(botapi, any_transport):
    botapi.fail_next("sendMessage", 429, retry_after=7)
    with pytest.raises(tr.RetryAfter) as caught:
        await any_transport.send(42, Reply("hi"))
    assert caught.value.retry_after == 7


async def test_403_becomes_forbidden(botapi, any_transport):
    botapi.blocked.add(43)
    with pytest.raises(tr.Forbidden):
        await any_transport.send(43, Reply("hi"))


@pytest.mark.parametrize("status", [500, 502])
async def test_5xx_becomes_transient(botapi, any_transport, status):
    botapi.fail_next("sendMessage", status)
    with pytest.raises(tr.Transient):
        await any_transport.send(42, Reply("hi"))


async def test_400_becomes_bad_request(botapi, any_transport):
    botapi.fail_next("editMessageText", 400)
    with pytest.raises(tr.BadRequest):
        await any_transport.edit(42, 1, Reply("x"))


async def test_hanging_call_becomes_timed_out_since_telegram_may_have_carried_it_out(botapi, any_transport):
    botapi.fail_next("sendMessage", 0, hang=1.0)
    with pytest.raises(tr.TimedOut):
        await any_transport.send(42, Reply("hi"))


@pytest.mark.parametrize("any_transport", ["nothing-listens"], indirect=True)
async def test_lost_connection_becomes_transient_without_the_token(any_transport):
    with pytest.raises(tr.Transient) as caught:
        await any_transport.send(42, Reply("hi"))
    assert TOKEN not in str(caught.value)
    assert not isinstance(caught.value, tr.TimedOut)  # it never left: safe to send again


# ----- ordering ---------------------------------------------------------------------------------------

async def test_one_keys_jobs_run_in_order_and_different_keys_overlap():
    ordered = OrderedDispatcher(max_concurrency=8)
    log: list[tuple[str, int]] = []
    running = 0
    most = 0

    def job(key: str, n: int, delay: float):
        async def run() -> None:
            nonlocal running, most
            running += 1
            most = max(most, running)
            await asyncio.sleep(delay)
            log.append((key, n))
            running -= 1
        return run

    for n in range(5):
        ordered.submit("a", job("a", n, 0.02 if n == 0 else 0.0))  # the first is the slowest
        ordered.submit("b", job("b", n, 0.0))
    assert await ordered.join(5)
    assert [n for k, n in log if k == "a"] == [0, 1, 2, 3, 4]
    assert [n for k, n in log if k == "b"] == [0, 1, 2, 3, 4]
    assert most == 2  # "b" did not wait behind "a"
    assert ordered.pending == 0


async def test_concurrency_is_bounded_and_a_failing_job_does_not_stop_its_queue():
    ordered = OrderedDispatcher(max_concurrency=3)
    running = most = 0
    done: list[int] = []

    async def work(n: int) -> None:
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.01)
        running -= 1
        if n == 0:
            raise RuntimeError("boom")
        done.append(n)

    for n in range(20):
        ordered.submit(n % 10, lambda n=n: work(n))
    assert await ordered.join(5)
    assert most <= 3
    assert sorted(done) == list(range(1, 20))


async def test_room_waits_while_too_many_jobs_are_pending():
    ordered = OrderedDispatcher(max_concurrency=1, max_pending=2)
    gate = asyncio.Event()
    ordered.submit("a", gate.wait)
    ordered.submit("a", gate.wait)
    waiter = asyncio.create_task(ordered.room())
    await asyncio.sleep(0.02)
    assert not waiter.done()
    gate.set()
    await asyncio.wait_for(waiter, 1)


# ----- images and membership --------------------------------------------------------------------------

async def test_image_over_the_limit_is_refused_before_downloading():
    downloads = 0

    async def download() -> bytes:
        nonlocal downloads
        downloads += 1
        return b"x"

    assert await fetch_image(2000, 1000, download) == (None, True)
    assert downloads == 0
    assert await fetch_image(None, 1000, download) == (b"x", False)


async def test_image_bigger_than_announced_or_refused_by_getfile_is_too_large():
    async def big() -> bytes:
        return b"x" * 1001

    async def refused() -> bytes:
        raise ImageTooLarge

    async def broken() -> bytes:
        raise BadRequest("file is too big")

    assert await fetch_image(10, 1000, big) == (None, True)
    assert await fetch_image(None, 1000, refused) == (None, True)
    assert await fetch_image(None, 1000, broken) == (None, False)


@pytest.mark.parametrize(("old", "new", "kind"), [
    ("left", "member", "bot_added"), ("kicked", "administrator", "bot_added"),
    ("member", "left", "bot_removed"), ("administrator", "kicked", "bot_removed"),
    ("member", "administrator", None), ("left", "kicked", None),
])
def test_membership_change(old, new, kind):
    assert membership_change(old, new) == kind
