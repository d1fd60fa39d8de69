"""`shopsafe run`: serve Telegram (long polling or a webhook), or the console chat without a token."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import secrets
from urllib.parse import urlsplit

from bot.adapters.common import Webhook
from bot.logs import setup_logging
from bot.settings import Settings, load_settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "run",
        help="run the bot (without SHOPSAFE_TELEGRAM_TOKEN: a local console chat)",
        description="Run the Telegram bot with long polling, or with --webhook behind an HTTPS reverse proxy. "
                    "Without a token it opens a console chat over the same handlers and the local database.",
    )
    parser.add_argument("--webhook", metavar="URL",
                        help="public HTTPS URL Telegram posts updates to (its path is served locally)")
    parser.add_argument("--listen", metavar="HOST:PORT",
                        help="address the webhook server binds (default: telegram.webhook_listen/webhook_port)")
    parser.add_argument("--web", metavar="HOST:PORT",
                        help="also serve the web chat page and the moderators' /console here (default: web.listen); "
                             "without a token, the page alone")
    parser.set_defaults(func=main)


def host_port(text: str, option: str) -> tuple[str, int]:
    """("127.0.0.1", 8080) from "127.0.0.1:8080" ("[::1]:8080" for IPv6)."""
    host, _, port = text.rpartition(":")
    if not port.isdigit() or not host:
        raise SystemExit(f"shopsafe run: {option} must be HOST:PORT, e.g. 127.0.0.1:8080")
    return host.strip("[]"), int(port)


def webhook_of(settings: Settings, url: str | None, listen: str | None) -> Webhook | None:
    """The webhook to serve, from `--webhook URL [--listen HOST:PORT]`; None for long polling."""
    if url is None:
        if listen is not None:
            raise SystemExit("shopsafe run: --listen needs --webhook URL")
        return None
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise SystemExit("shopsafe run: --webhook must be an https:// URL (Telegram only posts to HTTPS)")
    host, port = settings.telegram.webhook_listen, settings.telegram.webhook_port
    if listen is not None:
        host, port = host_port(listen, "--listen")
    return Webhook(url=url, listen_host=host, listen_port=port,
                   path=parts.path or settings.telegram.webhook_path, secret=webhook_secret(settings))


SECRET_FILE = "webhook_secret"
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what Telegram accepts as secret_token


def webhook_secret(settings: Settings) -> str:
    """The secret Telegram echoes in X-Telegram-Bot-Api-Secret-Token; never logged.

    Every process serving one webhook must use the same one, since each start calls setWebhook and a
    process with another secret would refuse every update silently. So: the configured secret; else, on
    SQLite (processes of one machine, sharing its data directory), one generated once and kept in
    `data_dir/webhook_secret` (mode 0600); on PostgreSQL, the several-process setup, start-up is refused
    without a configured secret.
    """
    configured = settings.telegram.webhook_secret
    if configured is not None:
        secret = configured.get_secret_value()
        if not _SECRET.fullmatch(secret):
            raise SystemExit("shopsafe run: SHOPSAFE_TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, "
                             "0-9, _ and - (what Telegram accepts)")
        return secret
    if not settings.database_url.startswith("sqlite"):
        raise SystemExit("shopsafe run: --webhook with PostgreSQL (several processes) needs one shared secret: set "
                         "SHOPSAFE_TELEGRAM_WEBHOOK_SECRET to the same value for every process")
    path = settings.data_dir / SECRET_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():  # written whole, then linked into place: of processes starting at once, one wins
        draft = path.with_name(f".{SECRET_FILE}.{os.getpid()}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_urlsafe(32))
        try:
            with contextlib.suppress(FileExistsError):
                os.link(draft, path)
        finally:
            draft.unlink()
    secret = path.read_text(encoding="ascii").strip()
    if not _SECRET.fullmatch(secret):
        raise SystemExit(f"shopsafe run: {path} does not hold a valid webhook secret; delete it to make a new one")
    return secret


def web_of(settings: Settings, listen: str | None) -> tuple[str, int] | None:
    """The web page's (host, port) from --web, else `web.listen`; None: no page."""
    listen = listen or settings.web.listen
    return None if listen is None else host_port(listen, "--web")


def main(args: argparse.Namespace) -> int:
    settings = load_settings(args.config)
    webhook = webhook_of(settings, args.webhook, args.listen)
    web = web_of(settings, args.web)
    setup_logging(settings, console=settings.telegram.token is None and web is None)
    if webhook is not None and settings.telegram.token is None:
        raise SystemExit("shopsafe run: --webhook needs SHOPSAFE_TELEGRAM_TOKEN")
    asyncio.run(_run(settings, webhook, web))
    return 0


async def _run(settings: Settings, webhook: Webhook | None, web: tuple[str, int] | None) -> None:
    from bot.app import run

    await run(settings, webhook, web=web)
