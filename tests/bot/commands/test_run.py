"""`shopsafe run`: a real process against the stand-in Bot API server; options; no token in any log line."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from bot.commands.run import SECRET_FILE, webhook_of
from bot.settings import Settings
from support.botapi import TOKEN


PRIVATE_TEXT = "Please share your screen and tell me the verification code for your pineapple refund"


def start_run(botapi, tmp_path: Path, framework: str, log: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPSAFE_")}
    env.update(SHOPSAFE_TELEGRAM_TOKEN=TOKEN, SHOPSAFE_TELEGRAM_API_BASE=botapi.base_url,
               SHOPSAFE_TELEGRAM_FRAMEWORK=framework, SHOPSAFE_LOG_LEVEL="DEBUG",
               SHOPSAFE_DATA_DIR=str(tmp_path / "data"), SHOPSAFE_MODERATORS="31")
    with log.open("a") as sink:  # a file, not a pipe: DEBUG output must never block the process
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

def test_webhook_options_give_url_listen_address_path_and_a_secret_kept_in_the_data_directory(tmp_path):
    settings = Settings(data_dir=tmp_path / "data")
    hook = webhook_of(settings, "https://bot.example.org/tg/hook", "0.0.0.0:8443")
    assert (hook.url, hook.listen_host, hook.listen_port, hook.path) == ("https://bot.example.org/tg/hook", "0.0.0.0", 8443, "/tg/hook")
    assert len(hook.secret) >= 32
    kept = tmp_path / "data" / SECRET_FILE
    assert kept.read_text() == hook.secret and kept.stat().st_mode & 0o777 == 0o600
    # Another process, or this one restarted, uses the same secret: none of them refuses the others' updates.
    assert webhook_of(settings, "https://bot.example.org/tg/hook", "127.0.0.1:8081").secret == hook.secret
    assert webhook_of(Settings(data_dir=tmp_path / "other"), "https://bot.example.org/tg", None).secret != hook.secret
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
def test_bad_webhook_options_are_refused_clearly(url, listen, tmp_path):
    with pytest.raises(SystemExit) as refused:
        webhook_of(Settings(data_dir=tmp_path), url, listen)
    assert "shopsafe run" in str(refused.value)


def test_webhook_several_processes_on_postgres_without_a_shared_secret_refuse_to_start(tmp_path):
    """Each process drew its own secret, so all but the last to call setWebhook refused Telegram's posts
    silently: on PostgreSQL (the several-process setup) start-up now stops with what to set."""
    settings = Settings(data_dir=tmp_path, database={"url": "postgresql+asyncpg://bot@db.example/shopsafe"})
    with pytest.raises(SystemExit) as refused:
        webhook_of(settings, "https://bot.example.org/tg", None)
    assert "SHOPSAFE_TELEGRAM_WEBHOOK_SECRET" in str(refused.value)
    assert not (tmp_path / SECRET_FILE).exists()
    shared = Settings(data_dir=tmp_path, database={"url": "postgresql+asyncpg://bot@db.example/shopsafe"},
                      telegram={"webhook_secret": "one-secret_for-every-process"})
    assert webhook_of(shared, "https://bot.example.org/tg", None).secret == "one-secret_for-every-process"


@pytest.mark.parametrize("secret", ["with space", "sécret", "x" * 257, "semi;colon"])
def test_a_configured_webhook_secret_telegram_would_refuse_stops_start_up(tmp_path, secret):
    settings = Settings(data_dir=tmp_path, telegram={"webhook_secret": secret})
    with pytest.raises(SystemExit) as refused:
        webhook_of(settings, "https://bot.example.org/tg", None)
    assert "A-Z, a-z, 0-9" in str(refused.value)


@pytest.mark.slow  # two real processes: the first killed with SIGKILL mid-burst
@pytest.mark.parametrize("framework", ["aiogram", "ptb"])
def test_updates_acknowledged_before_handled_a_kill_9_mid_burst_loses_none(botapi, tmp_path, framework):
    """Polling confirmed the offset right after queueing: 200 updates then kill -9 lost all 200. Now a
    batch is confirmed once recorded, and a restart finishes what was recorded; only the updates in
    flight at the kill (recorded, not yet marked handled) may be answered twice."""
    log = tmp_path / "run.log"
    users = range(700_001, 700_201)
    process = start_run(botapi, tmp_path, framework, log)
    try:
        botapi.wait_for_sync(lambda s: s.calls_of("getUpdates"), timeout=180)
        for user in users:
            botapi.push_message(user, "/start")  # one reply each
        botapi.wait_for_sync(lambda s: len(s.sent_texts()) >= 20, timeout=60)
        process.kill()
        process.wait(timeout=20)
        with sqlite3.connect(tmp_path / "data" / "shopsafe.db") as db:
            in_flight = db.execute("SELECT count(*) FROM inbox WHERE payload IS NOT NULL").fetchone()[0]
        process = start_run(botapi, tmp_path, framework, log)
        botapi.wait_for_sync(lambda s: {int(c.params["chat_id"]) for c in s.calls_of("sendMessage")} >= set(users),
                             timeout=180)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
    answers = Counter(int(c.params["chat_id"]) for c in botapi.calls_of("sendMessage") if c.status == 200)
    assert set(answers) == set(users)  # none lost
    assert sum(n - 1 for n in answers.values()) <= in_flight
    with sqlite3.connect(tmp_path / "data" / "shopsafe.db") as db:  # and no message text left behind
        assert db.execute("SELECT count(*) FROM inbox WHERE payload IS NOT NULL").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM inbox").fetchone()[0] == len(users)
