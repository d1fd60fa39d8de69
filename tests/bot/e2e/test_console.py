"""End to end, console mode: `shopsafe run` without a token chats on stdin/stdout over the same handlers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from handlers.texts import t

SCAM_EN = ("Hello, this is Amazon customer service. Your order was lost, we will refund you double. "
           "Please download Zoom and share your screen, and tell me the verification code.")
LEGIT_EN = "Your parcel has been delivered. Thanks for shopping with us."
QUESTION_EN = "How do I dispose of a shipping label safely?"


def shopsafe_run(lines: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPSAFE_")}
    env.update(SHOPSAFE_DATA_DIR=str(data_dir), LANG="en_US.UTF-8", PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "bot.cli", "run"], input="\n".join(lines) + "\n",
                          capture_output=True, text=True, env=env, timeout=120, cwd=data_dir.parent)


pytestmark = pytest.mark.slow  # `shopsafe run` as a real process, twice


@pytest.fixture(scope="module")
def session(tmp_path_factory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """One scripted console session covering the conversation, run once for the module's tests."""
    data_dir = tmp_path_factory.mktemp("console") / "data"
    script = [
        "/forward " + SCAM_EN,
        "1",  # the first button under the verdict: Why?
        "/check " + LEGIT_EN,
        QUESTION_EN,
        "/subscribe",
        "/privacy",
        "/check <b>QQ</b> 12345678 & " + SCAM_EN,
        "/quit",
    ]
    return shopsafe_run(script, data_dir), data_dir


def test_first_line_says_it_is_the_console_because_there_is_no_token(session):
    result, _ = session
    assert result.returncode == 0, result.stderr[-2000:]
    first = result.stdout.splitlines()[0]
    assert "console" in first.lower() and "SHOPSAFE_TELEGRAM_TOKEN" in first


def test_the_terminal_shows_the_chat_not_start_up_logs(session):
    """Regression: Alembic's INFO lines reached the terminal before the console's first line."""
    assert " INFO " not in session[0].stderr, session[0].stderr[-2000:]


def test_forwarded_scam_verdict_comes_first_with_its_buttons(session):
    out = session[0].stdout
    after_intro = out.split("\n\n", 1)[1] if "\n\n" in out else out
    verdict_at = out.index("🚨")
    assert out.index("👋") > verdict_at  # the welcome follows the verdict
    assert "[1]" in out[verdict_at:] and "Why" in out[verdict_at:]
    assert after_intro.lstrip().startswith("🚨")


def test_buttons_questions_and_commands_answer(session):
    out = session[0].stdout
    assert "Why I answered this way" in out
    assert "ℹ️" in out
    assert "label" in out.lower() and "Source:" in out
    assert t("subscribe.on", "en").split(":")[0] in out


def test_html_is_rendered_to_plain_text_not_shown_escaped(session):
    out = session[0].stdout
    assert "&lt;" not in out and "&amp;" not in out
    # The bot's own markup is gone; the "<b>QQ</b>" the user typed is quoted back as typed.
    assert "<u>" not in out and "🚨 <b>" not in out and "<b>QQ</b> 12345678 &" in out


def test_the_embedded_sqlite_database_holds_the_subscription(session):
    _, data_dir = session
    assert (data_dir / "shopsafe.db").is_file()
    result = shopsafe_run(["/unsubscribe", "/quit"], data_dir)
    assert t("subscribe.off", "en").split(":")[0] in result.stdout
