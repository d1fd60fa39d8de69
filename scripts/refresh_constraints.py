"""Rewrite constraints.txt: every package the `all` and `test` extras install, pinned to one version.

    python scripts/refresh_constraints.py            # keep today's pins, add pins for new dependencies
    python scripts/refresh_constraints.py --upgrade  # resolve everything afresh to the newest allowed versions

It installs the project into a throw-away virtualenv (from PyPI, so it needs the network) and writes what
`pip freeze` lists there, so packages that happen to be in your own environment never leak into the pins.
CI installs with `pip install -c constraints.txt -e '.[all,test]'`; run the suite after refreshing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONSTRAINTS = ROOT / "constraints.txt"
HEADER = (
    "# Every package `pip install -e '.[all,test]'` installs, pinned: CI installs with\n"
    "#   pip install -c constraints.txt -e '.[all,test]'\n"
    "# Written by `python scripts/refresh_constraints.py` (add --upgrade to re-resolve everything); do not edit by hand.\n"
    f"# Resolved on Python {sys.version_info.major}.{sys.version_info.minor}.\n"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--upgrade", action="store_true", help="ignore the current pins and take the newest allowed versions")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shopsafe-constraints-") as where:
        venv.create(where, with_pip=True)
        python = str(Path(where) / "bin" / "python")
        pins = [] if args.upgrade or not CONSTRAINTS.exists() else ["-c", str(CONSTRAINTS)]
        subprocess.run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check", *pins,
                        "-e", f"{ROOT}[all,test]"], check=True)
        frozen = subprocess.run([python, "-m", "pip", "freeze", "--exclude-editable", "--disable-pip-version-check"],
                                check=True, capture_output=True, text=True).stdout
    lines = sorted((line for line in frozen.splitlines() if line and not line.startswith("#")), key=str.lower)
    CONSTRAINTS.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{CONSTRAINTS.relative_to(ROOT)}: {len(lines)} pins")
    return 0


if __name__ == "__main__":
    sys.exit(main())
