"""`load_db_patterns(settings)`: what `shopsafe scan/eval --with-db-patterns` reads."""

import asyncio

from bot.settings import load_settings
from bot.storage import open_store
from bot.storage.patterns import load_db_patterns


def test_cli_loader_reads_the_approved_patterns_of_the_configured_database(tmp_path):
    settings = load_settings(environ={"SHOPSAFE_DATA_DIR": str(tmp_path / "data")})
    assert load_db_patterns(settings) == []  # a fresh database is created and migrated, with none

    async def approve() -> None:
        store = await open_store(settings.database_url)
        await store.add_db_pattern({"id": "community-courier", "keywords": ["快递理赔"]}, 9)
        await store.add_db_pattern({"extends": "refund-agent", "example": "双倍赔偿"}, 9)
        await store.close()

    asyncio.run(approve())
    assert load_db_patterns(settings) == [{"id": "community-courier", "keywords": ["快递理赔"]},
                                          {"extends": "refund-agent", "example": "双倍赔偿"}]
