"""Read the action of a recommendation: its opening verb, object, means and main verbs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from smartcheck.judge.addressee import find_addressee
from smartcheck.judge.lexicons import ActionVerbs
from smartcheck.judge.parsing import Parsed

if TYPE_CHECKING:
    from spacy.tokens import Token

# Words that may stand before the action verb without being it.
SKIPPABLE = {"to", "further", "also", "fully", "effectively", "immediately", "urgently", "swiftly",
             "promptly", "duly", "actively", "continuously", "systematically", "seriously",
             "the", "government", "state", "should", "must", "shall", "that", "it", "its",
             "we", "recommend", "recommends", "recommended", "is", "strongly", "authorities",
             "(", ")", "-", "•", ":", ",", "please",
             "vigorously", "expeditiously", "resolutely", "firmly", "progressively", "gradually"}
VAGUE_OBJECTS = {"measure", "step", "effort", "action", "initiative", "activity", "thing",
                 "progress", "work", "situation", "commitment", "cooperation", "dialogue",
                 "policy", "policies", "mean", "means", "way", "attention", "priority",
                 "everything", "all", "approach", "focus", "promotion", "protection",
                 "enjoyment", "realization", "realisation", "framework", "respect", "resource",
                 "reform", "overhaul", "form", "kind", "type", "manifestation", "area",
                 "field", "issue", "matter", "question", "problem", "change", "improvement",
                 "relationship", "capacity", "support", "assistance", "environment", "culture",
                 "climate", "awareness", "partnership"}
# "End/eliminate X" names an outcome, not an object, when X is a social ill or is "all …"
# (SMART-RUBRIC.md: a concrete verb with a sweeping object is only partly specific).
OUTCOME_VERBS = {"end", "eliminate", "eradicate", "stop", "combat", "prevent"}
# Of those, the ones that promise the outcome itself (Achievable: no State delivers it in a cycle).
ABSOLUTE_VERBS = {"end", "eliminate", "eradicate"}
OUTCOME_NOUNS = {"violence", "discrimination", "poverty", "corruption", "impunity", "hunger",
                 "illiteracy", "racism", "inequality", "unemployment", "malnutrition",
                 "xenophobia", "intolerance", "homelessness", "marriage", "labour", "labor",
                 "trafficking", "statelessness", "torture", "abuse", "exploitation", "stigma",
                 "stereotype", "mortality", "practice", "form", "kind", "type", "act"}
# Asking the State to stop something (third set's convention, examples/rubric-cases-3.yml): on
# a practice of its own agents it is a concrete action (S pass); on a social phenomenon it is a
# general one (S fail) and an absolute outcome (A fail). Eliminate/eradicate + a social ill is a
# concrete verb with a sweeping object (S partial, as rc2-031).
CESSATION_VERBS = {"end", "stop", "halt", "cease", "discontinue"}
ELIMINATION_VERBS = {"eliminate", "eradicate"}
SOCIAL_ILLS = {"violence", "discrimination", "poverty", "corruption", "impunity", "hunger",
               "illiteracy", "racism", "inequality", "unemployment", "malnutrition", "xenophobia",
               "intolerance", "homelessness", "marriage", "labour", "labor", "trafficking",
               "statelessness", "stereotype", "stereotypes", "stigma", "stigmatisation",
               "stigmatization", "hatred", "mortality", "violation", "regression", "prejudice",
               "exploitation", "antisemitism", "islamophobia", "sexism", "misogyny", "homophobia",
               "transphobia", "bullying", "femicide", "femicides", "radicalisation",
               "radicalization", "extremism", "backsliding", "retrogression"}
STATE_PRACTICES = {"execution", "eviction", "arrest", "detention", "deportation", "expulsion",
                   "demolition", "raid", "removal", "blocking", "surveillance", "prosecution",
                   "harassment", "intimidation", "reprisal", "flogging", "stoning", "amputation",
                   "shackling", "testing", "incarceration", "internment", "recruitment",
                   "conscription", "censorship", "shutdown", "jamming", "profiling", "torture",
                   "killing", "disappearance", "confinement", "examination", "refoulement",
                   "pushback", "crackdown", "ill-treatment", "abduction", "sterilisation",
                   "sterilization", "persecution", "bombing", "shelling", "airstrike",
                   "interrogation", "beating", "whipping", "caning", "segregation", "seizure",
                   "confiscation", "expropriation", "closure", "suspension"}
# "all forms of X", "a climate of X": the noun after "of" is what is meant.
CONTAINER_NOUNS = {"form", "kind", "type", "manifestation", "act", "climate", "culture",
                   "atmosphere", "cycle", "phenomenon", "instance", "case", "incident", "practice",
                   "use"}
# "Raise the minimum age to 14", "set the age of marriage at 18": setting a new level of a
# named rule is a concrete, checkable change (UPR Info codes 'raise' 5 in 83 % of its uses).
LEVEL_VERBS = {"raise", "lower", "increase", "reduce", "set", "fix", "bring", "limit", "cap"}
# Negated asks: "Do not reintroduce …", "Refrain from …". UPR Info codes the first kind 5 and
# the second 4 (sessions 1-16: 'Do not'/'Not to' 8 of 9, 'Refrain from' 13 of 15, 'Avoid' 5 of 6).
NEGATIONS: dict[tuple[str, ...], int] = {
    ("do", "not"): 5, ("does", "not"): 5, ("not", "to"): 5, ("never",): 5, ("to", "not"): 5,
    ("refrain", "from"): 4, ("abstain", "from"): 4, ("desist", "from"): 4, ("avoid",): 4,
}
_YEAR = re.compile(r"^(19|20)\d\d$")
# Vague as a bare noun, identifiable as "a/the … policy on X".
DEFINABLE_OBJECTS = {"policy", "framework", "approach", "programme", "program", "reform"}
MEANS_WORDS = {"by", "through", "via"}
MAX_OPENING_SEARCH = 8
# A preamble before the action: a prepositional or subordinate phrase closed by a comma.
MAX_PREAMBLE = 45
PREAMBLE_WORDS = {"prior", "ahead", "pursuant", "consistent", "given", "bearing", "recalling",
                  "taking", "mindful", "recognising", "recognizing", "considering", "following"}


@dataclass
class Action:
    """What a recommendation asks for, read from its parse and the action-verb lexicon."""

    opening_category: int | None = None
    opening_start: int = 0  # token indices in the Doc
    opening_end: int = 0
    opening_words: str = ""
    category: int | None = None  # after UPR Info's coding principles
    verb: Token | None = None  # the effective action verb
    second_verb_privileged: bool = False
    means: tuple[int, int] | None = None  # token span of "by amending …"
    means_category: int | None = None
    object_tokens: list[Token] = field(default_factory=list)
    object_specific: bool = False
    main_verbs: list[Token] = field(default_factory=list)
    reason: str = ""
    negated: bool = False  # "Do not …", "Refrain from …": the ask is an abstention
    absolute_outcome: bool = False  # "end child marriage", "eliminate all violence"
    concrete_means: bool = False  # "…, including by establishing a unit": judged on the means
    judged_category: int | None = None  # the category Specific judges, when not `category`
    # Who must act when it is not the State under review ("Urge donors to …", "OHCHR should …").
    addressed_to_others: bool = False
    other_actor: str = ""
    other_actor_tokens: tuple[int, int] | None = None  # token span in the Doc
    other_actor_how: str = ""  # request, subject, agent or aid (judge/addressee.py)
    # A concrete verb coordinated with the opening as its own action ("Pursue its cooperation …
    # and submit its overdue reports"): a deliverable there is asked for, whatever the opening.
    separate_action: bool = False
    # A concrete imperative coordinated with a general verb inside what is continued ("Continue
    # to fight corruption and ratify the Convention"): it may be read as its own action or as
    # part of the continuing, so continuing alone does not make the text open-ended.
    coordinated_inside: bool = False

    @property
    def specific_category(self) -> int | None:
        """The category the Specific rules judge: a negation is judged by its inner verb."""
        return self.judged_category if self.judged_category is not None else self.category


def _lower_words(parsed: Parsed, start: int, count: int = 6) -> list[str]:
    """Lower-case words of the Doc from token `start`."""
    return [t.lower_ for t in parsed.doc[start : start + count]]


def _category_at(parsed: Parsed, i: int, verbs: ActionVerbs,
                 initial: int | None = None) -> tuple[int, int] | None:
    """(category, token length) of a lexicon phrase or verb starting at token i; at the start
    of the ask (`initial`, e.g. after a preamble) a lexicon verb counts whatever its tag."""
    words = _lower_words(parsed, i)
    phrase = verbs.category_of_phrase(words)
    if phrase:
        return phrase
    token = parsed.doc[i]
    for form in (token.lower_, token.lemma_.lower()):
        if form in verbs.verbs and (token.pos_ in {"VERB", "AUX"} or i in {parsed.first, initial}
                                    or token.tag_ in {"VB", "VBG"}):
            return verbs.verbs[form], 1
    return None


def _after_preamble(parsed: Parsed, verbs: ActionVerbs) -> int | None:
    """The token after an opening preamble ("Prior to the 2027 elections, review …", "In line
    with the Committee's recommendations, adopt …"), when an action verb follows its comma."""
    doc = parsed.doc
    first = parsed.first
    if first >= len(doc) or doc[first].lower_ == "to" or (
            doc[first].pos_ not in {"ADP", "SCONJ"} and doc[first].lower_ not in PREAMBLE_WORDS):
        return None
    for token in doc[first + 1 : first + MAX_PREAMBLE]:
        if token.lower_ in {",", ";", ":"}:
            i = token.i + 1
            while i < len(doc) and doc[i].lower_ in SKIPPABLE:
                i += 1
            if i < len(doc) and _category_at(parsed, i, verbs, i):
                return token.i + 1
    return None


# "Take the following steps: (i) abolish …; (ii) …", "the State should: (a) adopt …".
LIST_AFTER_COLON = re.compile(r":\s*\(?(?:a|i|1)\)\s+", re.IGNORECASE)


def _first_list_item(parsed: Parsed, verbs: ActionVerbs) -> tuple[int, int, int] | None:
    """(start, end, category) of the action that opens a list introduced by a colon."""
    match = LIST_AFTER_COLON.search(parsed.doc.text, parsed.offset)
    if match is None:
        return None
    start = next((t.i for t in parsed.doc if t.idx >= match.end()), None)
    if start is None:
        return None
    return _find_opening(parsed, verbs, start)


def _find_opening(parsed: Parsed, verbs: ActionVerbs,
                  start: int | None = None) -> tuple[int, int, int] | None:
    """(start, end, category) of the opening action verb or phrase."""
    doc = parsed.doc
    begin = parsed.first if start is None else start
    stop = min(len(doc), begin + MAX_OPENING_SEARCH)
    initial = begin
    for i in range(begin, stop):
        if doc[i].lower_ in SKIPPABLE and i == initial:
            initial += 1  # "Fully uphold …", "The State should adopt …": the ask starts after
        found = _category_at(parsed, i, verbs, initial)
        if found:
            return i, i + found[1], found[0]
        token = doc[i]
        if token.lower_ not in SKIPPABLE and token.pos_ not in {"ADV", "PUNCT", "DET", "AUX",
                                                                  "PRON", "NUM", "X", "SYM"}:
            if token.pos_ == "VERB" and token.tag_ in {"VB", "VBP"}:
                # An action verb the lexicon does not know is read as a general action:
                # an unknown opening must not pass Specific by default.
                return i, i + 1, 4
            if token.pos_ == "VERB":
                return None
            continue
    return None


def _second_verb(parsed: Parsed, end: int, verbs: ActionVerbs) -> tuple[int, int, int] | None:
    """The verb of "Continue and strengthen …" (second verb privileged), if any."""
    doc = parsed.doc
    i = end
    while i < len(doc) and doc[i].lower_ in {"to", "further", "fully", "effectively"}:
        i += 1
    if i < len(doc) and doc[i].lower_ in {"and", "&", ","}:
        j = i + 1
        while j < len(doc) and doc[j].lower_ in {"to", "further", "fully", "effectively", "and"}:
            j += 1
        if j < len(doc):
            found = _category_at(parsed, j, verbs)
            if found and (doc[j].pos_ == "VERB" or doc[j].lower_ in verbs.verbs):
                return j, j + found[1], found[0]
    return None


def _verb_token(parsed: Parsed, start: int, end: int) -> Token:
    """The verb token of an opening phrase (its first verb-like word)."""
    for token in parsed.doc[start:end]:
        if token.pos_ == "VERB":
            return token
    return parsed.doc[start]


def _means(parsed: Parsed, verbs: ActionVerbs) -> tuple[int, int, int] | None:
    """A concrete means ("by amending", "through the adoption of") after a general action."""
    doc = parsed.doc
    for token in doc[parsed.first :]:
        if token.lower_ not in MEANS_WORDS:
            continue
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is None:
            continue
        if nxt.tag_ == "VBG" or nxt.lower_.endswith("ing"):
            category = verbs.verbs.get(nxt.lemma_.lower()) or verbs.verbs.get(nxt.lower_)
            if category == 5:
                return token.i, nxt.i + 1, 5
        if nxt.lower_ in {"the", "a", "an"} and token.i + 3 < len(doc):
            noun, of = doc[token.i + 2], doc[token.i + 3]
            if of.lower_ == "of" and noun.lemma_.lower() in NOMINAL_ACTIONS:
                return token.i, token.i + 4, 5
    return None


NOMINAL_ACTIONS = {"adoption", "amendment", "enactment", "ratification", "establishment",
                   "repeal", "creation", "abolition", "introduction", "allocation",
                   "withdrawal", "publication", "accession", "revision", "implementation",
                   "construction", "appointment", "recruitment", "designation", "deployment",
                   "release", "closure", "opening", "training", "demarcation", "prohibition",
                   "criminalisation", "criminalization", "decriminalisation",
                   "decriminalization", "extension", "lifting", "launch", "abrogation"}


def _object_tokens(verb: Token) -> list[Token]:
    """Tokens of the verb's direct object (or prepositional object for 'accede to')."""
    for child in verb.children:
        if child.dep_ in {"dobj", "obj", "ccomp", "attr"}:
            return list(child.subtree)
    for child in verb.children:
        if child.dep_ == "prep":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return [child, *grandchild.subtree]
    return [t for t in verb.doc[verb.i + 1 : verb.i + 8] if t.pos_ != "PUNCT"]


@dataclass(frozen=True)
class ObjectTerms:
    """Word lists that make an object identifiable: named things, groups, specific issues."""

    named: frozenset[str]
    groups: frozenset[str] = frozenset()
    issues: frozenset[str] = frozenset()


def _mentions(tokens: list[Token], terms: frozenset[str]) -> bool:
    """Whether any term (a word, its lemma, or a phrase) occurs in the tokens."""
    words = {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens}
    if words & terms:
        return True
    text = " ".join(t.lower_ for t in tokens)
    return any(" " in term and term in text for term in terms)


def _defined_instrument(head: Token) -> bool:
    """'a national policy on disability' is identifiable; 'policies for equality' is not."""
    if head.lemma_.lower() not in DEFINABLE_OBJECTS or head.tag_ == "NNS":
        return False
    children = list(head.children)
    determined = any(c.dep_ == "det" and c.lower_ in {"a", "an", "the"} for c in children)
    about = any(c.dep_ == "prep" and c.lower_ in {"on", "against", "to"} for c in children)
    return determined and about


def _sweeping(verb: Token | None, head: Token, tokens: list[Token]) -> bool:
    """'End child marriage', 'eliminate all forms of …': an outcome, not an object."""
    if verb is None or verb.lemma_.lower() not in OUTCOME_VERBS:
        return False
    if any(t.lower_ in {"all", "any", "every"} for t in tokens[:3]):
        return True
    return head.lemma_.lower() in OUTCOME_NOUNS and not _of_object(head)


def _legal_means(noun: Token) -> bool:
    """'legislation', 'a law', 'legal measures': a legal act whose purpose is an outcome is judged
    as the act (fifth and seventh sets' reading), like efforts towards it."""
    lemma = noun.lemma_.lower()
    if lemma in {"legislation", "law", "statute"}:
        return True
    return lemma in {"measure", "provision", "framework"} and any(
        c.lower_ in {"legal", "legislative"} for c in noun.children)


def _says_all(verb: Token) -> bool:
    """'eliminate all forms of …', 'end any …': the sweep is written out."""
    return any(t.lower_ in {"all", "any", "every"} for t in _object_tokens(verb)[:3])


def _object_head(verb: Token) -> tuple[Token, list[Token]]:
    """The head of a verb's object and the object's tokens (the verb itself if none)."""
    tokens = _object_tokens(verb)
    heads = [t for t in tokens if t.head not in tokens or t.head == t]
    return (heads[0] if heads else verb), tokens


def _of_object(head: Token) -> bool:
    """'the practice of virginity testing', 'the use of force': a defined practice."""
    return head.lemma_.lower() in {"practice", "use"} and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in head.children)


