"""Suggest stronger rewrites: candidates, meaning guards, one re-scoring batch, placeholders."""

from __future__ import annotations

import re
import threading
import weakref
from collections import OrderedDict
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from smartcheck.judge.analysis import VAGUE_OBJECTS
from smartcheck.judge.placeholders import slot_spans
from smartcheck.judge.scoring import overall_score
from smartcheck.report import CriterionScore, Suggestion
from smartcheck.rewrite import deliverables
from smartcheck.rewrite.anchors import anchor_for, fits_rights, instrument_named
from smartcheck.rewrite.checks import (
    MIN_PART_WORDS,
    OBJECT_DEPS,
    clause_token,
    content_words,
    grammar_problems,
    source_problems,
    swap_problems,
    trailing_adjunct,
)
from smartcheck.rewrite.gain import (
    ANCHOR,
    concrete_as_written,
    gains_substance,
    nothing_to_gain,
    recast_needed,
)
from smartcheck.rewrite.grammar import (
    Draft,
    add_deadline,
    add_means,
    core,
    deadline_phrase,
    drop_hedges,
    finish,
    finish_deliverable,
)
from smartcheck.rewrite.guards import Meaning, continuing_duty, guard_problems, meaning_of
from smartcheck.rewrite.slots import placeholders
from smartcheck.rewrite.split import parts

if TYPE_CHECKING:
    from spacy.tokens import Token

    from smartcheck.judge.judging import IssueTags, Judge, Judgement

MAX_SUGGESTIONS = 3
# Candidates re-scored in recent calls, per judge (a Doc each: ~30 kB).
RESCORED_CACHE = 256
_rescored_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_cache_lock = threading.Lock()
DEADLINE_SLOT = re.compile(r"\b(?:by|before|within|until)\s+\[[^\]]*\]$")
ISSUE_MIN_SCORE = 0.3
# A harm fought in general gets the kind of deliverable real recommendations ask for against it.
HARM_VERBS = {"combat", "prevent", "fight", "address", "tackle", "counter", "counteract",
              "curb", "stop", "reduce", "suppress", "punish"}
HARMS = {"trafficking", "violence", "discrimination", "torture", "corruption", "racism",
         "xenophobia", "exploitation", "abuse", "harassment", "impunity", "mutilation",
         "intolerance", "ill-treatment", "racial", "hate", "sale", "prostitution",
         "pornography", "statelessness", "illiteracy", "labour"}
MAX_TOPIC = 7
FINITE = {"VBZ", "VBP", "VBD", "MD"}
# Adjectives a topic does without ("a national plan on real equality" says no more).
VAGUE_ADJECTIVES = {"real", "genuine", "full", "true", "effective", "better", "greater", "more",
                    "further", "actual", "substantive", "meaningful", "ongoing", "adequate",
                    "appropriate", "sufficient", "necessary", "proper"}
NOMINAL_FIGHTS = {"fight", "struggle", "combat", "elimination", "eradication", "prevention",
                  "suppression", "campaign", "efforts"}
# Harms that are offences: the legislation recommendations on the issue ask for fits them.
LEGAL_HARMS = {"trafficking", "violence", "discrimination", "torture", "corruption", "racism",
               "xenophobia", "exploitation", "abuse", "harassment", "mutilation", "ill-treatment",
               "hate", "sale", "prostitution", "pornography"}
# Outcomes a plan is asked for ("reduce maternal mortality": a national plan on it).
OUTCOME_VERBS = {"reduce", "improve", "increase", "eliminate", "eradicate", "ensure",
                 "guarantee", "expand", "raise", "achieve", "promote", "combat", "fight"}
PLAN_TOPICS = HARMS - {"racial", "hate", "sale"} | {
    "mortality", "poverty", "unemployment", "illiteracy", "literacy", "education", "health",
    "equality", "nutrition", "malnutrition", "housing", "sanitation", "employment", "enrolment",
    "registration", "participation", "inclusion", "integration", "representation",
    "empowerment", "exclusion", "inequality", "marriage", "pregnancy", "hunger",
    "homelessness", "tolerance", "dialogue"}
