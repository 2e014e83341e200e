"""The Report returned by the engine and the small value types it is made of."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CRITERIA = ("specific", "measurable", "achievable", "relevant", "time_bound")
LEVELS = ("suggestion", "warning", "error")
PASS_AT = 0.7
PARTIAL_AT = 0.4

ACTION_LABELS = {
    1: "Minimal action",
    2: "Continuing action",
    3: "Considering action",
    4: "General action",
    5: "Specific action",
}


def verdict_for(score: float) -> str:
    """Map a criterion score in [0, 1] to 'pass', 'partial' or 'fail' (SMART-RUBRIC.md)."""
    if score >= PASS_AT:
        return "pass"
    if score >= PARTIAL_AT:
        return "partial"
    return "fail"


@dataclass(frozen=True)
class Finding:
    """One judgement a rule made about a span of the text."""

    rule: str
    criterion: str
    level: str
    start: int
    end: int
    match: str
    message: str
    suggestion: str
    link: str
    weight: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the contract's finding keys; weight stays internal)."""
        return {
            "rule": self.rule,
            "criterion": self.criterion,
            "level": self.level,
            "start": self.start,
            "end": self.end,
            "match": self.match,
            "message": self.message,
            "suggestion": self.suggestion,
            "link": self.link,
        }


@dataclass
class CriterionScore:
    """The score of one SMART criterion with the findings that lowered it."""

    name: str
    score: float
    findings: list[Finding] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        """'pass', 'partial' or 'fail' from the score."""
        return verdict_for(self.score)

    @property
    def passed(self) -> bool:
        """True when the criterion passes."""
        return self.verdict == "pass"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "score": round(self.score, 3),
            "verdict": self.verdict,
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass(frozen=True)
class ActionCategory:
    """UPR Info action category (1 minimal … 5 specific) with the model's confidence."""

    value: int
    confidence: float
    reason: str = ""

    @property
    def label(self) -> str:
        """The category's UPR Info name."""
        return ACTION_LABELS[self.value]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "value": self.value,
            "label": self.label,
            "confidence": round(self.confidence, 3),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class IssueTag:
    """One of UPR Info's 54 issues, with the tagger's score."""

    label: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"label": self.label, "score": round(self.score, 3)}


@dataclass(frozen=True)
class Placeholder:
    """A `[…]` slot left for the author, with a one-line hint of what goes there."""

    slot: str
    hint: str

    def to_dict(self) -> dict[str, str]:
        """JSON-ready form."""
        return {"slot": self.slot, "hint": self.hint}


@dataclass(frozen=True)
class Suggestion:
    """A rewrite of the text that scores higher, with why.

    `overall` scores the text as written (a `[…]` slot is no evidence); `overall_filled`
    scores it once its `placeholders` are filled in. `sources` are the real recommendations
    a concrete deliverable was taken from (rec_id, to, from, session, response).
    """

    text: str
    overall: int
    explanation: str
    overall_filled: int | None = None
    placeholders: tuple[Placeholder, ...] = ()
    sources: tuple[dict[str, Any], ...] = ()

    @property
    def filled(self) -> int:
        """The score once the placeholders are filled (the written score if there are none)."""
        return self.overall if self.overall_filled is None else self.overall_filled

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (DESIGN.md's suggestion keys, plus the deliverable's sources)."""
        return {"text": self.text, "overall": self.overall, "overall_filled": self.filled,
                "placeholders": [p.to_dict() for p in self.placeholders],
                "explanation": self.explanation, "sources": [dict(s) for s in self.sources]}


@dataclass
class Report:
    """Everything the engine says about one recommendation."""

    text: str
    criteria: dict[str, CriterionScore]
    action_category: ActionCategory
    overall: int
    issues: list[IssueTag] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    similar: list[dict[str, Any]] = field(default_factory=list)
    # Per issue of this text: how many specific (category 5) recommendations were accepted.
    acceptance: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def smart(self) -> bool:
        """True when all five criteria pass."""
        return all(c.passed for c in self.criteria.values())

    @property
    def findings(self) -> list[Finding]:
        """All findings of all criteria, in text order."""
        found = [f for c in self.criteria.values() for f in c.findings]
        return sorted(found, key=lambda f: (f.start, f.end, f.rule))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form following the contract in DESIGN.md."""
        return {
            "text": self.text,
            "overall": self.overall,
            "smart": self.smart,
            "criteria": {name: self.criteria[name].to_dict() for name in CRITERIA},
            "action_category": self.action_category.to_dict(),
            "issues": [i.to_dict() for i in self.issues],
            "findings": [f.to_dict() for f in self.findings],
            "suggestions": [s.to_dict() for s in self.suggestions],
            "similar": list(self.similar),
            "acceptance": list(self.acceptance),
            "notes": list(self.notes),
        }
