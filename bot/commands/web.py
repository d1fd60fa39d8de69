"""`shopsafe console-link USER_ID`: a one-time sign-in link to the moderators' web console, without Telegram."""

from __future__ import annotations

import argparse

from bot.settings import load_settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "console-link",
        help="print a one-time sign-in link to the web console for a moderator",
        description="Print a signed, single-use link that signs moderator USER_ID in to the console of "
                    "`shopsafe run --web` (same data directory). It expires after web.link_minutes.",
    )
    parser.add_argument("user_id", type=int, metavar="USER_ID", help="a Telegram user id listed in moderators")
    parser.add_argument("--base-url", metavar="URL",
                        help="the page's address (default: web.public_url, else http://<web.listen or 127.0.0.1:8080>)")
    parser.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from bot.web.logins import sign_link
    from bot.web.secret import Signer, load_secret

    settings = load_settings(args.config)
    if not settings.is_moderator(args.user_id):
        raise SystemExit(f"shopsafe console-link: {args.user_id} is not a moderator (set moderators or SHOPSAFE_MODERATORS)")
    base = args.base_url or settings.web.public_url or f"http://{settings.web.listen or '127.0.0.1:8080'}"
    print(sign_link(Signer(load_secret(settings.data_dir)), base, args.user_id, settings.web.link_minutes))
    return 0
