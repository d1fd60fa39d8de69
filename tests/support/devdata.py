"""The public labelled sets in ../shared/data/dev: read in place, never copied into the repository."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DEV_DATA = REPO.parent / "shared" / "data" / "dev"


def dev_rows(name: str) -> list[dict]:
    """Rows of one dev set, or skip the calling test when ../shared is not beside the checkout."""
    path = DEV_DATA / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the dev data sets live in ../shared/data/dev beside the checkout")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
