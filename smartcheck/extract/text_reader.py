"""Split plain text and Markdown into Blocks: headings, list items and paragraphs."""

from __future__ import annotations

import re

from smartcheck.extract.language import imperative_start, normalise, split_label
from smartcheck.extract.model import Block

MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
SETEXT = re.compile(r"^(=+|-+)\s*$")
RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")


def text_blocks(text: str, markdown: bool = False) -> list[Block]:
    """Split `text` into Blocks; blank lines separate paragraphs, list markers start items."""
    blocks: list[Block] = []
    para_no = 0
    current: list[str] = []
    lines = text.split("\n")

    def flush() -> None:
        nonlocal para_no
        if not current:
            return
        raw = normalise(" ".join(current))
        current.clear()
        if not raw:
            return
        para_no += 1
        blocks.append(classify(raw, f"paragraph {para_no}", single_line=False))

    for i, line in enumerate(lines):
        stripped = line.strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if not stripped or RULE.match(stripped) and not current:
            flush()
            continue
        md = MD_HEADING.match(stripped) if markdown or stripped.startswith("#") else None
        if md:
            flush()
            para_no += 1
            blocks.append(
                Block(
                    normalise(md.group(2)),
                    "heading",
                    f"paragraph {para_no}",
                    level=len(md.group(1)),
                )
            )
            continue
        if SETEXT.match(stripped) and len(current) == 1:
            level = 1 if stripped.startswith("=") else 2
            para_no += 1
            blocks.append(
                Block(normalise(current[0]), "heading", f"paragraph {para_no}", level=level)
            )
            current.clear()
            continue
        label, _ = split_label(stripped)
        if label is not None and current:
            flush()
        current.append(stripped)
        if not nxt:
            flush()
    flush()
    return [single_line_heading(b) for b in blocks]


def classify(raw: str, location: str, single_line: bool) -> Block:
    """Turn one paragraph's text into an item (if it has a list label) or a paragraph."""
    label, rest = split_label(raw)
    if label is not None:
        return Block(rest, "item", location, label=label)
    return Block(raw, "paragraph", location)


def single_line_heading(block: Block) -> Block:
    """A short line with no closing punctuation, not a bullet, reads as a heading."""
    if block.kind == "paragraph" and looks_like_heading(block.text):
        return Block(block.text, "heading", block.location, level=9, locator=block.locator)
    if (
        block.kind == "item"
        and block.label not in (None, "•")
        and looks_like_heading(block.text)
        and not imperative_start(block.text)
    ):
        return Block(block.text, "heading", block.location, label=block.label, level=9,
                     locator=block.locator)
    return block


def looks_like_heading(text: str) -> bool:
    """Short, capitalised, and not ending like a sentence."""
    words = text.split()
    return (
        0 < len(words) <= 8
        and text[0].isupper()
        and text[-1] not in ".;,:!?"
        and not imperative_start(text)
    )
