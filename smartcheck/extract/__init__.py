"""Read submission files (.docx, .pdf, .txt/.md, .csv/.xlsx, .odt) into recommendations."""

from smartcheck.extract.api import extract_bytes, extract_file, extract_text, looks_like_document
from smartcheck.extract.model import ExtractedRecommendation, Extraction, FileReadError, Skipped

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
