"""`shopsafe ask | kb | eval-kb`: the command-line contract other tools call."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

QUESTIONS = Path(__file__).resolve().parents[1] / "knowledge" / "questions.jsonl"
KEYS = {"answer", "article", "score", "lang", "related", "region", "situations"}


def test_ask_prints_the_answer_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "快递单怎么处理"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("快递单和快递盒怎么处理\n") and "来源：" in out and "<" not in out


def test_ask_json_is_the_contract_object(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--json", "驗證碼可以給客服嗎"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert set(payload) == KEYS
    assert payload["article"] == "verification-codes" and payload["lang"] == "zh-Hant"
    assert isinstance(payload["score"], float) and payload["related"]


def test_ask_json_out_of_scope_has_null_article(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--json", "what's the weather in Paris tomorrow"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["article"] is None and payload["related"] == [] and payload["answer"]


def test_ask_lang_forces_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--json", "--lang", "en", "快递单怎么处理"]) == 0
    assert json.loads(capsys.readouterr().out)["lang"] == "en"


def test_ask_jsonl_answers_every_line_in_order_and_reports_unreadable_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        "\n".join([
            json.dumps({"text": "what is a privacy waybill"}),
            "not json",
            json.dumps({"text": "红烧肉怎么做"}, ensure_ascii=False),
            json.dumps(["text"]),
            "",
            json.dumps({"text": "密碼多久換一次", "id": 7}, ensure_ascii=False),
        ]).encode("utf-8") + b"\n\xff\xfe\n"
    )
    assert main(["ask", "--jsonl", str(path)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 7
    assert lines[0]["article"] == "privacy-waybill" and set(lines[0]) == KEYS
    assert "error" in lines[1]
    assert lines[2]["article"] is None
    assert "error" in lines[3] and lines[4] == {"error": "empty line"}
    assert lines[5]["article"] == "strong-passwords" and lines[5]["lang"] == "zh-Hant"
    assert lines[6] == {"error": "line is not valid UTF-8"}


def test_ask_jsonl_reads_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b'{"text": "should I share my screen with support?"}\n'), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["ask", "--jsonl", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["article"] == "screen-sharing"


def test_ask_jsonl_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--jsonl", str(tmp_path / "absent.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_kb_validate_passes_and_lists_topics(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "--validate"]) == 0
    assert capsys.readouterr().out.strip().endswith(": ok")
    assert main(["kb", "--lang", "zh-Hant"]) == 0
    assert "verification-codes\t驗證碼絕對不能給別人" in capsys.readouterr().out


def test_eval_kb_reports_the_three_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval-kb", str(QUESTIONS), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["meets_targets"] is True
    assert {"top1", "out_of_scope_refused", "in_scope_refused"} <= set(report)
    assert main(["eval-kb", str(QUESTIONS)]) == 0
    out = capsys.readouterr().out
    assert "top-1 article right" in out and "out of scope refused" in out and "in scope wrongly refused" in out


def test_eval_kb_unreadable_set_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("{oops\n")
    assert main(["eval-kb", str(path)]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_the_installed_command_answers_with_utf8_whatever_the_locale() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "ask", "--json", "隐私面单是什么"],
        capture_output=True, env={"LANG": "C", "LC_ALL": "C", "PATH": "/usr/bin:/bin"}, timeout=60, check=True,
    )
    assert json.loads(result.stdout.decode("utf-8"))["article"] == "privacy-waybill"


def test_ask_jsonl_lines_are_independent_unless_they_carry_a_context(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [{"text": "where do I report a scam in Hong Kong?"}, {"text": "and in the UK?"},
             {"text": "and in the UK?", "context": "where do I report a scam in Hong Kong?"},
             {"text": "what now?", "context": 7}]
    stdin = io.TextIOWrapper(io.BytesIO("\n".join(json.dumps(line) for line in lines).encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["ask", "--jsonl", "-"]) == 0
    hong_kong, alone, follow_up, bad = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert hong_kong["region"] == "HK" and "18222" in hong_kong["answer"]
    assert alone["article"] != "where-to-report" or alone["region"] == "UK"
    assert follow_up["article"] == "where-to-report" and follow_up["region"] == "UK"
    assert "Report Fraud" in follow_up["answer"]
    assert "error" in bad


def test_ask_region_is_the_stored_place_and_an_unknown_code_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--json", "--region", "sg", "where do I report a scam?"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["region"] == "SG" and "1799" in payload["answer"]
    assert main(["ask", "--region", "XX", "where do I report a scam?"]) == 2
    assert "unknown region" in capsys.readouterr().err


def test_eval_kb_reports_region_answers_naming_the_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "regions.jsonl"
    rows = [{"text": "在台灣被騙了要打哪支電話", "article": "where-to-report", "region": "TW"},
            {"text": "who do I call about a scam in Singapore", "article": "where-to-report", "region": "SG",
             "must_name": ["1799"]},
            {"text": "and in Malaysia?", "context": "where do I report a scam", "article": "where-to-report",
             "region": "MY", "must_name": ["997"]}]
    path.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n", encoding="utf-8")
    assert main(["eval-kb", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["region_questions"] == 3 and report["region_named"] == 1.0
    assert main(["eval-kb", str(path)]) == 0
    assert "region answers naming that region's law/authority/hotline" in capsys.readouterr().out
