"""Speed and memory of the engine; writes docs/benchmarks.md (run: `make bench`).

Same machine, same run: every figure is measured here together with its baseline (a bare
spaCy pass over the same texts), so the ratios stay meaningful on a busy or slower machine.
"""

from __future__ import annotations

import csv
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "upr-info-recommendations-sessions-01-16.csv"
OUT = ROOT / "docs" / "benchmarks.md"


def sample_texts(n: int, seed: int = 7) -> list[str]:
    """n real recommendations from the shared data (fixed seed)."""
    with open(DATA, encoding="utf-8", newline="") as handle:
        texts = [row["Text"] for row in csv.DictReader(handle) if 20 <= len(row["Text"]) <= 1500]
    random.Random(seed).shuffle(texts)
    return texts[:n]


def forty_word_texts(texts: list[str], n: int) -> list[str]:
    """Recommendations of 35-45 words, the size of a typical draft."""
    return [t for t in texts if 35 <= len(t.split()) <= 45][:n]


def cold_start(embeddings: str = "background") -> dict[str, float]:
    """A fresh process: seconds to the first answer, and its peak memory at that moment."""
    # VmHWM, not ru_maxrss: a child started by fork+exec inherits its parent's ru_maxrss.
    code = ("import time,re;t=time.perf_counter();from smartcheck import Engine;"
            f"e=Engine(embeddings={embeddings!r});"
            "e.check('Ratify the Convention against Torture by 2026.');"
            "s=open('/proc/self/status').read();"
            "print(time.perf_counter()-t, re.search(r'VmHWM:\\s+(\\d+)', s).group(1))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.split()
    return {"seconds": float(out[0]), "rss_mb": float(out[1]) / 1024}


def main() -> int:
    """Run every measurement and write the markdown table."""
    from smartcheck.engine import Engine
    from smartcheck.judge.nlp import load_pipeline

    texts = sample_texts(4000)
    batch = texts[:2000]
    drafts = forty_word_texts(texts, 200)
    rows: list[tuple[str, str, str]] = []

    nlp = load_pipeline()
    list(nlp.pipe(batch[:200]))
    started = time.perf_counter()
    list(nlp.pipe(batch, batch_size=128))
    spacy_rate = len(batch) / (time.perf_counter() - started)
    rows.append(("baseline: bare spaCy `nlp.pipe` (all components)", f"{spacy_rate:.0f} recs/s",
                 "1.00×"))

    variants = (
        ("rules only, no rewrites", False, "off"),
        ("rules + rewrites (re-scored)", True, "off"),
        ("rules + embeddings (issue tags, model loaded), no rewrites", False, "wait"),
        ("rules + embeddings + rewrites: everything", True, "wait"),
    )
    for number, (label, suggestions, embeddings) in enumerate(variants):
        engine = Engine(suggestions=suggestions, embeddings=embeddings)
        engine.check_many(texts[3000 + 100 * number: 3100 + 100 * number])
        # Fresh texts for every variant: the embedder caches vectors by text.
        chunk = texts[:2000] if embeddings == "off" else (batch if number == 2 else
                                                              texts[2000:4000])
        started = time.perf_counter()
        engine.check_many(chunk)
        rate = len(chunk) / (time.perf_counter() - started)
        rows.append((f"`check_many`, {label}, 2,000 real recommendations",
                     f"{rate:.0f} recs/s", f"{rate / spacy_rate:.2f}×"))

    for label, embeddings in (("rules + rewrites", "off"), ("with embeddings", "wait")):
        engine = Engine(embeddings=embeddings)
        for text in drafts[:20]:
            engine.check(text)
        timings = []
        for text in drafts:
            started = time.perf_counter()
            engine.check(text)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p50 = statistics.median(timings)
        p95 = timings[int(0.95 * (len(timings) - 1))]
        rows.append((f"single `check` of a 35-45-word draft, warm, {label}: p50 / p95",
                     f"{p50:.1f} / {p95:.1f} ms", ""))

    cold = cold_start()
    rows.append(("cold start to the first answer (rules; the sentence model loads after it)",
                 f"{cold['seconds']:.2f} s", ""))
    rules_only = cold_start("off")
    rows.append(("peak resident memory, rules and models without the sentence model",
                 f"{rules_only['rss_mb']:.0f} MB", ""))
    loaded = cold_start("wait")
    rows.append(("peak resident memory with the sentence model loaded (torch)",
                 f"{loaded['rss_mb']:.0f} MB", ""))

    table = "\n".join(f"| {a} | {b} | {c} |" for a, b, c in rows)
    section = (f"## Engine ({date.today()}, {platform.machine()}, "
               f"{os.cpu_count()} cores, Python {platform.python_version()})\n\n"
               "| measurement | result | ratio to baseline |\n| --- | --- | --- |\n"
               f"{table}\n\nBudgets (DESIGN.md): live check p50 ≤ 30 ms; batch ≥ 150 "
               "recommendations/s; cold start ≤ 3 s; memory ≤ 700 MB.\n"
               "Command: `make bench` (`python bench/run.py`).")
    write_section(section, "engine-bench")
    print(section)
    return 0


def write_section(section: str, name: str) -> None:
    """Replace the named section of docs/benchmarks.md (between markers), keeping the others."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    section = f"{start}\n{section}\n{end}"
    OUT.parent.mkdir(exist_ok=True)
    text = OUT.read_text(encoding="utf-8") if OUT.exists() else "# Benchmarks\n"
    if start in text:
        head, rest = text.split(start, 1)
        text = head + section + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    OUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
