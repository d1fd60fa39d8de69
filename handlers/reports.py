"""Moderating community reports: /pending with Approve / Reject, and /newpattern for a new pattern.

Approve adds the report's masked text as an example of the pattern it matched. A report that matched no
pattern becomes a new community pattern through `/newpattern ID key, words; other, words`: each
";"-separated group lists words of which one must appear, and every group must match (the catalog's
`signals` format). Either way the running detector reloads the stored patterns at once, and the reporter
is thanked in their language.
"""

from __future__ import annotations

from scam_patterns.script import simplified_characters

from handlers import callbacks
from handlers.events import Outcome, Reply
from handlers.markup import escape, excerpt
from handlers.ports import ReportRecord
from handlers.request import Request
from handlers.texts import t

LIST_LIMIT = 10
REPORT_CHARS = 700
COMMUNITY_FAMILY = "community"


def _report_item(req: Request, report: ReportRecord) -> Reply:
    patterns = ", ".join(report.pattern_ids) or "—"
    text = req.text("pending.item", id=report.id, date=report.created_at.strftime("%Y-%m-%d"),
                    verdict=req.text("verdict.name." + report.verdict) if report.verdict in (
                        "scam", "suspicious", "no_match") else escape(report.verdict),
                    patterns=escape(patterns), text=escape(excerpt(report.text_redacted, REPORT_CHARS)))
    first = []
    if report.pattern_ids and callbacks.fits("rp", "ok", report.id, report.pattern_ids[0]):
        first.append(req.button("btn.approve_example", callbacks.data("rp", "ok", report.id, report.pattern_ids[0]),
                                pattern=report.pattern_ids[0]))
    first.append(req.button("btn.approve_new", callbacks.data("rp", "new", report.id)))
    return Reply(text, buttons=(tuple(first), (req.button("btn.reject", callbacks.data("rp", "no", report.id)),)))


async def pending(req: Request) -> Outcome:
    reports = await req.ctx.store.pending_reports(LIST_LIMIT)
    if not reports:
        return req.answer("pending.none")
    return Outcome([req.reply("pending.head", count=len(reports))] + [_report_item(req, r) for r in reports])


async def _thank_reporter(req: Request, report: ReportRecord) -> Reply:
    user = await req.ctx.store.get_user(report.reporter_id)
    lang = user.language if user is not None and user.language else "en"
    return Reply(t("report.approved_thanks", lang), chat_id=report.reporter_id)


async def _reload(req: Request) -> None:
    req.ctx.detector.reload(await req.ctx.store.db_patterns())


async def on_button(req: Request, action: str, report_id: int, pattern_id: str | None) -> Outcome:
    """rp:ok:<id>:<pattern> (add as an example of that pattern) / rp:new:<id> (how to make a new one) /
    rp:no:<id> (reject). The store decides a report once: a second press finds it decided."""
    moderator = req.event.user_id
    if action == "new":
        return Outcome([req.reply("pending.new_usage", id=report_id)], callback_answer="")
    if action == "no":
        decided = await req.ctx.store.decide_report(report_id, moderator, approve=False)
        if decided is None:
            return req.toast("pending.already", alert=True, id=report_id)
        await req.ctx.store.audit(moderator, "report.reject", f"#{report_id}")
        return Outcome([req.edit(req.text("pending.rejected", id=report_id))], callback_answer="")
    if action == "ok" and pattern_id:
        decided = await req.ctx.store.decide_report(report_id, moderator, approve=True, pattern_id=pattern_id)
        if decided is None:
            return req.toast("pending.already", alert=True, id=report_id)
        await req.ctx.store.add_db_pattern({"extends": pattern_id, "example": decided.text_redacted}, moderator)
        return await _approved(req, decided, pattern_id)
    return req.toast("unknown.callback")


async def _approved(req: Request, report: ReportRecord, pattern_id: str) -> Outcome:
    await req.ctx.store.audit(req.event.user_id, "report.approve", f"#{report.id} -> {pattern_id}")
    await _reload(req)
    note = req.text("pending.approved", id=report.id, pattern=escape(pattern_id))
    return Outcome([req.edit(note), await _thank_reporter(req, report)], callback_answer="")


def parse_signals(spec: str) -> list[list[str]]:
    """"a, b; c" → [["a", "b"], ["c"]] (full-width ； and ， too)."""
    groups = []
    for group in spec.replace("；", ";").split(";"):
        words = [word.strip() for word in group.replace("，", ",").split(",") if word.strip()]
        if words:
            groups.append(words)
    return groups


async def new_pattern(req: Request) -> Outcome:
    """/newpattern REPORT_ID words, of, group one; words of group two"""
    head, _, spec = req.args.strip().partition(" ")
    groups = parse_signals(spec)
    if not head.isdigit() or not groups:
        return req.answer("pending.new_usage", id=head if head.isdigit() else "ID")
    report_id = int(head)
    pattern_id = f"community-report-{report_id}"
    decided = await req.ctx.store.decide_report(report_id, req.event.user_id, approve=True, pattern_id=pattern_id)
    if decided is None:
        return req.answer("pending.already", id=report_id)
    await req.ctx.store.add_db_pattern(community_pattern(report_id, groups, decided.text_redacted), req.event.user_id)
    return await _approved(req, decided, pattern_id)


def community_pattern(report_id: int, groups: list[list[str]], example: str) -> dict[str, object]:
    """The community pattern (catalog format) that /newpattern makes of report `report_id`, in the three
    languages. Its title names the first group's first two words as the moderator typed them; the Traditional
    title names them only when they hold no Simplified-only character (a moderator who types 寵物託運 is
    quoted, one who types 宠物托运 is not, since no converter decides Traditional text)."""
    words = groups[0][:2]
    hant = "社群檢舉的詐騙：" + "、".join(words) if not simplified_characters("".join(words)) else _HANT_TITLE
    title = {"zh": "社区举报的诈骗：" + "、".join(words), "zh-Hant": hant,
             "en": "Community-reported scam: " + ", ".join(words)}
    return {
        "id": f"community-report-{report_id}", "family": COMMUNITY_FAMILY, "title": title, "signals": groups,
        "severity": "scam", "examples": [example],
        "explanation": _EXPLANATION, "advice": _ADVICE,
        "references": [f"community report #{report_id}"],
    }


_HANT_TITLE = "社群檢舉、經管理員確認的詐騙"
_EXPLANATION = {
    "zh": "ShopSafe 的用户举报过这种消息，管理员审核后确认是诈骗。",
    "zh-Hant": "ShopSafe 的使用者檢舉過這類訊息，管理員審核後確認是詐騙。",
    "en": "ShopSafe users reported messages like this one, and the moderators confirmed it is a scam.",
}
_ADVICE = {
    "zh": "不要回复、不要点链接、不要付款。通过官方App或官网自己核实。",
    "zh-Hant": "不要回覆、不要點連結、不要付款。自己透過官方App或官網查證。",
    "en": "Don't reply, click or pay. Check with the company yourself through its official app or website.",
}
