"""End to end on PostgreSQL: a row lock held elsewhere gets the user a polite "send it again", in their
language, within about one lock timeout, and nothing half-written."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.storage.engine import LOCK_TIMEOUT
from handlers.texts import t
from support.databases import fresh_postgres_database

from .conftest import e2e_settings, running

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize("framework", ["aiogram", "ptb"])
async def test_no_lock_timeout_a_held_row_lock_gets_a_polite_retry_message_within_seconds(botapi, tmp_path, brains,
                                                                                        framework):
    """A held lock kept users waiting 20-43 s; now the handler's write gives up after the lock timeout."""
    async with fresh_postgres_database("lock") as url:
        settings = e2e_settings(botapi, tmp_path, framework, database={"url": url})
        async with running(botapi, settings, brains) as tg:
            holder = create_async_engine(url)
            try:
                for language, lang in (("en", "en"), ("zh-hans", "zh-Hans"), ("zh-hant", "zh-Hant")):
                    user = await tg.user(lang)
                    async with holder.connect() as conn:
                        transaction = await conn.begin()
                        await conn.execute(text("SELECT * FROM users WHERE user_id = :u FOR UPDATE"), {"u": user})
                        started = time.monotonic()
                        (answer,) = await tg.say(user, "/subscribe", language_code=language, timeout=20)
                        waited = time.monotonic() - started
                        await transaction.rollback()
                    assert answer.params["text"] == t("busy", lang)
                    assert waited < 2 * LOCK_TIMEOUT + 2.0, waited
                    assert (await tg.store.get_user(user)).subscribed is False  # nothing half-written
                    await tg.say(user, "/subscribe", language_code=language)
                    assert (await tg.store.get_user(user)).subscribed is True
            finally:
                await holder.dispose()
