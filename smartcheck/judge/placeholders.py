"""The bracket rule: an unfilled `[…]` slot is never evidence for any criterion.

"by [year]" does not make a text time-bound, "adopt [name of the law]" does not name a
deliverable and "in line with [the relevant standard]" does not anchor it. The rules still run
on the text as written; this module takes away whatever they counted on a slot's strength:
evidence spans of absence rules that overlap a slot or govern it, a means or an object that is
only a slot.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from smartcheck.judge.analysis import Action
from smartcheck.judge.parsing import Parsed

if TYPE_CHECKING:
    from spacy.tokens import Token

    from smartcheck.judge.rule_kinds import Context, Rule

SLOT = re.compile(r"\[[^\[\]]{1,80}\]")
Span = tuple[int, int]
# Words that may stand between evidence and the slot it is about ("adopt a [law]").
_FILLER = {"the", "a", "an", "its", "their"}
# A slot right after these words is a time or an anchor, not the object of the action.
_NOT_OBJECT = {"by", "before", "within", "until", "with", "in", "from", "since"}


def slot_spans(text: str) -> list[Span]:
    """Character spans of the `[…]` slots in a text."""
    return [m.span() for m in SLOT.finditer(text)]


def _slot_tokens(parsed: Parsed, slots: list[Span]) -> set[int]:
    """Indices of the Doc tokens that fall inside a slot."""
    inside = set()
    for token in parsed.tokens():
        start = token.idx - parsed.offset
        if any(s <= start < e for s, e in slots):
            inside.add(token.i)
    return inside


def _leans_on_slot(parsed: Parsed, span: Span, slots: list[Span]) -> bool:
    """Whether evidence at `span` overlaps a slot or only points at one ("ratify [treaty]")."""
    text = parsed.text
    if span == (0, len(text)):
        return False  # whole-text evidence (the issue tagger) is not about one phrase
    for start, end in slots:
        if span[0] < end and start < span[1]:
            return True
        if start >= span[1]:
            between = text[span[1]:start].lower().split()
            if all(word in _FILLER for word in between) and len(between) <= 1:
                return True
    return False


def _touches_slot(tokens: list[Token], inside: set[int]) -> bool:
    """Whether any content word of an object is inside a slot ("a law on [topic]")."""
    content = [t for t in tokens if not (t.is_punct or t.is_stop)]
    return bool(content) and any(t.i in inside for t in content)


def _object_slots(text: str, slots: list[Span]) -> list[Span]:
    """Slots that can stand for what is asked, not for a date or a standard ("by [year]")."""
    kept = []
    for start, end in slots:
        before = text[:start].lower().split()
        if not before or before[-1] not in _NOT_OBJECT:
            kept.append((start, end))
    return kept


def blind_action(action: Action, parsed: Parsed, slots: list[Span]) -> Action:
    """The action analysis with slot-borne means and objects taken away."""
    inside = _slot_tokens(parsed, _object_slots(parsed.text, slots))
    if not inside:
        return action
    changes: dict = {}
    if action.means is not None:
        verb = parsed.doc[action.means[1] - 1]
        rest = [t for t in parsed.doc[verb.i + 1 : verb.i + 6] if not t.is_punct]
        if rest and (rest[0].i in inside or rest[0].lower_ in _FILLER and len(rest) > 1
                     and rest[1].i in inside):
            changes.update(means=None, means_category=None, category=action.opening_category,
                           object_specific=False)
    if action.object_specific and _touches_slot(action.object_tokens, inside):
        changes["object_specific"] = False
    return replace(action, **changes) if changes else action


def blind_rules(rules: list[Rule], parsed: Parsed, slots: list[Span]) -> list[Rule]:
    """The rules with each absence rule's slot-borne evidence ignored."""
    blinded = []
    for rule in rules:
        if not rule.fires_on_absence:
            blinded.append(rule)
            continue
        clone = copy.copy(rule)
        find = rule.find

        def find_without_slots(ctx: Context, find=find) -> list[Span]:
            return [s for s in find(ctx) if not _leans_on_slot(parsed, s, slots)]

        clone.find = find_without_slots  # type: ignore[method-assign]
        blinded.append(clone)
    return blinded
