"""Find the recommendations in a prose document's Blocks, and count its body words."""

from __future__ import annotations

import re

from smartcheck.extract.asks import find_asks
from smartcheck.extract.language import (
    clean_item,
    count_words,
    imperative_start,
    should_subject,
    split_attribution,
    words,
)
from smartcheck.extract.model import Block, ExtractedRecommendation, Skipped

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
FUNCTION_WORDS = words(
    "the a an in on at for of since during this these those that our we it its there their "
    "according under although though while as by with from to after before if when despite "
    "however moreover furthermore further also between among over only all most many some "
    "no none one two three four five six seven eight nine ten"
)
# A numbered paragraph that states facts: a finite verb after its first words.
STATEMENT = re.compile(
    r"^(?:\S+\s+){0,12}?(?:is|are|was|were|has|have|had|remains?|continues?|says?|said|"
    r"\w+ed)\b",
    re.IGNORECASE,
)


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
    return find_candidates(blocks, skip_tables)[0]


def find_candidates(
    blocks: list[Block], skip_tables: frozenset[int] = frozenset()
) -> tuple[list[ExtractedRecommendation], list[Skipped]]:
    """The recommendations, and every other candidate with the reason it was not taken.

    A candidate is anything that may be a recommendation: every block under a
    Recommendations heading, every list item that opens like one, every quoted earlier
    recommendation, every ask found in running prose. Nothing seen as a candidate vanishes.
    """
    blocks = [
        b for b in split_inline_lists(blocks) if b.cell is None or b.cell[0] not in skip_tables
    ]
    recs: list[ExtractedRecommendation] = []
    skipped: list[Skipped] = []
    in_recs, in_past, recs_level = False, False, 0
    lead: _LeadIn | None = None
    rec_columns = _recommendation_columns(blocks)
    listed = _recommendation_lists(blocks)

    def close_lead() -> None:
        nonlocal lead
        if lead is not None and lead.joined is not None:
            recs.append(lead.finish())
        elif lead is not None and not lead.count:
            skipped.append(Skipped(lead.label, lead.location, lead.text,
                                   "a lead-in ending with ':' but no list of "
                                   "recommendations follows it"))
        lead = None

    for block in blocks:
        text = block.text
        if block.notes or block.kind in {"heading", "cell"}:
            close_lead()
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
            elif block.cell is not None and block.cell[1] > 0 and (
                (block.cell[0], block.cell[2]) in rec_columns
            ) and text.strip():
                skipped.append(_skip(block, "too short to be a recommendation "
                                            f"(fewer than {MIN_WORDS} words)"))
            continue
        if text.endswith(":") and (LEAD_IN_VERB.search(text) or MODAL.search(text) or in_recs):
            close_lead()
            explicit = LEAD_IN_VERB.search(text) or MODAL.search(text)
            if block.kind == "item" and block.label not in (None, "•") and imperative_start(text):
                # "115.37 Take the following measures: (a) …; (b) …" is one recommendation
                lead = _LeadIn(_subject(text), text, _label(block), block.location)
                lead.joined = block
            elif explicit:
                lead = _LeadIn(_subject(text), text, _label(block), block.location)
            continue
        if lead is not None and lead.takes(block):
            lead.count += 1
            if lead.joined is not None:
                lead.parts.append(f"{block.label} {text}" if block.label else text)
            else:
                recs.append(_make(block, text, {"lead_in": lead.subject,
                                                "lead_in_text": lead.text,
                                                "addressee": lead.subject}))
            continue
        close_lead()
        _take_block(block, in_recs, in_past, recs, skipped, id(block) in listed)
    close_lead()
    return recs, skipped


def _recommendation_lists(blocks: list[Block]) -> set[int]:
    """ids of the items of every list (a run of three or more items with one label style) in
    which half the items or more open like a recommendation: the others are candidates too."""
    found: set[int] = set()
    run: list[Block] = []

    def close() -> None:
        # half its items open like recommendations: a list of them, not paragraph numbers
        # running through a submission
        if len(run) >= 3 and 2 * sum(imperative_start(b.text) for b in run) >= len(run):
            found.update(id(b) for b in run)
        run.clear()

    for block in blocks:
        if block.notes:
            continue
        same = bool(run) and _label_style(run[-1].label or "") == _label_style(block.label or "")
        if block.kind != "item" or not same:
            close()
        if block.kind == "item":
            run.append(block)
    close()
    return found


