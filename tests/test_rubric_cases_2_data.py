"""Schema, coverage and provenance checks for the held-out set examples/rubric-cases-2.yml."""

from __future__ import annotations

import csv
import difflib
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CASES_FILE = ROOT / "examples" / "rubric-cases-2.yml"
FIRST_SET = ROOT / "examples" / "rubric-cases.yml"
DATA_CSV = ROOT.parent / "shared" / "data" / "upr-info-recommendations-sessions-01-16.csv"

CRITERIA = ("specific", "measurable", "achievable", "relevant", "time_bound")
VERDICTS = ("pass", "partial", "fail")
LABEL_KEYS = set(CRITERIA) | {"action_category"}
CASE_KEYS = {"id", "text", "labels", "why"}
ID_PATTERN = re.compile(r"^rc2-\d{3}$")
N_CASES = 80
MIN_PER_VERDICT = 4
MIN_PER_CATEGORY = 5


@cache
def load() -> dict[str, Any]:
    """The parsed second rubric-cases file."""
    return yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))


def cases() -> list[dict[str, Any]]:
    """The list of labelled cases."""
    return load()["cases"]


def squash(text: str) -> str:
    """Lower-case text with runs of whitespace collapsed, for duplicate checks."""
    return " ".join(text.lower().split())


def test_header() -> None:
    data = load()
    assert set(data) == {"version", "source", "cases"}
    assert data["version"] == 1
    assert "SMART-RUBRIC.md" in data["source"]
    assert "not taken from any dataset" in data["source"]


def test_case_schema() -> None:
    for case in cases():
        assert set(case) == CASE_KEYS, case.get("id")
        assert ID_PATTERN.match(case["id"]), case["id"]
        assert isinstance(case["text"], str) and len(case["text"].split()) >= 10, case["id"]
        assert case["text"] == case["text"].strip(), case["id"]
        assert isinstance(case["why"], str) and case["why"].strip(), case["id"]
        labels = case["labels"]
        assert set(labels) == LABEL_KEYS, case["id"]
        for criterion in CRITERIA:
            assert labels[criterion] in VERDICTS, (case["id"], criterion, labels[criterion])
        category = labels["action_category"]
        assert isinstance(category, int) and 1 <= category <= 5, case["id"]


def test_ids_consecutive_and_texts_unique() -> None:
    ids = [c["id"] for c in cases()]
    assert ids == [f"rc2-{i:03d}" for i in range(1, N_CASES + 1)]
    texts = Counter(squash(c["text"]) for c in cases())
    assert [t for t, n in texts.items() if n > 1] == []


@pytest.mark.parametrize("criterion", CRITERIA)
def test_every_verdict_used_per_criterion(criterion: str) -> None:
    counts = Counter(c["labels"][criterion] for c in cases())
    for verdict in VERDICTS:
        assert counts[verdict] >= MIN_PER_VERDICT, (criterion, dict(counts))


def test_every_action_category_used() -> None:
    counts = Counter(c["labels"]["action_category"] for c in cases())
    for category in range(1, 6):
        assert counts[category] >= MIN_PER_CATEGORY, dict(counts)


def test_fully_smart_cases_present() -> None:
    smart = [c for c in cases() if all(c["labels"][k] == "pass" for k in CRITERIA)]
    assert 12 <= len(smart) <= 20


def test_why_mentions_every_criterion() -> None:
    for case in cases():
        for letter in ("S ", "M ", "A ", "R ", "T "):
            assert letter in case["why"], (case["id"], letter)


def test_not_near_copies_of_first_set() -> None:
    first = [squash(c["text"]) for c in yaml.safe_load(FIRST_SET.read_text())["cases"]]
    close = []
    for case in cases():
        text = squash(case["text"])
        best = max(difflib.SequenceMatcher(None, text, other).ratio() for other in first)
        if best >= 0.75:
            close.append((case["id"], round(best, 2)))
    assert close == []


def test_no_text_copied_from_upr_info_export() -> None:
    if not DATA_CSV.exists():
        pytest.skip(f"shared data not found at {DATA_CSV}")
    with DATA_CSV.open(encoding="utf-8", newline="") as handle:
        real = {squash(row["Text"]) for row in csv.DictReader(handle) if row.get("Text")}
    assert len(real) > 10_000
    copied = [c["id"] for c in cases() if squash(c["text"]) in real]
    assert copied == []
