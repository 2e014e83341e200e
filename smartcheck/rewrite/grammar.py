"""Grammar-safe edits through the spaCy parse: the concrete verb, lead-ins, nominalisations.

Edits work on the parse of the text they change: the verb that replaces a continuing,
considering or general opening is the one the parse governs, coordinated verbs are put in
the same form ("promoting … and strengthening" → "Promote … and strengthen"), a
nominalisation becomes its verb ("Consider ratification of X" → "Ratify X"), lead-ins ("We
recommend that X …") and passive openings ("Efforts should be continued to …") are recast
as a capitalised imperative. When no safe edit exists, the opening is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from smartcheck.rewrite.copied import title_ranges
from smartcheck.rewrite.guards import POLARITY
from smartcheck.rewrite.repairs import repair as repair_text

if TYPE_CHECKING:
    from spacy.tokens import Token

    from smartcheck.judge.judging import Judge, Judgement

# "Consider the ratification of X" → "Ratify X".
NOMINAL_VERBS = {"ratification": "ratify", "accession": "accede", "adoption": "adopt",
                 "establishment": "establish", "creation": "create", "enactment": "enact",
                 "abolition": "abolish", "withdrawal": "withdraw", "signature": "sign",
                 "signing": "sign", "implementation": "implement", "amendment": "amend",
                 "repeal": "repeal", "publication": "publish", "allocation": "allocate",
                 "introduction": "introduce", "decriminalization": "decriminalise",
                 "decriminalisation": "decriminalise", "criminalization": "criminalise",
                 "criminalisation": "criminalise", "elaboration": "develop",
                 "abolishment": "abolish"}
# A nominalisation coordinated after the verb it became ("Decriminalise X, and the
# abolishment of Y") is put in the same form ("…, and abolish Y").
COORDINATED_NOMINALS = NOMINAL_VERBS | {"removal": "remove", "revision": "revise",
                                        "harmonization": "harmonize", "lifting": "lift",
                                        "harmonisation": "harmonise", "review": "review"}
# "Continue its programme of …" → "Implement its programme of …".
OBJECT_VERBS = {"campaign": "conduct", "programme": "implement", "program": "implement",
                "plan": "implement", "strategy": "implement", "policy": "implement",
                "project": "implement", "training": "provide", "investigation": "complete",
                "reform": "implement", "initiative": "implement"}
# "Consider legislative measures to …" → "Adopt legislative measures to …".
CONSIDER_VERBS = {"measure": "adopt", "legislation": "adopt", "law": "adopt", "plan": "adopt",
                  "strategy": "adopt", "policy": "adopt", "programme": "adopt",
                  "mechanism": "establish", "institution": "establish", "body": "establish",
                  "commission": "establish", "moratorium": "establish"}
# "Revise the so-called insult law" → "Amend the so-called insult law".
REVISE_VERBS = {w: "amend" for w in ("law", "act", "code", "legislation", "article", "provision",
                                      "decree", "constitution", "ordinance", "statute", "bill")}
FILLERS = {"to", "its", "their", "the", "further", "all", "also", "fully", "effectively",
           "efforts", "effort", "in", "order", "with", "a", "view", "and", "necessary",
           "appropriate", "measures", "steps", "even", "greater", "more", "positive", "work",
           "commendable", "ongoing", "current", "continued", "sustained", "concrete",
           "effective", "additional", "adequate", "every", "possible", "relevant", "requisite",
           "needed", "practical", "serious", "strong", "stronger", "real", "tangible",
           "aimed", "aiming", "directed", "geared", "designed", "at", "towards", "toward",
           "possibility", "idea", "feasibility", "option", "of"}
MAX_INNER_SEARCH = 10
EFFORT_NOUNS = {"action", "effort", "measure", "step"}
# Verbs of a lead-in that asks, not acts ("We recommend that …", "As recommended by …").
LEAD_IN_VERBS = {"recommend", "urge", "encourage", "call", "invite", "suggest", "request",
                 "be", "should", "must", "shall", "propose", "note", "welcome", "commend"}
LONG_TEXT_WORDS = 25
# A tail set off by a comma that a deadline goes before ("…, including measures to …").
TAIL = re.compile(r",\s+(?:including|in particular|particularly|especially|notably|such as|"
                  r"inter alia|among others|with a view to|in order to|so as to|"
                  r"with (?:the )?(?:support|assistance|help)|involving|giving|taking into|"
                  # a participial or "while" clause: the deadline goes before it
                  r"while|whilst|bearing in mind|keeping in mind|having regard)\b",
                  re.IGNORECASE)
TAIL_MIN_WORDS = 4
# Where the object phrase ends and a clause of its own begins: a relative clause, a purpose
# ("with a view to"), an appositive (", as a further step") or a qualifier (", in particular").
# A deadline after one reads as that clause's date; it goes before it, or right after the verb.
CLAUSE_START = re.compile(r"(?:,\s+|\s+)(?:which|who|whom|whose|whereby|that)\b|"
                          r"\s+(?:with a view to|in order to|so as to)\b|"
                          r",\s+(?:as an?|thereby|in particular|particularly|especially|notably|"
                          r"regardless|irrespective)\b", re.IGNORECASE)
# A qualifier of the object right after it ("discrimination, in particular against …").
QUALIFIER = re.compile(r",?\s+(?:in particular|particularly|especially|notably|regardless|"
                       r"irrespective|whether)\b", re.IGNORECASE)
# Words after which "that" opens no relative clause.
NOT_RELATIVE_THAT = {"so", "such", "ensure", "ensuring", "guarantee", "recognise", "recognize",
                     "verify", "declare", "stipulate", "provide", "state", "clarify", "specify",
                     "confirm", "acknowledge", "sure", "certain", "than", "fact", "given",
                     "consider", "considering", "provided", "now", "in", "ensures"}
# The particle of a phrasal verb, which stays with it.
PARTICLES = ("out", "up", "down", "off", "forward", "back", "over", "together", "in place")
PARTICLE = re.compile(rf"(?:{'|'.join(PARTICLES)})\s+", re.IGNORECASE)
# Particles that make a phrasal verb only with some verbs ("bring about a change", but
# "report about X" is a verb and its preposition).
VERB_PARTICLES = {"bring": ("about",), "set": ("about",), "come": ("about",)}
# A deadline placed between a verb and its particle ("Bring, by [year], about a change").
_ALL_PARTICLES = PARTICLES + tuple(sorted({p for ps in VERB_PARTICLES.values() for p in ps}))
SPLIT_PHRASAL = re.compile(rf"^\w+, by \[year\], (?:{'|'.join(_ALL_PARTICLES)})\b")
# Words of an object phrase up to which "Verb X by [year], which …" still reads well.
SHORT_OBJECT_WORDS = 6
MEANS_MAX_WORDS = 35
# What may follow an object when a means is put right after it.
# After an object, the next action of the text or an explicit purpose: the only tails a means
# may come before; any other comma tail, an infinitive or an example list stays the object's.
NEXT_ACTION = re.compile(r",?\s+(?:(?:and|as well as)\s+(?!to\b)[a-z]+|and to this end|"
                         r"in order to|so as to|with a view to)\b", re.IGNORECASE)
OBJECT_TAIL = re.compile(r",|\s+(?:including|in particular|particularly|especially|notably|"
                         r"such as|inter alia)\b", re.IGNORECASE)
AFTER_OBJECT = re.compile(r",|\s+(?:and|as well as)\s+(?!to\b)[a-z]+\b|\s+(?:in order to|so as to|"
                          r"with a view to)\b", re.IGNORECASE)


@dataclass
class Draft:
    """A text being rewritten, what was changed, and the category of its new opening."""

    text: str
    changes: list[str] = field(default_factory=list)
    category: int | None = None
    sources: tuple[dict[str, Any], ...] = ()
    verb: str = ""  # lemma of the verb the text now opens with
    verb_i: int | None = None  # that verb's token in the original parse, when it has one
    means_end: int | None = None  # where an added means ends, when it is not at the end

    def explanation(self) -> str:
        """The changes as one sentence."""
        sentence = "; ".join(self.changes) or "no change"
        return sentence[:1].upper() + sentence[1:] + "."


def capitalise(text: str) -> str:
    """Upper-case the first letter only."""
    return text[:1].upper() + text[1:]


def repair(text: str) -> str:
    """Repair the known errors of the repair lexicon (rules/lexicons/repairs.yml): misnamed
    treaties, a missing "the", "right of health", doubled words and prepositions."""
    return repair_text(text)


def finish(text: str) -> str:
    """Tidy spaces and commas, repair known garbles, capitalise, end with one full stop."""
    text = repair(re.sub(r"\s+", " ", text))
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r"^[,;:\s]+", "", text)
    text = re.sub(r"[\s,;:.]+$", "", text)
    return capitalise(text.strip()) + "."


def _from(j: Judgement, token: Token) -> str:
    """The text from a token to the end."""
    return j.parsed.text[j.parsed.token_span(token)[0]:]


def _after(j: Judgement, token: Token) -> str:
    """The text after a token."""
    return j.parsed.text[j.parsed.token_span(token)[1]:]


def _before(j: Judgement, token: Token) -> str:
    """The text before a token."""
    return j.parsed.text[: j.parsed.token_span(token)[0]]


def _base_forms(j: Judgement, verb: Token, rest: str, offset: int) -> str:
    """Coordinated verbs of `verb` in its form, inside `rest` (from `offset`): "promoting …
    and strengthening" → "promote … and strengthen", "combat …, and to promote" → "… and
    promote"."""
    doc = verb.doc
    # Verbs coordinated with the dropped opening now go with the new verb too.
    conjuncts = set(verb.conjuncts) | {t for t in doc[verb.i + 1 :] if t.dep_ == "conj"
                                       and t.pos_ == "VERB" and t.head.i < verb.i}
    if verb.tag_ == "VBG":  # "adhering to and/or ratifying", however the parser reads it
        conjuncts |= {t for t in doc[verb.i + 1 : verb.i + 6] if t.tag_ == "VBG"
                      and doc[t.i - 1].lower_ in {"and", "or", "and/or"}}
    # "…, as well as to raise Y" / "as well as accepting Y": the same action in another form.
    # Only the main verb's own coordination: after "including incorporating …" a gerund
    # "as well as adopting" is that list's next item and stays a gerund.
    conjuncts |= {t for t in doc[verb.i + 1 :] if t.tag_ in {"VB", "VBG"} and _as_well_as(t)
                  and not inner_list(verb, t)}
    for conj in sorted(conjuncts, key=lambda t: -t.i):
        joined = {t.lower_ for t in doc[max(conj.i - 3, 0) : conj.i]} & {"and", "or", "and/or"} \
            or _as_well_as(conj)
        if conj.i <= verb.i or not joined or _modifier(conj):
            continue
        start, end = j.parsed.token_span(conj)
        start, end = start - offset, end - offset
        if not 0 <= start < end <= len(rest):
            continue
        if conj.tag_ == "VBG":
            rest = rest[:start] + conj.lemma_.lower() + rest[end:]
        elif doc[conj.i - 1].lower_ == "to" and (doc[conj.i - 1].dep_ == "aux"
                                                 or _as_well_as(conj)):
            to_start = j.parsed.token_span(doc[conj.i - 1])[0] - offset
            if 0 <= to_start < start:
                rest = rest[:to_start] + rest[start:]
    return rest


