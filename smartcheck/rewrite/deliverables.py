"""Concrete deliverables that real specific recommendations ask for, by UPR Info issue.

Mined from category-5 recommendations (the UPR Info export or the imported store) and the
team exemplars: the opening legal or institutional verb and the short object it asks for
("adopt a national action plan against trafficking"), kept only when recommendations to at
least two different States asked for it. The artefact (smartcheck/data/deliverables.json)
stores phrases, counts and the ids of one or two source recommendations with who made them
to whom, never a recommendation's text. Rebuild it with
`python -m smartcheck.rewrite.mine_deliverables [CSV]`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smartcheck.resources import ARTEFACT_DIR

if TYPE_CHECKING:
    from spacy.tokens import Token

ARTEFACT = ARTEFACT_DIR / "deliverables.json"
VERBS = {"adopt": "adopting", "establish": "establishing", "enact": "enacting",
         "ratify": "ratifying", "create": "creating", "publish": "publishing",
         "allocate": "allocating", "conduct": "conducting", "amend": "amending",
         "repeal": "repealing", "launch": "launching", "introduce": "introducing",
         "appoint": "appointing", "set": "setting up", "open": "opening",
         "criminalize": "criminalising", "criminalise": "criminalising"}
PER_ISSUE = 20
# Kinds of deliverable a general action can be given on its own object ("by adopting a
# national action plan on trafficking"): counted apart, marked by this pseudo-lemma.
KIND = "(kind)"
KIND_HEADS = {"plan", "strategy", "law", "legislation", "policy", "programme", "campaign"}
KIND_MODIFIERS = {"national", "action", "comprehensive", "awareness", "public", "-", "raising",
                  "awareness-raising", "specific", "time-bound", "strategic", "anti"}
KINDS_PER_ISSUE = 3
PLANNED = ("plan", "strategy", "programme")
PLAN_ISSUE = "National plan of action"  # UPR Info's issue for asks of a national plan
KIND_VERBS = {"adopt", "enact", "launch", "conduct", "introduce"}
# Dropped so that "an effective law on …" and "a law on …" count as one ask.
PLAIN_ADJECTIVES = {"effective", "new", "necessary", "appropriate", "relevant", "adequate",
                    "concrete", "specific", "all", "further", "urgent", "clear"}
VAGUE_HEADS = {"measure", "goal", "step", "effort", "instrument", "action", "initiative",
               "activity", "recommendation", "provision", "torture", "following"}
MAX_TREATIES = 3
MIN_STATES = 2
MAX_OBJECT_TOKENS = 10
# Words too general to show that a deliverable is about the same thing as a text.
GENERIC = {"national", "plan", "action", "law", "legislation", "policy", "strategy", "programme",
           "program", "comprehensive", "specific", "human", "right", "rights", "mechanism",
           "institution", "body", "measure", "new", "effective", "independent", "system",
           "framework", "public", "state", "country", "government", "protection", "person",
           "people", "all", "general", "relevant", "appropriate", "necessary", "international",
           "standard", "field", "area", "issue", "matter", "promotion", "implementation",
           "commission", "committee", "office", "council", "agency", "unit", "fund", "budget",
           "report", "campaign", "convention", "protocol", "optional", "covenant", "treaty",
           "bill", "draft", "code", "act", "provision", "article", "its", "a", "the"}


@dataclass(frozen=True)
class Deliverable:
    """One concrete thing real recommendations ask for, with where it was asked."""

    verb: str
    phrase: str
    lemmas: frozenset[str]
    states: int
    sources: tuple[dict[str, Any], ...]

    @property
    def gerund(self) -> str:
        """'adopting a national action plan against trafficking'."""
        return f"{VERBS[self.verb]} {self.phrase}"

    @property
    def imperative(self) -> str:
        """'Adopt a national action plan against trafficking'."""
        verb = "set up" if self.verb == "set" else self.verb
        return f"{verb[:1].upper()}{verb[1:]} {self.phrase}"


def _object_phrase(verb: Token) -> tuple[str, list[str]] | None:
    """The verb's direct object as a short, reusable phrase, with its content lemmas."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return None
    head = objects[0]
    if head.lemma_.lower() in VAGUE_HEADS:
        return None
    left = list(verb.doc[head.left_edge.i : head.i])
    if any(t.is_punct or t.dep_ in {"cc", "conj"} for t in left):
        return None
    tokens = [t for t in left if t.dep_ not in {"det", "poss", "predet"}
              and t.lower_ not in PLAIN_ADJECTIVES] + [head]
    preps = [c for c in head.rights if c.dep_ in {"prep", "acl"}]
    if preps:
        tail = list(preps[0].subtree)
        opener = preps[0].lower_ if preps[0].dep_ == "prep" else tail[0].lower_
        if opener not in {"on", "against", "for", "to", "of", "in"} or any(
                t.is_punct or t.dep_ in {"cc", "conj", "relcl", "acl"} and t is not preps[0]
                or t.like_num or t.lower_ in {"by", "before", "within", "until"} for t in tail):
            return None  # a cut-off object ("the Optional Protocol") is not reusable
        tokens += tail
    if len(tokens) > MAX_OBJECT_TOKENS or any(t.like_num or t.is_punct for t in tokens):
        return None
    if head.pos_ not in {"NOUN", "PROPN"}:
        return None
    words = [t.text if t.pos_ == "PROPN" or t.is_upper else t.lower_ for t in tokens]
    det = next((t.lower_ for t in left if t.dep_ in {"det", "poss"}), "")
    if det in {"a", "an", "the"}:
        article = det if det == "the" else ("an" if words[0][:1] in "aeiou" else "a")
    elif det and head.tag_ not in {"NNS", "NNPS"}:
        article = "the" if tokens[0].pos_ == "PROPN" else ("an" if words[0][:1] in "aeiou"
                                                           else "a")
    else:
        article = "the" if tokens[0].pos_ == "PROPN" or tokens[0].is_upper else ""
    phrase = " ".join(([article] if article else []) + words)
    lemmas = [t.lemma_.lower() for t in tokens if not t.is_stop and t.is_alpha]
    if not set(lemmas) - GENERIC:
        return None  # "a law", "legislation": nothing says what it is about
    return phrase, lemmas


