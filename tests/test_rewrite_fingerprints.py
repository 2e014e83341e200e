"""Cheaper rewrite scoring must not change the suggestions: each text's suggestions (text,
overall, overall_filled) hash to what the code before issue 14's rewrite savings gave (main at
1e52d53).

The hashes (no texts) are in tests/data/rewrite-fingerprints.txt; the texts are read from
../shared/data at test time. Rewrite them on purpose only (a change to the suggestions):
`python tests/test_rewrite_fingerprints.py --write`.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "upr-info-recommendations-sessions-01-16.csv"
FINGERPRINTS = ROOT / "tests" / "data" / "rewrite-fingerprints.txt"
BATCH, LIVE = 500, 150  # texts judged as 100-text batches / as single live checks
CHUNK = 100


def sample() -> list[tuple[str, str]]:
    """(rec_id, text) of a fixed random sample of real recommendations."""
    with open(DATA, encoding="utf-8", newline="") as handle:
        rows = sorted({(r["rec_id"], r["Text"]) for r in csv.DictReader(handle)
                       if 20 <= len(r["Text"]) <= 1500})
    random.Random(14).shuffle(rows)
    return rows[:BATCH]


def fingerprint(report: Any) -> str:
    """Hash of a report's suggestions: text, overall and overall_filled, in order."""
    shown = [[s.text, s.overall, s.overall_filled] for s in report.suggestions]
    return hashlib.sha1(json.dumps(shown).encode("utf-8")).hexdigest()[:16]


def fingerprints(engine: Any, rows: list[tuple[str, str]]) -> list[str]:
    """'rec_id mode hash' lines: batches of 100 texts, then single checks (thorough)."""
    texts = [text for _, text in rows]
    batch = [r for i in range(0, len(texts), CHUNK)
             for r in engine._check_valid(texts[i:i + CHUNK], None)]
    lines = [f"{rec_id} batch {fingerprint(r)}" for (rec_id, _), r in zip(rows, batch,
                                                                           strict=True)]
    lines += [f"{rec_id} live {fingerprint(engine.check(text))}" for rec_id, text in rows[:LIVE]]
    return lines


def test_suggestions_are_those_of_the_code_before_the_savings(real_engine) -> None:
    """Same suggestions, scores and filled scores on 500 batch texts and 150 live checks."""
    if not DATA.exists():
        pytest.skip("../shared/data is not here")
    expected = FINGERPRINTS.read_text(encoding="utf-8").split()
    got = " ".join(fingerprints(real_engine, sample())).split()
    assert len(got) == len(expected) == 3 * (BATCH + LIVE)
    empty = hashlib.sha1(b"[]").hexdigest()[:16]
    rewritten = sum(1 for i in range(2, len(expected), 3) if expected[i] != empty)
    assert rewritten >= 50  # the sample exercises the rewrites, not just empty lists
    differ = [(got[i], got[i + 1]) for i in range(0, len(got), 3) if got[i:i + 3] !=
              expected[i:i + 3]]
    assert not differ, f"{len(differ)} texts changed their suggestions: {differ[:5]}"


if __name__ == "__main__" and "--write" in sys.argv:
    from smartcheck import Engine

    engine = Engine(embeddings="off")
    FINGERPRINTS.write_text("\n".join(fingerprints(engine, sample())) + "\n", encoding="utf-8")
    print(f"wrote {FINGERPRINTS}")
