"""Read a file's recommendations in chunks: CSV/TSV streamed row by row, other files whole."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smartcheck.extract import Extraction, extract_file, tabular
from smartcheck.extract.decoding import plausibility
from smartcheck.extract.guards import Deadline, check_size, file_type
from smartcheck.extract.model import FileReadError

CHUNK = 500
SAMPLE_ROWS = 500  # the rows the column is chosen from, as the whole-file reader does
SCAN_BLOCK = 1 << 20


@dataclass
class Source:
    """A file opened for bulk checking: its Extraction (without the list) and its chunks."""

    extraction: Extraction
    chunks: Iterator[list[Any]]
    total: int | None = None  # recommendations expected (rows for a streamed table)
    streamed: bool = False


def open_source(path: str | os.PathLike[str], *, column: str | None = None,
                chunk: int = CHUNK) -> Source:
    """The file's recommendations in chunks of `chunk` (CSV/TSV without reading it whole)."""
    path = Path(path)
    if file_type(path.name) == "csv":
        return _csv_source(path, column, chunk)
    extraction = extract_file(path, column=column)
    recs = list(extraction.recommendations)
    extraction.recommendations = []  # the chunks own them now
    return Source(extraction, _slices(recs, chunk), total=len(recs))


def _slices(items: list[Any], size: int) -> Iterator[list[Any]]:
    """`items` in consecutive slices of `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _csv_source(path: Path, column: str | None, chunk: int) -> Source:
    """A CSV read row by row, with the column and labels the whole-file reader would pick."""
    size = path.stat().st_size
    check_size(size, max(size, 1))  # empty files are refused; a bulk CSV has no size limit
    encoding = sniff_encoding(path)
    with _open_text(path, encoding) as handle:
        sample = handle.read(20_000)
    try:
        # only the delimiter is sniffed, as in smartcheck.extract.tabular
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = "\t" if path.name.lower().endswith(".tsv") else ","
    csv.field_size_limit(2_000_000)
    total = _count_rows(path, encoding, delimiter)
    handle = _open_text(path, encoding)
    reader = csv.reader(handle, delimiter=delimiter)
    try:
        head = list(itertools.islice(reader, SAMPLE_ROWS + 1))
        start = next((i for i, r in enumerate(head) if any(c.strip() for c in r)), None)
        if start is None:
            raise FileReadError(f"No column of recommendations was found in '{path.name}'.",
                                "no_recommendations")
        header, body, first_row = tabular.split_header(head[start:], start + 1)
        index = tabular.pick_column(header, body, column)
    except csv.Error as exc:
        handle.close()
        raise FileReadError(f"'{path.name}' is not a well-formed CSV file ({exc}).",
                            "bad_csv") from exc
    except BaseException:
        handle.close()
        raise
    if index is None:
        handle.close()
        if column:
            raise FileReadError(f"There is no column called '{column}' in '{path.name}'.",
                                "no_such_column")
        raise FileReadError(
            f"No column of recommendations was found in '{path.name}'. Name the column "
            "'Recommendation' or choose it with the column option.", "no_recommendations")
    probe = tabular.table_extraction(path.name, header, body[:1], first_row, index, Deadline(), [])
    extraction = Extraction(probe.kind, path.name, [], 0, [])
    chunks = _csv_chunks(handle, reader, body, header, first_row, index, chunk, extraction,
                         path.name)
    return Source(extraction, chunks, total=max(total - (first_row - 1), 0), streamed=True)


def _csv_chunks(handle: io.TextIOBase, reader: Any, body: list[list[str]], header: list[str],
                first_row: int, index: int, chunk: int, extraction: Extraction,
                name: str) -> Iterator[list[Any]]:
    """Rows → ExtractedRecommendations, `chunk` rows at a time, numbered as in the file."""
    rows = itertools.chain(body, reader)
    row_no = first_row
    try:
        while True:
            try:
                block = list(itertools.islice(rows, chunk))
            except csv.Error as exc:
                raise FileReadError(f"'{name}' is not a well-formed CSV file ({exc}).",
                                    "bad_csv") from exc
            if not block:
                return
            part = tabular.table_extraction(name, header, block, row_no, index, Deadline(), [])
            extraction.word_count += part.word_count
            row_no += len(block)
            if part.recommendations:
                yield part.recommendations
    finally:
        handle.close()


def _open_text(path: Path, encoding: str) -> io.TextIOWrapper:
    """The file as text; universal newlines, as decode_text turns \\r\\n and \\r into \\n."""
    return open(path, encoding=encoding, errors="replace", newline=None)  # noqa: SIM115


def _count_rows(path: Path, encoding: str, delimiter: str) -> int:
    """Rows in the file (one cheap pass), for the progress bar."""
    with _open_text(path, encoding) as handle:
        try:
            return sum(1 for _ in csv.reader(handle, delimiter=delimiter))
        except csv.Error:
            return 0


def sniff_encoding(path: Path) -> str:
    """The encoding decode_text would choose, found by streaming the file once."""
    with path.open("rb") as handle:
        first = handle.read(SCAN_BLOCK)
        if first.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        if b"\x00" in first[:65536]:
            raise FileReadError(f"'{path.name}' looks like a binary file, not text.",
                                "binary_file")
        decoder = codecs.getincrementaldecoder("utf-8")()
        block = first
        try:
            while block:
                decoder.decode(block)
                block = handle.read(SCAN_BLOCK)
            decoder.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError:
            pass
    candidates = []
    for rank, encoding in enumerate(("cp1252", "mac_roman")):
        try:
            candidates.append((plausibility(first.decode(encoding)), -rank, encoding))
        except UnicodeDecodeError:
            continue
    return max(candidates)[2] if candidates else "latin-1"
