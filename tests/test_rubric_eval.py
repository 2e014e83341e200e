"""Agreement of the engine with the hand-labelled rubric cases, and the metric arithmetic."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from smartcheck.evaluate.rubric import evaluate_rubric, format_rubric_eval, load_rubric_cases
from smartcheck.report import CRITERIA, ActionCategory, CriterionScore, Report

# Measured on the 160 cases: S .825, M .812, A .912, R .819, T .975, category .912.
# Floors sit about 0.03 below what was measured (docs/evaluation.md); raise them as the engine
# improves. The rules were corrected against these cases, so they guard regressions; the
# held-out figures are the UPR Info ones.
# Issue 11c measured S .944, M .975, A .981, R .994, T 1.000, category .956, 2 flips in 800.
FLOORS = {
    "specific": 0.94,
    "measurable": 0.97,
    "achievable": 0.98,
    "relevant": 0.99,
    "time_bound": 0.99,
}
CATEGORY_FLOOR = 0.95
SCORE_FOR = {"pass": 1.0, "partial": 0.5, "fail": 0.0}

MINI_CASES = """\
version: 1
source: "test"
cases:
  - id: rc-001
    text: "Ratify the Optional Protocol to the Convention against Torture by 2027."
    labels: {specific: pass, measurable: pass, achievable: pass, relevant: pass,
             time_bound: pass, action_category: 5}
    why: "S M A R T"
  - id: rc-002
    text: "Continue its efforts to fight trafficking."
    labels: {specific: fail, measurable: fail, achievable: pass, relevant: partial,
             time_bound: fail, action_category: 2}
    why: "S M A R T"
  - id: rc-003
    text: "Consider abolishing the death penalty as soon as possible."
    labels: {specific: fail, measurable: partial, achievable: pass, relevant: partial,
             time_bound: partial, action_category: 3}
    why: "S M A R T"
  - id: rc-004
    text: "Adopt a law on domestic violence."
    labels: {specific: pass, measurable: pass, achievable: pass, relevant: partial,
             time_bound: fail, action_category: 5}
    why: "S M A R T"
