"""Read a .docx body into Blocks: headings, paragraphs with their list numbers, table cells."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from smartcheck.extract.guards import check_time, safe_zip
from smartcheck.extract.language import normalise, split_label
from smartcheck.extract.model import Block, FileReadError
from smartcheck.extract.text_reader import single_line_heading

HEADING_STYLE = re.compile(r"^(?:heading|titre|überschrift)\s*(\d)$", re.IGNORECASE)
NOTE_STYLE = re.compile(r"footnote|endnote", re.IGNORECASE)


def open_docx(data: bytes) -> DocxDocument:
    """Open .docx bytes after the zip-bomb checks; plain errors for anything broken."""
    data = safe_zip(data, "Word")  # python-docx only ever sees parts inflated under a cap
    names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    if "word/document.xml" not in names:
        raise FileReadError(
            "This file is a zip archive but not a Word document (it has no document body).",
            "corrupt_file",
        )
    try:
        return Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for malformed parts
        raise FileReadError(
            "This Word file is damaged and cannot be read. Try opening it in Word and saving "
            "it again.",
            "corrupt_file",
        ) from exc


def docx_blocks(doc: DocxDocument) -> list[Block]:
    """Walk the body in order and return its paragraphs and table cells as Blocks."""
    numbering = Numbering(doc)
    blocks: list[Block] = []
    para_index = table_index = shown_para = 0
    for item in doc.iter_inner_content():
        check_time()  # a web request's budget (python-docx takes ~0.2 ms a paragraph)
        if isinstance(item, Paragraph):
            text = normalise(paragraph_text(item))
            if text:
                shown_para += 1
                blocks.append(
                    _paragraph_block(
                        item,
                        text,
                        numbering,
                        f"paragraph {shown_para}",
                        {"docx_paragraph_index": para_index},
                    )
                )
            para_index += 1
        elif isinstance(item, Table):
            table_index += 1
            blocks.extend(_table_blocks(item, table_index - 1, numbering))
    return blocks


TEXT_TAGS = {
    qn("w:t"): None,
    qn("w:tab"): " ",
    qn("w:br"): " ",
    qn("w:cr"): " ",
    qn("w:noBreakHyphen"): "-",
    qn("w:softHyphen"): "",
}
# moved-away text, text boxes (Word stores them twice) and fallbacks are not body text here
SKIP_TAGS = {
    qn("w:moveFrom"),
    qn("w:del"),
    qn("w:txbxContent"),
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
}


def paragraph_text(para: Paragraph) -> str:
    """The paragraph's visible text, including tracked insertions and content controls."""
    parts: list[str] = []
    stack = [para._p]
    while stack:
        element = stack.pop()
        tag = element.tag
        if tag in SKIP_TAGS:
            continue
        if tag in TEXT_TAGS:
            parts.append(element.text or "" if TEXT_TAGS[tag] is None else TEXT_TAGS[tag])
            continue
        stack.extend(reversed(element))
    return "".join(parts)


def _paragraph_block(
    para: Paragraph, text: str, numbering: Numbering, location: str, locator: dict[str, Any]
) -> Block:
    style = _style_name(para, numbering)
    if NOTE_STYLE.search(style):
        return Block(text, "paragraph", location, locator=locator, notes=True)
    level = _heading_level(para, style) or numbering.style_heading_level(para)
    if level:
        return Block(text, "heading", location, level=level, locator=locator)
    label, ilvl = numbering.label_for(para)
    if label is not None:
        block = Block(text, "item", location, label=label, level=ilvl, locator=locator)
        return single_line_heading(block)
    typed_label, rest = split_label(text)
    if typed_label is not None:
        return single_line_heading(
            Block(rest, "item", location, label=typed_label, locator=locator)
        )
    if _looks_like_bold_heading(para, text):
        return Block(text, "heading", location, level=9, locator=locator)
    return single_line_heading(Block(text, "paragraph", location, locator=locator))


def _table_blocks(table: Table, t_index: int, numbering: Numbering) -> list[Block]:
    blocks: list[Block] = []
    for r_index, row in enumerate(table.rows):
        seen: set[int] = set()
        for c_index, cell in enumerate(row.cells):
            if id(cell._tc) in seen:  # merged cells repeat the same w:tc
                continue
            seen.add(id(cell._tc))
            text = normalise(" ".join(paragraph_text(p) for p in cell.paragraphs))
            if not text:
                continue
            locator = {
                "docx_table_index": t_index,
                "docx_row_index": r_index,
                "docx_cell_index": c_index,
            }
            location = f"table {t_index + 1} row {r_index + 1}"
            label, rest = split_label(text)
            kind_label = label
            if label is None and cell.paragraphs:
                kind_label, _ = numbering.label_for(cell.paragraphs[0])
            blocks.append(
                Block(
                    rest if label else text,
                    "cell",
                    location,
                    label=kind_label,
                    locator=locator,
                    cell=(t_index, r_index, c_index),
                )
            )
    return blocks


def _style_name(para: Paragraph, numbering: Numbering) -> str:
    # python-docx's para.style scans every style per call; a cached id → name map is ~100x faster
    ppr = para._p.pPr
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    if style is None:
        return "Normal"
    style_id = style.get(qn("w:val")) or ""
    return numbering.style_names.get(style_id, style_id)


