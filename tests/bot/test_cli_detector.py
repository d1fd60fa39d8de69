"""`shopsafe check | scan | eval | patterns` through the real CLI entry point."""

from __future__ import annotations

import asyncio
import io
import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import load_settings
from bot.storage import open_store

SCAM = "客服说退款要下载腾讯会议共享屏幕"
LEGIT = "【菜鸟驿站】您的包裹已到站，取件码 3-2-1045"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_prints_a_readable_verdict(capsys) -> None:
    code, out, _ = run(capsys, "check", SCAM)
    assert code == 0
    assert "SCAM" in out and "腾讯会议" in out and "共享屏幕" in out


def test_check_json_is_the_scan_object(capsys) -> None:
    code, out, _ = run(capsys, "check", "--json", SCAM)
    data = json.loads(out)
    assert code == 0 and data["verdict"] == "scam" and "screen_share_for_refund" in data["patterns"]
    assert data["lang"] == "zh-Hans" and data["evidence"] and data["advice"]
    assert "腾讯会议" in out  # ensure_ascii=False


def test_no_match_says_what_to_check(capsys) -> None:
    _, out, _ = run(capsys, "check", LEGIT)
    assert "NO KNOWN PATTERN" in out and "不代表安全" in out


def _scan_lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_scan_writes_one_object_per_line_in_order_and_survives_bad_lines(tmp_path: Path, capsys) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\n".join([
        json.dumps({"text": SCAM}, ensure_ascii=False).encode(),
        b"not json",
        b"[1, 2]",
        b'{"id": 3}',
        b'{"text": 42}',
        b"\xff\xfe broken utf-8",
        b"",
        json.dumps({"text": LEGIT, "id": "x"}, ensure_ascii=False).encode(),
        json.dumps({"text": ""}).encode(),
    ]) + b"\n")
    code, out, _ = run(capsys, "scan", "--jsonl", str(path))
    rows = _scan_lines(out)
    assert code == 0 and len(rows) == 9
    assert rows[0]["verdict"] == "scam"
    assert all(set(r) == {"error"} for r in rows[1:7])
    assert rows[7]["verdict"] == "no_match" and rows[8]["verdict"] == "no_match"
    for row in (rows[0], rows[7]):
        assert {"verdict", "score", "patterns", "lang", "evidence", "advice"} <= set(row)


def test_scan_reads_stdin(monkeypatch, capsys) -> None:
    data = (json.dumps({"text": "Your Apple ID is locked, verify at apple-id-check.top"}) + "\n{bad\n").encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, _ = run(capsys, "scan", "--jsonl", "-")
    rows = _scan_lines(out)
    assert code == 0 and rows[0]["verdict"] == "scam" and "error" in rows[1]


def test_scan_of_a_missing_file_is_a_clear_error(tmp_path: Path, capsys) -> None:
    code, out, err = run(capsys, "scan", "--jsonl", str(tmp_path / "absent.jsonl"))
    assert code == 2 and out == "" and "cannot read" in err


def test_scan_with_db_patterns_uses_approved_community_patterns(tmp_path: Path, capsys) -> None:
    pattern = {"id": "community_unicorn", "family": "community", "title": {"zh": "独角兽", "en": "Unicorn"},
               "signals": [["紫色独角兽"], ["星星币"]], "explanation": {"zh": "说明", "en": "why"},
               "advice": {"zh": "建议", "en": "advice"}}

    async def seed() -> None:
        store = await open_store(load_settings().database_url)
        try:
            await store.add_db_pattern(pattern, moderator_id=1)
            await store.add_db_pattern({"extends": "screen_share_for_refund",
                                        "example": "售后小姐姐说要开个会把屏幕给她看一下才能退钱"}, moderator_id=1)
        finally:
            await store.close()

    load_settings().data_dir.mkdir(parents=True, exist_ok=True)
    asyncio.run(seed())
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": "紫色独角兽让你买星星币"}, ensure_ascii=False) + "\n"
                    + json.dumps({"text": "售后小姐姐说要开个会把屏幕给她看一下才能退款"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    _, plain, _ = run(capsys, "scan", "--jsonl", str(path))
    assert [r["verdict"] for r in _scan_lines(plain)] == ["no_match", "no_match"]
    code, out, _ = run(capsys, "scan", "--jsonl", str(path), "--with-db-patterns")
    rows = _scan_lines(out)
    assert code == 0 and rows[0]["patterns"] == ["community_unicorn"]
    assert rows[1]["patterns"][0] == "screen_share_for_refund"  # first: the checks that fired may name more


def test_eval_reports_recall_and_both_false_positive_rates(tmp_path: Path, capsys) -> None:
    rows = [{"text": SCAM, "label": "scam", "type": "cs", "lang": "zh"},
            {"text": "今晚吃什么", "label": "scam", "type": "cs", "lang": "zh"},
            {"text": LEGIT, "label": "legit", "lang": "zh"},
            {"text": "您好我是快手客服，您购买的化妆品有质量问题，请提供一下订单号", "label": "legit", "lang": "zh"},
            {"text": "WINNER! claim your prize, call 09061701461", "label": "spam", "lang": "en"},
            {"text": "no label"}]
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\nnot json\n", encoding="utf-8")
    code, out, _ = run(capsys, "eval", str(path), "--json")
    summary = json.loads(out)
    assert code == 0
    assert summary["scam"]["all"] == {"n": 2, "recall": 0.5, "judged_scam": 0.5}
    assert summary["scam"]["type:cs"]["recall"] == 0.5
    assert summary["legit"]["lang:zh"] == {"n": 2, "strict_fpr": 0.0, "loose_fpr": 0.5}
    assert summary["spam"]["all"]["n"] == 1 and "spam" not in json.dumps(summary["scam"])
    assert summary["skipped"] == 1 and summary["unreadable_lines"] == 1
    assert [m["text"] for m in summary["misses"]] == ["今晚吃什么"]
    code, out, _ = run(capsys, "eval", str(path), "--misses", "0")
    assert code == 0 and "recall=0.5000" in out and "loose FPR=0.5000" in out and "reported apart" in out
    assert "今晚吃什么" not in out


def test_patterns_lists_and_validates_the_catalog(capsys) -> None:
    code, out, _ = run(capsys, "patterns")
    assert code == 0 and "screen_share_for_refund" in out and "families" in out
    code, out, _ = run(capsys, "patterns", "--validate")
    assert code == 0 and out.strip().endswith("0 problems")
