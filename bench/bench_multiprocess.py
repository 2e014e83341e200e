"""Two `smartcheck serve` processes on one PostgreSQL: 60 participants × 5 submissions.

Starts a throw-away PostgreSQL (Debian's package, tests/pgserver.py) and two real servers on
loopback ports, measures one participant alone, then everyone at once (a burst: all 60 join at
the same moment and submit five times as fast as the servers answer), checks that every
submission is in the database, and writes its section of docs/benchmarks.md.
Run: `python bench/bench_multiprocess.py [--people 60] [--rounds 5] [--no-write]`.
Every request goes to 127.0.0.1; the run is bounded (10 minutes at most) and stops by itself.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
from multiproc import LoadResult  # noqa: E402 - after the path is set

START, END = "<!-- multiprocess-bench:start -->", "<!-- multiprocess-bench:end -->"


def alone(base: str, code: str, count: int = 10) -> list[float]:
    """Latencies (s) of one participant submitting `count` times with nobody else about."""
    from multiproc import join, submit

    client, page = join(base, code, "Solo")
    times = []
    for n in range(count):
        began = time.perf_counter()
        page = submit(client, base, code, page, f"Ratify the Optional Protocol by 2027 ({n}).")
        times.append(time.perf_counter() - began)
    return times


def stored_texts(url: str) -> set[str]:
    """Every submitted text in the database."""
    from sqlalchemy import select

    from web.workshop.models import Submission
    from web.workshop.store import Store

    store = Store(url)
    with store.read() as db:
        texts = set(db.scalars(select(Submission.text)))
    store.dispose()
    return texts


@dataclass
class Run:
    """One set-up's measurements."""

    name: str
    solo: list[float]
    result: LoadResult
    lost: int


def measure(name: str, url: str, processes: int, people: int, rounds: int) -> Run:
    """Start `processes` servers on `url`, time one participant alone, then the burst."""
    from multiproc import cluster, create_workshop, run_load

    with cluster(url, processes) as servers:
        bases = [s.base for s in servers]
        _host, code, _link = create_workshop(bases[0], "Solo")
        solo = alone(bases[0], code)
        result = run_load(bases, people, rounds, timeout=600)
    expected = {f"Repeal articles 40 to 44 of the Civil Code by 2027 (person {i}, try {r})."
                for i in range(people) for r in range(rounds)}
    assert result.texts <= expected, "the load's texts changed: update `expected`"
    return Run(name, solo, result, len(expected - stored_texts(url)))


def section(people: int, rounds: int, runs: list[Run], load: tuple[float, float]) -> str:
    """The markdown section."""
    sent = people * rounds
    machine = (f"{date.today()}, {platform.machine()}, {os.cpu_count()} cores, "
               f"Python {platform.python_version()}")
    rows = [
        ("submissions sent / stored / lost",
         [f"{sent} / {sent - r.lost} / **{r.lost}**" for r in runs]),
        ("failed requests", [str(len(r.result.failures)) for r in runs]),
        ("wall time for the burst",
         [f"{r.result.elapsed:.1f} s ({sent / r.result.elapsed:.1f} submissions/s)"
          for r in runs]),
        (f"latency p50 / p95 / max ({len(runs[0].result.latencies)} requests)",
         [f"{r.result.percentile(50):.0f} / **{r.result.percentile(95):.0f}** / "
          f"{max(r.result.latencies) * 1000:.0f} ms" for r in runs]),
        ("one participant alone, median of 10 submissions",
         [f"{statistics.median(r.solo) * 1000:.0f} ms" for r in runs]),
    ]
    table = "\n".join([f"| measure | {' | '.join(r.name for r in runs)} |",
                       "| --- |" + " --- |" * len(runs)]
                      + [f"| {label} | {' | '.join(values)} |" for label, values in rows])
    return f"""{START}
## Many processes, one database: {people} participants × {rounds} submissions ({machine})

`smartcheck serve` processes (waitress, 8 threads each, real engine) on loopback ports; the
hosted layout (two processes sharing one PostgreSQL 15 database) beside the laptop default (one
process, SQLite file). {people} participants join one workshop at the same moment, spread over
the processes, then each submits {rounds} rewrites as fast as the servers answer, each
submission going to another process than the one before (as behind a load balancer). Each
submission runs the engine (SMART scores and rewrites) and stores the attempt. Timed: the join
(GET form + POST) and each submission (POST + the page it redirects to), as a browser sees them.

{table}

The burst is the worst case: {people} people clicking Submit in the same second queue behind
the processes on {os.cpu_count()} cores, so p95 is about the queue length × the engine's time
per check ÷ the processes; a real room spreads its submissions over minutes. More processes
(with the cores to run them) shorten the queue; nothing is lost either way.
Load average before / after: {load[0]:.1f} / {load[1]:.1f} (a machine shared with other
work: the latencies move with it, the counts do not).
Command: `python bench/bench_multiprocess.py`.
{END}"""


def write(text: str) -> None:
    """Replace (or append) this benchmark's section of docs/benchmarks.md."""
    path = ROOT / "docs" / "benchmarks.md"
    doc = path.read_text(encoding="utf-8")
    if START in doc and END in doc:
        doc = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _m: text, doc,
                     flags=re.S)
    else:
        doc = doc.rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(doc, encoding="utf-8")


def main() -> int:
    """Start the database and the servers, measure, check, write."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="print, do not write the doc")
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip the one-process SQLite run")
    args = parser.parse_args()

    from pgserver import create_database, temporary_postgres

    load_before = os.getloadavg()[0]
    runs = []
    with temporary_postgres() as server:
        runs.append(measure("2 processes, PostgreSQL", create_database(server), 2,
                            args.people, args.rounds))
    if not args.no_baseline:
        with tempfile.TemporaryDirectory() as tmp:
            runs.append(measure("1 process, SQLite", f"sqlite:///{tmp}/bench.sqlite", 1,
                                args.people, args.rounds))
    text = section(args.people, args.rounds, runs, (load_before, os.getloadavg()[0]))
    print(text)
    for run in runs:
        if run.result.failures:
            print(f"{run.name} failures:", *run.result.failures[:10], sep="\n  ",
                  file=sys.stderr)
    if not args.no_write:
        write(text)
    return 1 if any(r.lost or r.result.failures for r in runs) else 0


if __name__ == "__main__":
    raise SystemExit(main())