# A right or group promoted in general gets the plan real recommendations on its issue ask for.
PROMOTE_VERBS = {"promote", "protect", "ensure", "assure", "strengthen", "improve", "guarantee",
                 "respect", "uphold", "advance", "enhance", "support", "safeguard", "fulfil"}


def _issues(j: Judgement) -> list[str]:
    """The text's likely UPR Info issues, best first."""
    return [label for label, score in j.issue_tags[:3] if score >= ISSUE_MIN_SCORE]


def _copy(draft: Draft) -> Draft:
    """An independent copy of a draft."""
    return replace(draft, changes=list(draft.changes))


# A named programme, plan or strategy ("the Poverty Reduction Programme (PARP)").
NAMED_VEHICLE = re.compile(r"\b[A-Z][a-z]+\s+(?:[A-Z][a-z]+\s+)*(?:Programme|Program|Plan|"
                           r"Strategy|Policy|Agenda|Framework)\b")


def _concretise(j: Judgement, draft: Draft) -> bool:
    """A general action gets a deliverable real recommendations on its issue ask for: the
    same thing on the same object when they ask for one, else the kind of deliverable they
    ask for most ("legislation", "a national action plan") on the text's own object."""
    issues = _issues(j)
    # The object of the verb the draft now opens with ("Continue its efforts to combat X": X).
    verb_token = j.parsed.doc[draft.verb_i] if draft.verb_i is not None else j.action.verb
    found = _object_of(verb_token) if verb_token is not None else []
    tokens = [t for t in found or j.action.object_tokens if t.is_alpha]
    if not issues or not tokens:
        return False
    if any(t.pos_ == "PROPN" or t.tag_.startswith("NNP") or t.is_quote
           or t.text[:1].isupper() and t.i > j.parsed.first for t in found) or \
            re.search(r"\b(?:through|by means of|by way of|via)\b", draft.text, re.IGNORECASE):
        return False  # a named object is specific already; a means is there already
    if NAMED_VEHICLE.search(j.parsed.text):
        # "… in the context of the next Poverty Reduction Programme": a stock plan would
        # replace the named vehicle the text asks for
        return False
    end = max(t.i for t in tokens)
    # "…, and promote Y by adopting …" would hang the means on the last verb: it goes
    # right after the first object then.
    mid_only = any(t.dep_ == "conj" and t.pos_ == "VERB" and t.i > end
                   for t in j.parsed.tokens())
    lemmas = {t.lemma_.lower() for t in tokens}
    heads = [t for t in tokens if t.head not in tokens or t.head == t]
    head = heads[0] if heads else None
    verb = draft.verb or (j.action.verb.lemma_.lower() if j.action.verb is not None else "")
    inner = _nominal_harm(head) if head is not None else None
    if inner is not None:  # "intensify the fight against trafficking": trafficking is fought
        head, verb = inner, "combat"
    span: str | None = j.parsed.doc[min(t.i for t in tokens) : end + 1].text
    doc = j.parsed.doc
    if _inside_clause(tokens, verb_token) or doc[end].pos_ not in {"NOUN", "PROPN", "NUM"} or \
            any(t.tag_ in FINITE for t in doc[end + 1 :]) or \
            verb_token is not None and verb_token.i + 1 < len(doc) and \
            doc[verb_token.i + 1].lower_ in {"that", "whether", "how"} or \
            any(t.dep_ == "conj" and t.head in tokens and t.i > end for t in doc):
        # "Ensure that violence by adopting … does not occur", "… in general and
        # particularly by adopting …, combat X", "Combat racism by adopting …, racial
        # discrimination and xenophobia": a means there splits a phrase or a series.
        span = None
    text_lemmas = {t.lemma_.lower() for t in j.parsed.tokens()} | {
        t.lower_ for t in j.parsed.tokens()}
    chosen = deliverables.choose(issues, lemmas, head.lemma_.lower() if head else None,
                                 text_lemmas)
    if chosen is not None and _adds_something(chosen.phrase, j.parsed.text):
        issue = next((i for i in issues if chosen in deliverables.load().get(i, ())), issues[0])
        return add_means(draft, chosen.gerund, issue, chosen.sources, span, mid_only)
    topic = _topic(head) if head is not None else None
    if topic is None or head is None or _generic_topic(topic, tokens, j.parsed.text) or \
            not _covers(topic, head):
        return False
    lemma = head.lemma_.lower()
    harm = verb in HARM_VERBS and lemma in HARMS
    # only a right with its holders ("the rights of women"), never "a law on rule/role"
    rights = verb in PROMOTE_VERBS and lemma in {"right", "protection"}
    outcome = verb in PROMOTE_VERBS | OUTCOME_VERBS | HARM_VERBS and lemma in PLAN_TOPICS
    kind = deliverables.kind_for(issues)
    if kind is not None and (harm and lemma in LEGAL_HARMS or rights) and \
            _adds_something(kind.phrase, j.parsed.text):
        issue = next(i for i in issues if kind in deliverables.load_kinds().get(i, ()))
        planned = kind.phrase.endswith(("plan", "strategy", "campaign"))
        about = "against" if planned and harm else "on"
        return add_means(draft, f"{kind.gerund} {about} {topic}", issue, kind.sources, span,
                     mid_only)
    # A problem that is no offence, or an outcome: the plan recommendations on it ask for.
    plan = deliverables.plan_for(issues) if harm or rights or outcome else None
    if plan is None or not _adds_something(plan[1].phrase, j.parsed.text):
        return False
    issue, kind = plan
    about = "against" if harm else "on"
    return add_means(draft, f"{kind.gerund} {about} {topic}", issue, kind.sources, span,
                     mid_only)


