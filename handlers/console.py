"""/console for moderators: a one-time link that signs them in to the web console.

The link is signed, short-lived and single use (`bot.web.logins` behind the `ConsoleLinks` port); it
goes only to the moderator's private chat, with no link preview, which would open it.
"""

from __future__ import annotations

from handlers.events import Outcome
from handlers.markup import escape
from handlers.request import Request


async def console(req: Request) -> Outcome:
    links = req.ctx.console_links
    if links is None:
        return req.answer("console.off")
    url = escape(links.link(req.event.user_id)).replace('"', "&quot;")
    return req.answer("console.link", url=url, minutes=links.minutes)