def _is_specific(tokens: list[Token], terms: ObjectTerms, category: int | None,
                 verb: Token | None = None) -> bool:
    """Whether an object names an identifiable law, treaty, body, plan, practice, or a
    defined group together with a specific right (SMART-RUBRIC.md, Specific)."""
    if not tokens:
        return False
    # A year ("by 2027") says when, not what: it does not name the object.
    named = any(t.pos_ == "PROPN" or t.like_num and not _YEAR.match(t.text)
                or t.is_upper and len(t) > 1 for t in tokens)
    in_lexicon = _mentions(tokens, terms.named)
    heads = [t for t in tokens if t.head not in tokens or t.head == t]
    head = heads[0] if heads else tokens[0]
    vague_head = head.lemma_.lower() in VAGUE_OBJECTS and not _defined_instrument(head)
    if _sweeping(verb, head, tokens):
        return False
    if _of_object(head) or _nominal_deliverable(head):
        return True
    if category == 5:
        return not vague_head or named
    group_and_right = _mentions(tokens, terms.groups) and _mentions(tokens, terms.issues)
    return (named or in_lexicon or group_and_right) and not vague_head


def _of_noun(head: Token) -> Token | None:
    """The noun after 'of' ('all forms *of* violence'), if any."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _stopped_kind(head: Token) -> str:
    """'ill' when what is to be stopped is a social phenomenon ('child labour', 'a climate of
    impunity', 'hate speech'), 'practice' when it is a practice of the State's own agents
    ('online censorship', 'extra-judicial executions'), '' when neither is named."""
    kinds = set()
    heads = [head, *[t for t in head.subtree if t.dep_ == "conj" and t.head.i >= head.i]]
    for noun in heads:
        lemma = noun.lemma_.lower()
        inner = _of_noun(noun) if lemma in CONTAINER_NOUNS else None
        for word in (noun, inner):
            if word is None:
                continue
            lemma = word.lemma_.lower()
            hate_speech = lemma == "speech" and word.i > 0 and word.doc[word.i - 1].lower_ == "hate"
            if lemma in SOCIAL_ILLS or word.lower_ in SOCIAL_ILLS or hate_speech:
                kinds.add("ill")
            elif lemma in STATE_PRACTICES or word.lower_ in STATE_PRACTICES:
                kinds.add("practice")
    if not kinds and _of_object(head):
        # "the use of rubber bullets against protesters", "the practice of holding …": the
        # State's own way of acting, named (fourth set's convention, as a defined practice).
        kinds.add("practice")
    return "ill" if "ill" in kinds else ("practice" if kinds else "")


def _stopped_object(parsed: Parsed, action: Action, verb: Token) -> Token | None:
    """The head of what a cessation or elimination verb asks to stop ('Put an end to X',
    'Stop X', 'Eradicate X'), or None when the verb is not one."""
    if action.opening_words.lower().startswith("put an end"):
        for token in parsed.doc[action.opening_end - 1 : action.opening_end + 2]:
            if token.lower_ == "to":
                objects = [c for c in token.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
                nxt = [t for t in parsed.doc[token.i + 1 : token.i + 6]
                       if t.pos_ in {"NOUN", "PROPN"}]
                return nxt[0] if nxt else None
        return None
    if verb.lemma_.lower() in CESSATION_VERBS | ELIMINATION_VERBS:
        head, _ = _object_head(verb)
        if head.lower_ == "hate" and head.i + 1 < len(head.doc):
            return head.doc[head.i + 1]  # the small parser reads "stop hate speech" as a verb
        return head if head is not verb else None
    return None


def _read_cessation(parsed: Parsed, action: Action, verb: Token) -> None:
    """Judge 'stop X' by what X is (SMART-RUBRIC.md with the third set's convention)."""
    head = _stopped_object(parsed, action, verb)
    if head is None:
        return
    kind = _stopped_kind(head)
    eliminate = verb.lemma_.lower() in ELIMINATION_VERBS
    if kind == "ill":
        action.judged_category = 5 if eliminate else 4
        action.object_specific = False
        action.absolute_outcome = True
    elif kind == "practice" and not eliminate:
        action.judged_category = 5
        action.object_specific = True


# What a nominalised action ("the adoption of a law") or a general verb delivers when its object
# is one of these: "Ensure the adoption … of a law on …" names a defined object.
DELIVERABLE_NOUNS = {"law", "act", "bill", "code", "legislation", "amendment", "plan", "strategy",
                     "policy", "programme", "program", "convention", "protocol", "covenant",
                     "treaty", "statute", "institution", "commission", "mechanism", "body",
                     "ombudsman", "office", "budget", "fund", "report", "moratorium", "decree",
                     "regulation", "reservation", "reservations", "invitation", "constitution",
                     "authority", "agency", "tribunal", "court", "unit", "committee", "council",
                     "inspectorate", "ombudsperson", "registry"}
# Letting a named mechanism in ("allow the Special Rapporteur to visit", "grant the Subcommittee
# access") and handing over data ("provide statistical data on …") are concrete, checkable acts.
ACCESS_VERBS = {"allow", "grant", "permit", "authorise", "authorize"}
MECHANISM_WORDS = {"rapporteur", "rapporteurs", "procedure", "procedures", "subcommittee", "spt",
                   "mandate", "ohchr", "icrc", "commissioner", "expert", "experts", "working"}
DATA_VERBS = {"provide", "submit", "make", "give", "share"}
DATA_NOUNS = {"data", "datum", "statistic", "statistics"}


def _nominal_deliverable(head: Token) -> bool:
    """'the adoption(, before 2026,) of a law on …': a nominalised action on a deliverable."""
    if head.lemma_.lower() not in NOMINAL_ACTIONS:
        return False
    doc = head.doc
    for token in doc[head.i + 1 : head.i + 13]:
        if token.lower_ == "of":
            nouns = [t for t in doc[token.i + 1 : token.i + 5] if t.pos_ in {"NOUN", "PROPN"}]
            if nouns and nouns[0].lemma_.lower() in DELIVERABLE_NOUNS:
                return True
    return False


# "Hold public consultations on the bill", "hold a referendum": a concrete, checkable event.
HELD_EVENTS = {"consultation", "hearing", "referendum", "inquiry", "inquest", "election",
               "by-election", "poll"}


def _held_event(verb: Token) -> bool:
    """'Hold (, during 2026,) public consultations with …' names a concrete event."""
    if verb.lemma_.lower() != "hold":
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if objects:
        return objects[0].lemma_.lower() in HELD_EVENTS
    doc, start = verb.doc, verb.i + 1
    if start < len(doc) and doc[start].lower_ == ",":  # "Hold, during 2026, consultations"
        start = next((t.i + 1 for t in doc[start + 1 : start + 12] if t.lower_ == ","), start)
    nouns = [t for t in doc[start : start + 6] if t.pos_ in {"NOUN", "PROPN"}]
    return bool(nouns) and nouns[0].lemma_.lower() in HELD_EVENTS


# "Include the right to water in the Constitution", "enshrine … in the Labour Code": writing a
# content into a named legal text is an amendment (a concrete, checkable act).
INSERT_VERBS = {"include", "incorporate", "enshrine", "insert", "entrench", "embed", "integrate",
                "codify"}
INSTRUMENT_NOUNS = {"constitution", "law", "code", "act", "legislation", "statute", "charter",
                    "bill", "decree"}


def _into_instrument(verb: Token) -> bool:
    """'Include X in the Constitution', 'enshrine X into the Penal Code' (a legal text)."""
    if verb.lemma_.lower() not in INSERT_VERBS and verb.lower_ not in INSERT_VERBS:
        return False  # the small parser reads a sentence-initial "Enshrine" as a name
    for token in verb.doc[verb.i + 1 : verb.i + 25]:
        if token.lower_ in {".", ";"} or token.pos_ == "VERB" and token.dep_ == "conj":
            return False
        if token.lower_ in {"in", "into"} and token.head.i in {verb.i} | {
                c.i for c in verb.subtree}:
            # The text itself, not a process about it ("in the development of legislation").
            objects = [c for c in token.children if c.dep_ == "pobj"] or [
                t for t in verb.doc[token.i + 1 : token.i + 4] if t.pos_ in {"NOUN", "PROPN"}][:1]
            if objects and objects[0].lower_ in INSTRUMENT_NOUNS:
                return True
    return False


def _access_or_data(verb: Token) -> bool:
    """'Allow the Special Rapporteur … to visit', 'provide statistical data on …'."""
    lemma = verb.lemma_.lower() if verb.pos_ == "VERB" else verb.lower_
    window = [t.lower_ for t in verb.doc[verb.i + 1 : verb.i + 6]]
    if lemma in ACCESS_VERBS:
        return any(w in MECHANISM_WORDS for w in window)
    if lemma in DATA_VERBS:
        return any(w in DATA_NOUNS for w in window[:4])
    return False


def _new_level(verb: Token) -> bool:
    """'Raise the minimum age … to 14', 'set the age … at 18': a level-setting verb with a
    number (not a year) after 'to' or 'at'."""
    if verb.lemma_.lower() not in LEVEL_VERBS:
        return False
    for token in verb.doc[verb.i + 1 : verb.i + 16]:
        if token.lower_ in {"to", "at"} and token.i + 1 < len(verb.doc):
            nxt = verb.doc[token.i + 1]
            if nxt.lower_ == "least" and nxt.i + 1 < len(verb.doc):
                nxt = verb.doc[nxt.i + 1]
            if nxt.like_num and not _YEAR.match(nxt.text):
                return True
        if token.pos_ == "VERB" and token.dep_ == "conj":
            break
    return False


def _negation(parsed: Parsed) -> tuple[int, int, int, Token] | None:
    """(start, end, UPR category, inner word) of a negated opening ('Do not repeal …',
    'The Government should not reintroduce …', 'Refrain from forced evictions …')."""
    doc = parsed.doc
    first = parsed.first
    while first < min(len(doc), parsed.first + 6) and doc[first].lower_ in SKIPPABLE:
        first += 1
    words = [t.lower_ for t in doc[first : first + 3]]
    negations = dict(NEGATIONS)
    if first > parsed.first:
        negations[("not",)] = 5  # "The Government should not …"
    for phrase, category in negations.items():
        if tuple(words[: len(phrase)]) == phrase:
            end = first + len(phrase)
            for token in doc[end : end + 4]:
                if token.pos_ in {"VERB", "AUX"} or token.tag_ in {"VB", "VBG"}:
                    return first, end, category, token
            # "Refrain from forced evictions": what is refrained from is a noun phrase.
            for child in doc[end - 1].children:
                if child.dep_ in {"pobj", "dobj"}:
                    return first, end, category, child
            return None
    return None


def _analyse_negation(parsed: Parsed, verbs: ActionVerbs, terms: ObjectTerms,
                      found: tuple[int, int, int, Token]) -> Action:
    """A negated ask: UPR Info's category from the negation, Specific from the inner verb."""
    start, end, category, inner = found
    span = parsed.char_span(start, end)
    action = Action(opening_category=category, opening_start=start, opening_end=end,
                    opening_words=parsed.text[span[0]:span[1]], category=category, verb=inner,
                    negated=True, judged_category=5)
    verbal = inner.pos_ in {"VERB", "AUX"} or inner.tag_ in {"VB", "VBG"}
    action.object_tokens = _object_tokens(inner) if verbal else list(inner.subtree)
    action.object_specific = _is_specific(action.object_tokens, terms, 5,
                                          inner if verbal else None)
    head = _object_head(inner)[0] if verbal else inner
    if _stopped_kind(head) == "ill":
        # "Avoid any regression in …": an outcome, not a defined act (S general action).
        action.judged_category = 4
        action.object_specific = False
    action.main_verbs = _main_verbs(inner, verbs)
    action.reason = (f"Opens with '{action.opening_words}': it asks the State not to do "
                     f"something ('{inner.text}'), which UPR Info codes as category {category}.")
    return action


def _separate_action(verb: Token | None, verbs: ActionVerbs) -> bool:
    """Whether a concrete imperative is coordinated with the opening verb itself ("Pursue its
    cooperation … and submit its reports"), not with a verb inside its complement ("continue
    its efforts to sign and ratify …")."""
    if verb is None:
        return False
    # "Continue strengthening the judiciary and adopt a law": an imperative cannot be continued
    # with a gerund, so it is the opening's own second action whatever the parse.
    if any(t.dep_ == "conj" and t.tag_ in {"VB", "VBP"} and t.head.tag_ == "VBG"
           and t.head.head.i == verb.i and verbs.verbs.get(t.lemma_.lower()) == 5
           for t in verb.subtree):
        return True
    queue, seen = [verb], {verb.i}
    while queue:
        current = queue.pop()
        for child in current.children:
            if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"} and child.i not in seen:
                if (verbs.verbs.get(child.lemma_.lower()) == 5
                        and child.tag_ in {"VB", "VBP"}):
                    return True
                seen.add(child.i)
                queue.append(child)
    return False


def _coordinated_inside(verb: Token | None, verbs: ActionVerbs) -> bool:
    """Whether a concrete imperative is coordinated with a non-concrete verb inside the opening
    verb's complement ("continue to fight corruption and ratify …"), not with a concrete one
    ("continue its efforts to sign and ratify …" continues both)."""
    if verb is None:
        return False
    for token in verb.subtree:
        head = token.head
        if (token.dep_ == "conj" and head.i != verb.i and head.i != token.i
                and head.pos_ == "VERB" and token.tag_ in {"VB", "VBP"}
                and verbs.verbs.get(token.lemma_.lower()) == 5
                and verbs.verbs.get(head.lemma_.lower()) != 5):
            return True
    return False


def _main_verbs(verb: Token, verbs: ActionVerbs) -> list[Token]:
    """The effective verb and the verbs coordinated with it ("adopt …, establish … and …")."""
    found = [verb]
    queue = [verb]
    while queue:
        current = queue.pop()
        for child in current.children:
            if child.dep_ == "conj" and child.pos_ == "VERB" and child not in found:
                found.append(child)
                queue.append(child)
    # The small parser often reads a listed imperative ("…, open shelters and …") as an
    # adjective; a known action verb right after a comma or 'and' still starts an action.
    for token in verb.doc[verb.i + 1 :]:
        previous = verb.doc[token.i - 1]
        if (previous.lower_ in {",", "and", ";"} and token not in found
                and token.tag_ in {"VB", "VBP", "JJ"}
                and verbs.verbs.get(token.lower_, 0) >= 3):
            found.append(token)
    return sorted(found, key=lambda t: t.i)


def analyse(parsed: Parsed, verbs: ActionVerbs, terms: ObjectTerms) -> Action:
    """Read the action of one parsed recommendation per UPR Info's coding principles."""
    action = _analyse_action(parsed, verbs, terms)
    action.separate_action = _separate_action(action.verb, verbs)
    action.coordinated_inside = _coordinated_inside(action.verb, verbs)
    other = find_addressee(parsed.doc, parsed.first)
    if other is not None:
        # UPR Info codes asks addressed to non-reviewed States or bodies category 1, whatever
        # the verb they ask of them.
        action.addressed_to_others = True
        action.other_actor = other.words
        action.other_actor_tokens = (other.start, other.end)
        action.other_actor_how = other.how
        action.category = 1
        action.judged_category = 1
        action.reason = (f"Addressed to '{other.words}', not to the State under review: "
                         "UPR Info codes it category 1 (minimal action).")
    return action


def _analyse_action(parsed: Parsed, verbs: ActionVerbs, terms: ObjectTerms) -> Action:
    """The action read from the opening verb, object and means, before the addressee."""
    negation = _negation(parsed)
    if negation is not None:
        return _analyse_negation(parsed, verbs, terms, negation)
    action = Action()
    preamble_end = _after_preamble(parsed, verbs)
    opening = _find_opening(parsed, verbs, preamble_end)
    listed = _first_list_item(parsed, verbs)
    if listed is not None and listed[2] != 5:
        listed = None
    if opening is None or listed is not None and opening[0] > listed[0]:
        opening = listed  # only a preamble before the listed actions
    if opening is None:
        action.reason = "No action verb found at the start."
        return action
    start, end, category = opening
    action.opening_start, action.opening_end, action.opening_category = start, end, category
    span = parsed.char_span(start, end)
    action.opening_words = parsed.text[span[0]:span[1]]
    action.category = category
    verb = _verb_token(parsed, start, end)
    second = _second_verb(parsed, end, verbs)
    if second:
        action.second_verb_privileged = True
        action.category = second[2]
        verb = _verb_token(parsed, second[0], second[1])
    # "take measures to adopt", "make efforts to ratify": the inner verb carries the object.
    inner = [c for c in verb.children if c.dep_ in {"xcomp", "advcl", "relcl", "acl"}
             and c.pos_ == "VERB"]
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in VAGUE_OBJECTS:
            inner += [c for c in child.children if c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB"]
        # "take steps towards ratifying …": the gerund carries the object.
        if child.dep_ == "prep" and child.lower_ in {"towards", "toward"}:
            inner += [c for c in child.children if c.dep_ == "pcomp" and c.pos_ == "VERB"]
    object_verb = inner[0] if inner and action.category in {2, 3, 4} else verb
    action.verb = verb
    means = concrete = _means(parsed, verbs)
    if not means and listed is not None and listed[0] > start:
        # The listed actions are the means of the general opening ("Take the following steps
        # …: (i) abolish …"), as "Improve … by amending …" (UPR Info's coding principles).
        means = listed
    if means and action.category == 4:
        action.means = (means[0], means[1])
        action.means_category = 5
        action.category = 5
    if action.means:
        object_verb = parsed.doc[action.means[1] - 1]
    action.object_tokens = _object_tokens(object_verb)
    action.object_specific = _is_specific(
        action.object_tokens, terms,
        verbs.verbs.get(object_verb.lemma_.lower(), action.category), object_verb)
    efforts = any(c.dep_ == "dobj" and (c.lemma_.lower() in {"effort", "endeavour", "endeavor"}
                                        or _legal_means(c))
                  for c in verb.children)
    action.absolute_outcome = any(
        v.lemma_.lower() in ABSOLUTE_VERBS and _sweeping(v, *_object_head(v))
        and not (efforts and v is not verb and not _says_all(v))
        for v in {verb, object_verb})
    if action.category == 4 and not action.means and _new_level(verb):
        action.category = 5
        action.object_specific = True
    if not action.means:
        _read_cessation(parsed, action, verb)
        if action.category == 4 and (_access_or_data(verb) or _held_event(verb)):
            action.judged_category = 5
            action.object_specific = True
        if _into_instrument(verb) or _into_instrument(parsed.doc[start]):
            action.judged_category = 5
            action.object_specific = True
    # "Adopt measures to eliminate stereotypes …": the outcome hides in the purpose.
    for child in inner if action.category == 5 and not efforts else []:
        if (child.lemma_.lower() in ABSOLUTE_VERBS
                and _stopped_kind(_object_head(child)[0]) == "ill"):
            action.absolute_outcome = True
    if _protects_from_all(parsed.doc[start], verb):
        action.absolute_outcome = True
    if concrete is not None:
        # "Put an end to impunity …, including by establishing a prosecution unit": an aim
        # with a concrete means is judged on the means (fourth set's convention).
        action.concrete_means = True
        action.absolute_outcome = False
    action.main_verbs = _main_verbs(verb, verbs)
    action.reason = _reason(action)
    return action


# "Protect women from all violence" promises that none occurs: an absolute outcome (fourth set's
# convention), unlike "protect women from violence by opening shelters" (judged on the means).
PROTECT_VERBS = {"protect", "defend", "shield", "safeguard"}


def _protects_from_all(opening: Token, verb: Token) -> bool:
    """'Protect (and defend) X from all (forms of) violence' as the ask itself."""
    if not {opening.lower_, opening.lemma_.lower(), verb.lemma_.lower()} & PROTECT_VERBS:
        return False
    doc = verb.doc
    for token in doc[opening.i + 1 : opening.i + 14]:
        if token.lower_ in {".", ";", ",", "by", "through", "including"}:
            return False
        if token.lower_ == "from" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "all":
            return True
    return False


def _reason(action: Action) -> str:
    """One plain sentence explaining the category."""
    names = {1: "asks only for help or is addressed to others", 2: "asks to continue",
             3: "asks only to consider", 4: "asks for a general action",
             5: "asks for a specific action"}
    words = f"'{action.opening_words}'"
    if action.means:
        return f"Opens with {words}, a general verb, but names a concrete means."
    if action.second_verb_privileged:
        return f"Opens with two verbs; the second one counts: it {names[action.category]}."
    return f"Opens with {words}: it {names[action.category]}."
