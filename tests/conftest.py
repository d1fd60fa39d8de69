"""Suite-wide fixtures. Network isolation is in pyproject's addopts (pytest-socket): only loopback."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DEV_DATA = SHARED / "data" / "dev"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's own configuration, token or data directory."""
    for name in ("SHOPSAFE_CONFIG", "SHOPSAFE_TELEGRAM_TOKEN", "SHOPSAFE_DATABASE_URL", "SHOPSAFE_MODERATORS",
                 "SHOPSAFE_TELEGRAM_API_BASE", "SHOPSAFE_TELEGRAM_FRAMEWORK"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SHOPSAFE_DATA_DIR", str(tmp_path / "data"))


def dev_rows(name: str) -> list[dict]:
    """Rows of one public dev set, or skip the test when ../shared is not beside the checkout."""
    import json

    path = DEV_DATA / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the dev data sets live in ../shared/data/dev beside the checkout")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
