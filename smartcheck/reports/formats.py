"""Render reports for the terminal and as JSON, JSON Lines and CSV (versioned, documented)."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from smartcheck.report import CRITERIA
from smartcheck.reports.summary import (
    UPR_CATEGORY_SHARES,
    Item,
    main_problem,
    problems,
    summary,
)

SCHEMA_VERSION = 1
LETTERS = {"specific": "S", "measurable": "M", "achievable": "A", "relevant": "R",
           "time_bound": "T"}
VERDICT_WORDS = {"pass": "PASS", "partial": "PART", "fail": "FAIL"}
COLOURS = {"pass": "\033[32m", "partial": "\033[33m", "fail": "\033[31m"}
RESET = "\033[0m"


def to_json(items: list[Item], extra: dict[str, Any] | None = None,
            summary_data: dict[str, Any] | None = None) -> str:
    """`{"schema_version": 1, "reports": [...], "summary": {...}}` (a batch's own summary)."""
    payload = {"schema_version": SCHEMA_VERSION, "reports": [i.to_dict() for i in items],
               "summary": summary_data if summary_data is not None else summary(items)}
    payload.update(extra or {})
    return json.dumps(payload, ensure_ascii=False, indent=2)


def to_jsonl(items: list[Item]) -> str:
    """One report object per line."""
    return "".join(json.dumps(i.to_dict(), ensure_ascii=False) + "\n" for i in items)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value as a cell that cannot run as a formula (risky text gets a leading ')."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


CSV_COLUMNS = ["label", "location", "text", "overall", "smart", *CRITERIA,
               "action_category", "action_label", "main_problem", "best_rewrite",
               "best_rewrite_overall"]


def to_csv(items: list[Item]) -> str:
    """A spreadsheet row per recommendation (verdicts, category, main problem, best rewrite)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for item in items:
        r = item.report
        best = r.suggestions[0] if r.suggestions else None
        writer.writerow([safe_cell(cell) for cell in (
            item.label, item.location, r.text, r.overall, "yes" if r.smart else "no",
            *(r.criteria[c].verdict for c in CRITERIA), r.action_category.value,
            r.action_category.label, main_problem(r), best.text if best else "",
            best.overall if best else "",
        )])
    return buffer.getvalue()


def _verdict(verdict: str, colour: bool) -> str:
    """PASS / PART / FAIL, coloured on a terminal."""
    word = VERDICT_WORDS[verdict]
    return f"{COLOURS[verdict]}{word}{RESET}" if colour else word


def to_text(items: list[Item], colour: bool = False) -> str:
    """A readable block per recommendation, then a one-line summary for batches."""
    blocks = []
    for item in items:
        r = item.report
        head = f"[{item.label}] " if item.label else ""
        lines = [f"{head}{r.text}",
                 f"  overall {r.overall}/100 · {'SMART' if r.smart else 'not SMART'} · "
                 f"action category {r.action_category.value} ({r.action_category.label})"]
        for name in CRITERIA:
            score = r.criteria[name]
            reasons = [f.message for f in score.findings if f.level != "suggestion"]
            reasons = reasons or [f.message for f in score.findings]
            reason = reasons[0] if reasons else ""
            lines.append(f"  {LETTERS[name]} {_verdict(score.verdict, colour)} "
                         f"{score.score:.2f}  {reason}".rstrip())
        if r.suggestions:
            best = r.suggestions[0]
            lines.append(f"  Better ({best.overall}/100): {best.text}")
            lines.append(f"    why: {best.explanation}")
        for row in r.acceptance:
            lines.append(f"  {row['issue']}: {row['accepted']} of {row['total']} specific "
                         f"recommendations were accepted ({row['share']:.0%})")
        for note in r.notes:
            lines.append(f"  note: {note}")
        blocks.append("\n".join(lines))
    text = "\n\n".join(blocks)
    if len(items) > 1:
        s = summary(items)
        text += (f"\n\n{s['count']} recommendations, {s['smart']} SMART, mean overall "
                 f"{s['mean_overall']}; weakest criterion: {s['weakest_criterion']}.")
    return text + "\n"


LABEL_WIDTH = 8
# Locations spelled out by the readers, shortened so the label column tells rows apart.
_SHORT_WORDS = tuple((re.compile(rf"\b{words}\s*", re.I), short) for words, short in (
    ("paragraph", "¶"), ("page", "p"), ("table", "t"), ("row", "r"), ("line", "l"),
    ("(?:column|cell)", "c")))


def short_label(label: str, width: int = LABEL_WIDTH) -> str:
    """A label that fits `width`: readers' words abbreviated, else cut keeping its end."""
    if len(label) <= width:
        return label
    short = label
    for pattern, abbreviation in _SHORT_WORDS:
        short = pattern.sub(abbreviation, short)
    if len(short) > width:
        short = re.sub(r"[\s,;]+", "", short) if short != label else short
    # the end of a label (its number) is what tells rows apart: cut at the front
    return short if len(short) <= width else "…" + short[-(width - 1):]


def table_head(width: int = 100) -> list[str]:
    """The header line and rule of the batch table."""
    head = f"{'#':>{LABEL_WIDTH}}  S    M    A    R    T    score cat  text"
    return [head, "-" * min(width, len(head) + 40)]


def table_rows(items: list[Item], colour: bool = False, width: int = 100,
               start: int = 1) -> list[str]:
    """The table's lines for `items`, numbered from `start` (a streamed batch's position)."""
    import textwrap

    lines = []
    indent = " " * (LABEL_WIDTH + 2)
    for n, item in enumerate(items, start):
        r = item.report
        verdicts = " ".join(_verdict(r.criteria[c].verdict, colour) for c in CRITERIA)
        name = short_label(item.label or item.location or f"#{n}")
        text = textwrap.shorten(r.text, width=max(30, width - 47), placeholder=" …")
        lines.append(f"{name:>{LABEL_WIDTH}}  {verdicts} {r.overall:>5} "
                     f"{r.action_category.value:>3}  {text}")
        where = f"{item.location}: " if item.location else ""
        found = problems(r, limit=1)
        if found:
            lines += textwrap.wrap(f"{where}{found[0]}", width, initial_indent=indent,
                                   subsequent_indent=indent)
        if r.suggestions:
            best = r.suggestions[0]
            lines += textwrap.wrap(f"better ({best.overall}): {best.text}", width,
                                   initial_indent=indent, subsequent_indent=indent + "  ")
    return lines


def to_table(items: list[Item], data: dict[str, Any], colour: bool = False,
             width: int = 100) -> str:
    """A terminal table of a batch (one row per recommendation, with its main problem and
    best rewrite underneath), then the batch summary."""
    lines = [*table_head(width), *table_rows(items, colour, width), ""]
    lines += summary_lines(data, UPR_CATEGORY_SHARES)
    return "\n".join(lines) + "\n"


def summary_lines(data: dict[str, Any], upr_shares: dict[int, float]) -> list[str]:
    """The batch summary as plain lines for the terminal."""
    count = data["count"]
    lines = [f"{count} recommendations checked, {data['smart']} SMART "
             f"({100 * data.get('smart_share', 0):.0f}%), mean overall {data['mean_overall']}; "
             f"weakest criterion: {data['weakest_criterion']}."]
    if data.get("skipped") or "found" in data:
        lines.append(f"{data.get('found', count + data.get('skipped', 0))} found, {count} "
                     f"checked, {data.get('skipped', 0)} skipped (listed with the reason).")
    shares = " ".join(
        f"{v}: {100 * data['category_shares'][str(v)]:.0f}% (UPR {100 * upr_shares[v]:.0f}%)"
        for v in range(1, 6))
    lines.append(f"Action categories: {shares}")
    dups = data.get("near_duplicates") or []
    method = data.get("duplicate_method", "")
    if dups:
        pairs = ", ".join(f"{d['a']} ~ {d['b']}" for d in dups[:10])
        more = f" and {len(dups) - 10} more" if len(dups) > 10 else ""
        lines.append(f"Near-duplicates ({method}): {pairs}{more}.")
    else:
        lines.append(f"Near-duplicates ({method}): none.")
    split = data.get("to_split") or []
    lines.append(f"Several actions to split: {', '.join(split)}." if split
                 else "Several actions to split: none.")
    wc = data.get("word_count") or {}
    if wc.get("applicable"):
        verdict = (f"{wc['words'] - wc['limit']:,} over the limit" if wc["over"]
                   else "within the limit")
        lines.append(f"Word count: {wc['words']:,} of {wc['limit']:,} words for "
                     f"{'a joint' if wc['submission'] == 'joint' else 'an individual'} "
                     f"submission ({verdict}; footnotes excluded).")
    return lines
