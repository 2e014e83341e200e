"""Entry points: read a file (path or uploaded bytes) into an Extraction."""

from __future__ import annotations

import os
import re
from pathlib import Path

from smartcheck.extract import docx_reader, prose, thematic
from smartcheck.extract.decoding import decode_text
from smartcheck.extract.guards import MAX_BYTES, Deadline, check_size, file_type
from smartcheck.extract.language import count_words, imperative_start, split_label
from smartcheck.extract.model import Block, ExtractedRecommendation, Extraction, FileReadError
from smartcheck.extract.text_reader import text_blocks


def extract_file(
    path: str | os.PathLike[str], *, column: str | None = None, max_bytes: int = MAX_BYTES
) -> Extraction:
    """Read the file at `path` and return the recommendations found in it."""
    path = Path(path)
    file_type(path.name)
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise FileReadError(f"There is no file called '{path.name}'.", "not_found") from exc
    except OSError as exc:
        raise FileReadError(f"'{path.name}' cannot be opened.", "unreadable_file") from exc
    if not path.is_file():
        raise FileReadError(f"'{path.name}' is not a file.", "not_a_file")
    check_size(size, max_bytes)
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    return extract_bytes(data, path.name, column=column, max_bytes=max_bytes)


def extract_bytes(
    data: bytes, filename: str, *, column: str | None = None, max_bytes: int = MAX_BYTES
) -> Extraction:
    """Read an uploaded file's bytes (its name decides the format) into an Extraction."""
    kind = file_type(filename)
    check_size(len(data), max_bytes)
    deadline = Deadline()
    name = Path(filename).name
    if kind == "docx":
        extraction = _from_docx(data, name)
    elif kind == "pdf":
        from smartcheck.extract.pdf_reader import pdf_blocks

        blocks, warnings = pdf_blocks(data, deadline)
        extraction = _from_blocks(blocks, name)
        extraction.warnings.extend(warnings)
    elif kind in {"text", "markdown"}:
        text = decode_text(data, name)
        extraction = _from_blocks(text_blocks(text, markdown=kind == "markdown"), name)
        if kind == "text" and not extraction.recommendations:
            # A plain .txt with no submission structure is a list: one per line or paragraph
            # (a long one only when most entries open like recommendations: else it is prose
            # with no asks in it, and its background paragraphs are not recommendations).
            listed = line_recommendations(text)
            prose_doc = looks_like_document(text)
            if not prose_doc or 2 * sum(imperative_start(r.text) for r in listed) >= len(listed):
                extraction = Extraction("table", name, listed, count_words(text), [])
    elif kind == "odt":
        from smartcheck.extract.odt_reader import odt_blocks

        extraction = _from_blocks(odt_blocks(data), name)
    else:
        from smartcheck.extract.tabular import read_table

        extraction = read_table(data, name, kind, column, deadline)
    if not extraction.recommendations:
        raise FileReadError(
            f"No recommendations were found in '{name}'. The checker looks for a "
            "'Recommendations' heading followed by a list, 'We recommend that …:' followed by "
            "(a), (b), (c) or bullets, or numbered paragraphs that start with an action verb "
            "such as 'Ratify' or 'Adopt'.",
            "no_recommendations",
        )
    return extraction


PASTE_NAME = "pasted-text.txt"
DOCUMENT_WORDS = 250  # no single recommendation runs this long


def looks_like_document(text: str) -> bool:
    """True when pasted text reads as a document or a list, not as one recommendation."""
    words = count_words(text)
    if words >= DOCUMENT_WORDS:
        return True
    text = text.replace("\r\n", "\n")
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    lines = [ln for ln in text.split("\n") if ln.strip()]
    listed = sum(1 for ln in lines if split_label(ln)[0] is not None)
    return (len(paragraphs) >= 3 and words >= 60) or (len(lines) >= 3 and listed >= 2) or (
        any(ln.lstrip().startswith("#") for ln in lines) and len(lines) >= 3
    )


def extract_text(text: str, name: str = PASTE_NAME) -> Extraction:
    """Read pasted text exactly as an uploaded .txt file of the same content is read."""
    return extract_bytes(text.encode("utf-8"), name)


def line_recommendations(text: str) -> list[ExtractedRecommendation]:
    """One recommendation per non-empty paragraph (blank-line separated), else per line."""
    text = text.replace("\r\n", "\n")
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    if len(blocks) > 1:
        return [ExtractedRecommendation(" ".join(b.split()), str(n), f"paragraph {n}", {})
                for n, b in enumerate(blocks, 1)]
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return [ExtractedRecommendation(ln, str(n), f"line {n}", {}) for n, ln in enumerate(lines, 1)]


def _from_docx(data: bytes, name: str) -> Extraction:
    doc = docx_reader.open_docx(data)
    blocks = docx_reader.docx_blocks(doc)
    prose.mark_notes(blocks)
    words = prose.body_word_count(blocks)
    tables = thematic.find_thematic_tables(doc)
    in_tables = sum(
        count_words(b.text) for b in blocks if b.cell is not None and b.cell[0] in tables
    )
    if tables and in_tables >= 0.5 * words:
        skipped: list = []
        recs = thematic.read_thematic(doc, tables, skipped)
        return Extraction("ohchr-thematic-list", name, recs, words, skipped=skipped)
    # a submission quoting a table of earlier recommendations and their positions:
    # those rows are background, the new recommendations are in the prose
    recs, skipped = prose.find_candidates(blocks, skip_tables=frozenset(tables))
    return Extraction("prose", name, recs, words, skipped=skipped)


def _from_blocks(blocks: list[Block], name: str) -> Extraction:
    prose.mark_notes(blocks)
    words = prose.body_word_count(blocks)
    recs, skipped = prose.find_candidates(blocks)
    return Extraction("prose", name, recs, words, skipped=skipped)
