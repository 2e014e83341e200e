"""Bad files: each gets a FileReadError with a plain message and a code, quickly and cheaply."""

from __future__ import annotations

import io
import random
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from docx import Document
from extract_samples import build_pdf

from smartcheck.errors import InputError
from smartcheck.extract import FileReadError, extract_bytes, extract_file, guards


def _error(data: bytes, name: str, **kwargs) -> FileReadError:
    with pytest.raises(FileReadError) as info:
        extract_bytes(data, name, **kwargs)
    error = info.value
    message = str(error)
    assert isinstance(error, InputError)
    assert message and message[0].isupper() and message.endswith((".", ")"))
    assert "Error" not in message and "Traceback" not in message
    return error


@pytest.mark.parametrize("name", ["a.docx", "a.pdf", "a.txt", "a.csv", "a.xlsx", "a.odt"])
def test_empty_file(name: str) -> None:
    error = _error(b"", name)
    assert error.code == "empty_file"
    assert str(error) == "The file is empty."


@pytest.mark.parametrize(
    ("name", "phrase"),
    [("virus.exe", "'.exe'"), ("README", "no extension"), ("old.doc", "Word 97-2003")],
)
def test_unknown_or_old_extension(name: str, phrase: str) -> None:
    error = _error(b"hello", name)
    assert error.code == "unsupported_type"
    assert phrase in str(error)


def test_docx_that_is_not_a_zip() -> None:
    error = _error(b"This is plain text renamed to .docx, not a Word file.", "fake.docx")
    assert error.code == "not_a_zip"
    assert "not a valid Word file" in str(error)


def test_truncated_docx_is_corrupt(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Ratify the Convention.")
    buffer = io.BytesIO()
    doc.save(buffer)
    assert _error(buffer.getvalue()[:2000], "cut.docx").code == "corrupt_file"


def _bomb(member_bytes: int, members: int = 1) -> bytes:
    buffer = io.BytesIO()
    chunk = b"\0" * 1_000_000
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for i in range(members):
            name = "word/document.xml" if i == 0 else f"word/media/{i}.bin"
            with archive.open(name, "w") as handle:
                for _ in range(member_bytes // len(chunk)):
                    handle.write(chunk)
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["bomb.docx", "bomb.xlsx", "bomb.odt"])
def test_zip_bomb_refused_before_parsing(name: str) -> None:
    data = _bomb(50_000_000)  # 50 MB of zeros packs into about 50 kB
    assert len(data) < 100_000
    tracemalloc.start()
    started = time.perf_counter()
    error = _error(data, name)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert error.code == "zip_bomb"
    assert elapsed < 0.5 and peak < 5_000_000  # nothing was unpacked


def test_zip_with_too_much_content_in_total(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guards, "MAX_UNPACKED", 3_000_000)
    monkeypatch.setattr(guards, "RATIO_FLOOR", 10**12)  # isolate the total-size rule
    assert _error(_bomb(1_000_000, members=4), "many.docx").code == "zip_bomb"


def test_encrypted_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(build_pdf(tmp_path / "s.pdf")))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    error = _error(buffer.getvalue(), "locked.pdf")
    assert error.code == "encrypted"
    assert "password" in str(error)


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(build_pdf(tmp_path / "s.pdf")))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert len(extract_bytes(buffer.getvalue(), "restricted.pdf").recommendations) == 10


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).text((40, 40), "Ratify the Convention against Torture.", fill="black")
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(image, x=10, y=10, w=180)
    error = _error(bytes(pdf.output()), "scan.pdf")
    assert error.code == "no_text_layer"
    assert "scanned" in str(error)


def test_damaged_pdf() -> None:
    assert _error(b"%PDF-1.7\n" + b"garbage " * 100, "broken.pdf").code == "corrupt_file"


def test_files_over_the_limit(tmp_path: Path) -> None:
    assert _error(b"x" * 101, "a.txt", max_bytes=100).code == "too_large"
    fifty_mb = b"a" * 50_000_000
    started = time.perf_counter()
    error = _error(fifty_mb, "upload.pdf")
    assert time.perf_counter() - started < 0.1
    assert error.code == "too_large"
    assert "50.0 MB" in str(error) and "20 MB" in str(error)
    path = tmp_path / "big.txt"
    path.write_bytes(b"Ratify the Convention. " * 10)
    with pytest.raises(FileReadError) as info:
        extract_file(path, max_bytes=100)
    assert info.value.code == "too_large"


def test_binary_junk_named_txt() -> None:
    junk = random.Random(5).randbytes(8192)
    assert _error(junk, "notes.txt").code == "binary"
    assert _error(junk.replace(b"\0", b"\1"), "notes.csv").code == "binary"


def test_document_with_no_recommendations(tmp_path: Path) -> None:
    doc = Document()
    doc.add_heading("Background", 1)
    doc.add_paragraph("Examplia has 2 million inhabitants and a new constitution.")
    doc.add_paragraph("Only 40 percent of schools are accessible.", style="List Bullet")
    doc.save(tmp_path / "bg.docx")
    with pytest.raises(FileReadError) as info:
        extract_file(tmp_path / "bg.docx")
    assert info.value.code == "no_recommendations"
    assert "No recommendations were found in 'bg.docx'" in str(info.value)
    assert _error(b"Just a note about the weather.", "n.md").code == "no_recommendations"
    # A plain .txt is a list, one recommendation per line (the CLI contract), so it has one.
    assert extract_bytes(b"Just a note.", "n.txt").recommendations[0].text == "Just a note."


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileReadError) as info:
        extract_file(tmp_path / "nowhere.docx")
    assert info.value.code == "not_found"


def test_reading_writes_nothing_to_disk(tmp_path: Path) -> None:
    path = build_pdf(tmp_path / "s.pdf")
    before = sorted(p.name for p in tmp_path.iterdir())
    extract_file(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_pdf_with_one_scanned_page_is_read_with_a_warning(tmp_path: Path) -> None:
    from fpdf import FPDF
    from PIL import Image
    from pypdf import PdfReader, PdfWriter

    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("RGB", (60, 80), "white"), x=10, y=10, w=50)
    scan = tmp_path / "scan.pdf"
    pdf.output(str(scan))
    writer = PdfWriter(clone_from=PdfReader(build_pdf(tmp_path / "s.pdf")))
    writer.append(PdfReader(scan))
    buffer = io.BytesIO()
    writer.write(buffer)
    extraction = extract_bytes(buffer.getvalue(), "mixed.pdf")
    assert len(extraction.recommendations) == 10
    assert extraction.warnings == [
        "Page 3 of this PDF has no text (scanned images?) and was not checked."
    ]
