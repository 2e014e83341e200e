"""Bulk checks through the real CLI: peak memory of a streamed 100,000-row CSV, and --workers.

Writes its sections of docs/benchmarks.md. Run: `python bench/bench_bulk.py stream` (a
100,000-row CSV made in a temporary folder from the UPR Info rows, repeated; never kept) and
`python bench/bench_bulk.py workers` (600 real recommendations, one process vs --workers 2).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from run import write_section  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "upr-info-recommendations-sessions-01-16.csv"
if not DATA.exists():
    DATA = Path("/work/shared/data/upr-info-recommendations-sessions-01-16.csv")


def make_csv(path: Path, rows: int, offset: int = 0) -> Path:
    """`rows` UPR Info rows (repeated from the start when the export runs out)."""
    with DATA.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        source = list(reader)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for n in range(rows):
            writer.writerow(source[(offset + n) % len(source)])
    return path


def run_cli(args: list[str], sample_s: float = 0.5,
            budget_s: float | None = None) -> dict[str, Any]:
    """Run `smartcheck ARGS`; wall time, peak RSS of its process tree (sampled) and, with
    --progress, resident memory at each progress line; stopped after `budget_s` if given."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "smartcheck.cli", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = {"tree": 0, "main": 0}
    profile: list[tuple[int, float]] = []
    tail: list[str] = []

    def read_progress() -> None:
        assert proc.stderr is not None
        for raw in proc.stderr:
            line = raw.decode("utf-8", "replace")
            tail[:] = [*tail[-20:], line]
            match = re.search(r"\] ([\d,]+)/", line)
            if match:
                try:
                    rss = psutil.Process(proc.pid).memory_info().rss / 2**20
                except psutil.Error:
                    continue
                profile.append((int(match.group(1).replace(",", "")), rss))

    def sample() -> None:
        root = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                main = root.memory_info().rss
                tree = main + sum(c.memory_info().rss for c in root.children(recursive=True))
            except psutil.Error:
                break
            peak["main"], peak["tree"] = max(peak["main"], main), max(peak["tree"], tree)
            time.sleep(sample_s)

    watcher = threading.Thread(target=sample, daemon=True)
    reader = threading.Thread(target=read_progress, daemon=True)
    watcher.start()
    reader.start()
    stopped = False
    if budget_s is not None:
        try:
            proc.wait(timeout=budget_s)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGINT)
            stopped = True
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    watcher.join(timeout=2)
    reader.join(timeout=2)
    if proc.returncode and not stopped:
        raise SystemExit(f"smartcheck {' '.join(args)} failed:\n{''.join(tail)}")
    return {"seconds": time.perf_counter() - started, "maxrss_mb": usage.ru_maxrss / 1024,
            "main_mb": peak["main"] / 2**20, "tree_mb": peak["tree"] / 2**20,
            "profile": profile, "stopped": stopped}


def header() -> str:
    """Date, machine and load, for the section title."""
    return (f"{date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}")


