"""Whatever bytes arrive, extraction returns an Extraction or a FileReadError, never a crash."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartcheck.extract import Extraction, FileReadError, extract_bytes

NAMES = ["f.docx", "f.pdf", "f.txt", "f.md", "f.csv", "f.xlsx", "f.odt"]
FAST = settings(max_examples=60, deadline=2000, suppress_health_check=[HealthCheck.too_slow])


def _outcome(data: bytes, name: str) -> str:
    try:
        result = extract_bytes(data, name)
    except FileReadError as error:
        assert str(error) and error.code
        return error.code
    assert isinstance(result, Extraction) and result.recommendations
    return "ok"


@FAST
@given(data=st.binary(max_size=4096), name=st.sampled_from(NAMES))
def test_random_bytes(data: bytes, name: str) -> None:
    _outcome(data, name)


@FAST
@given(text=st.text(max_size=2000), name=st.sampled_from(["f.txt", "f.md", "f.csv"]))
def test_random_text(text: str, name: str) -> None:
    _outcome(text.encode("utf-8"), name)


def _docx_bytes() -> bytes:
    doc = Document()
    doc.add_heading("Recommendations", 1)
    doc.add_paragraph("Ratify the Optional Protocol by 2026.", style="List Bullet")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


VALID_DOCX = _docx_bytes()


@FAST
@given(
    offset=st.integers(min_value=0, max_value=len(VALID_DOCX) - 1),
    junk=st.binary(min_size=1, max_size=64),
)
def test_damaged_docx(offset: int, junk: bytes) -> None:
    data = VALID_DOCX[:offset] + junk + VALID_DOCX[offset + len(junk) :]
    _outcome(data, "damaged.docx")


@pytest.mark.parametrize("fraction", [0.01, 0.1, 0.5, 0.9, 0.99])
def test_truncated_pdf(tmp_path: Path, fraction: float) -> None:
    from extract_samples import build_pdf

    data = build_pdf(tmp_path / "s.pdf").read_bytes()
    outcome = _outcome(data[: int(len(data) * fraction)], "cut.pdf")
    if fraction <= 0.1:
        assert outcome in {"corrupt_file", "no_text_layer"}
