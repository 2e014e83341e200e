"""Live check latency and rewrite CPU, this tree against an earlier commit, in the same run.

Two worker processes, one per code version, take the same drafts in alternating slices (so a
burst of load from other jobs hits both alike). Prints a markdown table; writes nothing.
Run: `python bench/live_before_after.py [--base <commit>] [--write]` (default base: the merge
base with main; --write replaces its section of docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from run import export_tree, forty_word_texts, sample_texts, write_section  # noqa: E402

NOTES = """What was measured and changed (issue 14, round d), beside the table (on a machine
this busy, the before/after differences above are within their noise: the savings are small):

- Per stage, a warm live check (200 drafts, exclusive wall time, shared machine): spaCy parse
  ~50 %, rules ~20 %, word-based issue tags ~8 %, action model ~5 %, rewrites' own work
  (meaning, candidates, guards) ~6 % plus the parse and rules of the ~0.4 candidates per check;
  validate, similar search + acceptance shares, `to_dict` + JSON under 1 % each. Issue tags are
  not computed twice (the word features of a draft are cached between its two taggings); the
  similar index and per-call imports cost microseconds.
- The encoding thread: ~14 ms CPU per 40-word draft here (one intra-op thread), in parallel
  with the judging. Its start waits ~0.5 ms (validate included); lowering Python's GIL switch
  interval to 0.5 ms changed nothing measurable (tried, not kept). The judging thread's CPU
  per parse barely rose with an encoding loop beside it (7.0 → 7.5 ms, one noisy run): the
  sentence model costs a live check the CPU of the second branch, which becomes the longer one
  as soon as the other core is busy.
- Rewrites: a candidate is re-scored only if it can be shown (`could_gain`, and now
  `could_win`: no rewrite of a text scored 100, no broken verb swap or source structure); the
  re-scored candidates
  of recent calls are cached per judge (a draft checked again parses only itself). Reusing the
  original's parse for an appended deadline or anchor was not done: a transition-based parse
  of the longer text may differ anywhere, so the same verdicts cannot be proven.
- Where the rewrites' CPU goes in a batch (1,000 texts, sessions 13–16, no sentence model):
  415 candidate texts re-scored, 2.4 s (~5.9 ms each: parse, then the rules, slot-blind where
  a `[…]` slot is); 26 split parts judged, 0.1 s; the rewrites' own work (meaning, candidates,
  guards) 1.4 s. A fifth of the re-scored candidates fail on their parse alone (no imperative
  opening, two sentences, broken grammar): skipping their rules would save ~0.1 s per 1,000
  texts, not worth a second judging path (not done).
- Tried and dropped: all rules' token patterns in one spaCy Matcher (judging 5.6 → 6.9 ms per
  text, same run: slower).
- Same output: the reports' `to_dict()` of 200 live drafts and a 400-text batch are equal
  before/after; `tests/test_rewrite_fingerprints.py` holds the suggestions (text, overall,
  overall_filled) of 500 batch texts and 150 live checks, hashed with the code before."""

WORKER = r"""
import json, sys, time
from smartcheck.engine import Engine
import smartcheck.rewrite as rewrite

live = Engine()
live.embedder.wait(30)
from smartcheck.corpus.similar import get_index
get_index(embedder=live.embedder)
batch = Engine(embeddings="off", workers=0)
spent = [0.0]
inner = rewrite.suggest_many
def timed(*args, **kwargs):
    started = time.process_time()
    try:
        return inner(*args, **kwargs)
    finally:
        spent[0] += time.process_time() - started
rewrite.suggest_many = timed
encode_cpu = [0.0]
vectors = live._vectors
def encode(texts):
    started = time.thread_time()
    try:
        return vectors(texts)
    finally:
        encode_cpu[0] += time.thread_time() - started
live._vectors = encode
print("ready", flush=True)
for line in sys.stdin:
    job = json.loads(line)
    if job["kind"] == "warm":
        for text in job["texts"]:
            live.check(text)
        batch.check_many(job["texts"])
        live.embedder.cache.clear()
        out = {}
    elif job["kind"] == "live":
        times = []
        encode_cpu[0] = 0.0
        main = time.thread_time()
        for text in job["texts"]:
            started = time.perf_counter()
            live.check(text).to_dict()
            times.append((time.perf_counter() - started) * 1000)
        out = {"ms": times, "main_cpu": time.thread_time() - main, "encode_cpu": encode_cpu[0]}
    else:
        spent[0] = 0.0
        started = time.process_time()
        batch.check_many(job["texts"])
        out = {"cpu": time.process_time() - started, "rewrites": spent[0]}
    print(json.dumps(out), flush=True)
