"""Meaning guards: a candidate rewrite that changes what was asked is dropped, not shown.

Each guard compares a candidate with the text it rewrites: polarity ("refrain from", "do
not"), addressee (the outside actor the judge reads, e.g. donors or other States), time
expressions and legal urgency, the object's content words and the rights-holders, and the
candidate's own Achievable verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from smartcheck.judge.analysis import NOMINAL_ACTIONS, VAGUE_OBJECTS
from smartcheck.judge.lexicons import load_lexicons
from smartcheck.rewrite.repairs import repair

if TYPE_CHECKING:
    from smartcheck.judge.judging import Judgement

POLARITY = re.compile(r"\b(refrain\w*|avoid\w*|not|never|cease\w*|stop\w*|halt\w*|desist\w*|"
                      r"no longer|end the practice|put an end|n't)\b|n't", re.IGNORECASE)
_YEARISH = r"(?:mid-|end-)?(?:19|20)\d\d(?:-(?:19|20)?\d\d)?"
TIME = re.compile(
    r"\b(?:(?:by|in|before|until|till|from|since|during|for|after|of)\s+(?:the\s+|its\s+)?"
    r"(?:(?:end|middle|beginning|start|mid|early|late|first|second|[a-z]+)\s+(?:of\s+)?)?"
    + _YEARISH + r"(?:\s+[a-z]+)?"
    r"|within\s+(?:a|one|two|three|four|five|six|twelve|\d+)\s+(?:hours?|days?|weeks?|months?|years?)"
    r"|immediately|forthwith|without (?:further |undue )?delay|as soon as possible|promptly"
    r"|urgently|expeditiously|as a matter of (?:priority|urgency)|in a timely manner"
    r"|rapidly|quickly|speedily|speedy|swiftly|swift|without further ado|soon as possible"
    r"|before (?:its|the) next (?:review|cycle|upr|report|session|elections?)"
    r"|in the (?:near|shortest) (?:future|time possible)"
    r"|at the earliest (?:opportunity|possible date)"
    r"|" + _YEARISH + r")\b"
    r"|\b(?:by|before|within|until)\s+\[[^\]]*\]", re.IGNORECASE)  # a draft's own "by [year]"
# Times and conditions a deadline would clash with ("as soon as it completes the work", "in a
# permanent manner", "until the draft law comes into effect"): they count as the text's time.
CONDITION = re.compile(
    r"\b(?:as soon as|until|till|pending|once the|upon (?:the|its) (?:entry|adoption|completion|"
    r"ratification)|permanently|continuously|periodically|regularly|systematically|"
    r"at all times|on an? (?:permanent|regular|continuous|continuing|ongoing|systematic|"
    r"periodic|sustained|annual|yearly) basis|in an? (?:permanent|sustained|continuous|"
    r"systematic|regular) (?:manner|way)|after (?:the|its) (?:entry into force|adoption|"
    r"completion|elections?)|within an? reasonable (?:time|timeframe|time-frame|time frame|"
    r"period)|in due course|at an appropriate time|in the (?:medium|long)(?: |-)term)\b"
    # The text's own vague time ("prompt ratification", "eventually submit", "expedite the
    # adoption"): a deadline beside it doubles the time (the reviewers' convention).
    r"|\b(?:expedit(?=e|ing|ed|ion|ious)|(?:eventually|timely|in good time)\b)",
    re.IGNORECASE)
# A vague time on an act named as a noun ("prompt ratification", "early adoption"): a rewrite
# may replace it by a deadline ("Ratify X by [year]"), never keep both.
VAGUE_TIME = re.compile(
    r"\b(?:early|prompt|speedy|swift|rapid|quick|timely|expeditious|immediate)(?= "
    r"(?:ratification|adoption|accession|enactment|entry|signature|submission|establishment|"
    r"completion|finali[sz]ation|approval|passage|conclusion|date|implementation)\b)",
    re.IGNORECASE)
# Duties that hold for as long as their cases arise: "Investigate racist attacks by [year]"
# or "Punish the perpetrators by [year]" makes no sense.
CONTINUING_DUTIES = {"investigate", "prosecute", "punish", "sanction", "monitor", "respect",
                     "uphold", "protect", "safeguard", "enforce", "apply", "observe", "comply",
                     "cooperate", "try", "allow", "permit", "facilitate",
                     "maintain", "continue", "refrain", "combat", "fight", "prevent", "support",
                     "document", "compensate", "assist", "consult", "engage", "respond"}
_BRINGS = re.compile(r"^(?:bring|hold)\b.*\b(?:to justice|accountable|responsible)\b",
                     re.IGNORECASE)


def continuing_duty(text: str, verb: str = "") -> bool:
    """Whether a text opens with a duty that holds as long as its cases arise ("Investigate
    …", "Punish …", "Bring … to justice"): a deadline on it alone makes no sense."""
    first = re.match(r"[A-Za-z]+", text)
    lemma = (verb or (first.group() if first else "")).lower()
    return lemma in CONTINUING_DUTIES or _BRINGS.search(text) is not None


# Words that carry a right, not a hedge ("impartially investigated", "a fair trial",
# "effective investigations"): a rewrite must keep them.
GUARANTEES = re.compile(
    r"\b(?:impartial|independent|thorough|fair)(?=ly\b|ity\b|ness\b|\b)|\bprompt(?=ly\b|"
    r" (?:and \w+ )?(?:investigation|inquir|access|remed|trial|reparation|compensation))"
    r"|\beffective(?=ly investigat|ly prosecut| investigation| prosecution| remed)"
    r"|(?<=investigated )effective(?=ly\b)|(?<=prosecuted )effective(?=ly\b)",
    re.IGNORECASE)
DEADLINE = re.compile(r"\b(?:by|before|within)\s+(?:\[[^\]]+\]|" + _YEARISH + r")", re.IGNORECASE)
# Words of an object a rewrite may drop: hedges, vague heads, nominalised verbs it turned into
# the verb itself ("ratification of X" → "Ratify X").
DROPPABLE = VAGUE_OBJECTS | NOMINAL_ACTIONS | {
    "further", "necessary", "appropriate", "effective", "possible", "all", "efforts", "effort",
    "measures", "steps", "adequate", "concrete", "relevant", "possibility", "idea", "current",
    "present", "existing", "continued", "ongoing", "positive", "commendable", "good", "its",
    "their", "such", "other", "new", "more", "greater", "additional", "sustained", "significant",
    "consideration", "view", "aim", "order", "way", "ways", "even", "also", "own", "due",
    "early", "speedy", "prompt", "swift", "eventual", "timely", "rapid", "quick"}


@dataclass(frozen=True)
class Meaning:
    """What a rewrite of one text must keep."""

    polarity: tuple[str, ...]
    addressee: tuple[str, ...]
    times: tuple[str, ...]
    object_words: frozenset[str]
    groups: tuple[str, ...]
    guarantees: tuple[str, ...] = ()
    vague_times: tuple[str, ...] = ()




def _words(text: str) -> set[str]:
    """Lower-case words of a text (hyphenated parts too)."""
    words = set(re.findall(r"[a-z0-9]+(?:[-'][a-z0-9]+)*", text.lower()))
    return words | {part for w in words for part in re.split(r"[-']", w)}


@lru_cache(maxsize=4)
def _group_pattern(groups: frozenset[str]) -> re.Pattern[str]:
    """One pattern for every rights-holder term (longest first), built once per lexicon."""
    terms = sorted(groups, key=lambda g: (-len(g), g))
    return re.compile(r"(?=\b(" + "|".join(re.escape(g) for g in terms) + r")\b)")


def _groups_in(groups: frozenset[str], lower: str) -> tuple[str, ...]:
    """The rights-holder terms a lower-case text mentions, in lexicon order."""
    if not groups:
        return ()
    found = {m.group(1) for m in _group_pattern(groups).finditer(lower)}
    # A lookahead finds the longest term at each position; shorter terms there count too.
    found |= {g for g in groups if any(g in f for f in found)
              and re.search(r"\b" + re.escape(g) + r"\b", lower)}
    return tuple(g for g in groups if g in found)


def meaning_of(j: Judgement, groups: frozenset[str]) -> Meaning:
    """The polarity, addressee, times, object words and rights-holders of a judged text."""
    text = j.parsed.text
    object_words = {t.lower_ for t in j.action.object_tokens
                    if t.is_alpha and not t.is_stop and t.pos_ in {"NOUN", "PROPN", "ADJ"}
                    and t.lower_ not in DROPPABLE and t.lemma_.lower() not in DROPPABLE}
    # A word the repair lexicon corrects ("Statue", "Expert", "International" in CEDAW's
    # title) need not survive: the rewrite carries the repaired word.
    fixed = repair(text)
    repaired = _words(fixed)
    object_words = {w for w in object_words if w in repaired}
    found_groups = _groups_in(groups, fixed.lower())
    return Meaning(
        polarity=tuple(m.group().lower() for m in POLARITY.finditer(text)),
        # Who must act, as the judge read it (judge/addressee.py): a rewrite must keep them.
        addressee=(j.action.other_actor.lower(),) if j.action.addressed_to_others else (),
        times=time_expressions(text),
        object_words=frozenset(object_words),
        groups=found_groups,
        guarantees=tuple(m.group().lower() for m in GUARANTEES.finditer(text)),
        vague_times=tuple(m.group().lower() for m in VAGUE_TIME.finditer(text)),
    )


@lru_cache(maxsize=1)
def _vague_time_pattern() -> re.Pattern[str]:
    """The vague times of rules/lexicons/vague-times.yml as one pattern, longest first."""
    lexicon = load_lexicons().get("vague-times")
    terms = sorted(lexicon.terms if lexicon else (), key=lambda t: (-len(t), t))
    return re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\b"
                      if terms else r"(?!)", re.IGNORECASE)


