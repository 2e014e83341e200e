"""Read an OHCHR thematic list of recommendations (.docx) into corpus records."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from smartcheck.errors import CorpusError

# Page header of OHCHR thematic lists: "UPR of Slovenia (2nd Cycle – 20th session)".
HEADER = re.compile(r"UPR of (?P<state>.+?)\s*\((?P<cycle>\d+)\w*\s+Cycle\W+(?P<session>\d+)", re.I)
RESPONSES = {"supported": "Accepted", "accepted": "Accepted", "noted": "Noted"}


def _header_info(path: Path) -> dict[str, Any]:
    """State under review, cycle and session from the page header, when it is there."""
    from smartcheck.extract.docx_reader import open_docx

    try:
        doc = open_docx(path.read_bytes())
    except Exception:  # the extractor reports unreadable files with a clear message
        return {}
    for section in doc.sections:
        for para in section.header.paragraphs:
            match = HEADER.search(para.text)
            if match:
                return {
                    "state_under_review": match["state"].strip(),
                    "cycle": int(match["cycle"]),
                    "session": int(match["session"]),
                }
    return {}


def read_thematic_docx(path: str | Path) -> list[dict[str, Any]]:
    """Records from an OHCHR thematic list; issues are tagged by the lexical issue model."""
    from smartcheck.extract import extract_file

    path = Path(path)
    extraction = extract_file(path)
    if extraction.kind != "ohchr-thematic-list":
        raise CorpusError(
            f"'{path.name}' is not an OHCHR thematic list (a Word table whose rows start with "
            "a paragraph number such as '115.3', with Position and themes columns)."
        )
    info = _header_info(path)
    texts = [r.text for r in extraction.recommendations]
    issues = _tag(texts)
    records = []
    for rec, tags in zip(extraction.recommendations, issues, strict=True):
        meta = rec.metadata
        position = str(meta.get("position", "")).strip()
        records.append(
            {
                "text": " ".join(rec.text.split()),
                "state_under_review": info.get("state_under_review", ""),
                "recommending_state": ", ".join(meta.get("recommending_states") or []),
                "response": RESPONSES.get(position.lower(), position),
                "action": None,
                "issues": tags,
                "session": info.get("session"),
                "cycle": info.get("cycle"),
                "source_id": rec.label,
            }
        )
    return records


def _tag(texts: list[str]) -> list[list[str]]:
    """UPR Info issue labels predicted by the shipped model (lexical head, no vectors)."""
    try:
        from smartcheck.models.issue_model import IssueModel

        model = IssueModel.load()
    except (ImportError, OSError, ValueError):
        return [[] for _ in texts]
    return [[label for label, _ in preds] for preds in model.predict(texts)]
