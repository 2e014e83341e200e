"""The file report in plain words: no internal terms, grammar, a lead-in shown once per list."""

from __future__ import annotations

import re

from conftest import FakeEngine

from smartcheck.batch import check_bytes
from smartcheck.reports.html import render_html

PROSE = """Joint submission on the rights of women

Recommendations

We recommend that the Government of Ruritania:

(a) Continue efforts to combat discrimination against women and adopt a law on equal pay;
(b) Adopt a law prohibiting discrimination against women by 2027;
(c) Consider ratifying the Optional Protocol as appropriate.

Background facts follow here and they are not recommendations at all.
"""
INTERNAL = ("cosine", "calibrated", "embedding", "Jaccard", "lemma", "MiniLM", "threshold",
            "similarity 0.")


def report() -> str:
    """The HTML report of a small prose submission, scored by the deterministic fake engine."""
    result = check_bytes(PROSE.encode(), "submission.txt", FakeEngine(), duplicates="lexical")
    return render_html(result.items, result=result)


def test_lead_in_is_shown_once_per_list_not_on_every_card() -> None:
    html = report()
    cards = re.findall(r'<li class="sc-rec[^"]*" id="rec-\d+">(.*?)</li>\n  ', html, re.S)
    assert len(cards) == 3, len(cards)
    assert html.count("We recommend that the Government of Ruritania") == 1
    assert "We recommend that the Government of Ruritania" in cards[0]
    assert "lead in" not in html


def test_report_has_no_internal_terms() -> None:
    html = report()
    for term in INTERNAL:
        assert term.lower() not in html.lower(), term


def test_split_sentence_is_grammatical_for_one_and_many() -> None:
    from smartcheck.reports.html import _env

    body = _env().get_template("report_body.html")
    base = {"count": 2, "smart": 0, "smart_share": 0, "mean_overall": 40, "weakest_criterion": None,
            "criterion_means": {}, "category_shares": {str(v): 0.2 for v in range(1, 6)},
            "upr_category_shares": {str(v): 0.2 for v in range(1, 6)}, "upr_total": 10,
            "word_count": {"applicable": False}, "near_duplicates": [], "duplicate_method": None,
            "skipped": 0, "action_categories": {str(v): 0 for v in range(1, 6)}}
    chart = {"width": 10, "height": 10, "rows": [], "legend": [], "font": 13, "legend_step": 1,
             "label_w": 0, "bar_h": 1}

    def split_line(names: list[str]) -> str:
        html = body.render(s={**base, "to_split": names}, items=[], category_chart=chart,
                           verdict_chart=chart, title="t")
        return re.search(r'<p id="sc-split">(.*?)</p>', html, re.S).group(1)

    one = split_line(["3"])
    assert one.startswith("One recommendation bundles several actions: 3."), one
    many = split_line(["3", "7"])
    assert many.startswith("2 recommendations bundle several actions: 3, 7."), many
