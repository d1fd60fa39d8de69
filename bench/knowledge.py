"""Knowledge base speed: index build, per-question latency, and `shopsafe ask` start-up.

    python bench/knowledge.py [--rounds N]

Targets (issue #3): p99 ≤ 10 ms per question after start-up; index build ≤ 1 s once jieba's dictionary is
loaded; `shopsafe ask` answers its first question within 3 s of starting (process wall time).
Questions are the evaluation sets (questions.jsonl and the two blind sets, a quarter of them off-topic) plus
every article's sample questions, asked in rotation. On a shared
machine wall-clock figures include time the process waited for a core; the CPU-time figures show the work
itself. Load average is printed first for that reason.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from knowledge.articles import load_articles  # noqa: E402
from knowledge.base import KnowledgeBase  # noqa: E402
from knowledge.text import warm_up  # noqa: E402

QUESTION_SETS = [REPO / "tests" / "knowledge" / name for name in ("questions.jsonl", "blind_a.jsonl", "blind_b.jsonl")]
TARGETS = {"p99_ms": 10.0, "build_s": 1.0, "cli_first_answer_s": 3.0}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="rounds over the question list (default 5)")
    parser.add_argument("--cli-runs", type=int, default=5, help="`shopsafe ask` processes to time (default 5)")
    args = parser.parse_args()

    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    started = time.perf_counter()
    warm_up()
    segmenter_s = time.perf_counter() - started

    articles = load_articles()
    builds = []
    for _ in range(5):
        started = time.perf_counter()
        kb = KnowledgeBase(articles)
        builds.append(time.perf_counter() - started)

    questions = [json.loads(line)["text"] for path in QUESTION_SETS
                 for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    questions += [question for article in articles for question in article.sample_questions()]
    latencies, cpu = [], []
    for _ in range(args.rounds):
        for question in questions:
            started, started_cpu = time.perf_counter(), time.thread_time()
            kb.ask(question)
            latencies.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - started_cpu) * 1000)
    long_question = "快递单怎么处理？" * 12_500  # 100 KB
    started = time.perf_counter()
    kb.ask(long_question)
    long_ms = (time.perf_counter() - started) * 1000
    rss_mb = psutil.Process().memory_info().rss / 2**20

    cli, cli_cpu = [], []
    command = [str(Path(sys.executable).with_name("shopsafe")), "ask", "怎么查快递才不会泄露地址"]
    if not Path(command[0]).exists():
        command = [sys.executable, "-m", "bot.cli", *command[1:]]
    for _ in range(args.cli_runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
        cli.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cli_cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)

    p50, p99 = _percentile(latencies, 0.50), _percentile(latencies, 0.99)
    build = statistics.median(builds)
    results = [
        ("jieba dictionary load (s)", segmenter_s, None),
        ("index build, median of 5 (s)", build, TARGETS["build_s"]),
        ("index build, worst of 5 (s)", max(builds), TARGETS["build_s"]),
        (f"question latency p50 over {len(latencies)} (ms)", p50, None),
        (f"question latency p99 over {len(latencies)} (ms)", p99, TARGETS["p99_ms"]),
        ("question latency max (ms)", max(latencies), None),
        ("question CPU time p99 (ms)", _percentile(cpu, 0.99), None),
        ("100 KB question (ms)", long_ms, None),
        ("process RSS after build (MB)", rss_mb, None),
        (f"`shopsafe ask` wall time, median of {len(cli)} (s)", statistics.median(cli), TARGETS["cli_first_answer_s"]),
        (f"`shopsafe ask` wall time, worst of {len(cli)} (s)", max(cli), None),
        (f"`shopsafe ask` CPU time, median of {len(cli)} (s)", statistics.median(cli_cpu), None),
    ]
    failed = False
    for name, value, target in results:
        verdict = ""
        if target is not None:
            ok = value <= target
            failed |= not ok
            verdict = f"  target ≤ {target:g}: {'ok' if ok else 'MISSED'}"
        print(f"{name:<48} {value:10.3f}{verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
