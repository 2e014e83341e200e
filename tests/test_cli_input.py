"""The `check` argument: a text, a file, or a clear one-line error (real CLI, subprocess)."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

from extract_samples import build_docx

ROOT = Path(__file__).resolve().parent.parent
SMARTCHECK = [sys.executable, "-m", "smartcheck.cli"]
LONG = ("Adopt, by December 2027, a comprehensive law that prohibits discrimination on all "
        "grounds, including sex, disability, ethnicity, religion, sexual orientation and gender "
        "identity, in employment, education, housing and access to public services, and that "
        "gives victims access to effective remedies through an independent equality body with "
        "its own budget.")


def run(*args: str | bytes, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """The real command line in a subprocess (bytes in and out)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    return subprocess.run([*SMARTCHECK, *args], capture_output=True, env=env, cwd=cwd,
                          timeout=600, check=False)


def one_line_error(result: subprocess.CompletedProcess[bytes]) -> str:
    """The stderr of a refused input: exit 2, one line, no traceback."""
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("smartcheck: ")
    return err


def test_a_long_text_is_checked_as_text_not_taken_for_a_file_name() -> None:
    """256+ characters used to fail with 'File name too long' (exit 2)."""
    assert len(LONG) > 300
    result = run("check", LONG, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert b"File name too long" not in result.stderr
    assert result.stdout.decode("utf-8").count("\n") == 1
    assert b'"overall"' in result.stdout and LONG[:60].encode() in result.stdout


def test_an_existing_file_of_unknown_type_is_an_error_not_text() -> None:
    """`check /usr/bin/ls` used to score the path's text; now a one-line error, exit 2."""
    err = one_line_error(run("check", "/usr/bin/ls"))
    assert "/usr/bin/ls" in err and "cannot be read" in err


def test_a_folder_is_an_error(tmp_path: Path) -> None:
    """A directory is not a submission."""
    assert "folder" in one_line_error(run("check", str(tmp_path)))


def test_a_missing_file_name_is_an_error(tmp_path: Path) -> None:
    """A name that looks like a file but is not there."""
    assert "No such file" in one_line_error(run("check", str(tmp_path / "missing.docx")))


def test_an_argument_that_is_not_utf8_is_checked_as_windows_1252() -> None:
    """Bytes that are not UTF-8 used to print a traceback and exit 1."""
    text = "Adopt the \u201cPublic Order\u201d law\u2019s amendment on protests by 2027."
    result = run(b"check", text.encode("cp1252"), b"--format", b"jsonl")
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 0, err
    assert "Traceback" not in err and "not UTF-8" in err
    assert "\u201cPublic Order\u201d" in result.stdout.decode("utf-8")


def test_undecodable_bytes_in_a_missing_file_name_are_one_line() -> None:
    """A non-UTF-8 name of a file that is not there: exit 2, no traceback."""
    err = one_line_error(run(b"check", b"/tmp/no-such-dir/recs\xff.docx"))
    assert "No such file" in err


def test_a_file_whose_name_is_not_utf8_is_read(tmp_path: Path) -> None:
    """A real file with a Latin-1 name is a file, not text."""
    name = os.fsencode(tmp_path) + b"/recommandations-\xe9t\xe9.txt"
    with open(name, "w", encoding="utf-8") as handle:
        handle.write("Ratify the Convention against Torture by 2027.\n"
                     "Adopt a law on domestic violence by 2026.\n")
    result = run(b"check", name, b"--format", b"jsonl")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8").count("\n") == 2


def test_docx_rows_can_be_told_apart_in_the_table(tmp_path: Path) -> None:
    """Bullets are labelled by paragraph; the label column used to show 'parag…' on every row."""
    bullets = [("bullet", f"Train {n * 100} judges and prosecutors on the Istanbul Convention "
                          f"by {2026 + n % 3}.") for n in range(1, 13)]
    path = build_docx(tmp_path / "bullets.docx", [("h1", "Recommendations"), *bullets])
    result = run("check", str(path), "--duplicates", "off")
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, result.stderr
    rows = [line for line in out.splitlines() if re.match(r"^\s*\S+\s+(PASS|PART|FAIL) ", line)]
    labels = [row.split()[0] for row in rows]
    assert len(rows) == 12
    assert len(set(labels)) == 12, labels
    assert all("parag" not in label for label in labels)


def test_stderr_says_what_was_found_checked_and_skipped(tmp_path: Path) -> None:
    """A file's check says on stderr how many were found, checked and skipped, and why."""
    path = tmp_path / "recs.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["No.", "Recommendation"])
        writer.writerow(["1", "Ratify the Convention against Torture by 2027."])
        writer.writerow(["2", "Adopter une loi contre la torture et les mauvais traitements "
                              "dans les prisons du pays."])
        writer.writerow(["3", "Adopt a law on domestic violence by 2026."])
    result = run("check", str(path), "--format", "jsonl", "--duplicates", "off")
    err = result.stderr.decode("utf-8")
    assert result.returncode == 0, err
    assert "recs.csv (table): found 3 recommendations, checked 2, skipped 1." in err
    assert re.search(r"skipped 2: .*English", err), err
    assert result.stdout.decode("utf-8").count("\n") == 2


def test_bulk_options_are_checked() -> None:
    """--workers applies to files; 0 workers or both ways at once are errors."""
    assert "at least 1" in one_line_error(run("check", LONG, "--workers", "0"))
    assert "give a file" in one_line_error(run("check", LONG, "--workers", "2"))
    err = one_line_error(run("check", "examples/submissions/sample-recommendations.csv",
                             "--scheduler", "localhost:8786"))
    assert "tcp://" in err
