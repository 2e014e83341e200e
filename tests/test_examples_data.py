"""Schema and provenance checks for the team-written data in examples/ and the issue lexicon."""

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
ISSUES_FILE = ROOT / "rules" / "lexicons" / "upr-issues.yml"
EXEMPLARS_FILE = ROOT / "examples" / "exemplars.yml"
WORKSHOP_DIR = ROOT / "examples" / "workshops"
SUBMISSION_DIR = ROOT / "examples" / "submissions"
DATA_CSV = ROOT.parent / "shared" / "data" / "upr-info-recommendations-sessions-01-16.csv"

WORKSHOP_SETS = ("smart-basics", "action-ladder", "gender-based-violence")
SMART_LETTERS = {"S", "M", "A", "R", "T"}
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Category-5 openings the strong exemplars may use (rubric list plus legal verbs UPR Info codes 5).
STRONG_OPENERS = {
    "abolish",
    "accede",
    "adopt",
    "allocate",
    "amend",
    "commute",
    "conduct",
    "criminalise",
    "establish",
    "extend",
    "investigate",
    "invite",
    "issue",
    "publish",
    "ratify",
    "release",
    "repeal",
    "submit",
    "train",
    "withdraw",
}
TIME_ELEMENT = re.compile(
    r"\b(?:20\d\d|within (?:\w+ )?(?:days?|months?|years?)|before (?:its|the) next review"
    r"|before the mid-term report|immediately)\b",
    re.IGNORECASE,
)


def load_yaml(path: Path) -> Any:
    """Parse one YAML file with the safe loader."""
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def normalise(text: str) -> str:
    """Casefold, collapse whitespace and drop trailing punctuation for equality checks."""
    return re.sub(r"[\s.;,:]+$", "", " ".join(text.casefold().split()))


@cache
def issue_labels() -> tuple[str, ...]:
    """The 54 labels of rules/lexicons/upr-issues.yml, in file order."""
    return tuple(item["label"] for item in load_yaml(ISSUES_FILE)["issues"])


@cache
def exemplars() -> tuple[dict[str, Any], ...]:
    """All exemplar items."""
    return tuple(load_yaml(EXEMPLARS_FILE)["exemplars"])


@cache
def workshop_sets() -> dict[str, dict[str, Any]]:
    """Workshop exercise sets keyed by file stem."""
    return {path.stem: load_yaml(path) for path in sorted(WORKSHOP_DIR.glob("*.yml"))}


@cache
def data_rows() -> tuple[dict[str, str], ...]:
    """Rows of the UPR Info export, or skip when the shared data is not mounted."""
    if not DATA_CSV.exists():
        pytest.skip(f"shared data not found at {DATA_CSV}")
    with DATA_CSV.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


@cache
def data_issue_counts() -> Counter[str]:
    """How often each issue label occurs in the data's Issue column."""
    counts: Counter[str] = Counter()
    for row in data_rows():
        counts.update(label.strip() for label in row["Issue"].split(",") if label.strip())
    return counts


@cache
def data_texts() -> frozenset[str]:
    """Normalised recommendation texts of the data."""
    return frozenset(normalise(row["Text"]) for row in data_rows())


def workshop_texts() -> list[str]:
    """Every recommendation-like text in the workshop sets."""
    texts = []
    for workshop in workshop_sets().values():
        for exercise in workshop["exercises"]:
            texts += [exercise["weak"], exercise["model_answer"]]
            texts += [rung["text"] for rung in exercise.get("ladder", [])]
    return texts


def submission_md_items() -> list[str]:
    """The (a)…(g) and numbered recommendations of the sample markdown submission."""
    text = (SUBMISSION_DIR / "sample-submission.md").read_text(encoding="utf-8")
    section = text.split("## 4. Recommendations", 1)[1].split("## 5.", 1)[0]
    items = re.findall(r"^(?:\([a-z]\)|\d+\.) (.+?)(?=\n\n|\Z)", section, flags=re.M | re.S)
    return [" ".join(item.split()) for item in items]


