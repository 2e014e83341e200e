"""OHCHR thematic lists of recommendations: a Word table, one recommendation per row."""

from __future__ import annotations

import re

from docx.document import Document as DocxDocument
from docx.table import Table

from smartcheck.extract.docx_reader import paragraph_text
from smartcheck.extract.language import ATTRIBUTION, normalise, split_states
from smartcheck.extract.model import ExtractedRecommendation, Skipped

PARA_NUMBER = re.compile(r"^\s*(\d{1,3}\.\d{1,3})\.?\s+")
POSITIONS = re.compile(r"^(supported|noted|accepted|rejected|pending)\b", re.IGNORECASE)
THEME_ROW = re.compile(r"^\s*theme\s*:\s*(.+)$", re.IGNORECASE)
SOURCE = re.compile(r"source of position\s*:\s*(.*)", re.IGNORECASE | re.DOTALL)


def find_thematic_tables(doc: DocxDocument) -> list[int]:
    """Indexes of the tables laid out as an OHCHR thematic list (numbered rows + positions)."""
    found = []
    for index, table in enumerate(doc.tables):
        numbered = positions = 0
        for row in table.rows[:40]:
            cells = _unique_cells(row)
            if cells and PARA_NUMBER.match(cells[0].text):
                numbered += 1
                if any(POSITIONS.match(c.text.strip()) for c in cells[1:]):
                    positions += 1
        if numbered >= 2 and positions >= numbered // 2 + 1:
            found.append(index)
    return found


def read_thematic(doc: DocxDocument, table_indexes: list[int],
                  skipped: list[Skipped] | None = None) -> list[ExtractedRecommendation]:
    """Read every numbered recommendation row of the thematic tables, with its metadata;
    rows with text but no paragraph number go to `skipped` with the reason."""
    recs: list[ExtractedRecommendation] = []
    for t_index in table_indexes:
        recs.extend(_read_table(doc.tables[t_index], t_index,
                                skipped if skipped is not None else []))
    return recs


def _read_table(table: Table, t_index: int,
                skipped: list[Skipped]) -> list[ExtractedRecommendation]:
    rows = table.rows
    header = [normalise(c.text).lower() for c in _unique_cells(rows[0])] if rows else []
    columns = _columns(header)
    recs: list[ExtractedRecommendation] = []
    theme_group = None
    for r_index, row in enumerate(rows):
        cells = _unique_cells(row)
        if not cells:
            continue
        first = cells[0].text
        theme = THEME_ROW.match(first)
        if theme:
            theme_group = normalise(theme.group(1))
            continue
        number = PARA_NUMBER.match(first)
        if not number:
            text = normalise(first)
            if r_index > 0 and len(text.split()) >= 3:
                where = f"table {t_index + 1} row {r_index + 1}"
                skipped.append(Skipped(where, where, text[:300],
                                       "a row with no paragraph number (such as 115.3): "
                                       "not read as a recommendation of the list"))
            continue
        texts = [c.text for c in cells]
        rec = _recommendation(cells[0], number.group(1))
        meta = rec.metadata
        position_col = columns.get("position") or _guess_position(texts)
        if position_col is not None and position_col < len(texts):
            meta["position"] = normalise(texts[position_col])
        if "themes" in columns and columns["themes"] < len(texts):
            themes, affected = _themes(texts[columns["themes"]])
            meta["themes"] = themes
            meta["affected_persons"] = affected
        if "sdg" in columns and columns["sdg"] < len(texts):
            meta["sdgs"] = [normalise(x) for x in texts[columns["sdg"]].split("\n") if x.strip()]
        if theme_group:
            meta["theme_group"] = theme_group
        rec.location = f"table {t_index + 1} row {r_index + 1}"
        meta.update(
            docx_table_index=t_index,
            docx_row_index=r_index,
            docx_cell_index=0,
            docx_cell_paragraph_index=0,
        )
        recs.append(rec)
    return recs


def _recommendation(cell, label: str) -> ExtractedRecommendation:
    full = "\n".join(paragraph_text(p) for p in cell.paragraphs)
    source = None
    match = SOURCE.search(full)
    if match:
        full, source = full[: match.start()], normalise(match.group(1))
    text = normalise(full)
    text = PARA_NUMBER.sub("", text, count=1)
    states: list[str] = []
    attribution = ATTRIBUTION.search(text)
    if attribution:
        states = split_states(attribution.group(1))
        text = text[: attribution.start()]
    text = text.rstrip(" ;.,")
    meta: dict = {"recommending_states": states}
    if source:
        meta["source_of_position"] = source
    return ExtractedRecommendation(text=text, label=label, location="", metadata=meta)


def _columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        if "position" in name and "position" not in columns:
            columns["position"] = index
        elif "sdg" in name or "sustainable development" in name:
            columns.setdefault("sdg", index)
        elif "theme" in name:
            columns.setdefault("themes", index)
    return columns


def _guess_position(texts: list[str]) -> int | None:
    for index, text in enumerate(texts[1:], start=1):
        if POSITIONS.match(text.strip()):
            return index
    return None


def _themes(text: str) -> tuple[list[str], list[str]]:
    themes, affected, in_affected = [], [], False
    for line in text.split("\n"):
        line = normalise(line)
        if not line:
            continue
        if line.lower().startswith("affected persons"):
            in_affected = True
            rest = line.split(":", 1)[1].strip() if ":" in line else ""
            if rest:
                affected.append(rest.lstrip("- "))
            continue
        (affected if in_affected else themes).append(line.lstrip("-– ").strip())
    return themes, affected


def _unique_cells(row) -> list:
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells
