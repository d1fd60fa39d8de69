"""Telegram adapters: `aiogram_adapter` (the default) and `ptb_adapter`, over the shared `common` core.

Each adapter module exposes `serve(app, webhook, stop)` (see `common.Adapter`) and a Transport class.
"""

from __future__ import annotations

import importlib

from bot.adapters.common import Adapter

MODULES = {"aiogram": "bot.adapters.aiogram_adapter", "ptb": "bot.adapters.ptb_adapter"}


def load_adapter(framework: str) -> Adapter:
    """The adapter module for `framework` ("aiogram" or "ptb"); imported only when chosen."""
    try:
        name = MODULES[framework]
    except KeyError:
        raise ValueError(f"unknown Telegram framework {framework!r}: choose one of {', '.join(MODULES)}") from None
    return importlib.import_module(name)  # type: ignore[return-value]
