"""Read a PDF's text layer into Blocks, page by page, using font size and line spacing."""

from __future__ import annotations

import io
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass

from smartcheck.extract.guards import Deadline
from smartcheck.extract.language import imperative_start, normalise, split_label
from smartcheck.extract.model import Block, FileReadError
from smartcheck.extract.text_reader import single_line_heading

MAX_PAGES = 2_000
SENTENCE_END = re.compile(r"[.;:!?)\]”\"]$")
PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–(]?\s*\d{1,4}\s*[-–)]?(?:\s+of\s+\d{1,4})?$",
                         re.IGNORECASE)


@dataclass
class Line:
    """One printed line: its text, baseline height, font size and whether it is bold."""

    text: str
    y: float
    size: float
    bold: bool


def pdf_blocks(data: bytes, deadline: Deadline) -> tuple[list[Block], list[str]]:
    """Return the Blocks of every page and any warnings; refuse locked or image-only PDFs."""
    reader = _open(data)
    pages = reader.pages
    if len(pages) > MAX_PAGES:
        raise FileReadError(
            f"This PDF has {len(pages)} pages; the limit is {MAX_PAGES}.", "too_many_pages"
        )
    page_lines: list[list[Line]] = []
    for page in pages:
        deadline.check()
        page_lines.append(_lines(page))
    if sum(len(re.sub(r"\W", "", ln.text)) for lines in page_lines for ln in lines) < 40:
        raise FileReadError(
            "This PDF has no text layer: it looks like a scanned image. Run it through text "
            "recognition (OCR), or upload the original Word file instead.",
            "no_text_layer",
        )
    empty = [str(n) for n, lines in enumerate(page_lines, start=1) if not lines]
    page_lines = drop_running_lines(page_lines)
    body_size = _body_size(page_lines)
    heading_sizes = sorted(
        {round(ln.size) for lines in page_lines for ln in lines if ln.size > body_size * 1.1},
        reverse=True,
    )
    blocks: list[Block] = []
    for number, lines in enumerate(page_lines, start=1):
        blocks = join_continued(blocks, _page_blocks(lines, number, body_size, heading_sizes))
    warnings = []
    if empty:
        pages = ", ".join(empty[:10]) + (" …" if len(empty) > 10 else "")
        warnings.append(
            f"Page{'s' if len(empty) > 1 else ''} {pages} of this PDF ha"
            f"{'ve' if len(empty) > 1 else 's'} no text (scanned images?) and "
            f"{'were' if len(empty) > 1 else 'was'} not checked."
        )
    return blocks, warnings


def drop_running_lines(page_lines: list[list[Line]]) -> list[list[Line]]:
    """Drop running headers and footers and page numbers.

    A running line sits at the top or foot of a page, recurs there (digits aside) on at least
    30 % of the pages (3 at least), carries no list label, and is set apart from the body by
    more than a line's spacing: a document symbol, a job number, a repeated disclaimer such
    as "… should not be construed as endorsed by the Working Group as a whole."
    """
    def signature(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.lower()).strip()

    def zone(lines: list[Line]) -> list[Line]:
        by_y = sorted(lines, key=lambda ln: -ln.y)
        return by_y[:3] + by_y[-5:]

    counts: Counter[str] = Counter()
    placed: Counter[tuple[str, int]] = Counter()  # the same line at the same height
    for lines in page_lines:
        counts.update({signature(ln) for ln in zone(lines)})
        placed.update({(signature(ln), round(ln.y)) for ln in zone(lines)})
    pages = sum(1 for lines in page_lines if lines)
    threshold = max(3, math.ceil(0.3 * pages))

    def recurring(line: Line) -> bool:
        sig = signature(line)
        return (counts[sig] >= threshold and bool(re.search(r"[a-z]{2}", sig))
                and split_label(line.text)[0] is None)

    def fixed(line: Line) -> bool:
        return recurring(line) and placed[(signature(line), round(line.y))] >= threshold

    return [_without_edges(lines, recurring, fixed) for lines in page_lines]