def _heading_level(para: Paragraph, style: str) -> int:
    if style.lower() == "title":
        return 1
    match = HEADING_STYLE.match(style)
    if match:
        return max(1, int(match.group(1)))
    ppr = para._p.pPr
    outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    if outline is not None:
        value = outline.get(qn("w:val"))
        if value is not None and value.isdigit() and int(value) < 9:
            return int(value) + 1
    return 0


def _looks_like_bold_heading(para: Paragraph, text: str) -> bool:
    runs = [r for r in para.runs if r.text.strip()]
    if not runs or len(text.split()) > 10 or text[-1] in ".;,:":
        return False
    return all(r.bold for r in runs)


class Numbering:
    """Word list numbering: resolves a paragraph's w:numPr to the label Word would show."""

    def __init__(self, doc: DocxDocument) -> None:
        """Index the numbering part (abstract formats, instances, overrides) of `doc`."""
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.instances: dict[str, str] = {}
        self.overrides: dict[tuple[str, int], int] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.styles = {s.get(qn("w:styleId")): s for s in doc.styles.element.findall(qn("w:style"))}
        self.style_names = {
            style_id: _val(style, "w:name") or style_id for style_id, style in self.styles.items()
        }
        try:
            root = doc.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                fmt = _val(lvl, "w:numFmt") or "decimal"
                text = _val(lvl, "w:lvlText")
                start = int(_val(lvl, "w:start") or "1")
                levels[ilvl] = (fmt, text if text is not None else f"%{ilvl + 1}.", start)
            self.levels[abstract.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            self.instances[num_id] = _val(num, "w:abstractNumId") or ""
            for override in num.findall(qn("w:lvlOverride")):
                start = _val(override, "w:startOverride")
                if start is not None:
                    ilvl = int(override.get(qn("w:ilvl"), "0"))
                    self.overrides[(num_id, ilvl)] = int(start)

    def label_for(self, para: Paragraph) -> tuple[str | None, int]:
        """Advance the list counters for `para` and return (label, level); (None, 0) if none."""
        num_id, ilvl = self._num_pr(para)
        if num_id is None or num_id == "0" or num_id not in self.instances:
            return None, 0
        levels = self.levels.get(self.instances[num_id], {})
        fmt, lvl_text, start = levels.get(ilvl, ("decimal", f"%{ilvl + 1}.", 1))
        if fmt == "bullet":
            return "•", ilvl
        if fmt == "none":
            return None, 0
        counters = self.counters.setdefault(num_id, {})
        first = self.overrides.get((num_id, ilvl), start)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else first
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def render(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_fmt = levels.get(level, ("decimal", "", 1))[0]
            value = counters.get(level, self.overrides.get((num_id, level), 1))
            return _format_number(value, level_fmt)

        label = re.sub(r"%(\d)", render, lvl_text).strip()
        return (label[:-1] if label.endswith(".") else label) or None, ilvl

    def style_heading_level(self, para: Paragraph) -> int:
        """Heading level a custom style inherits (basedOn "Heading N" or an outline level)."""
        ppr = para._p.pPr
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style_id = style.get(qn("w:val")) if style is not None else None
        for _ in range(10):
            element = self._style(style_id) if style_id else None
            if element is None:
                return 0
            match = HEADING_STYLE.match(self.style_names.get(style_id, ""))
            if match:
                return max(1, int(match.group(1)))
            s_ppr = element.find(qn("w:pPr"))
            outline = _val(s_ppr, "w:outlineLvl") if s_ppr is not None else None
            if outline is not None and outline.isdigit() and int(outline) < 9:
                return int(outline) + 1
            based = element.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return 0

    def _num_pr(self, para: Paragraph) -> tuple[str | None, int]:
        ppr = para._p.pPr
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        style_id = None
        if ppr is not None and ppr.find(qn("w:pStyle")) is not None:
            style_id = ppr.find(qn("w:pStyle")).get(qn("w:val"))
        depth = 0
        while num_pr is None and style_id and depth < 10:
            style = self._style(style_id)
            if style is None:
                break
            s_ppr = style.find(qn("w:pPr"))
            num_pr = s_ppr.find(qn("w:numPr")) if s_ppr is not None else None
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
            depth += 1
        if num_pr is None:
            return None, 0
        num_id = _val(num_pr, "w:numId")
        ilvl = _val(num_pr, "w:ilvl")
        return num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0

    def _style(self, style_id: str) -> Any:
        return self.styles.get(style_id)


def _val(element: Any, tag: str) -> str | None:
    child = element.find(qn(tag))
    return child.get(qn("w:val")) if child is not None else None


ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


def _format_number(value: int, fmt: str) -> str:
    if fmt in {"lowerLetter", "upperLetter"}:
        letters = ""
        n = value
        while n > 0:
            n, rem = divmod(n - 1, 26)
            letters = chr(ord("a") + rem) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in {"lowerRoman", "upperRoman"}:
        out, n = "", value
        for number, numeral in ROMAN:
            while n >= number:
                out, n = out + numeral, n - number
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)
