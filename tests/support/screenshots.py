"""Realistic phone screenshots of chats and SMS, rendered with Pillow, for the OCR tests and benchmark.

A 1080×2400 portrait screen like a current Android phone or iPhone: status bar (time, signal, Wi-Fi,
battery), a title bar with the sender's name or number, a centred timestamp, message bubbles and the input
bar, in a light or a dark theme. Three looks: `wechat` (WeChat/QQ-like: square avatars, white and green
bubbles), `imessage` (grey and blue rounded bubbles) and `sms` (an Android messages app: the number in
the title, grey bubbles). Text is set in WenQuanYi Micro Hei, which covers Simplified and Traditional
Chinese and Latin; `.ci/run` installs it from Debian (fonts-wqy-microhei).
"""

from __future__ import annotations

import io
import re
import struct
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import pytest
from PIL import Image, ImageDraw, ImageFont

FONT_PATH = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
WIDTH, HEIGHT = 1080, 2400

Style = Literal["wechat", "imessage", "sms"]
Theme = Literal["light", "dark"]
Lang = Literal["zh-Hans", "zh-Hant", "en"]

# Sizes in pixels at about 3× density (17 sp body text on a 360 dp wide screen).
BODY_SIZE = 48
STATUS_H, TITLE_H, INPUT_H = 110, 150, 170
MARGIN = 36
LINE_GAP = 14


@dataclass(frozen=True)
class Palette:
    background: str
    bar: str
    bar_text: str
    incoming: str
    incoming_text: str
    outgoing: str
    outgoing_text: str
    meta_text: str
    input_field: str


PALETTES: dict[tuple[Style, Theme], Palette] = {
    ("wechat", "light"): Palette("#EDEDED", "#EDEDED", "#111111", "#FFFFFF", "#191919", "#95EC69", "#191919", "#A0A0A0", "#FFFFFF"),
    ("wechat", "dark"): Palette("#111111", "#1E1E1E", "#E6E6E6", "#2C2C2C", "#D5D5D5", "#3EB575", "#0E0E0E", "#6B6B6B", "#2A2A2A"),
    ("imessage", "light"): Palette("#FFFFFF", "#F7F7F7", "#000000", "#E9E9EB", "#000000", "#1982FC", "#FFFFFF", "#8E8E93", "#FFFFFF"),
    ("imessage", "dark"): Palette("#000000", "#121212", "#FFFFFF", "#262628", "#FFFFFF", "#0A84FF", "#FFFFFF", "#8E8E93", "#1C1C1E"),
    ("sms", "light"): Palette("#FFFFFF", "#FFFFFF", "#1F1F1F", "#E9EEF6", "#1F1F1F", "#0B57D0", "#FFFFFF", "#5F6368", "#F1F3F4"),
    ("sms", "dark"): Palette("#131314", "#131314", "#E3E3E3", "#303134", "#E3E3E3", "#A8C7FA", "#062E6F", "#9AA0A6", "#282A2C"),
}

# The timestamp above the first message, and the placeholder of the input field, per language.
TODAY = {"zh-Hans": "今天 {hm}", "zh-Hant": "今天 {hm}", "en": "Today {h12}"}
PLACEHOLDER = {
    "sms": {"zh-Hans": "短信", "zh-Hant": "簡訊", "en": "Text message"},
    "imessage": {"zh-Hans": "iMessage 信息", "zh-Hant": "iMessage 訊息", "en": "iMessage"},
    "wechat": {"zh-Hans": "", "zh-Hant": "", "en": ""},
}


# Messages written for the screenshot tests (not from any data set): a refund scam in Chinese and in English.
SCAM_ZH = ("【淘宝客服】您好，您购买的商品因质量问题被召回，我们将为您办理双倍退款。请添加客服QQ 2837465510，"
           "下载“云闪付”并开启屏幕共享，按提示操作即可到账。")
SCAM_EN = ("Amazon: your refund of $89.99 is on hold. Verify your card at amzn-refund-help.com within 24h "
           "or it will be cancelled.")


@dataclass(frozen=True)
class Bubble:
    text: str
    outgoing: bool = False


@dataclass(frozen=True)
class Screenshot:
    png: bytes
    shown: str  # the bubble text that fits on the screen, in reading order
    fits: bool  # False when earlier messages scrolled off the top, as on a real phone


def require_font() -> Path:
    """The CJK font, or skip the calling test with the reason."""
    if not FONT_PATH.exists():
        pytest.skip(f"{FONT_PATH} is absent: install fonts-wqy-microhei (.ci/run does)")
    return FONT_PATH


@lru_cache(maxsize=None)
def _font(size: int) -> ImageFont.FreeTypeFont:
    # Basic layout: CJK and Latin need no shaping, and raqm fails on some control characters.
    return ImageFont.truetype(str(require_font()), size, layout_engine=ImageFont.Layout.BASIC)


