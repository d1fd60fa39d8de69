"""Screenshots are read in a worker process with a wall-time and a memory budget.

The bot's event loop must answer every other user within a second whatever one image does: OCR holds the
GIL in places (a regex, Pillow, numpy) and its memory grows with the image, so it runs in a process of
its own, started on the first image (`spawn`, so it shares no threads or locks with the bot), which loads
the model once and then reads one image at a time. The bot waits for each reading on a thread, never on
the loop, and checks the worker every POLL_SECONDS:

* over `ocr.timeout_seconds` of wall time, or over `ocr.max_memory_mb` resident (read from /proc), the
  worker is killed (SIGKILL), the image is answered `timed_out` / `too_much_memory`, and a fresh worker is
  started at once in the background, so the next image finds the model loaded;
* the worker's data segment is also capped (RLIMIT_DATA, with MEMORY_SLACK_MB above the budget for what
  is mapped but not resident), so an allocation that outruns the polling fails inside the worker instead
  of taking the machine's memory;
* a worker that dies (a crash in onnxruntime, the OOM killer) answers `failed` and is restarted.

Images over the byte limit are refused before they are sent; pixel, proportion and line limits are
applied inside the worker from the image's header (bot/ocr.py), before any pixel is decoded.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from multiprocessing.connection import Connection
from typing import Any

from bot.ocr import Reading
from bot.settings import LimitsSettings, OcrSettings

log = logging.getLogger(__name__)

POLL_SECONDS = 0.02
START_TIMEOUT_SECONDS = 120.0  # imports and model load: about 2 s on a quiet core, far more under load
MEMORY_SLACK_MB = 512  # mapped but not resident: onnxruntime's arenas, thread stacks, the model files
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _resident_bytes(pid: int) -> int | None:
    """Resident memory of `pid` from /proc (Linux); None where there is no /proc."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return None


def _serve(conn: Connection, ocr: dict[str, Any], limits: dict[str, Any]) -> None:
    """The worker process: load the model, say so, then answer each image with (text, confidence, problem, detail)."""
    import resource

    from PIL import Image

    from bot.ocr import RapidOcrReader

    settings, limit = OcrSettings.model_validate(ocr), LimitsSettings.model_validate(limits)
    budget = (settings.max_memory_mb + MEMORY_SLACK_MB) * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_DATA, (budget, budget))
    except (ValueError, OSError):  # a lower hard limit is already set: keep it
        pass
    Image.MAX_IMAGE_PIXELS = limit.max_image_pixels  # Pillow's own header check agrees with ours
    reader = RapidOcrReader(settings, limit)
    reader.engine()
    conn.send(("ready", os.getpid()))
    while True:
        try:
            image = conn.recv_bytes()
        except (EOFError, OSError):  # the bot is gone
            return
        try:
            reading = reader.read_sync(image)
            answer = (reading.text, reading.confidence, reading.problem, reading.detail)
        except MemoryError:
            answer = ("", 0.0, "too_much_memory", "the image needs more memory than the OCR worker may use")
        except Exception as error:  # onnxruntime or Pillow failing on a hostile image: answered, then the next one
            answer = ("", 0.0, "failed", f"reading failed ({type(error).__name__})")
        del image
        conn.send(answer)


class OcrWorker:
    """`handlers.ports.ImageReader` that reads in a worker process under a time and memory budget."""

    def __init__(self, settings: OcrSettings, limits: LimitsSettings | None = None) -> None:
        self.settings = settings
        self.limits = limits or LimitsSettings()
        self._context = multiprocessing.get_context("spawn")
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._start_lock = threading.Lock()  # one start at a time: a read and a background restart
        self._busy: asyncio.Lock | None = None  # one image at a time in the worker
        self.restarts = 0
        self._closed = False

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None and self._process.is_alive() else None

    async def read(self, image: bytes) -> Reading:
        if len(image) > self.limits.max_image_bytes:  # never sent to the worker
            return Reading("", 0.0, "too_many_bytes",
                           f"the image has {len(image):,} bytes; the limit is {self.limits.max_image_bytes:,}")
        if self._busy is None:
            self._busy = asyncio.Lock()
        async with self._busy:
            return Reading(*await asyncio.to_thread(self.read_blocking, image))

    def read_blocking(self, image: bytes) -> tuple[str, float, str | None, str]:
        """One image through the worker, on the calling thread: (text, confidence, problem, detail)."""
        try:
            conn, process = self._ensure_started()
        except RuntimeError as error:  # it could not start (or is closed): this image is not read
            log.warning("ocr worker: %s", error)
            return "", 0.0, "failed", str(error)
        started = time.monotonic()
        try:
            conn.send_bytes(image)
        except (BrokenPipeError, OSError):
            return self._lost("failed", "the OCR worker stopped")
        budget = self.settings.max_memory_mb * 1024 * 1024
        while True:
            if conn.poll(POLL_SECONDS):
                try:
                    text, confidence, problem, detail = conn.recv()
                except (EOFError, OSError):
                    return self._lost("failed", "the OCR worker stopped")
                if problem == "too_much_memory":  # its heap may be fragmented past the budget: start afresh
                    self._restart()
                return text, confidence, problem, detail
            if not process.is_alive():
                return self._lost("failed", f"the OCR worker exited ({process.exitcode})")
            elapsed = time.monotonic() - started
            if elapsed > self.settings.timeout_seconds:
                return self._lost("timed_out", f"reading took over {self.settings.timeout_seconds:g} s")
            resident = _resident_bytes(process.pid)
            if resident is not None and resident > budget:
                return self._lost("too_much_memory", f"reading needed over {self.settings.max_memory_mb} MB")

    def _lost(self, problem: str, detail: str) -> tuple[str, float, str, str]:
        # Sizes and reasons only: the screenshot is the user's and is never logged.
        log.warning("ocr worker: %s; restarting it", detail)
        self._restart()
        return "", 0.0, problem, detail

    def _restart(self) -> None:
        self._stop()
        self.restarts += 1
        threading.Thread(target=self._ensure_started_quietly, name="ocr-restart", daemon=True).start()

    def _ensure_started_quietly(self) -> None:
        try:
            self._ensure_started()
        except RuntimeError as error:
            log.warning("ocr worker: %s", error)

    def _ensure_started(self) -> tuple[Connection, multiprocessing.process.BaseProcess]:
        with self._start_lock:
            if self._closed:
                raise RuntimeError("the OCR worker is closed")
            if self._process is not None and self._process.is_alive() and self._conn is not None:
                return self._conn, self._process
            self._stop_locked()
            parent, child = self._context.Pipe()
            process = self._context.Process(
                target=_serve, args=(child, self.settings.model_dump(), self.limits.model_dump()),
                name="shopsafe-ocr", daemon=True)
            process.start()
            child.close()
            if not parent.poll(START_TIMEOUT_SECONDS):
                process.kill()
                raise RuntimeError("the OCR worker did not start")
            try:
                parent.recv()
            except EOFError:
                raise RuntimeError(f"the OCR worker exited while starting ({process.exitcode})") from None
            self._process, self._conn = process, parent
            return parent, process

    def _stop(self) -> None:
        with self._start_lock:
            self._stop_locked()

    def _stop_locked(self) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join(5)
        if conn is not None:
            conn.close()

    def start(self) -> None:
        """Start the worker now (it otherwise starts with the first image)."""
        self._ensure_started()

    def close(self) -> None:
        with self._start_lock:
            self._closed = True
            self._stop_locked()
