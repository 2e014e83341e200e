"""Real recommendations for tests, read from ../shared/data (never copied into the project)."""

from __future__ import annotations

import csv
import random

from smartcheck.resources import UPR_CSV


def corpus_texts(n: int, seed: int, shortest: int = 20, longest: int = 899) -> list[str]:
    """`n` distinct corpus texts of `shortest`–`longest` characters, in a seeded random order."""
    with UPR_CSV.open(encoding="utf-8", newline="") as handle:
        texts = sorted({r["Text"] for r in csv.DictReader(handle)
                        if shortest <= len(r["Text"]) <= longest})
    random.Random(seed).shuffle(texts)
    return texts[:n]