# A Latin word (with its trailing punctuation) stays whole on a line; everything else breaks per character.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-.,:;!?@/#%&+=_*()$€£¥]*|\s|.", re.S)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Break `text` into lines no wider than `width` pixels, keeping explicit line breaks."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for token in _TOKEN.findall(paragraph):
            if font.getlength(line + token) <= width:
                line += token
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = "" if token.isspace() else token
            while font.getlength(line) > width:  # a word longer than the bubble: split it
                cut = max(1, next(i for i in range(len(line), 0, -1) if font.getlength(line[:i]) <= width))
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line.rstrip())
    return lines


def _status_bar(draw: ImageDraw.ImageDraw, palette: Palette, hm: str, battery: int) -> None:
    small = _font(38)
    draw.text((MARGIN + 30, STATUS_H // 2), hm, font=small, fill=palette.bar_text, anchor="lm")
    right = WIDTH - MARGIN - 20
    # battery: outline, fill to the level, percentage before it
    draw.rounded_rectangle((right - 70, 38, right, 72), radius=8, outline=palette.bar_text, width=3)
    draw.rectangle((right, 48, right + 6, 62), fill=palette.bar_text)
    draw.rectangle((right - 65, 43, right - 65 + int(60 * battery / 100), 67), fill=palette.bar_text)
    draw.text((right - 84, STATUS_H // 2), f"{battery}%", font=_font(32), fill=palette.bar_text, anchor="rm")
    # Wi-Fi: three arcs; signal: four bars
    wifi_x = right - 200
    for radius in (12, 24, 36):
        draw.arc((wifi_x - radius, 74 - radius, wifi_x + radius, 74 + radius), 225, 315, fill=palette.bar_text, width=5)
    for i in range(4):
        x = right - 300 + i * 16
        draw.rectangle((x, 72 - 9 * (i + 1), x + 10, 72), fill=palette.bar_text)


def _title_bar(draw: ImageDraw.ImageDraw, palette: Palette, style: Style, title: str) -> None:
    top, mid = STATUS_H, STATUS_H + TITLE_H // 2
    draw.rectangle((0, top, WIDTH, top + TITLE_H), fill=palette.bar)
    draw.line((MARGIN + 30, mid, MARGIN + 52, mid - 26), fill=palette.bar_text, width=6)  # back chevron
    draw.line((MARGIN + 30, mid, MARGIN + 52, mid + 26), fill=palette.bar_text, width=6)
    if style == "sms":
        # avatar circle with the first character, then the number, left-aligned as in Google Messages
        draw.ellipse((MARGIN + 90, mid - 45, MARGIN + 180, mid + 45), fill="#7CACF8")
        draw.text((MARGIN + 135, mid), title[:1] if not title[:1].isdigit() and title[:1] != "+" else "#",
                  font=_font(44), fill="#FFFFFF", anchor="mm")
        draw.text((MARGIN + 210, mid), title, font=_font(46), fill=palette.bar_text, anchor="lm")
    else:
        draw.text((WIDTH // 2, mid), title, font=_font(46), fill=palette.bar_text, anchor="mm")
    for i in range(3):  # the "more" dots
        x = WIDTH - MARGIN - 40 - i * 18
        draw.ellipse((x - 5, mid - 5, x + 5, mid + 5), fill=palette.bar_text)
    draw.line((0, top + TITLE_H, WIDTH, top + TITLE_H), fill=palette.meta_text, width=1)


def _input_bar(draw: ImageDraw.ImageDraw, palette: Palette, style: Style, lang: Lang) -> None:
    top = HEIGHT - INPUT_H
    draw.rectangle((0, top, WIDTH, HEIGHT), fill=palette.bar)
    draw.line((0, top, WIDTH, top), fill=palette.meta_text, width=1)
    field = (MARGIN + 110, top + 30, WIDTH - MARGIN - 200, top + 120)
    draw.rounded_rectangle(field, radius=45 if style != "wechat" else 10, fill=palette.input_field)
    placeholder = PLACEHOLDER[style][lang]
    if placeholder:
        draw.text((field[0] + 30, (field[1] + field[3]) // 2), placeholder, font=_font(40), fill=palette.meta_text, anchor="lm")
    for x in (MARGIN + 50, WIDTH - MARGIN - 140, WIDTH - MARGIN - 50):  # voice, emoji, plus buttons
        draw.ellipse((x - 32, top + 43, x + 32, top + 107), outline=palette.bar_text, width=4)
    draw.rounded_rectangle((WIDTH // 2 - 140, HEIGHT - 22, WIDTH // 2 + 140, HEIGHT - 12), radius=5, fill=palette.bar_text)


def _layout(bubbles: list[Bubble], style: Style) -> list[tuple[Bubble, list[str], int]]:
    """Each bubble's wrapped lines and its height in pixels."""
    font = _font(BODY_SIZE)
    max_width = WIDTH - 2 * MARGIN - (300 if style == "wechat" else 260)
    line_h = BODY_SIZE + LINE_GAP
    laid = []
    for bubble in bubbles:
        lines = wrap(bubble.text, font, max_width)
        laid.append((bubble, lines, len(lines) * line_h - LINE_GAP + 2 * 30))
    return laid


def render(
    bubbles: list[Bubble] | str,
    *,
    style: Style = "wechat",
    theme: Theme = "light",
    lang: Lang = "zh-Hans",
    title: str = "",
    clock: tuple[int, int] = (14, 32),
    battery: int = 76,
) -> Screenshot:
    """One screenshot of a conversation whose latest message is at the bottom, like a phone shows it."""
    if isinstance(bubbles, str):
        bubbles = [Bubble(bubbles)]
    palette = PALETTES[(style, theme)]
    image = Image.new("RGB", (WIDTH, HEIGHT), palette.background)
    draw = ImageDraw.Draw(image)
    hour, minute = clock
    hm = f"{hour:02d}:{minute:02d}"
    h12 = f"{(hour - 1) % 12 + 1}:{minute:02d} {'AM' if hour < 12 else 'PM'}"

    font, meta = _font(BODY_SIZE), _font(34)
    top_limit = STATUS_H + TITLE_H + 110  # below the timestamp line
    bottom = HEIGHT - INPUT_H - 40
    laid = _layout(bubbles, style)
    # Stack from the bottom up; messages that do not fit scroll off the top.
    placed: list[tuple[Bubble, list[str], int]] = []
    y = bottom
    for bubble, lines, height in reversed(laid):
        if y - height < top_limit:
            break
        y -= height
        placed.append((bubble, lines, y))
        y -= 40
    placed.reverse()
    fits = len(placed) == len(laid)
    if fits and placed:  # a short conversation starts at the top of the screen
        shift = placed[0][2] - top_limit
        placed = [(bubble, lines, top - shift) for bubble, lines, top in placed]

    stamp = TODAY[lang].format(hm=hm, h12=h12)
    stamp_y = (placed[0][2] if placed else bottom) - 60
    if style == "sms":
        stamp = f"{PLACEHOLDER['sms'][lang]} · {stamp}"
    draw.text((WIDTH // 2, stamp_y), stamp, font=meta, fill=palette.meta_text, anchor="mm")

    line_h = BODY_SIZE + LINE_GAP
    for bubble, lines, top in placed:
        width = max((font.getlength(line) for line in lines), default=0) + 2 * 34
        height = len(lines) * line_h - LINE_GAP + 2 * 30
        fill = palette.outgoing if bubble.outgoing else palette.incoming
        ink = palette.outgoing_text if bubble.outgoing else palette.incoming_text
        if style == "wechat":
            avatar = 110
            if bubble.outgoing:
                ax = WIDTH - MARGIN - avatar
                left = ax - 24 - width
            else:
                ax = MARGIN
                left = ax + avatar + 24
            draw.rounded_rectangle((ax, top, ax + avatar, top + avatar), radius=12,
                                   fill="#6A8CAF" if not bubble.outgoing else "#C9A26B")
            draw.rounded_rectangle((left, top, left + width, top + height), radius=12, fill=fill)
            tail_x = left + width if bubble.outgoing else left
            direction = 1 if bubble.outgoing else -1
            draw.polygon([(tail_x, top + 40), (tail_x + 14 * direction, top + 54), (tail_x, top + 68)], fill=fill)
        else:
            left = WIDTH - MARGIN - width if bubble.outgoing else MARGIN + (80 if style == "sms" else 0)
            draw.rounded_rectangle((left, top, left + width, top + height), radius=44, fill=fill)
        for i, line in enumerate(lines):
            draw.text((left + 34, top + 30 + i * line_h), line, font=font, fill=ink)

    _status_bar(draw, palette, hm, battery)
    _title_bar(draw, palette, style, title)
    _input_bar(draw, palette, style, lang)

    shown = "\n".join(bubble.text for bubble, _, _ in placed)
    return Screenshot(image_bytes(image), shown, fits)


def compact(text: str) -> str:
    """Letters, digits and Han only, so line breaks and punctuation width do not count as misreadings."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text)).lower()


def image_bytes(image: Image.Image, fmt: str = "PNG", **options) -> bytes:
    """`image` encoded as a file in memory."""
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, CRC."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares a huge size in a few bytes and holds no pixels: a decompression bomb's header."""
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + _chunk(b"IEND", b"")


def hostile_strip_png(width: int = 1, height: int = 16_000_000) -> bytes:
    """The review's 68-byte PNG (67 bytes here): a header declaring 1 × 16,000,000 px, within the pixel
    limit, and a tiny IDAT. Read, it became 197 s of OCR and 3.5 GB resident."""
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + _chunk(b"IDAT", zlib.compress(b"\x00\x00", 9)) + _chunk(b"IEND", b""))


