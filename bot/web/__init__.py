"""The web adapter: a chat page for people who cannot reach Telegram, and the moderators' console.

`shopsafe run --web HOST:PORT` serves both from the same process as the Telegram adapter (or alone,
without a token). The page feeds the very same `handlers.dispatch.handle` as aiogram and
python-telegram-bot and shows the same `Outcome`: replies in one `role="log"` list, buttons as form
buttons. It is aiohttp.web (already installed as aiogram's HTTP stack) with Jinja2 templates, whose
autoescaping is what keeps user text from ever becoming markup.

- `secret`: the signing key kept in the data directory, and the HMAC helpers built on it.
- `sessions`: the cookie's random session id, the web user id derived from it, the conversation in memory.
- `render`: Telegram HTML to a whitelist of styled text runs (never to raw HTML).
- `users`: web users live in memory only, in front of the real store.
- `guard`: client addresses (trusted proxies), the per-client rate limit, CSRF, security headers.
- `chat`, `console`, `logins`: the page's routes, the console's routes, one-time sign-in links.
- `server`: the aiohttp application and `serve_web`.
"""
