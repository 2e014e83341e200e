"""Read submission files (.docx, .pdf, .txt/.md, .csv/.xlsx, .odt) into recommendations."""

from smartcheck.extract.api import extract_bytes, extract_file
from smartcheck.extract.model import ExtractedRecommendation, Extraction, FileReadError

__all__ = [
    "ExtractedRecommendation",
    "Extraction",
    "FileReadError",
    "extract_bytes",
    "extract_file",
]
