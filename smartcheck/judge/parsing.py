"""Parse recommendations with spaCy, helping the small model read imperatives."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from smartcheck.judge.lexicons import ActionVerbs
from smartcheck.judge.nlp import parse

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

# en_core_web_sm often tags a sentence-initial imperative ("Amend article 5 …") as a noun.
# Parsing "They should amend article 5 …" halves those errors; offsets are shifted back.
IMPERATIVE_PREFIX = "They should "
_WORD = re.compile(r"(\s+|[/–—])")


@dataclass
class Parsed:
    """A recommendation with its spaCy Doc; `offset` chars of the Doc precede the text."""

    text: str
    doc: Doc
    offset: int

    @property
    def first(self) -> int:
        """Index of the first token that belongs to the text (after any parsing prefix)."""
        return 2 if self.offset else 0

    def tokens(self) -> Span:
        """The tokens of the text itself, without the parsing prefix."""
        return self.doc[self.first :]

    def char_span(self, start_token: int, end_token: int) -> tuple[int, int]:
        """Character offsets into `text` of tokens [start_token, end_token)."""
        start = self.doc[start_token].idx - self.offset
        last = self.doc[end_token - 1]
        return max(start, 0), last.idx + len(last.text) - self.offset

    def token_span(self, token: Token) -> tuple[int, int]:
        """Character offsets into `text` of one token."""
        return self.char_span(token.i, token.i + 1)


def mostly_upper(text: str) -> bool:
    """Whether a text is written in capitals (at least 70 % of at least 8 letters)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def normal_case(text: str, keep_upper: frozenset[str] = frozenset()) -> str:
    """Sentence case for an ALL-CAPS text, keeping known acronyms (CEDAW, OP-CAT) upper case.

    The tagger reads capitals as proper nouns, so lemmas and patterns would depend on case;
    the result has the same length, so character offsets still point into the original.
    """
    words = _WORD.split(text)
    out = []
    for part in words:
        core = part.strip(".,;:()[]\"'")
        out.append(part if core in keep_upper or not part.strip() else part.lower())
    normal = "".join(out)
    if len(normal) != len(text):  # a few letters change length when lowered ('İ')
        return text
    first = next((i for i, c in enumerate(normal) if c.isalpha()), None)
    if first is not None:
        normal = normal[:first] + normal[first].upper() + normal[first + 1:]
    return normal


def _parse_form(text: str, verbs: ActionVerbs,
                keep_upper: frozenset[str] = frozenset()) -> tuple[str, int]:
    """The string spaCy should parse for `text` and how many prefix characters it adds."""
    if mostly_upper(text):
        text = normal_case(text, keep_upper)
    first_word = text.split(maxsplit=1)[0].lower().strip(",.;:") if text.split() else ""
    if first_word in verbs.verbs:
        return IMPERATIVE_PREFIX + text[:1].lower() + text[1:], len(IMPERATIVE_PREFIX)
    return text, 0


def parse_many(nlp: Language, texts: Iterable[str], verbs: ActionVerbs,
               batch_size: int = 128, keep_upper: frozenset[str] = frozenset()) -> list[Parsed]:
    """Parse texts in batches with `nlp.pipe` (ALL-CAPS texts in sentence case)."""
    texts = list(texts)
    forms = [_parse_form(text, verbs, keep_upper) for text in texts]
    docs = parse(nlp, (form for form, _ in forms), batch_size=batch_size)
    return [Parsed(text, doc, offset)
            for text, (_, offset), doc in zip(texts, forms, docs, strict=True)]
