"""The highlighted draft and the badges, built from a Report's findings."""

from __future__ import annotations

import html
import re

from smartcheck.report import ActionCategory, CriterionScore, Finding, Report
from web.present import badges, highlight, ladder, similar_items


def finding(start: int, end: int, text: str, level: str = "warning", crit: str = "specific"):
    """A finding over text[start:end]."""
    return Finding(f"{crit}.x", crit, level, start, end, text[start:end], "msg", "fix", "")


def plain(markup: str) -> str:
    """The visible text of highlighted markup."""
    return html.unescape(re.sub(r"<[^>]+>", "", str(markup)))


def test_highlight_wraps_each_span_in_a_focusable_mark() -> None:
    text = "Continue efforts to end torture."
    out = str(highlight(text, [finding(0, 8, text, "error"), finding(9, 16, text)]))
    assert out.count("<mark") == 2
    assert '<mark class="hl hl-error" tabindex="0"' in out
    assert ">Continue</mark>" in out and ">efforts</mark>" in out
    assert plain(out) == text


def test_overlapping_spans_are_cut_not_duplicated() -> None:
    text = "take all necessary measures now"
    outer = finding(0, 27, text, "suggestion", "measurable")  # take … measures
    inner = finding(5, 18, text, "error")  # all necessary
    out = str(highlight(text, [outer, inner]))
    assert plain(out) == text
    assert out.count("<mark") == 3  # "take ", "all necessary", " measures"
    middle = re.search(r'<mark class="hl hl-(\w+)"[^>]*aria-describedby="([^"]+)"[^>]*>all', out)
    assert middle is not None
    assert middle.group(1) == "error"  # the most severe finding sets the colour
    assert middle.group(2) == "finding-1 finding-2"


def test_user_text_and_messages_are_escaped() -> None:
    text = '<script>alert("x")</script> & more'
    bad = Finding("s.x", "specific", "error", 0, 8, "<script>", '"><img src=x>', "<b>", "")
    out = str(highlight(text, [bad]))
    assert "<script>" not in out and "<img" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out
    assert plain(out) == text


def test_spans_outside_the_text_are_ignored() -> None:
    text = "Ratify it."
    out = str(highlight(text, [finding(5, 50, text), finding(-1, 3, text), finding(4, 4, text)]))
    assert "<mark" not in out
    assert out == "Ratify it."


def report_with(scores: dict[str, float], findings: dict[str, list[Finding]]) -> Report:
    """A hand-built report."""
    criteria = {k: CriterionScore(k, v, findings.get(k, [])) for k, v in scores.items()}
    return Report("x", criteria, ActionCategory(4, 0.8), 50)


def test_badges_take_the_reason_from_the_worst_finding() -> None:
    weak = Finding("s.a", "specific", "suggestion", 0, 1, "x", "mild", "", "")
    bad = Finding("s.b", "specific", "error", 0, 1, "x", "severe", "", "")
    scores = {
        "specific": 0.1,
        "measurable": 0.5,
        "achievable": 0.9,
        "relevant": 0.7,
        "time_bound": 0.0,
    }
    got = badges(report_with(scores, {"specific": [weak, bad]}))
    assert [b.letter for b in got] == ["S", "M", "A", "R", "T"]
    assert [b.verdict for b in got] == ["fail", "partial", "pass", "pass", "fail"]
    assert got[0].reason == "severe"
    assert got[0].bar_class == "w-10" and got[2].percent == 90
    assert "deadline" in got[4].reason


def test_ladder_marks_the_predicted_category() -> None:
    scores = dict.fromkeys(("specific", "measurable", "achievable", "relevant", "time_bound"), 1)
    rungs = ladder(report_with(scores, {}))
    assert [r["value"] for r in rungs] == [5, 4, 3, 2, 1]
    assert [r["value"] for r in rungs if r["current"]] == [4]


def test_similar_items_label_corpus_rows_and_exemplars() -> None:
    report = Report(
        "x",
        {},
        ActionCategory(5, 1.0),
        90,
        similar=[
            {
                "text": "a",
                "state_under_review": "Chile",
                "recommending_state": "Peru",
                "session": 5,
                "response": "Accepted",
                "action": 5,
                "similarity": 0.812,
            },
            {"text": "b", "state_under_review": None, "similarity": None},
        ],
    )
    items = similar_items(report)
    assert items[0]["origin"] == "Peru to Chile, session 5"
    assert items[0]["similarity_pct"] == 81
    assert items[1]["origin"] == "Team-written exemplar"
    assert items[1]["similarity_pct"] is None


def test_findings_about_the_whole_text_are_listed_not_marked() -> None:
    text = "Continue efforts to combat discrimination against women."
    whole = Finding("t.none", "time_bound", "error", 0, len(text), text, "No deadline.", "", "")
    word = finding(0, 8, text, "error")
    out = str(highlight(text, [whole, word]))
    assert out.count("<mark") == 1 and ">Continue</mark>" in out
    short = "Continue"
    assert "<mark" in str(highlight(short, [finding(0, 8, short)]))
