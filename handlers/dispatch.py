"""The single entry point adapters call: `await handle(event, ctx) -> Outcome`.

Routes commands (also `/cmd@botname`), button presses, forwarded messages, plain text (a question goes to
the knowledge base, anything else is checked), photos, group messages and the bot joining or leaving a
group. It never raises: a failing service becomes a polite "try again" and a log line naming the route and
the exception type, never the message text.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import traceback
from collections.abc import Awaitable, Callable

from handlers import account, ask, broadcasts, callbacks, checking, console, groups, reminders, reports, stats
from handlers.context import Context
from handlers.events import Event, Outcome, Reply
from handlers.language import lang_from_code, lang_of_text, pick_lang
from handlers.markup import CAPTION_LIMIT, split_message, utf16_len
from handlers.memory import known_users
from handlers.ports import Lang
from handlers.request import Request
from handlers.texts import t
from knowledge.intent import has_question_form

log = logging.getLogger(__name__)

_COMMAND = re.compile(r"^/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]{1,64})?(?=\s|$)")

Command = Callable[[Request], Awaitable[Outcome]]


async def _check(req: Request) -> Outcome:
    event = req.event
    if event.image is not None or event.image_too_large:  # "/check" as the caption of a photo
        return await checking.check_image(req, event.image, req.args)
    if req.args.strip():
        return await checking.check_text(req, req.args)
    if event.reply_to_image is not None:
        return await checking.check_image(req, event.reply_to_image, event.reply_to_text,
                                          reply_to=event.reply_to_message_id)
    if event.reply_to_text:
        return await checking.check_text(req, event.reply_to_text, reply_to=event.reply_to_message_id)
    return req.answer("check.usage")


async def _report(req: Request) -> Outcome:
    return await checking.report_text(req, req.args if req.args.strip() else req.event.reply_to_text)


async def _ask(req: Request) -> Outcome:
    return await ask.ask(req, req.args)


async def _broadcast(req: Request) -> Outcome:
    return await broadcasts.broadcast(req, req.args)


PRIVATE_COMMANDS: dict[str, Command] = {
    "start": account.start,
    "help": account.help_,
    "lang": account.lang,
    "region": account.region,
    "privacy": account.privacy,
    "forget": account.forget,
    "subscribe": account.subscribe,
    "unsubscribe": account.unsubscribe,
    "check": _check,
    "ask": _ask,
    "report": _report,
    "remind": reminders.remind,
    "groupsettings": groups.settings_command,
}
MODERATOR_COMMANDS: dict[str, Command] = {
    "broadcast": _broadcast,
    "broadcasts": broadcasts.broadcasts,
    "pending": reports.pending,
    "newpattern": reports.new_pattern,
    "stats": stats.stats,
    "console": console.console,
}
# In a group only these answer; the rest point to a private chat.
GROUP_COMMANDS: dict[str, Command] = {
    "start": account.help_,
    "help": account.help_,
    "privacy": account.privacy,
    "groupsettings": groups.settings_command,
}


async def handle(event: Event, ctx: Context) -> Outcome:
    route = event.kind
    try:
        if event.kind == "callback":
            route = "callback:" + (callbacks.parse(event.callback_data)[:1] or ["?"])[0][:12]
            outcome = await _callback(event, ctx)
        elif event.kind in ("bot_added", "bot_removed") and event.chat_type == "private":
            # The user blocked or unblocked the bot: nothing can be said, only who may be sent to changes.
            await ctx.store.set_active(event.chat_id, event.kind == "bot_added")
            outcome = Outcome()
        elif event.kind == "bot_added":
            outcome = await groups.on_added(await _request(event, ctx))
        elif event.kind == "bot_removed":
            outcome = await groups.on_removed(await _request(event, ctx))
        elif event.chat_type == "private":
            outcome = await _private(event, ctx)
        elif event.chat_type in ("group", "supergroup"):
            outcome = await _group(event, ctx)
        else:
            outcome = Outcome()
    except Exception as exc:  # noqa: BLE001 - the contract: never raise, answer politely
        # The exception's message may carry user text (e.g. SQL parameters): log its type and frames only.
        frames = "".join(traceback.format_tb(exc.__traceback__, limit=-3))
        log.error("handler %s failed with %s\n%s", route, type(exc).__name__, frames)
        lang = lang_from_code(event.language_code) or "en"
        # The store raises a ConnectionError when the database is busy or away: nothing was changed.
        key = "busy" if isinstance(exc, ConnectionError) else "error"
        if event.kind == "callback":
            outcome = Outcome(callback_answer=t(key, lang), callback_alert=True)
        elif event.kind == "message" and (event.chat_type == "private" or (event.text or "").lstrip().startswith("/")):
            outcome = Outcome([Reply(t(key, lang))])
        else:
            outcome = Outcome()  # a group's ordinary chat never gets a reply, not even an apology
    return _fit(outcome)


async def _stored_lang(event: Event, ctx: Context) -> Lang | None:
    now = ctx.clock()
    known, language = known_users(ctx).get(event.user_id, now)
    if known:
        return language
    try:
        user = await ctx.store.get_user(event.user_id)
    except Exception as exc:  # noqa: BLE001 - the language is worth no failed answer
        log.warning("get_user failed: %s", type(exc).__name__)
        return None
    if user is None:
        return None
    known_users(ctx).remember(event.user_id, user.language, now, user.region)
    return user.language


async def _request(event: Event, ctx: Context, args: str = "") -> Request:
    private = event.chat_type == "private"
    stored = await _stored_lang(event, ctx) if private else None
    region = known_users(ctx).region(event.user_id, ctx.clock()) if private else None
    return Request(event, ctx, pick_lang(stored, event.language_code, event.text), args, region)


def _split_command(text: str) -> tuple[str, str] | None:
    """("check", "rest as written") for "/check rest" or "/check@bot rest"; None for plain text."""
    match = _COMMAND.match(text)
    if match is None:
        return None
    rest = text[match.end():]
    return match.group(1).lower(), rest[1:] if rest[:1] in (" ", "\n", "\t") else rest


async def _private(event: Event, ctx: Context) -> Outcome:
    text = event.text or ""
    command = _split_command(text.lstrip()) if not event.forwarded else None
    first_time = False
    now = ctx.clock()
    known, stored = known_users(ctx).get(event.user_id, now)
    if not known:
        try:
            user, first_time = await ctx.store.ensure_user(
                event.user_id, lang_from_code(event.language_code) or lang_of_text(text))
            stored = user.language
            known_users(ctx).remember(event.user_id, stored, now, user.region)
        except Exception as exc:  # noqa: BLE001 - a storage hiccup must not cost the user their verdict
            log.warning("ensure_user failed: %s", type(exc).__name__)
    lang = pick_lang(stored, event.language_code, text)
    req = Request(event, ctx, lang, command[1] if command else "", known_users(ctx).region(event.user_id, now))

    if command is not None:
        name = command[0]
        if name in MODERATOR_COMMANDS:
            handler = MODERATOR_COMMANDS[name] if ctx.is_moderator(event.user_id) else None
            outcome = await handler(req) if handler else req.answer("moderators.only")
        elif name in PRIVATE_COMMANDS:
            outcome = await PRIVATE_COMMANDS[name](req)
        else:
            outcome = req.answer("unknown.command")
    elif event.image_too_large or event.image is not None:
        outcome = await checking.check_image(req, event.image, event.text)
    elif not text.strip():
        outcome = req.answer("check.nothing")
    elif not event.forwarded and ctx.kb.is_question(text) and not _reads_as_received(ctx, text):
        outcome = await ask.ask(req, text)
    else:
        outcome = await checking.check_text(req, text)

    if first_time and (command is None or command[0] != "start"):
        # The answer comes first: the welcome follows it.
        outcome.replies.append(Reply(t("welcome", lang)))
    return outcome


async def _group(event: Event, ctx: Context) -> Outcome:
    text = event.text or ""
    command = _split_command(text.lstrip())
    req = await _request(event, ctx, command[1] if command else "")
    if command is None:
        return await groups.scan(req)
    name = command[0]
    if name == "check":
        if req.args.strip():
            return await groups.check_in_group(req, req.args, event.message_id)
        return await groups.check_in_group(req, event.reply_to_text, event.reply_to_message_id)
    if name in GROUP_COMMANDS:
        return await GROUP_COMMANDS[name](req)
    if name in PRIVATE_COMMANDS or name in MODERATOR_COMMANDS:
        return req.answer("private.only")
    return Outcome()  # a command for another bot in the group


async def _callback(event: Event, ctx: Context) -> Outcome:
    parts = callbacks.parse(event.callback_data)
    req = await _request(event, ctx)
    prefix, rest = (parts[0], parts[1:]) if parts else ("", [])
    if not callbacks.allowed_in(prefix, event.chat_type, event.chat_id, event.user_id):
        return req.toast("callback.private_only", alert=True)  # a forged or foreign press changes nothing
    number = rest[1] if len(rest) == 2 and rest[1].isdigit() else None
    if prefix == "v" and len(rest) == 2:
        return await checking.on_verdict_button(req, rest[0], rest[1])
    if prefix == "lang" and len(rest) == 1:
        return await account.on_lang_button(req, rest[0])
    if prefix == "region" and len(rest) == 1:
        return await account.on_region_button(req, rest[0])
    if prefix == "forget" and len(rest) == 1:
        return await account.on_forget_button(req, rest[0])
    if prefix == "rem" and rest:
        return await reminders.on_button(req, rest)
    if prefix == "al" and number is not None:
        return await broadcasts.on_alert_button(req, rest[0], int(number))
    if prefix == "bc" and number is not None:
        if not ctx.is_moderator(event.user_id):
            return req.toast("moderators.only", alert=True)
        return await broadcasts.on_preview_button(req, rest[0], int(number))
    if prefix == "rp" and len(rest) in (2, 3) and rest[1].isdigit():
        if not ctx.is_moderator(event.user_id):
            return req.toast("moderators.only", alert=True)
        return await reports.on_button(req, rest[0], int(rest[1]), rest[2] if len(rest) == 3 else None)
    if prefix == "gs" and len(rest) == 2:
        return await groups.on_settings_button(req, rest[0], rest[1])
    if prefix == "flow" and len(rest) == 1:
        return await ask.on_flow_button(req, rest[0])
    if prefix == "kb" and len(rest) == 1:
        return await ask.on_article_button(req, rest[0])
    return req.toast("unknown.callback", alert=True)


def _fit(outcome: Outcome) -> Outcome:
    """Every reply within Telegram's limits: long texts split (buttons on the last part)."""
    fitted: list[Reply] = []
    for reply in outcome.replies:
        html_mode = reply.parse_mode == "HTML"
        if reply.photo is not None and utf16_len(reply.text) > CAPTION_LIMIT:
            fitted.append(dataclasses.replace(reply, text="", buttons=()))
            reply = dataclasses.replace(reply, photo=None, reply_to_message_id=None)
        parts = split_message(reply.text, html_mode=html_mode)
        if len(parts) == 1:
            fitted.append(reply)
            continue
        if reply.edit_message_id is not None:
            # An edit cannot become several messages: the first part replaces, the rest follow.
            fitted.append(dataclasses.replace(reply, text=parts[0], buttons=()))
            parts = parts[1:]
            reply = dataclasses.replace(reply, edit_message_id=None)
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            fitted.append(dataclasses.replace(
                reply, text=part, buttons=reply.buttons if last else (),
                reply_to_message_id=reply.reply_to_message_id if index == 0 else None))
    outcome.replies = fitted
    return outcome


def _reads_as_received(ctx: Context, text: str) -> bool:
    """A short pasted text in no question form that the detector flags is a message someone received
    ("把验证码发给我，我给你退款"), not a question, even when its words match an article."""
    return not has_question_form(text) and ctx.detector.current.check(text).verdict != "no_match"
