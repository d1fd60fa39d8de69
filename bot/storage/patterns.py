"""Moderator-approved patterns for the CLI's `--with-db-patterns` (the bot reads them via the store)."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.settings import Settings
from bot.storage import open_store


def load_db_patterns(settings: Settings) -> list[dict[str, Any]]:
    """The approved community patterns in the configured database, in the order they were added."""
    async def load() -> list[dict[str, Any]]:
        store = await open_store(settings.database_url)
        try:
            return await store.db_patterns()
        finally:
            await store.close()

    return asyncio.run(load())
