"""bot.ocr_worker: screenshots read in a worker process that is killed over its time or memory budget and
restarted, with the model loaded once per worker."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time

import pytest

pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra is not installed")

from bot.ocr_worker import OcrWorker  # noqa: E402
from bot.settings import LimitsSettings, OcrSettings  # noqa: E402
from support.screenshots import Bubble, hostile_strip_png, render, require_font  # noqa: E402

pytestmark = pytest.mark.slow  # real worker processes: imports and the model load in each

SCAM = "【淘宝客服】您好，您购买的宝贝检测出质量问题，我们为您办理三倍理赔，请添加客服QQ 88776655，下载会议软件按提示操作。"


@pytest.fixture(scope="module")
def screenshot() -> bytes:
    require_font()
    return render(SCAM).png


@pytest.fixture
def worker():
    worker = OcrWorker(OcrSettings(), LimitsSettings())
    yield worker
    worker.close()


def _wait_for_worker(worker: OcrWorker, timeout: float = 120.0) -> int:
    deadline = time.monotonic() + timeout
    while worker.pid is None:
        assert time.monotonic() < deadline, "the worker was not restarted"
        time.sleep(0.05)
    return worker.pid


async def test_ocr_worker_reads_in_another_process_and_loads_the_model_once(worker, screenshot):
    first = await worker.read(screenshot)
    assert first.problem is None and "客服" in first.text and first.confidence > 0.8
    pid = worker.pid
    assert pid is not None and pid != os.getpid()
    started = time.perf_counter()
    again = await worker.read(screenshot)
    assert (again.text, again.confidence) == (first.text, first.confidence)
    assert worker.pid == pid and worker.restarts == 0  # the same process, model already loaded
    assert time.perf_counter() - started < 30


async def test_ocr_worker_timed_out_read_is_killed_and_the_worker_restarted(worker, screenshot):
    worker.start()
    pid = worker.pid
    worker.settings.timeout_seconds = 0.01  # the parent enforces it: far less than any read
    reading = await worker.read(screenshot)
    assert (reading.text, reading.confidence, reading.problem) == ("", 0.0, "timed_out")
    assert worker.restarts == 1
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # killed, not left reading
    assert _wait_for_worker(worker) != pid  # restarted in the background, before the next image
    worker.settings.timeout_seconds = 120
    assert "客服" in (await worker.read(screenshot)).text


async def test_ocr_worker_over_its_memory_budget_is_killed_and_restarted(screenshot):
    # The model alone is about 160 MB resident, a phone screenshot's read about 260 MB at its peak.
    worker = OcrWorker(OcrSettings(max_memory_mb=200), LimitsSettings())
    try:
        reading = await worker.read(screenshot)
        assert reading.problem == "too_much_memory" and reading.text == ""
        assert worker.restarts == 1
    finally:
        worker.close()


async def test_ocr_worker_that_dies_mid_read_answers_failed_and_the_next_read_works(worker, screenshot):
    worker.start()
    pid = worker.pid
    big = render([Bubble(SCAM)] * 12).png  # a packed screen: read in a second or more
    threading.Timer(0.3, os.kill, (pid, signal.SIGKILL)).start()
    reading = await worker.read(big)
    assert reading.problem == "failed"
    assert _wait_for_worker(worker) != pid
    assert "客服" in (await worker.read(screenshot)).text


async def test_ocr_worker_keeps_the_event_loop_free_while_it_reads(worker, screenshot):
    worker.start()
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    ticker = asyncio.create_task(tick())
    started = time.perf_counter()
    await worker.read(screenshot)
    elapsed = time.perf_counter() - started
    ticker.cancel()
    assert ticks >= 0.5 * elapsed / 0.01  # the loop ran throughout


async def test_ocr_worker_refuses_the_68_byte_png_of_1_by_16000000_pixels_without_decoding(worker):
    started = time.perf_counter()
    reading = await worker.read(hostile_strip_png())
    assert reading.problem == "too_many_pixels" and "30:1" in reading.detail
    assert worker.restarts == 0
    assert time.perf_counter() - started < 60  # the worker's start; the refusal itself is instant


async def test_ocr_worker_refuses_an_image_over_the_byte_limit_without_starting(screenshot):
    worker = OcrWorker(OcrSettings(), LimitsSettings(max_image_bytes=1024))
    reading = await worker.read(screenshot)
    assert reading.problem == "too_many_bytes" and worker.pid is None


def test_ocr_worker_close_stops_the_process(screenshot):
    worker = OcrWorker(OcrSettings(), LimitsSettings())
    worker.start()
    pid = worker.pid
    worker.close()
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


async def test_ocr_worker_closed_answers_failed_instead_of_raising(screenshot):
    worker = OcrWorker(OcrSettings(), LimitsSettings())
    worker.close()
    reading = await worker.read(screenshot)
    assert reading.problem == "failed" and worker.pid is None
