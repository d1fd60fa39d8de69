"""`shopsafe run --web` without a token serves the page alone: no console chat, and SIGTERM stops it."""

from __future__ import annotations

import signal
import time
import urllib.request

import pytest

from support.webserver import clean_env, start_web, stop

pytestmark = pytest.mark.slow


def test_without_a_token_the_page_is_served_alone_and_stops_cleanly(tmp_path):
    process, url = start_web(tmp_path, "log_level: INFO\n", clean_env())
    try:
        with urllib.request.urlopen(url + "/", timeout=10) as page:
            assert "<textarea" in page.read().decode()
        time.sleep(1)
        assert process.poll() is None  # the console chat would have read EOF on stdin and ended
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        stop(process)
    log = (tmp_path / "run.log").read_text(encoding="utf-8")
    assert "console chat" not in log.lower() and "web page on http://127.0.0.1" in log
    assert (tmp_path / "data" / "web-secret").stat().st_mode & 0o777 == 0o600
