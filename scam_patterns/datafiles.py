"""The detector's package data (catalog/*.yaml, data/*.yaml), read with libyaml when PyYAML has it."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import Any

import yaml

# libyaml's parser when PyYAML was built with it: the catalog loads several times faster at start-up.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(name: str) -> Any:
    """One packaged YAML file, by its path inside the package (e.g. "data/lexicons.yaml")."""
    return yaml.load(resources.files("scam_patterns").joinpath(name).read_text("utf-8"), Loader=_LOADER)


def catalog_files() -> Iterator[tuple[str, Any]]:
    """(file name, parsed content) of every catalog/*.yaml, in name order."""
    folder = resources.files("scam_patterns").joinpath("catalog")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            yield entry.name, yaml.load(entry.read_text("utf-8"), Loader=_LOADER)
