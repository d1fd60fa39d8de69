"""RapidOcrReader on rendered phone screenshots, on damaged and unusual images, and off the event loop.

OCR takes about a second per screenshot on one core, so every screenshot is read once per module
(`readings`) and the checks share it.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
import threading
import time

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFile
from rapidfuzz import fuzz

from bot.cli import main
from bot.ocr import (DETECT_BAND_PIXELS, DETECT_MIN_SHORT_SIDE, DETECT_SIDE, MAX_LINE_RATIO, MIN_SHORT_SIDE, RapidOcrReader, Reading,
                     TextBox, drop_chrome, join_boxes, reading_order, split_long_line)
from bot.settings import LimitsSettings, OcrSettings
from scam_patterns.script import to_traditional
from support.screenshots import SCAM_EN, SCAM_ZH, Bubble, compact, image_bytes, png_header_only, render, require_font
from support.screenshots import _font as screenshot_font, hostile_strip_png

LEGIT_ZH = "【菜鸟驿站】您的包裹已到南门驿站，请凭取件码 3-2-1108 于今天 21:00 前取件。"
LEGIT_EN = "Your verification code is 482913. Do not share this code with anyone. We will never ask you for it."

# (case, lang, style, theme, title, bubbles)
CASES = {
    "scam-hans-wechat-light": ("zh-Hans", "wechat", "light", "淘宝官方客服", [Bubble(SCAM_ZH), Bubble("真的吗？", outgoing=True)]),
    "scam-hans-sms-dark": ("zh-Hans", "sms", "dark", "106 9012 3456", [Bubble(SCAM_ZH)]),
    "scam-hant-imessage-light": ("zh-Hant", "imessage", "light", "蝦皮客服", [Bubble(to_traditional(SCAM_ZH))]),
    "scam-hant-wechat-dark": ("zh-Hant", "wechat", "dark", "客服中心", [Bubble(to_traditional(SCAM_ZH))]),
    "scam-en-sms-light": ("en", "sms", "light", "+1 (415) 555-0134", [Bubble(SCAM_EN)]),
    "scam-en-imessage-dark": ("en", "imessage", "dark", "+44 7700 900123", [Bubble(SCAM_EN), Bubble("Which order?", outgoing=True)]),
    "legit-hans-pickup-code": ("zh-Hans", "sms", "light", "106 5500 0000", [Bubble(LEGIT_ZH)]),
    "legit-en-otp": ("en", "sms", "dark", "32665", [Bubble(LEGIT_EN)]),
    # Legit texts that the sender's number and the app's "Text message" labels would turn into a prize to claim
    # by text and an insurance callback.
    "legit-en-congrats": ("en", "sms", "light", "+44 7700 900123", [Bubble("Congrats on the new job! Drinks on me Friday?")]),
    "legit-hant-insurance": ("zh-Hant", "imessage", "light", "+886 912 345 678", [Bubble("本店年底保險促銷，來店購買續保送常規保養一次（300元左右）")]),
}
SCAM_CASES = [name for name in CASES if name.startswith("scam")]
LEGIT_CASES = [name for name in CASES if name.startswith("legit")]
RANK = {"no_match": 0, "suspicious": 1, "scam": 2}


@pytest.fixture(scope="module")
def reader():
    ocr = RapidOcrReader(OcrSettings())
    yield ocr
    ocr.close()


@pytest.fixture(scope="module")
def shots():
    require_font()
    return {name: render(bubbles, style=style, theme=theme, lang=lang, title=title)
            for name, (lang, style, theme, title, bubbles) in CASES.items()}


@pytest.fixture(scope="module")
def readings(reader, shots):
    """Each screenshot read once, on first use."""
    cache: dict[str, Reading] = {}

    def read(name: str) -> Reading:
        if name not in cache:
            cache[name] = reader.read_sync(shots[name].png)
        return cache[name]

    return read


@pytest.fixture(scope="module")
def detector():
    from scam_patterns import Detector

    return Detector.default()


# ----- rendered screenshots ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", SCAM_CASES + LEGIT_CASES)
def test_screenshot_text_is_read_faithfully_and_confidently(name, shots, readings):
    reading = readings(name)
    assert reading.problem is None
    assert reading.confidence >= OcrSettings().min_confidence
    # Everything in the bubbles was read, in order (the chrome around them adds a little text).
    assert fuzz.partial_ratio(compact(shots[name].shown), compact(reading.text)) >= 95


@pytest.mark.parametrize("name", SCAM_CASES)
def test_scam_screenshot_gets_a_warning_verdict_like_its_text(name, shots, readings, detector):
    from_image = detector.check(readings(name).text).verdict
    from_text = detector.check(shots[name].shown).verdict
    assert from_image in ("scam", "suspicious")
    assert RANK[from_image] >= RANK[from_text]


@pytest.mark.parametrize("name", LEGIT_CASES)
def test_legit_screenshot_is_not_judged_worse_than_its_text(name, shots, readings, detector):
    from_image = detector.check(readings(name).text).verdict
    from_text = detector.check(shots[name].shown).verdict
    assert from_image != "scam"
    assert RANK[from_image] <= RANK[from_text]


def test_traditional_screenshot_is_read_in_traditional_characters(readings):
    # 並, 螢 and 賬 are missing from PP-OCRv4's dictionary: it dropped them, and "螢幕共享" (screen sharing)
    # no longer matched. PP-OCRv5 reads them.
    text = compact(readings("scam-hant-imessage-light").text)
    assert "購買" in text and "雙倍退款" in text
    assert "並開啟螢幕共享" in text and "即可到賬" in text


def test_phone_and_app_chrome_are_left_out_and_lines_come_top_to_bottom(readings):
    lines = readings("scam-en-sms-light").text.splitlines()
    assert lines[0].startswith("Amazon")  # no status bar, sender number or day stamp above the message
    assert lines[-1].endswith("cancelled.")  # no input placeholder below it
    body = compact("\n".join(lines))
    assert body.index("amazon") < body.index("refund") < body.index("amznrefundhelpcom") < body.index("cancelled")


def test_noise_photo_reads_below_the_confidence_floor(reader):
    noise = np.random.default_rng(7).integers(0, 256, (1200, 900, 3), dtype=np.uint8)
    text, confidence = reader.read_sync(image_bytes(Image.fromarray(noise)))
    assert confidence < OcrSettings().min_confidence


def test_blank_screen_reads_nothing(reader):
    assert reader.read_sync(image_bytes(Image.new("RGB", (1080, 2400), "white"))) == ("", 0.0)


# ----- reading order and confidence -------------------------------------------------------------------

def box(text: str, left: float, top: float, height: float = 40, score: float = 0.99) -> TextBox:
    return TextBox(text, score, left, top, top + height)


def test_boxes_on_one_line_are_joined_left_to_right_and_lines_top_to_bottom():
    boxes = [box("second line", 60, 200), box("76%", 900, 12, 36), box("14:32", 40, 10), box("first", 60, 120),
             box("line", 300, 124)]
    lines = reading_order(boxes)
    assert [[b.text for b in line] for line in lines] == [["14:32", "76%"], ["first", "line"], ["second line"]]
    assert join_boxes(boxes)[0] == "14:32 76%\nfirst line\nsecond line"


def test_lines_a_bubble_wrapped_are_joined_as_the_text_was_and_bubbles_stay_apart():
    boxes = [box("Prize! Txt", 60, 100, 60), box("WIN to 83355", 60, 160, 60), box("请添加客服", 60, 300, 60),
             box("QQ领取", 62, 358, 60), box("OK", 600, 420, 60)]
    assert join_boxes(boxes)[0] == "Prize! Txt WIN to 83355\n请添加客服QQ领取\nOK"


def test_boxes_that_only_touch_vertically_are_separate_lines():
    lines = reading_order([box("upper", 50, 100, 40), box("lower", 10, 130, 40)])
    assert [[b.text for b in line] for line in lines] == [["upper"], ["lower"]]


def test_confidence_is_weighted_by_length_and_weak_boxes_leave_the_text():
    text, confidence = join_boxes([box("abcdefgh", 0, 0, score=0.9), box("#", 0, 100, score=0.1)])
    assert text == "abcdefgh"
    assert confidence == pytest.approx((8 * 0.9 + 1 * 0.1) / 9)
    assert join_boxes([]) == ("", 0.0)


def test_only_clock_and_battery_at_the_top_of_a_portrait_screenshot_count_as_status_bar():
    boxes = [box("14:32", 40, 20), box("の 5G 76%", 800, 20), box("Bank", 40, 200), box("14:32", 500, 1200),
             box("Code 4829", 40, 20)]
    assert [b.text for b in drop_chrome(boxes, 1080, 2400)] == ["Code 4829", "Bank", "14:32"]
    assert drop_chrome(boxes, 2400, 1080) == boxes  # landscape: no phone status bar to expect


def test_a_sender_number_and_icons_in_the_title_bar_are_left_out_and_a_sender_name_is_kept():
    boxes = [box("+44 7700 900123", 200, 160), box("··", 960, 170), box("Call 0800 123 456 now", 40, 700), box("0800 123 456", 40, 760)]
    assert [b.text for b in drop_chrome(boxes, 1080, 2400)] == ["Call 0800 123 456 now", "0800 123 456"]
    assert [b.text for b in drop_chrome([box("淘宝官方客服", 300, 160)], 1080, 2400)] == ["淘宝官方客服"]


@pytest.mark.parametrize("stamp", ["Text message · Today 2:32 PM", "短信·今天14:32", "今天 14:32", "Yesterday", "星期一 上午10:05"])
def test_the_day_stamp_above_the_messages_is_left_out(stamp):
    boxes = [box(stamp, 300, 300), box("See you at 5:30", 40, 400), box("14:32", 40, 460)]
    assert [b.text for b in drop_chrome(boxes, 1080, 2400)] == ["See you at 5:30", "14:32"]


def test_the_input_placeholder_is_left_out_but_the_same_words_in_a_message_are_kept():
    boxes = [box("Text message", 40, 1000), box("Text message", 150, 2280), box("iMessage 訊息", 150, 2290, 30)]
    assert [b.text for b in drop_chrome(boxes, 1080, 2400)] == ["Text message"]


def test_detection_in_bands_finds_each_line_once_as_the_whole_screen_does(reader):
    require_font()
    screens = [render([Bubble(SCAM_ZH, outgoing=(i + j) % 2 == 1) for i in range(6)], style="sms").png for j in range(2)]
    tall = np.vstack([np.asarray(Image.open(io.BytesIO(png)).convert("RGB")) for png in screens])  # a scrolling capture
    pixels = reader.decode(image_bytes(Image.fromarray(tall)))
    scale = reader.detect_scale(pixels.shape[1], pixels.shape[0])
    view = cv2.resize(pixels, (round(pixels.shape[1] * scale), round(pixels.shape[0] * scale)), interpolation=cv2.INTER_AREA)
    assert view.shape[0] * view.shape[1] > DETECT_BAND_PIXELS  # seen in more than one band
    whole, _ = reader.engine().text_det(view)
    banded = reader.detect(view)
    assert len(banded) == len(whole)
    tops = sorted(round(float(b[:, 1].min())) for b in banded)
    for box in whole:  # every line found by the whole-screen pass is there, at the same height
        assert min(abs(top - float(box[:, 1].min())) for top in tops) <= 4


# ----- limits and damaged input: a clear answer, never a crash ----------------------------------------

async def test_image_over_the_byte_limit_is_refused_without_decoding():
    small = RapidOcrReader(OcrSettings(), LimitsSettings(max_image_bytes=1024))
    reading = await small.read(b"\x89PNG" + bytes(4096))
    assert reading == ("", 0.0)
    assert reading.problem == "too_many_bytes"
    assert "4,100 bytes" in reading.detail


@pytest.mark.parametrize("width,height", [(200, 100), (200_000, 200_000)])
def test_image_over_the_pixel_limit_is_refused_from_its_header(width, height):
    reader = RapidOcrReader(OcrSettings(), LimitsSettings(max_image_pixels=10_000))
    reading = reader.read_sync(png_header_only(width, height))
    assert reading == ("", 0.0)
    assert reading.problem == "too_many_pixels"


@pytest.mark.parametrize("data", [b"", b"hello, this is not an image", b"\x89PNG\r\n\x1a\n\x00\x00", bytes(range(256)) * 8],
                         ids=["empty", "text", "png-signature-only", "binary"])
def test_bytes_that_are_not_an_image_read_as_nothing(data):
    reading = RapidOcrReader(OcrSettings()).read_sync(data)
    assert reading == ("", 0.0)
    assert reading.problem == "not_an_image"


def test_truncated_screenshot_reads_as_nothing(shots):
    png = shots["legit-en-otp"].png
    reading = RapidOcrReader(OcrSettings()).read_sync(png[: len(png) // 2])
    assert (reading.problem, reading.text, reading.confidence) == ("not_an_image", "", 0.0)


def test_cmyk_jpeg_is_converted_to_colour():
    pixels = RapidOcrReader(OcrSettings()).decode(image_bytes(Image.new("CMYK", (64, 64), (0, 255, 255, 0)), "JPEG"))
    assert pixels.shape == (64, 64, 3)
    blue, green, red = pixels[32, 32]
    assert red > 200 and green < 60 and blue < 60  # BGR order, as the OCR pipeline expects


def test_sixteen_bit_grey_keeps_its_tones():
    grey = Image.fromarray(np.full((48, 48), 32768, dtype=np.uint16))
    pixels = RapidOcrReader(OcrSettings()).decode(image_bytes(grey))
    assert abs(int(pixels[10, 10, 0]) - 128) <= 2


@pytest.mark.parametrize("dtype", [np.int32, np.float32], ids=["32-bit", "float"])
def test_wide_grey_tiff_is_stretched_by_its_maximum(dtype):
    values = np.zeros((40, 40), dtype=dtype)
    values[:, 20:] = 1000
    pixels = RapidOcrReader(OcrSettings()).decode(image_bytes(Image.fromarray(values), "TIFF"))
    assert pixels[5, 5].tolist() == [0, 0, 0]
    assert pixels[5, 30].tolist() == [255, 255, 255]


def test_transparency_is_flattened_onto_white():
    image = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    image.paste((0, 0, 0, 255), (0, 0, 32, 64))
    pixels = RapidOcrReader(OcrSettings()).decode(image_bytes(image))
    assert pixels[10, 10].tolist() == [0, 0, 0]
    assert pixels[10, 50].tolist() == [255, 255, 255]


def test_animation_is_read_from_its_first_frame():
    frames = [Image.new("RGB", (64, 64), colour) for colour in ("red", "blue")]
    gif = image_bytes(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    blue, green, red = RapidOcrReader(OcrSettings()).decode(gif)[5, 5]
    assert red > 200 and blue < 60


def test_camera_rotation_from_exif_is_applied():
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    photo = image_bytes(Image.new("RGB", (200, 100), "white"), "JPEG", exif=exif)
    assert RapidOcrReader(OcrSettings()).decode(photo).shape == (200, 100, 3)


def test_phone_screenshot_is_reduced_to_max_side_and_tall_captures_stay_legible():
    reader = RapidOcrReader(OcrSettings(max_side=1600))
    assert reader.scale_for(1080, 2400) == pytest.approx(1600 / 2400)
    assert reader.scale_for(720, 1280) == 1.0
    assert round(1080 * reader.scale_for(1080, 8000)) >= MIN_SHORT_SIDE  # a scrolling screenshot
    assert RapidOcrReader(OcrSettings(max_side=1600)).decode(image_bytes(Image.new("RGB", (1080, 2400)))).shape == (1600, 720, 3)
    assert RapidOcrReader(OcrSettings()).decode(image_bytes(Image.new("RGB", (1080, 2400)))).shape == (2400, 1080, 3)


def test_detector_sees_a_reduced_copy_that_keeps_phone_text_findable(reader):
    assert reader.detect_scale(1080, 2400) == pytest.approx(DETECT_SIDE / 2400)
    assert reader.detect_scale(2400, 1080) == pytest.approx(DETECT_SIDE / 2400)
    assert round(540 * reader.detect_scale(540, 4000)) >= DETECT_MIN_SHORT_SIDE  # a scrolling capture
    assert reader.detect_scale(300, 200) == 1.0  # never enlarged


def test_thin_strip_is_padded_not_enlarged(reader):
    # Regression: RapidOCR's letterbox padded a 20000×2 strip to 20000×5000 for the detector (5 GB
    # resident). Such a strip is now refused for its proportions; one within them is padded, not enlarged.
    strip = image_bytes(Image.new("L", (900, 30), 255))
    assert reader.decode(strip).shape == (32, 900, 3)
    assert reader.read_sync(strip) == ("", 0.0)
    assert reader.read_sync(image_bytes(Image.new("L", (20_000, 2), 255))).problem == "too_many_pixels"


@pytest.mark.parametrize("width,height", [(1, 16_000_000), (16_000_000, 1), (100, 3_100), (40_000, 400)])
def test_68_byte_png_of_1_by_16000000_pixels_is_refused_from_its_header_before_decoding(monkeypatch, width, height):
    image = hostile_strip_png(width, height)
    assert len(image) <= 68
    assert width * height <= LimitsSettings().max_image_pixels  # within the pixel limit: the proportions refuse it

    def no_decoding(*args, **kwargs):
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    reading = RapidOcrReader(OcrSettings()).read_sync(image)
    assert reading == ("", 0.0) and reading.problem == "too_many_pixels"
    assert "longer than 30:1" in reading.detail


def test_a_tall_capture_within_the_proportions_is_read_not_refused(reader):
    assert reader.check_size(800, 19_000)  # a scrolling capture, 24:1, within 16 million pixels
    assert reader.check_size(4000, 4000) == (2400, 2400)


def test_reduced_and_padded_size_over_the_read_limit_is_refused(monkeypatch):
    reader = RapidOcrReader(OcrSettings())
    monkeypatch.setattr(reader, "scale_for", lambda width, height: 1.0)  # as if nothing were reduced
    with pytest.raises(Exception) as refused:
        reader.check_size(3000, 3000)
    assert refused.value.problem == "too_many_pixels" and "would be read from 9,000,000 pixels" in str(refused.value)


def test_image_with_more_lines_than_max_lines_reads_only_the_top_ones():
    require_font()
    lines = [f"Line {n:02d} says hello" for n in range(30)]
    image = Image.new("RGB", (900, 30 * 60), "white")
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((20, 10 + n * 60), line, font=screenshot_font(36), fill="black")
    reader = RapidOcrReader(OcrSettings(max_lines=10))
    try:
        text = reader.read_sync(image_bytes(image)).text
    finally:
        reader.close()
    read = text.splitlines()
    assert 1 <= len(read) <= 10
    assert "Line 00" in read[0] and "Line 29" not in text


# Each regex that sees OCR text, on the lines that make it work hardest, repeated to 100,000 characters.
# "1:23 1:23 …" is the review's line: a space is a separator or the start of the next time, and before
# the tokens were atomic every split was tried (26 stamps: 28.7 s with the GIL held).
REGEX_WORST_CASES = {
    "STATUS_BAR_MARKS": ["1:23 " * 20_000, "5G+" * 33_334, "Wi-Fi" * 20_000],
    "SENDER_NUMBER": ["+" + "1 " * 50_000 + "x", "(" * 100_000 + "x", "1-(" * 33_334 + "x"],
    "APP_LABEL": ["sms " * 25_000 + "x", "text messages " * 7_143 + "x", "短信·" * 50_000 + "x"],
    "DAY_STAMP": ["1:23 " * 20_000 + "x", "1:231:23" * 12_500 + "x", "今天 1:23 " * 12_500 + "x",
                  "2024/1/1 " * 11_112 + "x", "下午1:23 pm " * 9_091 + "x", "wednes" * 16_667 + "x", " " * 100_000 + "x"],
    "WHEN": ["1:2" * 33_334, "wednes" * 16_667, "2024/1/" * 14_286],
    "CLOCK": ["1:23 " * 20_000 + "x", "1:231:23" * 12_500 + "x", "1:23 a.m " * 11_112 + "x"],
}


def test_every_ocr_regex_has_worst_cases():
    import bot.ocr as ocr

    compiled = {name for name, value in vars(ocr).items() if isinstance(value, re.Pattern)}
    assert set(REGEX_WORST_CASES) == compiled


@pytest.mark.parametrize("name", sorted(REGEX_WORST_CASES))
def test_ocr_regex_is_linear_on_its_worst_case_the_clock_stamp_line(name):
    import bot.ocr as ocr

    pattern = getattr(ocr, name)
    for text in REGEX_WORST_CASES[name]:
        started = time.process_time()
        pattern.fullmatch(text[:100_001])
        pattern.search(text[:100_001])
        pattern.sub("", text[:100_001])
        assert time.process_time() - started < 2.0, (name, text[:16])  # generous: linear is milliseconds


def test_a_line_of_clock_stamps_is_still_no_day_stamp_and_real_stamps_still_are():
    import bot.ocr as ocr

    assert not ocr._is_day_stamp(" ".join(["1:23"] * 30))  # only clocks: may be message text
    assert ocr._is_day_stamp("Text message · Today 2:32 PM") and ocr._is_day_stamp("短信·今天14:32")
    assert ocr._is_day_stamp("Wednesday 12/25/2024 14:32") and ocr._is_day_stamp("昨天 下午 2:32")
    assert ocr.APP_LABEL.fullmatch("iMessage 信息") and ocr.APP_LABEL.fullmatch("Text message")


def test_overlong_line_is_cut_in_gaps_between_characters():
    line = np.full((40, 4000, 3), 255, dtype=np.uint8)
    for left in range(10, 3990, 50):  # a "character" every 50 px, 40 px wide, with 10 px gaps
        line[8:32, left:left + 40] = 0
    pieces = split_long_line(line)
    assert len(pieces) == 4 and sum(p.shape[1] for p in pieces) == 4000
    assert all(p.shape[1] <= 40 * MAX_LINE_RATIO for p in pieces)
    for piece in pieces[1:]:
        assert piece[:, 0].min() == 255  # every cut falls in a gap, never through a character
    assert len(split_long_line(line[:, :1000])) == 1


# ----- off the event loop, loaded once ------------------------------------------------------------------

async def test_reading_runs_off_the_event_loop(reader, shots):
    ticks = 0
    stop = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            await asyncio.sleep(0.01)

    task = asyncio.create_task(ticker())
    first, second = await asyncio.gather(reader.read(shots["legit-hans-pickup-code"].png), reader.read(shots["legit-en-otp"].png))
    stop.set()
    await task
    # The loop kept turning while two screenshots were read one after the other on the worker.
    assert ticks >= 20
    assert "3-2-1108" in first.text or "321108" in compact(first.text)
    assert "482913" in second.text


def test_model_is_loaded_once_when_threads_race(monkeypatch):
    reader = RapidOcrReader(OcrSettings())
    loads = []
    real_load = reader._load

    def counting_load():
        loads.append(threading.current_thread().name)
        return real_load()

    monkeypatch.setattr(reader, "_load", counting_load)
    engines = []
    barrier = threading.Barrier(4)

    def grab() -> None:
        barrier.wait()
        engines.append(reader.engine())

    threads = [threading.Thread(target=grab) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(loads) == 1
    assert len({id(engine) for engine in engines}) == 1


# ----- shopsafe check --image ---------------------------------------------------------------------------

def test_check_image_json_is_the_check_object_of_the_text_read_plus_ocr_text(tmp_path, shots, capsys):
    path = tmp_path / "otp.png"
    path.write_bytes(shots["legit-en-otp"].png)
    assert main(["check", "--image", str(path), "--json"]) == 0
    from_image = json.loads(capsys.readouterr().out)
    assert "482913" in from_image["ocr_text"]
    assert main(["check", "--json", from_image.pop("ocr_text")]) == 0
    assert from_image == json.loads(capsys.readouterr().out)


def test_check_image_that_reads_nothing_warns_and_still_answers(tmp_path, capsys):
    path = tmp_path / "blank.png"
    path.write_bytes(image_bytes(Image.new("RGB", (1080, 2400), "white")))
    assert main(["check", "--image", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "could not be read reliably" in err
    assert "ocr_text: " in out


@pytest.mark.parametrize("content,message", [(None, "cannot read"), (b"GIF89a broken", "not an image"),
                                             (b"\x89PNG" + bytes(2048), "the limit is 1,024")],
                         ids=["missing", "not-an-image", "over-the-byte-limit"])
def test_check_image_refusals_are_one_clear_line(tmp_path, capsys, content, message):
    config = tmp_path / "config.yaml"
    config.write_text("limits:\n  max_image_bytes: 1024\n", encoding="utf-8")
    path = tmp_path / "shot.png"
    if content is not None:
        path.write_bytes(content)
    assert main(["--config", str(config), "check", "--image", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_check_takes_text_or_an_image_not_both(tmp_path, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["check", "some text", "--image", str(tmp_path / "shot.png")])
    assert exited.value.code == 2
    assert "not allowed with" in capsys.readouterr().err
