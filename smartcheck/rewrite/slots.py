"""The `[…]` slots a rewrite leaves for the author, each with a one-line hint."""

from __future__ import annotations

from smartcheck.judge.placeholders import SLOT
from smartcheck.report import Placeholder

YEAR = "[year]"
HINTS = {
    YEAR: "the year it should be done by: a date you can check at the State's next review",
    "[number]": "the figure to reach, from the latest official data",
    "[name of the law]": "the title of the law, as it is officially named",
}
DEFAULT_HINT = "only you know this: fill it in before the recommendation is sent"


def placeholders(text: str) -> tuple[Placeholder, ...]:
    """The slots of a text, in order, each once, with their hints."""
    seen: list[str] = []
    for match in SLOT.finditer(text):
        if match.group() not in seen:
            seen.append(match.group())
    return tuple(Placeholder(slot, HINTS.get(slot, DEFAULT_HINT)) for slot in seen)