def bench_stream(rows: int, budget_s: float | None) -> str:
    """Peak memory of one CLI process streaming `rows` rows to JSONL, and along the way."""
    with tempfile.TemporaryDirectory() as tmp:
        source = make_csv(Path(tmp) / f"rows{rows}.csv", rows)
        out = Path(tmp) / f"rows{rows}.jsonl"
        load = os.getloadavg()[0]
        r = run_cli(["check", str(source), "--format", "jsonl", "-o", str(out), "--progress"],
                    budget_s=budget_s)
        written = sum(1 for _ in out.open(encoding="utf-8")) if out.exists() else 0
        size = source.stat().st_size / 1e6
    done = r["profile"][-1][0] if r["profile"] else 0
    lines = [f"## Streaming a large CSV through the CLI ({header()})", "",
             "`smartcheck check FILE.csv --format jsonl -o OUT --progress` reads the CSV row by "
             "row and checks it in chunks of 500 (extract → `check_many` → write), so memory "
             "does not grow with the file. Rows: the UPR Info export's, repeated, in a "
             "temporary folder; one process; peak resident memory from the kernel "
             "(`ru_maxrss`), and the process's RSS at each progress line.", "",
             "| rows in the CSV | CSV size | reports written | wall time | rate | peak RSS | "
             "load at start |", "| --- | --- | --- | --- | --- | --- | --- |",
             f"| {rows:,} | {size:.1f} MB | {written:,} | {r['seconds'] / 60:.1f} min | "
             f"{written / r['seconds']:.0f}/s | {r['maxrss_mb']:.0f} MB | {load:.1f} |", "",
             "Resident memory along the run (rows checked → RSS):", "",
             "| rows checked | RSS |", "| --- | --- |"]
    profile = r["profile"]
    step = max(1, len(profile) // 10)
    for n, rss in [*profile[::step], *profile[-1:]][:12]:
        lines.append(f"| {n:,} | {rss:.0f} MB |")
    if r["stopped"]:
        lines += ["", f"Stopped by the time budget after {r['seconds'] / 60:.0f} min at {done:,} "
                  f"of {rows:,} rows (the machine was shared; load {load:.1f} on 2 cores)."]
    lines += ["", "Before (issue 13): a 100,000-row CSV ran more than 10 minutes and reached "
              "3.9 GB. Command: `python bench/bench_bulk.py stream`."]
    return "\n".join(lines)


def bench_workers(rows: int) -> str:
    """One process against --workers 2 on `rows` real recommendations: same JSONL, times."""
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        source = make_csv(Path(tmp) / "recs.csv", rows, offset=12_000)
        outputs = {}
        for workers in (1, 2):
            out = Path(tmp) / f"w{workers}.jsonl"
            load = os.getloadavg()[0]
            results[workers] = run_cli(["check", str(source), "--format", "jsonl", "-o", str(out),
                                        "--workers", str(workers), "--chunk-size", "100"])
            results[workers]["load"] = load
            outputs[workers] = out.read_bytes()
            print(workers, results[workers], flush=True)
        same = outputs[1] == outputs[2]
    one, two = results[1]["seconds"], results[2]["seconds"]
    lines = [f"## Bulk check over worker processes ({header()})", "",
             f"{rows} real recommendations (UPR Info rows from 12,000 on) as a CSV, `smartcheck "
             "check FILE --format jsonl --chunk-size 100 [--workers 2]`, wall time including "
             "the engine load (once per worker). Peak RSS: the process tree, sampled every "
             "0.5 s.", "",
             "| run | wall time | rate | peak RSS (all processes) | load at start |",
             "| --- | --- | --- | --- | --- |"]
    for workers, r in results.items():
        name = "one process" if workers == 1 else f"--workers {workers}"
        lines.append(f"| {name} | {r['seconds']:.1f} s | {rows / r['seconds']:.1f}/s | "
                     f"{r['tree_mb']:.0f} MB | {r['load']:.1f} |")
    lines += ["", f"Same JSONL, byte for byte: {'yes' if same else 'NO'}. Speed-up: "
              f"{one / two:.2f}× on a machine shared with other jobs (2 cores). "
              "Command: `python bench/bench_bulk.py workers`."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run one benchmark and write its section."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("which", choices=("stream", "workers"))
    parser.add_argument("--rows", type=int, help="rows (stream: 100,000; workers: 600)")
    parser.add_argument("--minutes", type=float, help="stop the stream run after this long")
    parser.add_argument("--dry-run", action="store_true", help="print, do not write the docs")
    args = parser.parse_args(argv)
    if args.which == "stream":
        budget = args.minutes * 60 if args.minutes else None
        section, name = bench_stream(args.rows or 100_000, budget), "bulk-stream-bench"
    else:
        section, name = bench_workers(args.rows or 600), "bulk-workers-bench"
    print(section)
    if not args.dry_run:
        write_section(section, name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
