"""Anchor a rewrite in the standard of its own field, from rules/lexicons/anchors.yml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from smartcheck.errors import RuleFileError


@dataclass(frozen=True)
class Anchor:
    """A standard, the UPR Info issues it covers, words that must and must not occur."""

    standard: str
    issues: frozenset[str]
    words: tuple[str, ...]
    not_words: tuple[str, ...] = ()

    def fits(self, text: str, issues: set[str]) -> bool:
        """Whether the text is on this standard's issue and field."""
        lower = text.lower()
        return bool(self.issues & issues) and any(_starts_word(w, lower) for w in self.words) \
            and not any(_starts_word(w, lower) for w in self.not_words)


def _starts_word(term: str, text: str) -> bool:
    """Whether `term` occurs at the start of a word ("press", not "oppression")."""
    return re.search(r"\b" + re.escape(term), text) is not None


@lru_cache(maxsize=4)
def load_anchors(path: str) -> tuple[Anchor, ...]:
    """Read and validate the issue → standard map."""
    file = Path(path)
    data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    entries = data.get("anchors")
    if not isinstance(entries, list):
        raise RuleFileError(file, "anchors", "a list of {standard, issues, words, not}")
    anchors = []
    for n, entry in enumerate(entries):
        ok = isinstance(entry, dict) and isinstance(entry.get("standard"), str) and all(
            isinstance(entry.get(k, []), list) and all(isinstance(x, str) for x in entry.get(k, []))
            for k in ("issues", "words", "not")) and entry.get("issues") and entry.get("words")
        if not ok:
            raise RuleFileError(file, f"anchors[{n}]",
                                "'standard' and non-empty 'issues' and 'words' lists")
        anchors.append(Anchor(entry["standard"], frozenset(entry["issues"]),
                              tuple(w.lower() for w in entry["words"]),
                              tuple(w.lower() for w in entry.get("not", []))))
    return tuple(anchors)


def anchor_for(path: str, text: str, issues: set[str]) -> str | None:
    """The standard to cite for this text, or None when no entry fits it: read on the main
    object, not on a word of a means or an example in its tail."""
    main = main_part(text)
    return next((a.standard for a in load_anchors(path) if a.fits(main, issues)), None)


# Where a tail starts: an example or a means ("reduce malnutrition …, in particular by
# improving school meal programmes" is about food, not education). It runs to a second action
# (", and create a birth registration system") or the end.
_TAIL = re.compile(r"(?:,\s*|\s+)(?:in particular|particularly|including|especially|notably|"
                   r"inter alia|such as|through|by (?!\[)[a-z]+ing)\b", re.IGNORECASE)
_NEXT_ACTION = re.compile(r",\s+and\s+(?![a-z]+ing\b)|;\s+", re.IGNORECASE)


def main_part(text: str) -> str:
    """The text without its tails (examples and means), each up to a second action."""
    kept, at = [], 0
    while (tail := _TAIL.search(text, at)) is not None:
        kept.append(text[at : tail.start()])
        nxt = _NEXT_ACTION.search(text, tail.end())
        if nxt is None:
            return "".join(kept)
        at = nxt.start()
    return "".join(kept) + text[at:]


# Words every instrument's title shares: the rest of a title names it ("enforced
# disappearance", "torture"), its acronym or short form stands for the whole.
_TITLE_WORDS = {"the", "of", "on", "for", "to", "and", "all", "with", "from", "against", "in",
                "international", "convention", "covenant", "protocol", "declaration", "un",
                "united", "nations", "protection", "persons", "rights", "right", "optional",
                "second", "principles", "rules", "no", "article", "articles", "human"}
_KINDS = re.compile(r"\b(?:convention|covenant|protocol|declaration|principles|rules|treaty|"
                    r"charter|instrument)\b", re.IGNORECASE)
# A short form and the words of the full title that follow its kind ("covenant on civil and
# political rights"): the topic alone ("civil and political rights") names no instrument.
_SHORT = {"iccpr": "civil and political", "icescr": "economic, social and cultural",
          "cedaw": "discrimination against women", "icerd": "racial discrimination",
          "mandela": "standard minimum rules", "palermo": "suppress and punish trafficking"}


def instrument_named(standard: str, text: str) -> bool:
    """Whether a text names the instrument a standard cites already, in any form ("the
    convention against enforced disappearances", "the ICCPR"): citing it "in line with" itself
    is circular."""
    lower = text.lower()
    title = re.sub(r"^articles? [\d ,and]+ of ", "", standard.lower())
    words = [w for w in re.findall(r"[a-z]+", title) if w not in _TITLE_WORDS and len(w) > 2]
    kind = _KINDS.search(lower)
    after = lower[kind.start():] if kind is not None else ""
    if any(w in _SHORT and (re.search(r"\b" + w + r"\b", lower) or _SHORT[w] in after)
           for w in words):
        return True
    if kind is None or not words:
        return False
    return all(re.search(r"\b" + re.escape(w[:6]), after) for w in words)


_RIGHTS = re.compile(r"\b(?:rights? to|freedoms? of)\s+(?:the\s+)?([a-z-]+)", re.IGNORECASE)


# The field of each ICESCR article a rewrite may cite: a text that also names another
# article's field is not covered by one article ("education and health causes … social
# security system" is not article 13 alone).
ICESCR_FIELDS = {
    "6": ("employment", "unemployment", "right to work", "job"),
    "9": ("social security", "social protection", "pension", "social insurance"),
    "11": ("food", "housing", "hunger", "water", "eviction", "homeless", "nutrition",
           "malnutrition", "malnourish", "undernourish"),
    "12": ("health", "medical", "hiv", "maternal mortality", "hospital"),
    "13": ("education", "school", "literacy", "illiteracy"),
}


def _other_fields(standard: str, text: str) -> bool:
    """Whether a text cited under one ICESCR article names the field of another."""
    article = re.match(r"article (\d+) of the icescr", standard.lower())
    if article is None or article.group(1) not in ICESCR_FIELDS:
        return False
    lower = re.sub(r"human rights (?:education|training)", "", text.lower())
    return any(_starts_word(w, lower) for n, words in ICESCR_FIELDS.items()
               if n != article.group(1) for w in words)


def fits_rights(standard: str, text: str) -> bool:
    """Whether an article-level standard fits every right the text names: article 19 of the
    ICCPR does not cover "the right to life, freedom of expression and … assembly", article
    13 of the ICESCR not a text on health or social security too."""
    if not standard.lower().startswith("article"):
        return True
    if _other_fields(standard, text):
        return False
    named = {m.group(1).lower() for m in _RIGHTS.finditer(re.sub(
        r"\bright to (?=freedom)", "", text, flags=re.IGNORECASE))}
    return len(named) <= 1
