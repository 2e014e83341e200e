"""Embedding throughput, issue tagging and similar-search latency on real recommendations.

    .venv/bin/python bench/bench_embeddings.py [--data ../shared/data/upr-info-…csv] [-n 2000]

Prints a markdown table (collected into docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from smartcheck.corpus.duplicates import near_duplicates  # noqa: E402
from smartcheck.corpus.similar import Index  # noqa: E402
from smartcheck.models.embeddings import Embedder  # noqa: E402
from smartcheck.models.issue_model import IssueModel  # noqa: E402
from smartcheck.models.train_issues import cached_vectors, read_rows  # noqa: E402
from smartcheck.resources import UPR_CSV  # noqa: E402


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f} /s ({seconds:.2f} s for {n:,})"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(UPR_CSV))
    parser.add_argument("-n", type=int, default=2000)
    args = parser.parse_args(argv)
    rows = read_rows(args.data)
    texts = [r["Text"] for r in rows]
    sample = random.Random(0).sample(texts, args.n)
    results: list[tuple[str, str]] = []

    t = time.perf_counter()
    embedder = Embedder().load()
    results.append(("embedder load (cold, from disk)", f"{time.perf_counter() - t:.2f} s"))
    embedder.encode(sample[:64])  # warm-up
    for batch in (32, 64, 128):
        fresh = Embedder(batch_size=batch)
        fresh._model, fresh._onnx = embedder._model, embedder._onnx
        t = time.perf_counter()
        vecs = fresh.encode(sample)
        results.append((f"encode {args.n} uncached, batch {batch}",
                        _rate(args.n, time.perf_counter() - t)))  # fmt: skip
    t = time.perf_counter()
    fresh.encode(sample)
    results.append(("encode again (cache hits)", _rate(args.n, time.perf_counter() - t)))
    t = time.perf_counter()
    for text in sample[:200]:
        embedder.encode([text + " "])  # a new text: not in the cache
    results.append(("encode one at a time (live check)", _rate(200, time.perf_counter() - t)))

    model = IssueModel.load()
    t = time.perf_counter()
    model.predict(sample)
    results.append(("issue tags, lexical head", _rate(args.n, time.perf_counter() - t)))
    t = time.perf_counter()
    model.predict(sample, vecs)
    results.append(("issue tags, full head (vectors given)",
                    _rate(args.n, time.perf_counter() - t)))  # fmt: skip

    distinct = sorted(set(texts))
    matrix = cached_vectors(distinct)
    index = Index(matrix, [{"text": x} for x in distinct], "corpus")
    queries = vecs[:300]
    times = []
    for q in queries:
        t = time.perf_counter()
        index.search(q, k=5)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    results.append((f"similar top-5 over {len(distinct):,} texts, p50 / p95",
                    f"{statistics.median(times):.2f} ms / {times[int(0.95 * len(times))]:.2f} ms"))
    t = time.perf_counter()
    pairs = near_duplicates(vecs)
    results.append((f"near-duplicates in a batch of {args.n}",
                    f"{(time.perf_counter() - t) * 1000:.0f} ms ({len(pairs)} pairs)"))  # fmt: skip

    lines = [f"## Embeddings ({args.n} real recommendations, backend {embedder.backend}, "
             f"1 thread, max_seq_length {embedder.max_seq_length})", "",
             "| measure | result |", "| --- | --- |"]
    lines += [f"| {name} | {value} |" for name, value in results]
    lines += ["", "Budget: similar search over the 30k corpus ≤ 10 ms once the query vector "
              "exists. Command: `python bench/bench_embeddings.py`."]
    section = "\n".join(lines)
    print(section)
    from run import write_section

    write_section(section, "embeddings-bench")
    assert np.isfinite(matrix).all()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