"""


class ScriptedEngine:
    """Returns fixed verdicts per text, so the metrics can be checked by hand."""

    def __init__(self, answers: dict[str, tuple[dict[str, str], int]]) -> None:
        """answers: text -> (verdict per criterion, action category)."""
        self.answers = answers

    def check_many(self, texts: Sequence[str]) -> list[Report]:
        """One Report per text with the scripted verdicts."""
        reports = []
        for text in texts:
            verdicts, category = self.answers[text]
            criteria = {n: CriterionScore(n, SCORE_FOR[verdicts[n]]) for n in CRITERIA}
            reports.append(Report(text, criteria, ActionCategory(category, 0.9), 0))
        return reports


@pytest.fixture
def mini_path(tmp_path: Path) -> Path:
    """A four-case rubric file."""
    path = tmp_path / "mini.yml"
    path.write_text(MINI_CASES, encoding="utf-8")
    return path


def scripted(path: Path, changes: dict[str, dict[str, Any]]) -> ScriptedEngine:
    """An engine that agrees with every label except the given {id: {criterion: value}}."""
    answers = {}
    for case in load_rubric_cases(path):
        labels = dict(case["labels"])
        labels.update(changes.get(case["id"], {}))
        category = labels.pop("action_category")
        answers[case["text"]] = (labels, category)
    return ScriptedEngine(answers)


def test_perfect_engine_scores_one(mini_path: Path) -> None:
    result = evaluate_rubric(scripted(mini_path, {}), mini_path)
    assert result["cases"] == 4
    for name in CRITERIA:
        assert result["criteria"][name]["accuracy"] == 1.0
        assert result["criteria"][name]["lenient_accuracy"] == 1.0
    assert result["smart"] == {
        "gold": 1, "predicted": 1, "both": 1, "precision": 1.0, "recall": 1.0, "f1": 1.0,
    }
    assert result["action_category"]["accuracy"] == 1.0
    assert result["disagreements"] == []


def test_metrics_count_exact_and_lenient_agreement(mini_path: Path) -> None:
    engine = scripted(mini_path, {
        "rc-002": {"relevant": "fail"},          # partial -> fail: exact miss, lenient hit
        "rc-003": {"time_bound": "pass"},         # partial -> pass: both miss
        "rc-004": {"relevant": "pass", "time_bound": "pass", "action_category": 4},
    })
    result = evaluate_rubric(engine, mini_path)
    relevant = result["criteria"]["relevant"]
    assert relevant["accuracy"] == 0.5
    assert relevant["lenient_accuracy"] == 0.75
    assert relevant["confusion"]["partial"] == {"pass": 1, "partial": 1, "fail": 1}
    time_bound = result["criteria"]["time_bound"]
    assert time_bound["accuracy"] == 0.5
    assert time_bound["lenient_accuracy"] == 0.5
    # rc-004 now passes everything: 2 predicted SMART, 1 of them right.
    assert result["smart"]["predicted"] == 2
    assert result["smart"]["precision"] == 0.5
    assert result["smart"]["recall"] == 1.0
    assert result["action_category"]["accuracy"] == 0.75
    assert result["action_category"]["confusion"][5][4] == 1
    found = {(d["id"], d["criterion"], d["expected"], d["got"]) for d in result["disagreements"]}
    assert found == {
        ("rc-002", "relevant", "partial", "fail"),
        ("rc-003", "time_bound", "partial", "pass"),
        ("rc-004", "relevant", "partial", "pass"),
        ("rc-004", "time_bound", "fail", "pass"),
        ("rc-004", "action_category", 5, 4),
    }


def test_report_count_mismatch_is_an_error(mini_path: Path) -> None:
    class Short:
        """Loses every report."""

        def check_many(self, texts: Sequence[str]) -> list[Report]:
            """No reports at all."""
            return []

    with pytest.raises(ValueError, match="0 reports for 4 cases"):
        evaluate_rubric(Short(), mini_path)


def test_format_lists_figures_and_disagreements(mini_path: Path) -> None:
    engine = scripted(mini_path, {"rc-003": {"time_bound": "pass"}})
    text = format_rubric_eval(evaluate_rubric(engine, mini_path))
    assert "Rubric evaluation on 4 hand-labelled cases" in text
    assert "time_bound     0.750" in text
    assert "rc-003 T: label partial, engine pass" in text
    assert "precision 1.000, recall 1.000" in text
    for name in CRITERIA:
        assert name in text


@pytest.fixture(scope="module")
def real_result(real_engine: Any, verdict_engine: Any) -> dict[str, Any]:
    """The real engine's evaluation on examples/rubric-cases.yml."""
    return evaluate_rubric(verdict_engine)


def test_real_engine_result_is_consistent(real_result: dict[str, Any]) -> None:
    assert real_result["cases"] == len(load_rubric_cases()) >= 150
    wrong = 0
    for name in CRITERIA:
        res = real_result["criteria"][name]
        matrix = res["confusion"]
        assert sum(sum(row.values()) for row in matrix.values()) == real_result["cases"]
        diagonal = sum(matrix[v][v] for v in matrix)
        assert res["accuracy"] == pytest.approx(diagonal / real_result["cases"])
        assert res["lenient_accuracy"] >= res["accuracy"]
        wrong += res["disagreements"]
    category = real_result["action_category"]
    wrong += round((1 - category["accuracy"]) * real_result["cases"])
    assert len(real_result["disagreements"]) == wrong


@pytest.mark.parametrize("criterion", CRITERIA)
def test_real_engine_agrees_with_rubric_labels(
    real_result: dict[str, Any], criterion: str
) -> None:
    accuracy = real_result["criteria"][criterion]["accuracy"]
    assert accuracy >= FLOORS[criterion], format_rubric_eval(real_result, 40)


def test_real_engine_action_category(real_result: dict[str, Any]) -> None:
    assert real_result["action_category"]["accuracy"] >= CATEGORY_FLOOR


def test_real_engine_smart_precision_and_recall(real_result: dict[str, Any]) -> None:
    smart = real_result["smart"]
    assert smart["gold"] == 25
    assert smart["precision"] >= 0.85
    assert smart["recall"] >= 0.80


@dataclass(frozen=True)
class SetFloors:
    """Floors for one labelled set: per-criterion agreement, category accuracy, most flips."""

    name: str
    criteria: dict[str, float]
    category: float
    max_flips: int


