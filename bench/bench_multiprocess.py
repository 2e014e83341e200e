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
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
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


def section(people: int, rounds: int, solo: list[float], result, lost: int,  # noqa: ANN001
            load: tuple[float, float]) -> str:
    """The markdown section."""
    lat = sorted(result.latencies)
    sent = people * rounds
    machine = (f"{date.today()}, {platform.machine()}, {os.cpu_count()} cores, "
               f"Python {platform.python_version()}")
    p50, p95, worst = result.percentile(50), result.percentile(95), lat[-1] * 1000
    rate, solo_ms, n = sent / result.elapsed, statistics.median(solo) * 1000, len(lat)
    return f"""{START}
## Two processes on one PostgreSQL: {people} participants × {rounds} submissions ({machine})

Two `smartcheck serve` processes (waitress, 8 threads each, real engine) on loopback ports share
one PostgreSQL 15 database. {people} participants join one workshop, half on each process, at
the same moment, then each submits {rounds} rewrites as fast as the servers answer, every
submission going to the other process than the one before (as behind a load balancer). Each
submission runs the engine (SMART scores and rewrites) and stores the attempt. Timed: the join
(GET form + POST) and each submission (POST + the page it redirects to), as a browser sees them.

| measure | value |
| --- | --- |
| submissions sent / stored / lost | {sent} / {sent - lost} / **{lost}** |
| failed requests | {len(result.failures)} |
| wall time for the burst | {result.elapsed:.1f} s ({rate:.1f} submissions/s) |
| latency p50 / p95 / max (burst, {n} requests) | {p50:.0f} / **{p95:.0f}** / {worst:.0f} ms |
| one participant alone, median of {len(solo)} submissions | {solo_ms:.0f} ms |

The burst is the worst case: {people} people clicking Submit in the same second queue behind
two processes on {os.cpu_count()} cores, so p95 is the queue length × the engine's time per
check divided by the processes; a real room spreads its submissions over minutes. More
processes (or cores) shorten the queue; nothing is lost either way.
Load average before / after: {load[0]:.1f} / {load[1]:.1f} (shared machine).
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
    args = parser.parse_args()

    from multiproc import cluster, create_workshop, run_load
    from pgserver import create_database, temporary_postgres

    load_before = os.getloadavg()[0]
    with temporary_postgres() as server:
        url = create_database(server)
        with cluster(url, 2) as (a, b):
            _host, code, _link = create_workshop(a.base, "Solo")
            solo = alone(a.base, code)
            result = run_load([a.base, b.base], args.people, args.rounds, timeout=600)
        stored = stored_texts(url)
    expected = {f"Repeal articles 40 to 44 of the Civil Code by 2027 (person {i}, try {r})."
                for i in range(args.people) for r in range(args.rounds)}
    assert result.texts <= expected, "the load's texts changed: update `expected`"
    lost = len(expected - stored)
    text = section(args.people, args.rounds, solo, result, lost,
                   (load_before, os.getloadavg()[0]))
    print(text)
    if result.failures:
        print("failures:", *result.failures[:10], sep="\n  ", file=sys.stderr)
    if not args.no_write:
        write(text)
    return 1 if lost or result.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