"""


class Worker:
    """One code version in its own process."""

    def __init__(self, tree: Path) -> None:
        """Start the worker with `tree` first on the path."""
        env = dict(os.environ, PYTHONPATH=str(tree))
        self.proc = subprocess.Popen([sys.executable, "-c", WORKER], cwd=tree, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None and self.proc.stdout.readline().strip() == "ready"

    def ask(self, kind: str, texts: list[str]) -> dict:
        """Run one job and return its result."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps({"kind": kind, "texts": texts}) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        """Stop the worker."""
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def main() -> int:
    """Measure both versions and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", help="commit to compare with (default: merge base with main)")
    parser.add_argument("--live", type=int, default=200, help="single live checks")
    parser.add_argument("--batch", type=int, default=1000, help="texts for the rewrite CPU")
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md's section")
    args = parser.parse_args()
    base = args.base or subprocess.run(["git", "merge-base", "HEAD", "main"], cwd=ROOT,
                                       check=True, capture_output=True,
                                       text=True).stdout.strip()
    load = os.getloadavg()[0]
    drafts = forty_word_texts(sample_texts(6000, seed=11), 20 + args.live)
    texts = sample_texts(args.batch + 200, seed=5, sessions=(13, 16))[200:]
    with tempfile.TemporaryDirectory() as tmp:
        workers = {"before": Worker(export_tree(base, Path(tmp))), "after": Worker(ROOT)}
        for worker in workers.values():
            worker.ask("warm", drafts[:20])
        ms: dict[str, list[float]] = {name: [] for name in workers}
        cpu = {name: [0.0, 0.0] for name in workers}
        threads = {name: [0.0, 0.0] for name in workers}
        for n, start in enumerate(range(20, len(drafts), 10)):
            order = list(workers) if n % 2 == 0 else list(reversed(workers))
            for name in order:
                got = workers[name].ask("live", drafts[start:start + 10])
                ms[name] += got["ms"]
                threads[name][0] += got["main_cpu"]
                threads[name][1] += got["encode_cpu"]
        for n, start in enumerate(range(0, len(texts), 100)):
            order = list(workers) if n % 2 == 0 else list(reversed(workers))
            for name in order:
                got = workers[name].ask("batch", texts[start:start + 100])
                cpu[name][0] += got["cpu"]
                cpu[name][1] += got["rewrites"]
        for worker in workers.values():
            worker.close()
    per_k, live_n = 1000 / len(texts), len(drafts) - 20
    lines = [f"Base `{base[:10]}` against this tree; {live_n} live drafts (35–45 words), "
             f"{len(texts)} batch texts (sessions 13–16); load average {load:.1f} at the start, "
             f"{os.getloadavg()[0]:.1f} at the end (`bench/live_before_after.py`).", "",
             "| | before | after |", "|---|---|---|"]
    for label, fn in (("live `check`, everything on: p50", statistics.median),
                      ("live `check`, everything on: p95",
                       lambda v: sorted(v)[int(0.95 * (len(v) - 1))])):
        lines.append(f"| {label} | {fn(ms['before']):.1f} ms | {fn(ms['after']):.1f} ms |")
    lines.append("| live `check`: CPU per check, judging thread / encoding thread | "
                 + " | ".join(f"{threads[n][0] / live_n * 1000:.1f} / "
                              f"{threads[n][1] / live_n * 1000:.1f} ms" for n in workers) + " |")
    lines.append("| batch CPU-s per 1,000 texts, rules + rewrites (no sentence model) | "
                 f"{cpu['before'][0] * per_k:.2f} | {cpu['after'][0] * per_k:.2f} |")
    lines.append(f"| of which rewrites (`suggest_many`) | {cpu['before'][1] * per_k:.2f} | "
                 f"{cpu['after'][1] * per_k:.2f} |")
    print("\n".join(lines))
    if args.write:
        write_section(f"## Live check and rewrites, before/after ({date.today()}, "
                      f"{platform.machine()}, {os.cpu_count()} cores)\n\n" + "\n".join(lines)
                      + "\n\n" + NOTES, "live-before-after")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
