"""Hostile files built on the fly: a zip whose headers lie about its sizes."""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from pathlib import Path

from docx import Document

BODY_OPEN = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
             b'main"><w:body><w:p><w:r><w:t>Ratify the Convention.')
BODY_CLOSE = b"</w:t></w:r></w:p></w:body></w:document>"


def _deflate_repeated(head: bytes, block: bytes, times: int, tail: bytes) -> tuple[bytes, int, int]:
    """Raw deflate of head + block*times + tail, built without holding the inflated data."""
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    out = [co.compress(head), co.flush(zlib.Z_FULL_FLUSH)]
    # after a full flush the compressor forgets its history, so every block compresses alike
    piece = co.compress(block) + co.flush(zlib.Z_FULL_FLUSH)
    out.extend([piece] * times)
    out.append(co.compress(tail) + co.flush())
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    return b"".join(out), crc, len(head) + len(block) * times + len(tail)


def _zip(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip from (name, raw deflate data, crc, claimed size, method) written by hand."""
    out = io.BytesIO()
    central = []
    for name, raw, crc, claimed, method in members:
        offset = out.tell()
        encoded = name.encode()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc,
                              len(raw), claimed, len(encoded), 0))
        out.write(encoded)
        out.write(raw)
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21,
                                   crc, len(raw), claimed, len(encoded), 0, 0, 0, 0, 0, offset)
                       + encoded)
    start = out.tell()
    for entry in central:
        out.write(entry)
    size = out.tell() - start
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), size,
                          start, 0))
    return out.getvalue()


def _varied_block() -> bytes:
    """1 MB of words that deflates only ~70:1 (a 16 KB random run, repeated)."""
    rng = random.Random(13)
    words = [b"ratify", b"adopt", b"law", b"torture", b"women", b"by", b"2027", b"the"]
    run = b" ".join(rng.choice(words) + str(rng.randrange(1000)).encode()
                    for _ in range(2400))[:16384]
    return (run * 65)[: 1 << 20]


def forged_zip(base: bytes, member: str, inflated_bytes: int, claimed: int | None = 4000,
               varied: bool = False) -> bytes:
    """`base` with `member` swapped for one that inflates to `inflated_bytes`.

    Its headers claim `claimed` bytes (None: the true size, an honest but huge part).
    """
    real = zipfile.ZipFile(io.BytesIO(base))
    members = []
    for info in real.infolist():
        if info.filename == member:
            block = _varied_block() if varied else b" " * (1 << 20)
            times = max(1, (inflated_bytes - len(BODY_OPEN) - len(BODY_CLOSE)) // len(block))
            raw, crc, size = _deflate_repeated(BODY_OPEN, block, times, BODY_CLOSE)
            members.append((info.filename, raw, crc, size if claimed is None else claimed,
                            zipfile.ZIP_DEFLATED))
            continue
        data = real.read(info.filename)
        co = zlib.compressobj(6, zlib.DEFLATED, -15)
        raw = co.compress(data) + co.flush()
        members.append((info.filename, raw, zlib.crc32(data), len(data), zipfile.ZIP_DEFLATED))
    return _zip(members)


def forged_docx(inflated_bytes: int = 2 * 1024**3, claimed: int = 4000) -> bytes:
    """A .docx whose document.xml inflates to `inflated_bytes` but whose headers say `claimed`."""
    buffer = io.BytesIO()
    Document().save(buffer)
    return forged_zip(buffer.getvalue(), "word/document.xml", inflated_bytes, claimed)


def forged_xlsx(inflated_bytes: int, claimed: int = 4000) -> bytes:
    """An .xlsx whose first sheet inflates to far more than its headers say."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Recommendation"])
    buffer = io.BytesIO()
    book.save(buffer)
    return forged_zip(buffer.getvalue(), "xl/worksheets/sheet1.xml", inflated_bytes, claimed)


def forged_odt(inflated_bytes: int, claimed: int = 4000) -> bytes:
    """An .odt whose content.xml inflates to far more than its headers say."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as odt:
        odt.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        odt.writestr("content.xml", "<office:document-content/>")
    return forged_zip(buffer.getvalue(), "content.xml", inflated_bytes, claimed)


def write(path: Path, data: bytes) -> Path:
    """Write bytes to `path` and return it."""
    path.write_bytes(data)
    return path


def many_paragraphs_docx(paragraphs: int) -> bytes:
    """An honest .docx with `paragraphs` short numbered paragraphs (python-docx reads it slowly)."""
    buffer = io.BytesIO()
    Document().save(buffer)
    base = zipfile.ZipFile(buffer)
    para = b"<w:p><w:r><w:t>%d. Adopt a law on matter %d by 2027.</w:t></w:r></w:p>"
    xml = BODY_OPEN.split(b"<w:p>")[0] + b"".join(
        para % (n, n) for n in range(1, paragraphs + 1)) + b"</w:body></w:document>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as docx:
        for info in base.infolist():
            docx.writestr(info.filename,
                          xml if info.filename == "word/document.xml" else base.read(info))
    return out.getvalue()