def _take_block(block: Block, in_recs: bool, in_past: bool,
                recs: list[ExtractedRecommendation], skipped: list[Skipped],
                in_list: bool = False) -> None:
    """Decide one paragraph or item: a whole recommendation, its asks, skipped, or background.

    `in_list`: the item belongs to a list in which other items open like recommendations.
    """
    text = block.text
    imperative = imperative_start(text)
    if imperative and in_past and _quoted_past(text):
        skipped.append(_skip(block, "an earlier recommendation quoted as background (its "
                                    "status or recommending State is given)"))
        return
    n_words = len(text.split())
    if imperative and should_subject(text):
        # "Examplia should A and should B": its asks, each with the addressee
        found = find_asks(text)
        if found:
            _add_asks(block, found, recs)
            return
    if block.kind == "item":
        numbered = (block.label or "").replace(".", "").isdigit()
        if imperative or (in_recs and not numbered and n_words >= MIN_WORDS):
            recs.append(_make(block, text, {}))
            return
    elif imperative and (in_recs or split_attribution(text)[1]):
        recs.append(_make(block, text, {}))
        return
    found = find_asks(text)
    if found:
        _add_asks(block, found, recs)
        return
    if not in_recs and not in_list:
        if imperative and block.kind == "paragraph" and n_words >= MIN_WORDS:
            skipped.append(_skip(block, "opens like a recommendation but stands outside a "
                                        "Recommendations section and asks no one by name"))
        return  # background outside a Recommendations section is not a candidate
    if block.kind == "item" and n_words >= MIN_WORDS and _reads_as_action(text):
        recs.append(_make(block, text, {}))  # "2. Uproot …": a verb the lexicon lacks
    elif n_words < MIN_WORDS:
        skipped.append(_skip(block, f"too short to be a recommendation (fewer than "
                                    f"{MIN_WORDS} words)"))
    elif in_recs:
        skipped.append(_skip(block, "background under the Recommendations heading: it asks "
                                    "no one to act"))
    else:
        skipped.append(_skip(block, "an item of a list of recommendations that reads as "
                                    "background: it asks no one to act"))


def _reads_as_action(text: str) -> bool:
    """An item that opens with an unknown word and states nothing: read it as an action."""
    first = text.split()[0].lower().strip("\"'“‘(")
    return first not in FUNCTION_WORDS and not STATEMENT.search(text) and not text.rstrip(
        "\"'”’) ").endswith("?")


def _add_asks(block: Block, found: list, recs: list[ExtractedRecommendation]) -> None:
    """One recommendation per ask of a paragraph, labelled with the paragraph's number."""
    base = _label(block)
    number = block.label if (block.label or "").replace(".", "").isdigit() else None
    for n, ask in enumerate(found, 1):
        label = base if len(found) == 1 else f"{base}, ask {n}"
        meta = {"ask": ask.text, "addressee": ask.addressee, **block.locator}
        if number is not None:
            meta["paragraph"] = number
        body, states = split_attribution(ask.action)
        if states:
            meta["recommending_states"] = states
        recs.append(ExtractedRecommendation(clean_item(body), label, block.location, meta))


def _label(block: Block) -> str:
    return block.label if block.label and block.label != "•" else block.location


def _skip(block: Block, reason: str) -> Skipped:
    return Skipped(_label(block), block.location, block.text[:300], reason)


class _LeadIn:
    """An open "We recommend that X:" and the label style of the list that follows it."""

    def __init__(self, subject: str, text: str, label: str = "", location: str = "") -> None:
        self.subject, self.text, self.label, self.location = subject, text, label, location
        self.style: str | None = None
        self.count = 0
        self.joined: Block | None = None  # set when the lead-in is itself a recommendation
        self.parts: list[str] = []

    def finish(self) -> ExtractedRecommendation:
        """The joined recommendation: the lead-in followed by its list."""
        assert self.joined is not None
        return _make(self.joined, " ".join([self.text, *self.parts]), {})

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
