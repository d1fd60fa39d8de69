"""The user's own settings: /start, /help, /lang, /region, /privacy, /forget, /subscribe, /unsubscribe."""

from __future__ import annotations

from knowledge.regions import REGIONS

from handlers import callbacks
from handlers.events import Button, Outcome, Reply
from handlers.memory import checked_texts, flood_limit, known_users, last_questions
from handlers.ports import Lang
from handlers.request import Request
from handlers.texts import LANGS, t

LANGUAGE_NAMES: dict[Lang, str] = {"zh-Hans": "简体中文", "zh-Hant": "繁體中文", "en": "English"}


def language_buttons() -> tuple[tuple[Button, ...], ...]:
    return (tuple(Button(LANGUAGE_NAMES[lang], callbacks.data("lang", lang)) for lang in LANGS),)


async def start(req: Request) -> Outcome:
    return Outcome([req.reply("start", buttons=language_buttons())])


async def help_(req: Request) -> Outcome:
    text = req.text("help")
    if req.ctx.is_moderator(req.event.user_id) and req.private:
        text += "\n\n" + req.text("help.moderator")
    return Outcome([Reply(text)])


async def lang(req: Request) -> Outcome:
    return Outcome([req.reply("lang.choose", buttons=language_buttons())])


# "Ask each time": no stored region, so each question's own place (or the likely ones) decides.
NO_REGION = "none"
REGION_BUTTONS_PER_ROW = 2


def region_buttons(req: Request) -> tuple[tuple[Button, ...], ...]:
    choices = [*REGIONS, NO_REGION]
    buttons = [req.button(f"region.{choice}", callbacks.data("region", choice)) for choice in choices]
    return tuple(tuple(buttons[i:i + REGION_BUTTONS_PER_ROW]) for i in range(0, len(buttons), REGION_BUTTONS_PER_ROW))


def region_name(req: Request) -> str:
    return req.text(f"region.{req.region}") if req.region in REGIONS else req.text("region.unset")


async def region(req: Request) -> Outcome:
    return Outcome([req.reply("region.choose", buttons=region_buttons(req), current=region_name(req))])


async def privacy(req: Request) -> Outcome:
    return req.answer("privacy", days=req.ctx.limits.report_retention_days,
                      minutes=req.ctx.limits.callback_ttl_seconds // 60, region=region_name(req))


async def forget(req: Request) -> Outcome:
    buttons = ((req.button("btn.forget_yes", callbacks.data("forget", "yes")),
                req.button("btn.forget_no", callbacks.data("forget", "no"))),)
    return Outcome([req.reply("forget.confirm", buttons=buttons)])


async def subscribe(req: Request) -> Outcome:
    await req.ctx.store.set_subscribed(req.event.user_id, True)
    return req.answer("subscribe.on")


async def unsubscribe(req: Request) -> Outcome:
    await req.ctx.store.set_subscribed(req.event.user_id, False)
    return req.answer("subscribe.off")


async def on_lang_button(req: Request, choice: str) -> Outcome:
    if choice not in LANGS:
        return req.toast("unknown.callback")
    chosen: Lang = choice  # type: ignore[assignment]
    user, _ = await req.ctx.store.ensure_user(req.event.user_id, chosen)
    await req.ctx.store.set_language(req.event.user_id, chosen)
    known_users(req.ctx).remember(req.event.user_id, chosen, req.ctx.clock(), user.region)
    return Outcome([Reply(t("lang.set", chosen))], callback_answer="")


async def on_region_button(req: Request, choice: str) -> Outcome:
    if choice not in REGIONS and choice != NO_REGION:
        return req.toast("unknown.callback")
    chosen = choice if choice in REGIONS else None
    user, _ = await req.ctx.store.ensure_user(req.event.user_id, req.lang)
    await req.ctx.store.set_region(req.event.user_id, chosen)
    known_users(req.ctx).remember(req.event.user_id, user.language, req.ctx.clock(), chosen)
    key = "region.set" if chosen else "region.cleared"
    return Outcome([req.edit(req.text(key, region=req.text(f"region.{choice}")))], callback_answer="")


async def on_forget_button(req: Request, choice: str) -> Outcome:
    if choice == "yes":
        await req.ctx.store.forget_user(req.event.user_id)
        for memory in (checked_texts(req.ctx), flood_limit(req.ctx), known_users(req.ctx), last_questions(req.ctx)):
            memory.forget_user(req.event.user_id)
        return Outcome([req.edit(req.text("forget.done"))], callback_answer="")
    if choice == "no":
        return Outcome([req.edit(req.text("forget.kept"))], callback_answer="")
    return req.toast("unknown.callback")
