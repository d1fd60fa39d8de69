"""SqlStore, on SQLite and PostgreSQL: every Store method, /forget completeness, retention, bad input."""

import datetime as dt
import inspect

import pytest
from sqlalchemy import func, select

from bot.storage.models import CheckCount, Delivery, Feedback, Reminder, Report, User
from handlers.ports import Store

UTC = dt.timezone.utc
NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock(store):
    """A settable clock for the store under test."""
    now = [NOW]
    store.clock = lambda: now[0]
    return now


async def count(store, model, *where):
    async with store.engine.connect() as conn:
        return (await conn.execute(select(func.count()).select_from(model.__table__).where(*where))).scalar_one()


def test_sqlstore_implements_every_method_of_the_store_port_with_its_signature():
    from bot.storage import SqlStore

    for name, method in inspect.getmembers(Store, inspect.isfunction):
        if not name.startswith("_"):
            expected, actual = inspect.signature(method), inspect.signature(getattr(SqlStore, name))
            assert [(p.name, p.kind, p.default) for p in actual.parameters.values()] == \
                   [(p.name, p.kind, p.default) for p in expected.parameters.values()], name
            assert inspect.iscoroutinefunction(getattr(SqlStore, name)), name


async def test_users_are_created_once_and_updated_in_place(store):
    user, created = await store.ensure_user(10, "zh-Hant")
    assert created and user.language == "zh-Hant" and not user.subscribed and user.active
    again, created = await store.ensure_user(10, "en")
    assert not created and again.language == "zh-Hant" and again.created_at == user.created_at
    await store.set_language(10, "en")
    await store.set_subscribed(10, True)
    await store.set_subscribed(11, True)  # a user never seen before is created by the setting
    assert (await store.get_user(10)).language == "en"
    assert (await store.get_user(10)).subscribed and (await store.get_user(11)).subscribed
    await store.set_active(10, False)
    assert not (await store.get_user(10)).active
    assert await store.get_user(12) is None
    assert (await store.get_user(10)).created_at.tzinfo is not None


async def test_telegram_ids_beyond_32_bits_round_trip(store):
    await store.ensure_user(7_000_000_000, "en")
    group, _ = await store.ensure_group(-1_001_234_567_890)
    assert (await store.get_user(7_000_000_000)).user_id == 7_000_000_000
    assert group.chat_id == -1_001_234_567_890


async def test_groups_have_scanning_and_alerts_on_until_changed(store):
    group, created = await store.ensure_group(-100)
    assert created and group.scanning and group.alerts and group.active
    assert (await store.ensure_group(-100))[1] is False
    changed = await store.set_group_settings(-100, alerts=False)
    assert changed.alerts is False and changed.scanning is True
    assert (await store.set_group_settings(-100)).alerts is False
    await store.set_active(-100, False)
    assert (await store.get_group(-100)).active is False
    assert await store.get_group(-200) is None


async def test_reminder_is_due_at_the_local_time_of_day_one_interval_later(store, clock):
    reminder = await store.set_reminder(5, 30, 9, 15, "Asia/Shanghai")
    assert reminder.next_due == dt.datetime(2026, 3, 31, 1, 15, tzinfo=UTC)  # 09:15 in UTC+8
    assert await store.get_reminder(5) == reminder
    new_york = await store.set_reminder(5, 90, 8, 0, "America/New_York")
    assert new_york.next_due == dt.datetime(2026, 5, 30, 12, 0, tzinfo=UTC)  # EDT, UTC-4, after the DST change
    tomorrow = NOW + dt.timedelta(days=1)
    await store.snooze_reminder(5, tomorrow)
    assert (await store.get_reminder(5)).next_due == tomorrow
    clock[0] = NOW + dt.timedelta(days=2)
    done = await store.complete_reminder(5)
    assert done.next_due == dt.datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    await store.delete_reminder(5)
    assert await store.get_reminder(5) is None
    assert await store.complete_reminder(5) is None


@pytest.mark.parametrize("args", [(45, 9, 0, "Asia/Shanghai"), (30, 24, 0, "Asia/Shanghai"), (30, 9, 60, "UTC"),
                                  (30, 9, 0, "Mars/Olympus"), (30, 9, 0, "")])
async def test_bad_reminder_settings_are_refused_and_store_nothing(store, args):
    with pytest.raises(ValueError):
        await store.set_reminder(5, *args)
    assert await store.get_reminder(5) is None


