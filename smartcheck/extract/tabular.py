"""Spreadsheets (.csv, .xlsx): find the recommendation column and read one row per item."""

from __future__ import annotations

import csv
import io
import itertools
import re
from typing import Any

from smartcheck.extract.decoding import decode_text
from smartcheck.extract.guards import Deadline, safe_zip
from smartcheck.extract.language import (
    count_words,
    imperative_start,
    normalise,
    split_attribution,
    split_states,
)
from smartcheck.extract.model import ExtractedRecommendation, Extraction, FileReadError, Skipped

TEXT_HEADERS = [
    "recommendation",
    "recommendations",
    "recommendation text",
    "recommendation_text",
    "text of recommendation",
    "full text",
    "text",
    "rec",
    "rec text",
]
ID_HEADERS = {
    "rec_id",
    "id",
    "no",
    "no.",
    "nr",
    "number",
    "#",
    "paragraph",
    "para",
    "para.",
    "ref",
    "reference",
    "recommendation number",
    "rec no",
    "rec. no.",
    "n°",
}
UPR_INFO = {"to", "from", "text"}
DOTTED = re.compile(r"^\s*(\d{1,3}\.\d{1,3})\.?\s+")
MAX_ROWS = 200_000


def read_table(
    data: bytes, name: str, kind: str, column: str | None, deadline: Deadline
) -> Extraction:
    """Read a CSV or XLSX file into an Extraction ("upr-info-export" or "table")."""
    sheets = _csv_rows(data, name) if kind == "csv" else _xlsx_rows(data, deadline)
    warnings: list[str] = []
    for sheet_name, rows in sheets:
        start = next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), None)
        if start is None:
            continue
        header, body, first_row = split_header(rows[start:], start + 1)
        index = pick_column(header, body, column)
        if index is None:
            continue
        if sheet_name and len(sheets) > 1:
            warnings.append(f"Read the sheet '{sheet_name}' of this workbook.")
        return table_extraction(name, header, body, first_row, index, deadline, warnings)
    if column:
        raise FileReadError(f"There is no column called '{column}' in '{name}'.", "no_such_column")
    raise FileReadError(
        f"No column of recommendations was found in '{name}'. Name the column "
        "'Recommendation' or choose it with the column option.",
        "no_recommendations",
    )


def _csv_rows(data: bytes, name: str) -> list[tuple[str, list[list[str]]]]:
    text = decode_text(data, name)
    sample = text[:20_000]
    try:
        # only the delimiter is sniffed: its guesses about quoting break real exports
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = "\t" if name.lower().endswith(".tsv") else ","
    csv.field_size_limit(2_000_000)
    try:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        rows = list(itertools.islice(reader, MAX_ROWS))
    except csv.Error as exc:
        raise FileReadError(f"'{name}' is not a well-formed CSV file ({exc}).", "bad_csv") from exc
    return [("", rows)]


def _xlsx_rows(data: bytes, deadline: Deadline) -> list[tuple[str, list[list[str]]]]:
    data = safe_zip(data, "Excel")  # openpyxl only ever sees parts inflated under a cap
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged workbooks
        raise FileReadError(
            "This Excel file is damaged or not really an .xlsx workbook, so it cannot be read.",
            "corrupt_file",
        ) from exc
    sheets = []
    try:
        for sheet in book.worksheets:
            rows = []
            for i, values in enumerate(sheet.iter_rows(values_only=True)):
                if i % 1000 == 0:
                    deadline.check()
                if i >= MAX_ROWS:
                    break
                rows.append(["" if v is None else _cell_text(v) for v in values])
            sheets.append((sheet.title, rows))
    finally:
        book.close()
    return sheets


def _cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def split_header(rows: list[list[str]], row_no: int) -> tuple[list[str], list[list[str]], int]:
    """Return (header, body rows, spreadsheet number of the first body row)."""
    first = rows[0]
    if all(len(c.split()) <= 6 for c in first) and not any(imperative_start(c) for c in first):
        return [normalise(c) for c in first], rows[1:], row_no + 1
    return [f"column {i + 1}" for i in range(len(first))], rows, row_no


def pick_column(header: list[str], body: list[list[str]], column: str | None) -> int | None:
    """The index of the column that holds the recommendations (named, guessed or None)."""
    lowered = [h.lower() for h in header]
    if column:
        wanted = column.strip().lower()
        if wanted in lowered:
            return lowered.index(wanted)
        if wanted.isdigit() and 0 < int(wanted) <= len(header):
            return int(wanted) - 1
        if re.fullmatch(r"[a-z]{1,2}", wanted):
            index = 0
            for ch in wanted:
                index = index * 26 + ord(ch) - 96
            if index <= len(header):
                return index - 1
        return None
    for name in TEXT_HEADERS:
        if name in lowered:
            return lowered.index(name)
    for i, name in enumerate(lowered):
        if "recommendation" in name and name not in ID_HEADERS and "number" not in name:
            return i
    return _column_by_content(header, body)


