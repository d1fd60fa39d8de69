"""End to end, screenshots: a photo pushed to the stand-in Bot API server is fetched (getFile, then the
download from /file/bot<token>/<path>), read by the real RapidOCR reader and judged; on both adapters.

The harness runs bots without OCR (it is slow); this module puts the real reader back into its own bot.
Every screenshot here costs about a second of OCR, so there are few of them.
"""

from __future__ import annotations

import numpy as np
import pytest
import pytest_asyncio
from PIL import Image

from bot.ocr import RapidOcrReader
from support.screenshots import SCAM_EN, SCAM_ZH, Bubble, image_bytes, png_header_only, render, require_font

pytestmark = pytest.mark.asyncio(loop_scope="module")
WARNINGS = ("🚨", "⚠️")


def text_of(call) -> str:
    return call.params.get("text") or call.params.get("caption") or ""


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(tg):
    """The module's bot (one per adapter) with the real OCR reader, built as the app builds it."""
    require_font()
    reader = RapidOcrReader(tg.app.settings.ocr, tg.app.settings.limits)
    tg.app.ctx.image_reader = reader
    yield tg
    reader.close()


async def test_scam_screenshot_photo_gets_a_warning_with_what_was_read(bot):
    user = await bot.user("zh-Hans")
    shot = render([Bubble(SCAM_ZH), Bubble("真的吗？", outgoing=True)], style="wechat", title="淘宝官方客服")
    files, downloads = len(bot.api.calls_of("getFile")), len(bot.api.calls_of("downloadFile"))
    (answer,) = await bot.say(user, photo=shot.png, language_code="zh-hans", timeout=30)
    assert len(bot.api.calls_of("getFile")) == files + 1
    assert len(bot.api.calls_of("downloadFile")) == downloads + 1
    text = text_of(answer)
    assert text.startswith(WARNINGS)
    assert "双倍退款" in text  # the excerpt of the reading, so the user can see it was read right


async def test_scam_screenshot_sent_as_a_file_is_read_too(bot):
    shot = render(SCAM_EN, style="sms", theme="dark", lang="en", title="+1 (415) 555-0134")
    (answer,) = await bot.say(await bot.user("en"), document=shot.png, timeout=30)
    assert text_of(answer).startswith(WARNINGS)
    assert "amzn-refund-help.com" in text_of(answer)


async def test_check_as_a_reply_to_a_photo_reads_that_photo(bot):
    user = await bot.user("en")
    png = render(SCAM_EN, style="imessage", lang="en", title="Amazon").png
    file_id = bot.api.add_file(png)
    photo = {"message_id": 77, "date": 0, "chat": {"id": user, "type": "private"},
             "photo": [{"file_id": file_id, "file_unique_id": "u" + file_id, "width": 1080, "height": 2400, "file_size": len(png)}]}
    (answer,) = await bot.say(user, "/check", reply_to=photo, timeout=30)
    assert text_of(answer).startswith(WARNINGS)


async def test_unreadable_photo_asks_for_the_text(bot):
    noise = np.random.default_rng(3).integers(0, 256, (900, 700, 3), dtype=np.uint8)
    (answer,) = await bot.say(await bot.user("en"), photo=image_bytes(Image.fromarray(noise)), timeout=30)
    assert text_of(answer).startswith("ℹ️")
    assert "text" in text_of(answer).lower()


async def test_decompression_bomb_photo_is_answered_and_the_bot_keeps_working(bot):
    bomb = png_header_only(100_000, 100_000)
    user = await bot.user("en")
    (answer,) = await bot.say(user, photo=bomb, timeout=30)
    assert text_of(answer).startswith("ℹ️")
    (verdict,) = await bot.say(user, "/check " + SCAM_EN)
    assert text_of(verdict).startswith(WARNINGS)