async def test_reports_are_stored_as_given_and_decided_once(store):
    text = "客服说要退款 ☎ 1**********8 <b>&amp;</b> 🙂" + "長" * 5000
    first = await store.add_report(3, text, "scam", ["refund-agent", "screen-share"])
    second = await store.add_report(4, "fake courier", "suspicious", [])
    assert first.text_redacted == text and first.pattern_ids == ("refund-agent", "screen-share")
    assert [r.id for r in await store.pending_reports()] == [first.id, second.id]
    assert [r.id for r in await store.pending_reports(limit=1)] == [first.id]
    approved = await store.decide_report(first.id, 99, True, pattern_id="refund-agent")
    assert approved.status == "approved" and approved.pattern_id == "refund-agent"
    assert await store.decide_report(first.id, 99, False) is None  # no double decision
    assert await store.decide_report(12345, 99, True) is None
    rejected = await store.decide_report(second.id, 99, False, pattern_id="ignored")
    assert rejected.status == "rejected" and rejected.pattern_id is None
    assert await store.pending_reports() == []


async def test_text_postgresql_cannot_hold_is_stored_with_nul_replaced(store):
    report = await store.add_report(3, "a\x00b", "scam", [])
    assert report.text_redacted == "a\ufffdb"


async def test_db_patterns_new_replaced_and_examples_in_order(store):
    new_id = await store.add_db_pattern({"family": "refund", "title": {"zh": "新", "en": "new"}, "keywords": ["理赔"]}, 9)
    assert new_id.startswith("community-")
    named = await store.add_db_pattern({"id": "community-courier", "keywords": ["快递丢件"]}, 9)
    example = await store.add_db_pattern({"extends": "refund-agent", "example": "您的快递丢失了，我们双倍赔偿"}, 9)
    assert (named, example) == ("community-courier", "refund-agent")
    assert await store.add_db_pattern({"id": "community-courier", "keywords": ["快递理赔"]}, 8) == "community-courier"
    patterns = await store.db_patterns()
    assert patterns == [
        {"family": "refund", "title": {"zh": "新", "en": "new"}, "keywords": ["理赔"], "id": new_id},
        {"id": "community-courier", "keywords": ["快递理赔"]},
        {"extends": "refund-agent", "example": "您的快递丢失了，我们双倍赔偿"},
    ]
    with pytest.raises(ValueError):
        await store.add_db_pattern({"extends": "refund-agent", "example": "  "}, 9)
    assert len(await store.db_patterns()) == 3


async def _audience(store):
    for user_id, language, subscribed in [(1, "en", True), (2, "zh-Hant", True), (3, None, True), (4, "en", False)]:
        await store.ensure_user(user_id, language)
        await store.set_subscribed(user_id, subscribed)
    await store.set_subscribed(5, True)
    await store.set_active(5, False)  # blocked the bot
    await store.ensure_group(-10)
    await store.ensure_group(-20)
    await store.set_group_settings(-20, alerts=False)
    await store.ensure_group(-30)
    await store.set_active(-30, False)
    await store.set_language(900, "zh-Hant")  # the moderator


async def test_starting_a_broadcast_queues_each_active_subscriber_and_alert_group_once(store):
    await _audience(store)
    draft = await store.create_broadcast(900, "⚠️ 新骗局：<b>假客服</b> 退款", preview_chat_id=900)
    assert draft.status == "draft" and draft.total == 0 and draft.text == "⚠️ 新骗局：<b>假客服</b> 退款"
    await store.set_broadcast_preview(draft.id, 4242)
    started = await store.start_broadcast(draft.id, 900)
    assert started.status == "sending" and started.total == 4 and started.preview_message_id == 4242
    assert await store.start_broadcast(draft.id, 900) is None  # Send pressed twice
    assert await store.cancel_broadcast(draft.id, 900) is None  # too late to cancel
    async with store.engine.connect() as conn:
        rows = (await conn.execute(select(Delivery.__table__.c.chat_id, Delivery.__table__.c.language)
                                   .order_by(Delivery.__table__.c.chat_id))).all()
    # users without a language get the moderator's; groups too
    assert [tuple(r) for r in rows] == [(-10, "zh-Hant"), (1, "en"), (2, "zh-Hant"), (3, "zh-Hant")]


async def test_a_cancelled_or_unknown_broadcast_never_starts(store):
    await _audience(store)
    draft = await store.create_broadcast(900, "test", 900)
    cancelled = await store.cancel_broadcast(draft.id, 900)
    assert cancelled.status == "cancelled"
    assert await store.start_broadcast(draft.id, 900) is None
    assert await store.start_broadcast(999, 900) is None
    assert await count(store, Delivery) == 0
    assert await store.get_broadcast(999) is None


@pytest.mark.parametrize("text", ["", "   \n", "x" * 4097])
async def test_broadcast_text_empty_or_over_telegrams_limit_is_refused(store, text):
    with pytest.raises(ValueError):
        await store.create_broadcast(900, text, 900)
    assert await store.list_broadcasts() == []


