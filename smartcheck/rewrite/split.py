"""Split a bundle of actions into one recommendation per action (never drop an action)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from smartcheck.rewrite.grammar import finish
from smartcheck.rewrite.guards import TIME

if TYPE_CHECKING:
    from spacy.tokens import Token

    from smartcheck.judge.judging import Judgement

MAX_PARTS = 4
LEAD_IN = re.compile(r"\b(?:recommend\w*|should|must|shall|that)\b", re.IGNORECASE)
_JOINERS = re.compile(r"(?:\s*[,;])?(?:\s+(?:and|as well as)(?:\s+to)?|\s+to)?\s*[,;]?\s*$",
                      re.IGNORECASE)


OBJECT_DEPS = {"dobj", "obj", "ccomp", "xcomp", "attr", "dative", "oprd", "prt", "acomp"}
TIME_PREPOSITIONS = {"by", "before", "within", "until"}
LISTED = {"conj", "dep", "parataxis"}  # how the parser attaches a listed action


def has_object(verb: Token) -> bool:
    """Whether a verb has its own object or complement ("prosecute" in "prosecute and
    punish X" has none: it shares X)."""
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            return True
        if child.dep_ == "prep" and child.lower_ not in TIME_PREPOSITIONS and any(
                g.dep_ in {"pobj", "pcomp"} for g in child.children):
            return True
    return False


def _starts_action(verb: Token) -> bool:
    """Whether a coordinated verb can open a recommendation of its own: it is one of the
    text's own actions (not inside "plans to identify, protect …"), it or a verb it is
    coordinated with has an object, and the verb before it does not share that object."""
    if verb.dep_ not in LISTED:  # "…, open shelters": the parser read it as an adjective
        return verb.pos_ not in {"VERB", "AUX"} or has_object(verb)
    head = verb.head
    if head.pos_ in {"VERB", "AUX"} and not has_object(head):
        return False  # "identify, protect and rehabilitate all victims": one object
    top = verb
    while top.dep_ == "conj":
        top = top.head
    if top.dep_ in {"acl", "relcl", "advcl", "pcomp", "amod", "npadvmod"} or \
            top.head.pos_ in {"NOUN", "PROPN"} and top.dep_ != "ROOT":
        return False  # a purpose or a description of a noun, not an action of the text
    return has_object(verb) or any(c.dep_ == "conj" and c.pos_ == "VERB" and has_object(c)
                                   for c in verb.children)


def _cuts_a_phrase(previous: Token, verb: Token) -> bool:
    """Whether a cut before `verb` would leave a word of its own clause behind ("…, to that
    end, identify", "and to officially prohibit"), or cut a verb that is no coordinated
    action ("before and while ending …", "that would, inter alia, decriminalize")."""
    listed = verb.dep_ == "conj" or verb.dep_ in LISTED and verb.i > 0 and \
        verb.doc[verb.i - 1].lower_ in {",", ";", "and"}
    if verb.pos_ in {"VERB", "AUX"} and not listed:
        return True
    return any(t.head.i >= verb.i and t.head.i != t.i and t.dep_ not in {"punct", "cc"}
               and not (t.lower_ == "to" and t.i == verb.i - 1)  # "…, and to take"
               for t in verb.doc[previous.i + 1 : verb.i])


PURPOSE = re.compile(r"\b(?:in order to|so as to|with a view to|aim(?:ed|ing) at|to (?:prevent|"
                     r"combat|ensure|protect|eliminate|eradicate|end|reduce|address|guarantee|"
                     r"promote|improve|fight|stop|curb|tackle)\b)", re.IGNORECASE)
# Discrete acts complete on their own, whatever purpose the rest of a bundle names.
DISCRETE = {"ratify", "accede", "sign", "withdraw", "establish", "create", "abolish", "repeal",
            "extend", "issue", "accept", "join", "become", "set", "lift", "publish", "invite"}


def purpose_cut_off(original: str, part: str) -> bool:
    """Whether a short split part lost the purpose the original names after it ("Revise
    the Family Code" cut off from "… to prevent marriages of minors")."""
    if PURPOSE.search(part) or len(part.split()) > 6:
        return False
    verb = part.split()[0].lower() if part.split() else ""
    if verb in DISCRETE:
        return False
    where = original.lower().find(part.rstrip(".").lower()[:30])
    purpose = PURPOSE.search(original, max(where, 0))
    return where >= 0 and purpose is not None


def parts(j: Judgement) -> list[str]:
    """One text per main action of a bundle ("split into N"); [] when it is not a bundle."""
    if not any(f.rule == "achievable.bundled-actions" for f in j.findings):
        return []
    verbs: list = []
    main = j.action.main_verbs
    for n, verb in enumerate(main):
        if n == 0 and (j.action.opening_category or 4) in {2, 3} and len(main) > 1 and \
                verb in main[1].ancestors and not (main[1].dep_ in LISTED and
                                                   main[1].head == verb):
            # "Continue to …", "Consider …": the opening, not an action of its own; but "Give
            # consideration to X, withdraw Y" is an action, or the part would be a comma splice.
            continue
        # "promote and protect the right to …": verbs sharing one object stay together.
        if verbs and (verb.i - verbs[-1].i <= 2 or not _starts_action(verb)
                      or _cuts_a_phrase(verbs[-1], verb)):
            continue
        verbs.append(verb)
    if not 2 <= len(verbs) <= MAX_PARTS:
        return []
    text, parsed = j.parsed.text, j.parsed
    # "Recommended that the authorities take …": the first part starts at its verb, too.
    opening = parsed.token_span(parsed.doc[j.action.opening_start])[0] \
        if j.action.opening_category is not None else 0
    first = opening if LEAD_IN.search(text[:opening]) else 0
    starts = [first] + [parsed.token_span(v)[0] for v in verbs[1:]]
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
    # "Withdraw provisions making it mandatory": alone, the part no longer says what "it" is.
    if any(t.pos_ == "PRON" and t.lower_ in {"it", "them", "they", "these", "those"}
           for v in verbs[1:] for t in v.subtree):
        return []
    # A time at the very end governs every action ("…, and train police officers by 2027").
    final = [m for m in TIME.finditer(text) if len(text) - m.end() <= 2]
    if final:
        shared = final[-1].group()
        pieces = [p if shared.lower() in p.lower() else f"{p} {shared}" for p in pieces]
    pieces = [finish(p) for p in pieces]
    if any(purpose_cut_off(text, p) for p in pieces):
        return []  # "Revise the Family Code" would lose "to prevent marriages of minors"
    return pieces
