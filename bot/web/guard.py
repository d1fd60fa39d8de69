"""What keeps the page safe on the open internet: who the client is, how often it may ask, CSRF, headers.

- The client is the peer address, or the address in `X-Forwarded-For` only when the peer is one of
  `web.trusted_proxies` (the right-most address no trusted proxy added); a client cannot pick its own.
- `RateLimit`: a sliding minute per client; a refusal says how many seconds until the next one is allowed.
- CSRF: every POST carries a token that is an HMAC of the visitor's session id (double submit, signed):
  another site can neither read it nor make one.
- Headers: a strict Content-Security-Policy (no inline script or style, nothing from elsewhere), no
  framing, no sniffing, no referrer, and HSTS when the page is served over HTTPS.
"""

from __future__ import annotations

import hmac
import ipaddress
import math
import time
from collections import deque

from aiohttp import web

from bot.web.secret import Signer

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
CSRF_HEADER = "X-CSRF-Token"
SERVER = web.AppKey("server", object)  # the WebServer the routes share
SID = web.RequestKey("sid", str)  # the visitor's session id (from the cookie, or new)
SID_KNOWN = web.RequestKey("sid_known", bool)  # whether the cookie came with the request


class Proxies:
    def __init__(self, trusted: list[str]) -> None:
        self.networks = [ipaddress.ip_network(item, strict=False) for item in trusted]

    def trusts(self, address: str | None) -> bool:
        if not address or not self.networks:
            return False
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    def client(self, request: web.Request) -> str:
        """The client's address as this server can trust it."""
        peer = request.remote or "?"
        if not self.trusts(peer):
            return peer
        hops = [hop.strip() for hop in ",".join(request.headers.getall("X-Forwarded-For", [])).split(",") if hop.strip()]
        for hop in reversed(hops):
            if not self.trusts(hop):
                return hop
        return hops[0] if hops else peer

    def is_https(self, request: web.Request) -> bool:
        if request.secure:
            return True
        return self.trusts(request.remote) and request.headers.get("X-Forwarded-Proto", "").lower() == "https"


class RateLimit:
    """At most `per_minute` events per key in any sliding minute."""

    MAX_KEYS = 100_000

    def __init__(self, per_minute: int, clock=time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._keys: dict[str, deque[float]] = {}

    def retry_after(self, key: str) -> int:
        """0 and the event counted when allowed; else the whole seconds to wait (at least 1)."""
        now = self.clock()
        times = self._keys.get(key)
        if times is None:
            if len(self._keys) >= self.MAX_KEYS:
                self._sweep(now)
            times = self._keys[key] = deque()
        while times and times[0] <= now - 60:
            times.popleft()
        if len(times) < self.per_minute:
            times.append(now)
            return 0
        return max(1, math.ceil(times[0] + 60 - now))

    def _sweep(self, now: float) -> None:
        for key in [key for key, times in self._keys.items() if not times or times[-1] <= now - 60]:
            del self._keys[key]


def see_other(location: str) -> web.Response:
    """303 to `location` (returned, not raised: a middleware still adds headers and cookies)."""
    return web.Response(status=303, headers={"Location": location})


def csrf_token(signer: Signer, sid: str) -> str:
    return signer.mac("csrf", sid)


def csrf_ok(signer: Signer, sid: str | None, sent: str | None) -> bool:
    return bool(sid and sent) and hmac.compare_digest(sent.encode(), csrf_token(signer, sid).encode())  # type: ignore[union-attr]


def add_security_headers(response: web.StreamResponse, https: bool) -> None:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if https:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
