"""Parse recommendations with spaCy, helping the small model read imperatives."""

from __future__ import annotations

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


def _parse_form(text: str, verbs: ActionVerbs) -> tuple[str, int]:
    """The string spaCy should parse for `text` and how many prefix characters it adds."""
    first_word = text.split(maxsplit=1)[0].lower().strip(",.;:") if text.split() else ""
    if first_word in verbs.verbs:
        return IMPERATIVE_PREFIX + text[:1].lower() + text[1:], len(IMPERATIVE_PREFIX)
    return text, 0


def parse_many(nlp: Language, texts: Iterable[str], verbs: ActionVerbs,
               batch_size: int = 128) -> list[Parsed]:
    """Parse texts in batches with `nlp.pipe`."""
    texts = list(texts)
    forms = [_parse_form(text, verbs) for text in texts]
    docs = parse(nlp, (form for form, _ in forms), batch_size=batch_size)
    return [Parsed(text, doc, offset)
            for text, (_, offset), doc in zip(texts, forms, docs, strict=True)]
