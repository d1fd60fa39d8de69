"""`shopsafe db upgrade`: apply the database migrations (the bot also does this when it starts)."""

from __future__ import annotations

import argparse
import asyncio
import sys

from sqlalchemy.engine import make_url

from bot.settings import load_settings
from bot.storage import StoreUnavailable, open_store


def register(subparsers: argparse._SubParsersAction) -> None:
    db = subparsers.add_parser("db", help="manage the database")
    actions = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    upgrade = actions.add_parser("upgrade", help="create or migrate the tables to the latest schema")
    upgrade.set_defaults(func=lambda args: _upgrade(args))


def _upgrade(args: argparse.Namespace) -> int:
    settings = load_settings(args.config)
    url = settings.database_url
    shown = make_url(url).render_as_string(hide_password=True)

    async def run() -> None:
        store = await open_store(url)
        await store.close()

    try:
        asyncio.run(run())
    except (StoreUnavailable, OSError) as exc:
        print(f"shopsafe db upgrade: cannot reach the database {shown}: {exc}", file=sys.stderr)
        return 1
    print(f"database {shown} is at the latest schema")
    return 0
