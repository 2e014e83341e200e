"""Schema, coverage and provenance checks for examples/rubric-cases.yml."""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CASES_FILE = ROOT / "examples" / "rubric-cases.yml"
DATA_CSV = ROOT.parent / "shared" / "data" / "upr-info-recommendations-sessions-01-16.csv"

CRITERIA = ("specific", "measurable", "achievable", "relevant", "time_bound")
VERDICTS = ("pass", "partial", "fail")
LABEL_KEYS = set(CRITERIA) | {"action_category"}
CASE_KEYS = {"id", "text", "labels", "why"}
ID_PATTERN = re.compile(r"^rc-\d{3}$")
MIN_CASES = 150
MIN_PER_VERDICT = 10
MIN_PER_CATEGORY = 10


@cache
def load() -> dict[str, Any]:
    """The parsed rubric-cases file."""
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
        assert isinstance(case["text"], str) and len(case["text"].split()) >= 3, case["id"]
        assert case["text"] == case["text"].strip(), case["id"]
        assert isinstance(case["why"], str) and case["why"].strip(), case["id"]
        labels = case["labels"]
        assert set(labels) == LABEL_KEYS, case["id"]
        for criterion in CRITERIA:
            assert labels[criterion] in VERDICTS, (case["id"], criterion, labels[criterion])
        category = labels["action_category"]
        assert isinstance(category, int) and 1 <= category <= 5, case["id"]


def test_ids_and_texts_unique() -> None:
    ids = [c["id"] for c in cases()]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)
    texts = Counter(squash(c["text"]) for c in cases())
    assert [t for t, n in texts.items() if n > 1] == []


def test_enough_cases() -> None:
    assert len(cases()) >= MIN_CASES


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
    assert 20 <= len(smart) <= 40


def test_why_mentions_every_criterion() -> None:
    for case in cases():
        why = case["why"]
        for letter in ("S ", "M ", "A ", "R ", "T "):
            assert letter in why, (case["id"], letter)


def test_no_text_copied_from_upr_info_export() -> None:
    if not DATA_CSV.exists():
        pytest.skip(f"shared data not found at {DATA_CSV}")
    with DATA_CSV.open(encoding="utf-8", newline="") as handle:
        real = {squash(row["Text"]) for row in csv.DictReader(handle) if row.get("Text")}
    assert len(real) > 10_000
    copied = [c["id"] for c in cases() if squash(c["text"]) in real]
    assert copied == []
