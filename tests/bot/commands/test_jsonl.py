"""bot.commands.jsonl: `scan` and `ask --jsonl` write one JSON line per input line whatever the input."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from bot.cli import main
from bot.commands import jsonl
from bot.commands.jsonl import map_text_lines, parse_text_line
from scam_patterns import Detector

SCAM = "您好，我是淘宝客服，您的订单商品有质量问题，需要退款，请加微信并提供验证码"
DEEP = b"[" * 100_000 + b"]" * 100_000
DEEP_TEXT = b'{"text": "hi", "more": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_000 + b"}"
HUGE_INT = b'{"text": "refund", "n": ' + b"7" * 4_301 + b"}"
SURROGATE = b'{"text": "refund \\ud800 now"}'
BINARY = bytes(range(256)).replace(b"\n", b"")
GOOD = json.dumps({"text": SCAM}, ensure_ascii=False).encode("utf-8")


def _run(capsys, command: str, tmp_path: Path, lines: list[bytes]) -> list[dict]:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    assert main([command, "--jsonl", str(path)]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.mark.parametrize("command", ["scan", "ask"])
@pytest.mark.parametrize("bad, error", [
    (DEEP, "line is nested too deeply to read"),
    (DEEP_TEXT, "line is nested too deeply to read"),
    (HUGE_INT, "line holds a number too long to read"),
    (SURROGATE, "'text' holds a lone surrogate (\\ud800 at character 7), which is not text"),
    (BINARY, "line is not valid UTF-8"),
    (b"", "empty line"),
    (b" \t\r", "empty line"),
])
def test_jsonl_deep_nesting_huge_integer_lone_surrogate_binary_and_empty_lines_give_an_error_and_the_run_goes_on(
        capsys, tmp_path, command, bad, error):
    rows = _run(capsys, command, tmp_path, [GOOD, bad, GOOD])
    assert len(rows) == 3
    assert rows[1] == {"error": error}
    assert "error" not in rows[0] and rows[0] == rows[2]
    if command == "scan":
        assert rows[0]["verdict"] == "scam"


def test_jsonl_line_longer_than_the_limit_is_one_error_and_the_next_line_is_read(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(jsonl, "MAX_LINE_BYTES", 1024)
    long = json.dumps({"text": "x" * 5000}).encode()
    rows = _run(capsys, "scan", tmp_path, [GOOD, long, GOOD])
    assert rows[1] == {"error": "line is longer than 1,024 bytes"}
    assert rows[0]["verdict"] == rows[2]["verdict"] == "scam"


def test_jsonl_answer_that_raises_is_an_error_line_not_the_end_of_the_run(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"text": "a"}\n{"text": "boom"}\n{"text": "c"}\n')

    def answer(text: str) -> dict:
        if text == "boom":
            raise KeyError(text)
        return {"echo": text}

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert map_text_lines(str(path), answer, "scan") == 0
    assert [json.loads(line) for line in out.getvalue().splitlines()] == [
        {"echo": "a"}, {"error": "could not answer this line (KeyError)"}, {"echo": "c"}]
    assert "line 2: KeyError" in err.getvalue() and "boom" not in err.getvalue()  # no message text in the log


def test_jsonl_output_is_utf8_even_when_the_terminal_encoding_is_ascii(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(GOOD + b"\n")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run([sys.executable, "-m", "bot.cli", "scan", "--jsonl", str(path)], env=env,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    row = json.loads(done.stdout.decode("utf-8"))
    assert row["verdict"] == "scam" and any("客服" in e["quote"] for e in row["evidence"])


def test_jsonl_byte_order_mark_on_a_line_is_ignored():
    assert parse_text_line("\ufeff".encode() + b'{"text": "hi"}') == "hi"


# -- every kind of line, mixed ----------------------------------------------------------------------------

def _json_line(value) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


KINDS = {
    "text": st.text(max_size=300).map(lambda text: _json_line({"text": text})),  # includes lone surrogates
    "ascii escaped": st.text(max_size=100).map(lambda text: json.dumps({"text": text}).encode()),
    "binary": st.binary(max_size=300).map(lambda raw: raw.replace(b"\n", b"")),
    "deep": st.integers(1_000, 200_000).map(lambda n: b"[" * n + b"]" * n),
    "deep unclosed": st.integers(1_000, 200_000).map(lambda n: b'{"text": ' + b"[" * n),
    "huge int": st.integers(4_301, 20_000).map(lambda n: b'{"text": "a", "n": -' + b"9" * n + b"}"),
    "empty": st.sampled_from([b"", b" ", b"\t", b"\r", b"\x0b"]),
    "not an object": st.recursive(st.none() | st.booleans() | st.floats() | st.text(max_size=20),
                                  lambda inner: st.lists(inner, max_size=4), max_leaves=8).map(_json_line),
    "no text": st.dictionaries(st.text(max_size=5).filter(lambda k: k != "text"), st.integers(), max_size=3).map(_json_line),
    "text not a string": st.one_of(st.integers(), st.none(), st.lists(st.text(max_size=3))).map(
        lambda value: _json_line({"text": value})),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(lines=st.lists(st.one_of(*KINDS.values()), min_size=1, max_size=12))
def test_jsonl_every_kind_of_input_line_gives_exactly_one_output_line_in_order(tmp_path_factory, lines):
    detector = Detector.default()
    path = tmp_path_factory.mktemp("jsonl") / "in.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert map_text_lines(str(path), lambda text: detector.check(text).to_json(), "scan") == 0
    out.flush()
    rows = [json.loads(line) for line in out.buffer.getvalue().decode("utf-8").split("\n")[:-1]]
    assert len(rows) == len(lines)
    for raw, row in zip(lines, rows):
        expected = parse_text_line(raw.rstrip(b"\r"))
        if isinstance(expected, dict):
            assert row == expected
        else:
            assert row["verdict"] in ("scam", "suspicious", "no_match"), row