def inner_list(verb: Token, conj: Token) -> bool:
    """Whether a gerund after "as well as" continues an inner list ("including incorporating
    …, as well as adopting …"), not the main verb: a gerund or a list marker between them."""
    doc = verb.doc
    between = doc[verb.i + 1 : conj.i]
    return conj.tag_ == "VBG" and (
        any(t.tag_ == "VBG" and t.i not in {c.i for c in verb.conjuncts} and not _modifier(t)
            for t in between) or
        any(t.lower_ in {"including", "particularly", "especially", "notably"} for t in between))


def _modifier(token: Token) -> bool:
    """An -ing word that describes a noun ("an open and standing invitation"), not a verb."""
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if token.dep_ in {"amod", "compound"} and token.head.i > token.i and \
            all(t.pos_ in {"ADJ", "NOUN", "PROPN", "PUNCT"}
                for t in doc[token.i + 1 : token.head.i]):
        return True
    if nxt is None or nxt.pos_ not in {"NOUN", "PROPN"}:
        return False
    before = [t for t in doc[max(token.i - 4, 0) : token.i] if t.lower_ not in {"and", "or"}]
    return bool(before) and before[-1].pos_ == "ADJ" and \
        any(t.pos_ == "DET" for t in before[:-1])


def _as_well_as(token: Token) -> bool:
    """Whether a verb follows 'as well as' (or 'as well as to')."""
    doc = token.doc
    before = [t.lower_ for t in doc[max(token.i - 4, 0) : token.i]]
    if before[-1:] == ["to"]:
        before = before[:-1]
    return before[-3:] == ["as", "well", "as"]


