"""A UPR Working Group report as PDF yields exactly its numbered recommendations."""

from __future__ import annotations

from pathlib import Path

import pytest
from un_report_pdf import DISCLAIMER, build_un_report, expected_recommendations

from smartcheck.extract import extract_file


@pytest.mark.parametrize("disclaimer_size", [7.5, 10.0])
def test_un_report_yields_exactly_its_recommendations(tmp_path: Path,
                                                      disclaimer_size: float) -> None:
    """Breaks across pages, a stranded label, (a)/(b) lists after a lead-in, a running
    header/footer and a repeated disclaimer (small, or body-size) in a 28-page report."""
    pdf = build_un_report(tmp_path / "report.pdf", disclaimer_size=disclaimer_size)
    extraction = extract_file(pdf)
    got = [(r.label, r.text) for r in extraction.recommendations]
    assert got == expected_recommendations()
    assert extraction.warnings == []
    texts = " ".join(r.text for r in extraction.recommendations)
    assert "construed" not in texts and "GE.25" not in texts and "A/HRC" not in texts
    assert not any(r.label.startswith("page") for r in extraction.recommendations)
    # the closing paragraph under the heading is listed as skipped, with its reason
    assert [(s.label, s.reason.split(":")[0]) for s in extraction.skipped] == [
        ("116", "background under the Recommendations heading")]
    assert extraction.found == 255
    assert DISCLAIMER.split(".")[0] not in " ".join(s.text for s in extraction.skipped)


def test_lead_in_list_is_joined_with_its_number(tmp_path: Path) -> None:
    extraction = extract_file(build_un_report(tmp_path / "r.pdf", n=8))
    joined = extraction.recommendations[5]
    assert joined.label == "115.6"
    assert joined.text.startswith("Take the following measures to combat trafficking in "
                                  "persons: (a) adopt a national action plan")
    assert joined.text.endswith("(c) train judges and prosecutors on the new law")
    assert joined.metadata["recommending_states"]


def test_two_column_prose_keeps_every_paragraph_whole(tmp_path: Path) -> None:
    """Paragraphs broken across columns and pages, a numbered first line left alone at the
    foot of a page, the same opening words at the top of every page: all 60 found whole."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Times", "", 10)
    with pdf.text_columns(ncols=2, gutter=8, text_align="J", line_height=1.15) as cols:
        for n in range(1, 61):
            cols.write(f"{n}. The coalition urges the Government to adopt measure number {n} on "
                       "the rights of persons deprived of liberty, including independent "
                       "monitoring of every place of detention and the publication of annual "
                       "data on deaths in custody by region.\n")
            cols.ln(2)
    pdf.output(str(tmp_path / "cols.pdf"))
    extraction = extract_file(tmp_path / "cols.pdf")
    assert [r.label for r in extraction.recommendations] == [str(n) for n in range(1, 61)]
    assert all(r.text.startswith("Adopt measure number") and r.text.endswith("by region.")
               and r.metadata["addressee"] == "the Government"
               for r in extraction.recommendations)
