"""Replies as the page shows them: Telegram HTML turned into runs of styled text, never into markup.

A handler's reply is Telegram HTML (`<b>`, `<i>`, `<u>`, `<s>`, `<code>`, `<pre>`, `<a href>`,
`<blockquote>`). It is parsed here into `Run`s: plain text plus a set of styles from a whitelist and an
http(s) link at most. Any other tag is dropped with its text kept; entities are decoded once. The
template and the page's script then build elements from runs with autoescaping or `textContent`, so
whatever a user typed can never become a tag or an attribute on the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from handlers.events import Button, Reply

STYLE_OF_TAG = {"b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "ins": "u", "s": "s", "strike": "s",
                "del": "s", "code": "code", "pre": "pre", "blockquote": "quote"}
STYLE_ORDER = ("quote", "pre", "code", "b", "i", "u", "s")  # outermost first when a run has several
LINK_SCHEMES = ("http", "https")
VERDICT_EMOJI = {"🚨": "scam", "⚠️": "suspicious", "ℹ️": "no_match"}


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    styles: tuple[str, ...] = ()  # in STYLE_ORDER
    href: str | None = None

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {"t": self.text}
        if self.styles:
            data["s"] = list(self.styles)
        if self.href:
            data["h"] = self.href
        return data


def safe_href(href: str | None) -> str | None:
    """An absolute http(s) link, else None (javascript:, data:, relative and odd links are dropped)."""
    if not href:
        return None
    href = href.strip()
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    return href if parts.scheme.lower() in LINK_SCHEMES and parts.netloc else None


class _Runs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[Run] = []
        self.open: list[tuple[str, str | None]] = []  # (style or "", href) per open whitelisted tag

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.open.append(("a", safe_href(dict(attrs).get("href"))))
        elif tag in STYLE_OF_TAG:
            self.open.append((STYLE_OF_TAG[tag], None))

    def handle_endtag(self, tag: str) -> None:
        wanted = "a" if tag == "a" else STYLE_OF_TAG.get(tag)
        if wanted is None:
            return
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == wanted:
                del self.open[index]
                return

    def handle_data(self, data: str) -> None:
        if not data:
            return
        styles = {style for style, _ in self.open if style and style != "a"}
        href = next((h for style, h in reversed(self.open) if style == "a" and h), None)
        run = Run(data, tuple(s for s in STYLE_ORDER if s in styles), href)
        if self.runs and (self.runs[-1].styles, self.runs[-1].href) == (run.styles, run.href):
            self.runs[-1] = Run(self.runs[-1].text + data, run.styles, run.href)
        else:
            self.runs.append(run)


def runs_of(text: str, parse_mode: str | None) -> list[Run]:
    """The runs of a reply's text: parsed when it is Telegram HTML, one plain run otherwise."""
    if parse_mode != "HTML":
        return [Run(text)] if text else []
    parser = _Runs()
    parser.feed(text)
    parser.close()
    return parser.runs


def plain(runs: list[Run]) -> str:
    return "".join(run.text for run in runs)


def verdict_of(text: str) -> str | None:
    """"scam", "suspicious" or "no_match" when a reply starts with a verdict's emoji (the handlers' rule)."""
    for emoji, name in VERDICT_EMOJI.items():
        if text.startswith(emoji):
            return name
    return None


@dataclass(frozen=True, slots=True)
class ButtonView:
    label: str
    data: str | None = None  # callback data, posted back by the button's form
    url: str | None = None  # a link button (http(s) only)

    def as_json(self) -> dict[str, object]:
        return {"label": self.label, "data": self.data, "url": self.url}


def buttons_of(rows: tuple[tuple[Button, ...], ...]) -> tuple[tuple[ButtonView, ...], ...]:
    shown = []
    for row in rows:
        views = tuple(ButtonView(b.text, b.callback_data, safe_href(b.url)) for b in row
                      if b.callback_data or safe_href(b.url))
        if views:
            shown.append(views)
    return tuple(shown)


def reply_view(reply: Reply) -> tuple[list[Run], str | None, tuple[tuple[ButtonView, ...], ...]]:
    """(runs, verdict, buttons) of one reply. A verdict (a reply with the verdict buttons, v:…) has its emoji
    as a run of its own, styled "verdict", which the page shows as an image named for screen readers."""
    runs = runs_of(reply.text, reply.parse_mode)
    under_verdict = any((b.callback_data or "").startswith("v:") for row in reply.buttons for b in row)
    verdict = verdict_of(plain(runs)) if under_verdict else None
    if verdict is not None:
        emoji = next(e for e, name in VERDICT_EMOJI.items() if name == verdict)
        first = runs[0]
        rest = Run(first.text[len(emoji):], first.styles, first.href) if len(first.text) > len(emoji) else None
        runs = [Run(emoji, ("verdict",))] + ([rest] if rest else []) + runs[1:]
    return runs, verdict, buttons_of(reply.buttons)