def _category(judge: Judge, token: Token) -> int | None:
    """The action category of a verb token (phrases first)."""
    doc = token.doc
    words = [t.lower_ for t in doc[token.i : token.i + 6]]
    phrase = judge.verbs.category_of_phrase(words)
    if phrase:
        return phrase[0]
    return judge.verbs.verbs.get(token.lemma_.lower()) or judge.verbs.verbs.get(token.lower_)


def _inner_verb(judge: Judge, j: Judgement, start: int) -> Token | None:
    """The verb the opening governs ("Continue its efforts to combat …" → combat)."""
    action, doc = j.action, j.parsed.doc
    opening = action.opening_category or 4
    # "Take further action to combat X" is a phrase like "take action to", not one verb.
    single = action.opening_end - action.opening_start == 1 and not any(
        t.lemma_.lower() in EFFORT_NOUNS for t in doc[start : start + 4])
    for token in doc[start : min(len(doc), start + MAX_INNER_SEARCH)]:
        if token.lower_ in FILLERS and token.tag_ not in {"VB", "VBG"}:
            continue
        if token.pos_ != "VERB" and not (token.tag_ in {"VB", "VBG"} and token.i > start):
            if token.lower_ in FILLERS or token.pos_ in {"ADV", "DET", "PART", "ADP"}:
                continue
            if token.pos_ == "NOUN" and token.lower_ in {"efforts", "measures", "steps", "work",
                                                         "policy", "commitment", "action"}:
                continue
            return None
        if token.tag_ not in {"VB", "VBG"}:
            return None
        if token.tag_ == "VBG" and doc[token.i - 1].pos_ in {"ADP", "DET"} and \
                (token.dep_ in {"amod", "compound"} or _modifier(token)):
            return None  # "Share with developing countries": an adjective, not the act
        category = _category(judge, token)
        if category is None:
            # "Continue to apply …": an unknown verb after continuing or considering.
            return token if (opening in {2, 3} or not single) and token.tag_ == "VB" else None
        if category == 4 and len(token.doc[token.i : token.i + 2]) and judge.verbs.\
                category_of_phrase([t.lower_ for t in doc[token.i : token.i + 6]]):
            continue  # "make efforts to", "take measures to": look further in
        if category < 4:
            if category == 2:
                continue  # "continue to maintain"
            return None
        if category == 4 and opening == 4 and single:
            return None  # "Ensure to promote": one general verb for another gains nothing
        return token
    return None


