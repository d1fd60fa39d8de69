"""The tables, one SQLModel class per role. Only ids, settings, counters and redacted reports are kept.

Telegram ids exceed 32 bits, so every chat or user id is a BIGINT. Times are stored in UTC and read back
as aware datetimes on both SQLite and PostgreSQL (`UtcDateTime`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Date, DateTime, Index, Integer, Text, TypeDecorator, UniqueConstraint
from sqlmodel import Field, SQLModel


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes in and out; SQLite keeps no zone, so a naive value read back is UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use an aware UTC datetime")
        return value.astimezone(dt.timezone.utc)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value.astimezone(dt.timezone.utc)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _id(**kwargs: Any) -> Any:
    return Field(sa_column=Column(BigInteger, **kwargs))


def _time(**kwargs: Any) -> Any:
    return Field(sa_column=Column(UtcDateTime(), **kwargs))


class User(SQLModel, table=True):
    __tablename__ = "users"
    user_id: int = _id(primary_key=True, autoincrement=False)
    language: str | None = Field(default=None, max_length=8)
    region: str | None = Field(default=None, max_length=4)  # chosen with /region: CN, TW, HK, SG, MY, UK, US, AU, IN, EU
    subscribed: bool = False  # alerts are opt-in
    active: bool = True  # False once Telegram answered 403
    created_at: dt.datetime = _time(nullable=False)


class Group(SQLModel, table=True):
    __tablename__ = "groups"
    chat_id: int = _id(primary_key=True, autoincrement=False)
    scanning: bool = True
    alerts: bool = True  # on once the bot is added; /groupsettings turns it off
    active: bool = True
    created_at: dt.datetime = _time(nullable=False)


class Reminder(SQLModel, table=True):
    """A security check-up reminder. `claimed_at` is set while one process sends it (next_due then holds the lease end)."""

    __tablename__ = "reminders"
    user_id: int = _id(primary_key=True, autoincrement=False)
    interval_days: int
    hour: int
    minute: int
    timezone: str = Field(max_length=64)
    next_due: dt.datetime = _time(nullable=False, index=True)
    claimed_at: dt.datetime | None = _time(nullable=True)
    last_sent_at: dt.datetime | None = _time(nullable=True)


class Report(SQLModel, table=True):
    """A community report: the text as the handler redacted it, never the original."""

    __tablename__ = "reports"
    id: int | None = Field(default=None, primary_key=True)
    reporter_id: int = _id(nullable=False, index=True)
    text_redacted: str = Field(sa_column=Column(Text, nullable=False))
    verdict: str = Field(max_length=16)
    pattern_ids: list[str] = Field(sa_column=Column(JSON, nullable=False))
    status: str = Field(default="pending", max_length=10, index=True)
    created_at: dt.datetime = _time(nullable=False, index=True)
    decided_by: int | None = _id(nullable=True)
    decided_at: dt.datetime | None = _time(nullable=True)
    pattern_id: str | None = Field(default=None, max_length=64)


class DbPattern(SQLModel, table=True):
    """A moderator-approved pattern (catalog format) or an example added to an existing pattern."""

    __tablename__ = "db_patterns"
    id: int | None = Field(default=None, primary_key=True)
    pattern_id: str = Field(max_length=64, index=True)
    kind: str = Field(max_length=8)  # "pattern" or "example"
    body: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    moderator_id: int = _id(nullable=False)
    created_at: dt.datetime = _time(nullable=False)


class Broadcast(SQLModel, table=True):
    """A moderator's alert. Counts are live from `deliveries` while sending and frozen here when done."""

    __tablename__ = "broadcasts"
    id: int | None = Field(default=None, primary_key=True)
    moderator_id: int = _id(nullable=False)
    text: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(default="draft", max_length=10, index=True)
    created_at: dt.datetime = _time(nullable=False)
    started_at: dt.datetime | None = _time(nullable=True)
    finished_at: dt.datetime | None = _time(nullable=True)
    total: int = 0
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    # Votes whose per-voter rows were purged with the deliveries (see `SqlStore.purge`).
    useful: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))
    not_useful: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))
    preview_chat_id: int | None = _id(nullable=True)
    preview_message_id: int | None = _id(nullable=True)


class Delivery(SQLModel, table=True):
    """One alert to one chat: pending → claimed → sent | blocked | failed | unconfirmed (claims expire
    after a lease; unconfirmed: the send timed out after it went out, so it is not repeated)."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("broadcast_id", "chat_id", name="uq_deliveries_broadcast_chat"),
        Index("ix_deliveries_status_id", "status", "id"),
        Index("ix_deliveries_broadcast_status", "broadcast_id", "status"),
    )
    # 64-bit ids: 100,000 rows per broadcast outgrow 32 bits; SQLite autoincrements only INTEGER keys.
    id: int | None = Field(default=None, sa_column=Column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True))
    broadcast_id: int = Field(foreign_key="broadcasts.id", ondelete="CASCADE")
    chat_id: int = _id(nullable=False)
    language: str = Field(max_length=8)
    status: str = Field(default="pending", max_length=10)
    attempts: int = 0
    not_before: dt.datetime = _time(nullable=False)
    claimed_at: dt.datetime | None = _time(nullable=True)
    sent_at: dt.datetime | None = _time(nullable=True)


class Feedback(SQLModel, table=True):
    """One "was this useful?" vote per user per broadcast, from a chat the alert was sent to."""

    __tablename__ = "feedback"
    broadcast_id: int = Field(foreign_key="broadcasts.id", primary_key=True, ondelete="CASCADE")
    user_id: int = _id(primary_key=True, autoincrement=False)
    useful: bool


class CheckCount(SQLModel, table=True):
    """Daily counters of checks: dimension "verdict", "pattern" or "source" with its value → count."""

    __tablename__ = "check_counts"
    day: dt.date = Field(sa_column=Column(Date, primary_key=True))
    dimension: str = Field(primary_key=True, max_length=8)
    value: str = Field(primary_key=True, max_length=64)
    count: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))


class AuditEntry(SQLModel, table=True):
    """What a moderator did (approve, reject, broadcast…), for accountability."""

    __tablename__ = "audit_log"
    id: int | None = Field(default=None, primary_key=True)
    moderator_id: int = _id(nullable=False, index=True)
    action: str = Field(max_length=32)
    detail: str = Field(default="", max_length=200)
    at: dt.datetime = _time(nullable=False)


class ConsoleLogin(SQLModel, table=True):
    """A used one-time sign-in link to the web console (its random nonce), so it cannot sign in twice."""

    __tablename__ = "console_logins"
    nonce: str = Field(primary_key=True, max_length=32)
    moderator_id: int = _id(nullable=False)
    used_at: dt.datetime = _time(nullable=False)


class InboxUpdate(SQLModel, table=True):
    """A Telegram update, recorded before it is confirmed to Telegram (`bot.storage.inbox`).

    `payload` holds the update as sent, message text included, only until it is handled; the bare id
    stays two days to recognise a redelivery, then the daily purge removes it.
    """

    __tablename__ = "inbox"
    update_id: int = _id(primary_key=True, autoincrement=False)
    payload: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    received_at: dt.datetime = _time(nullable=False, index=True)
    claimed_at: dt.datetime | None = _time(nullable=True, index=True)  # the lease of the process handling it
    handled_at: dt.datetime | None = _time(nullable=True)
    attempts: int = 1


metadata = SQLModel.metadata