# Words that say a text names something more specific than its object ("women's rights,
# particularly in regard to gender-based violence", "human rights of migrants, regardless …").
QUALIFIERS = re.compile(r"\b(?:particularly|especially|in particular|notably|including|"
                        r"regardless|in regard to|with regard to|with respect to|such as)\b",
                        re.IGNORECASE)
GENERIC_TOPIC_WORDS = {"the", "of", "s", "human", "right", "rights", "and", "for", "all",
                       "violence", "issue", "issues", "cause", "causes"}


def _generic_topic(topic: str, tokens: list[Token], text: str) -> bool:
    """Whether a deliverable's topic is generic ("human rights", "women's rights" with no
    right named, "violence") while the original names something more specific: a stock
    "legislation on human rights" for the rights of migrants is no gain."""
    words = [w for w in re.findall(r"[a-z]+", topic.lower())]
    content = {w for w in words if w not in GENERIC_TOPIC_WORDS
               and w.rstrip("s") not in HOLDERS and w not in HOLDERS
               and w not in {"women", "children", "men", "people", "persons"}}
    if content:
        return False
    named = {t.lower_ for t in tokens if t.is_alpha} - set(words) - GENERIC_TOPIC_WORDS
    return bool(named) or QUALIFIERS.search(text) is not None


