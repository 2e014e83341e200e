"""Cheap checks that run before any parser touches a file: size, type and zip bombs."""

from __future__ import annotations

import io
import time
import zipfile

from smartcheck.extract.model import FileReadError

MAX_BYTES = 20_000_000
# A real .docx/.xlsx/.odt rarely unpacks beyond a few tens of MB; text XML compresses ~5-20x.
MAX_UNPACKED = 200_000_000
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
    """Open an Office/OpenDocument container after checking it is a zip and not a zip bomb."""
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
        raise FileReadError(
            f"This {what} file is damaged and cannot be opened. Try saving it again.",
            "corrupt_file",
        ) from exc
    if len(infos) > MAX_MEMBERS:
        raise _bomb(what)
    total = 0
    for info in infos:
        total += info.file_size
        big = info.file_size > RATIO_FLOOR
        if big and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _bomb(what)
    if total > MAX_UNPACKED:
        raise _bomb(what)
    return archive


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


def _bomb(what: str) -> FileReadError:
    return FileReadError(
        f"This {what} file unpacks to far more data than a real document would, so it was not "
        "opened (it may be a 'zip bomb').",
        "zip_bomb",
    )


class Deadline:
    """A wall-clock budget that long loops check between pages or rows."""

    def __init__(self, seconds: float = TIME_BUDGET_S) -> None:
        """Start the clock."""
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        """Raise a plain-language error once the budget is spent."""
        if time.monotonic() > self.end:
            raise FileReadError(
                "Reading this file took too long, so it was stopped. Try a smaller file or "
                "save it in a simpler format.",
                "timeout",
            )
