"""`shopsafe ask | kb | eval-kb`: the knowledge base from the command line.

`ask --json` and `ask --jsonl` are a contract other tools rely on: {"answer", "article", "score", "lang",
"related", "region", "situations"}: `article` null when the question is out of scope and otherwise the
primary article of an answer composed from several, `region` the place the answer was written for (null
when it does not depend on one or the place is unknown), `situations` what the question says already
happened, `answer` plain text. With --jsonl, one object per input line, in order, each an independent
question unless it carries `context` (the previous question); a line that cannot be read yields
{"error": ...} instead, as `scan` does.
The knowledge package is imported inside each command so other subcommands don't pay for loading it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.commands.jsonl import map_text_lines

if TYPE_CHECKING:
    from knowledge import KnowledgeBase


def register(subparsers: argparse._SubParsersAction) -> None:
    ask = subparsers.add_parser("ask", help="answer a shopper's privacy question",
                                description="Answer a question from the knowledge base, with its source and related topics.")
    source = ask.add_mutually_exclusive_group(required=True)
    source.add_argument("question", metavar="QUESTION", nargs="?", help="the question")
    source.add_argument("--jsonl", metavar="PATH", help="read objects with key `text`, one per line (- for stdin); "
                        "write one answer object per line, in order")
    ask.add_argument("--json", action="store_true", help="print {answer, article, score, lang, related}")
    ask.add_argument("--lang", choices=("zh-Hans", "zh-Hant", "en"), help="answer in this language "
                     "(default: the question's script)")
    ask.add_argument("--region", type=str.upper, metavar="CODE", help="the asker's stored region, as /region sets "
                     "it: CN, TW, HK, SG, MY, UK, US, AU, IN or EU (a place the question names still wins)")
    ask.set_defaults(func=_ask)

    kb = subparsers.add_parser("kb", help="list or validate the knowledge base articles")
    kb.add_argument("--validate", action="store_true", help="check languages, sources, unique ids, length, "
                    "and that sample questions retrieve their own article")
    kb.add_argument("--lang", choices=("zh-Hans", "zh-Hant", "en"), default="en", help="language of the topic list")
    kb.set_defaults(func=_kb)

    evaluate = subparsers.add_parser("eval-kb", help="measure answers on labelled questions",
                                     description="Rows carry `text` and `article` (the expected id, or null when "
                                     "out of scope), and optionally `context` (the previous question), `region` "
                                     "(the place the question is about) and `must_name` (strings a correct answer "
                                     "for that place contains one of). Reports top-1 accuracy, out-of-scope "
                                     "refusals, in-scope refusals and region answers naming the region's law, "
                                     "authority or hotline against the targets; exits 1 when a target is missed.")
    evaluate.add_argument("path", metavar="PATH.jsonl")
    evaluate.add_argument("--json", action="store_true", help="print a machine-readable summary")
    evaluate.add_argument("--misses", type=int, default=20, metavar="N", help="list at most N misses")
    evaluate.set_defaults(func=_eval_kb)


def _utf8_stdout() -> None:
    """Chinese answers must print whatever the locale says."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")


# -- ask -----------------------------------------------------------------------------------------------

def _ask(args: argparse.Namespace) -> int:
    from knowledge import KnowledgeBase
    from knowledge.regions import REGIONS

    if args.region is not None and args.region not in REGIONS:
        print(f"shopsafe ask: unknown region {args.region!r}: expected one of {', '.join(REGIONS)}", file=sys.stderr)
        return 2
    _utf8_stdout()
    kb = KnowledgeBase.default()
    if args.jsonl is None:
        answer = kb.ask(args.question, lang=args.lang, region=args.region)
        print(json.dumps(answer.to_json(), ensure_ascii=False) if args.json else answer.answer)
        return 0
    return map_text_lines(args.jsonl, lambda row: _answer_row(kb, row, args), "ask", rows=True)


def _answer_row(kb: KnowledgeBase, row: dict, args: argparse.Namespace) -> dict:
    """One --jsonl line: an independent question, unless it carries `context` (the previous question)."""
    context = row.get("context")
    if context is not None and not isinstance(context, str):
        return {"error": "'context' must be a string: the previous question"}
    return kb.ask(row["text"], lang=args.lang, region=args.region, context=context).to_json()


# -- kb ------------------------------------------------------------------------------------------------

def _kb(args: argparse.Namespace) -> int:
    from knowledge import KnowledgeBase
    from knowledge.validation import validate

    _utf8_stdout()
    kb = KnowledgeBase.default()
    if not args.validate:
        for article_id, title in kb.topics(args.lang):
            print(f"{article_id}\t{title}")
        return 0
    problems = validate(kb)
    for problem in problems:
        print(problem)
    questions = sum(len(article.sample_questions()) for article in kb.articles)
    verdict = "FAILED" if problems else "ok"
    print(f"{len(kb.articles)} articles, {questions} sample questions: {verdict}"
          + (f" ({len(problems)} problems)" if problems else ""))
    return 1 if problems else 0


# -- eval-kb -------------------------------------------------------------------------------------------

def _eval_kb(args: argparse.Namespace) -> int:
    from knowledge import KnowledgeBase
    from knowledge.evaluation import evaluate, read_rows

    _utf8_stdout()
    try:
        rows = read_rows(Path(args.path))
    except (OSError, ValueError) as error:
        print(f"shopsafe eval-kb: cannot read {args.path}: {error}", file=sys.stderr)
        return 2
    report = evaluate(KnowledgeBase.default(), rows)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        print(f"{report.in_scope + report.out_of_scope} questions ({report.in_scope} in scope, "
              f"{report.out_of_scope} out of scope)")
        print(f"top-1 article right      {report.top1:7.1%}   (target ≥ 92 %)")
        print(f"out of scope refused     {report.out_of_scope_refused:7.1%}   (target ≥ 95 %)")
        print(f"in scope wrongly refused {report.in_scope_refused:7.1%}   (target ≤ 5 %)")
        if report.region_rows:
            print(f"region answers naming that region's law/authority/hotline {report.region_named:7.1%}   "
                  f"(target ≥ 95 %, {report.region_rows} questions)")
        for miss in report.misses[: args.misses]:
            print(f"  miss: {miss['text']!r}: expected {miss['expected'] or 'refusal'}, got {miss['got'] or 'refusal'}"
                  + (f" (region {miss['region'] or 'unknown'})" if "region" in miss else ""))
    return 0 if report.meets_targets() else 1
