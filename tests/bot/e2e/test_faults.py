"""End to end, Telegram misbehaving: 429, 403, 5xx, a hanging call, getUpdates failing for a while."""

from __future__ import annotations

import asyncio
import sqlite3
import time

import pytest

from bot.adapters.common import RetryPolicy
from bot.storage.engine import LOCK_TIMEOUT
from handlers.texts import t

pytestmark = pytest.mark.asyncio(loop_scope="module")


def statuses(tg, user: int) -> list[int]:
    return [c.status for c in tg.api.calls_of("sendMessage", user)]


async def test_429_on_send_is_waited_out_then_retried(tg):
    user = await tg.user()
    tg.api.fail_next("sendMessage", 429, retry_after=1, chat_id=user)
    (reply,) = await tg.say(user, "/help")
    refused, sent = tg.api.calls_of("sendMessage", user)
    assert (refused.status, sent.status) == (429, 200)
    assert sent.at - refused.at >= 0.95  # Telegram's retry_after, respected


async def test_403_marks_the_user_inactive(tg):
    user = await tg.user()
    tg.api.blocked.add(user)
    tg.api.push_message(user, "/help")
    await tg.barrier(user)
    assert statuses(tg, user) == [403]  # not retried: blocked is blocked
    assert (await tg.store.get_user(user)).active is False


async def test_500_on_send_is_retried_with_backoff(tg):
    user = await tg.user()
    tg.api.fail_next("sendMessage", 500, count=2, chat_id=user)
    await tg.say(user, "/help")
    assert statuses(tg, user) == [500, 500, 200]


async def test_a_hanging_send_times_out_and_is_retried_without_holding_up_others(tg):
    slow, other = await tg.user(), await tg.user()
    tg.api.fail_next("sendMessage", 0, hang=4.0, chat_id=slow)  # longer than the request timeout
    tg.api.push_message(slow, "/help")
    await tg.api.wait_for(lambda s: s.faults == [])  # the hanging call has started
    started = time.monotonic()
    await tg.say(other, "/help")
    assert time.monotonic() - started < 1.0  # another user is not stuck behind the hung call
    await tg.wait_sent(slow, 1)


async def test_a_reply_that_outlives_the_request_timeout_is_sent_at_most_twice(tg):
    """Telegram carries out a send but answers after the client's timeout: the reply is repeated once,
    after a longer wait, and never again (it was repeated like a 5xx, up to five copies)."""
    user = await tg.user()
    hang = tg.app.settings.telegram.request_timeout + 1.0
    tg.api.fail_next("sendMessage", 0, hang=hang, chat_id=user, count=5)
    tg.api.push_message(user, "/help")
    first = (await tg.api.wait_for_call("sendMessage", 1, chat_id=user, timeout=15))[0]
    second = (await tg.api.wait_for_call("sendMessage", 2, chat_id=user, timeout=15))[1]
    assert second.at - first.at >= RetryPolicy().timed_out_delay  # the repeat waited longer than a backoff
    await asyncio.sleep(RetryPolicy().timed_out_delay + hang + 1.0)  # room for a third, which must not come
    assert len(tg.api.calls_of("sendMessage", user)) == 2
    await tg.barrier(user)
    tg.api.faults.clear()


async def test_getupdates_failing_for_a_while_loses_no_update(tg):
    users = [await tg.user() for _ in range(4)]
    tg.api.fail_next("getUpdates", 502, count=2)
    tg.api.fail_next("getUpdates", 429, retry_after=1)
    await tg.api.wait_for(lambda s: any(c.status == 502 for c in s.calls_of("getUpdates")), timeout=5)
    for user in users:
        tg.api.push_message(user, "/check " + tg.LEGIT_EN)
    for user in users:
        (verdict,) = await tg.wait_sent(user, 1, timeout=15)
        assert verdict.params["text"].startswith("ℹ️")
    assert [c.status for c in tg.api.calls_of("getUpdates") if c.status != 200] == [502, 502, 429]


async def test_an_update_the_framework_cannot_read_is_skipped_and_the_next_answered(tg, caplog):
    user = await tg.user()
    tg.api.push_raw({"message": {"message_id": 5, "date": 0, "text": "pineapple secret 4471",  # no chat
                                 "from": {"id": user, "is_bot": False, "first_name": "T"}}})
    (answer,) = await tg.say(user, "/check " + tg.LEGIT_EN)
    assert answer.params["text"].startswith("ℹ️")
    assert "pineapple" not in caplog.text  # the unreadable update's content is not logged either


async def test_start_up_survives_the_bot_api_failing_at_first(botapi, launch):
    botapi.fail_next("getMe", 502, count=2)
    botapi.fail_next("deleteWebhook", 500)
    async with launch("aiogram") as tg:
        (answer,) = await tg.say(await tg.user(), "/help")
        assert answer.params["text"]
    assert [c.status for c in botapi.calls_of("getMe")][:3] == [502, 502, 200]


async def test_no_lock_timeout_a_locked_sqlite_file_delays_an_update_and_loses_nothing(tg):
    """Another process holds SQLite's write lock: the update cannot be recorded, so it is not confirmed
    to Telegram either; it is answered once, and the change made, as soon as the lock is gone."""
    user = await tg.user()
    other = sqlite3.connect(tg.app.settings.database_url.split("///", 1)[1], isolation_level=None, timeout=30)
    other.execute("BEGIN IMMEDIATE")
    try:
        tg.api.push_message(user, "/subscribe")
        await asyncio.sleep(2 * LOCK_TIMEOUT + 1.0)
        assert tg.sent(user) == []
    finally:
        other.execute("ROLLBACK")
        other.close()
    (answer,) = await tg.wait_sent(user, 1, timeout=30)
    assert answer.params["text"] == t("subscribe.on", "en")
    await asyncio.sleep(1.0)
    assert len(tg.sent(user)) == 1 and (await tg.store.get_user(user)).subscribed is True
