"""Read an OpenDocument text (.odt) body into Blocks: headings, list items, paragraphs, cells."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from smartcheck.extract.guards import open_zip, read_member
from smartcheck.extract.language import normalise, split_label
from smartcheck.extract.model import Block, FileReadError

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
}


def _q(prefix: str, tag: str) -> str:
    return f"{{{NS[prefix]}}}{tag}"


def odt_blocks(data: bytes) -> list[Block]:
    """Return the Blocks of an .odt file's body (footnotes and endnotes left out)."""
    archive = open_zip(data, "OpenDocument")
    if "content.xml" not in archive.namelist():
        raise FileReadError(
            "This file is a zip archive but not an OpenDocument text.", "corrupt_file"
        )
    try:
        root = ET.fromstring(read_member(archive, "content.xml"))
    except ET.ParseError as exc:
        raise FileReadError(
            "This OpenDocument file is damaged and cannot be read.", "corrupt_file"
        ) from exc
    body = root.find(f"{_q('office', 'body')}/{_q('office', 'text')}")
    if body is None:
        raise FileReadError("This OpenDocument file has no text body.", "corrupt_file")
    reader = _Reader(_list_formats(root))
    reader.walk(body)
    return reader.blocks


def _list_formats(root: ET.Element) -> dict[str, dict[int, tuple[str, str, str] | None]]:
    """List style name → level → (format, prefix, suffix), or None for bullets."""
    formats: dict[str, dict[int, tuple[str, str, str] | None]] = {}
    for style in root.iter(_q("text", "list-style")):
        levels: dict[int, tuple[str, str, str] | None] = {}
        for child in style:
            level = int(child.get(_q("text", "level"), "1"))
            if child.tag == _q("text", "list-level-style-number"):
                levels[level] = (
                    child.get(_q("style", "num-format"), "1"),
                    child.get(_q("style", "num-prefix"), ""),
                    child.get(_q("style", "num-suffix"), ""),
                )
            else:
                levels[level] = None
        formats[style.get(_q("style", "name"), "")] = levels
    return formats


class _Reader:
    def __init__(self, formats: dict[str, dict[int, tuple[str, str, str] | None]]) -> None:
        self.formats = formats
        self.blocks: list[Block] = []
        self.paragraphs = 0
        self.tables = 0

    def walk(self, element: ET.Element) -> None:
        """Append the Blocks of `element`'s children in document order."""
        for child in element:
            if child.tag == _q("text", "h"):
                level = int(child.get(_q("text", "outline-level"), "1") or 1)
                self._add(_text(child), "heading", level=level)
            elif child.tag == _q("text", "p"):
                text = _text(child)
                label, rest = split_label(text)
                if label is not None:
                    self._add(rest, "item", label=label)
                else:
                    self._add(text, "paragraph")
            elif child.tag == _q("text", "list"):
                self._list(child, child.get(_q("text", "style-name"), ""), 1)
            elif child.tag == _q("table", "table"):
                self._table(child)
            elif child.tag in {_q("text", "section"), _q("text", "soft-page-break")}:
                self.walk(child)

    def _list(self, element: ET.Element, style: str, level: int) -> None:
        fmt = self.formats.get(style, {}).get(level)
        count = 0
        for item in element.findall(_q("text", "list-item")):
            for child in item:
                if child.tag == _q("text", "list"):
                    self._list(child, child.get(_q("text", "style-name"), style), level + 1)
                elif child.tag in {_q("text", "p"), _q("text", "h")}:
                    count += 1
                    label = "•" if fmt is None else fmt[1] + _number(count, fmt[0]) + fmt[2]
                    self._add(_text(child), "item", label=label.rstrip("."), level=level - 1)

    def _table(self, table: ET.Element) -> None:
        self.tables += 1
        for r, row in enumerate(table.iter(_q("table", "table-row"))):
            for c, cell in enumerate(row.findall(_q("table", "table-cell"))):
                text = normalise(" ".join(_text(p) for p in cell.iter(_q("text", "p"))))
                if text:
                    self.blocks.append(
                        Block(
                            text,
                            "cell",
                            f"table {self.tables} row {r + 1}",
                            cell=(self.tables - 1, r, c),
                        )
                    )

    def _add(self, text: str, kind: str, label: str | None = None, level: int = 0) -> None:
        text = normalise(text)
        if not text:
            return
        self.paragraphs += 1
        self.blocks.append(
            Block(text, kind, f"paragraph {self.paragraphs}", label=label, level=level)
        )


def _text(element: ET.Element) -> str:
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag == _q("text", "note"):
            pass  # footnote or endnote body: not part of the text
        elif child.tag == _q("text", "s"):
            parts.append(" " * int(child.get(_q("text", "c"), "1")))
        elif child.tag in {_q("text", "tab"), _q("text", "line-break")}:
            parts.append(" ")
        else:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _number(value: int, fmt: str) -> str:
    if fmt in {"a", "A"}:
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "A" else letter
    if fmt in {"i", "I"}:
        from smartcheck.extract.docx_reader import _format_number

        roman = _format_number(value, "lowerRoman")
        return roman.upper() if fmt == "I" else roman
    return str(value)
