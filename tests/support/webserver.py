"""`shopsafe run --web` as a process of its own, for the browser tests and the web benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package: Playwright's own browser download is not reachable
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
START_SECONDS = 180  # imports, migrations, the detector and the knowledge base on a loaded machine


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clean_env(**values: str) -> dict[str, str]:
    """This process's environment without any SHOPSAFE_ variable, plus `values`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPSAFE_")}
    env.update(values)
    return env


def start_web(root: Path, config: str, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """Start the server with `config` (YAML) and data in `root`; returns it and its URL once the page answers."""
    (root / "config.yaml").write_text(config, encoding="utf-8")
    env = {**env, "SHOPSAFE_DATA_DIR": str(root / "data"), "SHOPSAFE_CONFIG": str(root / "config.yaml")}
    port = free_port()
    log = root / "run.log"
    with log.open("w") as sink:  # a file, not a pipe: a chatty log must never block the server
        process = subprocess.Popen([sys.executable, "-m", "bot.cli", "run", "--web", f"127.0.0.1:{port}"],
                                   stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            with urllib.request.urlopen(url + "/", timeout=5) as answer:
                if answer.status == 200:
                    return process, url
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            raise RuntimeError("shopsafe run --web did not come up:\n" + log.read_text(errors="replace")[-3000:])
        time.sleep(0.3)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
