"""BroadcastSender over real HTTP (aiogram against the stand-in Bot API server) and a real database."""

import asyncio
import time

import pytest
from sqlalchemy import text

from bot.broadcasts import BroadcastSender
from bot.settings import BroadcastSettings
from bot.storage import open_store
from handlers.events import Reply
from support.databases import database
from support.transports import aiogram_transport

FAST = {"messages_per_second": 1000.0, "per_chat_interval": 0.0, "group_messages_per_minute": 6000,
        "progress_seconds": 0.2, "lease_seconds": 30.0}


@pytest.fixture
async def transport(botapi):
    async with aiogram_transport(botapi.base_url) as opened:
        yield opened


def sender_for(store, transport, **settings):
    return BroadcastSender(store, transport, BroadcastSettings(**{**FAST, **settings}),
                           poll_seconds=0.1, retry_base_seconds=0.05)


async def audience(store, users=(1, 2, 3), groups=(-100,), moderator=900):
    for user_id in users:
        await store.ensure_user(user_id, "en")
        await store.set_subscribed(user_id, True)
    for chat_id in groups:
        await store.ensure_group(chat_id)
    await store.set_language(moderator, "en")


async def started(store, transport, text="Fake 'customer service' calls about refunds: hang up.", moderator=900):
    """A broadcast as the handler leaves it: preview message sent, Send pressed."""
    draft = await store.create_broadcast(moderator, text, moderator)
    preview = await transport.send(moderator, Reply(f"preview #{draft.id}"))
    await store.set_broadcast_preview(draft.id, preview)
    return await store.start_broadcast(draft.id, moderator)


async def until_done(store, broadcast_id, timeout=15.0):
    deadline = time.monotonic() + timeout
    while (record := await store.get_broadcast(broadcast_id)).status != "done":
        assert time.monotonic() < deadline, f"broadcast still {record.status}: {record}"
        await asyncio.sleep(0.05)
    return record


async def run_until_done(sender, store, broadcast_id, *, wake=True):
    """Start the sender, wait for the broadcast to finish, stop the sender; returns the final record."""
    await sender.start()
    if wake:
        sender.wake()
    try:
        return await until_done(store, broadcast_id)
    finally:
        await sender.stop()


def alerts_to(botapi, chat_id=None):
    """Confirmed alerts (to `chat_id`, or to anyone but the moderator's preview chat 900)."""
    return [c for c in botapi.calls_of("sendMessage", chat_id) if c.status == 200 and int(c.params["chat_id"]) != 900]


async def test_alert_reaches_each_subscriber_and_group_once_verbatim_with_progress_and_summary(store, transport, botapi):
    await audience(store)
    text = "⚠️ <b>not bold</b> & *not italic*  — 假客服说“退款”，请挂断。"
    broadcast = await started(store, transport, text)
    sender = sender_for(store, transport)
    record = await run_until_done(sender, store, broadcast.id)
    assert (record.total, record.sent, record.blocked, record.failed) == (4, 4, 0, 0)
    for chat_id in (1, 2, 3, -100):
        calls = alerts_to(botapi, chat_id)
        assert [c.params["text"] for c in calls] == [text]
        assert "parse_mode" not in calls[0].params  # sent exactly as written, no HTML
        buttons = [b["callback_data"] for row in calls[0].params["reply_markup"]["inline_keyboard"] for b in row]
        assert len(buttons) == 3 and all(str(broadcast.id) in data for data in buttons)
    edits = await botapi.wait_for_call("editMessageText", chat_id=900)
    assert int(edits[-1].params["message_id"]) == broadcast.preview_message_id
    assert "4" in edits[-1].params["text"]


async def test_stopping_right_after_the_last_delivery_still_shows_the_final_summary(store, transport, botapi):
    await audience(store)
    broadcast = await started(store, transport)
    botapi.fail_next("editMessageText", 0, hang=0.5, chat_id=900)  # a slow edit: stop comes while it is under way
    record = await run_until_done(sender_for(store, transport), store, broadcast.id)
    edits = botapi.calls_of("editMessageText", chat_id=900)
    assert edits and str(record.sent) in edits[-1].params["text"]


