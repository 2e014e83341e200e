"""A spaCy Matcher that is not run on a Doc none of its patterns can match.

Most rules' patterns need a listed word ("LOWER": {"IN": [...]}) that most texts do not
contain; spaCy checks such lists in Python, token by token, which made the matchers the
largest cost of judging a text. A pattern's required tokens (no "OP", or "+") with a word
attribute give words the Doc must contain; when no pattern has all of its words, the Matcher
would return nothing, so it is not run. Only those tokens are read, so the matches are always
the Matcher's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

# Pattern attribute → the Token attribute the Matcher compares (as a string).
WORD_ATTRIBUTES = {"LOWER": "lower_", "ORTH": "orth_", "TEXT": "orth_", "LEMMA": "lemma_",
                   "NORM": "norm_"}
_WORDS_KEY = "smartcheck.gated.words"

Need = tuple[str, frozenset[str]]


def required_words(pattern: list[dict[str, Any]]) -> list[Need]:
    """(Token attribute, allowed values) that some token of a match must have, one per required
    token attribute of the pattern that names words (optional tokens and other tests give none)."""
    needs: list[Need] = []
    for spec in pattern:
        keys = {str(k).upper(): v for k, v in spec.items()}
        if keys.get("OP") not in (None, "+"):
            continue
        for key, value in keys.items():
            attribute = WORD_ATTRIBUTES.get(key)
            if attribute is None:
                continue
            if isinstance(value, str):
                needs.append((attribute, frozenset([value])))
            elif isinstance(value, dict) and isinstance(value.get("IN"), list) and all(
                    isinstance(v, str) for v in value["IN"]):
                needs.append((attribute, frozenset(value["IN"])))
    return needs


def doc_words(doc: Doc) -> dict[str, set[str]]:
    """The values of each word attribute in a Doc, read once per Doc."""
    found = doc.user_data.get(_WORDS_KEY)
    if found is None:
        found = {attribute: set() for attribute in set(WORD_ATTRIBUTES.values())}
        for token in doc:
            for attribute, values in found.items():
                values.add(getattr(token, attribute))
        doc.user_data[_WORDS_KEY] = found
    return found


class GatedMatcher:
    """A Matcher with, per pattern, the words a Doc needs for it to match."""

    def __init__(self, matcher: Matcher, patterns: list[list[dict[str, Any]]]) -> None:
        """Wrap a Matcher built from `patterns` (the same list, in the same order)."""
        self.matcher = matcher
        self.needs = [required_words(p) for p in patterns]
        self.always = any(not needs for needs in self.needs)

    def could_match(self, doc: Doc) -> bool:
        """Whether some pattern has every word it needs in the Doc."""
        if self.always:
            return True
        words = doc_words(doc)
        return any(all(words[attribute] & values for attribute, values in needs)
                   for needs in self.needs)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The Matcher's matches, or none without running it when none is possible."""
        return self.matcher(doc) if self.could_match(doc) else []