def core(judge: Judge, j: Judgement) -> Draft | None:
    """The text from its concrete verb, as a capitalised imperative; None if no safe edit."""
    action, doc, parsed = j.action, j.parsed.doc, j.parsed
    recast = _passive_subject(judge, j)
    if recast is not None:
        return recast
    if action.opening_category is None:
        return _passive(judge, j)
    opening = doc[action.opening_start]
    lead_in = _before(j, opening).strip()
    draft = Draft(parsed.text, category=action.opening_category)
    if not lead_in and opening.tag_ == "VBG" and opening.i == parsed.first:
        # "Ensuring that …" (a heading's form) → "Ensure that …", unless rewritten below.
        draft.text = finish(opening.lemma_.lower() + _after(j, opening))
        draft.changes.append(f"put '{opening.text}' in the imperative")
    if lead_in:
        if POLARITY.search(lead_in) or main_action_before(j):
            return None
        if any(t.pos_ == "VERB" and t.lemma_.lower() not in LEAD_IN_VERBS
               for t in doc[parsed.first : opening.i]) or \
                re.search(r"\b(?:and|or|and/or)$", lead_in, re.IGNORECASE):
            return None  # "solicit and receive …": a verb of the lead-in is an action too
        draft.text = finish(_from(j, opening))
        if re.search(r"\b(recommend\w*|should|must|shall|that)\b", lead_in, re.IGNORECASE):
            draft.changes.append(f"dropped the lead-in '{lead_in}' (a recommendation is an "
                                 "imperative to the State)")
        else:
            draft.changes.append(f"removed '{lead_in}'")
    if action.opening_category == 5:
        return draft if draft.changes else None
    start = action.verb.i + 1 if action.second_verb_privileged and action.verb else \
        action.opening_end
    inner = _inner_verb(judge, j, start)
    end_of = inner if inner is not None else doc[start - 1]
    if POLARITY.search(parsed.text[parsed.token_span(opening)[0]:
                                   parsed.token_span(end_of)[1]]):
        return None  # "Refrain from adopting …": never drop the negation
    old = parsed.text[parsed.token_span(opening)[0]:parsed.token_span(end_of)[1]]
    if inner is not None:
        rest = _base_forms(j, inner, _after(j, inner), parsed.token_span(inner)[1])
        verb = inner.lemma_.lower()
        draft.text = finish(verb + rest)
        draft.changes = [c for c in draft.changes if not c.startswith("put '")]
        draft.changes.append(f"replaced '{old}' with '{capitalise(verb)}'")
        draft.category = _category(judge, inner) or 4
        draft.verb, draft.verb_i = verb, inner.i
        return draft
    return _nominal(judge, j, draft, start) or (draft if draft.changes else None)


def main_action_before(j: Judgement) -> str | None:
    """The text before the opening verb when it is an action of its own, not a lead-in:
    "Harness international cooperation to implement X" asks to harness, with "implement X"
    its purpose, and "Devise plans for guaranteeing X" asks for plans: dropping it drops the
    main action."""
    action, doc = j.action, j.parsed.doc
    if action.opening_category is None or action.opening_start <= j.parsed.first:
        return None
    lead_in = _before(j, doc[action.opening_start]).strip()
    words = doc[j.parsed.first : action.opening_start]
    if not re.search(r"\b(?:to|for|of|by|towards|toward|at|on|in)$", lead_in) or any(
            t.lemma_.lower() in LEAD_IN_VERBS or t.lower_ in {"should", "must", "shall", "that"}
            for t in words):
        return None
    return lead_in


