"""Write findings back into a copy of a Word file, as comments on each recommendation."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from smartcheck.extract.docx_reader import open_docx, paragraph_text
from smartcheck.extract.guards import MAX_BYTES, check_size
from smartcheck.extract.model import ExtractedRecommendation, FileReadError

Notes = Sequence[tuple[ExtractedRecommendation, str]]


def annotate_docx(
    src_path: str | os.PathLike[str],
    out_path: str | os.PathLike[str],
    notes: Notes,
    *,
    author: str = "smartcheck",
    initials: str = "SC",
) -> int:
    """Save a copy of `src_path` to `out_path` with one comment per note; return how many."""
    src, out = Path(src_path), Path(out_path)
    if _same_file(src, out):
        raise FileReadError(
            "The annotated copy must be saved under a different name: the original file is "
            "never overwritten.",
            "overwrite_refused",
        )
    if not src.is_file():
        raise FileReadError(f"There is no file called '{src.name}'.", "not_found")
    check_size(src.stat().st_size, MAX_BYTES)
    data = src.read_bytes()
    doc = open_docx(data)
    added = _annotate(doc, notes, author, initials)
    doc.save(str(out))
    return added


def annotate_docx_bytes(
    data: bytes, notes: Notes, *, author: str = "smartcheck", initials: str = "SC"
) -> bytes:
    """Return an annotated copy of the .docx `data` (for web downloads); `data` is untouched."""
    check_size(len(data), MAX_BYTES)
    doc = open_docx(data)
    _annotate(doc, notes, author, initials)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _annotate(doc: DocxDocument, notes: Notes, author: str, initials: str) -> int:
    added = 0
    for rec, text in notes:
        paragraphs = _paragraphs_for(doc, rec)
        if not paragraphs or not text.strip():
            continue
        runs = _runs(paragraphs)
        if not runs:
            runs = [paragraphs[0].add_run("")]
        lines = [line for line in text.split("\n") if line.strip()] or [text]
        comment = doc.add_comment(runs, text=lines[0], author=author, initials=initials)
        for line in lines[1:]:
            comment.add_paragraph(line)
        added += 1
    return added


def _paragraphs_for(doc: DocxDocument, rec: ExtractedRecommendation) -> list[Paragraph]:
    """The paragraph(s) a recommendation came from, found through its private locator."""
    meta = rec.metadata
    if "docx_paragraph_index" in meta:
        paragraphs = doc.paragraphs
        index = meta["docx_paragraph_index"]
        return [paragraphs[index]] if 0 <= index < len(paragraphs) else []
    if "docx_table_index" in meta:
        try:
            table = doc.tables[meta["docx_table_index"]]
            row = table.rows[meta["docx_row_index"]]
            cell = row.cells[meta.get("docx_cell_index", 0)]
        except IndexError:
            return []
        paragraphs = cell.paragraphs
        index = meta.get("docx_cell_paragraph_index")
        if index is not None:
            return [paragraphs[index]] if 0 <= index < len(paragraphs) else []
        return [p for p in paragraphs if paragraph_text(p).strip()] or paragraphs[:1]
    return []


def _runs(paragraphs: list[Paragraph]) -> list[Run]:
    """Every run with text, including those inside hyperlinks and tracked insertions."""
    runs: list[Run] = []
    for paragraph in paragraphs:
        for r in paragraph._p.iter(qn("w:r")):
            if r.find(qn("w:t")) is not None:
                runs.append(Run(r, paragraph))
    return runs


def _same_file(src: Path, out: Path) -> bool:
    if src.resolve() == out.resolve():
        return True
    try:
        return out.exists() and os.path.samefile(src, out)
    except OSError:
        return False