def time_expressions(text: str) -> tuple[str, ...]:
    """The times a text sets, dated or not ("by 2025", "at the earliest", "as soon as it
    completes …"), each once: a rewrite must keep them and add no deadline beside them."""
    found = [(m.start(), m.end(), m.group().lower()) for m in TIME.finditer(text)]
    found += [(m.start(), m.end(), m.group().lower()) for m in CONDITION.finditer(text)]
    for m in _vague_time_pattern().finditer(text):
        if not any(a < m.end() and m.start() < b for a, b, _ in found):
            found.append((m.start(), m.end(), m.group().lower()))
    return tuple(t for _, _, t in found)


def _missing(needed: tuple[str, ...], text: str) -> list[str]:
    """Items of `needed` (with repeats) that the text no longer has as often."""
    lower = text.lower()
    return sorted({n for n in needed if lower.count(n) < needed.count(n)})


def guard_problems(meaning: Meaning, candidate: str, judged: Judgement | None = None) -> list[str]:
    """Why a candidate changes the meaning of the text it rewrites (empty: it keeps it)."""
    problems = []
    lost = _missing(meaning.polarity, candidate)
    if lost:
        problems.append(f"polarity lost: {', '.join(lost)}")
    lost = _missing(meaning.addressee, candidate)
    if lost:
        problems.append(f"addressee changed: {', '.join(lost)}")
    lost = _missing(meaning.times, candidate)
    if lost:
        problems.append(f"time expression lost: {', '.join(lost)}")
    if meaning.times and len(DEADLINE.findall(candidate)) > sum(
            1 for t in meaning.times if DEADLINE.match(t)):
        problems.append("second deadline added to a text that already has a time")
    words = _words(candidate)
    lost = sorted(w for w in meaning.object_words if w not in words)
    if lost:
        problems.append(f"object words dropped: {', '.join(lost)}")
    kept = [v for v in meaning.vague_times if re.search(rf"\b{v}\b", candidate, re.IGNORECASE)]
    if kept and len(DEADLINE.findall(candidate)) > sum(
            1 for t in meaning.times if DEADLINE.match(t)):
        problems.append(f"a vague time kept beside a deadline: {', '.join(kept)} … by")
    lost = _missing(meaning.guarantees, candidate)
    if lost:
        problems.append(f"guarantee dropped: {', '.join(lost)}")
    lost = [g for g in meaning.groups if g not in candidate.lower()]
    if lost:
        problems.append(f"rights-holders dropped: {', '.join(lost)}")
    if judged is not None:
        if judged.criteria["achievable"].verdict == "fail":
            problems.append("fails its own Achievable check")
        if judged.action.opening_category == 2 and DEADLINE.search(candidate):
            problems.append("a continuing action given a deadline ('Continue … by [year]')")
    return problems
