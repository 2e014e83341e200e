"""English a rewrite repairs instead of copying: the repair lexicon (rules/lexicons/repairs.yml).

Each entry is a kind of error seen in real recommendations (a misnamed treaty, a missing "the"
before a full treaty title, "right of health", "to which it is not a party to", "Panel of
Expert") with what it becomes. An entry without a replacement marks an error that cannot be
repaired safely: a rewrite that still has it is declined. Entries are validated on load,
including their own failing and passing examples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from smartcheck.errors import RuleFileError
from smartcheck.judge.lexicons import load_yaml_mapping
from smartcheck.resources import lexicons_dir
from smartcheck.rewrite.copied import normalise

MAX_PASSES = 3
KEYS = {"kind", "why", "find", "needs", "to", "ignore_case", "wrong", "right"}


@dataclass(frozen=True)
class Repair:
    """One kind of error: where it is, what it becomes (None: decline), and two examples."""

    kind: str
    message: str
    pattern: re.Pattern[str]
    to: str | None
    wrong: str
    right: str
    needs: tuple[str, ...] = ()

    def _may_match(self, text: str) -> bool:
        """Whether the text has one of the words the error needs (cheaper than `find`)."""
        lower = text.lower()
        return not self.needs or any(word in lower for word in self.needs)

    def apply(self, text: str) -> str:
        """The text with this error repaired (unchanged for a kind that is declined)."""
        if self.to is None or not self._may_match(text):
            return text
        return self.pattern.sub(self.to, text)

    def found(self, text: str) -> str | None:
        """The words with this error, when the text has it."""
        match = self.pattern.search(text) if self._may_match(text) else None
        if match is None or self.to is not None and self.apply(text) == text:
            return None
        # a match may be only the word before the error ("Ratify" before "Convention …")
        context = re.match(r"\S*(?:\s+\S+){0,3}", text[match.end():])
        return (match.group() + (context.group() if context else "")).strip()


def _entry(path: Path, n: int, entry: object, kinds: dict[str, str]) -> Repair:
    """Validate one entry and check its examples."""
    key = f"repairs[{n}]"
    if not isinstance(entry, dict) or set(entry) - KEYS or not all(
            isinstance(entry.get(k), str) and entry[k].strip()
            for k in ("kind", "find", "wrong", "right")):
        raise RuleFileError(path, key, f"a mapping with 'kind', 'find', 'wrong', 'right' "
                                       f"(strings) and optionally 'to', 'why', 'needs', "
                                       f"'ignore_case' "
                                       f"(keys among {sorted(KEYS)})")
    if entry["kind"] not in kinds:
        raise RuleFileError(path, f"{key}.kind", f"one of {sorted(kinds)}")
    to = entry.get("to")
    if to is not None and not isinstance(to, str):
        raise RuleFileError(path, f"{key}.to", "a string")
    needs = entry.get("needs", [])
    if not isinstance(needs, list) or not all(isinstance(w, str) and w == w.lower() and w
                                              for w in needs):
        raise RuleFileError(path, f"{key}.needs", "a list of lower-case words")
    try:
        pattern = re.compile(entry["find"], re.IGNORECASE if entry.get("ignore_case") else 0)
        repair = Repair(entry["kind"], kinds[entry["kind"]], pattern, to, entry["wrong"],
                        entry["right"], tuple(needs))
        repaired = repair.apply(repair.wrong)
    except (re.error, IndexError) as exc:
        raise RuleFileError(path, f"{key}.find", f"a valid regular expression ({exc})") from exc
    if not repair.found(repair.wrong) or repair.found(repair.right):
        raise RuleFileError(path, key, "'find' to match 'wrong' and not 'right'")
    if to is not None and repaired != repair.right:
        raise RuleFileError(path, f"{key}.to", f"to turn 'wrong' into 'right', not {repaired!r}")
    return repair


@lru_cache(maxsize=4)
def load_repairs(path: str | None = None) -> tuple[Repair, ...]:
    """Read and validate the repair lexicon (the shipped one by default)."""
    file = Path(path) if path else lexicons_dir() / "repairs.yml"
    data = load_yaml_mapping(file)
    kinds = data.get("kinds")
    if not isinstance(kinds, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in kinds.items()):
        raise RuleFileError(file, "kinds", "a mapping of kind → message")
    entries = data.get("repairs")
    if not isinstance(entries, list) or not entries:
        raise RuleFileError(file, "repairs", "a non-empty list of entries")
    return tuple(_entry(file, n, e, kinds) for n, e in enumerate(entries))


def repair(text: str, path: str | None = None) -> str:
    """The text with every known error of the lexicon repaired."""
    for _ in range(MAX_PASSES):  # one repair can make room for another ("to: 1951 …")
        before = text
        for entry in load_repairs(path):
            text = entry.apply(text)
        if text == before:
            break
    # then the kinds no list can hold: near-miss instrument titles, transposed acronyms
    return normalise(text)


def repair_problems(text: str, path: str | None = None) -> list[str]:
    """The lexicon's errors a text still has, one line each ("a misnamed instrument …: …")."""
    return [f"{entry.message}: {words}" for entry in load_repairs(path)
            if (words := entry.found(text))]
