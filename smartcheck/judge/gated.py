"""A spaCy Matcher that is not run on a Doc none of its patterns can match.

Most rules' patterns need a listed word ("LOWER": {"IN": [...]}) that most texts do not
contain; spaCy checks such lists in Python, token by token, which made the matchers the
largest cost of judging a text. A pattern's required tokens (no "OP", or "+") with a word
attribute, a regex on one or a flag ("LIKE_NUM") give what the Doc must contain; when no
pattern has all it needs, the Matcher would return nothing, so it is not run; otherwise its
matches are returned unchanged.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

# Pattern attribute → the Token attribute the Matcher compares (as a string).
WORD_ATTRIBUTES = {"LOWER": "lower_", "ORTH": "orth_", "TEXT": "orth_", "LEMMA": "lemma_",
                   "NORM": "norm_"}
# Pattern flag → the Token attribute (true or false).
FLAG_ATTRIBUTES = {"LIKE_NUM": "like_num", "IS_TITLE": "is_title", "IS_DIGIT": "is_digit",
                   "IS_UPPER": "is_upper", "IS_PUNCT": "is_punct"}
_WORDS_KEY = "smartcheck.gated.words"

# (Token attribute, the values one token must have, or a regex its value must match)
Need = tuple[str, "frozenset[str | bool] | re.Pattern[str]"]


def pattern_needs(pattern: list[dict[str, Any]]) -> list[Need]:
    """What some token of a match must have, one need per required token attribute that names
    words, a regex or a flag (optional tokens and other tests give none)."""
    needs: list[Need] = []
    for spec in pattern:
        keys = {str(k).upper(): v for k, v in spec.items()}
        if keys.get("OP") not in (None, "+"):
            continue
        for key, value in keys.items():
            if key in FLAG_ATTRIBUTES and isinstance(value, bool):
                needs.append((FLAG_ATTRIBUTES[key], frozenset([value])))
            attribute = WORD_ATTRIBUTES.get(key)
            if attribute is None:
                continue
            if isinstance(value, str):
                needs.append((attribute, frozenset([value])))
            elif isinstance(value, dict) and isinstance(value.get("IN"), list) and all(
                    isinstance(v, str) for v in value["IN"]):
                needs.append((attribute, frozenset(value["IN"])))
            elif isinstance(value, dict) and isinstance(value.get("REGEX"), str):
                needs.append((attribute, re.compile(value["REGEX"])))
    return needs


def _has(values: set[Any], test: frozenset[str | bool] | re.Pattern[str]) -> bool:
    """Whether one of a Doc's values passes a need's test (as the Matcher would test it)."""
    if isinstance(test, frozenset):
        return not values.isdisjoint(test)
    return any(test.search(value) for value in values)


def doc_words(doc: Doc) -> dict[str, set[Any]]:
    """The values of each word and flag attribute in a Doc, read once per Doc."""
    found = doc.user_data.get(_WORDS_KEY)
    if found is None:
        found = {attribute: set() for attribute in
                 {*WORD_ATTRIBUTES.values(), *FLAG_ATTRIBUTES.values()}}
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
        self.needs = [pattern_needs(p) for p in patterns]
        self.always = any(not needs for needs in self.needs)

    def could_match(self, doc: Doc) -> bool:
        """Whether some pattern has every word it needs in the Doc."""
        if self.always:
            return True
        words = doc_words(doc)
        return any(all(_has(words[attribute], test) for attribute, test in needs)
                   for needs in self.needs)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The Matcher's matches, or none without running it when none is possible."""
        return self.matcher(doc) if self.could_match(doc) else []