def _column_by_content(header: list[str], body: list[list[str]]) -> int | None:
    """The column with the longest imperative-looking texts."""
    sample = body[:500]
    best, best_score = None, 0.0
    for i in range(len(header)):
        values = [r[i] for r in sample if i < len(r) and r[i].strip()]
        if not values:
            continue
        imperative = sum(1 for v in values if imperative_start(_strip_number(v)))
        words = sum(min(count_words(v), 80) for v in values) / len(values)
        share = imperative / len(values)
        score = words * share
        if share >= 0.3 and words >= 4 and score > best_score:
            best, best_score = i, score
    return best


def _strip_number(text: str) -> str:
    return DOTTED.sub("", text, count=1)


def table_extraction(
    name: str,
    header: list[str],
    body: list[list[str]],
    first_row: int,
    index: int,
    deadline: Deadline,
    warnings: list[str],
) -> Extraction:
    """The recommendations of a table's body rows (column `index`), labelled by row."""
    lowered = [h.lower() for h in header]
    upr_info = set(lowered) >= UPR_INFO and bool({"response", "action"} & set(lowered))
    id_col = next((i for i, h in enumerate(lowered) if h in ID_HEADERS and i != index), None)
    recs, words = [], 0
    skipped: list[Skipped] = []
    for offset, row in enumerate(body):
        if offset % 2000 == 0:
            deadline.check()
        if index >= len(row) or not row[index].strip():
            others = normalise(" ".join(c for c in row if c and c.strip()))
            if others:
                where = f"row {first_row + offset}"
                skipped.append(Skipped(where, where, others[:300],
                                       f"the '{header[index] if index < len(header) else index}'"
                                       " column is empty in this row"))
            continue
        row_no = first_row + offset
        text = normalise(row[index])
        words += count_words(text)
        label = f"row {row_no}"
        number = DOTTED.match(text)
        if number:
            label, text = number.group(1), text[number.end() :]
        if id_col is not None and id_col < len(row) and row[id_col].strip():
            label = normalise(row[id_col])
        meta = _metadata(dict(zip(lowered, (normalise(c) for c in row), strict=False)), upr_info)
        if not upr_info:
            text, states = split_attribution(text)
            if states and "recommending_states" not in meta:
                meta["recommending_states"] = states
        recs.append(ExtractedRecommendation(text.rstrip(" ;"), label, f"row {row_no}", meta))
    kind = "upr-info-export" if upr_info else "table"
    return Extraction(kind, name, recs, words, warnings, skipped)


def _metadata(row: dict[str, str], upr_info: bool) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    if upr_info:
        _put(meta, "state_under_review", row.get("to"))
        if row.get("from"):
            meta["recommending_states"] = split_states(row["from"])
        _put(meta, "state_under_review_group", row.get("to-rgrp"))
        _put(meta, "recommending_state_group", row.get("from-rgrp"))
        _put(meta, "response", row.get("response"))
        response = (row.get("response") or "").lower()
        if response:
            meta["position"] = (
                "Supported"
                if response.startswith(("accept", "support"))
                else ("Noted" if response.startswith(("noted", "reject")) else row["response"])
            )
        action = row.get("action") or ""
        if action:
            meta["action"] = int(action) if action.isdigit() else action
        if row.get("issue"):
            meta["issue"] = [i.strip() for i in row["issue"].split(",") if i.strip()]
        for key in ("session", "cycle"):
            value = row.get(key) or ""
            if value:
                meta[key] = int(value) if value.isdigit() else value
        return meta
    for key, value in row.items():
        if not value:
            continue
        if key in {"recommending state", "recommending states", "state", "states", "from"}:
            meta["recommending_states"] = split_states(value)
        elif key in {"position", "response"}:
            meta["position"] = value
        elif key in {"theme", "themes", "issue", "issues"}:
            meta["themes"] = [t.strip() for t in re.split(r"[,;\n]", value) if t.strip()]
        elif key in {"action", "action category"}:
            meta["action"] = int(value) if value.isdigit() else value
        elif key in {"session"}:
            meta["session"] = int(value) if value.isdigit() else value
        elif key in {"state under review", "sur", "to", "country"}:
            meta["state_under_review"] = value
    return meta


def _put(meta: dict[str, Any], key: str, value: str | None) -> None:
    if value:
        meta[key] = value
