"""Reading `{"text": …}` JSON lines and writing one JSON object per line: shared by `scan` and `ask --jsonl`.

Both are contracts other tools rely on: one output object per input line, in order, and a line that cannot
be read yields {"error": ...} instead of stopping the run. Lines are split on b"\\n" only and read as bytes,
so no byte sequence, nesting depth, number size or code point in one line can affect another; the output is
UTF-8 whatever the terminal's encoding.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any

MAX_LINE_BYTES = 8 * 1024 * 1024  # far above any message (the detector checks the first 20,000 characters)


def _surrogate_at(text: str) -> int | None:
    """Where `text` holds a lone surrogate (JSON's "\\ud800" escape decodes to one): not text, cannot be written."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return error.start
    return None


def parse_text_line(raw: bytes) -> str | dict[str, str]:
    """The `text` of one JSON line, or {"error": ...} saying why the line cannot be read."""
    row, error = parse_row(raw)
    return {"error": error} if error is not None else row["text"]


def parse_row(raw: bytes) -> tuple[dict[str, Any], str | None]:
    """(the object of one JSON line, whose `text` is a string, None), or ({}, why the line cannot be read)."""
    if not raw.strip():
        return {}, "empty line"
    try:
        row = json.loads(raw.decode("utf-8").removeprefix("\ufeff"))
    except UnicodeDecodeError:
        return {}, "line is not valid UTF-8"
    except json.JSONDecodeError as error:
        return {}, f"line is not valid JSON: {error.msg}"
    except RecursionError:
        return {}, "line is nested too deeply to read"
    except ValueError:  # Python's limit on integer digits (sys.get_int_max_str_digits), not a JSON rule
        return {}, "line holds a number too long to read"
    if not isinstance(row, dict):
        return {}, "line is not a JSON object"
    text = row.get("text")
    if not isinstance(text, str):
        return {}, "missing string key 'text'"
    at = _surrogate_at(text)
    if at is not None:
        return {}, f"'text' holds a lone surrogate (\\u{ord(text[at]):04x} at character {at}), which is not text"
    return row, None


def _raw_lines(handle: IO[bytes]) -> Iterator[bytes | None]:
    """Each line without its end; None for a line longer than MAX_LINE_BYTES, whose rest is skipped unread."""
    while True:
        line = handle.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) <= MAX_LINE_BYTES or line.endswith(b"\n"):
            yield line.rstrip(b"\r\n")
            continue
        while line and not line.endswith(b"\n"):
            line = handle.readline(MAX_LINE_BYTES)
        yield None


def _answer_line(raw: bytes | None, answer: Callable[[Any], dict[str, Any]], command: str, number: int,
                 rows: bool) -> dict[str, Any]:
    if raw is None:
        return {"error": f"line is longer than {MAX_LINE_BYTES:,} bytes"}
    row, error = parse_row(raw)
    if error is not None:
        return {"error": error}
    try:
        return answer(row if rows else row["text"])
    except Exception as error:  # one line's failure must not cost the lines after it; its text is not logged
        print(f"shopsafe {command}: line {number}: {type(error).__name__} while answering", file=sys.stderr)
        return {"error": f"could not answer this line ({type(error).__name__})"}


def _writer() -> Callable[[str], None]:
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None:  # a text-only stream (tests, embedding): it takes str
        return sys.stdout.write
    sys.stdout.flush()
    return lambda line: binary.write(line.encode("utf-8"))


def map_text_lines(path: str, answer: Callable[[Any], dict[str, Any]], command: str, rows: bool = False) -> int:
    """Write `answer(text)` for each line of `path` (- for stdin) as JSON, in order; exit status 2 when unreadable.
    With `rows`, `answer` gets the line's whole object (its `text` a string) rather than the text."""
    write = _writer()
    try:
        with contextlib.nullcontext(sys.stdin.buffer) if path == "-" else open(path, "rb") as handle:
            for number, raw in enumerate(_raw_lines(handle), 1):
                result = _answer_line(raw, answer, command, number, rows)
                write(json.dumps(result, ensure_ascii=False) + "\n")
                sys.stdout.flush()
    except BrokenPipeError:  # the reader of stdout went away: the CLI's business, not a read error
        raise
    except OSError as error:
        print(f"shopsafe {command}: cannot read {path}: {error.strerror or error}", file=sys.stderr)
        return 2
    return 0
