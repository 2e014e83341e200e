"""Agreement of the engine with the hand labels of examples/rubric-cases.yml (SMART-RUBRIC.md)."""

from __future__ import annotations

import argparse
import csv
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import yaml

from smartcheck.errors import InputError
from smartcheck.report import CRITERIA, Report
from smartcheck.resources import examples_dir, shared_data_dir

DEFAULT_CASES = examples_dir() / "rubric-cases.yml"
# Cases may cite a real recommendation by its `rec_id` instead of quoting it: the project
# ships no third-party texts, so the text is read from the shared export at run time.
EXPORT_NAME = "upr-info-recommendations-sessions-01-16.csv"
VERDICTS = ("pass", "partial", "fail")
CATEGORIES = (1, 2, 3, 4, 5)
SHORT = {
    "specific": "S",
    "measurable": "M",
    "achievable": "A",
    "relevant": "R",
    "time_bound": "T",
    "action_category": "cat",
}


class Checker(Protocol):
    """Anything with the engine's batch entry point."""

    def check_many(self, texts: Sequence[str]) -> list[Report]:
        """Judge many recommendations."""
        ...


@lru_cache(maxsize=2)
def export_texts(csv_path: str) -> dict[str, str]:
    """rec_id -> Text of a UPR Info export (read once per process)."""
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        return {row["rec_id"].strip(): row["Text"] for row in csv.DictReader(handle)
                if row.get("rec_id")}


def _with_text(case: dict[str, Any], source: Path, csv_path: Path) -> dict[str, Any]:
    """The case with its `text`, read from the shared export when it is given as `rec_id`."""
    if isinstance(case.get("text"), str):
        return case
    if "rec_id" not in case:
        raise InputError(f"{source}: case {case.get('id', '?')} has neither 'text' nor 'rec_id'.")
    if not csv_path.exists():
        raise InputError(f"{source}: case {case.get('id', '?')} cites rec_id {case['rec_id']}, "
                         f"but the UPR Info export is not at {csv_path}.")
    text = export_texts(str(csv_path)).get(str(case["rec_id"]).strip())
    if text is None:
        raise InputError(f"{source}: case {case.get('id', '?')} cites rec_id {case['rec_id']}, "
                         f"which is not in {csv_path.name}.")
    return {**case, "text": text.strip()}


def load_rubric_cases(path: str | Path | None = None,
                      csv_path: str | Path | None = None) -> list[dict[str, Any]]:
    """The labelled cases of a rubric-cases file (default: examples/rubric-cases.yml).

    A case gives its recommendation as `text`, or as `rec_id` (a row of the UPR Info export
    in ../shared/data, read at run time).
    """
    source = Path(path) if path is not None else DEFAULT_CASES
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"Cannot read the labelled file {source}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise InputError(f"{source} is not a rubric-cases file (a mapping with 'cases').")
    export = Path(csv_path) if csv_path is not None else shared_data_dir() / EXPORT_NAME
    for case in data["cases"]:
        _check_labels(case, source)
    return [_with_text(case, source, export) for case in data["cases"]]


def _check_labels(case: Any, source: Path) -> None:
    """A clear error for a case without an id or with a missing or unknown label."""
    if not isinstance(case, dict) or not isinstance(case.get("labels"), dict):
        raise InputError(f"{source}: every case needs an 'id' and 'labels'.")
    labels, name = case["labels"], case.get("id", "?")
    for criterion in CRITERIA:
        if labels.get(criterion) not in VERDICTS:
            raise InputError(f"{source}: case {name} needs '{criterion}' as one of "
                             f"{', '.join(VERDICTS)}.")
    if labels.get("action_category") not in CATEGORIES:
        raise InputError(f"{source}: case {name} needs 'action_category' from 1 to 5.")


def _ratio(part: int, whole: int) -> float:
    """part / whole, or 0.0 when there is nothing to divide."""
    return part / whole if whole else 0.0


def _criterion_result(golds: list[str], preds: list[str]) -> dict[str, Any]:
    """Exact and pass/not-pass accuracy and the gold x predicted confusion matrix."""
    confusion = {g: dict.fromkeys(VERDICTS, 0) for g in VERDICTS}
    for gold, pred in zip(golds, preds, strict=True):
        confusion[gold][pred] += 1
    exact = sum(g == p for g, p in zip(golds, preds, strict=True))
    lenient = sum((g == "pass") == (p == "pass") for g, p in zip(golds, preds, strict=True))
    flips = confusion["pass"]["fail"] + confusion["fail"]["pass"]
    return {
        "accuracy": _ratio(exact, len(golds)),
        "lenient_accuracy": _ratio(lenient, len(golds)),
        "confusion": confusion,
        "disagreements": len(golds) - exact,
        "flips": flips,
    }


