"""The console chat over the real app (SQLite, detector, knowledge base, broadcast sender), driven by stdin."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import os

import pytest

from bot.app import build_app
from bot.console import TEXTS, plain_text, run_console
from bot.settings import Settings
from handlers.texts import t

SCAM_EN = ("Hello, this is Amazon customer service. Your order was lost, we will refund you double. "
           "Please download Zoom and share your screen, and tell me the verification code.")


@pytest.fixture(scope="module")
def brains():
    """The detector and the knowledge base, loaded once: both are read-only."""
    from knowledge import KnowledgeBase
    from scam_patterns import Detector

    return Detector.default(), KnowledgeBase.default()


@pytest.fixture
async def app(tmp_path, brains, monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    settings = Settings.model_validate({
        "database": {"url": f"sqlite+aiosqlite:///{tmp_path / 'console.db'}"},
        "data_dir": str(tmp_path / "data"),
        "broadcast": {"per_chat_interval": 0, "messages_per_second": 500},
    })
    app = await build_app(settings, detector=brains[0], kb=brains[1])
    app.ctx.image_reader = None  # OCR has its own suite; here a photo proves the path to the handlers
    try:
        yield app
    finally:
        await app.close()


async def chat(app, *lines: str, stdin: io.TextIOBase | None = None) -> list[str]:
    """Run the console on a scripted stdin to its end; returns the output lines."""
    out = io.StringIO()
    script = stdin if stdin is not None else io.StringIO("".join(line + "\n" for line in lines))
    await asyncio.wait_for(run_console(app, script, out), 30)
    return out.getvalue().splitlines()


def plain(key: str, lang: str = "en", **values: object) -> str:
    return plain_text(t(key, lang, **values), "HTML")


async def test_first_line_says_it_is_the_console_and_how_to_set_a_token(app):
    lines = await chat(app)  # empty stdin: the end of input ends the chat cleanly
    assert lines[0] == TEXTS["intro"]["en"]
    assert "SHOPSAFE_TELEGRAM_TOKEN" in lines[0] and "console" in lines[0]
    assert lines[-1] == TEXTS["bye"]["en"]


async def test_forwarded_scam_gets_the_verdict_first_and_a_typed_number_presses_its_button(app):
    lines = await chat(app, f"/forward {SCAM_EN}", "1", "/quit", "/forward never read")
    answers = lines[2:]
    first = next(line for line in answers if line)
    assert first.startswith("🚨")
    why = next(line for line in answers if line.endswith(plain_text(t("btn.why", "en"), "HTML")))
    assert why.strip().startswith("[1]")
    assert plain("why.head") in answers  # the button was pressed: the full explanation followed
    assert not any("never read" in line for line in lines)
    assert lines[-1] == TEXTS["bye"]["en"]
    assert not any("<b>" in line or "&amp;" in line for line in lines)


async def test_a_number_with_no_such_button_is_a_message_and_say_sends_a_bare_number(app):
    lines = await chat(app, "7", "/say 1", "/forward see you at the station", "1")
    hints = [line for line in lines if line == plain("verdict.small_talk")]
    assert len(hints) == 2  # "7" (no button 7 on screen) and "/say 1" were both sent as messages: small talk
    assert plain("why.head") in lines  # the bare "1" pressed the first button of the last verdict


async def test_photo_command_reads_the_file_or_says_why_not(app, tmp_path):
    screenshot = tmp_path / "shot.png"
    screenshot.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    huge = tmp_path / "huge.png"
    huge.write_bytes(b"\0" * (app.ctx.limits.max_image_bytes + 1))
    lines = await chat(app, "/photo", f"/photo {tmp_path / 'missing.png'}", f"/photo {tmp_path}",
                       f"/photo {huge}", f"/photo {screenshot}")
    text = "\n".join(lines)
    assert TEXTS["photo_usage"]["en"] in lines
    assert f"{tmp_path / 'missing.png'}: No such file or directory" in text
    assert f"{tmp_path}: Is a directory" in text
    assert plain("image.too_large", megabytes=app.ctx.limits.max_image_bytes // (1024 * 1024)) in lines
    assert plain("image.no_ocr") in lines  # the readable file reached the handlers as an image


async def test_language_follows_LANG(app, monkeypatch):
    monkeypatch.setenv("LANG", "zh_TW.UTF-8")
    lines = await chat(app, "/help")
    assert lines[0] == TEXTS["intro"]["zh-Hant"]
    assert plain("help", "zh-Hant").splitlines()[0] in lines
    assert lines[-1] == TEXTS["bye"]["zh-Hant"]


async def test_undecodable_and_huge_input_each_get_an_answer(app):
    raw = b"\xff\xfe\xfa broken bytes\n" + b"refund " * 20_000 + b"\n"
    lines = await chat(app, stdin=io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    verdict_marks = ("🚨", "⚠️", "ℹ️")
    assert sum(1 for line in lines if line.startswith(verdict_marks)) == 2
    assert lines[-1] == TEXTS["bye"]["en"]


def test_html_replies_become_plain_text():
    html_text = '<b>Scam</b> &amp; <i>more</i>: <a href="https://gov.example/report">report it</a> &lt;here&gt;'
    assert plain_text(html_text, "HTML") == "Scam & more: report it (https://gov.example/report) <here>"
    assert plain_text("<b>as typed</b> &amp;", None) == "<b>as typed</b> &amp;"


class PipeConsole:
    """The console reading a pipe, as with `shopsafe run < fifo`: lines can be typed while it runs."""

    def __init__(self, app) -> None:
        read_fd, write_fd = os.pipe()
        self.stdin = os.fdopen(read_fd, "r", encoding="utf-8")
        self.keyboard = os.fdopen(write_fd, "w", encoding="utf-8")
        self.out = io.StringIO()
        self.stop = asyncio.Event()
        self.task = asyncio.create_task(run_console(app, self.stdin, self.out, stop=self.stop))

    async def type(self, line: str | None, expect: str, timeout: float = 10.0) -> str:
        """Type `line` (if any) and wait until the output after it contains `expect`; returns that output."""
        mark = len(self.out.getvalue())
        if line is not None:
            self.keyboard.write(line + "\n")
            self.keyboard.flush()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while expect not in (new := self.out.getvalue()[mark:]):
            assert loop.time() < deadline, f"no {expect!r} after {line!r}; got: {new!r}"
            await asyncio.sleep(0.02)
        return new

    async def close(self) -> None:
        self.keyboard.close()
        await asyncio.wait_for(self.task, 10)
        self.stdin.close()


async def test_the_console_user_is_a_moderator_and_receives_the_broadcast(app):
    console = PipeConsole(app)
    try:
        await console.type("/subscribe", "/unsubscribe")
        preview = await console.type("/broadcast Fake Taobao refund calls today", "Fake Taobao refund calls today")
        send = next(line for line in preview.splitlines() if line.strip().startswith("[") and "Send" in line)
        number = send.strip()[1:send.strip().index("]")]
        alert = await console.type(number, "Unsubscribe")
        assert "Fake Taobao refund calls today" in alert
    finally:
        await console.close()


async def test_stop_ends_the_chat_while_it_waits_for_input(app):
    console = PipeConsole(app)
    await console.type("/help", plain("help").splitlines()[0])
    console.stop.set()
    await asyncio.wait_for(console.task, 5)
    assert console.out.getvalue().splitlines()[-1] == TEXTS["bye"]["en"]
    console.keyboard.close()
    console.stdin.close()


async def test_a_due_reminder_appears_and_its_buttons_can_be_pressed(app):
    store = app.ctx.store
    await store.ensure_user(1, "en")
    await store.set_reminder(1, 30, 9, 0, "UTC")
    await store.snooze_reminder(1, until=app.ctx.clock() - dt.timedelta(minutes=1))  # due now
    console = PipeConsole(app)
    try:
        shown = await console.type(None, plain("btn.remind_done"))  # the reminder job sends it at start
        assert plain("remind.checklist").splitlines()[0] in shown
        done = next(line.strip() for line in shown.splitlines() if line.endswith(plain("btn.remind_done")))
        console.keyboard.write(done[1:done.index("]")] + "\n")  # press Done; the end of input follows
    finally:
        await console.close()  # the typed lines are all handled before the chat ends
    assert (await store.get_reminder(1)).next_due > app.ctx.clock() + dt.timedelta(days=29)