async def test_flood_control_blocked_users_and_server_errors(store, transport, botapi):
    await audience(store, users=(1, 2, 3, 4, 5, 6))
    botapi.blocked.add(3)
    botapi.fail_next("sendMessage", 429, retry_after=1, chat_id=1)
    botapi.fail_next("sendMessage", 500, count=2, chat_id=2)
    botapi.fail_next("sendMessage", 502, count=10, chat_id=4)  # more failures than retries allowed
    broadcast = await started(store, transport)
    sender = sender_for(store, transport, max_retries=3)
    began = time.monotonic()
    record = await run_until_done(sender, store, broadcast.id)
    assert (record.total, record.sent, record.blocked, record.failed) == (7, 5, 1, 1)
    for chat_id, sent in [(1, 1), (2, 1), (3, 0), (4, 0), (5, 1), (6, 1), (-100, 1)]:
        assert len(alerts_to(botapi, chat_id)) == sent, chat_id
    assert len(botapi.calls_of("sendMessage", 4)) == 4  # the first try and 3 retries
    assert (await store.get_user(3)).active is False
    # 429 paused all sending for retry_after: the retry to chat 1 came at least a second after the 429
    first, second = botapi.calls_of("sendMessage", 1)[:2]
    assert first.status == 429 and second.at - first.at >= 0.95
    assert time.monotonic() - began >= 1


async def test_sending_respects_the_overall_rate_and_the_per_group_gap(store, transport, botapi):
    await audience(store, users=tuple(range(1, 11)), groups=(-100,))
    sender = sender_for(store, transport, messages_per_second=20.0, per_chat_interval=1.0, group_messages_per_minute=60)
    first = await started(store, transport, "first")
    second = await started(store, transport, "second")
    await sender.start()
    sender.wake()
    try:
        await until_done(store, first.id)
        await until_done(store, second.id)
    finally:
        await sender.stop()
    sends = sorted(c.at for c in botapi.calls_of("sendMessage") if int(c.params["chat_id"]) != 900)
    assert len(sends) == 22
    assert sends[-1] - sends[0] >= 21 / 20 * 0.9  # 22 sends at 20/s
    to_group = [c.at for c in botapi.calls_of("sendMessage", -100)]
    assert len(to_group) == 2 and to_group[1] - to_group[0] >= 0.95  # 60/min in a group: 1 s apart


async def test_resumes_after_a_crash_without_resending_confirmed_deliveries(store, transport, botapi):
    await audience(store, users=tuple(range(1, 21)), groups=())
    broadcast = await started(store, transport)
    # The crashed process had confirmed five sends and claimed five more it never sent.
    confirmed = await store.claim_deliveries(5, lease_seconds=30)
    for claim in confirmed:
        await store.delivery_sent(claim.id)
    abandoned = await store.claim_deliveries(5, lease_seconds=30)
    sender = sender_for(store, transport, lease_seconds=0.5)
    record = await run_until_done(sender, store, broadcast.id, wake=False)  # it finds the pending rows by itself
    assert record.sent == 20
    for claim in confirmed:
        assert alerts_to(botapi, claim.chat_id) == []
    for claim in abandoned:
        assert len(alerts_to(botapi, claim.chat_id)) == 1
    assert len(alerts_to(botapi)) == 15


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def test_two_processes_share_one_broadcast_and_nobody_gets_it_twice(kind, tmp_path, transport, botapi):
    async with database(kind, tmp_path) as (url, schema):
        stores = [await open_store(url, schema=schema), await open_store(url, schema=schema)]
        try:
            await audience(stores[0], users=tuple(range(1, 121)), groups=())
            broadcast = await started(stores[0], transport)
            senders = [sender_for(store, transport) for store in stores]
            for sender in senders:
                sender.batch_size = 10  # small claims, so both take turns on the same broadcast
                await sender.start()
                sender.wake()
            try:
                record = await until_done(stores[0], broadcast.id, timeout=30)
            finally:
                for sender in senders:
                    await sender.stop()
        finally:
            for store in stores:
                await store.close()
    assert record.sent == 120 and all(sender.confirmed for sender in senders)
    recipients = [int(c.params["chat_id"]) for c in alerts_to(botapi)]
    assert sorted(recipients) == list(range(1, 121))