def _covers(topic: str, head: Token) -> bool:
    """Whether a stock deliverable's topic names every harm or thing the object coordinates:
    "legislation on discrimination" does not cover "discrimination and violence against
    women as well as trafficking"."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", topic)}
    conjuncts = []
    for t in head.subtree:
        top = t
        while top.dep_ == "conj" and top != head:
            top = top.head
        # coordinated with the object's head itself or a modifier before it ("the maternal
        # health and basic education goals"), not inside its holders ("for men and women")
        # or its field ("in education and employment")
        before = top.head == head and top.i < head.i and top.dep_ in {"compound", "nmod", "amod"}
        if t.dep_ == "conj" and (top == head or before) and t.pos_ in {"NOUN", "PROPN"}:
            conjuncts.append(t)
    # a parse that misses the coordination ("the maternal health and basic education
    # goals" read as "health" + "goals"): the noun right after "and" counts too
    doc = head.doc
    if head.i + 1 < len(doc) and doc[head.i + 1].lower_ in {"and", "or"}:
        nxt = next((t for t in doc[head.i + 2 : head.i + 5] if t.pos_ not in {"ADJ", "DET"}),
                   None)
        nxt = nxt if nxt is not None and nxt.pos_ in {"NOUN", "PROPN"} else None
        if nxt is not None:
            conjuncts.append(nxt)
    return all(t.lower_ in words or t.lemma_.lower() in words for t in conjuncts)


def _inside_clause(tokens: list[Token], verb: Token | None) -> bool:
    """Whether an object is the subject or part of a clause of its own ("ensure that X
    does not occur"): a means cannot go right after it."""
    for t in tokens:
        node = t
        while node.head != node and node != verb:
            if node.dep_ in {"ccomp", "advcl", "relcl", "acl", "csubj", "nsubj", "nsubjpass",
                             "mark"}:
                return True
            node = node.head
    return False


HOLDERS = {"citizen", "child", "people", "population", "person", "woman", "girl", "man", "boy",
           "individual", "everyone", "all", "family", "worker", "migrant", "refugee", "national",
           "inhabitant", "resident", "minority", "student", "detainee", "prisoner"}


def _nominal_harm(head: Token) -> Token | None:
    """The harm a nominal object fights ("the fight against trafficking", "the elimination
    of discrimination"), if it names one."""
    if head.lemma_.lower() not in NOMINAL_FIGHTS:
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in {"against", "of"}:
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in HARMS:
                    return pobj
    return None


def _object_of(verb: Token) -> list[Token]:
    """The tokens of a verb's direct object ([] when it has none)."""
    for child in verb.children:
        if child.dep_ in {"dobj", "obj", "nsubjpass"}:
            return list(child.subtree)
    for child in verb.children:  # "promote and protect the rights of X": a shared object
        if child.dep_ == "conj" and child.pos_ == "VERB" and child.i <= verb.i + 2:
            return _object_of(child)
    return []


def _adds_something(phrase: str, text: str) -> bool:
    """A means must name a thing the text does not ("… in school curricula by introducing
    human rights education" only repeats it)."""
    before = re.split(r"\s(?:on|against|for|to|of|in|with)\s", phrase)[0].split()
    return bool(before) and before[-1].lower() not in text.lower()


def _holders(prep: Token) -> bool:
    """Whether a prepositional phrase names who holds a right ("of its citizens", "for all
    children"), not what the right is ("freedom of expression")."""
    return prep.dep_ == "prep" and prep.lower_ in {"of", "for"} and any(
        g.dep_ == "pobj" and (g.lemma_.lower() in HOLDERS or any(c.dep_ == "poss"
                                                                for c in g.children))
        for g in prep.children)


def _topic(head: Token) -> str | None:
    """The object's head with its own modifiers ("women's rights", "trafficking"), if short;
    a short coordinated phrase whole ("racial discrimination and xenophobia")."""
    if head.pos_ != "NOUN" or head.lemma_.lower() in VAGUE_OBJECTS:
        return None
    # a pronoun's possessive goes ("its"), a noun's stays with its "'s" ("women's")
    dropped = {t.i for t in head.subtree if t.i < head.i and (
        t.dep_ in {"det", "predet"} or t.dep_ == "poss" and t.pos_ == "PRON"
        or t.lower_ in VAGUE_ADJECTIVES)}
    whole = [t for t in head.subtree if t.i > head.i or t.i not in dropped and not (
        t.dep_ == "case" and t.head.i in dropped)]
    if head.lemma_.lower() not in {"right", "protection"} and any(
            t.dep_ in {"conj", "prep"} for t in head.children) and len(whole) <= MAX_TOPIC and \
            not any(t.is_punct or t.pos_ in {"VERB", "AUX", "PRON", "NUM", "ADV"}
                    or t.dep_ in {"relcl", "acl", "det", "poss"} and t.i > head.i
                    for t in whole) and whole[0].i <= head.i:
        return head.doc[whole[0].i : whole[-1].i + 1].text
    left = [t for t in head.doc[head.left_edge.i : head.i] if t.dep_ not in {"det", "predet"}
            and t.lower_ not in VAGUE_ADJECTIVES]
    words = [t.text for t in left] + [head.text]
    if len(words) > 4 or any(t.is_punct and t.text != "'s" or t.pos_ in {"ADV", "NUM"}
                             for t in left):
        return None
    if head.lemma_.lower() in {"right", "protection"} and not left:
        # "the rights of women", "the right to education": the right with its holders or
        # its object; "rights" alone says nothing
        holders = [c for c in head.children if c.dep_ == "prep" and c.lower_ in {"of", "to"}]
        pobj = [g for c in holders for g in c.children if g.dep_ == "pobj"]
        if not pobj:
            return None
        # "the right to health of its citizens": the right is the topic; its holders stay
        # in the text, not repeated in the means ("… a plan on the right to health")
        end = max([pobj[0].i] + [t.right_edge.i for t in pobj[0].children if t.i > pobj[0].i
                                 and not _holders(t)])
        doc = head.doc
        if end + 2 < len(doc) and doc[end + 1].lower_ in {"with", "without"} and \
                doc[end + 2].pos_ == "NOUN":
            end += 2  # "people with disabilities", however the parse attaches "with"
        nxt = doc[end + 1] if end + 1 < len(doc) else None
        # "…, and ensure X", "… and to further X": a second action, not the rest of the phrase
        action = nxt is not None and nxt.lower_ in {"and", "or"} and any(
            t.pos_ in {"VERB", "AUX"} and t.tag_ != "VBN" for t in doc[end + 2 : end + 4]
            if t.lower_ != "to")
        if nxt is not None and (nxt.pos_ in {"ADP", "CCONJ"} or nxt.dep_ in {"prep", "cc"}) \
                and not _holders(nxt) and not action:
            # "the rights to trial without undue delay and to a fair trial": a topic cut
            # before the rest of its phrase names something else ("a law on the rights to
            # trial"), wherever the parse hangs the rest
            return None
        span = doc[head.i : end + 1]
        if len(span) > 6 or any(t.is_punct or t.dep_ == "cc" for t in span):
            return None
        return "the " + span.text
    if head.lemma_.lower() in {"right", "protection", "situation", "condition"} and not left:
        return None  # "rights" alone says nothing
    return " ".join(words).replace(" 's", "'s").replace(" '", "'")


def _continuing(draft: Draft) -> bool:
    """Whether a draft opens with a continuing duty (no deadline on it alone)."""
    return continuing_duty(draft.text, draft.verb)


def _anchor(judge: Judge, j: Judgement, draft: Draft) -> None:
    """Anchor the text in the standard of its own field, if the map has one."""
    if not any(f.rule == "relevant.no-anchor" for f in j.findings):
        return
    path = str(judge.root / "lexicons" / "anchors.yml")
    if ANCHOR.search(j.parsed.text) or ANCHOR.search(draft.text):
        return  # "… in line with calls from X, in line with article 21": one anchor is enough
    standard = anchor_for(path, draft.text, set(_issues(j)))
    if standard and not instrument_named(standard, j.parsed.text) and \
            standard.lower() not in draft.text.lower() and fits_rights(standard, draft.text):
        draft.text = finish(draft.text.rstrip(". ") + f", in line with {standard}")
        draft.changes.append(f"anchored it in {standard}")


def candidates(judge: Judge, j: Judgement, meaning: Meaning, context: dict[str, Any],
               thorough: bool = True) -> list[Draft]:
    """Rewrites of one judged text: the full climb, and (`thorough`, while drafting one
    text) the same without its concrete means; batches show only the best rewrite."""
    base = core(judge, j)
    if base is None and j.action.opening_category is None:
        return []  # no imperative to build on, and no safe recast
    start = base or Draft(j.parsed.text, category=j.action.opening_category)
    if start.category == 1:
        return [start] if base else []  # help or sharing stays what it is
    drafts = []
    minimal = _copy(start)
    drop_hedges(j, minimal)
    # "Refrain from refoulement by [year]": a prohibition holds at once, it has no deadline.
    prohibition = any(p.startswith(("refrain", "avoid", "never", "not", "n't", "desist"))
                      for p in meaning.polarity)
    timed = not meaning.times and start.category not in {2, 3} and not prohibition
    full = _copy(minimal)
    means = full.category == 4 and not j.action.means and _concretise(j, full)
    finish_deliverable(j, full)
    clause = _object_clause(j, full)
    verbs = _verb_group(j, minimal)
    full_verbs = verbs
    if verbs > 0 and full.text != minimal.text:
        # "Develop and adopt …", "Develop, adopt and implement …": the verb asked for adoption
        # joins the group
        inserted = re.match(r"[^\s,]+( and adopt|, adopt)\b", full.text)
        full_verbs += len(inserted.group(1).split()) if inserted else 0
    if timed and (means or not _continuing(full)):
        add_deadline(full, deadline_phrase(context), at_end=means, after_verb=clause,
                     verb_words=full_verbs)
    _anchor(judge, j, full)
    # Each candidate costs a parse: the smallest edit is offered only when nothing is added.
    if full.changes:
        drafts.append(full)
    if thorough and timed and means and not _continuing(minimal):
        # the same without the means, as a second option
        dated = _copy(minimal)
        add_deadline(dated, deadline_phrase(context), after_verb=clause, verb_words=verbs)
        drafts.append(dated)
    return drafts


def _verb_group(j: Judgement, draft: Draft) -> int:
    """Words of the draft's opening verbs when what follows their object is more than the
    object ("Establish and implement a mechanism …, in accordance with …"): a deadline at the
    end would date that part, so it goes after these words; 0 when the end is safe, -1 when
    the draft's opening words are not the parse's verbs."""
    doc = j.parsed.doc
    opening = draft.text.split(" ", 1)[0].strip(",").lower()
    verb = doc[draft.verb_i] if draft.verb_i is not None else \
        doc[j.parsed.first] if j.parsed.first < len(doc) and \
        doc[j.parsed.first].lower_ == opening else j.action.verb
    if verb is None:
        return 0
    end = verb.sent.end
    while end > verb.i + 1 and doc[end - 1].is_punct:
        end -= 1
    # a hedge the draft dropped at the end (", as appropriate") is no adjunct of the draft
    last_word = re.sub(r"\W+$", "", draft.text).rsplit(" ", 1)[-1].lower()
    kept = next((i for i in range(end, max(verb.i + 1, end - 6), -1)
                 if doc[i - 1].lower_ == last_word), end)
    end = kept
    if trailing_adjunct(doc, verb.i, end) is None:
        return 0
    last = verb
    while (nxt := next((c for c in last.children if c.dep_ == "conj" and c.i > last.i and
                        c.pos_ in {"VERB", "AUX"} and c.i - last.i <= 3 and
                        all(w.dep_ in {"cc", "punct"} for w in doc[last.i + 1 : c.i])),
                       None)) is not None:
        last = nxt
    words = doc[verb.i : last.i + 1].text.replace(" ,", ",").split()
    draft_words = draft.text.split()
    if len(words) == 1:
        return 1  # the draft opens with its one verb, whatever word it now is
    if len(draft_words) <= len(words) or \
            draft_words[len(words) - 1].lower().strip(",") != last.lemma_.lower():
        return -1  # the draft's opening is not the parse's verbs: no safe place
    return len(words)


def _object_clause(j: Judgement, draft: Draft) -> bool:
    """Whether the object of the verb a draft opens with holds a clause of its own (a
    relative, participial or "of + -ing" clause), read from the original's parse: a
    deadline at the end would date that clause, not the action."""
    doc = j.parsed.doc
    verb = doc[draft.verb_i] if draft.verb_i is not None else j.action.verb
    if verb is None:
        return False
    return any(clause_token(t) for c in verb.children
               if c.i > verb.i and c.dep_ in OBJECT_DEPS for t in c.subtree)


def suggest_many(judge: Judge, judgements: list[Judgement],
                 context: dict[str, Any] | None = None) -> list[list[Suggestion]]:
    """Suggestions for each judged text: guarded, re-scored in one batch, best first."""
    context = context or {}
    thorough = len(judgements) == 1
    groups = judge.terms("groups")
    split = [parts(j) for j in judgements]
    flat = [(n, text) for n, texts in enumerate(split) for text in texts]
    part_judgements = judge.judge_many([t for _, t in flat],
                                       [judgements[n].issue_tags for n, _ in flat]) if flat else []
    units: list[list[Judgement]] = [[j] if not split[n] else [] for n, j in enumerate(judgements)]
    for (n, _), pj in zip(flat, part_judgements, strict=True):
        units[n].append(pj)
    drafts: dict[int, list[Draft]] = {}
    meanings: dict[int, Meaning] = {}
    for unit in units:
        for j in unit:
            if j.overall >= 100 or nothing_to_gain(j):
                drafts[id(j)] = []  # none could be shown (could_win, could_gain): none is made
                continue
            meanings[id(j)] = meaning_of(j, groups)
            drafts[id(j)] = [d for d in candidates(judge, j, meanings[id(j)], context, thorough)
                             if could_gain(j, d) and could_win(j, d)]
    # A rewrite keeps the draft's issue: it is re-scored with the draft's issue tags.
    tags_of = {d.text: j.issue_tags for unit in units for j in unit for d in drafts[id(j)]}
    judged, filled = _rescored(judge, tags_of)
    results = []
    lexicon = judge.verbs.verbs
    for original, unit in zip(judgements, units, strict=True):
        if len(unit) == 1 and unit[0] is original:
            results.append(_best(original, drafts[id(original)], meanings.get(id(original)),
                                 judged, filled, lexicon)[:MAX_SUGGESTIONS])
        else:
            results.append(_split_suggestions(unit, drafts, meanings, judged, filled, lexicon))
    return results


def _rescored(judge: Judge, tags_of: dict[str, IssueTags]
              ) -> tuple[dict[str, Judgement], dict[str, int]]:
    """Each candidate text judged (and its filled score, if it has slots), in one parse; the
    candidates of recent calls come from a cache (a draft checked again while it is edited,
    a text repeated across a file's batches)."""
    cache = _cache_of(judge)
    judged, filled = {}, {}
    todo = []
    with _cache_lock:
        for text in sorted(tags_of):
            found = cache.get((text, _tags_key(tags_of[text])))
            if found is None:
                todo.append(text)
            else:
                cache.move_to_end((text, _tags_key(tags_of[text])))
                judged[text], score = found
                if score is not None:
                    filled[text] = score
    fresh = judge.judge_many(todo, [tags_of[t] for t in todo]) if todo else []
    for text, j in zip(todo, fresh, strict=True):
        judged[text] = j
        score = _filled_score(judge, j, tags_of[text]) if slot_spans(text) else None
        if score is not None:
            filled[text] = score
        with _cache_lock:
            cache[(text, _tags_key(tags_of[text]))] = (j, score)
            while len(cache) > RESCORED_CACHE:
                cache.popitem(last=False)
    return judged, filled


def _tags_key(tags: IssueTags) -> tuple[tuple[str, float], ...]:
    """Issue tags as a hashable key."""
    return tuple((label, float(score)) for label, score in tags)


def _cache_of(judge: Judge) -> OrderedDict:
    """The re-scored candidates of this judge's recent calls (its rules decide the scores)."""
    with _cache_lock:
        cache = _rescored_cache.get(judge)
        if cache is None:
            cache = _rescored_cache[judge] = OrderedDict()
        return cache


def _filled_score(judge: Judge, judged: Judgement, tags: list[tuple[str, float]]) -> int:
    """The score once the slots are filled: a deadline slot ("by [year]") only makes the
    text time-bound, so that case needs no second run of the rules."""
    text = judged.parsed.text
    if all(DEADLINE_SLOT.search(text[: end]) for _, end in slot_spans(text)):
        criteria = dict(judged.criteria)
        criteria["time_bound"] = CriterionScore("time_bound", 1.0)
        return overall_score(criteria, judge.criteria_specs)
    return judge.judge(judged.parsed, tags, slots_as_evidence=True).overall


def _suggestion(draft: Draft, judged: Judgement, filled: dict[str, int],
                explanation: str | None = None) -> Suggestion:
    """A scored Suggestion with its placeholders."""
    return Suggestion(draft.text, judged.overall, explanation or draft.explanation(),
                      overall_filled=filled.get(draft.text, judged.overall),
                      placeholders=placeholders(draft.text), sources=draft.sources)


def _acceptable(draft: Draft, meaning: Meaning, judged: Judgement,
                lexicon: dict[str, int]) -> bool:
    """Whether a candidate keeps the meaning and reads as an imperative."""
    starts_with_verb = judged.action.opening_category is not None and \
        judged.action.opening_start == judged.parsed.first
    sentences = sum(1 for s in judged.parsed.doc.sents if s.end > judged.parsed.first)
    return starts_with_verb and sentences == 1 and \
        not guard_problems(meaning, draft.text, judged) and \
        not grammar_problems(judged.parsed.doc, lexicon, judged.parsed.first)


def _added(draft: Draft) -> bool:
    """Whether a draft adds a concrete means or asks for adoption."""
    return any(c.startswith(("added a concrete means", "asked for adoption"))
               for c in draft.changes)


def could_gain(source: Judgement, draft: Draft) -> bool:
    """Whether a candidate can pass `gains_substance` at all, read before it is parsed, so
    that those which cannot cost no parse: none can on a source with `nothing_to_gain`
    (exact). One that still opens with a general verb, adds no means and recasts no lead-in or
    passive almost never does (most candidates of general texts; a heuristic: 2 of the
    candidates of 700 corpus texts would have passed, e.g. "Continue its positive measures in
    advancing the rights …" → "Advance the rights …")."""
    if nothing_to_gain(source):
        return False
    return recast_needed(source) or _added(draft) or draft.category == 5


def could_win(source: Judgement, draft: Draft) -> bool:
    """Whether a candidate can be shown at all, read before it is parsed: no rewrite beats a
    text scored 100 (`_best` keeps only higher scores), and one that broke the text's
    structure (`swap_problems`, `source_problems`: the words and the source's parse alone) is
    never shown."""
    return source.overall < 100 and not swap_problems(source.parsed.text, draft.text) and \
        not source_problems(source, draft.text)


def _best(source: Judgement, drafts: list[Draft], meaning: Meaning | None,
          judged: dict[str, Judgement], filled: dict[str, int],
          lexicon: dict[str, int]) -> list[Suggestion]:
    """Guarded candidates that score higher than the source, best first (`drafts` have
    passed `could_win`; `meaning` is None only for a source given no drafts)."""
    kept, seen = [], {source.parsed.text}
    for draft in drafts:
        if draft.text in seen:
            continue
        seen.add(draft.text)
        j = judged[draft.text]
        suggestion = _suggestion(draft, j, filled)
        if suggestion.filled <= source.overall or suggestion.overall < source.overall:
            continue
        if not gains_substance(source, j, _added(draft)):
            continue
        # (swap_problems and source_problems were read before parsing: `could_win`)
        if _acceptable(draft, meaning, j, lexicon):
            kept.append(suggestion)
    kept.sort(key=lambda s: (-s.filled, -s.overall, len(s.placeholders)))
    return kept


def _split_suggestions(unit: list[Judgement], drafts: dict[int, list[Draft]],
                       meanings: dict[int, Meaning], judged: dict[str, Judgement],
                       filled: dict[str, int], lexicon: dict[str, int]) -> list[Suggestion]:
    """One suggestion per action of a bundle: its best rewrite, or the action as written
    when it is a concrete act already; none when a part can neither gain nor stand as a
    concrete act ("Consider alternatives …", a fragment, broken English), or none gains."""
    total = len(unit)
    result = []
    rewritten = 0
    for number, part in enumerate(unit, start=1):
        head = f"Split into {total} recommendations, one action each ({number} of {total})"
        best = _best(part, drafts[id(part)], meanings.get(id(part)), judged, filled, lexicon)
        if best:
            top = best[0]
            rewritten += 1
            result.append(replace(top, explanation=f"{head}; {top.explanation[:1].lower()}"
                                                   f"{top.explanation[1:]}"))
        elif concrete_as_written(part) and _stands_alone(part, lexicon):
            result.append(Suggestion(part.parsed.text, part.overall, head + ".",
                                     overall_filled=part.overall,
                                     placeholders=placeholders(part.parsed.text)))
        else:
            # A split is offered only when it is itself a gain: a part left as written
            # ("Consider alternatives …", "Take steps to ensure …") gains nothing.
            return []
    if not rewritten:
        return []  # every part as written: the split alone is no gain (the reviewers)
    if any(len(content_words(s.text)) < MIN_PART_WORDS for s in result):
        return []
    return result


def _stands_alone(part: Judgement, lexicon: dict[str, int]) -> bool:
    """Whether a split part, as it stands, reads as a recommendation of its own."""
    parsed = part.parsed
    return part.action.opening_category is not None and \
        part.action.opening_start == parsed.first and \
        part.criteria["achievable"].verdict != "fail" and \
        not grammar_problems(parsed.doc, lexicon, parsed.first, unnamed=False)
