"""`check FILE --workers N` and `--scheduler tcp://…` give the one-process output, in order."""

from __future__ import annotations

import csv
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


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command line in a subprocess."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "smartcheck.cli", *args], env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=1800,
                          check=False)


@pytest.fixture(scope="module")
def job(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """120 real rows (sessions far apart) and their JSONL from one process, chunks of 20."""
    tmp = tmp_path_factory.mktemp("bulk")
    source = tmp / "recs.csv"
    with DATA.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = [row for n, row in enumerate(reader) if n % 250 == 7][:120]
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    args = ["check", str(source), "--format", "jsonl", "--chunk-size", "20"]
    single = cli(*args)
    assert single.returncode == 0, single.stderr
    assert single.stdout.count("\n") == 120
    return {"args": args, "single": single.stdout}


def test_two_worker_processes_give_the_same_jsonl_in_order(job: dict) -> None:
    """--workers 2: byte-identical output, with progress on stderr when asked."""
    result = cli(*job["args"], "--workers", "2", "--progress")
    assert result.returncode == 0, result.stderr
    assert result.stdout == job["single"]
    assert "120/120 (100%)" in result.stderr
    assert "found 120 recommendations, checked 120" in result.stderr


def test_a_dask_cluster_gives_the_same_jsonl(job: dict) -> None:
    """--scheduler on a local Dask cluster (two worker processes on loopback)."""
    distributed = pytest.importorskip("distributed")
    os.environ.setdefault("PYTHONPATH", str(ROOT))  # the workers import this checkout
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        result = cli(*job["args"], "--scheduler", cluster.scheduler_address)
        with distributed.Client(cluster) as client:
            # each worker process built its engine once, however many chunks it checked
            engines = client.run(lambda: len(
                __import__("smartcheck.bulk.runner", fromlist=["_engines"])._engines))
    assert len(engines) == 2 and max(engines.values()) == 1, engines
    assert result.returncode == 0, result.stderr
    assert result.stdout == job["single"]


def test_an_unreachable_scheduler_is_a_one_line_error(job: dict) -> None:
    """No scheduler listening: exit 2 and one line, not a traceback or a hang."""
    result = cli(*job["args"], "--scheduler", "tcp://127.0.0.1:9")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("smartcheck: Cannot reach")
