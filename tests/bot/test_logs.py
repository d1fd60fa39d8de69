"""The logging filter blanks the token out of messages, arguments, tracebacks and stacks, from any logger."""

from __future__ import annotations

import io
import logging

import pytest

from bot.logs import REDACTED, RedactSecrets, setup_logging, token_secrets
from bot.settings import Settings

TOKEN = "987654:AAH-secret-part-of-the-token"


@pytest.fixture
def captured():
    stream = io.StringIO()
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    setup_logging(Settings.model_validate({"telegram": {"token": TOKEN}, "log_level": "DEBUG"}), stream)
    try:
        yield stream
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])


def test_token_is_redacted_from_messages_arguments_and_tracebacks_of_any_logger(captured):
    logging.getLogger("httpx").debug("HTTP Request: POST https://api.telegram.org/bot%s/getUpdates", TOKEN)
    logging.getLogger("aiohttp.client").info("connect to https://api.telegram.org/bot" + TOKEN + "/sendMessage")
    try:
        raise ConnectionError(f"cannot reach /bot{TOKEN}/getMe")
    except ConnectionError:
        logging.getLogger("bot.adapters").exception("lost the connection")
    logging.getLogger("x").warning("only the secret half: %s", TOKEN.partition(":")[2], stack_info=True)
    text = captured.getvalue()
    assert TOKEN not in text
    assert TOKEN.partition(":")[2] not in text
    assert text.count(REDACTED) >= 4
    assert "ConnectionError" in text  # the traceback is kept, only the secret goes


def test_records_without_secrets_are_left_alone(captured):
    logging.getLogger("bot").info("polling with %d workers", 4)
    assert "polling with 4 workers" in captured.getvalue()


def test_no_token_no_filtering():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello %s", ("there",), None)
    assert RedactSecrets(token_secrets(None)).filter(record)
    assert record.getMessage() == "hello there"
    assert token_secrets("123:short") == ["123:short"]  # a secret half too short to be one is not hunted alone
