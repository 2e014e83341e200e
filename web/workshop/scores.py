"""A Report reduced to the scores a workshop keeps, and the room's board built from them."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from typing import Any

from smartcheck.report import CRITERIA, Report
from smartcheck.reports.formats import safe_cell
from web.present import LETTERS, rule_label


def summarise(report: Report) -> dict[str, Any]:
    """The JSON kept with a submission: overall, per-criterion scores, category, weak points."""
    seen: dict[str, dict[str, str]] = {}
    for finding in report.findings:
        seen.setdefault(
            finding.rule,
            {"rule": finding.rule, "criterion": finding.criterion, "message": finding.message},
        )
    return {
        "overall": int(report.overall),
        "smart": bool(report.smart),
        "criteria": {
            key: {"score": round(float(c.score), 3), "verdict": c.verdict}
            for key, c in report.criteria.items()
        },
        "action_category": int(report.action_category.value),
        "findings": list(seen.values()),
    }


@dataclass(frozen=True)
class Row:
    """One latest submission as the board shows it (anonymous: a number, never the name)."""

    id: int
    number: int
    name: str
    text: str
    before: dict[str, Any]
    after: dict[str, Any]
    attempts: int
    created_at: Any

    @property
    def gain(self) -> int:
        """Points gained over the weak recommendation."""
        return int(self.after.get("overall", 0)) - int(self.before.get("overall", 0))


def bar_class(score: float) -> str:
    """The .w-N width class (steps of 5) for a 0–100 score."""
    return f"w-{5 * round(max(0.0, min(100.0, score)) / 5)}"


def criterion_chart(before: dict[str, Any], rows: list[Row]) -> list[dict[str, Any]]:
    """Before (the weak text) and the room's average after, per SMART letter and overall."""
    chart = []
    for key in CRITERIA:
        letter, name = LETTERS[key]
        was = 100 * _score(before, key)
        now = [100 * _score(r.after, key) for r in rows]
        chart.append(_bar(letter, name, was, now))
    was = float(before.get("overall", 0))
    chart.append(_bar("∑", "Overall", was, [float(r.after.get("overall", 0)) for r in rows]))
    return chart


def _score(scores: dict[str, Any], key: str) -> float:
    """One criterion's 0–1 score from a stored summary (0 when missing)."""
    return float(scores.get("criteria", {}).get(key, {}).get("score", 0.0))


def _bar(letter: str, name: str, was: float, now: list[float]) -> dict[str, Any]:
    """One pair of bars."""
    after = sum(now) / len(now) if now else None
    return {
        "letter": letter,
        "name": name,
        "before": round(was),
        "after": None if after is None else round(after),
        "before_class": bar_class(was),
        "after_class": bar_class(after or 0.0),
    }


def histogram(rows: list[Row], bins: int = 5) -> list[dict[str, Any]]:
    """How many latest submissions fall in each band of the overall score (0–19 … 80–100)."""
    width = 100 // bins
    counts = Counter(min(bins - 1, int(r.after.get("overall", 0)) // width) for r in rows)
    most = max(counts.values(), default=0)
    return [
        {
            "label": f"{i * width}–{100 if i == bins - 1 else (i + 1) * width - 1}",
            "count": counts.get(i, 0),
            "bar_class": bar_class(100 * counts.get(i, 0) / most if most else 0),
        }
        for i in range(bins)
    ]


def weaknesses(rows: list[Row], top: int = 5) -> list[dict[str, Any]]:
    """The rules that fire most often in the room's latest submissions, with their messages."""
    counts: Counter[str] = Counter()
    info: dict[str, dict[str, str]] = {}
    for row in rows:
        for finding in row.after.get("findings", []):
            counts[finding["rule"]] += 1
            info.setdefault(finding["rule"], finding)
    return [
        {**info[rule], "label": rule_label(rule), "count": n, "share": round(100 * n / len(rows))}
        for rule, n in counts.most_common(top)
    ]


CSV_FIELDS = (
    "exercise", "exercise_title", "participant", "name", "attempt", "latest", "submitted_at",
    "text", "before_overall", "after_overall", "gain", "smart",
    *(f"after_{key}" for key in CRITERIA), "action_category", "weak_points",
)


def to_csv(records: list[dict[str, Any]]) -> str:
    """The export: one line per submission (all attempts; `latest` marks the one that counts)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        after, before = record["after"], record["before"]
        row = {
            "exercise": record["position"] + 1,
            "exercise_title": record["exercise_title"],
            "participant": record["number"],
            "name": record["name"],
            "attempt": record["attempt"],
            "latest": "yes" if record["latest"] else "no",
            "submitted_at": record["created_at"].isoformat(timespec="seconds") + "Z",
            "text": record["text"],
            "before_overall": before.get("overall"),
            "after_overall": after.get("overall"),
            "gain": int(after.get("overall", 0)) - int(before.get("overall", 0)),
            "smart": "yes" if after.get("smart") else "no",
            "action_category": after.get("action_category"),
            "weak_points": "; ".join(rule_label(f["rule"]) for f in after.get("findings", [])),
        }
        for key in CRITERIA:
            row[f"after_{key}"] = after.get("criteria", {}).get(key, {}).get("score")
        writer.writerow({k: safe_cell(v) for k, v in row.items()})
    return out.getvalue()
