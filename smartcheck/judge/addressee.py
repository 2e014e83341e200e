"""Who must act: the State under review, or an outside actor the text addresses instead.

The actor is read from the parse: the object of a request verb followed by a to-infinitive
("Urge the permanent members of the Security Council to refrain …"), or the subject of a
non-imperative main clause ("Development partners should raise …", "That the Office of the
High Commissioner open …"). It is then classified with a small lexicon of outside actors;
mechanisms the State invites (special procedures, rapporteurs, working groups) are its own
action (UPR Info codes "Invite the Special Rapporteur to visit" category 5).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _words(phrase: str) -> tuple[str, ...]:
    """A lexicon phrase as spaCy tokens ("secretary-general" → secretary, -, general)."""
    return tuple(phrase.replace("-", " - ").split())


# Verbs that hand the action to their object: "call on X to …", "urge X to …".
REQUEST_VERBS = {"call", "urge", "invite", "request", "appeal", "encourage", "ask", "exhort",
                 "implore", "press", "entreat", "recommend", "calls", "urges", "invites",
                 "requests", "appeals", "encourages", "asks"}
# Verbs whose object is the addressee even without a to-infinitive ("Appeal to donors for aid").
ADDRESS_VERBS = {"call", "appeal", "urge"}
LEAD_IN = {"that", "we", "recommend", "recommends", "recommended", "it", "is", "strongly",
           "further", "also", "(", ")", "-", "•", ":", ",", "please", "hereby"}
AFTER_REQUEST = {"on", "upon", "to", "for", "also", "further", "strongly", "once", "again"}
# Words that may open the actor's noun phrase without changing who it is.
DETERMINERS = {"the", "all", "its", "their", "relevant", "concerned", "competent", "respective",
               "interested", "various", "key", "main", "major", "traditional", "five", "both",
               "these", "those", "such", "each", "every", "any"}
# Outside actors, as lower-case word sequences at the head of a noun phrase.
OUTSIDE_ACTORS: tuple[tuple[str, ...], ...] = tuple(_words(p) for p in (
    "international community", "international donor community", "donor community",
    "global community", "world community", "donors", "donor", "donor countries", "donor states",
    "donor agencies", "development partners", "international partners", "bilateral partners",
    "multilateral partners", "bilateral and multilateral partners", "technical partners",
    "financial partners", "technical and financial partners", "external partners",
    "other states", "other countries", "other governments", "all states", "states",
    "member states", "states members", "states parties", "countries", "governments",
    "developed countries", "developed states", "industrialized countries",
    "industrialised countries", "rich countries", "wealthy countries", "neighbouring countries",
    "neighboring countries", "neighbouring states", "neighboring states", "countries of the region",
    "states of the region", "creditors", "creditor countries", "creditor states", "lenders",
    "council", "security council", "human rights council", "general assembly",
    "permanent members", "members of the security council", "members of the council",
    "united nations", "un", "united nations system", "un system", "un bodies", "un agencies",
    "united nations agencies", "united nations bodies", "united nations entities",
    "un entities", "specialized agencies", "specialised agencies", "un country team",
    "united nations country team", "unicef", "undp", "unhcr", "unfpa", "unesco", "ilo",
    "ohchr", "office of the high commissioner", "high commissioner",
    "office of the united nations high commissioner", "secretary-general", "secretary general",
    "international financial institutions", "ifis", "financial institutions", "world bank",
    "international monetary fund", "imf", "bretton woods institutions",
    "international organizations", "international organisations", "international agencies",
    "council of europe", "european union", "eu", "african union", "treaty bodies",
))
# Nouns that keep an actor phrase an actor when they follow it ("United Nations agencies").
AGENT_HEADS = {"agency", "agencies", "body", "bodies", "fund", "funds", "programme",
               "programmes", "program", "programs", "system", "entity", "entities",
               "organization", "organizations", "organisation", "organisations", "office",
               "offices", "team", "teams", "partner", "partners", "member", "members",
               "country", "countries", "state", "states", "institution", "institutions",
               "council", "assembly", "commissioner", "bank", "banks", "organ", "organs",
               "secretariat", "community", "donors", "governments"}
# Aid belongs to those who give it: "That development aid must not be tied …".
OUTSIDE_THINGS: tuple[tuple[str, ...], ...] = tuple(_words(p) for p in (
    "development aid", "development assistance", "official development assistance", "oda",
    "foreign aid", "international aid", "international assistance", "international funding",
    "donor funding", "donor support", "external aid", "external debt relief", "debt relief",
))
# Mechanisms the State invites; inviting them is its own, specific action.
INVITED_MECHANISMS: tuple[tuple[str, ...], ...] = tuple(_words(p) for p in (
    "special procedures", "special procedure", "special rapporteur", "special rapporteurs",
    "working group", "working groups", "independent expert", "independent experts",
    "mandate holders", "mandate-holders", "subcommittee", "sub-committee", "spt",
    "un special rapporteur", "united nations special rapporteur", "un working group",
    "united nations working group", "un special procedures", "united nations special procedures",
    "special representative", "special envoy", "commission of inquiry", "fact-finding mission",
))
# Private actors: an active clause whose subject they head ("Multinational mining companies …
# should …", "Social media platforms must …") asks them, not the State, to act.
PRIVATE_ACTORS = {"company", "companies", "corporation", "corporations", "business",
                  "businesses", "enterprise", "enterprises", "platform", "platforms", "firm",
                  "firms", "employer", "employers", "multinationals", "multinational",
                  "investor", "investors", "operator", "operators", "provider", "providers",
                  "industry", "industries"}
# Request verbs that hand the action to a private actor they name ("Urge social media companies
# to remove …"); softer ones ("encourage", "require") stay the State's own regulation.
PRIVATE_REQUEST_VERBS = {"urge", "call", "appeal", "exhort", "implore", "press", "entreat"}
SUBJECT_MODALS = {"should", "must", "shall", "ought", "need", "have"}
MODALS = {"should", "must", "shall", "will", "would", "could", "can", "may", "ought", "need",
          "needs", "is", "are", "be", "to"}
MAX_NP = 14
# A noun the small parser makes the head of a clause is its mis-tagged verb ("that the donor
# community honour its pledges").
CLAUSE_VERB = {"ROOT", "ccomp"}


@dataclass(frozen=True)
class Addressee:
    """An outside actor a recommendation addresses: its words and token span in the Doc."""

    words: str
    start: int
    end: int
    # "request" ("urge X to …"), "subject" ("X should …"), "agent" ("… by X"), or "aid" (the
    # subject is aid, whose givers are implied but not named: "development aid must not …")
    how: str


def _match(words: list[str], i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """Length of the longest phrase starting at words[i] (0 when none)."""
    best = 0
    for phrase in phrases:
        n = len(phrase)
        if n > best and tuple(words[i:i + n]) == phrase:
            best = n
    return best


def _actor_at(doc: Doc, i: int, things: bool = False) -> tuple[int, int] | None:
    """(start, end) of an outside actor heading the noun phrase at token i, if it is one."""
    words = [t.lower_ for t in doc]
    while i < len(doc) and words[i] in DETERMINERS:
        i += 1
    if i >= len(doc) or _match(words, i, INVITED_MECHANISMS):
        return None
    # "(the permanent) members of the Security Council": the members are the actor's.
    j = i
    while j < len(doc) and words[j] in {"permanent", "non", "-", "members", "member", "of",
                                         "the"}:
        j += 1
    if j > i and words[j - 1] == "the" and "of" in words[i:j] and _actor_at(doc, j) is not None:
        end = _actor_at(doc, j)
        return (i, end[1]) if end else None
    length = _match(words, i, OUTSIDE_ACTORS + (OUTSIDE_THINGS if things else ()))
    if not length:
        return None
    end = i + length
    if words[end - 1] == "council" and end < len(doc) and words[end] == "of" and (
            end + 1 >= len(doc) or words[end + 1] != "europe"):
        return None  # "the Council of Ministers" is the State's own
    # A noun run after the phrase names the real head: "United Nations Convention" is not an actor.
    k = end
    head = None
    while k < len(doc) and (doc[k].pos_ in {"NOUN", "PROPN"} or words[k] in {"'s", "’s"}) \
            and words[k] not in {"to", "and", "or"} and doc[k].dep_ not in CLAUSE_VERB:
        head = words[k]
        k += 1
    if head is not None:
        if head not in AGENT_HEADS:
            return None
        end = k
    return i, end


def _infinitive_after(doc: Doc, start: int) -> int | None:
    """Index of the 'to' of a to-infinitive within the noun phrase window after `start`."""
    for k in range(start, min(len(doc) - 1, start + MAX_NP)):
        token, nxt = doc[k], doc[k + 1]
        if token.lower_ == "to" and (nxt.tag_ in {"VB", "VBP"} or nxt.pos_ in {"VERB", "AUX"}
                                     or nxt.lower_ in {"further", "also", "urgently", "fully"}):
            return k
        if token.lower_ in {";", "."}:
            return None
    return None


def _verb_follows(doc: Doc, end: int) -> bool:
    """Whether a finite verb or modal follows a subject noun phrase ending at `end`."""
    k = end
    # Skip a trailing "of …"/"in …" attachment or apposition before the verb.
    for _ in range(MAX_NP):
        if k >= len(doc):
            return False
        token = doc[k]
        if token.lower_ == "to" and not (k + 1 < len(doc) and doc[k + 1].tag_ == "VB"):
            k += 1  # "the States parties to the Arms Trade Treaty stop …": an attachment
            continue
        if token.lower_ in MODALS or token.tag_ in {"MD", "VBP", "VBZ", "VB", "VBD"}:
            return True
        if token.pos_ == "VERB" or token.dep_ in CLAUSE_VERB:
            return True
        if token.is_punct and token.lower_ not in {",", "(", ")"}:
            return False
        k += 1
    return False


def find_addressee(doc: Doc, first: int = 0) -> Addressee | None:
    """The outside actor who must act, if the text addresses one instead of the State."""
    i = first
    while i < len(doc) and doc[i].lower_ in LEAD_IN:
        i += 1
    if i >= len(doc):
        return None
    verb: Token = doc[i]
    if verb.lower_ in REQUEST_VERBS or verb.lemma_.lower() in REQUEST_VERBS - {"recommend"}:
        k = i + 1
        while k < len(doc) and doc[k].lower_ in AFTER_REQUEST:
            k += 1
        if k < len(doc) and doc[k].lower_ == "that":
            return _subject(doc, k + 1)
        found = _actor_at(doc, k)
        lemma = verb.lemma_.lower()
        if found is None and lemma in PRIVATE_REQUEST_VERBS:
            private = _private_at(doc, k)
            if private is not None and _infinitive_after(doc, private[1]) is not None:
                return _addressee(doc, private, "request")
        if found is None:
            return None
        to = _infinitive_after(doc, found[1])
        if to is None and lemma not in ADDRESS_VERBS:
            return None
        if to is not None and doc[to + 1].lemma_.lower() == "visit" and lemma == "invite":
            return None  # inviting a visit is the State's own, specific action
        return _addressee(doc, found, "request")
    return _subject(doc, i)


def _subject(doc: Doc, i: int) -> Addressee | None:
    """The outside actor that is the subject of a non-imperative clause starting at token i."""
    if i >= len(doc) or (doc[i].tag_ == "VB" and doc[i].lower_ not in DETERMINERS):
        return None
    private = _private_subject(doc, i)
    if private is not None:
        return _addressee(doc, private, "subject")
    found = _actor_at(doc, i, things=True)
    if found is not None and _verb_follows(doc, found[1]):
        words = [t.lower_ for t in doc]
        aid = _match(words, found[0], OUTSIDE_THINGS) == found[1] - found[0]
        return _addressee(doc, found, "aid" if aid else "subject")
    # "… that Mali's request be taken on board by the international community": the agent of
    # the main passive verb must act.
    for token in doc[i:]:
        head = token.head
        if (token.dep_ == "agent" and head.dep_ in CLAUSE_VERB
                and any(c.dep_ == "auxpass" for c in head.children)):
            agent = next((c for c in token.children if c.dep_ == "pobj"), None)
            start = agent.left_edge.i if agent is not None else None
            found = _actor_at(doc, start) if start is not None else None
            if found is not None:
                return _addressee(doc, found, "agent")
    return None


def _private_at(doc: Doc, i: int) -> tuple[int, int] | None:
    """Span of a noun phrase at token i headed by a private actor ("social media companies")."""
    k = i
    while k < len(doc) and doc[k].lower_ in DETERMINERS:
        k += 1
    for j in range(k, min(len(doc), k + 5)):
        if doc[j].lower_ in PRIVATE_ACTORS and (j + 1 >= len(doc)
                                                 or doc[j + 1].lower_ not in PRIVATE_ACTORS):
            return i, j + 1
        if doc[j].pos_ not in {"ADJ", "NOUN", "PROPN"} and doc[j].lower_ != "-":
            return None
    return None


def _private_subject(doc: Doc, i: int) -> tuple[int, int] | None:
    """Span of a private actor that is the active subject (with a modal) of the first clause."""
    for token in doc[i:i + MAX_NP]:
        if token.dep_ != "nsubj" or token.lower_ not in PRIVATE_ACTORS:
            continue
        head = token.head
        if head.pos_ in {"VERB", "AUX"} and any(
                c.dep_ == "aux" and c.lower_ in SUBJECT_MODALS for c in head.children):
            return token.left_edge.i, token.i + 1
        return None
    return None


def _addressee(doc: Doc, span: tuple[int, int], how: str) -> Addressee:
    """The Addressee of a token span."""
    return Addressee(doc[span[0]:span[1]].text, span[0], span[1], how)
