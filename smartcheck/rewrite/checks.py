"""Automated checks of a rewrite against the text it rewrites (used by tests and bench).

`rewrite_problems(original, suggestion)` lists what a reviewer would reject on sight: a
meaning guard broken, not one imperative sentence with one root verb, a lower-case start, a
doubled time, "Continue … by [year]", or a score that counts a `[…]` slot as evidence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from smartcheck.judge.placeholders import SLOT, slot_spans
from smartcheck.rewrite.guards import DEADLINE, guard_problems, meaning_of

if TYPE_CHECKING:
    from smartcheck.judge.judging import Judge
    from smartcheck.report import Suggestion

CONTINUE_BY = re.compile(r"^(?:continue|maintain|pursue|persevere|persist|keep|sustain)\b.*"
                         r"\bby (?:\[year\]|(?:19|20)\d\d)\b", re.IGNORECASE)
_judge: Judge | None = None


def _default_judge() -> Judge:
    """A Judge with the shipped rules, built once."""
    global _judge
    if _judge is None:
        from smartcheck.judge.judging import Judge

        _judge = Judge()
    return _judge


def rewrite_problems(original: str, suggestion: Suggestion | dict[str, Any],
                     judge: Judge | None = None) -> list[str]:
    """What is wrong with a suggested rewrite of `original` (empty: nothing found)."""
    judge = judge or _default_judge()
    data = suggestion if isinstance(suggestion, dict) else suggestion.to_dict()
    text, problems = data["text"], []
    split = data.get("explanation", "").startswith("Split into")
    source, rewrite = judge.judge_many([original, text], [[], []])
    if not split:
        problems += guard_problems(meaning_of(source, judge.terms("groups")), text, rewrite)
    elif rewrite.criteria["achievable"].verdict == "fail":
        problems.append("fails its own Achievable check")
    doc = rewrite.parsed.doc
    sentences = [s for s in doc.sents if s.end > rewrite.parsed.first]
    roots = [s.root for s in sentences]
    if len(sentences) != 1 or roots[0].pos_ not in {"VERB", "AUX"}:
        problems.append("not one sentence with one root verb")
    if rewrite.action.opening_category is None or \
            rewrite.action.opening_start != rewrite.parsed.first:
        problems.append("does not open with its action verb")
    if not text[:1].isupper():
        problems.append("starts in lower case")
    if len(DEADLINE.findall(text)) > max(1, len(DEADLINE.findall(original))):
        problems.append("two deadlines")
    if CONTINUE_BY.search(text) and not CONTINUE_BY.search(original):
        problems.append("'Continue … by [year]'")
    if slot_spans(text):
        # The same sentence with each slot a plain noun that is evidence of nothing.
        neutral = judge.judge_many([SLOT.sub("something", text)], [[]])[0]
        for name, score in rewrite.criteria.items():
            if score.passed and not neutral.criteria[name].passed:
                problems.append(f"a [slot] passes {name}")
    if len(data.get("placeholders") or []) > 3:
        problems.append("more than three placeholders")
    return problems
