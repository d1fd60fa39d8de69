"""The `shopsafe` command: one parser, each group of subcommands registered by the module that owns it."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Each module defines `register(subparsers)`; a subcommand's parser sets `func(args) -> int`.
# Commands map to the module that owns them, so a run imports only what its command needs.
COMMANDS = {
    "run": "bot.commands.run",
    "check": "bot.commands.detector",
    "scan": "bot.commands.detector",
    "eval": "bot.commands.detector",
    "patterns": "bot.commands.detector",
    "ask": "bot.commands.knowledge",
    "kb": "bot.commands.knowledge",
    "eval-kb": "bot.commands.knowledge",
    "db": "bot.commands.database",
    "console-link": "bot.commands.web",
}


def _requested_command(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line, skipping the global options before it."""
    args = iter(argv)
    for arg in args:
        if arg == "--config":
            next(args, None)
        elif not arg.startswith("-"):
            return arg
    return None


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The parser; with a known command in `argv`, only that command's module is imported."""
    parser = argparse.ArgumentParser(
        prog="shopsafe",
        description="ShopSafe: spot refund and fake-customer-service scams; answer shoppers' privacy questions.",
    )
    parser.add_argument("--config", help="YAML configuration file (default: $SHOPSAFE_CONFIG, else built-in defaults)")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    command = _requested_command(argv)
    modules = [COMMANDS[command]] if command in COMMANDS else list(dict.fromkeys(COMMANDS.values()))
    for name in modules:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(argv).parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `shopsafe scan … | head`: the reader went away; nothing more to say.
        sys.stderr.close()
        return 0
    except ValueError as error:
        # A setting that cannot be used stops start-up with its name and what it should be, not a traceback.
        # bot.settings is looked up, not imported: commands that never load settings don't pay for pydantic.
        settings = sys.modules.get("bot.settings")
        if settings is None or not isinstance(error, settings.SettingsError):
            raise
        print(f"shopsafe {args.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
