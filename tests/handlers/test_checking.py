"""handlers.checking: the buttons under a verdict, memory-only texts, Report, the flood limit, screenshots."""

from __future__ import annotations

import dataclasses

import pytest

from handlers.context import Context
from handlers.texts import t
from support.handler_chat import SCAM_EN, SCAM_ZH, Chat, button

PHONE_SCAM = "淘宝客服：您的订单退款失败，请加微信 kefu_8899 并拨打 13812345678 办理三倍赔付"


async def test_why_gives_the_full_explanation_and_the_rules(chat):
    verdict = (await chat.say(SCAM_EN, forwarded=True)).replies[0]
    why = await chat.press(button(verdict, "v:why"))
    text = why.replies[0].text
    assert "Why I answered" in text and "never do" in text
    assert "AnyDesk" in text  # evidence quoted from the message
    assert why.callback_answer == ""


async def test_incident_checklist_is_ordered_and_works_after_the_check_expired(chat, clock):
    verdict = (await chat.say(SCAM_ZH, forwarded=True)).replies[0]
    clock.advance(hours=2)
    help_ = await chat.press(button(verdict, "v:help"))
    text = help_.replies[0].text
    positions = [text.index(word) for word in ("Stop contact", "Call your bank", "Change passwords",
                                               "Check logged-in devices", "Report it", "recovery")]
    assert positions == sorted(positions)
    for line in ("96110", "110", "165", "18222", "1799", "ReportFraud.ftc.gov", "0300 123 2040"):
        assert line in text


async def test_an_expired_check_says_so_and_keeps_nothing(chat, clock, ctx):
    verdict = (await chat.say(SCAM_EN, forwarded=True)).replies[0]
    clock.advance(seconds=ctx.limits.callback_ttl_seconds + 1)
    outcome = await chat.press(button(verdict, "v:why"))
    assert "expired" in outcome.replies[0].text
    report = await chat.press(button(verdict, "v:rep"))
    assert "expired" in report.replies[0].text
    assert await ctx.store.pending_reports() == []


async def test_report_stores_the_text_redacted_once_and_only_when_pressed(chat, ctx):
    verdict = (await chat.say(PHONE_SCAM, forwarded=True)).replies[0]
    assert await ctx.store.pending_reports() == []  # checking alone stores no text
    thanks = await chat.press(button(verdict, "v:rep"))
    assert "30 days" in thanks.replies[0].text
    again = await chat.press(button(verdict, "v:rep"))
    assert again.replies == [] and again.callback_answer
    reports = await ctx.store.pending_reports()
    assert len(reports) == 1
    assert reports[0].reporter_id == chat.user_id
    assert "13812345678" not in reports[0].text_redacted
    assert "kefu_8899" not in reports[0].text_redacted
    assert reports[0].verdict in ("scam", "suspicious")


async def test_another_user_cannot_use_someone_elses_token(ctx, chat):
    verdict = (await chat.say(SCAM_EN, forwarded=True)).replies[0]
    stranger = Chat(ctx, user_id=777, chat_id=777)
    outcome = await stranger.press(button(verdict, "v:rep"))
    assert "expired" in outcome.replies[0].text
    assert await ctx.store.pending_reports() == []


async def test_report_command_as_a_reply_and_with_text(chat, ctx):
    usage = await chat.say("/report")
    assert "/report" in usage.replies[0].text
    await chat.say("/report", reply_to_text=PHONE_SCAM, reply_to_message_id=5)
    await chat.say("/report " + SCAM_EN)
    reports = await ctx.store.pending_reports()
    assert len(reports) == 2
    assert all("13812345678" not in r.text_redacted for r in reports)


async def test_flood_limit_answers_politely_once_then_stays_silent_until_the_minute_passes(chat, ctx, clock):
    for _ in range(ctx.limits.checks_per_minute):
        assert (await chat.say(SCAM_EN, forwarded=True)).replies[0].text.startswith("🚨")
    refused = await chat.say(SCAM_EN, forwarded=True)
    assert refused.replies[0].text.startswith("⏳")
    assert (await chat.say(SCAM_EN, forwarded=True)).replies == []
    assert (await chat.say("/help")).replies  # commands are not metered
    clock.advance(seconds=61)
    assert (await chat.say(SCAM_EN, forwarded=True)).replies[0].text.startswith("🚨")


async def test_checks_are_counted_without_text(chat, ctx):
    await chat.say(SCAM_EN, forwarded=True)
    await chat.say("see you at the station", forwarded=True)
    stats = await ctx.store.stats(30)
    assert sum(stats.verdicts.values()) == 2
    assert stats.verdicts.get("scam") == 1


