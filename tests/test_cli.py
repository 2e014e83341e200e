"""The `smartcheck` command line: formats, files, stdin, exit codes, bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from smartcheck.cli import ExitCode, main

WEAK = "Continue its efforts to promote the rights of women."
STRONG = "Ratify the Convention on the Rights of Persons with Disabilities by 2026."


def run(capsys, *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process; return (status, stdout, stderr)."""
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_text_format_reads_like_a_report(capsys) -> None:
    """The terminal view shows each letter's verdict, the category and the best rewrite."""
    status, out, _ = run(capsys, "check", WEAK)
    assert status == ExitCode.OK
    assert out.startswith(WEAK)
    assert "action category 2 (Continuing action)" in out
    for line in ("  S FAIL", "  M FAIL", "  A PASS", "  R PASS", "  T FAIL"):
        assert line in out
    assert "Better (" in out and "[year]" in out


def test_json_format_is_versioned(capsys) -> None:
    """JSON output wraps Report dicts with a schema version and a summary."""
    status, out, _ = run(capsys, "check", STRONG, "--format", "json")
    data = json.loads(out)
    assert status == 0
    assert data["schema_version"] == 1
    assert data["reports"][0]["smart"] is True
    assert data["summary"] ["count"] == 1 and data["summary"]["smart"] == 1


def test_file_with_one_recommendation_per_line(tmp_path: Path, capsys) -> None:
    """A .txt file is read line by line; jsonl gives one object per line."""
    path = tmp_path / "recs.txt"
    path.write_text(f"{WEAK}\n\n{STRONG}\n", encoding="utf-8")
    status, out, _ = run(capsys, "check", str(path), "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert status == 0
    assert [r["text"] for r in rows] == [WEAK, STRONG]
    assert [r["label"] for r in rows] == ["1", "2"]


def test_windows_1252_text_file_is_decoded(tmp_path: Path, capsys) -> None:
    """A file saved by an old Windows editor keeps its curly quotes."""
    path = tmp_path / "recs.txt"
    path.write_bytes("Adopt the \u201cPublic Order\u201d law\u2019s amendment by 2027.\n"
                     .encode("cp1252"))
    status, out, _ = run(capsys, "check", str(path), "--format", "jsonl")
    assert status == 0
    assert "\u201cPublic Order\u201d" in json.loads(out)["text"]


def test_csv_output_to_a_file(tmp_path: Path, capsys) -> None:
    """-o writes the CSV (one row per recommendation) and nothing to stdout."""
    source = tmp_path / "recs.txt"
    source.write_text(f"{WEAK}\n{STRONG}\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    status, out, _ = run(capsys, "check", str(source), "--format", "csv", "-o", str(target))
    assert status == 0 and out == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [r["smart"] for r in rows] == ["no", "yes"]
    assert rows[0]["specific"] == "fail" and rows[0]["best_rewrite"]


def test_stdin(monkeypatch, capsys) -> None:
    """`-` reads recommendations from standard input."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STRONG.encode("utf-8"))))
    status, out, _ = run(capsys, "check", "-", "--format", "jsonl")
    assert status == 0
    assert json.loads(out)["overall"] == 100


def test_fail_under_exits_one(capsys) -> None:
    """Any overall below the threshold gives exit status 1, output still printed."""
    status, out, _ = run(capsys, "check", WEAK, "--fail-under", "70")
    assert status == ExitCode.BELOW_THRESHOLD
    assert WEAK in out
    assert run(capsys, "check", STRONG, "--fail-under", "70")[0] == ExitCode.OK


@pytest.mark.parametrize("args", [
    ["check", ""],
    ["check", "   "],
    ["check", "no-such-file.docx"],
    ["check", "Adopter une loi sur la violence domestique et les droits des femmes."],
    ["eval", "no-such.csv"],
])
def test_bad_input_exits_two_with_a_message(capsys, args: list[str]) -> None:
    """Usage or input errors: exit 2, a plain message on stderr, no traceback."""
    status, _, err = run(capsys, *args)
    assert status == ExitCode.INPUT_ERROR
    assert err.startswith("smartcheck: ")
    assert "Traceback" not in err


def test_binary_file_exits_two(tmp_path: Path, capsys) -> None:
    """Binary junk named .txt is refused."""
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 40)
    status, _, err = run(capsys, "check", str(path))
    assert status == ExitCode.INPUT_ERROR and "smartcheck:" in err


def test_rules_list_names_every_rule(capsys) -> None:
    """`rules list` prints one line per rule with its id."""
    status, out, _ = run(capsys, "rules", "list")
    assert status == 0
    assert "time_bound.no-deadline" in out and "specific.hedge" in out


def test_usage_error_is_exit_two() -> None:
    """argparse's own usage errors also exit 2 (run as a real process)."""
    result = subprocess.run([sys.executable, "-m", "smartcheck.cli", "check", "x",
                             "--format", "pdf"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