def _kind_phrase(verb: Token) -> str | None:
    """'a national action plan', 'awareness campaigns': the kind of deliverable asked for."""
    if verb.lemma_.lower() not in KIND_VERBS:
        return None  # "repeal laws on …" would turn a protection into its opposite
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects or objects[0].lemma_.lower() not in KIND_HEADS:
        return None
    head = objects[0]
    left = [t for t in verb.doc[head.left_edge.i : head.i] if t.dep_ not in {"det", "poss"}
            and t.lower_ not in PLAIN_ADJECTIVES]
    if any(t.lower_ not in KIND_MODIFIERS for t in left):
        return None
    words = [t.lower_ for t in left] + [head.lower_]
    plural = head.tag_ == "NNS" or head.lower_ == "legislation"
    article = "" if plural else ("an" if words[0][:1] in "aeiou" else "a")
    return " ".join(([article] if article else []) + words)


def _extract(doc: Any, first: int) -> list[tuple[str, str, list[str]]]:
    """(verb, phrase, lemmas) for each deliverable a recommendation asks for: its opening
    verb, the verbs coordinated with it, and a means ("by adopting …")."""
    verbs = []
    for token in doc[first : first + 4]:
        if token.pos_ == "VERB":
            verbs.append(token)
            verbs += [c for c in token.conjuncts if c.i > token.i]
            break
    verbs += [t for t in doc[first:] if t.tag_ == "VBG" and t.i > 0
              and doc[t.i - 1].lower_ in {"by", "through"}]
    found = []
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if lemma not in VERBS:
            continue
        if lemma == "set" and not any(c.lower_ == "up" for c in verb.children):
            continue
        phrase = _object_phrase(verb)
        if phrase:
            found.append((lemma, *phrase))
        kind = _kind_phrase(verb)
        if kind:
            found.append((lemma, kind, [KIND]))
    return found


