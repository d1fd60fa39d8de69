"""`shopsafe run`: a real process against the stand-in Bot API server; options; no token in any log line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.commands.run import webhook_of
from bot.settings import Settings
from support.botapi import TOKEN


PRIVATE_TEXT = "Please share your screen and tell me the verification code for your pineapple refund"


def start_run(botapi, tmp_path: Path, framework: str, log: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPSAFE_")}
    env.update(SHOPSAFE_TELEGRAM_TOKEN=TOKEN, SHOPSAFE_TELEGRAM_API_BASE=botapi.base_url,
               SHOPSAFE_TELEGRAM_FRAMEWORK=framework, SHOPSAFE_LOG_LEVEL="DEBUG",
               SHOPSAFE_DATA_DIR=str(tmp_path / "data"), SHOPSAFE_MODERATORS="31")
    with log.open("w") as sink:  # a file, not a pipe: DEBUG output must never block the process
        return subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], stdin=subprocess.DEVNULL,
                                stdout=sink, stderr=subprocess.STDOUT, env=env)


@pytest.mark.slow  # a real process: imports, migrations, then SIGTERM
@pytest.mark.parametrize("framework", ["aiogram", "ptb"])
def test_run_with_a_token_polls_answers_logs_neither_token_nor_text_and_stops_on_sigterm(botapi, tmp_path, framework):
    log = tmp_path / "run.log"
    process = start_run(botapi, tmp_path, framework, log)
    try:
        botapi.wait_for_sync(lambda s: s.calls_of("getUpdates"), timeout=180)
        botapi.fail_next("getUpdates", 500)  # an error path that logs, too
        botapi.push_message(31, "/check " + PRIVATE_TEXT)
        botapi.wait_for_sync(lambda s: s.sent_texts(31), timeout=20)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
    output = log.read_text(encoding="utf-8", errors="replace")
    assert "DEBUG" in output  # the test saw the chattiest level
    assert TOKEN not in output
    assert TOKEN.partition(":")[2] not in output
    assert "pineapple" not in output and "Scam" not in output  # neither the user's text nor the verdict
    assert botapi.sent_texts(31)[0].startswith("🚨")


# ----- --webhook / --listen ---------------------------------------------------------------------------

def test_webhook_options_give_url_listen_address_path_and_a_fresh_secret():
    settings = Settings()
    hook = webhook_of(settings, "https://bot.example.org/tg/hook", "0.0.0.0:8443")
    assert (hook.url, hook.listen_host, hook.listen_port, hook.path) == ("https://bot.example.org/tg/hook", "0.0.0.0", 8443, "/tg/hook")
    assert len(hook.secret) >= 32
    assert webhook_of(settings, "https://bot.example.org/tg/hook", None).secret != hook.secret
    plain = webhook_of(settings, "https://bot.example.org", None)
    assert (plain.listen_host, plain.listen_port, plain.path) == ("127.0.0.1", 8080, "/telegram")
    assert webhook_of(settings, None, None) is None
    assert webhook_of(settings, "https://h.example/x", "[::1]:9000").listen_host == "::1"


def test_processes_sharing_a_webhook_use_the_configured_secret():
    """Regression: each process drew its own secret at start, so behind one proxy all but the last to call
    setWebhook refused Telegram's posts."""
    from bot.settings import load_settings

    settings = load_settings(environ={"SHOPSAFE_TELEGRAM_WEBHOOK_SECRET": "shared-secret-of-the-deployment"})
    first = webhook_of(settings, "https://bot.example.org/tg", None)
    second = webhook_of(settings, "https://bot.example.org/tg", "127.0.0.1:8081")
    assert first.secret == second.secret == "shared-secret-of-the-deployment"


@pytest.mark.parametrize(("url", "listen"), [
    ("http://bot.example.org/hook", None),  # Telegram posts to HTTPS only
    ("https://bot.example.org/hook", "8443"),
    ("https://bot.example.org/hook", "host:port"),
    (None, "127.0.0.1:8080"),
])
def test_bad_webhook_options_are_refused_clearly(url, listen):
    with pytest.raises(SystemExit) as refused:
        webhook_of(Settings(), url, listen)
    assert "shopsafe run" in str(refused.value)
