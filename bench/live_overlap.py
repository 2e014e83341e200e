"""Live check p50 with the draft encoded beside the judging (now) or after it (before), same run.

    .venv/bin/python bench/live_overlap.py

Alternates the two ways text by text on unseen 35-45-word drafts, with and without rewrites,
and prints the medians (figures quoted in docs/benchmarks.md, "Issue 14").
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from concurrent.futures import Future
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from run import forty_word_texts, sample_texts  # noqa: E402

from smartcheck.engine import Engine  # noqa: E402


class Serial:
    """Runs the encoding at once in the calling thread: the engine before issue 14."""

    def submit(self, fn, *args):  # noqa: ANN001, ANN201 - mimics Executor.submit
        """The result of fn(*args), already done."""
        future: Future = Future()
        future.set_result(fn(*args))
        return future


def main() -> int:
    """Print p50 per (rewrites, way) and the load average."""
    drafts = forty_word_texts(sample_texts(20000, seed=11), 820)
    results: dict[tuple[str, str], list[float]] = {}
    for rewrites, texts in (("with rewrites", drafts[20:420]), ("no rewrites", drafts[420:820])):
        engine = Engine(embeddings="wait", suggestions=rewrites == "with rewrites", workers=0)
        for text in drafts[:20]:
            engine.check(text)
        beside = engine._encoder_pool
        for i, text in enumerate(texts):  # unseen texts: every vector is computed
            way = ("beside (now)", "after (before)")[i % 2]
            engine._encoder_pool = beside if i % 2 == 0 else Serial  # type: ignore[method-assign]
            started = time.perf_counter()
            engine.check(text)
            results.setdefault((rewrites, way), []).append(
                (time.perf_counter() - started) * 1000)
    for (rewrites, way), timings in results.items():
        print(f"{rewrites:14} {way:15} p50 {statistics.median(timings):5.1f} ms")
    print(f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
