"""One typed settings object: defaults here, then a YAML file, then environment variables.

The YAML file is `--config PATH`, else `$SHOPSAFE_CONFIG`, else none: every default lives in these models,
so the package works from any directory. `config.yaml` at the repository root shows every key.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator

Framework = Literal["aiogram", "ptb"]

# Environment variables the issue tracker and the README promise, mapped to their place in the model.
ENV_VARS: dict[str, tuple[str, ...]] = {
    "SHOPSAFE_TELEGRAM_TOKEN": ("telegram", "token"),
    "SHOPSAFE_TELEGRAM_API_BASE": ("telegram", "api_base"),
    "SHOPSAFE_TELEGRAM_FRAMEWORK": ("telegram", "framework"),
    "SHOPSAFE_TELEGRAM_WEBHOOK_SECRET": ("telegram", "webhook_secret"),
    "SHOPSAFE_DATABASE_URL": ("database", "url"),
    "SHOPSAFE_DATA_DIR": ("data_dir",),
    "SHOPSAFE_MODERATORS": ("moderators",),
    "SHOPSAFE_LOG_LEVEL": ("log_level",),
    "SHOPSAFE_REPORT_RETENTION_DAYS": ("privacy", "report_retention_days"),
}


# A moderator list is Telegram user ids separated by commas and/or white space ("9001, 9002", "9001 9002").
# Each id is a positive integer in ASCII digits, at most 20 of them (a 64-bit id): Python's int() would also
# take "1_000", "١٢٣" or "+5", and YAML's true is an int, so the parsing here is its own.
_ID_SEPARATORS = re.compile(r"[,\s]+")
_USER_ID = re.compile(r"[0-9]{1,20}")


class SettingsError(ValueError):
    """A setting that cannot be used; the message names the setting and says what it should be."""


def _user_id(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str) and _USER_ID.fullmatch(value) and int(value) > 0:
        return int(value)
    raise ValueError(f"{value!r} is not a Telegram user id: give positive integers in ASCII digits "
                     "separated by commas or spaces, e.g. \"9001, 9002\"")


def parse_user_ids(value: Any) -> list[int]:
    """Telegram user ids from a string ("9001, 9002" or "9001 9002"), one id, or a list; ValueError otherwise."""
    if isinstance(value, str):
        value = [part for part in _ID_SEPARATORS.split(value.strip()) if part]
    elif not isinstance(value, (list, tuple, set, frozenset)):
        value = [value]
    return [_user_id(item) for item in value]


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "shopsafe"


class TelegramSettings(BaseModel):
    token: SecretStr | None = None
    api_base: str = "https://api.telegram.org"
    framework: Framework = "aiogram"
    poll_timeout: int = Field(30, ge=0, le=60, description="long-polling timeout, seconds")
    request_timeout: float = Field(40.0, gt=0, description="HTTP timeout per Bot API call, seconds")
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8080
    webhook_path: str = "/telegram"
    webhook_secret: SecretStr | None = Field(
        None, description="X-Telegram-Bot-Api-Secret-Token; set one shared value when several processes serve the webhook")

    @field_validator("api_base")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")


class DatabaseSettings(BaseModel):
    url: str | None = Field(None, description="SQLAlchemy URL; None: an SQLite file in data_dir")
    echo: bool = False


class PrivacySettings(BaseModel):
    report_retention_days: int = Field(30, ge=1)
    callback_ttl_seconds: int = Field(900, ge=60, description="how long a checked text stays in memory for its buttons")
    stats_retention_days: int = Field(90, ge=30)


class LimitsSettings(BaseModel):
    checks_per_minute: int = Field(20, ge=1, description="per-user flood limit")
    max_text_chars: int = Field(20_000, ge=1000, description="longer text is checked on its first part")
    max_image_bytes: int = Field(10 * 1024 * 1024, ge=1024)
    max_image_pixels: int = Field(16_000_000, ge=10_000)


class BroadcastSettings(BaseModel):
    messages_per_second: float = Field(25.0, gt=0, description="overall")
    per_chat_interval: float = Field(1.0, ge=0, description="seconds between two messages to one chat")
    group_messages_per_minute: int = Field(20, ge=1)
    max_in_flight: int = Field(5, ge=1)
    max_retries: int = Field(5, ge=0)
    lease_seconds: float = Field(60.0, gt=0, description="a claimed delivery unconfirmed this long is claimed again")
    progress_seconds: float = Field(3.0, gt=0, description="how often the moderator's preview shows progress")


class ReminderSettings(BaseModel):
    tick_seconds: int = Field(30, ge=1)
    batch_size: int = Field(100, ge=1)
    default_timezone: str = "Asia/Shanghai"
    lease_seconds: int = Field(600, ge=10, description="a claimed reminder unsent this long is due again")


class OcrSettings(BaseModel):
    min_confidence: float = Field(0.6, ge=0, le=1)
    max_side: int = Field(2400, ge=320, description="downscale the longer side to this before lines are read")
    max_aspect_ratio: float = Field(30.0, ge=2, description="longer side over shorter side; a longer strip is refused from its header")
    max_lines: int = Field(200, ge=10, description="text lines read per image at most, top first (a packed phone screen has about 50)")
    timeout_seconds: float = Field(30.0, gt=0, description="wall time for one image in the OCR worker; a slower read is killed")
    max_memory_mb: int = Field(600, ge=200, description="resident memory of the OCR worker; a read that needs more is killed")


class WebSettings(BaseModel):
    """The web chat page and the moderators' console (`shopsafe run --web HOST:PORT`)."""

    listen: str | None = Field(None, description="HOST:PORT to serve the page on; None: no page unless --web")
    public_url: str | None = Field(None, description="the page's address for sign-in links; None: http://<listen>")
    trusted_proxies: list[str] = Field(default_factory=list, description="proxy addresses whose X-Forwarded-For is believed")
    checks_per_minute: int = Field(30, ge=1, description="messages and screenshots per minute per client address")
    link_minutes: int = Field(10, ge=1, le=60, description="how long a moderator's sign-in link stays valid")
    console_minutes: int = Field(60, ge=5, description="a console session ends this long after sign-in")