def _smart_result(gold: list[bool], pred: list[bool]) -> dict[str, Any]:
    """Precision and recall of the engine's 'SMART' (all five pass) against the labels."""
    both = sum(g and p for g, p in zip(gold, pred, strict=True))
    precision = _ratio(both, sum(pred))
    recall = _ratio(both, sum(gold))
    f1 = _ratio(2 * precision * recall, precision + recall) if precision + recall else 0.0
    return {
        "gold": sum(gold),
        "predicted": sum(pred),
        "both": both,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def _category_result(golds: list[int], preds: list[int]) -> dict[str, Any]:
    """Accuracy and confusion matrix of the action category."""
    confusion = {g: dict.fromkeys(CATEGORIES, 0) for g in CATEGORIES}
    for gold, pred in zip(golds, preds, strict=True):
        confusion[gold][pred] += 1
    exact = sum(g == p for g, p in zip(golds, preds, strict=True))
    return {"accuracy": _ratio(exact, len(golds)), "confusion": confusion}


def _disagreements(cases: list[dict[str, Any]], reports: list[Report]) -> list[dict[str, Any]]:
    """One entry per case and criterion (or action category) where engine and label differ."""
    found: list[dict[str, Any]] = []
    for case, report in zip(cases, reports, strict=True):
        labels = case["labels"]
        for name in CRITERIA:
            score = report.criteria[name]
            if score.verdict != labels[name]:
                found.append({
                    "id": case["id"],
                    "criterion": name,
                    "expected": labels[name],
                    "got": score.verdict,
                    "score": round(score.score, 3),
                    "rules": sorted({f.rule for f in score.findings}),
                    "text": case["text"],
                    "why": case.get("why", ""),
                })
        category = report.action_category
        if category.value != labels["action_category"]:
            found.append({
                "id": case["id"],
                "criterion": "action_category",
                "expected": labels["action_category"],
                "got": category.value,
                "score": round(category.confidence, 3),
                "rules": [category.reason] if category.reason else [],
                "text": case["text"],
                "why": case.get("why", ""),
            })
    return found


def evaluate_rubric(engine: Checker, path: str | Path | None = None) -> dict[str, Any]:
    """Score the engine on the rubric cases: accuracy, confusion, SMART P/R, disagreements."""
    cases = load_rubric_cases(path)
    reports = engine.check_many([c["text"] for c in cases])
    if len(reports) != len(cases):
        raise ValueError(f"engine returned {len(reports)} reports for {len(cases)} cases")
    criteria = {
        name: _criterion_result(
            [c["labels"][name] for c in cases], [r.criteria[name].verdict for r in reports]
        )
        for name in CRITERIA
    }
    gold_smart = [all(c["labels"][n] == "pass" for n in CRITERIA) for c in cases]
    return {
        "cases": len(cases),
        "criteria": criteria,
        "mean_accuracy": sum(v["accuracy"] for v in criteria.values()) / len(CRITERIA),
        "mean_lenient_accuracy": sum(v["lenient_accuracy"] for v in criteria.values())
        / len(CRITERIA),
        "flips": sum(v["flips"] for v in criteria.values()),
        "flip_rate": _ratio(sum(v["flips"] for v in criteria.values()),
                            len(cases) * len(CRITERIA)),
        "smart": _smart_result(gold_smart, [r.smart for r in reports]),
        "action_category": _category_result(
            [c["labels"]["action_category"] for c in cases],
            [r.action_category.value for r in reports],
        ),
        "disagreements": _disagreements(cases, reports),
    }


def _matrix(title: str, confusion: dict[Any, dict[Any, int]]) -> list[str]:
    """A gold-by-row, engine-by-column matrix as text lines."""
    columns = list(next(iter(confusion.values())))
    lines = [f"  {title:<14}" + "".join(f"{str(c):>9}" for c in columns)]
    for gold, row in confusion.items():
        lines.append(f"  {str(gold):<14}" + "".join(f"{row[c]:>9}" for c in columns))
    return lines


def format_rubric_eval(result: dict[str, Any], max_disagreements: int | None = None) -> str:
    """A readable table of the evaluation: accuracies, SMART P/R, matrices, disagreements."""
    lines = [f"Rubric evaluation on {result['cases']} hand-labelled cases", ""]
    lines.append(f"  {'criterion':<12}{'exact':>8}{'lenient':>9}{'wrong':>7}")
    for name, res in result["criteria"].items():
        lines.append(
            f"  {name:<12}{res['accuracy']:>8.3f}{res['lenient_accuracy']:>9.3f}"
            f"{res['disagreements']:>7}"
        )
    lines.append(
        f"  {'mean':<12}{result['mean_accuracy']:>8.3f}{result['mean_lenient_accuracy']:>9.3f}"
    )
    if "flips" in result:
        lines.append(f"  pass<->fail flips: {result['flips']} of "
                     f"{result['cases'] * len(CRITERIA)} judgements "
                     f"({100 * result['flip_rate']:.1f} %)")
    cat = result["action_category"]
    lines.append(f"  {'category':<12}{cat['accuracy']:>8.3f}")
    smart = result["smart"]
    lines += [
        "",
        f"SMART (all five pass): labelled {smart['gold']}, engine {smart['predicted']}, "
        f"both {smart['both']}; precision {smart['precision']:.3f}, recall {smart['recall']:.3f}, "
        f"F1 {smart['f1']:.3f}",
        "",
        "Confusion matrices (rows: label, columns: engine)",
    ]
    for name, res in result["criteria"].items():
        lines += _matrix(name, res["confusion"])
    lines += _matrix("category", cat["confusion"])
    shown = result["disagreements"]
    if max_disagreements is not None:
        shown = shown[:max_disagreements]
    lines += ["", f"Disagreements ({len(result['disagreements'])})"]
    for d in shown:
        rules = ", ".join(d["rules"]) or "-"
        lines.append(
            f"  {d['id']} {SHORT[d['criterion']]}: label {d['expected']}, engine {d['got']} "
            f"({d['score']}; {rules})"
        )
        lines.append(f"      {d['text']}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the evaluation of the real engine: python -m smartcheck.evaluate.rubric [PATH]."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("path", nargs="?", default=None, help="rubric-cases YAML file")
    parser.add_argument("--limit", type=int, default=None, help="disagreements to print")
    args = parser.parse_args(argv)
    from smartcheck import Engine

    print(format_rubric_eval(evaluate_rubric(Engine(), args.path), args.limit))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