async def test_a_database_outage_while_sending_loses_and_doubles_nothing(store, transport, botapi, monkeypatch):
    await audience(store, users=tuple(range(1, 11)), groups=())
    broadcast = await started(store, transport)
    real = store.deliveries_sent
    outages = {"left": 3}

    async def flaky(delivery_ids):
        if outages["left"]:
            outages["left"] -= 1
            from bot.storage import StoreUnavailable
            raise StoreUnavailable("the database is unavailable (test)")
        await real(delivery_ids)

    monkeypatch.setattr(store, "deliveries_sent", flaky)
    sender = sender_for(store, transport)
    record = await run_until_done(sender, store, broadcast.id, wake=False)
    assert record.sent == 10 and outages["left"] == 0
    assert sorted(int(c.params["chat_id"]) for c in alerts_to(botapi)) == list(range(1, 11))



async def test_stopping_gives_back_every_claim_it_has_not_sent(store, transport, botapi):
    await audience(store, users=tuple(range(1, 21)), groups=())
    broadcast = await started(store, transport)
    sender = sender_for(store, transport, messages_per_second=5.0)
    await sender.start()
    await botapi.wait_for(lambda s: len(alerts_to(s)) >= 2)
    await sender.stop()
    async with store.engine.connect() as conn:
        rows = dict((await conn.exec_driver_sql("SELECT status, count(*) FROM deliveries GROUP BY status")).all())
    sent = len(alerts_to(botapi))
    assert rows == {"sent": sent, "pending": 20 - sent}  # nothing left claimed: another process may take it now
    assert (await store.get_broadcast(broadcast.id)).sent == sent


async def test_claims_held_through_a_long_flood_pause_are_given_back_not_sent_late(store, transport, botapi):
    await audience(store, users=tuple(range(1, 11)), groups=())
    broadcast = await started(store, transport)
    botapi.fail_next("sendMessage", 429, retry_after=1)
    sender = sender_for(store, transport, lease_seconds=1.0)  # the pause outlasts half the lease
    record = await run_until_done(sender, store, broadcast.id, wake=False)
    assert record.sent == 10
    assert sorted(int(c.params["chat_id"]) for c in alerts_to(botapi)) == list(range(1, 11))


async def test_stale_claims_are_given_back_together_not_one_by_one(store, transport, botapi, monkeypatch):
    await audience(store, users=tuple(range(1, 13)), groups=())
    broadcast = await started(store, transport)
    releases = []
    real = store.release_deliveries

    async def counted(ids):
        releases.append(len(ids))
        await real(ids)

    monkeypatch.setattr(store, "release_deliveries", counted)
    # 4 sends a second through a batch of 12 claims: after half the 2 s lease the rest are stale.
    sender = sender_for(store, transport, messages_per_second=4.0, lease_seconds=2.0, max_in_flight=1)
    sender.batch_size = 12
    record = await run_until_done(sender, store, broadcast.id)
    assert record.sent == 12
    assert sorted(int(c.params["chat_id"]) for c in alerts_to(botapi)) == list(range(1, 13))
    assert releases and max(releases) > 1 and len(releases) < sum(releases)


async def test_an_alert_send_that_outlives_its_timeout_is_never_repeated(store, botapi):
    """Telegram answers after the client gave up: the alert may have arrived, so it is not sent again
    (retrying time-outs like 5xx sent it to that recipient up to five times)."""
    await audience(store, users=(1, 2), groups=())
    async with aiogram_transport(botapi.base_url, request_timeout=0.5) as transport:
        botapi.fail_next("sendMessage", 0, hang=1.0, chat_id=1)
        broadcast = await started(store, transport)
        record = await run_until_done(sender_for(store, transport), store, broadcast.id)
        await asyncio.sleep(1.5)  # long enough for any repeat to show
    assert (record.total, record.sent, record.blocked, record.failed) == (2, 1, 0, 1)
    assert len(botapi.calls_of("sendMessage", 1)) == 1  # Telegram got it once (and did deliver it)
    assert len(alerts_to(botapi, 2)) == 1
    async with store.engine.connect() as conn:
        statuses = dict((await conn.execute(text("SELECT chat_id, status FROM deliveries"))).all())
    assert statuses == {1: "unconfirmed", 2: "sent"}