async def test_broadcast_of_exactly_4096_characters_is_kept_verbatim(store):
    text = ("  leading spaces, *stars* and <tags> stay\n" * 200)[:4096]
    assert (await store.create_broadcast(900, text, 900)).text == text


async def sent_alert(store, text: str, *chats: int):
    """An alert sent to subscribers `chats` (each marked sent, as the sender does)."""
    for chat_id in chats:
        await store.set_subscribed(chat_id, True)
    broadcast = await store.create_broadcast(900, text, 900)
    await store.start_broadcast(broadcast.id, 900)
    for claim in await store.claim_deliveries(100, 60):
        await store.delivery_sent(claim.id)
    return broadcast


async def test_feedback_is_one_vote_per_user_and_counted_on_the_record(store):
    first = await sent_alert(store, "one", 1, 2, 3)
    second = await store.create_broadcast(900, "two", 900)
    assert await store.record_feedback(first.id, 1, 1, True)
    await store.record_feedback(first.id, 2, 2, True)
    await store.record_feedback(first.id, 2, 2, False)  # changed their mind
    await store.record_feedback(first.id, 3, 3, False)
    assert not await store.record_feedback(12345, 3, 3, True)  # unknown alert: ignored
    record = await store.get_broadcast(first.id)
    assert (record.useful, record.not_useful) == (1, 2)
    listed = await store.list_broadcasts()
    assert [b.id for b in listed] == [second.id, first.id] and listed[1].not_useful == 2
    assert [b.id for b in await store.list_broadcasts(limit=1)] == [second.id]
    assert await count(store, Feedback) == 3


async def test_votes_on_drafts_and_from_chats_the_alert_never_reached_are_refused(store):
    await store.ensure_group(-5)
    sent = await sent_alert(store, "sent", 1)
    draft = await store.create_broadcast(900, "draft", 900)
    assert not await store.record_feedback(draft.id, 1, 1, True)  # a draft reached nobody
    assert not await store.record_feedback(sent.id, 7, 7, True)  # never sent to chat 7
    assert await store.record_feedback(sent.id, -5, 7, True)  # member 7 of group -5, which received it
    await store.set_subscribed(8, True)
    queued = await store.create_broadcast(900, "queued", 900)
    await store.start_broadcast(queued.id, 900)
    assert not await store.record_feedback(queued.id, 8, 8, True)  # queued, not sent yet
    assert await count(store, Feedback) == 1
    assert (await store.get_broadcast(draft.id)).useful == 0 and (await store.get_broadcast(sent.id)).useful == 1


async def test_checks_are_counted_by_day_verdict_pattern_and_source(store, clock):
    await store.record_check("scam", ["refund-agent", "screen-share", "refund-agent"], "text")
    await store.record_check("scam", ["refund-agent"], "image")
    clock[0] = NOW - dt.timedelta(days=1)
    await store.record_check("no_match", [], "group")
    clock[0] = NOW - dt.timedelta(days=40)
    await store.record_check("suspicious", ["old"], "text")
    clock[0] = NOW
    await store.add_report(1, "x", "scam", [])
    stats = await store.stats(30)
    assert stats.checks_per_day == {NOW.date() - dt.timedelta(days=1): 1, NOW.date(): 2}
    assert stats.verdicts == {"scam": 2, "no_match": 1}
    assert stats.top_patterns == [("refund-agent", 2), ("screen-share", 1)]
    assert stats.reports == {"pending": 1, "approved": 0, "rejected": 0}
    assert stats.extra["sources"] == {"text": 1, "image": 1, "group": 1}
    assert (await store.stats(60)).verdicts["suspicious"] == 1


async def test_audit_log_keeps_moderator_actions_newest_first(store):
    await store.audit(900, "approve", "report 3 → refund-agent")
    await store.audit(901, "broadcast", "x" * 500)
    log = await store.audit_log()
    assert [(m, a) for _, m, a, _ in log] == [(901, "broadcast"), (900, "approve")]
    assert len(log[0][3]) == 200


async def test_forget_removes_every_row_about_the_user_and_nothing_else(store, clock):
    for user_id in (1, 2):
        await store.ensure_user(user_id, "en")
        await store.set_subscribed(user_id, True)
        await store.set_reminder(user_id, 30, 9, 0, "UTC")
        await store.add_report(user_id, f"report by {user_id}", "scam", [])
    broadcast = await store.create_broadcast(900, "alert", 900)
    await store.start_broadcast(broadcast.id, 900)
    for claim in await store.claim_deliveries(10, 60):
        await store.delivery_sent(claim.id)
    await store.record_feedback(broadcast.id, 1, 1, True)
    await store.record_feedback(broadcast.id, 2, 2, False)

    await store.forget_user(1)

    assert await store.get_user(1) is None and await store.get_reminder(1) is None
    for model, column in [(User, "user_id"), (Reminder, "user_id"), (Feedback, "user_id"), (Report, "reporter_id"), (Delivery, "chat_id")]:
        assert await count(store, model, getattr(model.__table__.c, column) == 1) == 0, model.__name__
        assert await count(store, model, getattr(model.__table__.c, column) == 2) == 1, model.__name__
    assert (await store.get_broadcast(broadcast.id)).useful == 0


