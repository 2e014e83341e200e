"""The values extraction returns, the error it raises, and the block type readers share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from smartcheck.errors import InputError

# Metadata keys that only locate a recommendation inside its source file (used by annotate).
PRIVATE_KEYS = frozenset(
    {
        "docx_paragraph_index",
        "docx_table_index",
        "docx_row_index",
        "docx_cell_index",
        "docx_cell_paragraph_index",
    }
)


class FileReadError(InputError):
    """A file that cannot be read as a submission; `str()` says why in plain words."""

    code = "unreadable_file"

    def __init__(self, message: str, code: str | None = None) -> None:
        """Keep the plain-language message and a short machine-readable `code`."""
        super().__init__(message)
        if code is not None:
            self.code = code


@dataclass
class ExtractedRecommendation:
    """One recommendation found in a file, with its original label and where it was."""

    text: str
    label: str
    location: str
    metadata: dict[str, Any] = field(default_factory=dict)

    def public_metadata(self) -> dict[str, Any]:
        """The metadata without the private locators that only annotate needs."""
        return {k: v for k, v in self.metadata.items() if k not in PRIVATE_KEYS}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (private locators left out)."""
        return {
            "text": self.text,
            "label": self.label,
            "location": self.location,
            "metadata": self.public_metadata(),
        }


@dataclass
class Skipped:
    """A candidate found in a file but not checked (not a recommendation, or not checkable)."""

    label: str
    location: str
    text: str
    reason: str  # plain words, e.g. "background: it asks nothing of anyone"

    def to_dict(self) -> dict[str, str]:
        """JSON-ready form."""
        return {"label": self.label, "location": self.location, "text": self.text,
                "reason": self.reason}


@dataclass
class Extraction:
    """Everything read from one file: its kind, the recommendations and body word count.

    Every candidate the readers saw is either in `recommendations` or in `skipped` with a
    reason, so `found == len(recommendations) + len(skipped)`: nothing vanishes silently.
    """

    kind: str
    filename: str
    recommendations: list[ExtractedRecommendation]
    word_count: int
    warnings: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def found(self) -> int:
        """Candidates seen: the recommendations plus the skipped ones."""
        return len(self.recommendations) + len(self.skipped)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "kind": self.kind,
            "filename": self.filename,
            "word_count": self.word_count,
            "warnings": list(self.warnings),
            "found": self.found,
            "recommendations": [r.to_dict() for r in self.recommendations],
            "skipped": [s.to_dict() for s in self.skipped],
        }


@dataclass
class Block:
    """A paragraph-like unit of a document, as the readers hand it to the prose finder."""

    text: str
    kind: str  # "heading" | "paragraph" | "item" | "cell"
    location: str
    label: str | None = None  # list number/letter ("12", "(b)"); "•" for bullets
    level: int = 0  # heading level (1 = top); list nesting level for items
    locator: dict[str, Any] = field(default_factory=dict)  # private, copied into metadata
    cell: tuple[int, int, int] | None = None  # (table, row, column), 0-based, for table cells
    notes: bool = False  # footnote/endnote text: neither counted nor searched
