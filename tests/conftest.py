"""Suite-wide fixtures. Network isolation is in pyproject's addopts (pytest-socket): only loopback."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's own configuration, token or data directory."""
    for name in ("SHOPSAFE_CONFIG", "SHOPSAFE_TELEGRAM_TOKEN", "SHOPSAFE_DATABASE_URL", "SHOPSAFE_MODERATORS",
                 "SHOPSAFE_TELEGRAM_API_BASE", "SHOPSAFE_TELEGRAM_FRAMEWORK"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SHOPSAFE_DATA_DIR", str(tmp_path / "data"))



@pytest.fixture
def botapi():
    """A fresh stand-in Bot API server on 127.0.0.1 (tests/support/botapi.py)."""
    from support.botapi import BotApiServer

    server = BotApiServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def store(tmp_path):
    """A real, migrated SQLite store in the test's own directory (tests/bot/storage also runs on PostgreSQL)."""
    from support.databases import fresh_store

    async with fresh_store("sqlite", tmp_path) as opened:
        yield opened
