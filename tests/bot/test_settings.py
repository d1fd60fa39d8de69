"""bot.settings: strict moderator ids and the start-up error that names the setting."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bot.settings import SettingsError, load_settings, parse_user_ids


@pytest.mark.parametrize("raw, ids", [
    ("9001 9002", [9001, 9002]),
    ("9001,9002", [9001, 9002]),
    ("9001, 9002", [9001, 9002]),
    (" 9001 ,\t9002\n", [9001, 9002]),
    ("9001", [9001]),
    ("", []),
])
def test_moderators_space_separated_are_two_ids_not_one_concatenated(raw, ids):
    environ = {"SHOPSAFE_MODERATORS": raw} if raw else {}
    assert load_settings(None, environ=environ).moderators == ids
    assert parse_user_ids(raw) == ids


@pytest.mark.parametrize("raw", ["1_000", "١٢٣", "１２３", "9001 ٩٠٠٢", "true", "false", "0", "-5", "+5", "5.0",
                                 "0x10", "12a", "1" * 21, "9" * 5000])
def test_moderators_underscore_foreign_digits_and_booleans_are_refused_naming_the_setting(raw):
    with pytest.raises(SettingsError) as caught:
        load_settings(None, environ={"SHOPSAFE_MODERATORS": raw})
    message = str(caught.value)
    assert "SHOPSAFE_MODERATORS" in message
    assert "not a Telegram user id" in message


@pytest.mark.parametrize("value", [True, [True], [0], [-1], ["1_000"], [1.5], [{"id": 1}]])
def test_moderators_from_yaml_are_checked_as_strictly(tmp_path, value):
    import yaml

    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump({"moderators": value}), encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(config, environ={})
    assert f"moderators in {config}" in str(caught.value)


def test_moderators_from_yaml_accept_ints_and_a_string():
    assert parse_user_ids([7, "8"]) == [7, 8]
    assert parse_user_ids(7) == [7]
    assert parse_user_ids("7 8, 9") == [7, 8, 9]


def test_other_invalid_settings_name_their_environment_variable():
    with pytest.raises(SettingsError, match="SHOPSAFE_TELEGRAM_FRAMEWORK"):
        load_settings(None, environ={"SHOPSAFE_TELEGRAM_FRAMEWORK": "discord"})


def test_invalid_moderators_stop_start_up_with_a_clear_error_not_a_traceback(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPSAFE_")}
    env.update(SHOPSAFE_MODERATORS="1_000", SHOPSAFE_DATA_DIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-m", "bot.cli", "run"], env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)
    assert done.returncode == 2
    assert "SHOPSAFE_MODERATORS: '1_000' is not a Telegram user id" in done.stderr
    assert "Traceback" not in done.stderr
