"""Rewrites: single-check latency with rewrites on/off, and the automated checks on the dev
sample; writes its section of docs/benchmarks.md (run: `python bench/bench_rewrites.py`)."""

from __future__ import annotations

import csv
import os
import platform
import statistics
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import forty_word_texts, sample_texts, write_section  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "upr-info-recommendations-sessions-01-16.csv"
DEV_IDS = ROOT / "tests" / "data" / "rewrite-dev-rec-ids.txt"


def latency(engine, drafts: list[str]) -> tuple[float, float]:
    """p50 and p95 in ms of warm single checks."""
    for text in drafts[:20]:
        engine.check(text)
    _forget_rescored()
    timings = []
    for text in drafts:
        started = time.perf_counter()
        engine.check(text)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(0.95 * (len(timings) - 1))]


def _forget_rescored() -> None:
    """Empty the rewrites' re-scoring cache, so drafts seen before cost what new ones do."""
    from smartcheck.rewrite import suggest

    suggest._rescored_cache.clear()


def parsed_per_check(engine, drafts: list[str]) -> float:
    """Texts the rewrites send to the parser and the rules per single check, on average."""
    _forget_rescored()
    judge, counted = engine.judge, [0]
    original = judge.judge_many

    def counting(texts: list[str], tags: list) -> list:
        counted[0] += len(texts)
        return original(texts, tags)

    judge.judge_many = counting
    try:
        for text in drafts:
            engine.check(text)
    finally:
        del judge.judge_many
    return (counted[0] - len(drafts)) / len(drafts)


def dev_sample_checks(engine) -> dict[str, object]:
    """Automated checks over the top rewrite of every dev-sample text."""
    from smartcheck.rewrite.checks import rewrite_problems

    ids = {int(line) for line in DEV_IDS.read_text().splitlines()
           if line.strip() and not line.startswith("#")}
    with open(DATA, encoding="utf-8", newline="") as handle:
        texts = [r["Text"] for r in csv.DictReader(handle) if int(r["rec_id"]) in ids]
    kinds: Counter[str] = Counter()
    top = bad = full = split = generic = 0
    for text, report in zip(texts, engine.check_many(texts), strict=True):
        if not report.suggestions:
            continue
        best = report.suggestions[0]
        top += 1
        full += best.overall == 100
        split += best.explanation.startswith("Split into")
        generic += "[name of the law" in best.text
        problems = rewrite_problems(text, best, engine.judge)
        bad += bool(problems)
        kinds.update(p.split(":")[0] for p in problems)
    return {"texts": len(texts), "top": top, "bad": bad, "full": full, "split": split,
            "generic": generic, "kinds": dict(kinds)}


def main() -> int:
    """Measure and write the section."""
    from smartcheck.engine import Engine

    drafts = forty_word_texts(sample_texts(4000), 200)
    on, off = Engine(embeddings="off"), Engine(embeddings="off", suggestions=False)
    parsed = parsed_per_check(on, drafts)
    p50_on, p95_on = latency(on, drafts)
    p50_off, p95_off = latency(off, drafts)
    checks = dev_sample_checks(on)
    load = os.getloadavg()[0]
    section = (
        f"## Rewrites ({date.today()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()})\n\n"
        "| measurement | result |\n| --- | --- |\n"
        f"| single `check` of a 35-45-word draft, warm, rules + rewrites: p50 / p95 | "
        f"{p50_on:.1f} / {p95_on:.1f} ms |\n"
        f"| the same without rewrites: p50 / p95 | {p50_off:.1f} / {p95_off:.1f} ms |\n"
        f"| texts parsed and judged for rewrites per check (candidates, split parts; "
        f"load-independent) | {parsed:.2f} |\n"
        f"| dev sample (150 weak recommendations, seed 7): texts with a top rewrite | "
        f"{checks['top']} of {checks['texts']} |\n"
        f"| top rewrites failing an automated check (`rewrite_problems`) | {checks['bad']} "
        f"{checks['kinds'] or ''} |\n"
        f"| top rewrites at 100/100 as written / split bundles / generic '[name of the law…]' "
        f"| {checks['full']} / {checks['split']} / {checks['generic']} |\n\n"
        f"Load average during the run: {load:.1f} on {os.cpu_count()} cores (a shared machine: "
        "absolute times scale with it; compare the two rows). Budget (DESIGN.md): live check "
        "p50 ≤ 30 ms warm, rewrites included. Candidates are re-scored in one `nlp.pipe` "
        "batch (the full rewrite and, while drafting one text, the same without its concrete "
        "means when it has one); a "
        "'[year]'-only 'once filled' score is computed from the same judgement, other slots "
        "re-run the rules on the same parse (no second parse).\n"
        "Command: `python bench/bench_rewrites.py`.")
    write_section(section, "rewrites-bench")
    print(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