def _without_edges(lines: list[Line], recurring, fixed) -> list[Line]:
    """`lines` less the runs of running lines at the top and the foot of the page: set apart
    from the body, or printed at the very same height on many pages."""
    if not lines:
        return lines
    steps = [lines[i - 1].y - lines[i].y for i in range(1, len(lines))
             if 0 < lines[i - 1].y - lines[i].y < 100]
    spacing = sorted(steps)[len(steps) // 2] if steps else 12.0
    by_y = sorted(lines, key=lambda ln: -ln.y)
    drop: set[int] = set()
    for order in (by_y, by_y[::-1]):
        group: list[Line] = []
        for line in order[:5]:
            if PAGE_NUMBER.match(line.text) or recurring(line):
                group.append(line)
            else:
                break
        rest = [ln for ln in order if ln not in group and not PAGE_NUMBER.match(ln.text)]
        if group and (not rest or abs(rest[0].y - group[-1].y) > 1.3 * spacing):
            drop.update(id(ln) for ln in group)
        drop.update(id(ln) for ln in group if fixed(ln))
        drop.update(id(ln) for ln in group if PAGE_NUMBER.match(ln.text))
    return [ln for ln in lines if id(ln) not in drop]


def join_continued(blocks: list[Block], page: list[Block]) -> list[Block]:
    """Append `page`'s Blocks to `blocks`, joining a paragraph broken by the page break (or a
    list label stranded at the foot of the previous page) with its continuation."""
    body = [i for i, b in enumerate(blocks) if not b.notes]
    first = page[0] if page else None
    if body and first is not None and not first.notes and first.kind == "paragraph":
        last = blocks[body[-1]]
        stranded = last.kind == "paragraph" and split_label(last.text + " x")[0] is not None \
            and len(last.text.split()) == 1
        open_end = last.kind in {"paragraph", "item"} and (
            not SENTENCE_END.search(last.text) or first.text[:1].islower()
        )
        # a short last line read as a heading only because the page cut it off
        cut_heading = last.kind == "heading" and last.level == 9 and first.text[:1].islower()
        if stranded or open_end or cut_heading:
            joined = _rejoin(last.text, first.text)
            if cut_heading:
                merged = Block(joined, "item" if last.label else "paragraph", last.location,
                               label=last.label)
            elif stranded:
                label, rest = split_label(joined)
                merged = Block(rest, "item", last.location, label=label)
            else:
                merged = Block(joined, last.kind, last.location, label=last.label,
                               level=last.level)
            blocks = [*blocks[: body[-1]], merged, *blocks[body[-1] + 1 :]]
            page = page[1:]
    return blocks + page


def _rejoin(a: str, b: str) -> str:
    if a.endswith("-") and b[:1].islower():
        return a[:-1] + b
    return f"{a} {b}"


def _open(data: bytes):
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                unlocked = reader.decrypt("")
            except (DependencyError, NotImplementedError, PdfReadError):
                unlocked = 0
            if not unlocked:
                raise FileReadError(
                    "This PDF is protected by a password, so it cannot be read. Remove the "
                    "password (or save an unprotected copy) and try again.",
                    "encrypted",
                )
        reader.pages  # noqa: B018 - parses the page tree now, inside the try
    except FileReadError:
        raise
    except Exception as exc:  # pypdf raises many types for damaged files
        raise FileReadError(
            "This PDF is damaged or not really a PDF, so it cannot be read.", "corrupt_file"
        ) from exc
    return reader


def _lines(page) -> list[Line]:
    """Split the page text into lines, each with the position and font of its text."""
    lines: list[Line] = [Line("", math.nan, 0.0, False)]

    # pypdf hands the visitor exactly the pieces (spaces and newlines included) that make up
    # extract_text()'s output, so joining them keeps pypdf's own word spacing.
    def visit(text, cm, tm, font, size) -> None:
        if not text:
            return
        name = str(font.get("/BaseFont", "")) if font else ""
        bold = bool(re.search(r"bold|black|heavy|semibold", name, re.IGNORECASE))
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3]) or 1.0
        for i, part in enumerate(text.split("\n")):
            if i > 0:
                lines.append(Line("", math.nan, 0.0, False))
            line = lines[-1]
            line.text += part
            if part.strip():
                if math.isnan(line.y):
                    line.y, line.bold = y, bold
                line.size = max(line.size, (size or 0) * scale)

    try:
        page.extract_text(visitor_text=visit)
    except Exception:  # one broken page should not sink the whole file
        return []
    return [
        Line(normalise(ln.text), ln.y, ln.size, ln.bold)
        for ln in lines
        if normalise(ln.text) and not math.isnan(ln.y)
    ]


