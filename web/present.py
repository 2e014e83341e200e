"""Turn a Report into what the templates show: badges, highlighted draft, ladder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from smartcheck.report import ACTION_LABELS, CRITERIA, LEVELS, Finding, Report, verdict_for

LETTERS = {
    "specific": ("S", "Specific"),
    "measurable": ("M", "Measurable"),
    "achievable": ("A", "Achievable"),
    "relevant": ("R", "Relevant"),
    "time_bound": ("T", "Time-bound"),
}
PASS_REASONS = {
    "specific": "A concrete action on an identifiable object.",
    "measurable": "Anyone can verify at the next review whether it was done.",
    "achievable": "One bounded action the State can take within a cycle.",
    "relevant": "A real human-rights issue, anchored in a group or a standard.",
    "time_bound": "It says by when.",
}
MISSING = {
    "specific": "Name a concrete action and what it applies to.",
    "measurable": "Say what will exist when it is done, or add a number.",
    "achievable": "Ask for one bounded step the State can take itself.",
    "relevant": "Name the right, the group affected or the standard.",
    "time_bound": "Add a deadline: a year or “before the next review”.",
}
LADDER_HINTS = {
    1: "asks others to act, or only to seek assistance or share information",
    2: "continue, maintain, pursue",
    3: "consider, examine, review, study",
    4: "ensure, promote, strengthen, take measures",
    5: "adopt, amend, ratify, establish, investigate",
}


@dataclass(frozen=True)
class Badge:
    """One S·M·A·R·T badge."""

    key: str
    letter: str
    name: str
    score: float
    verdict: str
    reason: str

    @property
    def percent(self) -> int:
        """The score as a whole percentage."""
        return round(max(0.0, min(1.0, self.score)) * 100)

    @property
    def bar_class(self) -> str:
        """CSS width class in steps of 5 (inline styles are blocked by the CSP)."""
        return f"w-{5 * round(self.percent / 5)}"


def score_class(overall: float) -> str:
    """The pill colour of a 0–100 score, by the criteria's own pass/partial thresholds."""
    return f"pill-{verdict_for(float(overall) / 100)}"


def rule_label(rule: str) -> str:
    """A rule id in plain words: 'time_bound.no-deadline' → 'Time-bound: no deadline'."""
    criterion, _, name = rule.partition(".")
    head = LETTERS.get(criterion, ("", criterion.replace("_", " ").capitalize()))[1]
    words = name.replace("-", " ").replace("_", " ").strip()
    return f"{head}: {words}" if words else head


def level_rank(level: str) -> int:
    """Order of severity: suggestion < warning < error."""
    return LEVELS.index(level) if level in LEVELS else 0


def badges(report: Report) -> list[Badge]:
    """The five badges in S, M, A, R, T order with a short reason each."""
    out = []
    for key in CRITERIA:
        crit = report.criteria.get(key)
        if crit is None:
            continue
        letter, name = LETTERS[key]
        worst = sorted(crit.findings, key=lambda f: -level_rank(f.level))
        if crit.verdict == "pass" or not worst:
            reason = PASS_REASONS[key] if crit.verdict == "pass" else MISSING[key]
        else:
            reason = worst[0].message
        out.append(Badge(key, letter, name, crit.score, crit.verdict, reason))
    return out


def finding_tip(finding: Finding) -> str:
    """Plain text shown on hover/focus: the message and the fix."""
    tip = finding.message
    if finding.suggestion:
        tip += f" — Try: {finding.suggestion}"
    return tip


def is_whole(finding: Finding, text: str) -> bool:
    """A finding about the whole recommendation (e.g. 'no deadline'): listed, not marked."""
    covered = finding.end - finding.start
    return covered >= 0.9 * len(text.strip()) and len(finding.match.split()) > 3


def highlight(text: str, findings: list[Finding]) -> Markup:
    """The draft as escaped HTML, with each finding's span wrapped in a focusable <mark>.

    Overlapping spans are cut at every boundary; each piece is marked with all findings
    covering it (the most severe sets the colour), so no text is lost or duplicated.
    Findings about the whole text are left to the list below the draft.
    """
    spans = [
        (i, f)
        for i, f in enumerate(findings)
        if 0 <= f.start < f.end <= len(text) and not is_whole(f, text)
    ]
    cuts = sorted({0, len(text), *(f.start for _, f in spans), *(f.end for _, f in spans)})
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = escape(text[a:b])
        covering = [(i, f) for i, f in spans if f.start <= a and b <= f.end]
        if not covering:
            parts.append(piece)
            continue
        worst = max(covering, key=lambda item: level_rank(item[1].level))[1]
        ids = " ".join(f"finding-{i + 1}" for i, _ in covering)
        tip = " | ".join(finding_tip(f) for _, f in covering)
        crits = " ".join(sorted({f.criterion for _, f in covering}))
        parts.append(
            Markup(
                '<mark class="hl hl-{level}" tabindex="0" title="{tip}" data-tip="{tip}" '
                'aria-describedby="{ids}" data-criteria="{crits}">{piece}</mark>'
            ).format(level=worst.level, tip=tip, ids=ids, crits=crits, piece=piece)
        )
    return Markup("").join(parts)


def ladder(report: Report) -> list[dict[str, Any]]:
    """The five action categories, marking the predicted one."""
    current = report.action_category.value
    return [
        {"value": v, "label": ACTION_LABELS[v], "hint": LADDER_HINTS[v], "current": v == current}
        for v in range(5, 0, -1)
    ]


def similar_items(report: Report) -> list[dict[str, Any]]:
    """Similar recommendations with a display label for where each comes from."""
    items = []
    for item in report.similar or []:
        entry = dict(item)
        if entry.get("state_under_review"):
            origin = f"to {entry['state_under_review']}"
            if entry.get("recommending_state"):
                origin = f"{entry['recommending_state']} {origin}"
            if entry.get("session"):
                origin += f", session {entry['session']}"
        else:
            origin = "Team-written exemplar"
        entry["origin"] = origin
        sim = entry.get("similarity")
        entry["similarity_pct"] = round(float(sim) * 100) if isinstance(sim, int | float) else None
        items.append(entry)
    return items


def view_model(report: Report) -> dict[str, Any]:
    """Everything the results block needs."""
    return {
        "report": report,
        "badges": badges(report),
        "marked": highlight(report.text, report.findings),
        "findings": report.findings,
        "whole": {i for i, f in enumerate(report.findings) if is_whole(f, report.text)},
        "ladder": ladder(report),
        "similar": similar_items(report),
        # None found above the relevance floor, and no note already says why there are none
        "nothing_close": not report.similar and not any(
            "similar recommendations" in note.lower() for note in report.notes),
        "overall_class": f"w-{5 * round(max(0, min(100, report.overall)) / 5)}",
    }
