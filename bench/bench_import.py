"""Corpus import of the 30,261-row UPR Info export: rows, then sentence vectors, timed apart.

    .venv/bin/python bench/bench_import.py [--vectors N]

Writes the "Corpus import" section of docs/benchmarks.md. The rows are always imported whole;
`--vectors N` times the vector step on N texts spread over all lengths (default: all of them).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from run import DATA, write_section  # noqa: E402

from smartcheck.corpus import store  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Import the export into a fresh SQLite file and write the section."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--vectors", type=int, default=0, help="time only N texts' vectors")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/corpus.sqlite"
        seen: list[tuple[int, int]] = []
        started = time.perf_counter()
        result = store.import_file(DATA, url=url, vectors=False,
                                   progress=lambda d, t: seen.append((d, t)))
        rows_s = time.perf_counter() - started
        assert seen[-1] == (result.added, result.added), seen[-1]
        missing = result.vectors_missing
        todo = args.vectors or missing
        every = [t for _, t in store._texts_without_vectors(url)]
        # A sample spread over all lengths (the list is shortest first), not the N shortest.
        texts = every[::max(1, len(every) // todo)][:todo]
        from smartcheck.models.embeddings import Embedder

        embedder = Embedder(threads=max(1, min(2, os.cpu_count() or 1)), cache_size=0)
        embedder.load()
        started = time.perf_counter()
        if args.vectors:
            embedder.encode(texts)
        else:
            store.fill_vectors(url, embedder)
        vectors_s = time.perf_counter() - started
    rate = len(texts) / vectors_s
    load = os.getloadavg()[0]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    whole = rows_s + missing / rate
    section = (
        f"## Corpus import ({date.today()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average {load:.1f} at the end)\n\n"
        "| step | time |\n| --- | --- |\n"
        f"| rows: read, hash and store {result.added:,} recommendations (progress counts "
        f"them: last update {seen[-1][0]:,}/{seen[-1][1]:,}) | {rows_s:.1f} s |\n"
        f"| sentence vectors (MiniLM ONNX, {embedder.threads} threads, shortest texts first, "
        f"padded per batch): {len(texts):,} of {missing:,} distinct texts | {vectors_s:.1f} s "
        f"({rate:.0f} texts/s) |\n"
        f"| whole import with vectors{' (extrapolated)' if args.vectors else ''} | "
        f"{whole:.0f} s |\n"
        f"| peak resident memory of the import | {peak:.0f} MB |\n\n"
        "`smartcheck corpus import FILE` stores the rows first, so the corpus (stats, the "
        "acceptance shares) is there within seconds; it then computes the sentence vectors "
        "that similar search needs, in committed batches with their own progress bar. "
        "Ctrl-C keeps what was done; `smartcheck corpus vectors` finishes it, and "
        "`--no-vectors` skips the step. Until a text has its vector, similar search leaves it "
        "out. The ≤ 60 s goal holds for the rows, not for the vectors: MiniLM needs ~6 ms of "
        "CPU per text, so 28,300 texts take minutes on 2 cores.\n"
        "Before (2026-12-01, torch MiniLM, ORM inserts): 26 min 5 s; 19.8 s without the model.\n"
        "Command: `python bench/bench_import.py` (`--vectors N` times N texts only).")
    write_section(section, "import-bench")
    print(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