class Settings(BaseModel):
    telegram: TelegramSettings = TelegramSettings()
    database: DatabaseSettings = DatabaseSettings()
    privacy: PrivacySettings = PrivacySettings()
    limits: LimitsSettings = LimitsSettings()
    broadcast: BroadcastSettings = BroadcastSettings()
    reminders: ReminderSettings = ReminderSettings()
    ocr: OcrSettings = OcrSettings()
    web: WebSettings = WebSettings()
    moderators: list[int] = Field(default_factory=list)
    data_dir: Path = Field(default_factory=_default_data_dir)
    log_level: str = "INFO"

    @field_validator("moderators", mode="before")
    @classmethod
    def _strict_ids(cls, value: Any) -> list[int]:
        return parse_user_ids(value)

    @property
    def database_url(self) -> str:
        return self.database.url or f"sqlite+aiosqlite:///{self.data_dir / 'shopsafe.db'}"

    def is_moderator(self, user_id: int) -> bool:
        return user_id in self.moderators


def _set_path(tree: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        tree = tree.setdefault(key, {})
    tree[path[-1]] = value


def _describe(errors: list[dict[str, Any]], from_env: dict[tuple[str, ...], str], path: Any) -> str:
    """One line per invalid setting, named as the user set it: the environment variable, else the YAML key."""
    lines = []
    for error in errors:
        where = tuple(str(part) for part in error["loc"])
        named = next((name for key, name in from_env.items() if where[:len(key)] == key), None)
        dotted = ".".join(where) or "(top level)"
        name = named or (f"{dotted} in {path}" if path else dotted)
        message = error["msg"].removeprefix("Value error, ")
        lines.append(f"{name}: {message}")
    return "invalid settings:\n  " + "\n  ".join(lines)


def load_settings(config_path: str | os.PathLike[str] | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Defaults, overlaid by the YAML file (if any), overlaid by the environment; SettingsError names what is wrong."""
    env = os.environ if environ is None else environ
    path = config_path or env.get("SHOPSAFE_CONFIG")
    tree: dict[str, Any] = {}
    if path:
        with open(path, encoding="utf-8") as handle:
            tree = yaml.safe_load(handle) or {}
        if not isinstance(tree, dict):
            raise ValueError(f"{path}: the configuration must be a mapping")
    from_env: dict[tuple[str, ...], str] = {}
    for name, where in ENV_VARS.items():
        if env.get(name):
            _set_path(tree, where, env[name])
            from_env[where] = name
    try:
        return Settings.model_validate(tree)
    except ValidationError as error:
        raise SettingsError(_describe(error.errors(), from_env, path)) from None
