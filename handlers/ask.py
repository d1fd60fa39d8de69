"""Questions to the knowledge base: /ask, questions typed in a private chat, the guided logistics flow.

A follow-up in a private chat ("and in Hong Kong?", "那还能追回吗") is read with the user's previous
question, kept in memory only (handlers.memory.LastQuestions).
"""

from __future__ import annotations

from knowledge.answer import compose

from handlers import callbacks
from handlers.checking import flood_refusal
from handlers.events import Button, Outcome, Reply
from handlers.markup import clean, escape
from handlers.memory import last_questions
from handlers.request import Request

MAX_RELATED_BUTTONS = 3


def _related_buttons(req: Request, article_ids: list[str]) -> tuple[tuple[Button, ...], ...]:
    rows = []
    for article_id in article_ids[:MAX_RELATED_BUTTONS]:
        article = req.ctx.kb.article(article_id)
        if article is not None and callbacks.fits("kb", article_id):
            rows.append((Button("📖 " + article.title(req.lang), callbacks.data("kb", article_id)),))
    return tuple(rows)


async def ask(req: Request, question: str | None) -> Outcome:
    """The answer is the first reply; a question about where order data travels gets the guided flow."""
    question = clean(question or "").strip()
    if not question:
        return req.answer("ask.usage")
    refused = flood_refusal(req)
    if refused is not None:
        return refused
    if req.ctx.kb.wants_logistics_flow(question):
        return Outcome([flow_step(req, 0)])
    asked = last_questions(req.ctx)
    now = req.ctx.clock()
    context = asked.get(req.event.user_id, now) if req.private else None
    answer = req.ctx.kb.ask(question, lang=req.lang, region=req.region, language_code=req.event.language_code,
                            context=context)
    if req.private:
        asked.put(req.event.user_id, question, now)
    return Outcome([Reply(escape(answer.answer), buttons=_related_buttons(req, list(answer.related)),
                          reply_to_message_id=req.event.message_id)])


def flow_step(req: Request, index: int, edit: bool = False) -> Reply:
    steps = req.ctx.kb.logistics_flow(req.lang)
    index = max(0, min(index, len(steps) - 1))
    nav = []
    if index > 0:
        nav.append(req.button("btn.previous", callbacks.data("flow", index - 1)))
    if index < len(steps) - 1:
        nav.append(req.button("btn.next", callbacks.data("flow", index + 1)))
    text = req.text("flow.step", index=index + 1, total=len(steps), step=escape(str(steps[index])))
    buttons = (tuple(nav),) if nav else ()
    return req.edit(text, buttons) if edit else Reply(text, buttons=buttons)


async def on_flow_button(req: Request, index: str) -> Outcome:
    if not index.isdigit():
        return req.toast("unknown.callback")
    return Outcome([flow_step(req, int(index), edit=True)], callback_answer="")


async def on_article_button(req: Request, article_id: str) -> Outcome:
    article = req.ctx.kb.article(article_id)
    if article is None:
        return req.toast("unknown.callback")
    related = [other for other in (req.ctx.kb.article(i) for i in article.related) if other is not None]
    text, named = compose(article, req.lang, related[:MAX_RELATED_BUTTONS])
    return Outcome([Reply(escape(text), buttons=_related_buttons(req, [a.id for a in named]))],
                   callback_answer="")
