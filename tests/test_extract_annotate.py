"""annotate_docx: comments on each recommendation in a copy; the original is never touched."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from docx import Document
from extract_samples import build_docx

from smartcheck.extract import FileReadError, extract_file
from smartcheck.extract.annotate import annotate_docx, annotate_docx_bytes

SLOVENIA = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "data"
    / "ohchr-thematic-list-slovenia-session20.docx"
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _commented_paragraph_texts(path: Path) -> list[str]:
    doc = Document(path)
    return [p.text for p in doc.paragraphs if "commentRangeStart" in p._p.xml]


def test_comments_land_on_each_recommendation_and_original_is_unchanged(tmp_path: Path) -> None:
    src = build_docx(tmp_path / "submission.docx")
    before = _digest(src)
    recs = extract_file(src).recommendations
    notes = [(rec, f"Overall 40/100\nRewrite: {rec.text[:20]}") for rec in recs]
    out = tmp_path / "annotated.docx"
    assert annotate_docx(src, out, notes) == len(recs) == 10
    assert _digest(src) == before
    comments = list(Document(out).comments)
    assert [c.text for c in comments][0] == f"Overall 40/100\nRewrite: {recs[0].text[:20]}"
    commented = _commented_paragraph_texts(out)
    assert len(commented) == 10
    for rec, text in zip(recs, commented, strict=True):
        assert rec.text[:30] in text
    # reading the annotated copy again finds the same recommendations
    assert [r.text for r in extract_file(out).recommendations] == [r.text for r in recs]


def test_refuses_to_overwrite_the_original(tmp_path: Path) -> None:
    src = build_docx(tmp_path / "submission.docx")
    before = _digest(src)
    recs = extract_file(src).recommendations
    for target in (src, tmp_path / "." / "submission.docx"):
        with pytest.raises(FileReadError) as info:
            annotate_docx(src, target, [(recs[0], "note")])
        assert info.value.code == "overwrite_refused"
    link = tmp_path / "link.docx"
    link.symlink_to(src)
    with pytest.raises(FileReadError):
        annotate_docx(src, link, [(recs[0], "note")])
    assert _digest(src) == before


@pytest.mark.skipif(not SLOVENIA.exists(), reason="shared data not present")
def test_thematic_list_cells_get_comments(tmp_path: Path) -> None:
    src = tmp_path / "list.docx"
    shutil.copyfile(SLOVENIA, src)
    before = _digest(src)
    recs = extract_file(src).recommendations
    out = tmp_path / "list-annotated.docx"
    assert annotate_docx(src, out, [(r, f"checked {r.label}") for r in recs]) == 163
    assert _digest(src) == before
    doc = Document(out)
    first_cell = doc.tables[0].rows[2].cells[0]
    assert "commentRangeStart" in first_cell.paragraphs[0]._p.xml
    assert "commentRangeStart" not in first_cell.paragraphs[1]._p.xml  # "Source of position"
    assert [c.text for c in doc.comments][:2] == ["checked 115.1", "checked 115.3"]


def test_annotate_bytes_for_uploads(tmp_path: Path) -> None:
    src = build_docx(tmp_path / "s.docx")
    data = src.read_bytes()
    recs = extract_file(src).recommendations
    out = annotate_docx_bytes(data, [(recs[3], "Lead-in item")])
    assert out[:2] == b"PK" and src.read_bytes() == data
    (tmp_path / "o.docx").write_bytes(out)
    assert [c.text for c in Document(tmp_path / "o.docx").comments] == ["Lead-in item"]