def _nominal(judge: Judge, j: Judgement, draft: Draft, start: int) -> Draft | None:
    """'Consider ratification of X' → 'Ratify X'; 'Continue its programme' → 'Implement …'."""
    doc, parsed, action = j.parsed.doc, j.parsed, j.action
    i = start
    while i < len(doc) and doc[i].lower_ in {"the", "its", "their", "a", "an", "further", "early",
                                               "speedy", "prompt", "swift", "possible",
                                               "eventual", "timely", "rapid", "quick"}:
        i += 1
    if i >= len(doc):
        return None
    noun = doc[i]
    opening = doc[action.opening_start]
    old_start = parsed.token_span(opening)[0]
    verb = NOMINAL_VERBS.get(noun.lower_)
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if verb and nxt is not None and nxt.lower_ in {"of", "to"}:
        keep_to = verb == "accede" or nxt.lower_ == "to" and verb != "accede"
        rest = _from(j, nxt) if keep_to and nxt.lower_ == "to" else _after(j, nxt)
        if verb == "accede" and nxt.lower_ == "of":
            rest = " to" + rest
        if nxt.lower_ == "of":  # "ratification of X and of Y" → "Ratify X and Y"
            rest = re.sub(r"\b(and|or) of\b", r"\1", rest)
        rest = _nominals_as_verbs(rest)
        draft.text = finish(verb + " " + rest.lstrip())
        old = parsed.text[old_start:parsed.token_span(nxt)[1]]
        draft.changes = [c for c in draft.changes if not c.startswith("put '")]
        draft.changes.append(f"replaced '{old}' with '{capitalise(verb)}'")
        draft.category = judge.verbs.verbs.get(verb, 5)
        return draft
    objects = [c for c in opening.children if c.dep_ == "dobj" and c.i >= noun.i]
    head = objects[0] if objects else noun
    while not objects and head.head.i > head.i and head.head.pos_ == "NOUN" and head.dep_ in {
            "compound", "amod", "nmod"}:
        head = head.head
    table = {2: OBJECT_VERBS, 3: CONSIDER_VERBS}.get(action.opening_category or 0, {})
    if opening.lemma_.lower() in {"revise", "review", "reconsider"} and \
            action.opening_end - action.opening_start == 1:
        table = REVISE_VERBS
    if (objects or noun.pos_ in {"NOUN", "ADJ", "VERB"}) and head.pos_ == "NOUN":
        verb = table.get(head.lemma_.lower())
        if verb and verb in {t.lemma_.lower() for t in doc[start:] if t.pos_ == "VERB"}:
            return None  # "Implement the policy and implement …"
        if verb:
            old = parsed.text[old_start:parsed.token_span(doc[start - 1])[1]]
            draft.text = finish(verb + " " + _before_free(j, doc[start]))
            why = "a continuing action has no end to check" if action.opening_category == 2 \
                else "a review or consideration cannot be checked at the next review"
            draft.changes = [c for c in draft.changes if not c.startswith("put '")]
            draft.changes.append(f"replaced '{old}' with '{capitalise(verb)}' ({why})")
            draft.category = judge.verbs.verbs.get(verb, 5)
            return draft
    return None


_COORDINATED = re.compile(r"\b(and|or|as well as)\s+(?:the|its|an?)\s+(?:(?:early|full|possible|"
                          r"eventual|speedy|prompt)\s+)?(" + "|".join(COORDINATED_NOMINALS)
                          + r")\s+(of|to)\b", re.IGNORECASE)


def _nominals_as_verbs(rest: str) -> str:
    """'…, and the abolishment of Y' → '…, and abolish Y' after a nominalisation made a verb."""
    def verb(m: re.Match[str]) -> str:
        made = COORDINATED_NOMINALS[m.group(2).lower()]
        to = " to" if made == "accede" else ""
        return f"{m.group(1)} {made}{to}" if m.group(3).lower() == "of" else m.group(0)
    return _COORDINATED.sub(verb, rest)


def _before_free(j: Judgement, token: Token) -> str:
    """The text from a token, without a leading 'to'."""
    return re.sub(r"^to\s+", "", _from(j, token))


