"""Schema, coverage and provenance checks for both rubric-labelled sets.

examples/rubric-cases.yml (160 cases, used to correct the rules) and
examples/rubric-cases-2.yml (80 cases, written blind afterwards, kept held out).
"""

from __future__ import annotations

import csv
import difflib
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA_CSV = ROOT.parent / "shared" / "data" / "upr-info-recommendations-sessions-01-16.csv"

CRITERIA = ("specific", "measurable", "achievable", "relevant", "time_bound")
VERDICTS = ("pass", "partial", "fail")
LABEL_KEYS = set(CRITERIA) | {"action_category"}
CASE_KEYS = {"id", "text", "labels", "why"}


@dataclass(frozen=True)
class CaseSet:
    """One labelled file and what its coverage must be."""

    name: str
    prefix: str
    min_cases: int
    exact_cases: int | None  # ids must then run prefix-001 … prefix-N
    min_words: int
    min_per_verdict: int
    min_per_category: int
    smart_range: tuple[int, int]

    @property
    def path(self) -> Path:
        return ROOT / "examples" / self.name


FIRST = CaseSet("rubric-cases.yml", "rc", 150, None, 3, 10, 10, (20, 40))
SECOND = CaseSet("rubric-cases-2.yml", "rc2", 80, 80, 10, 4, 5, (12, 20))
SETS = [pytest.param(FIRST, id="first"), pytest.param(SECOND, id="second")]


@cache
def load(name: str) -> dict[str, Any]:
    """A parsed rubric-cases file."""
    return yaml.safe_load((ROOT / "examples" / name).read_text(encoding="utf-8"))


def cases(case_set: CaseSet) -> list[dict[str, Any]]:
    """The list of labelled cases of a set."""
    return load(case_set.name)["cases"]


def squash(text: str) -> str:
    """Lower-case text with runs of whitespace collapsed, for duplicate checks."""
    return " ".join(text.lower().split())


@pytest.mark.parametrize("case_set", SETS)
def test_header(case_set: CaseSet) -> None:
    data = load(case_set.name)
    assert set(data) == {"version", "source", "cases"}
    assert data["version"] == 1
    assert "SMART-RUBRIC.md" in data["source"]
    assert "not taken from any dataset" in data["source"]


@pytest.mark.parametrize("case_set", SETS)
def test_case_schema(case_set: CaseSet) -> None:
    id_pattern = re.compile(rf"^{case_set.prefix}-\d{{3}}$")
    for case in cases(case_set):
        assert set(case) == CASE_KEYS, case.get("id")
        assert id_pattern.match(case["id"]), case["id"]
        words = len(case["text"].split()) if isinstance(case["text"], str) else 0
        assert words >= case_set.min_words, case["id"]
        assert case["text"] == case["text"].strip(), case["id"]
        assert isinstance(case["why"], str) and case["why"].strip(), case["id"]
        labels = case["labels"]
        assert set(labels) == LABEL_KEYS, case["id"]
        for criterion in CRITERIA:
            assert labels[criterion] in VERDICTS, (case["id"], criterion, labels[criterion])
        category = labels["action_category"]
        assert isinstance(category, int) and 1 <= category <= 5, case["id"]


@pytest.mark.parametrize("case_set", SETS)
def test_ids_and_texts_unique(case_set: CaseSet) -> None:
    ids = [c["id"] for c in cases(case_set)]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)
    if case_set.exact_cases is not None:
        assert ids == [f"{case_set.prefix}-{i:03d}"
                       for i in range(1, case_set.exact_cases + 1)]
    texts = Counter(squash(c["text"]) for c in cases(case_set))
    assert [t for t, n in texts.items() if n > 1] == []


@pytest.mark.parametrize("case_set", SETS)
def test_enough_cases(case_set: CaseSet) -> None:
    assert len(cases(case_set)) >= case_set.min_cases


@pytest.mark.parametrize("case_set", SETS)
@pytest.mark.parametrize("criterion", CRITERIA)
def test_every_verdict_used_per_criterion(case_set: CaseSet, criterion: str) -> None:
    counts = Counter(c["labels"][criterion] for c in cases(case_set))
    for verdict in VERDICTS:
        assert counts[verdict] >= case_set.min_per_verdict, (criterion, dict(counts))


@pytest.mark.parametrize("case_set", SETS)
def test_every_action_category_used(case_set: CaseSet) -> None:
    counts = Counter(c["labels"]["action_category"] for c in cases(case_set))
    for category in range(1, 6):
        assert counts[category] >= case_set.min_per_category, dict(counts)


@pytest.mark.parametrize("case_set", SETS)
def test_fully_smart_cases_present(case_set: CaseSet) -> None:
    smart = [c for c in cases(case_set) if all(c["labels"][k] == "pass" for k in CRITERIA)]
    low, high = case_set.smart_range
    assert low <= len(smart) <= high


@pytest.mark.parametrize("case_set", SETS)
def test_why_mentions_every_criterion(case_set: CaseSet) -> None:
    for case in cases(case_set):
        for letter in ("S ", "M ", "A ", "R ", "T "):
            assert letter in case["why"], (case["id"], letter)


def test_second_set_is_not_near_copies_of_the_first() -> None:
    first = [squash(c["text"]) for c in cases(FIRST)]
    close = []
    for case in cases(SECOND):
        text = squash(case["text"])
        best = max(difflib.SequenceMatcher(None, text, other).ratio() for other in first)
        if best >= 0.75:
            close.append((case["id"], round(best, 2)))
    assert close == []


@pytest.mark.parametrize("case_set", SETS)
def test_no_text_copied_from_upr_info_export(case_set: CaseSet) -> None:
    if not DATA_CSV.exists():
        pytest.skip(f"shared data not found at {DATA_CSV}")
    real = _export_texts()
    assert len(real) > 10_000
    copied = [c["id"] for c in cases(case_set) if squash(c["text"]) in real]
    assert copied == []


@cache
def _export_texts() -> frozenset[str]:
    """Every Text of the UPR Info export, squashed (read once for both sets)."""
    with DATA_CSV.open(encoding="utf-8", newline="") as handle:
        return frozenset(squash(row["Text"]) for row in csv.DictReader(handle)
                         if row.get("Text"))
