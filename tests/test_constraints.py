"""constraints.txt pins every package the `all` and `test` extras install, each within pyproject's bounds."""

from __future__ import annotations

import importlib.metadata
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent


def _pins() -> dict[str, Version]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = Version(version)
    return pins


def _project_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    wanted, requirements, seen = ["all", "test"], [Requirement(r) for r in project["dependencies"]], set()
    while wanted:
        extra = wanted.pop()
        if extra in seen:
            continue
        seen.add(extra)
        for text in extras[extra]:
            requirement = Requirement(text)
            if canonicalize_name(requirement.name) == "shopsafe":
                wanted.extend(requirement.extras)
            else:
                requirements.append(requirement)
    return requirements


def test_constraints_pin_every_direct_dependency_within_pyprojects_bounds():
    pins = _pins()
    for requirement in _project_requirements():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is in pyproject.toml but not in constraints.txt: python scripts/refresh_constraints.py"
        assert requirement.specifier.contains(pins[name], prereleases=True), f"{name}=={pins[name]} breaks {requirement}"


def test_constraints_pin_every_package_the_extras_pull_in():
    """Walks the installed packages' own requirements, so a dependency added without refreshing fails here."""
    pins, todo, seen = _pins(), [(r, "") for r in _project_requirements()], set()
    while todo:
        requirement, extra = todo.pop()
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": extra}):
            continue
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} (needed by {requirement}) is not in constraints.txt"
        for extra_name in ("", *requirement.extras):
            if (name, extra_name) in seen:
                continue
            seen.add((name, extra_name))
            todo.extend((Requirement(text), extra_name) for text in importlib.metadata.requires(name) or [])
    assert len(seen) >= len(_project_requirements())