def _passive_subject(judge: Judge, j: Judgement) -> Draft | None:
    """'The death penalty should be abolished' → 'Abolish the death penalty'."""
    doc, parsed = j.parsed.doc, j.parsed
    for verb in doc[parsed.first : parsed.first + 15]:
        if verb.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in verb.children):
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i]
        if verb.conjuncts:
            return None  # "victims are protected and compensated": no safe single object
        if not subjects or subjects[0].lower_ in {"efforts", "measures", "steps", "it",
                                                   "attention", "priority"}:
            return None
        subject = subjects[0]
        span = doc[subject.left_edge.i : subject.right_edge.i + 1]
        head = parsed.text[: parsed.token_span(span[0])[0]]
        if POLARITY.search(head + " " + parsed.text[parsed.token_span(span[-1])[1]:
                                                     parsed.token_span(verb)[0]]):
            return None
        words = parsed.text[parsed.token_span(span[0])[0]:parsed.token_span(span[-1])[1]]
        if span[0].pos_ != "PROPN" and not span[0].is_upper:
            words = words[:1].lower() + words[1:]
        lemma = verb.lemma_.lower()
        rest = _base_forms(j, verb, _after(j, verb), parsed.token_span(verb)[1])
        draft = Draft(finish(f"{lemma} {words}{rest}"),
                      category=_category(judge, verb) or 4, verb=lemma, verb_i=verb.i)
        old = parsed.text[: parsed.token_span(verb)[1]]
        draft.changes.append(f"recast the passive '{old}' as an imperative "
                             f"('{capitalise(lemma)} {words}')")
        return draft
    return None


def _passive(judge: Judge, j: Judgement) -> Draft | None:
    """'Efforts should be continued to combat X' → 'Combat X'."""
    doc = j.parsed.doc
    for token in doc[j.parsed.first : j.parsed.first + 10]:
        if token.tag_ == "VB" and token.i > 0 and doc[token.i - 1].lower_ == "to" and any(
                t.tag_ == "VBN" for t in doc[j.parsed.first : token.i]):
            head = _before(j, token).strip()
            if POLARITY.search(head):
                return None
            category = _category(judge, token)
            rest = _base_forms(j, token, _after(j, token), j.parsed.token_span(token)[1])
            draft = Draft(finish(token.lemma_.lower() + rest), category=category or 4,
                          verb=token.lemma_.lower(), verb_i=token.i)
            draft.changes.append(f"recast the passive opening '{head}' as an imperative")
            return draft
    return None


def deadline_phrase(context: dict[str, Any]) -> str:
    """'by 2029' when the next review year is known, else 'by [year]'."""
    year = context.get("next_review_year")
    return f"by {int(year)}" if str(year or "").isdigit() else "by [year]"


def add_deadline(draft: Draft, phrase: str, at_end: bool = False,
                 after_verb: bool = False, verb_words: int = 0) -> None:
    """Add a deadline: at the end of a short text, right after the verb of a long one or of
    one whose object holds a clause of its own (`after_verb`, read from the parse), or after
    the `verb_words` opening verbs when more than their object follows it."""
    before = draft.text
    _place_deadline(draft, phrase, at_end, after_verb, verb_words)
    if draft.text == before:
        return
    body = before.rstrip(". ")
    if _inside_title(body, draft.text, phrase):
        # "Ratify the Protocol to Prevent … in Persons by [year], Especially Women …": a
        # title is one word; the deadline goes after the verb, or nowhere.
        placed = _before_clause(body, None, phrase)
        if placed is None or _inside_title(body, finish(placed), phrase):
            draft.text = before
            return
        draft.text = finish(placed)
    draft.changes.append(f"added a deadline ('{phrase}')")


def _inside_title(body: str, text: str, phrase: str) -> bool:
    """Whether the deadline of `text` stands inside a title of `body`."""
    at = text.find(phrase)
    if at < 0:
        return False
    point = len(text[:at].rstrip(" ,"))
    return any(start < point < end for start, end in title_ranges(body))


