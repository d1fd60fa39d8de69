"""Every storage test runs twice: on an SQLite file and on PostgreSQL (see support.databases)."""

import pytest

from support.databases import fresh_store


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
async def store(kind, tmp_path):
    async with fresh_store(kind, tmp_path) as opened:
        yield opened
