"""Cheap checks that run before any parser touches a file: size, type and zip bombs."""

from __future__ import annotations

import contextlib
import contextvars
import io
import struct
import time
import zipfile
import zlib
from collections.abc import Iterator

from smartcheck.extract.model import FileReadError

MAX_BYTES = 20_000_000
# A real .docx/.xlsx/.odt rarely unpacks beyond a few tens of MB; text XML compresses ~5-20x.
MAX_UNPACKED = 120_000_000
# What one part may really inflate to, whatever its headers say: a 40 MB document.xml is a
# book of several thousand pages; 180 MB of XML took python-docx 24 s and +480 MB to parse.
MAX_PART = 40_000_000
CHUNK = 1 << 16
MAX_RATIO = 100
MAX_MEMBERS = 5_000
# Ratios are only suspicious once a member is big enough to hurt.
RATIO_FLOOR = 2_000_000
TIME_BUDGET_S = 60.0

SUFFIXES = {
    ".docx": "docx",
    ".docm": "docx",
    ".pdf": "pdf",
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".csv": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".odt": "odt",
}

OLD_FORMATS = {
    ".doc": "an old Word 97-2003 document (.doc)",
    ".xls": "an old Excel 97-2003 workbook (.xls)",
    ".rtf": "a Rich Text file (.rtf)",
    ".pages": "an Apple Pages document",
    ".ods": "a spreadsheet in OpenDocument format (.ods)",
}

SUPPORTED_LIST = "Word (.docx), PDF, text (.txt, .md), CSV, Excel (.xlsx) or OpenDocument (.odt)"


def file_type(filename: str) -> str:
    """Map a file name to the reader that handles it, or refuse it in plain words."""
    name = filename.lower().strip()
    dot = name.rfind(".")
    suffix = name[dot:] if dot >= 0 else ""
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if suffix in OLD_FORMATS:
        raise FileReadError(
            f"This is {OLD_FORMATS[suffix]}, which cannot be read. Save it as {SUPPORTED_LIST} "
            "and try again.",
            "unsupported_type",
        )
    shown = f"'{suffix}'" if suffix else "no extension"
    raise FileReadError(
        f"Files with {shown} cannot be read. Please use {SUPPORTED_LIST}.",
        "unsupported_type",
    )


def check_size(size: int, max_bytes: int) -> None:
    """Refuse empty files and files over the size limit."""
    if size == 0:
        raise FileReadError("The file is empty.", "empty_file")
    if size > max_bytes:
        raise FileReadError(
            f"The file is too large ({size / 1_000_000:.1f} MB); the limit is "
            f"{max_bytes / 1_000_000:.0f} MB.",
            "too_large",
        )


def open_zip(data: bytes, what: str) -> zipfile.ZipFile:
    """The container re-packed by `safe_zip`, opened: its sizes can be trusted."""
    return zipfile.ZipFile(io.BytesIO(safe_zip(data, what)))


def safe_zip(data: bytes, what: str) -> bytes:
    """Inflate every part under a hard cap on bytes produced; return a truthful stored zip.

    Headers can lie: a part that claims 4,000 bytes may inflate to 2 GB, and libraries such as
    python-docx and openpyxl inflate a part in one call. Only the re-packed copy, whose sizes
    are what was really produced, is handed to them.
    """
    archive = _checked_zip(data, what)
    out = io.BytesIO()
    total = 0
    seen: set[str] = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as repacked:
        for info in archive.infolist():
            if info.filename in seen:
                raise _corrupt(what)
            seen.add(info.filename)
            part = _inflate(data, info, what, MAX_UNPACKED - total)
            total += len(part)
            copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copy.external_attr = info.external_attr
            repacked.writestr(copy, part)
            del part
    return out.getvalue()


