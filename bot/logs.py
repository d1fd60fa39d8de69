"""Logging set-up: one stderr handler whose filter blanks the bot token out of every record.

Privacy: the token never appears, and no logger that would write message text is let below INFO.

The token is part of every Bot API URL, so an HTTP client's debug line or a connection error could carry
it; the filter sits on the handler, so it sees the records of every logger, ours and the libraries'.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

from bot.settings import Settings

REDACTED = "<redacted>"
# Loggers that would write message text (Bot API parameters and results, SQL parameters) even at DEBUG:
# held above that level whatever `log_level` says, so no log ever holds what a user wrote.
CONTENT_LOGGERS = {
    "telegram.Bot": logging.INFO,  # python-telegram-bot logs every call's parameters and result at DEBUG
    "telegram.ext": logging.INFO,
    "aiosqlite": logging.INFO,  # every statement with its parameters at DEBUG
}
# Loggers that are only loud: quieted unless DEBUG was asked for.
QUIET_LOGGERS = {
    "aiogram.event": logging.WARNING,  # one INFO line per update
    "httpx": logging.WARNING,  # one INFO line per request (its URL carries the token: redacted anyway)
    "httpcore": logging.WARNING,
    "apscheduler.executors.default": logging.WARNING,  # one INFO line per job run
    "alembic.runtime.plugins": logging.WARNING,  # one INFO line per migration plugin at every start
}


class RedactSecrets(logging.Filter):
    """Replaces each secret in a record's message, arguments, exception and stack text."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        clean = self.redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def token_secrets(token: str | None) -> list[str]:
    """The whole token and its secret half (after "bot id:"), which alone would still let anyone in."""
    if not token:
        return []
    secret = token.partition(":")[2]
    return [token, secret] if len(secret) >= 8 else [token]


def setup_logging(settings: Settings, stream=None, *, console: bool = False) -> logging.Handler:
    """Log to stderr at `settings.log_level` through the redacting filter; returns the handler.

    In the console chat the terminal is the conversation, so only warnings and errors are logged there
    unless DEBUG was asked for.
    """
    token = settings.telegram.token.get_secret_value() if settings.telegram.token else None
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(token_secrets(token)))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    level = settings.log_level.upper()
    root.setLevel("WARNING" if console and level == "INFO" else level)
    for name, level in CONTENT_LOGGERS.items():
        logging.getLogger(name).setLevel(level)
    if root.level > logging.DEBUG:
        for name, level in QUIET_LOGGERS.items():
            logging.getLogger(name).setLevel(level)
    return handler
