"""Large files stream through `smartcheck check` in chunks: same output, memory that stays flat."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("/work/shared/data/upr-info-recommendations-sessions-01-16.csv")
if not DATA.exists():
    DATA = ROOT.parent / "shared" / "data" / "upr-info-recommendations-sessions-01-16.csv"
pytestmark = pytest.mark.skipif(not DATA.exists(), reason="needs the UPR Info export")
# Peak RSS of 3,000 rows over 1,000 rows. Before streaming, every report stayed in memory
# until the end (about 30 KB a row, 3.9 GB for 100,000 rows): 2,000 more rows, +60 MB.
GROWTH_MB = 15


def upr_csv(path: Path, rows: int, offset: int = 0, times: int = 1) -> Path:
    """`rows` real UPR Info rows (with the export's header), `times` over, written to `path`."""
    with DATA.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        body = [row for n, row in enumerate(reader) if offset <= n < offset + rows]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for _ in range(times):
            writer.writerows(body)
    return path


def cli(tmp: Path, *args: str) -> tuple[int, bytes, str, float]:
    """(status, stdout, stderr, peak RSS in MB) of the real command in its own process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    out_path, err_path = tmp / "stdout", tmp / "stderr"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "smartcheck.cli", *args], env=env,
                                stdout=out, stderr=err)
        # wait4: the peak memory of this one child, not of every child the tests ran
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    return (proc.returncode, out_path.read_bytes(), err_path.read_text(encoding="utf-8"),
            usage.ru_maxrss / 1024)


@pytest.fixture(scope="module")
def thousand(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """1,000 real rows checked streamed (chunks of 250) and whole (one chunk of 5,000)."""
    tmp = tmp_path_factory.mktemp("thousand")
    source = upr_csv(tmp / "rows1000.csv", 1000)
    streamed = cli(tmp, "check", str(source), "--format", "jsonl", "--chunk-size", "250",
                   "--duplicates", "lexical", "--progress")
    return {"tmp": tmp, "source": source, "streamed": streamed}


def test_streamed_output_equals_the_whole_file_output(thousand: dict) -> None:
    """Chunks of 250 give the same JSONL, byte for byte, as the file checked in one chunk."""
    tmp, source = thousand["tmp"], thousand["source"]
    status, streamed, err, _ = thousand["streamed"]
    assert status == 0, err
    status, whole, err2, _ = cli(tmp, "check", str(source), "--format", "jsonl",
                                 "--chunk-size", "5000", "--duplicates", "lexical")
    assert status == 0, err2
    assert streamed == whole
    rows = [json.loads(line) for line in streamed.decode("utf-8").splitlines()]
    assert len(rows) == 1000 and rows[0]["label"] == "1" and rows[-1]["label"] == "1000"
    # progress: a counter line per chunk when stderr is not a terminal
    assert "smartcheck: [" in err and "1,000/1,000 (100%)" in err
    assert "found 1,000 recommendations, checked 1,000, skipped 0" in err


def test_memory_does_not_grow_with_rows(thousand: dict) -> None:
    """Three times the rows, the same peak memory: reports are not kept.

    The 3,000 rows are the 1,000 three times over, so every chunk is one the 1,000-row run
    also checked: the heaviest chunk is the same, and only the number of rows differs.
    """
    tmp = thousand["tmp"]
    status, _, err, small = thousand["streamed"]
    assert status == 0, err
    source = upr_csv(tmp / "rows3000.csv", 1000, times=3)
    status, out, err, large = cli(tmp, "check", str(source), "--format", "jsonl",
                                  "--chunk-size", "250", "--duplicates", "lexical",
                                  "-o", str(tmp / "out3000.jsonl"))
    assert status == 0, err
    assert out == b""
    assert sum(1 for _ in (tmp / "out3000.jsonl").open(encoding="utf-8")) == 3000
    assert large - small < GROWTH_MB, (small, large)


@pytest.mark.parametrize("fmt", ["csv", "json", "text"])
def test_every_streamed_format_equals_one_chunk(tmp_path: Path, fmt: str) -> None:
    """CSV, the JSON document and the terminal table come out the same, chunked or not."""
    source = upr_csv(tmp_path / "rows.csv", 45, offset=20_000)
    results = [cli(tmp_path, "check", str(source), "--format", fmt, "--chunk-size", size,
                   "--duplicates", "lexical") for size in ("20", "1000")]
    (s1, chunked, e1, _), (s2, whole, e2, _) = results
    assert s1 == s2 == 0, e1 + e2
    if fmt == "json":
        a, b = json.loads(chunked), json.loads(whole)
        assert a["reports"] == b["reports"] and len(a["reports"]) == 45
        assert a["source"] == b["source"] and a["skipped"] == b["skipped"] == []
        # the summary's figures are the same; near-duplicates are looked for within chunks
        for key in ("count", "smart", "mean_overall", "criterion_means", "verdict_counts",
                    "action_categories", "to_split", "word_count"):
            assert a["summary"][key] == b["summary"][key], key
        assert a["summary"]["duplicate_scope"] == "within chunks of 20 recommendations"
    elif fmt == "csv":
        assert chunked == whole and chunked.count(b"\r\n") == 46
    else:
        table = [line for line in chunked.decode().splitlines() if "duplicates" not in line]
        assert table == [line for line in whole.decode().splitlines()
                         if "duplicates" not in line]
        assert "45 recommendations checked" in chunked.decode()