LATER_SETS = [
    # Written after the rules were corrected on the first. Measured after issue 11c:
    # .912 / .850 / .975 / .912 / 1.000, category .950; round 11g: M .900, R .938, 3 flips.
    SetFloors("rubric-cases-2.yml", {"specific": 0.91, "measurable": 0.89, "achievable": 0.97,
                                     "relevant": 0.925, "time_bound": 0.99}, 0.95, 4),
    # Blind when written; tuned on since issue 11b. Issue 11c measured S .947, M .924, A .982,
    # R .965, T 1.000, category .889, 1 flip in 855 judgements; round 11g: M .942.
    SetFloors("rubric-cases-3.yml", {"specific": 0.94, "measurable": 0.93, "achievable": 0.98,
                                     "relevant": 0.96, "time_bound": 0.99}, 0.88, 2),
    # NOT blind since issue 11d, whose engineer read its disagreements to find the kinds. Blind
    # first runs: mean .890 (main at 3a39c50) and .905 (after 11c, 32 flips in 1,115); issue 11d
    # measured S .888, M .897, A .955, R .946, T 1.000, category .883, 10 flips; round 11g:
    # M .919, R .951, 8 flips.
    SetFloors("rubric-cases-4.yml", {"specific": 0.88, "measurable": 0.905, "achievable": 0.95,
                                     "relevant": 0.94, "time_bound": 0.99}, 0.87, 9),
    # NOT blind since issue 11e. Blind first run (after 11d): S .836, M .804, A .911, R .868,
    # T .925, mean .869, 66 flips in 1,405; issue 11e measured S .854, M .854, A .950, R .879,
    # T 1.000, category .904, 19 flips; round 11g: M .897, A .954, R .883, 16 flips.
    SetFloors("rubric-cases-5.yml", {"specific": 0.85, "measurable": 0.885, "achievable": 0.945,
                                     "relevant": 0.87, "time_bound": 0.99}, 0.90, 17),
    # NOT blind since round 11g (its disagreements were read to find kinds). Blind first run
    # (after 11d): S .822, M .761, A .951, R .890, T .982, mean .881, 22 flips in 815; after 11e
    # (blind): S .834, M .767, A .957, R .890, T .988, mean .887, category .902, 19 flips; round
    # 11g: S .840, M .883, A .963, R .908, mean .917, category .908, 6 flips. A floor, not a target.
    SetFloors("rubric-cases-6.yml", {"specific": 0.83, "measurable": 0.865, "achievable": 0.95,
                                     "relevant": 0.895, "time_bound": 0.98}, 0.895, 8),
    # NOT blind since round 11g (before that, used once to decide not to merge issue 11f).
    # Blind first run (after 11e): S .816, M .810, A .914, R .896, T .994, mean .886, category
    # .883, 13 flips in 815; round 11g: S .822, M .871, A .933, R .902, mean .904, 7 flips.
    SetFloors("rubric-cases-7.yml", {"specific": 0.81, "measurable": 0.855, "achievable": 0.92,
                                     "relevant": 0.89, "time_bound": 0.99}, 0.88, 9),
    # Blind for round 11g (measured by the lead on main after 11g: S .838, M .827, A .942,
    # R .890, T .965, mean .892, category .908, 22 flips in 865); NOT blind since round 11h,
    # which read it (11h: M .861, A .960, T .988, 5 flips). Floors at main's figures - ~0.01.
    SetFloors("rubric-cases-8.yml", {"specific": 0.83, "measurable": 0.85, "achievable": 0.95,
                                     "relevant": 0.88, "time_bound": 0.975}, 0.90, 8),
    # Ninth set, written blind after round 11g; measured blind for round 11h (merged by the rule
    # fixed in advance: flips 11 -> 5, mean .901 -> .901): .864 / .822 / .947 / .882 / .988,
    # category .959, 5 flips of 845. Not blind for any later round that reads it.
    SetFloors("rubric-cases-9.yml", {"specific": 0.855, "measurable": 0.81, "achievable": 0.935,
                                     "relevant": 0.87, "time_bound": 0.975}, 0.95, 8),
]


