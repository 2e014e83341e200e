"""Find the recommendations in a prose document's Blocks, and count its body words."""

from __future__ import annotations

import re

from smartcheck.extract.language import (
    clean_item,
    count_words,
    imperative_start,
    split_attribution,
)
from smartcheck.extract.model import Block, ExtractedRecommendation

RECS_HEADING = re.compile(r"recommendations?\b|we recommend", re.IGNORECASE)
# Headings about earlier cycles' recommendations introduce background, not new ones.
PAST_HEADING = re.compile(
    r"previous|prior|past|earlier|implementation|follow[- ]?up|status|progress|"
    r"received|accepted|supported|noted",
    re.IGNORECASE,
)
NOTES_HEADING = re.compile(
    r"^(?:\d+\.?\s*)?(?:foot|end)?notes?$|^(?:references|sources|bibliography|endnotes)$",
    re.IGNORECASE,
)
SEPARATOR = re.compile(r"^[_\-–—=*]{5,}$")
LEAD_IN_VERB = re.compile(
    r"\b(?:recommends?|recommended|urges?|calls?\s+(?:up)?on|encourages?|invites?|requests?|"
    r"asks?)\b",
    re.IGNORECASE,
)
SUBJECT_PATTERNS = [
    re.compile(
        r"\brecommend(?:s|ed)?\s+that\s+(?P<s>.+?)(?:\s+(?:should|must|shall))?\s*:$", re.IGNORECASE
    ),
    re.compile(r"\brecommend(?:s|ed)?\s+(?:to\s+)?(?P<s>.+?)\s+(?:to|that)\s*:$", re.IGNORECASE),
    re.compile(
        r"\b(?:urges?|calls?\s+(?:up)?on|encourages?|invites?|requests?|asks?)\s+(?P<s>.+?)"
        r"(?:\s+to)?\s*:$",
        re.IGNORECASE,
    ),
    re.compile(r"^(?P<s>.+?)\s+(?:should|must|shall)\s*:$", re.IGNORECASE),
]
MODAL = re.compile(
    r"\b(?:should|must|shall|urge|urges|call on|calls on|recommend)\b", re.IGNORECASE
)
STATUS = re.compile(
    r"\b(?:not|partially|fully|never)\s+implemented\b|\bimplementation status\b|"
    r"\b(?:supported|accepted|noted)\b",
    re.IGNORECASE,
)
INLINE_LEAD = re.compile(r"^(?P<lead>[^:]{10,300}:)\s*(?P<items>\(a\)\s.*)$", re.DOTALL)
INLINE_ITEM = re.compile(r"(?:^|(?<=[;,.]\s)|(?<=\band\s)|(?<=\bor\s))(\([a-z]\))\s")
MIN_WORDS = 3


def mark_notes(blocks: list[Block]) -> None:
    """Flag footnote/endnote zones (a Notes heading or a ____ separator, to the next heading)."""
    in_notes = False
    for block in blocks:
        if block.kind == "heading":
            in_notes = bool(NOTES_HEADING.match(block.text.strip(" :")))
        elif SEPARATOR.match(block.text.replace(" ", "")):
            in_notes = True
        if in_notes:
            block.notes = True


def body_word_count(blocks: list[Block]) -> int:
    """Words in the body: every block outside footnotes and endnotes."""
    return sum(count_words(b.text) for b in blocks if not b.notes)


def split_inline_lists(blocks: list[Block]) -> list[Block]:
    """Split "We recommend that X: (a) do this; (b) do that." into a lead-in and its items."""
    out: list[Block] = []
    for block in blocks:
        match = INLINE_LEAD.match(block.text) if block.kind in {"paragraph", "item"} else None
        parts = INLINE_ITEM.split(match.group("items")) if match else []
        # parts: ["", "(a)", "text", "(b)", "text", ...]
        if not match or len(parts) < 5 or parts[0].strip():
            out.append(block)
            continue
        common = {"text": "", "location": block.location, "locator": block.locator}
        out.append(Block(**{**common, "text": match.group("lead")}, kind="paragraph"))
        for label, text in zip(parts[1::2], parts[2::2], strict=True):
            out.append(Block(**{**common, "text": text.strip()}, kind="item", label=label))
    return out