async def test_blocked_user_loses_their_reminder(store):
    await store.ensure_user(1, "en")
    await store.set_reminder(1, 30, 9, 0, "UTC")
    await store.set_active(1, False)
    assert await store.get_reminder(1) is None


async def test_purge_keeps_recent_reports_and_counters_and_drops_old_ones(store, clock):
    clock[0] = NOW - dt.timedelta(days=31)
    old = await store.add_report(1, "old", "scam", [])
    await store.record_check("scam", [], "text")
    await store.set_subscribed(1, True)
    done = await store.create_broadcast(900, "old alert", 900)
    await store.start_broadcast(done.id, 900)
    for claim in await store.claim_deliveries(10, 60):
        await store.delivery_sent(claim.id)
    await store.record_feedback(done.id, 1, 1, True)
    await store.finish_broadcasts()
    clock[0] = NOW - dt.timedelta(days=29)
    recent = await store.add_report(2, "recent", "scam", [])
    clock[0] = NOW - dt.timedelta(days=100)
    await store.record_check("suspicious", [], "text")
    clock[0] = NOW

    purged = await store.purge(report_days=30, stats_days=90)

    assert purged == {"reports": 1, "counters": 2, "deliveries": 1, "votes": 1, "updates": 0}
    assert [r.id for r in await store.pending_reports()] == [recent.id] and old.id != recent.id
    assert (await store.stats(365)).verdicts == {"scam": 1}
    kept = await store.get_broadcast(done.id)
    assert (kept.sent, kept.useful) == (1, 1)  # the totals outlive the per-chat rows and the votes


async def test_votes_are_purged_with_the_deliveries_and_none_counts_after(store, clock):
    clock[0] = NOW - dt.timedelta(days=31)
    old = await sent_alert(store, "old", 1, 2)
    await store.record_feedback(old.id, 1, 1, True)
    await store.record_feedback(old.id, 2, 2, False)
    await store.finish_broadcasts()
    clock[0] = NOW - dt.timedelta(days=1)
    recent = await sent_alert(store, "recent", 1)
    await store.record_feedback(recent.id, 1, 1, True)
    await store.finish_broadcasts()
    clock[0] = NOW

    assert (await store.purge(report_days=30, stats_days=90))["votes"] == 2

    assert await count(store, Feedback, Feedback.__table__.c.broadcast_id == old.id) == 0
    assert await count(store, Feedback, Feedback.__table__.c.broadcast_id == recent.id) == 1
    assert not await store.record_feedback(old.id, 1, 1, False)  # its deliveries are gone: no vote counts
    record = await store.get_broadcast(old.id)
    assert (record.useful, record.not_useful) == (1, 1)
    assert (await store.purge(report_days=30, stats_days=90))["votes"] == 0
    assert (await store.get_broadcast(old.id)).useful == 1  # frozen once, not added again


async def test_check_counts_wait_in_memory_and_reach_the_database_in_one_write(store):
    for _ in range(50):
        await store.record_check("scam", ["refund-agent"], "text")
    assert await count(store, CheckCount) == 0  # nothing written per check
    await store.flush_counts()
    assert await count(store, CheckCount) == 3  # verdict, source, pattern: one row each, counted 50 times
    assert (await store.stats(1)).top_patterns == [("refund-agent", 50)]


async def test_check_counts_that_fail_to_be_written_are_kept_for_the_next_flush(store, monkeypatch):
    await store.record_check("suspicious", [], "image")

    async def down(work):
        raise ConnectionError("database briefly down")

    monkeypatch.setattr(store, "write", down)
    with pytest.raises(ConnectionError):
        await store.flush_counts()
    monkeypatch.undo()
    assert (await store.stats(1)).verdicts == {"suspicious": 1}


async def test_region_is_stored_beside_the_language_and_cleared_with_none(store):
    await store.ensure_user(20, "zh-Hant")
    assert (await store.get_user(20)).region is None
    await store.set_region(20, "HK")
    user = await store.get_user(20)
    assert user.region == "HK" and user.language == "zh-Hant"
    await store.set_region(20, None)
    assert (await store.get_user(20)).region is None
    await store.set_region(21, "SG")  # a user never seen before is created by the setting
    assert (await store.get_user(21)).region == "SG"
