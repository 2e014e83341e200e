"""A self-contained HTML report of a batch: summary, inline SVG charts, one card per item."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from smartcheck.corpus.duplicates import find_duplicates
from smartcheck.report import ACTION_LABELS, CRITERIA
from smartcheck.reports.formats import LETTERS
from smartcheck.reports.summary import Item, build_summary, item_name, problems

TEMPLATES = Path(__file__).resolve().parent / "templates"
CRITERION_NAMES = {"specific": "Specific", "measurable": "Measurable", "achievable": "Achievable",
                   "relevant": "Relevant", "time_bound": "Time-bound"}
VERDICT_FILLS = {"pass": "#1e6b34", "partial": "#b07a1a", "fail": "#a4161a"}
FILE_FILL, UPR_FILL = "#0b5cad", "#9aa7b4"


@lru_cache(maxsize=1)
def _env() -> Environment:
    """The Jinja environment for the report templates (autoescaping on)."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(LETTERS=LETTERS, CRITERION_NAMES=CRITERION_NAMES, CRITERIA=CRITERIA)
    return env


def report_css() -> str:
    """The report's stylesheet (inlined in the standalone file, served by the web app)."""
    return (TEMPLATES / "report.css").read_text(encoding="utf-8")


def render_html(items: list[Item], extraction: Any = None, joint: bool = False, *,
                result: Any = None, title: str | None = None) -> str:
    """A complete HTML document for `items` (or a BatchResult): no external assets, no JS."""
    context = report_context(items, extraction=extraction, joint=joint, result=result,
                             title=title)
    return _env().get_template("report.html").render(css=report_css(), **context)


def render_fragment(result: Any, *, downloads: dict[str, str] | None = None) -> str:
    """The report's body only (for embedding in a page that loads report.css itself)."""
    context = report_context(result.items, extraction=result.extraction, result=result)
    return _env().get_template("report_body.html").render(downloads=downloads or {}, **context)


def report_context(items: list[Item], *, extraction: Any = None, joint: bool = False,
                   result: Any = None, title: str | None = None) -> dict[str, Any]:
    """Template variables: the summary, the two charts and one view per item."""
    if result is not None:
        data, skipped, extraction = result.summary, result.skipped, result.extraction
    else:
        pairs, method = find_duplicates([i.report.text for i in items], "lexical")
        data = build_summary(items, extraction=extraction, joint=joint, pairs=pairs,
                             method=method)
        skipped = []
    duplicates_of: dict[int, list[str]] = {}
    for pair in data["near_duplicates"]:
        duplicates_of.setdefault(pair["i"], []).append(pair["b"])
        duplicates_of.setdefault(pair["j"], []).append(pair["a"])
    split = set(data["to_split"])
    name = getattr(extraction, "filename", None)
    return {
        "title": title or (f"SMART check of {name}" if name else "SMART check"),
        "filename": name,
        "kind": getattr(extraction, "kind", None),
        "warnings": list(getattr(extraction, "warnings", []) or []),
        "today": date.today().isoformat(),
        "s": data,
        "skipped": skipped,
        "category_chart": category_chart(data),
        "verdict_chart": verdict_chart(data),
        "items": _lead_ins([item_view(n, item, duplicates_of.get(n, []), split)
                            for n, item in enumerate(items)]),
    }


LEAD_IN_KEYS = ("lead_in", "lead_in_text")


def _lead_ins(views: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Show a list's lead-in ("We recommend that the Government:") once, on its first card."""
    previous = None
    for view in views:
        text = view["metadata"].get("lead_in_text") or view["metadata"].get("lead_in")
        for key in LEAD_IN_KEYS:
            view["metadata"].pop(key, None)
        view["lead_in"] = text if text and text != previous else None
        previous = text
    return views


def item_view(index: int, item: Item, duplicates: list[str], split: set[str]) -> dict[str, Any]:
    """What one recommendation's card shows."""
    r = item.report
    best = r.suggestions[0] if r.suggestions else None
    name = item_name(item, index)
    return {
        "number": index + 1,
        "name": name,
        # bullets have no label of their own: the extractor repeats their location
        "label": item.label if item.label != item.location else "",
        "location": item.location,
        "text": r.text,
        "overall": r.overall,
        "smart": r.smart,
        "verdicts": [(c, r.criteria[c].verdict) for c in CRITERIA],
        "category": r.action_category.value,
        "category_label": r.action_category.label,
        "problems": problems(r),
        "rewrite": best.text if best else None,
        "rewrite_overall": best.overall if best else None,
        "duplicates": duplicates,
        "split": name in split,
        "metadata": {k: v for k, v in item.metadata.items() if isinstance(v, str | int | float)
                     or (isinstance(v, list) and all(isinstance(x, str) for x in v))},
    }


# Charts are drawn narrow (a phone's width) with each label on its own line above its bars,
# so the SVG is not shrunk on a phone and its 13-px labels stay readable; desktops show it as is.
CHART_FONT = 13


def category_chart(data: dict[str, Any], width: int = 360) -> dict[str, Any]:
    """Horizontal bar pairs per action category: this file's share against the UPR average."""
    bar_h, gap, row_gap, label_h = 12, 2, 12, CHART_FONT + 5
    plot_w = width - 70  # room for "100% (999)" after the longest bar
    rows = []
    y = 28
    for value in range(1, 6):
        mine = data["category_shares"][str(value)]
        upr = data["upr_category_shares"][str(value)]
        top = y + label_h
        rows.append({
            "label": f"{value} · {ACTION_LABELS[value]}",
            "y": y,
            "label_y": y + CHART_FONT,
            "bars": [
                {"y": top, "w": round(plot_w * mine, 1), "fill": FILE_FILL, "share": mine,
                 "count": data["action_categories"][str(value)], "who": "this file"},
                {"y": top + bar_h + gap, "w": round(plot_w * upr, 1), "fill": UPR_FILL,
                 "share": upr, "count": None, "who": "UPR average"},
            ],
        })
        y = top + 2 * bar_h + gap + row_gap
    return {"width": width, "height": y + 4, "label_w": 0, "bar_h": bar_h, "rows": rows,
            "font": CHART_FONT, "legend_step": 120,
            "legend": [("this file", FILE_FILL), ("UPR average", UPR_FILL)]}


def verdict_chart(data: dict[str, Any], width: int = 360) -> dict[str, Any]:
    """One stacked bar per criterion: how many recommendations pass, partly pass, fail."""
    bar_h, row_gap, label_h = 20, 10, CHART_FONT + 5
    plot_w = width - 2
    total = max(1, data["count"])
    rows = []
    y = 28
    for criterion in CRITERIA:
        counts = data["verdict_counts"][criterion]
        x = 0.0
        top = y + label_h
        segments = []
        for verdict in ("pass", "partial", "fail"):
            w = round(plot_w * counts[verdict] / total, 1)
            segments.append({"x": round(x, 1), "w": w, "fill": VERDICT_FILLS[verdict],
                             "count": counts[verdict], "verdict": verdict,
                             "show": w >= 26})
            x += w
        rows.append({"label": CRITERION_NAMES[criterion], "y": top, "label_y": y + CHART_FONT,
                     "segments": segments})
        y = top + bar_h + row_gap
    return {"width": width, "height": y + 4, "label_w": 0, "bar_h": bar_h, "rows": rows,
            "font": CHART_FONT, "legend_step": 90,
            "legend": [(v, VERDICT_FILLS[v]) for v in ("pass", "partial", "fail")]}
