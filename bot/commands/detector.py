"""`shopsafe check | scan | eval | patterns`: the scam detector from the command line.

`scan` is a contract other tools rely on: one JSON object per input line, in order, with verdict, score,
patterns, lang, evidence and advice; a line that cannot be read yields {"error": ...} instead.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import json
import sys
from collections import Counter, defaultdict
from typing import Any, TextIO

from bot.commands.jsonl import map_text_lines
from scam_patterns import Detector, Verdict
from scam_patterns.catalog import load_catalog, validate
from scam_patterns.verdict import localized

VERDICT_MARK = {"scam": "🚨 SCAM", "suspicious": "⚠️ SUSPICIOUS", "no_match": "ℹ️ NO KNOWN PATTERN (not proof of safety)"}


def register(subparsers: argparse._SubParsersAction) -> None:
    check = subparsers.add_parser("check", help="judge one message", description="Judge one message and explain why.")
    source = check.add_mutually_exclusive_group(required=True)
    source.add_argument("text", metavar="TEXT", nargs="?", help="the message text")
    source.add_argument("--image", metavar="PATH", help="a screenshot (PNG, JPEG, …): read offline by OCR, then judged; "
                        "--json adds `ocr_text`")
    check.add_argument("--json", action="store_true", help="print the JSON object that `scan` writes")
    check.set_defaults(func=_check)

    scan = subparsers.add_parser("scan", help="judge JSON lines", description=(
        "Read one JSON object per line with key `text` and write one verdict object per line, in order."))
    scan.add_argument("--jsonl", required=True, metavar="PATH", help="input file, or - for stdin")
    scan.add_argument("--with-db-patterns", action="store_true", help="also use approved community patterns")
    scan.set_defaults(func=_scan)

    evaluate = subparsers.add_parser("eval", help="measure recall and false positives on labelled rows",
                                     description="Rows carry `text` and `label` (scam | legit | spam), optionally `type` and `lang`.")
    evaluate.add_argument("path", metavar="PATH.jsonl")
    evaluate.add_argument("--with-db-patterns", action="store_true", help="also use approved community patterns")
    evaluate.add_argument("--json", action="store_true", help="print a machine-readable summary")
    evaluate.add_argument("--misses", type=int, default=20, metavar="N", help="list at most N misses and N false positives")
    evaluate.set_defaults(func=_eval)

    patterns = subparsers.add_parser("patterns", help="list the scam catalog")
    patterns.add_argument("--validate", action="store_true", help="check ids, examples and counter-examples")
    patterns.set_defaults(func=_patterns)


# -- check ---------------------------------------------------------------------------------------------

def print_verdict(verdict: Verdict, as_json: bool, extra: dict[str, Any] | None = None, out: TextIO | None = None) -> None:
    """One verdict, readable or as the `scan` JSON object; `extra` adds keys (e.g. OCR text of an image)."""
    out = out or sys.stdout
    if as_json:
        print(json.dumps({**verdict.to_json(), **(extra or {})}, ensure_ascii=False), file=out)
        return
    lang = verdict.lang if verdict.lang in ("zh-Hans", "zh-Hant") else "en"
    lines = [f"{VERDICT_MARK[verdict.verdict]}  score {verdict.score:.2f}  ({verdict.lang})"]
    for key, value in (extra or {}).items():
        lines.append(f"{key}: {value}")
    for hit in verdict.patterns:
        lines.append(f"• {localized(hit.title, lang)}  [{hit.id}, {hit.score:.2f}]")
        lines.append(f"  {localized(hit.explanation, lang)}")
    if verdict.stages:
        lines.append("stage: " + " → ".join(verdict.stages))
    if verdict.evidence:
        lines.append("evidence: " + "  ".join(f"「{e.quote}」" for e in verdict.evidence[:8]))
    if verdict.truncated:
        lines.append("(only the beginning of this very long text was checked)")
    lines.append(verdict.advice(lang))
    print("\n".join(lines), file=out)


def _check(args: argparse.Namespace) -> int:
    if args.image is not None:
        return _check_image(args)
    print_verdict(Detector.default().check(args.text), args.json)
    return 0


def _check_image(args: argparse.Namespace) -> int:
    # Imported here: OCR loads onnxruntime and its models, which checking text does not need.
    from bot.ocr import RapidOcrReader
    from bot.settings import load_settings

    settings = load_settings(args.config)
    try:
        reading = RapidOcrReader(settings.ocr, settings.limits).read_file(args.image)
    except OSError as error:
        print(f"shopsafe check: cannot read {args.image}: {error.strerror or error}", file=sys.stderr)
        return 2
    if reading.problem:
        print(f"shopsafe check: {args.image}: {reading.detail}", file=sys.stderr)
        return 2
    if reading.confidence < settings.ocr.min_confidence:
        print(f"shopsafe check: {args.image} could not be read reliably (confidence {reading.confidence:.2f}): "
              "compare the text read with the image, or check the text itself", file=sys.stderr)
    print_verdict(Detector.default().check(reading.text), args.json, {"ocr_text": reading.text})
    return 0


# -- scan ----------------------------------------------------------------------------------------------

def _detector(args: argparse.Namespace) -> Detector | None:
    """The shipped catalog, plus community patterns from the database when asked; None after an error."""
    detector = Detector.default()
    if not getattr(args, "with_db_patterns", False):
        return detector
    try:
        from bot.settings import load_settings
        from bot.storage.patterns import load_db_patterns
    except ImportError as error:
        print(f"shopsafe: --with-db-patterns is not available in this build ({error})", file=sys.stderr)
        return None
    try:
        records = load_db_patterns(load_settings(args.config))
        if inspect.isawaitable(records):
            records = asyncio.run(records)
    except Exception as error:  # the database is someone else's process: report, don't trace
        print(f"shopsafe: cannot load community patterns: {type(error).__name__}: {error}", file=sys.stderr)
        return None
    return detector.with_db_patterns(list(records))


def _scan(args: argparse.Namespace) -> int:
    detector = _detector(args)
    if detector is None:
        return 2
    return map_text_lines(args.jsonl, lambda text: detector.check(text).to_json(), "scan")


# -- eval ----------------------------------------------------------------------------------------------

# smishtank's reporter-assigned types: the ones in ShopSafe's scope are measured together (issue 10's
# target), the others (promotional spam, wrong-number and romance openers, "Other") are reported apart.
IN_SCOPE_TYPES = frozenset({"Delivery", "Account Alert", "Prize/Contest", "Finance/Crypto", "Lawsuits/Settlements",
                            "Loans/Credit", "Job Advertisement"})
OUT_OF_SCOPE_TYPES = frozenset({"Advertisement", "Wrong Number/Romance Scam", "Other"})


def _scope(row_type: Any) -> str | None:
    if row_type in IN_SCOPE_TYPES:
        return "scope:in-scope"
    if row_type in OUT_OF_SCOPE_TYPES:
        return "scope:other"
    return None


def _rate(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def evaluate(detector: Detector, rows: list[dict[str, Any]], misses: int = 20) -> dict[str, Any]:
    """Recall on scam rows (scam or suspicious), strict FPR (legit judged scam), loose FPR (legit judged scam
    or suspicious), overall, by language, by type and, for smishtank's types, in scope or not; spam rows are
    counted apart."""
    counts: dict[str, Counter] = defaultdict(Counter)
    missed: list[dict[str, Any]] = []
    false_positives: list[dict[str, Any]] = []
    for row in rows:
        text, label = row.get("text"), row.get("label")
        if not isinstance(text, str) or label not in ("scam", "legit", "spam"):
            counts["skipped"]["rows"] += 1
            continue
        verdict = detector.check(text)
        lang = str(row.get("lang") or verdict.lang)
        flagged = verdict.verdict != "no_match"
        scope = _scope(row.get("type"))
        for key in ("all", f"lang:{lang}", f"type:{row.get('type') or '-'}", *((scope,) if scope else ())):
            bucket = counts[f"{label}|{key}"]
            bucket["n"] += 1
            bucket["flagged"] += flagged
            bucket["scam"] += verdict.verdict == "scam"
        item = {"id": row.get("id"), "type": row.get("type"), "verdict": verdict.verdict, "score": round(verdict.score, 3),
                "patterns": [h.id for h in verdict.patterns], "text": text[:160]}
        if label == "scam" and not flagged and len(missed) < misses:
            missed.append(item)
        if label == "legit" and verdict.verdict == "scam" and len(false_positives) < misses:
            false_positives.append(item)

    def section(label: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, bucket in sorted(counts.items()):
            if not key.startswith(label + "|"):
                continue
            name = key.split("|", 1)[1]
            if label == "scam":
                out[name] = {"n": bucket["n"], "recall": _rate(bucket["flagged"], bucket["n"]),
                             "judged_scam": _rate(bucket["scam"], bucket["n"])}
            else:
                out[name] = {"n": bucket["n"], "strict_fpr": _rate(bucket["scam"], bucket["n"]),
                             "loose_fpr": _rate(bucket["flagged"], bucket["n"])}
        return out

    return {"scam": section("scam"), "legit": section("legit"), "spam": section("spam"),
            "skipped": counts["skipped"]["rows"], "misses": missed, "false_positives": false_positives}


def _read_rows(path: str) -> tuple[list[dict[str, Any]], int]:
    rows: list[dict[str, Any]] = []
    bad = 0
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                bad += 1
                continue
            if isinstance(row, dict):
                rows.append(row)
            else:
                bad += 1
    return rows, bad


def _eval(args: argparse.Namespace) -> int:
    detector = _detector(args)
    if detector is None:
        return 2
    try:
        rows, bad = _read_rows(args.path)
    except OSError as error:
        print(f"shopsafe eval: cannot read {args.path}: {error.strerror or error}", file=sys.stderr)
        return 2
    summary = evaluate(detector, rows, max(0, args.misses))
    summary["unreadable_lines"] = bad
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
        return 0
    print(f"{args.path}: {len(rows)} rows ({bad} unreadable lines, {summary['skipped']} rows without text/label)")
    for name, stats in summary["scam"].items():
        print(f"  scam   {name:<40} n={stats['n']:<6} recall={stats['recall']:.4f}  (judged scam {stats['judged_scam']:.4f})")
    for name, stats in summary["legit"].items():
        print(f"  legit  {name:<40} n={stats['n']:<6} strict FPR={stats['strict_fpr']:.4f}  loose FPR={stats['loose_fpr']:.4f}")
    for name, stats in summary["spam"].items():
        print(f"  spam   {name:<40} n={stats['n']:<6} flagged={stats['loose_fpr']:.4f}  judged scam={stats['strict_fpr']:.4f}  (reported apart)")
    for title, items in (("misses (scam judged no_match)", summary["misses"]), ("false positives (legit judged scam)", summary["false_positives"])):
        if items:
            print(f"{title}:")
            for item in items:
                print(f"  [{item['id']}] {item['type']} {item['verdict']} {item['score']} {item['patterns']}: {item['text']}")
    return 0


# -- patterns ------------------------------------------------------------------------------------------

def _patterns(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    if args.validate:
        problems = validate(catalog)
        for problem in problems:
            print(problem)
        print(f"{len(catalog)} patterns, {len(problems)} problems")
        return 1 if problems else 0
    for pattern in catalog:
        print(f"{pattern.id:<30} {pattern.family:<28} {pattern.severity:<10} {pattern.title['en']} / {pattern.title['zh']}")
    print(f"{len(catalog)} patterns in {len({p.family for p in catalog})} families")
    return 0