def _checked_zip(data: bytes, what: str) -> zipfile.ZipFile:
    """Open the central directory and refuse what its declared sizes already give away."""
    if not data.startswith(b"PK"):
        raise FileReadError(
            f"This file is not a valid {what} file: it may be damaged, or another kind of file "
            "renamed. Open it in your word processor and save it again.",
            "not_a_zip",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception as exc:  # zipfile raises BadZipFile, NotImplementedError, ValueError …
        raise _corrupt(what) from exc
    if len(infos) > MAX_MEMBERS:
        raise _bomb(what)
    total = 0
    for info in infos:
        total += info.file_size
        big = info.file_size > RATIO_FLOOR
        if big and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _bomb(what)
    if any(info.file_size > MAX_PART for info in infos):
        raise _too_big(what)
    if total > MAX_UNPACKED:
        raise _bomb(what)
    return archive


_LOCAL = struct.Struct("<4s5H3L2H")


def _inflate(data: bytes, info: zipfile.ZipInfo, what: str, room: int) -> bytes:
    """One part's bytes, inflated in chunks; refused once past its declared size or a cap."""
    if info.flag_bits & 0x1:
        raise FileReadError(
            f"This {what} file is password-protected. Remove the password and try again.",
            "encrypted",
        )
    start = info.header_offset
    head = data[start:start + _LOCAL.size]
    if len(head) < _LOCAL.size or head[:4] != b"PK\x03\x04":
        raise _corrupt(what)
    fields = _LOCAL.unpack(head)
    begin = start + _LOCAL.size + fields[9] + fields[10]
    raw = memoryview(data)[begin:begin + info.compress_size]
    if len(raw) < info.compress_size:
        raise _corrupt(what)
    limit = min(MAX_PART, room)
    if info.file_size > limit:
        raise _too_big(what)
    if info.compress_type == zipfile.ZIP_STORED:
        part = bytes(raw)
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        part = _deflated(raw, info.file_size, what)
    else:
        raise _corrupt(what)
    if len(part) != info.file_size or zlib.crc32(part) != info.CRC:
        raise _corrupt(what)
    return part


def _deflated(raw: bytes, cap: int, what: str) -> bytes:
    """Inflate raw deflate data, never producing more than `cap` + one chunk."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    out = bytearray()
    pending = raw
    try:
        while not inflater.eof:
            chunk = inflater.decompress(pending, CHUNK)
            pending = inflater.unconsumed_tail
            if not chunk and not pending:
                break  # the stream ends before its end marker
            out += chunk
            if len(out) > cap:
                raise _bomb(what)
    except zlib.error as exc:
        raise _corrupt(what) from exc
    if not inflater.eof:
        raise _corrupt(what)
    return bytes(out)


def read_member(archive: zipfile.ZipFile, name: str, limit: int = MAX_UNPACKED) -> bytes:
    """Read one zip member, stopping if it unpacks to more than it declared or than `limit`."""
    info = archive.getinfo(name)
    cap = min(info.file_size, limit)
    try:
        with archive.open(info) as handle:
            data = handle.read(cap + 1)
    except Exception as exc:  # bad CRC, unknown compression, truncated data …
        raise FileReadError(
            "This file is damaged and cannot be opened. Try saving it again.", "corrupt_file"
        ) from exc
    if len(data) > cap:
        raise _bomb("document")
    return data


def _too_big(what: str) -> FileReadError:
    return FileReadError(
        f"This {what} file holds more than {MAX_PART // 1_000_000} MB of text and markup, more "
        "than this checker reads at once. Split it into smaller files and try again.",
        "too_large",
    )


def _corrupt(what: str) -> FileReadError:
    return FileReadError(
        f"This {what} file is damaged and cannot be opened. Try saving it again.",
        "corrupt_file",
    )


def _bomb(what: str) -> FileReadError:
    return FileReadError(
        f"This {what} file unpacks to far more data than a real document would, so it was not "
        "opened (it may be a 'zip bomb').",
        "zip_bomb",
    )


_budget_end: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "smartcheck_budget_end", default=None)


class Deadline:
    """A wall-clock budget that long loops check between pages or rows."""

    def __init__(self, seconds: float = TIME_BUDGET_S) -> None:
        """Start the clock; an enclosing `time_limit` block may end it sooner."""
        self.end = time.monotonic() + seconds
        outer = _budget_end.get()
        if outer is not None:
            self.end = min(self.end, outer)

    def remaining(self) -> float:
        """Seconds left (never negative)."""
        return max(0.0, self.end - time.monotonic())

    def check(self) -> None:
        """Raise a plain-language error once the budget is spent."""
        if time.monotonic() > self.end:
            raise _timeout()


def check_time() -> None:
    """In a reader's long loop: stop once an enclosing `time_limit` is spent (else a no-op)."""
    end = _budget_end.get()
    if end is not None and time.monotonic() > end:
        raise _timeout()


def _timeout() -> FileReadError:
    return FileReadError(
        "Reading this file took too long, so it was stopped. Try a smaller file or save it in "
        "a simpler format.",
        "timeout",
    )


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[Deadline]:
    """Within the block every Deadline (the readers' too) ends at most `seconds` from now."""
    deadline = Deadline(seconds)
    token = _budget_end.set(deadline.end)
    try:
        yield deadline
    finally:
        _budget_end.reset(token)
