"""OHCHR thematic lists: the real Slovenia list and a synthetic later-cycle list with SDGs."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from docx import Document

from smartcheck.extract import extract_file

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
SLOVENIA = DATA / "ohchr-thematic-list-slovenia-session20.docx"
needs_data = pytest.mark.skipif(not SLOVENIA.exists(), reason="shared data not present")


@pytest.fixture(scope="module")
def slovenia():
    return extract_file(SLOVENIA)


@needs_data
def test_real_list_yields_exactly_163_numbered_recommendations(slovenia) -> None:
    recs = slovenia.recommendations
    assert slovenia.kind == "ohchr-thematic-list"
    assert len(recs) == 163
    labels = [r.label for r in recs]
    assert sorted(labels, key=lambda x: int(x.split(".")[1])) == [f"115.{n}" for n in range(1, 164)]
    assert labels[:3] == ["115.1", "115.3", "115.4"]  # listed by theme, not by number


@needs_data
def test_real_list_texts_have_no_number_and_no_attribution(slovenia) -> None:
    for rec in slovenia.recommendations:
        assert not re.match(r"^\d", rec.text), rec.text
        assert not rec.text.endswith((";", ".")), rec.text
        assert not rec.text.endswith(f"({rec.metadata['recommending_states'][-1]})")
        assert "Source of position" not in rec.text
        assert rec.metadata["recommending_states"], rec.label
    by_label = {r.label: r for r in slovenia.recommendations}
    assert by_label["115.3"].text.startswith("Ratify the Optional Protocol")
    assert by_label["115.3"].metadata["recommending_states"] == ["Portugal", "Slovakia"]
    assert by_label["115.8"].metadata["recommending_states"] == [
        "Senegal",
        "Sierra Leone",
        "Venezuela (Bolivarian Republic of)",
        "Peru",
        "Uruguay",
    ]


@needs_data
def test_real_list_positions_themes_and_locations(slovenia) -> None:
    recs = slovenia.recommendations
    assert Counter(r.metadata["position"] for r in recs) == {"Supported": 142, "Noted": 21}
    first = recs[0]
    assert first.metadata["themes"] == ["A12 Acceptance of international norms"]
    assert first.metadata["affected_persons"] == ["general"]
    assert first.metadata["theme_group"] == "A12 Acceptance of international norms"
    assert first.location == "table 1 row 3"
    assert recs[-1].metadata["position"] == "Noted"
    assert all(len(r.metadata["themes"]) >= 1 for r in recs)


def _later_cycle_list(path: Path) -> Path:
    """A third-cycle-style thematic list with an SDG column (synthetic, fictional States)."""
    doc = Document()
    doc.add_paragraph("Thematic list of recommendations: Examplia, fourth cycle")
    header = ["Recommendation", "Position", "Full list of themes", "SDG", "Assessment"]
    rows = [
        ["Theme: D51 Administration of justice & fair trial"] * 5,
        [
            "45.2 Adopt a law guaranteeing legal aid in criminal cases by 2027 (Utopia);",
            "Supported",
            "D51 Administration of justice & fair trial\nAffected persons:\n- general",
            "SDG 16 - peace, justice and strong institutions",
            "",
        ],
        [
            "45.10 Abolish the death penalty (Atlantis, Ruritania);\n"
            "Source of position: A/HRC/99/9/Add.1",
            "Noted",
            "D26 Death penalty\nD51 Administration of justice & fair trial\n"
            "Affected persons:\n- persons deprived of their liberty",
            "SDG 16 - peace, justice and strong institutions\nSDG 10 - inequality",
            "",
        ],
    ]
    table = doc.add_table(rows=1 + len(rows), cols=5)
    for c, value in enumerate(header):
        table.cell(0, c).text = value
    for r, row in enumerate(rows, start=1):
        if len(set(row)) == 1:
            merged = table.cell(r, 0).merge(table.cell(r, 4))
            merged.text = row[0]
            continue
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    doc.save(path)
    return path


def test_later_cycle_list_with_sdg_column(tmp_path: Path) -> None:
    extraction = extract_file(_later_cycle_list(tmp_path / "list.docx"))
    assert extraction.kind == "ohchr-thematic-list"
    first, second = extraction.recommendations
    assert (first.label, first.text) == (
        "45.2",
        "Adopt a law guaranteeing legal aid in criminal cases by 2027",
    )
    assert first.metadata["recommending_states"] == ["Utopia"]
    assert first.metadata["position"] == "Supported"
    assert first.metadata["sdgs"] == ["SDG 16 - peace, justice and strong institutions"]
    assert first.metadata["theme_group"] == "D51 Administration of justice & fair trial"
    assert (second.label, second.text) == ("45.10", "Abolish the death penalty")
    assert second.metadata["recommending_states"] == ["Atlantis", "Ruritania"]
    assert second.metadata["position"] == "Noted"
    assert second.metadata["source_of_position"] == "A/HRC/99/9/Add.1"
    assert second.metadata["themes"] == [
        "D26 Death penalty",
        "D51 Administration of justice & fair trial",
    ]
    assert second.metadata["affected_persons"] == ["persons deprived of their liberty"]
    assert len(second.metadata["sdgs"]) == 2
    assert second.location == "table 1 row 4"
