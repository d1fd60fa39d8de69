"""The `shopsafe` command: one parser, each group of subcommands registered by the module that owns it."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Each module defines `register(subparsers)`; a subcommand's parser sets `func(args) -> int`.
COMMAND_MODULES = (
    "bot.commands.run",        # run
    "bot.commands.detector",   # check, scan, eval, patterns
    "bot.commands.knowledge",  # ask, kb, eval-kb
    "bot.commands.database",   # db upgrade
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shopsafe",
        description="ShopSafe: spot refund and fake-customer-service scams; answer shoppers' privacy questions.",
    )
    parser.add_argument("--config", help="YAML configuration file (default: $SHOPSAFE_CONFIG, else built-in defaults)")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `shopsafe scan … | head`: the reader went away; nothing more to say.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