def _place_deadline(draft: Draft, phrase: str, at_end: bool, after_verb: bool,
                    verb_words: int) -> None:
    """Put the deadline where `add_deadline` says, or leave the text as it is."""
    body = draft.text.rstrip(". ")
    first, _, rest = body.partition(" ")
    tail = TAIL.search(body)
    if after_verb and not at_end:
        # "Ratify the treaties to which it is a party by [year]" would date the clause
        placed = _before_clause(body, None, phrase)
        if placed is None:
            return
        draft.text = finish(placed)
    elif at_end and draft.means_end is not None and draft.means_end < len(body):
        # "Combat X by adopting a plan against X by [year], and promote Y": the plan's date.
        draft.text = finish(f"{body[: draft.means_end]} {phrase}{body[draft.means_end:]}")
    elif not at_end and tail is not None and len(body[: tail.start()].split()) >= 2 and \
            len(body[tail.end():].split()) >= TAIL_MIN_WORDS and \
            (len(body.split()) <= LONG_TEXT_WORDS or not rest or first.endswith(",")
             or re.match(r"(and|or|to|,)\b", rest)) and \
            not re.search(r",\s*(?:and|as well as)\s+[a-z]+\b", body[: tail.start()]):
        # "Adopt a plan on X by [year], including measures to Y": not stranded after the tail,
        # where it would read as the date of its last clause.
        draft.text = finish(f"{body[: tail.start()]} {phrase}{body[tail.start():]}")
    elif not at_end and (clause := _clause_at(body)) is not None:
        placed = _before_clause(body, clause, phrase)
        if placed is None:
            return  # no safe place: a deadline anywhere else would date the wrong act
        draft.text = finish(placed)
    elif verb_words and not at_end:
        # "… treaties as well by [year]": only right after the verbs, or nowhere
        placed = _after_verbs(body, verb_words, phrase)
        if placed is None:
            return
        draft.text = finish(placed)
    elif at_end or len(body.split()) <= LONG_TEXT_WORDS:
        draft.text = finish(f"{body} {phrase}")
    elif re.match(r"(and|or|to|,)\b", rest) or not rest or first.endswith(","):
        return  # "Implement, by [year], and strengthen" would break the coordination
    else:
        draft.text = finish(f"{first}, {phrase}, {rest}")


def _after_verbs(body: str, verb_words: int, phrase: str) -> str | None:
    """The deadline right after the opening verbs ("Modify or repeal, by [year], the law …"),
    or nothing when that reads badly: a particle or pronoun next, or a very short object."""
    words = body.split(" ")
    if verb_words < 1 or re.match(r"(?:it|them|this|these|those)\b", " ".join(words[1:]),
                                  re.IGNORECASE):
        return None
    if verb_words == 1:
        return _before_clause(body, None, phrase)
    verbs, rest = " ".join(words[:verb_words]), " ".join(words[verb_words:])
    if verbs.endswith(",") or not rest or PARTICLE.match(rest) or \
            re.match(r"(?:and|or|to|it|them|this|these|those|,)\b", rest, re.IGNORECASE):
        return None
    return f"{verbs}, {phrase}, {rest}"


def _clause_at(body: str) -> re.Match[str] | None:
    """Where a clause of the object's own begins (two words in at least), if anywhere."""
    for m in CLAUSE_START.finditer(body):
        before = body[: m.start()].split()
        if m.group().strip().lower() == "that" and before and \
                before[-1].lower().strip(",") in NOT_RELATIVE_THAT:
            continue  # "Ensure that …", "so that …": no relative clause
        if len(before) >= 2:
            return m
    return None


def _before_clause(body: str, clause: re.Match[str] | None, phrase: str) -> str | None:
    """The deadline right after a short object set off by a comma ("Ratify X by [year], as
    a step …"), else right after the verb ("Establish, by [year], a moratorium … with a view
    to …"), else nothing."""
    first, _, rest = body.partition(" ")
    particle = PARTICLE.match(rest) or next(
        (m for p in VERB_PARTICLES.get(first.lower(), ()) if (m := re.match(rf"{p}\s+", rest))),
        None)
    if particle:  # "Carry out, by [year], the reform", not "Carry, by [year], out"
        first, rest = f"{first} {particle.group().strip()}", rest[particle.end():]
    head = clause.group().strip().lower() if clause is not None else ""
    # a relative pronoun right after "[year]" would read as the year's
    relative = head.split()[-1] in {"which", "who", "whom", "whose", "whereby", "that"} \
        if head else False
    if clause is not None and clause.group().startswith(",") and not relative and \
            len(body[: clause.start()].split()) - 1 <= SHORT_OBJECT_WORDS:
        return f"{body[: clause.start()]} {phrase}{body[clause.start():]}"
    if rest and not first.endswith(",") and not re.match(r"(and|or|to|,)\b", rest):
        return f"{first}, {phrase}, {rest}"
    return None


