"""Whether a rewrite is genuinely SMARTer: a real gain in Specific or Measurable.

The reviewers' convention (docs/evaluation-rewrites.md): a deadline or a citation added to
an unchanged open-ended effort is no gain; a concrete verb, a concrete means or adoption is.
Used by the rewriter to choose and by the automated checks to verify.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from smartcheck.rewrite.guards import DEADLINE

if TYPE_CHECKING:
    from spacy.tokens import Token

    from smartcheck.judge.judging import Judgement

VERDICT_RANK = {"fail": 0, "partial": 1, "pass": 2}
# Verbs that name an outcome, not an act: a deadline on them alone is no gain.
OUTCOMES = {"eliminate", "eradicate", "achieve", "end", "reduce", "combat", "prevent", "fight",
            "guarantee", "ensure", "improve", "increase", "promote", "protect", "strengthen",
            "enhance", "address", "tackle", "counter", "remove", "punish"}


# Objects that leave an act open-ended ("Develop the health-care system", "Establish effective
# partnership", "Incorporate a human rights perspective", "Take more resolute action").
OPEN_OBJECTS = {"system", "sector", "partnership", "cooperation", "dialogue", "action",
                "perspective", "approach", "principle", "priority", "attention", "capacity",
                "culture", "environment", "situation", "condition", "monitoring", "relation",
                "collaboration", "awareness", "spirit", "commitment", "right", "freedom",
                "work", "role", "engagement", "involvement", "quality", "standard", "level",
                "practice", "value", "idea", "trust", "confidence"}
# Objects that stay open unless something names them ("harmonise legislation with
# international instruments", "extend the range of instruments", "the judicial reform",
# "development programmes"): named by a name or a number anywhere in the object or the
# verb's own phrases, not inside a clause of theirs.
UNNAMED_OBJECTS = {"legislation", "range", "framework", "programme", "program", "project",
                   "reform", "process"}
# Verbs whose object follows a preposition ("adhere to the principles of …").
PREPOSITIONAL = {"adhere", "abide", "commit", "subscribe", "contribute", "engage", "attend"}
# An absolute outcome made the ask ("Continue efforts to eradicate poverty" → "Eradicate
# poverty by adopting a plan …"): no State delivers it in a cycle, whatever the means (the
# reviewers), although the Achievable rule judges an aim with a means on the means.
ABSOLUTE = re.compile(r"^(?:eradicate|put an end to\b|end the practices? of\b|"
                      r"(?:eliminate|end)\s+(?:all\s+(?:forms?|kinds?|"
                      r"types?|acts?)\s+of\s+)?(?:poverty|extreme poverty|discrimination|"
                      r"violence|corruption|impunity|hunger|illiteracy|racism|inequalit(?:y|ies)|"
                      r"unemployment|malnutrition|xenophobia|intolerance|homelessness|"
                      r"child labour|child labor|trafficking|exploitation)\b)", re.IGNORECASE)
ABSTRACT = re.compile(r"(?:ence|ance|ness|hood)$")
# Nouns in -ence/-ance that name a thing or an offence, not a quality.
CONCRETE_ENCE = {"violence", "sentence", "evidence", "licence", "license", "ordinance",
                 "allowance", "maintenance", "presence", "grievance", "insurance", "conference",
                 "residence", "ambulance", "dependence", "substance", "ordnance"}
CONTINUING = {"continue", "pursue", "maintain", "persevere", "persist", "keep", "sustain",
              "intensify", "redouble", "step"}
# Verbs that declare rather than deliver when what they act on is made "a priority".
DECLARING = {"set", "declare", "proclaim", "recognise", "recognize", "affirm", "reaffirm",
             "acknowledge", "identify", "designate", "consider", "regard", "treat"}
PRIORITY = re.compile(r"\bas an? (?:[\w-]+ ){0,2}priorit(?:y|ies)\b", re.IGNORECASE)
EFFORT_OBJECTS = {"measure", "step", "action", "effort", "initiative", "activity"}
COMPARATIVES = {"more", "greater", "better", "further", "stronger", "broader", "wider",
                "increased", "enhanced", "improved", "resolute", "effective"}


def open_ended(judged: Judgement) -> bool:
    """Whether the opening verb's object leaves the act open-ended: a general noun with no
    name ("the health-care system", "effective partnership") or a comparative ("more
    resolute action", "more effective monitoring")."""
    if judged.action.opening_category is None:
        return False
    return _open_object(judged.parsed.doc[judged.action.opening_start], judged.parsed.first)


def _open_object(verb: Token, first: int) -> bool:
    """Whether a verb's object is a general noun with no name, or a comparative."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    if not objects:  # "Adhere to the principles of …", "Give priority to …"
        objects = [g for c in verb.children if c.dep_ == "prep" and c.i == verb.i + 1
                   and verb.lemma_.lower() in PREPOSITIONAL for g in c.children
                   if g.dep_ == "pobj"]
    if not objects:
        return False
    head = objects[0]
    left = [t for t in head.subtree if t.i < head.i]
    # "Further reform the institutional framework": an existing framework left unnamed is as
    # open as "its policy"; "a legal framework on X" is a new thing to adopt
    framework = head.lemma_.lower() == "framework" and not any(
        t.lower_ in {"a", "an"} for t in left)
    if head.lemma_.lower() not in OPEN_OBJECTS and not framework:
        return False
    # "the Roma Integration Strategy … system" names one, unless it asks for "more" of it
    named = any(t.pos_ == "PROPN" or t.text[:1].isupper() and t.i > first
                for t in left)
    return not named or any(t.lower_ in COMPARATIVES for t in left)


CREATING = {"adopt", "enact", "establish", "create", "set", "introduce", "launch"}
ANCHOR = re.compile(r"(?:in (?:line|accordance|conformity|compliance) with|consistent with)\b",
                    re.IGNORECASE)


# Participles that say an object exists already ("the measures taken", "the plan adopted").
MADE = {"take", "adopt", "undertake", "implement", "establish", "make", "introduce", "launch"}


def _already_made(verb: Token) -> bool:
    """Whether a creating verb is asked of an object that exists already ("Evaluate the
    measures taken …" → "Adopt the measures taken …"): a changed meaning, no gain."""
    if verb.lemma_.lower() not in CREATING:
        return False
    return any(a.dep_ == "acl" and a.tag_ == "VBN" and a.lemma_.lower() in MADE
               for c in verb.children if c.dep_ in {"dobj", "obj"} for a in c.children)


def unnamed_object(verb: Token) -> bool:
    """Whether a verb's object is a general thing left unnamed ("harmonise its legislation
    with international human rights instruments", "the reform of its judicial system"): no
    name, no number, no quoted title in the object or the verb's own phrases."""
    verbs = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    objects = [c for v in verbs for c in v.children if c.dep_ in {"dobj", "obj"}]
    if not objects or objects[0].lemma_.lower() not in UNNAMED_OBJECTS:
        return False
    head = objects[0]
    # "Adopt a national programme …": a new instrument, not an ongoing one left open
    if verb.lemma_.lower() in CREATING and any(c.lower_ in {"a", "an"} for c in head.children):
        return False
    if any("-" in t.text for t in head.lefts):  # "credit-for-jobs projects": named by kind
        return False
    # an anchor ("in line with article 14 of the ICCPR") cites a standard, it names no object
    phrases = objects + [c for v in verbs for c in v.children if c.dep_ == "prep" and
                         not ANCHOR.match(c.doc[c.i : c.i + 4].text)]
    clauses = {t.i for p in phrases for c in p.subtree
               if c.dep_ in {"relcl", "acl", "advcl"} for t in c.subtree}
    first = verb.i
    for p in phrases:
        for t in p.subtree:
            if t.i in clauses:
                continue
            if t.pos_ in {"PROPN", "NUM"} or t.like_num or t.is_quote or \
                    t.text[:1].isupper() and t.i > first:
                return False
    return True


# Plural or mass objects that name a kind of effort, not one thing ("cooperation programmes
# with ILO", "projects", "activities"): a partner or a purpose does not name them.
OPEN_PLURALS = {"programme", "program", "project", "activity", "initiative", "cooperation",
                "partnership", "campaign"}


# Policies and plans left unnamed ("its policy aimed at …", "the socio-economic development
# strategies and plans", "its policies and programmes"): open whether singular or plural
# (only "plans", "efforts" and "reforms" in the plural), a hyphenated kind names none.
OPEN_POLICIES = {"policy", "strategy", "work"}
OPEN_POLICY_PLURALS = {"plan", "effort", "reform"}
# ("efforts" and "work" with a verb of their own are an opener: "Continue efforts to ratify X")


def open_plural(verb: Token) -> bool:
    """Whether a verb's object is an unnamed plural or mass effort ("cooperation programmes
    with ILO with a view to …") or policy ("its policy aimed at …"): no determiner "a", no
    name, number or hyphenated kind in the object's own words before its head."""
    if _open_policy(verb):
        return True
    objects = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    if not objects or objects[0].lemma_.lower() not in OPEN_PLURALS:
        return False
    head = objects[0]
    if head.tag_ != "NNS" and head.lemma_.lower() not in {"cooperation", "partnership"}:
        return False
    left = [t for t in head.subtree if t.i < head.i]
    return not any(t.lower_ in {"a", "an"} or t.pos_ in {"PROPN", "NUM"} or t.like_num or
                   "-" in t.text or t.text[:1].isupper() and t.i > verb.i for t in left)


def _open_policy(verb: Token) -> bool:
    """Whether a verb's object is a policy, strategy or plans left unnamed ("its policy aimed
    at …", "the socio-economic development strategies and plans")."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    if objects and (objects[0].lemma_.lower() in OPEN_POLICIES or
                    objects[0].lemma_.lower() in OPEN_POLICY_PLURALS and
                    objects[0].tag_ == "NNS"):
        head = objects[0]
        if head.lemma_.lower() in {"effort", "work"} and \
                any(t.pos_ == "VERB" for t in head.subtree if t.i > head.i):
            return False  # "Continue efforts to ratify X": the opener, not the object
        # an owner names no policy ("the Government's policy")
        owner = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
        left = [t for t in head.subtree if t.i < head.i and t.i not in owner]
        return not any(t.lower_ in {"a", "an"} or t.pos_ in {"PROPN", "NUM"} or
                       t.text[:1].isupper() and t.i > verb.i for t in left) and \
            not any(t.like_num or t.pos_ == "NUM" for t in head.subtree)
    return False


def _effort_object(verb: Token) -> bool:
    """Whether a verb's object (or its coordinated verb's: "develop and implement measures")
    is an effort with no name ("measures aimed at …") or an abstract quality ("its
    technological independence")."""
    verbs = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    for head in (c for v in verbs for c in v.children if c.dep_ in {"dobj", "obj"}):
        lemma = head.lemma_.lower()
        if lemma in EFFORT_OBJECTS or ABSTRACT.search(lemma) and lemma not in CONCRETE_ENCE:
            left = [t for t in head.subtree if t.i < head.i]
            return not any(t.pos_ == "PROPN" or t.text[:1].isupper() and t.i > 0 for t in left)
    return False


def recast_needed(j: Judgement) -> bool:
    """Whether a text's ask is not an imperative at its start (a lead-in or a passive): a
    rewrite that recasts it gains in form."""
    return j.action.opening_category is None or j.action.opening_start != j.parsed.first


def _checkable(j: Judgement) -> bool:
    """Specific, and at least partly measurable."""
    return VERDICT_RANK[j.criteria["specific"].verdict] == 2 and \
        VERDICT_RANK[j.criteria["measurable"].verdict] >= 1


def nothing_to_gain(source: Judgement) -> bool:
    """Whether no rewrite can pass `gains_substance`: the source already opens with a
    concrete verb and is checkable, so a deadline or a citation alone adds nothing, whatever
    the rewrite's parse (read before any candidate is parsed)."""
    return _checkable(source) and not recast_needed(source) and \
        source.action.opening_category == 5


def gains_substance(source: Judgement, judged: Judgement, added: bool = False) -> bool:
    """Whether a rewrite makes the action itself more specific or measurable.

    A deadline or an anchor bolted onto an action that stays general ("Promote … by [year]",
    "Take measures … by [year]") is a stock phrase, not a SMARTer ask: such a rewrite must
    raise Specific or Measurable with a concrete verb or an added means or adoption (`added`);
    a score raised only by dropping "take steps to" is no gain.
    """
    def rank(j: Judgement, name: str) -> int:
        return VERDICT_RANK[j.criteria[name].verdict]

    if ABSOLUTE.match(judged.parsed.text[judged.parsed.token_span(
            judged.parsed.doc[judged.parsed.first])[0]:]):
        return False

    opening = judged.parsed.doc[judged.action.opening_start].lemma_.lower() \
        if judged.action.opening_category is not None else ""
    if opening in DECLARING and not added and PRIORITY.search(judged.parsed.text):
        return False  # "Set out, as a national priority, X": a declaration, no deliverable
    # An outcome ("Eliminate the disparities …") is no concrete act whatever the lexicon says.
    # A deadline inside the sentence can hide the object from the parse: read it in the
    # source too ("Establish, by [year], effective partnership …").
    same = [t for t in source.parsed.doc[source.parsed.first :]
            if t.lemma_.lower() == opening and t.pos_ in {"VERB", "AUX"}]
    vague = open_ended(judged) or bool(same) and _open_object(same[0], source.parsed.first)
    act = judged.action.opening_category == 5 and opening not in OUTCOMES and not vague
    # "Continue to reform its policies and programmes …" → "Reform, by [year], its policies
    # and programmes …": "Continue" dropped, the policies still unnamed, however concrete the
    # source already read.
    # A deadline after the verb can hide the object from the parse: read it in the source too.
    start = source.parsed.doc[source.parsed.first]
    inner = [t for t in source.parsed.doc[source.parsed.first + 1 :]
             if t.lemma_.lower() == opening and t.pos_ in {"VERB", "AUX"}]
    if start.lemma_.lower() in CONTINUING and not added and \
            not (judged.action.means and not source.action.means) and \
            judged.action.opening_category is not None and \
            (_open_policy(judged.parsed.doc[judged.action.opening_start]) or
             _open_policy(start) or bool(inner) and _open_policy(inner[0])):
        return False
    if _checkable(source):
        # Already concrete and checkable: a deadline or a citation alone is no gain (the
        # reviewers' convention); a concrete verb in place of a continuing, considering or
        # general one is ("Take steps to ensure that the Bill is enacted" → "Enact the Bill").
        # A lead-in or a passive recast as the imperative is a gain in form. (`nothing_to_gain`
        # is this case with a concrete verb already at the start.)
        return recast_needed(source) or act and (source.action.opening_category or 0) < 5
    # Dropping "Continue" to leave a general verb is no gain: Specific must reach a pass, or
    # rise with a concrete verb ("Consider legislative measures" → "Adopt legislative measures").
    rises = rank(judged, "specific") > rank(source, "specific")
    # Only dropping "take steps to" before a general verb raises the score, not the ask.
    concrete = act or bool(judged.action.means) and not source.action.means or \
        judged.action.category == 5 and (source.action.category or 0) < 5 and \
        judged.action.opening_category != 4 and opening not in OUTCOMES and not vague
    measurable = rank(judged, "measurable") > rank(source, "measurable")
    # The same verb on the same open-ended effort with only a deadline or a citation added
    # ("Adopt quick and effective measures … by [year]") asks nothing new.
    verb = source.parsed.doc[source.action.opening_start]
    kept = source.action.opening_category == 5 and \
        source.action.opening_start == source.parsed.first and verb.lemma_.lower() == opening
    efforts = any(c.dep_ in {"dobj", "obj"} and c.lemma_.lower() in EFFORT_OBJECTS
                  for c in verb.children)
    if kept and efforts and not added and not (judged.action.means and not source.action.means):
        return False
    # "Continue to develop and implement measures …" → "Develop and implement measures … by
    # [year]": an open-ended effort with only "Continue" dropped and a deadline added.
    if judged.action.opening_category is not None and \
            _already_made(judged.parsed.doc[judged.action.opening_start]):
        return False
    continuing = source.parsed.doc[source.parsed.first].lemma_.lower() in CONTINUING or \
        _wrapper_removed(source, opening)
    # "Continue its efforts to harmonise legislation with international instruments" →
    # "Harmonise legislation … by [year]": "Continue" dropped, the object still unnamed.
    if continuing and not (judged.action.means and not source.action.means) and \
            (judged.action.opening_category is not None and
             unnamed_object(judged.parsed.doc[judged.action.opening_start]) or
             unnamed_object(source.parsed.doc[source.parsed.first])):
        return False
    if continuing and not added and not (judged.action.means and not source.action.means) and \
            judged.action.opening_category is not None and \
            _effort_object(judged.parsed.doc[judged.action.opening_start]):
        return False
    # "Continue cooperation programmes with ILO" → "Implement, by [year], cooperation
    # programmes with ILO": "Continue" swapped, the programmes still unnamed.
    if continuing and not added and not (judged.action.means and not source.action.means) and \
            (judged.action.opening_category is not None and
             open_plural(judged.parsed.doc[judged.action.opening_start]) or
             open_plural(source.parsed.doc[source.parsed.first])):
        return False
    # "Continue to build … the resources in the Fund, to ensure …" → the same act on an
    # unnamed object with only a citation added (its own time left no room for a deadline).
    if continuing and not added and not (judged.action.means and not source.action.means) and \
            same and len(DEADLINE.findall(judged.parsed.text)) <= \
            len(DEADLINE.findall(source.parsed.text)) and \
            _cited(source.parsed.text, judged.parsed.text) and \
            judged.action.opening_category is not None and \
            not _named_head(judged.parsed.doc[judged.action.opening_start]):
        return False
    return (rises or measurable) and (concrete or added)


def _wrapper_removed(source: Judgement, opening: str) -> bool:
    """Whether the rewrite dropped an opener wrapped round its efforts ("Channel its efforts
    into implementing X" → "Implement X"), as it drops "Continue"."""
    verb = source.parsed.doc[source.parsed.first]
    return verb.pos_ == "VERB" and verb.lemma_.lower() != opening and any(
        c.dep_ in {"dobj", "obj"} and c.lemma_.lower() == "effort" for c in verb.children)


def _cited(source: str, text: str) -> bool:
    """Whether a rewrite added a citation ("…, in line with article 13 of the ICESCR")."""
    return "in line with" in text.lower() and "in line with" not in source.lower()


def _named_head(verb: Token) -> bool:
    """Whether the object of a verb (or of its coordinated verbs) is named in its own words:
    a capitalised word or a number up to its head ("the 2011-2015 Health Sector Strategy")."""
    verbs = [verb] + [c for c in verb.subtree if c.dep_ == "conj" and c.pos_ == "VERB"]
    for head in (c for v in verbs for c in v.children if c.dep_ in {"dobj", "obj"}):
        if any(t.like_num or t.pos_ in {"PROPN", "NUM"} or t.text[:1].isupper()
               for t in head.subtree if verb.i < t.i <= head.i):
            return True
    return False


def concrete_as_written(part: Judgement) -> bool:
    """Whether a text has nothing left to gain as it stands: it opens with a concrete act
    (not an outcome, not an open-ended object) and passes Specific with a checkable result —
    so a split part may stay as written ("Ratify the OP-CAT", not "Consider alternatives …")."""
    if part.action.opening_category != 5 or part.action.opening_start != part.parsed.first:
        return False
    verb = part.parsed.doc[part.action.opening_start]
    return verb.lemma_.lower() not in OUTCOMES and not open_ended(part) and \
        part.criteria["specific"].verdict == "pass" and \
        part.criteria["measurable"].verdict != "fail"