def find_recommendations(
    blocks: list[Block], skip_tables: frozenset[int] = frozenset()
) -> list[ExtractedRecommendation]:
    """Pick the recommendations out of a prose document's Blocks (minus `skip_tables`)."""
    blocks = [
        b for b in split_inline_lists(blocks) if b.cell is None or b.cell[0] not in skip_tables
    ]
    recs: list[ExtractedRecommendation] = []
    in_recs, in_past, recs_level = False, False, 0
    lead: _LeadIn | None = None
    rec_columns = _recommendation_columns(blocks)
    for block in blocks:
        text = block.text
        if block.notes or block.kind in {"heading", "cell"}:
            lead = None
        if block.notes:
            continue
        if block.kind == "heading":
            if _is_recs_heading(text):
                in_recs, in_past, recs_level = True, False, block.level
            elif not (in_recs and block.level > recs_level):
                in_recs = False
                # earlier cycles' recommendations are quoted as background, not made anew
                in_past = bool(RECS_HEADING.search(text))
            continue
        if block.kind == "cell":
            if _cell_is_recommendation(block, rec_columns, in_recs):
                recs.append(_make(block, text, {}))
            continue
        if text.endswith(":") and (LEAD_IN_VERB.search(text) or MODAL.search(text) or in_recs):
            explicit = LEAD_IN_VERB.search(text) or MODAL.search(text)
            lead = _LeadIn(_subject(text), text) if explicit else None
            continue
        if lead is not None and lead.takes(block):
            recs.append(_make(block, text, {"lead_in": lead.subject, "lead_in_text": lead.text}))
            continue
        lead = None
        imperative = imperative_start(text) and not (in_past and _quoted_past(text))
        if block.kind == "item":
            # paragraph numbers run through a whole submission; bullets and letters mark lists
            numbered = (block.label or "").replace(".", "").isdigit()
            listed = len(text.split()) >= MIN_WORDS and (not numbered or MODAL.search(text))
            if (in_recs and listed) or imperative:
                recs.append(_make(block, text, {}))
        elif (in_recs and (imperative or MODAL.search(text))) or (
            imperative and split_attribution(text)[1]
        ):
            recs.append(_make(block, text, {}))
    return recs


class _LeadIn:
    """An open "We recommend that X:" and the label style of the list that follows it."""

    def __init__(self, subject: str, text: str) -> None:
        self.subject, self.text = subject, text
        self.style: str | None = None

    def takes(self, block: Block) -> bool:
        """True if `block` continues this lead-in's list (same label style, or a bare clause)."""
        if block.kind != "item":
            return imperative_start(block.text) or block.text[:1].islower()
        style = _label_style(block.label or "")
        if self.style is None:
            self.style = style
        return style == self.style


def _label_style(label: str) -> str:
    """ "(b)" and "(c)" share a style; "12" and "(b)" do not."""
    return re.sub(r"[A-Z]+", "A", re.sub(r"[a-z]+", "a", re.sub(r"\d+", "9", label)))


def _quoted_past(text: str) -> bool:
    """An earlier recommendation quoted with its status or its recommending State."""
    return bool(STATUS.search(text) or split_attribution(text)[1])


def _make(block: Block, text: str, meta: dict) -> ExtractedRecommendation:
    body, states = split_attribution(text)
    body = clean_item(body)
    if states:
        meta["recommending_states"] = states
    meta.update(block.locator)
    label = block.label if block.label and block.label != "•" else block.location
    return ExtractedRecommendation(text=body, label=label, location=block.location, metadata=meta)


def _is_recs_heading(text: str) -> bool:
    return bool(RECS_HEADING.search(text)) and not PAST_HEADING.search(text)


def _subject(text: str) -> str:
    stripped = text.strip()
    for pattern in SUBJECT_PATTERNS:
        match = pattern.search(stripped)
        if match:
            return match.group("s").strip(" ,")
    return stripped.rstrip(":").strip()


def _recommendation_columns(blocks: list[Block]) -> set[tuple[int, int]]:
    """(table, column) pairs whose header cell names recommendations."""
    columns = set()
    for block in blocks:
        header = block.cell is not None and block.cell[1] == 0
        if header and re.search(r"recommendation", block.text, re.IGNORECASE):
            columns.add((block.cell[0], block.cell[2]))
    return columns


def _cell_is_recommendation(block: Block, columns: set[tuple[int, int]], in_recs: bool) -> bool:
    if block.cell is None or block.cell[1] == 0:
        return False
    if (block.cell[0], block.cell[2]) in columns:
        return len(block.text.split()) >= MIN_WORDS
    return in_recs and imperative_start(block.text) and len(block.text.split()) >= 4
