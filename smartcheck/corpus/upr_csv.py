"""Read the UPR Info database export (CSV) into corpus records."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from smartcheck.errors import CorpusColumnsError, CorpusError
from smartcheck.extract.decoding import decode_text

# Our field -> accepted column names (compared case- and punctuation-insensitively).
COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "recommendation", "recommendations"),
    "state_under_review": ("to", "state under review", "sur", "state"),
    "recommending_state": ("from", "recommending state", "recommending states"),
    "response": ("response", "position"),
    "action": ("action", "action category"),
    "issues": ("issue", "issues"),
    "session": ("session",),
    "cycle": ("cycle",),
    "source_id": ("rec_id", "id", "recommendation id"),
}
# The names we print when columns are missing: those of the UPR Info export.
SHOWN = {"text": "Text", "state_under_review": "To", "recommending_state": "From",
         "response": "Response", "action": "Action", "issues": "Issue"}  # fmt: skip
MUST_HAVE = ("text", "state_under_review")


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def _int(value: str) -> int | None:
    match = re.search(r"\d+", value or "")
    return int(match.group()) if match else None


def read_upr_csv(path: str | Path) -> list[dict[str, Any]]:
    """Records from a UPR Info export; CorpusColumnsError names any missing column."""
    path = Path(path)
    text = decode_text(path.read_bytes(), path.name)
    # Only the delimiter is sniffed from the header line: the Sniffer's quoting guesses go
    # wrong on texts with embedded doubled quotes, which the standard dialect handles.
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text), csv.excel, delimiter=delimiter)
    header = next(reader, None)
    if not header:
        raise CorpusError(f"'{path.name}' is empty.")
    index = {_key(h): i for i, h in enumerate(header)}
    where: dict[str, int] = {}
    for field, names in COLUMNS.items():
        for name in names:
            if _key(name) in index:
                where[field] = index[_key(name)]
                break
    missing = [SHOWN[f] for f in MUST_HAVE if f not in where]
    if missing:
        found = ", ".join(h for h in header if h.strip()) or "none"
        raise CorpusColumnsError(
            f"'{path.name}' is not a UPR Info export: missing column(s) {', '.join(missing)} "
            f"(found: {found}). Expected columns To, From, Text, Response, Action, Issue, Session."
        )
    records = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue

        def cell(field: str, row: list[str] = row) -> str:
            i = where.get(field)
            return row[i].strip() if i is not None and i < len(row) else ""

        body = " ".join(cell("text").split())
        if not body:
            continue
        records.append(
            {
                "text": body,
                "state_under_review": cell("state_under_review"),
                "recommending_state": cell("recommending_state"),
                "response": cell("response").capitalize(),
                "action": _int(cell("action")),
                "issues": [i.strip() for i in cell("issues").split(",") if i.strip()],
                "session": _int(cell("session")),
                "cycle": _int(cell("cycle")),
                "source_id": cell("source_id"),
            }
        )
    if not records:
        raise CorpusError(f"'{path.name}' has the right columns but no recommendations.")
    return records


def source_csv(args: list[str]) -> Path | None:
    """The export a rebuild command reads: its first argument, else the shared UPR Info CSV;
    None (after saying so on stderr) when that file is missing."""
    import sys

    from smartcheck.resources import UPR_CSV

    path = Path(args[0]) if args else UPR_CSV
    if not path.is_file():
        print(f"error: no such file: {path}", file=sys.stderr)
        return None
    return path