def _body_size(page_lines: list[list[Line]]) -> float:
    sizes: Counter[float] = Counter()
    for lines in page_lines:
        for line in lines:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _page_blocks(
    lines: list[Line], page: int, body: float, heading_sizes: list[int]
) -> list[Block]:
    if not lines:
        return []
    location = f"page {page}"
    notes_from = _footnote_start(lines, body)
    gaps = [
        lines[i - 1].y - lines[i].y
        for i in range(1, len(lines))
        if abs(lines[i].size - body) < 0.5
        and abs(lines[i - 1].size - body) < 0.5
        and lines[i - 1].y - lines[i].y > 0
    ]
    base_gap = sorted(gaps)[len(gaps) // 10] if gaps else 0.0
    widest = max(len(ln.text) for ln in lines)
    blocks: list[Block] = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            blocks.append(_make_block(current, location, body, heading_sizes))
            current.clear()

    for i, line in enumerate(lines):
        if i == notes_from:
            flush()
        prev = current[-1] if current else None
        if prev is not None and _breaks(prev, line, body, base_gap, widest):
            flush()
        current.append(line)
        if i >= notes_from:
            current[-1].size = -1.0  # marks footnote lines for _make_block
    flush()
    return blocks


def _breaks(prev: Line, line: Line, body: float, base_gap: float, widest: int) -> bool:
    prev_heading, line_heading = _is_heading_line(prev, body), _is_heading_line(line, body)
    if prev_heading and line_heading:
        # a long heading wrapped over two lines stays one heading
        same = abs(prev.size - line.size) < 0.5 and prev.bold == line.bold
        return not (same and 0 < prev.y - line.y <= 1.6 * max(line.size, 1.0))
    if prev_heading or line_heading:
        return True
    if abs(prev.size - line.size) > 0.5 or prev.bold != line.bold:
        return True
    if split_label(line.text)[0] is not None:
        return True
    gap = prev.y - line.y
    if gap < 0 and not SENTENCE_END.search(prev.text) and line.text[:1].islower():
        return False  # the sentence goes on at the top of the next column
    if base_gap > 0 and (gap > base_gap * 1.2 or gap < 0):
        return True
    return bool(SENTENCE_END.search(prev.text)) and len(prev.text) < 0.8 * widest


def _is_heading_line(line: Line, body: float) -> bool:
    if line.size > body * 1.1:
        return True
    text = line.text
    return (
        line.bold
        and len(text.split()) <= 12
        and not SENTENCE_END.search(text)
        and not imperative_start(text)
    )


def _make_block(lines: list[Line], location: str, body: float, sizes: list[int]) -> Block:
    text = lines[0].text
    for line in lines[1:]:
        if text.endswith("-") and line.text[:1].islower():
            text = text[:-1] + line.text  # re-join a word hyphenated at the line end
        else:
            text += " " + line.text
    text = normalise(text)
    first = lines[0]
    if first.size < 0:
        return Block(text, "paragraph", location, notes=True)
    if _is_heading_line(first, body):
        level = sizes.index(round(first.size)) + 1 if round(first.size) in sizes else 9
        return Block(text, "heading", location, level=level)
    label, rest = split_label(text)
    block = (
        Block(rest, "item", location, label=label)
        if label is not None
        else Block(text, "paragraph", location)
    )
    return single_line_heading(block) if len(lines) == 1 else block


def _footnote_start(lines: list[Line], body: float) -> int:
    """Index of the first footnote line: a run of smaller text at the foot of the page."""
    start = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].size and lines[i].size < body * 0.9:
            start = i
        else:
            break
    if start < len(lines) and not re.match(r"^\s*\d{1,3}\b|^\*", lines[start].text):
        return len(lines)
    return start