async def test_small_talk_hint_has_no_verdict_buttons_and_is_not_counted_or_kept(chat, ctx):
    """The one-line hint for "hi" came with Why? / Report / 🆘 buttons that had nothing to explain or report."""
    outcome = await chat.say("hi")
    reply = outcome.replies[0]
    assert reply.text.startswith("ℹ️") and not reply.buttons
    stats = await ctx.store.stats(30)
    assert sum(stats.verdicts.values()) == 0
    assert (await chat.say(SCAM_EN, forwarded=True)).replies[0].buttons  # a real check keeps its buttons


class Reader:
    """An ImageReader at the port: returns what a recogniser would, for the handler's decisions."""

    def __init__(self, text: str, confidence: float) -> None:
        self.text, self.confidence, self.seen = text, confidence, []

    async def read(self, image: bytes) -> tuple[str, float]:
        self.seen.append(image)
        return self.text, self.confidence


def with_reader(ctx: Context, reader) -> Chat:
    return Chat(dataclasses.replace(ctx, image_reader=reader, state={}))


async def test_a_screenshot_gets_the_same_verdict_plus_what_was_read(ctx):
    chat = with_reader(ctx, Reader(SCAM_ZH, 0.93))
    outcome = await chat.say(None, image=b"\x89PNG fake")
    first = outcome.replies[0]
    assert first.text.startswith("🚨")
    assert "Text read from the image" in first.text and "中通" in first.text


async def test_check_as_a_reply_to_a_photo_reads_it(ctx):
    reader = Reader(SCAM_EN, 0.9)
    chat = with_reader(ctx, reader)
    outcome = await chat.say("/check", reply_to_image=b"img", reply_to_message_id=9)
    assert outcome.replies[0].text.startswith("🚨") and reader.seen == [b"img"]
    assert outcome.replies[0].reply_to_message_id == 9


async def test_check_as_the_caption_of_a_photo_reads_the_photo(ctx):
    reader = Reader(SCAM_ZH, 0.9)
    chat = with_reader(ctx, reader)
    outcome = await chat.say("/check", image=b"captioned")
    assert outcome.replies[0].text.startswith("🚨") and reader.seen == [b"captioned"]


async def test_an_unreadable_screenshot_asks_for_the_text(ctx):
    low = with_reader(ctx, Reader(SCAM_EN, 0.2))
    assert "paste" in (await low.say(None, image=b"img")).replies[0].text
    empty = with_reader(ctx, Reader("", 0.99))
    assert "paste" in (await empty.say(None, image=b"img")).replies[0].text


class Refusing:
    """An ImageReader that read nothing and says why, as bot.ocr.Reading does (a tuple with `problem`)."""

    def __init__(self, problem: str) -> None:
        self.problem = problem

    async def read(self, image: bytes):
        reading = type("Reading", (tuple,), {})(("", 0.0))
        reading.problem = self.problem
        return reading


@pytest.mark.parametrize(("problem", "key"), [("timed_out", "image.timed_out"), ("too_much_memory", "image.too_big_to_read"),
                                              ("too_many_pixels", "image.too_big_to_read"), ("too_many_bytes", "image.too_large"),
                                              ("failed", "image.unreadable"), ("not_an_image", "image.unreadable")])
@pytest.mark.parametrize(("language_code", "lang"), [("en", "en"), ("zh-hans", "zh-Hans"), ("zh-hant", "zh-Hant")])
async def test_screenshot_read_killed_over_time_or_memory_is_told_so_in_the_users_language(ctx, problem, key, language_code, lang):
    chat = with_reader(ctx, Refusing(problem))
    chat.language_code = language_code
    outcome = await chat.say(None, image=b"img")
    assert outcome.replies[0].text == t(key, lang, megabytes=max(1, ctx.limits.max_image_bytes // (1024 * 1024)))


def test_image_timeout_and_size_texts_are_written_for_each_script():
    for key in ("image.timed_out", "image.too_big_to_read"):
        texts = {lang: t(key, lang) for lang in ("en", "zh-Hans", "zh-Hant")}
        assert len(set(texts.values())) == 3
        assert "貼上" in texts["zh-Hant"] and "辨識" in texts["zh-Hant"]  # Taiwan and Hong Kong usage, not 粘贴/识别
        assert "粘贴" in texts["zh-Hans"] and "识别" in texts["zh-Hans"]


async def test_no_ocr_installed_and_too_large_images_get_a_clear_answer(chat):
    no_ocr = await chat.say(None, image=b"img")
    assert no_ocr.replies[0].text.startswith("ℹ️") and "not installed" in no_ocr.replies[0].text
    too_large = await chat.say(None, image_too_large=True)
    assert too_large.replies[0].text.startswith("ℹ️") and "too large" in too_large.replies[0].text
