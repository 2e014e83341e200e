"""Read submission files (.docx, .pdf, .txt/.md, .csv/.xlsx, .odt) into recommendations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from smartcheck.extract.model import ExtractedRecommendation, Extraction, FileReadError, Skipped

if TYPE_CHECKING:
    from smartcheck.extract.api import (
        extract_bytes,
        extract_file,
        extract_text,
        looks_like_document,
    )

__all__ = [
    "ExtractedRecommendation",
    "Extraction",
    "FileReadError",
    "Skipped",
    "extract_bytes",
    "extract_file",
    "extract_text",
    "looks_like_document",
]
_API = {"extract_bytes", "extract_file", "extract_text", "looks_like_document"}


def __getattr__(name: str) -> Any:
    """The readers on first use: checking a pasted text needs no .docx or PDF library."""
    if name in _API:
        from smartcheck.extract import api

        return getattr(api, name)
    raise AttributeError(f"module 'smartcheck.extract' has no attribute {name!r}")