def add_means(draft: Draft, gerund: str, issue: str, sources: tuple[dict[str, Any], ...],
              after: str | None = None, mid_only: bool = False) -> bool:
    """Give a general action the concrete means real recommendations ask for: at the end,
    or right after its object (`after`) when a comma follows it (`mid_only`: only there,
    as when another action follows)."""
    body = draft.text.rstrip(". ")
    if re.search(r"\bby \w+ing\b", body):
        return False
    at = body.find(after) + len(after) if after and after in body else -1
    if at > 0 and QUALIFIER.match(body[at:]):
        return False  # "Combat X, in particular against Y": a means would cut Y off from X
    if at > 0 and OBJECT_TAIL.match(body[at:]) and not NEXT_ACTION.match(body[at:]):
        # "Protect X, including Y" / "Combat X, to protect Y and to prevent Z": a means before
        # the tail would take the tail as its own (its date, its purpose or its examples).
        return False
    clause = at > 0 and not body[at:].startswith(",") and AFTER_OBJECT.match(body[at:])
    if not mid_only and not clause and "," not in body and len(body.split()) <= LONG_TEXT_WORDS:
        draft.text = finish(f"{body} by {gerund}")
    elif at > 0 and AFTER_OBJECT.match(body[at:]) and len(body.split()) <= MEANS_MAX_WORDS and \
            "," not in body[:at].replace(after or "", ""):
        # "Combat X by adopting …, and improve Y" / "…, in order to …": the means is the
        # object's, set off by a comma from what follows.
        rest = body[at:] if body[at:].startswith(",") else "," + body[at:]
        draft.text = finish(f"{body[:at]} by {gerund}{rest}")
        draft.means_end = draft.text.find(f"by {gerund}") + len(f"by {gerund}")
    else:
        return False  # the means would hang on whatever clause comes last
    draft.sources = sources
    where = _where(sources)
    draft.changes.append(f"added a concrete means that recommendations on {issue} ask for "
                         f"('{gerund}'{where})")
    draft.category = 5
    return True


def _where(sources: tuple[dict[str, Any], ...]) -> str:
    """'; e.g. recommended to X by Y, session N (Accepted)' for the first corpus source."""
    for s in sources:
        if s.get("to") and s.get("from"):
            response = f", {s['response'].lower()}" if s.get("response") else ""
            return (f"; e.g. recommended to {s['to']} by {s['from']}, session "
                    f"{s.get('session')}{response}")
    return "; from the team's exemplars" if sources else ""


REMOVABLE_HEDGES = {
    "as appropriate", "where appropriate", "where possible", "if possible", "whenever possible",
    "as far as possible", "to the extent possible", "to the extent feasible", "as necessary",
    "if necessary", "where necessary", "in accordance with national legislation",
    "in accordance with its national legislation", "in line with national legislation",
    "in conformity with national legislation", "within available resources",
    "within its available resources", "subject to available resources", "where feasible",
    "as it deems appropriate", "as it sees fit", "in the light of national circumstances",
    "taking into account national specificities", "taking into account its national "
    "circumstances", "in a manner consistent with its traditions"}


def drop_hedges(j: Judgement, draft: Draft) -> None:
    """Delete hedges that can go without breaking the sentence."""
    for finding in j.findings:
        if finding.rule != "specific.hedge" or finding.match.lower() not in REMOVABLE_HEDGES:
            continue
        # "as well as necessary legislation" keeps its "as necessary"
        pattern = re.compile(r",?\s*(?<!well )" + re.escape(finding.match) + r"\s*(,(?=\s))?",
                             re.IGNORECASE)
        new = pattern.sub(" ", draft.text, count=1)
        if new != draft.text:
            draft.text = finish(new)
            draft.changes.append(f"removed the hedge '{finding.match}'")
    further = re.search(r"\bfurther (?=(?:strengthen|develop|improve|promote|enhance|"
                        r"increase|intensify|consolidate)\b)", draft.text, re.IGNORECASE)
    if further:
        draft.text = finish(draft.text[: further.start()] + draft.text[further.end():])
        draft.changes.append("removed 'further'")


UNFINISHED = re.compile(
    r"(develop|draft|prepare|elaborate|formulate|design)\b(?! and adopt)"
    r"(?=(?:\W+\w+){0,5}?\W+(?:strateg(?:y|ies)|plans?|polic(?:y|ies)|laws?|legislation|"
    r"programmes?|programs?|bills?|codes?|framework)\b)", re.IGNORECASE)


def finish_deliverable(j: Judgement, draft: Draft) -> None:
    """'Develop a strategy' → 'Develop and adopt a strategy' (drafting alone is not done)."""
    match = UNFINISHED.match(draft.text)
    unfinished = any(f.rule == "measurable.unfinished-deliverable" for f in j.findings)
    if not match or not (unfinished or draft.changes):
        return
    rest = draft.text[match.end():]
    if re.match(r"\s*,", rest) or re.match(r"\s+(?:and|or)\s+adopt\b", rest):
        return  # "Develop, implement and monitor …": a series of its own is left alone
    if re.match(r"\s+(?:and|or)\s+[a-z]+\b", rest) and not re.match(
            r"\s+(?:and|or)\s+(?:the|a|an|its|their)\b", rest):
        # "Develop and implement X" → "Develop, adopt and implement X", never "… and adopt and"
        draft.text = draft.text[: match.end()] + ", adopt" + rest
    else:
        draft.text = draft.text[: match.end()] + " and adopt" + rest
    draft.changes.append("asked for adoption, not only drafting")