def submission_csv_rows() -> list[dict[str, str]]:
    """Rows of the sample CSV submission."""
    with (SUBMISSION_DIR / "sample-recommendations.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --- issue lexicon -------------------------------------------------------------------------


def test_issue_lexicon_has_54_unique_described_labels() -> None:
    items = load_yaml(ISSUES_FILE)["issues"]
    assert len(items) == 54
    assert len(set(issue_labels())) == 54
    for item in items:
        assert set(item) == {"label", "description", "keywords"}, item
        assert isinstance(item["description"], str) and len(item["description"]) > 20
        keywords = item["keywords"]
        assert 5 <= len(keywords) <= 15, item["label"]
        assert len(set(keywords)) == len(keywords), item["label"]
        assert all(isinstance(k, str) and k == k.lower() and k.strip() == k for k in keywords)


def test_issue_labels_equal_the_data_issue_column() -> None:
    assert set(issue_labels()) == set(data_issue_counts())


# --- exemplars -----------------------------------------------------------------------------


def test_exemplar_file_header() -> None:
    document = load_yaml(EXEMPLARS_FILE)
    assert document["version"] == 1
    assert document["source"].startswith("Written by the smartcheck team")
    assert len(exemplars()) >= 150


def test_exemplar_items_follow_the_schema() -> None:
    labels = set(issue_labels())
    required = {"id", "issues", "weak", "strong", "reason", "action_category"}
    for item in exemplars():
        assert set(item) == required, item.get("id")
        assert KEBAB.match(item["id"]), item["id"]
        assert 1 <= len(item["issues"]) <= 3, item["id"]
        assert len(set(item["issues"])) == len(item["issues"]), item["id"]
        assert set(item["issues"]) <= labels, (item["id"], set(item["issues"]) - labels)
        for key in ("weak", "strong", "reason"):
            assert isinstance(item[key], str) and item[key].strip(), (item["id"], key)
        assert normalise(item["weak"]) != normalise(item["strong"]), item["id"]
        category = item["action_category"]
        assert set(category) == {"weak", "strong"}, item["id"]
        assert all(isinstance(v, int) and 1 <= v <= 5 for v in category.values()), item["id"]
        assert category["strong"] == 5, item["id"]


def test_exemplar_ids_are_unique() -> None:
    ids = [item["id"] for item in exemplars()]
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_weak_exemplars_span_the_lower_action_categories() -> None:
    weak = Counter(item["action_category"]["weak"] for item in exemplars())
    assert all(weak[category] >= 3 for category in (1, 2, 3, 4)), weak


def test_strong_exemplars_open_with_a_specific_verb_and_carry_a_time_element() -> None:
    for item in exemplars():
        strong = item["strong"]
        assert strong.split()[0].lower().strip(",") in STRONG_OPENERS, item["id"]
        assert TIME_ELEMENT.search(strong), item["id"]
        assert len(strong.split()) <= 50, item["id"]


def test_every_issue_is_covered_by_at_least_two_exemplars() -> None:
    coverage = Counter(label for item in exemplars() for label in item["issues"])
    assert {label: coverage[label] for label in issue_labels() if coverage[label] < 2} == {}


def test_twenty_most_common_issues_have_at_least_three_exemplars() -> None:
    coverage = Counter(label for item in exemplars() for label in item["issues"])
    top = [label for label, _ in data_issue_counts().most_common(20)]
    assert {label: coverage[label] for label in top if coverage[label] < 3} == {}


def test_exemplar_texts_are_not_taken_from_the_data() -> None:
    texts = data_texts()
    copied = [
        (item["id"], key)
        for item in exemplars()
        for key in ("weak", "strong")
        if normalise(item[key]) in texts
    ]
    assert copied == []


# --- workshops -----------------------------------------------------------------------------


def test_all_three_workshop_sets_exist() -> None:
    assert set(WORKSHOP_SETS) <= set(workshop_sets())


@pytest.mark.parametrize("name", WORKSHOP_SETS)
def test_workshop_set_follows_the_schema(name: str) -> None:
    workshop = workshop_sets()[name]
    labels = set(issue_labels())
    assert workshop["id"] == name
    assert isinstance(workshop["title"], str) and workshop["title"]
    assert isinstance(workshop["description"], str) and workshop["description"]
    exercises = workshop["exercises"]
    assert len(exercises) >= 5
    ids = [exercise["id"] for exercise in exercises]
    assert len(set(ids)) == len(ids)
    required = {"id", "title", "weak", "background", "focus", "model_answer", "reasoning", "hints"}
    for exercise in exercises:
        assert required <= set(exercise), exercise["id"]
        assert set(exercise) <= required | {"action_category", "ladder"}, exercise["id"]
        assert KEBAB.match(exercise["id"]), exercise["id"]
        for key in ("title", "weak", "model_answer", "reasoning"):
            assert isinstance(exercise[key], str) and exercise[key].strip(), (exercise["id"], key)
        background = exercise["background"]
        assert set(background) == {"state", "issue", "facts"}, exercise["id"]
        assert background["issue"] in labels, exercise["id"]
        assert all(isinstance(v, str) and v.strip() for v in background.values())
        focus = exercise["focus"]
        assert focus and set(focus) <= SMART_LETTERS and len(set(focus)) == len(focus)
        hints = exercise["hints"]
        assert hints and all(isinstance(h, str) and h.strip() for h in hints), exercise["id"]
        assert normalise(exercise["weak"]) != normalise(exercise["model_answer"])


def test_smart_basics_has_one_exercise_per_letter() -> None:
    single = [tuple(e["focus"]) for e in workshop_sets()["smart-basics"]["exercises"]]
    assert {focus[0] for focus in single if len(focus) == 1} == SMART_LETTERS


def test_action_ladder_climbs_to_category_five() -> None:
    exercises = workshop_sets()["action-ladder"]["exercises"]
    starts = set()
    for exercise in exercises:
        category = exercise["action_category"]
        assert category["model_answer"] == 5, exercise["id"]
        starts.add(category["weak"])
        rungs = [rung["category"] for rung in exercise["ladder"]]
        assert rungs == sorted(rungs) and rungs[0] >= 1 and rungs[-1] == 5, exercise["id"]
        assert rungs[0] == category["weak"], exercise["id"]
        assert exercise["ladder"][0]["text"] == exercise["weak"], exercise["id"]
        assert exercise["ladder"][-1]["text"] == exercise["model_answer"], exercise["id"]
    assert {1, 2, 3, 4} <= starts


def test_workshop_texts_are_not_taken_from_the_data() -> None:
    texts = data_texts()
    assert [text for text in workshop_texts() if normalise(text) in texts] == []


# --- sample submissions --------------------------------------------------------------------


def test_sample_markdown_submission_has_lead_in_and_items() -> None:
    text = (SUBMISSION_DIR / "sample-submission.md").read_text(encoding="utf-8")
    assert "We recommend that the Government of Examplia:" in text
    items = submission_md_items()
    assert 10 <= len(items) <= 15
    assert items[0].startswith("amend article 301")


def test_sample_csv_submission_has_twelve_rows() -> None:
    rows = submission_csv_rows()
    assert len(rows) == 12
    assert list(rows[0]) == ["id", "recommendation"]
    assert len({row["id"] for row in rows}) == 12
    assert all(row["recommendation"].strip() for row in rows)


def test_sample_submissions_are_not_taken_from_the_data() -> None:
    texts = data_texts()
    samples = submission_md_items() + [row["recommendation"] for row in submission_csv_rows()]
    assert [text for text in samples if normalise(text) in texts] == []
