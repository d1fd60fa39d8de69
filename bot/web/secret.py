"""The web page's signing key: generated on first start and kept in the data directory (mode 0600).

Every process sharing a data directory (and `shopsafe console-link`) signs with the same key, so a
sign-in link printed by the CLI opens the console of the running server. Nothing else is configured.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from pathlib import Path

SECRET_FILE = "web-secret"
MAC_CHARS = 32  # 192 bits of an HMAC-SHA256, URL-safe


def load_secret(data_dir: Path) -> bytes:
    """The key in `data_dir/web-secret`, created atomically (first writer wins) when absent."""
    path = data_dir / SECRET_FILE
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it meanwhile
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key.hex())
    return key


class Signer:
    """HMAC-SHA256 under one key, with a purpose in every MAC so one kind of token never passes as another."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def digest(self, purpose: str, value: str) -> bytes:
        return hmac.new(self._key, f"{purpose}\x00{value}".encode(), hashlib.sha256).digest()

    def mac(self, purpose: str, value: str) -> str:
        return base64.urlsafe_b64encode(self.digest(purpose, value)).decode("ascii")[:MAC_CHARS]

    def sign(self, purpose: str, value: str) -> str:
        return f"{value}.{self.mac(purpose, value)}"

    def unsign(self, purpose: str, signed: str) -> str | None:
        """The value of a token `sign` made for `purpose`, or None when it was altered or made for another."""
        value, _, mac = signed.rpartition(".")
        if not value or not hmac.compare_digest(mac.encode(), self.mac(purpose, value).encode()):
            return None
        return value
