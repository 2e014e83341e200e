"""Split a bundle of actions into one recommendation per action (never drop an action)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from smartcheck.rewrite.grammar import finish
from smartcheck.rewrite.guards import TIME

if TYPE_CHECKING:
    from smartcheck.judge.judging import Judgement

MAX_PARTS = 4
_JOINERS = re.compile(r"(?:\s*[,;])?(?:\s+(?:and|as well as)(?:\s+to)?|\s+to)?\s*[,;]?\s*$",
                      re.IGNORECASE)


def parts(j: Judgement) -> list[str]:
    """One text per main action of a bundle ("split into N"); [] when it is not a bundle."""
    if not any(f.rule == "achievable.bundled-actions" for f in j.findings):
        return []
    verbs: list = []
    for n, verb in enumerate(j.action.main_verbs):
        if n == 0 and (j.action.opening_category or 4) in {2, 3}:
            continue  # "Continue to …", "Consider …": the opening, not an action of its own
        # "promote and protect the right to …": verbs sharing one object stay together.
        if verbs and verb.i - verbs[-1].i <= 2:
            continue
        verbs.append(verb)
    if not 2 <= len(verbs) <= MAX_PARTS:
        return []
    text, parsed = j.parsed.text, j.parsed
    starts = [0] + [parsed.token_span(v)[0] for v in verbs[1:]]
    pieces = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(text)
        piece = _JOINERS.sub("", text[start:end].rstrip())
        if n > 0:
            verb = verbs[n]
            if verb.tag_ in {"VBG", "VBN", "VBZ"}:
                piece = verb.lemma_.lower() + piece[len(verb.text):]
        pieces.append(piece)
    if any(len(p.split()) < 2 for p in pieces):
        return []
    # A time at the very end governs every action ("…, and train police officers by 2027").
    final = [m for m in TIME.finditer(text) if len(text) - m.end() <= 2]
    if final:
        shared = final[-1].group()
        pieces = [p if shared.lower() in p.lower() else f"{p} {shared}" for p in pieces]
    return [finish(p) for p in pieces]
