"""Reading `{"text": …}` JSON lines and writing one JSON object per line: shared by `scan` and `ask --jsonl`.

Both are contracts other tools rely on: one output object per input line, in order, and a line that cannot
be read yields {"error": ...} instead of stopping the run.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from typing import Any


def parse_text_line(raw: bytes) -> str | dict[str, str]:
    """The `text` of one JSON line, or {"error": ...} saying why the line cannot be read."""
    if not raw.strip():
        return {"error": "empty line"}
    try:
        row = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return {"error": "line is not valid UTF-8"}
    except json.JSONDecodeError as error:
        return {"error": f"line is not valid JSON: {error.msg}"}
    if not isinstance(row, dict):
        return {"error": "line is not a JSON object"}
    text = row.get("text")
    if not isinstance(text, str):
        return {"error": "missing string key 'text'"}
    return text


def _raw_lines(path: str) -> Iterator[bytes]:
    if path == "-":
        yield from sys.stdin.buffer
        return
    with open(path, "rb") as handle:
        yield from handle


def map_text_lines(path: str, answer: Callable[[str], dict[str, Any]], command: str) -> int:
    """Write `answer(text)` for each line of `path` (- for stdin) as JSON, in order; exit status 2 when unreadable."""
    try:
        for raw in _raw_lines(path):
            text = parse_text_line(raw.rstrip(b"\r\n"))
            result = text if isinstance(text, dict) else answer(text)
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
            sys.stdout.flush()
    except OSError as error:
        print(f"shopsafe {command}: cannot read {path}: {error.strerror or error}", file=sys.stderr)
        return 2
    return 0