@pytest.mark.parametrize("floors", LATER_SETS, ids=lambda f: f.name.removesuffix(".yml"))
def test_real_engine_on_the_later_sets(verdict_engine, floors: SetFloors) -> None:
    """Each later labelled set stays at or above the agreement measured on it."""
    path = Path(__file__).resolve().parent.parent / "examples" / floors.name
    result = evaluate_rubric(verdict_engine, path)
    for criterion, floor in floors.criteria.items():
        assert result["criteria"][criterion]["accuracy"] >= floor, criterion
    assert result["action_category"]["accuracy"] >= floors.category
    assert result["flips"] <= floors.max_flips


REC_ID_CASES = """\
version: 1
source: "test"
cases:
  - id: x-001
    rec_id: 4
    labels: {specific: pass, measurable: pass, achievable: pass, relevant: pass,
             time_bound: fail, action_category: 5}
    why: "S M A R T"
  - id: x-002
    text: "Adopt a law on domestic violence."
    labels: {specific: pass, measurable: pass, achievable: pass, relevant: partial,
             time_bound: fail, action_category: 5}
    why: "S M A R T"
"""

EXPORT = """\
rec_id,To,Text,Action,Session
3,Examplia,"Investigate all acts of violence against women.",5,14
4,Examplia,"Submit its delayed reports to the Committee against Torture.",5,15
"""


def test_cases_may_cite_a_row_of_the_export_by_rec_id(tmp_path: Path) -> None:
    cases_path = tmp_path / "cases.yml"
    cases_path.write_text(REC_ID_CASES, encoding="utf-8")
    export = tmp_path / "export.csv"
    export.write_text(EXPORT, encoding="utf-8")
    loaded = load_rubric_cases(cases_path, csv_path=export)
    assert [c["text"] for c in loaded] == [
        "Submit its delayed reports to the Committee against Torture.",
        "Adopt a law on domestic violence.",
    ]
    assert loaded[0]["rec_id"] == 4


def test_unknown_rec_id_or_missing_export_is_a_clear_error(tmp_path: Path) -> None:
    from smartcheck.errors import InputError

    cases_path = tmp_path / "cases.yml"
    cases_path.write_text(REC_ID_CASES.replace("rec_id: 4", "rec_id: 99"), encoding="utf-8")
    export = tmp_path / "export.csv"
    export.write_text(EXPORT, encoding="utf-8")
    with pytest.raises(InputError, match="rec_id 99, which is not in export.csv"):
        load_rubric_cases(cases_path, csv_path=export)
    with pytest.raises(InputError, match="export is not at"):
        load_rubric_cases(cases_path, csv_path=tmp_path / "missing.csv")
    with pytest.raises(InputError, match="not a rubric-cases file"):
        bad = tmp_path / "bad.yml"
        bad.write_text("- just a list\n", encoding="utf-8")
        load_rubric_cases(bad)


def test_rec_id_reads_the_shared_export_by_default(tmp_path: Path) -> None:
    from smartcheck.resources import shared_data_dir

    if not (shared_data_dir() / "upr-info-recommendations-sessions-01-16.csv").exists():
        pytest.skip("shared data not found")
    cases_path = tmp_path / "cases.yml"
    cases_path.write_text(REC_ID_CASES, encoding="utf-8")
    text = load_rubric_cases(cases_path)[0]["text"]
    assert text.startswith("Submit its delayed reports")


def test_cli_eval_reports_smart_agreement_on_a_labelled_file(
        mini_path: Path, capsys: pytest.CaptureFixture[str], engine: Any) -> None:
    from smartcheck.cli import main

    status = main(["eval", str(mini_path), "--disagreements", "2"])
    out = capsys.readouterr().out
    assert status == 0
    assert "Rubric evaluation on 4 hand-labelled cases" in out
    assert "pass<->fail flips:" in out and "of 20 judgements" in out
    assert "category" in out


def test_cli_eval_bad_labelled_file_is_a_clear_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from smartcheck.cli import main

    bad = tmp_path / "bad.yml"
    bad.write_text("cases:\n  - id: x\n    text: Ratify the CAT.\n    labels: {specific: maybe}\n",
                   encoding="utf-8")
    assert main(["eval", str(bad)]) == 2
    assert "needs 'specific' as one of pass, partial, fail" in capsys.readouterr().err