def _source(rec: dict[str, Any]) -> dict[str, Any]:
    """Who recommended it to whom, when, and the response (no text)."""
    return {"rec_id": rec.get("source_id"), "to": rec.get("state_under_review"),
            "from": rec.get("recommending_state"), "session": rec.get("session"),
            "response": rec.get("response")}


def build(records: list[dict[str, Any]], exemplars: list[dict[str, Any]]) -> dict[str, Any]:
    """Mine deliverables ({"issues", "kinds"} by issue) from category-5 records and the
    team exemplars."""
    from smartcheck.judge.lexicons import load_action_verbs
    from smartcheck.judge.nlp import load_pipeline
    from smartcheck.judge.parsing import parse_many

    nlp, verbs = load_pipeline(), load_action_verbs()
    specific = [r for r in records if str(r.get("action") or "") == "5" and r.get("text")]
    texts = [r["text"] for r in specific] + [e["strong"] for e in exemplars]
    found: dict[tuple[str, str, str], dict[str, Any]] = {}
    for n, parsed in enumerate(parse_many(nlp, texts, verbs)):
        for verb, phrase, lemmas in _extract(parsed.doc, parsed.first):
            _count(found, n, verb, phrase, lemmas, specific, exemplars)
    return _select(found, records)


def _count(found: dict, n: int, verb: str, phrase: str, lemmas: list[str],
           specific: list[dict[str, Any]], exemplars: list[dict[str, Any]]) -> None:
    """Count one deliverable under each issue of the recommendation that asked for it."""
    if n < len(specific):
        rec = specific[n]
        raw = rec.get("issues") or []
        issues = raw if isinstance(raw, list) else [i.strip() for i in str(raw).split(",")]
        state, source = rec.get("state_under_review"), _source(rec)
    else:
        exemplar = exemplars[n - len(specific)]
        if any(w[:1].isupper() for w in phrase.split()) or phrase.startswith("the "):
            return  # exemplars name invented laws and bodies: only generic asks travel
        issues, state = list(exemplar.get("issues") or []), "(exemplar)"
        source = {"exemplar": exemplar.get("id")}
    for issue in issues:
        entry = found.setdefault((issue, verb, phrase), {
            "verb": verb, "phrase": phrase, "lemmas": lemmas, "states": set(),
            "sources": [], "exemplar": False})
        entry["states"].add(state)
        entry["exemplar"] |= "exemplar" in source
        if len(entry["sources"]) < 2 and source not in entry["sources"]:
            # An accepted recommendation shows best how States respond to the ask.
            if source.get("response") == "Accepted" or "exemplar" in source:
                entry["sources"].insert(0, source)
            else:
                entry["sources"].append(source)


