"""A batch's summary: items, main problems, counts and shares, word count against OHCHR's limit."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from smartcheck.report import CRITERIA, Report

# Published UPR Info shares of action categories: of 30,261 recommendations (sessions 1-16)
# 543 were category 1, 4,953 category 2, 2,764 category 3, 11,850 category 4, 10,151 category 5.
# Hard-coded on purpose: the report must not need ../shared/data at run time.
UPR_CATEGORY_COUNTS = {1: 543, 2: 4_953, 3: 2_764, 4: 11_850, 5: 10_151}
UPR_TOTAL = sum(UPR_CATEGORY_COUNTS.values())
UPR_CATEGORY_SHARES = {k: v / UPR_TOTAL for k, v in UPR_CATEGORY_COUNTS.items()}

# OHCHR guidelines for stakeholders' written submissions (footnotes excluded).
WORD_LIMITS = {"individual": 2_815, "joint": 5_630}
# Only prose documents are submissions whose length OHCHR limits; tables and lists are not.
PROSE_KINDS = frozenset({"prose"})
SPLIT_RULE = "achievable.bundled-actions"


@dataclass
class Item:
    """One checked recommendation with where it came from."""

    report: Report
    label: str = ""
    location: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The report's dict with the label, location and any file metadata added."""
        data = self.report.to_dict()
        data["label"], data["location"] = self.label, self.location
        if self.metadata:
            data["metadata"] = dict(self.metadata)
        return data


def main_problem(report: Report) -> str:
    """The message of the heaviest finding, or '' when there is none."""
    findings = [f for f in report.findings if f.level != "suggestion"] or report.findings
    if not findings:
        return ""
    return max(findings, key=lambda f: (f.weight, f.level == "error")).message


def summary(items: list[Item]) -> dict[str, Any]:
    """Counts over a batch: how many are SMART, categories, the weakest criterion."""
    reports = [i.report for i in items]
    count = len(reports) or 1
    means = {c: sum(r.criteria[c].score for r in reports) / count for c in CRITERIA}
    categories = {str(v): sum(1 for r in reports if r.action_category.value == v)
                  for v in range(1, 6)}
    return {
        "count": len(reports),
        "smart": sum(1 for r in reports if r.smart),
        "mean_overall": round(sum(r.overall for r in reports) / count, 1),
        "criterion_means": {c: round(v, 3) for c, v in means.items()},
        "weakest_criterion": min(means, key=means.get) if reports else None,
        "action_categories": categories,
    }


def build_summary(
    items: list[Item],
    *,
    extraction: Any = None,
    joint: bool = False,
    word_limit: int | None = None,
    pairs: list[tuple[int, int, float]] | None = None,
    method: str = "off",
    skipped: int | list[Any] = 0,
) -> dict[str, Any]:
    """output.summary plus shares, verdict counts, duplicates, splits and the word count.

    `found`/`checked`/`skipped` count the file's candidates (`skipped` may be the list of
    skipped candidates; their reasons then go into `skipped_reasons`).
    """
    data = summary(items)
    count = len(items)
    data["smart_share"] = round(data["smart"] / count, 3) if count else 0.0
    listed = skipped if isinstance(skipped, list) else []
    n_skipped = len(listed) if isinstance(skipped, list) else int(skipped)
    data["found"] = count + n_skipped
    data["checked"] = count
    data["skipped"] = n_skipped
    data["skipped_reasons"] = [
        s.to_dict() if hasattr(s, "to_dict") else dict(s) for s in listed
    ]
    data["verdict_counts"] = {
        c: {v: sum(1 for i in items if i.report.criteria[c].verdict == v)
            for v in ("pass", "partial", "fail")}
        for c in CRITERIA
    }
    data["category_shares"] = {
        str(v): round(n / count, 3) if count else 0.0
        for v, n in ((int(k), n) for k, n in data["action_categories"].items())
    }
    data["upr_category_shares"] = {str(k): round(v, 3) for k, v in UPR_CATEGORY_SHARES.items()}
    data["upr_total"] = UPR_TOTAL
    data["near_duplicates"] = [
        {"a": item_name(items[i], i), "b": item_name(items[j], j), "i": i, "j": j,
         "similarity": round(sim, 3)}
        for i, j, sim in pairs or []
    ]
    data["duplicate_method"] = method
    data["to_split"] = [item_name(item, n) for n, item in enumerate(items)
                        if any(f.rule == SPLIT_RULE for f in item.report.findings)]
    data["word_count"] = word_count_check(extraction, joint=joint, word_limit=word_limit)
    return data


def item_name(item: Item, index: int) -> str:
    """How the report refers to an item: its label, else its location, else its position."""
    return item.label or item.location or f"#{index + 1}"


def word_count_check(extraction: Any, *, joint: bool = False,
                     word_limit: int | None = None) -> dict[str, Any]:
    """Body words against OHCHR's limit for stakeholder submissions (prose documents only)."""
    kind = "joint" if joint else "individual"
    limit = int(word_limit) if word_limit else WORD_LIMITS[kind]
    if extraction is None or getattr(extraction, "kind", None) not in PROSE_KINDS:
        return {"applicable": False, "words": None, "limit": limit, "submission": kind,
                "over": False}
    words = int(extraction.word_count)
    return {"applicable": True, "words": words, "limit": limit, "submission": kind,
            "over": words > limit}


def problems(report: Report, limit: int = 3) -> list[str]:
    """The main problems of a report: heaviest warnings/errors first, each message once."""
    findings = [f for f in report.findings if f.level != "suggestion"] or report.findings
    ranked = sorted(findings, key=lambda f: (-f.weight, f.level != "error", f.start))
    seen: list[str] = []
    for finding in ranked:
        if finding.message not in seen:
            seen.append(finding.message)
        if len(seen) == limit:
            break
    return seen
