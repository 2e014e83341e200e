"""Spreadsheets: recommendation column by header, by content or by name; UPR Info exports."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from smartcheck.extract import FileReadError, extract_bytes, extract_file

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
UPR_INFO_CSV = DATA / "upr-info-recommendations-sessions-01-16.csv"

ROWS = [
    ["Theme", "Notes", "Recommendation"],
    ["Education", "raised in 2019", "Adopt an inclusive education law by 2026."],
    ["Health", "urgent", "Allocate 5 percent of the health budget to mental health."],
    ["", "", ""],
    ["Justice", "new", "Repeal article 12 of the Mental Health Act."],
]


def _csv(rows: list[list[str]], delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _xlsx(rows: list[list[object]], path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Recs"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_csv_column_found_by_header() -> None:
    extraction = extract_bytes(_csv(ROWS), "recs.csv")
    assert extraction.kind == "table"
    assert [(r.label, r.location, r.text) for r in extraction.recommendations] == [
        ("row 2", "row 2", "Adopt an inclusive education law by 2026."),
        ("row 3", "row 3", "Allocate 5 percent of the health budget to mental health."),
        ("row 5", "row 5", "Repeal article 12 of the Mental Health Act."),
    ]
    assert extraction.recommendations[0].metadata["themes"] == ["Education"]


def test_semicolon_csv_and_column_found_by_content() -> None:
    rows = [["A", "B", "C"]] + [[r[1], r[2], r[0]] for r in ROWS[1:]]
    extraction = extract_bytes(_csv(rows, ";"), "recs.csv")
    assert [r.text for r in extraction.recommendations][0] == (
        "Adopt an inclusive education law by 2026."
    )
    assert len(extraction.recommendations) == 3


def test_column_override_by_name_letter_or_number() -> None:
    data = _csv(ROWS)
    for column in ("notes", "B", "2"):
        texts = [r.text for r in extract_bytes(data, "r.csv", column=column).recommendations]
        assert texts == ["raised in 2019", "urgent", "new"]
    with pytest.raises(FileReadError) as info:
        extract_bytes(data, "r.csv", column="Nonexistent")
    assert info.value.code == "no_such_column"
    assert "Nonexistent" in str(info.value)


def test_xlsx_with_id_column_and_numbers(tmp_path: Path) -> None:
    rows = [
        ["No.", "Text", "Position"],
        [7, "Ratify the Optional Protocol (Utopia);", "Noted"],
        [8.0, "Abolish the death penalty.", "Supported"],
    ]
    extraction = extract_file(_xlsx(rows, tmp_path / "recs.xlsx"))
    first, second = extraction.recommendations
    assert (first.label, first.location, first.text) == (
        "7",
        "row 2",
        "Ratify the Optional Protocol",
    )
    assert first.metadata["recommending_states"] == ["Utopia"]
    assert first.metadata["position"] == "Noted"
    assert (second.label, second.text) == ("8", "Abolish the death penalty.")


def test_csv_without_header_row() -> None:
    rows = [["1", "Ratify OPCAT by 2026."], ["2", "Adopt a law on legal aid in 2027."]]
    extraction = extract_bytes(_csv(rows), "plain.csv")
    assert [(r.location, r.text) for r in extraction.recommendations] == [
        ("row 1", "Ratify OPCAT by 2026."),
        ("row 2", "Adopt a law on legal aid in 2027."),
    ]


def test_dotted_paragraph_numbers_become_labels() -> None:
    rows = [["Recommendation"], ["115.3 Ratify the Optional Protocol (Portugal, Slovakia);"]]
    rec = extract_bytes(_csv(rows), "list.csv").recommendations[0]
    assert (rec.label, rec.text) == ("115.3", "Ratify the Optional Protocol")
    assert rec.metadata["recommending_states"] == ["Portugal", "Slovakia"]


def test_upr_info_export_metadata() -> None:
    rows = [
        [
            "rec_id",
            "To",
            "To-Rgrp",
            "From",
            "From-Rgrp",
            "Text",
            "Response",
            "Action",
            "Issue",
            "Session",
            "Cycle",
        ],
        [
            "11",
            "Examplia",
            "Asia",
            "Utopia",
            "WEOG",
            "Ratify the Convention against Torture.",
            "Accepted",
            "5",
            "Torture and other CID treatment,Treaty ratification",
            "5",
            "1",
        ],
        [
            "12",
            "Examplia",
            "Asia",
            "Atlantis",
            "GRULAC",
            "Consider abolishing the death penalty.",
            "Noted",
            "3",
            "Death penalty",
            "5",
            "1",
        ],
    ]
    extraction = extract_bytes(_csv(rows), "upr-info.csv")
    assert extraction.kind == "upr-info-export"
    first, second = extraction.recommendations
    assert first.label == "11" and first.location == "row 2"
    assert first.metadata == {
        "state_under_review": "Examplia",
        "recommending_states": ["Utopia"],
        "state_under_review_group": "Asia",
        "recommending_state_group": "WEOG",
        "response": "Accepted",
        "position": "Supported",
        "action": 5,
        "issue": ["Torture and other CID treatment", "Treaty ratification"],
        "session": 5,
        "cycle": 1,
    }
    assert second.metadata["position"] == "Noted"
    assert second.metadata["action"] == 3


@pytest.mark.slow
@pytest.mark.skipif(not UPR_INFO_CSV.exists(), reason="shared data not present")
def test_real_upr_info_export_reads_every_row() -> None:
    extraction = extract_file(UPR_INFO_CSV)
    assert extraction.kind == "upr-info-export"
    assert len(extraction.recommendations) == 30_261
    assert all(r.text for r in extraction.recommendations)
    assert {r.metadata["cycle"] for r in extraction.recommendations} == {1, 2}


# é, ’, “ ” in both single-byte encodings; the decoded text must come back exactly.
SAMPLE = "Recommendation\n“Ensure the café owners’ rights” to protest by 2026.\nDon’t delay.\n"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("cp1252", b""), ("mac_roman", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-8", b"")],
)
def test_csv_encodings_decode_correctly(encoding: str, prefix: bytes) -> None:
    data = prefix + SAMPLE.encode(encoding)
    extraction = extract_bytes(data, "recs.csv", column="Recommendation")
    texts = [r.text for r in extraction.recommendations]
    assert texts == ["“Ensure the café owners’ rights” to protest by 2026.", "Don’t delay."]


@pytest.mark.parametrize("encoding", ["cp1252", "mac_roman"])
def test_single_byte_text_file_decodes(encoding: str) -> None:
    text = "Recommendations\n\n- Ensure the café owners’ “right” to protest by 2026.\n"
    extraction = extract_bytes(text.encode(encoding), "notes.txt")
    assert extraction.recommendations[0].text == (
        "Ensure the café owners’ “right” to protest by 2026."
    )
