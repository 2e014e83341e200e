"""`smartcheck eval`: the whole engine against UPR Info's hand-coded action categories."""

from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

from smartcheck.errors import InputError
from smartcheck.report import CRITERIA

REQUIRED_COLUMNS = {"Text", "Action", "Session"}


def parse_sessions(spec: str) -> set[int] | None:
    """'13-16' → {13, 14, 15, 16}; '1,3' → {1, 3}; 'all' → None."""
    if spec.strip().lower() == "all":
        return None
    sessions: set[int] = set()
    try:
        for part in spec.split(","):
            if "-" in part:
                low, high = part.split("-", 1)
                sessions.update(range(int(low), int(high) + 1))
            else:
                sessions.add(int(part))
    except ValueError as exc:
        raise InputError(f"--sessions takes numbers like 13-16 or 1,3 or all, not '{spec}'.") \
            from exc
    return sessions


def read_labelled(path: str | Path, sessions: set[int] | None,
                  limit: int | None = None) -> list[dict[str, str]]:
    """Rows of a UPR Info export with a text and an action category."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = REQUIRED_COLUMNS - set(reader.fieldnames or [])
        if missing:
            raise InputError(f"{path} is missing the column(s) {', '.join(sorted(missing))} "
                             "of a UPR Info export.")
        rows = []
        for row in reader:
            if not (row["Text"] or "").strip() or not (row["Action"] or "").strip().isdigit():
                continue
            if sessions is not None and int(row["Session"] or 0) not in sessions:
                continue
            rows.append(row)
            if limit and len(rows) >= limit:
                break
    return rows


def confusion_scores(truth: list[int], predicted: list[int]) -> dict[str, Any]:
    """Accuracy, macro-F1, per-class P/R/F1 and the 5×5 confusion matrix."""
    labels = [1, 2, 3, 4, 5]
    matrix = [[0] * 5 for _ in labels]
    for t, p in zip(truth, predicted, strict=True):
        matrix[t - 1][p - 1] += 1
    per_class = {}
    for i, label in enumerate(labels):
        tp = matrix[i][i]
        predicted_n = sum(row[i] for row in matrix)
        true_n = sum(matrix[i])
        precision = tp / predicted_n if predicted_n else 0.0
        recall = tp / true_n if true_n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": precision, "recall": recall, "f1": f1,
                            "support": true_n}
    total = len(truth)
    return {"n": total,
            "accuracy": sum(matrix[i][i] for i in range(5)) / total if total else 0.0,
            "macro_f1": sum(c["f1"] for c in per_class.values()) / 5,
            "per_class": per_class, "confusion": matrix}


def evaluate_file(path: str | Path, sessions: str = "13-16", limit: int | None = None,
                  engine: Any = None) -> dict[str, Any]:
    """Run the engine over labelled rows; return category scores and verdict shares."""
    from smartcheck.engine import Engine
    from smartcheck.judge.validate import validate

    rows = read_labelled(path, parse_sessions(sessions), limit)
    rows = [r for r in rows if _checkable(validate, r["Text"])]
    if not rows:
        raise InputError("No labelled recommendations in those sessions.")
    own = engine is None
    engine = engine or Engine(suggestions=False)
    started = time.perf_counter()
    try:
        reports = engine.check_many([r["Text"] for r in rows])
    finally:
        if own:
            engine.close()  # its worker processes end with the evaluation
    seconds = time.perf_counter() - started
    result = confusion_scores([int(r["Action"]) for r in rows],
                              [rep.action_category.value for rep in reports])
    result["sessions"], result["seconds"] = sessions, round(seconds, 2)
    result["verdict_shares"] = {
        c: {v: sum(1 for rep in reports if rep.criteria[c].verdict == v) / len(reports)
            for v in ("pass", "partial", "fail")} for c in CRITERIA}
    result["smart_share"] = sum(1 for rep in reports if rep.smart) / len(reports)
    return result


def _checkable(validate: Any, text: str) -> bool:
    """Whether the engine accepts the text at all."""
    try:
        validate(text)
    except InputError:
        return False
    return True


def format_evaluation(result: dict[str, Any]) -> str:
    """A plain-text table of the evaluation."""
    lines = [f"Action category on sessions {result['sessions']}: n={result['n']}, "
             f"accuracy {result['accuracy']:.3f}, macro-F1 {result['macro_f1']:.3f} "
             f"({result['seconds']} s)", "", "per class    precision  recall   F1     support"]
    for label, c in result["per_class"].items():
        lines.append(f"  {label}          {c['precision']:.3f}      {c['recall']:.3f}    "
                     f"{c['f1']:.3f}  {c['support']}")
    lines += ["", "confusion (rows: UPR Info, columns: smartcheck)",
              "      " + "".join(f"{p:>7}" for p in range(1, 6))]
    for t, row in enumerate(result["confusion"], 1):
        lines.append(f"  {t}   " + "".join(f"{n:>7}" for n in row))
    lines += ["", "SMART verdict shares      pass   partial  fail"]
    for name, shares in result["verdict_shares"].items():
        lines.append(f"  {name:22} {shares['pass']:.3f}  {shares['partial']:.3f}    "
                     f"{shares['fail']:.3f}")
    lines.append(f"  all five pass (SMART)  {result['smart_share']:.3f}")
    return "\n".join(lines)