def _select(found: dict, records: list[dict[str, Any]]) -> dict[str, Any]:
    """The deliverables asked of at least MIN_STATES States, best first, per issue."""
    # A short recommendation can be all verb and object ("Ratify the ICCPR"): never stored.
    whole = {" ".join(r["text"].split()).lower().rstrip(".") for r in records}
    by_issue: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (issue, _, _), entry in found.items():
        if f"{entry['verb']} {entry['phrase']}".lower() in whole:
            continue
        if len(entry["states"]) >= MIN_STATES or entry["exemplar"]:
            by_issue[issue].append(entry)
    result: dict[str, Any] = {}
    kinds_by_issue: dict[str, Any] = {}
    for issue, entries in sorted(by_issue.items()):
        kinds = [e for e in entries if e["lemmas"] == [KIND]]
        entries = [e for e in entries if e["lemmas"] != [KIND]]
        kinds.sort(key=lambda e: (-len(e["states"]), e["phrase"]))
        # The plan most asked for on the issue is kept too: a problem that is no offence
        # (illiteracy, maternal mortality) is met with a plan, not with legislation.
        plans = [e for e in kinds if e["phrase"].endswith(PLANNED)][:1]
        kept = kinds[:KINDS_PER_ISSUE] + [e for e in plans if e not in kinds[:KINDS_PER_ISSUE]]
        kinds_by_issue[issue] = [
            {"verb": e["verb"], "phrase": e["phrase"], "states": len(e["states"] - {"(exemplar)"}),
             "sources": e["sources"][:2]} for e in kept]
        entries.sort(key=lambda e: (-len(e["states"]), e["phrase"]))
        # Treaties crowd out laws, plans and bodies; a few are enough.
        treaties = [e for e in entries if e["verb"] == "ratify"][:MAX_TREATIES]
        entries = [e for e in entries if e["verb"] != "ratify" or e in treaties]
        result[issue] = [{"verb": e["verb"], "phrase": e["phrase"], "lemmas": e["lemmas"],
                          "states": len(e["states"] - {"(exemplar)"}),
                          "sources": e["sources"][:2]} for e in entries[:PER_ISSUE]]
    return {"issues": result, "kinds": {k: v for k, v in kinds_by_issue.items() if v}}


@lru_cache(maxsize=1)
def load(path: str = str(ARTEFACT)) -> dict[str, tuple[Deliverable, ...]]:
    """The shipped deliverables by issue (empty when the artefact is missing)."""
    file = Path(path)
    if not file.is_file():
        return {}
    data = json.loads(file.read_text(encoding="utf-8"))
    return {issue: tuple(Deliverable(e["verb"], e["phrase"], frozenset(e["lemmas"]),
                                     int(e["states"]), tuple(e["sources"]))
                         for e in entries)
            for issue, entries in data.get("issues", {}).items()}


@lru_cache(maxsize=1)
def load_kinds(path: str = str(ARTEFACT)) -> dict[str, tuple[Deliverable, ...]]:
    """Kinds of deliverable by issue ("a national action plan"), most asked first."""
    file = Path(path)
    if not file.is_file():
        return {}
    data = json.loads(file.read_text(encoding="utf-8"))
    return {issue: tuple(Deliverable(e["verb"], e["phrase"], frozenset(), int(e["states"]),
                                     tuple(e["sources"])) for e in entries)
            for issue, entries in data.get("kinds", {}).items()}


def plan_for(issues: list[str]) -> tuple[str, Deliverable] | None:
    """The plan most asked for on the text's first issue that has one, with that issue;
    else the national action plan real recommendations ask for on any issue."""
    table = load_kinds()
    for issue in [*issues, PLAN_ISSUE]:
        for kind in table.get(issue, ()):
            if kind.phrase.endswith(PLANNED):
                return issue, kind
    return None


def kind_for(issues: list[str]) -> Deliverable | None:
    """The kind of deliverable most asked for on the text's first issue that has one."""
    table = load_kinds()
    for issue in issues:
        if table.get(issue):
            return table[issue][0]
    return None


def choose(issues: list[str], lemmas: set[str], head: str | None = None,
           text_lemmas: set[str] | None = None) -> Deliverable | None:
    """The deliverable of the text's issues about the same object (its head word, if
    telling); every content word of the deliverable must be in the text ("a mental health
    law" is no means to maternal health)."""
    table = load()
    topic = lemmas - GENERIC
    if not head or head in GENERIC:
        return None  # "promote rights": nothing says which deliverable would fit
    best: tuple[tuple[int, int], Deliverable] | None = None
    for issue in issues:
        for item in table.get(issue, ()):
            # A treaty is not a means to an action (most States are parties already).
            if head not in item.lemmas or item.verb in {"ratify", "accede"}:
                continue
            shared = len((item.lemmas - GENERIC) & topic)
            if shared == 0 or text_lemmas is not None and not (item.lemmas - GENERIC) <= \
                    text_lemmas:
                continue
            key = (shared, item.states)
            if best is None or key > best[0]:
                best = (key, item)
    return best[1] if best else None
