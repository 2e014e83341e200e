"""Suggest stronger rewrites: a concrete opening, no hedges, a deadline, an anchor; re-scored."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from smartcheck.report import Suggestion

if TYPE_CHECKING:
    from smartcheck.judge.judging import Judge, Judgement

MAX_SUGGESTIONS = 3
# Hedges that can be deleted without breaking the sentence.
REMOVABLE_HEDGES = {
    "as appropriate", "where appropriate", "where possible", "if possible", "whenever possible",
    "as far as possible", "to the extent possible", "to the extent feasible", "as necessary",
    "if necessary", "where necessary", "in accordance with national legislation",
    "in accordance with its national legislation", "in line with national legislation",
    "in conformity with national legislation", "within available resources",
    "within its available resources", "subject to available resources", "where feasible",
    "gradually", "progressively", "as it deems appropriate", "as it sees fit",
    "in the light of national circumstances", "taking into account national specificities",
    "taking into account its national circumstances", "in a manner consistent with its traditions",
}
VAGUE_OBJECT_PLACEHOLDER = "[a law or national action plan]"
MEANS_PLACEHOLDER = "by adopting [name of the law, plan or policy]"


@dataclass
class Draft:
    """A text being rewritten and the plain-language list of what was changed."""

    text: str
    changes: list[str] = field(default_factory=list)
    new_category: int | None = None

    def explanation(self) -> str:
        """The changes as one sentence."""
        sentence = "; ".join(self.changes)
        return sentence[:1].upper() + sentence[1:] + "."


@lru_cache(maxsize=2)
def _standards(path: str) -> list[tuple[str, str]]:
    """(issue word, standard) pairs from rules/lexicons/standards.yml."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return [(k.lower(), v) for k, v in (data.get("by_word") or {}).items()]


def _tidy(text: str) -> str:
    """Collapse the spaces and stray commas that edits leave behind."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r"^[,;\s]+", "", text)
    text = re.sub(r",\s*\.$", ".", text)
    return text.strip()


def _end_with(text: str, addition: str) -> str:
    """Insert `addition` before the final full stop (or at the end)."""
    body = text.rstrip()
    stop = ""
    while body and body[-1] in ".;,":
        stop = "." if body[-1] == "." else stop
        body = body[:-1].rstrip()
    return f"{body}{addition}{stop}"


def _capitalise(text: str) -> str:
    """Upper-case the first letter only."""
    return text[:1].upper() + text[1:]


def _fix_opening(judge: Judge, j: Judgement, draft: Draft) -> None:
    """Replace a continuing, considering or general opening by the concrete verb inside it."""
    action = j.action
    if action.opening_category not in {1, 2, 3, 4}:
        return
    doc, parsed = j.parsed.doc, j.parsed
    start = action.opening_end
    if action.second_verb_privileged and action.verb is not None:
        start = action.verb.i + 1
    for token in doc[start : min(len(doc), start + 8)]:
        if token.pos_ != "VERB" or token.tag_ not in {"VB", "VBG"}:
            continue
        category = judge.verbs.verbs.get(token.lemma_.lower())
        if category is None or category < 4 or category <= (action.category or 0) - 1:
            continue
        single_word_opening = action.opening_end - action.opening_start == 1
        if category == 4 and action.opening_category == 4 and single_word_opening:
            continue
        rest = parsed.text[parsed.token_span(token)[1]:]
        opening = parsed.text[: parsed.token_span(doc[action.opening_start])[0]]
        old = parsed.text[parsed.token_span(doc[action.opening_start])[0]:
                          parsed.token_span(token)[1]]
        draft.text = _tidy(opening + _capitalise(token.lemma_.lower()) + rest)
        draft.changes.append(f"replaced '{old}' with '{_capitalise(token.lemma_.lower())}'")
        draft.new_category = category
        return


def _drop_hedges(j: Judgement, draft: Draft) -> None:
    """Delete hedges that can go without breaking the sentence."""
    for finding in j.findings:
        if finding.rule != "specific.hedge" or finding.match.lower() not in REMOVABLE_HEDGES:
            continue
        pattern = re.compile(r",?\s*" + re.escape(finding.match) + r"\s*,?", re.IGNORECASE)
        new = pattern.sub(" ", draft.text, count=1)
        if new != draft.text:
            draft.text = _tidy(new)
            draft.changes.append(f"removed the hedge '{finding.match}'")
    if re.search(r"\bfurther\s+(?=[a-z]+)", draft.text):
        draft.text = _tidy(re.sub(r"\bfurther\s+", "", draft.text, count=1))
        draft.changes.append("removed 'further'")


def _add_means(j: Judgement, draft: Draft) -> None:
    """Give a general action a concrete means, or a concrete verb a concrete object."""
    rules = {f.rule for f in j.findings}
    general = {"specific.general-action", "specific.general-verb-defined-object"}
    if draft.new_category == 4 or rules & general:
        draft.text = _end_with(draft.text, f" {MEANS_PLACEHOLDER}")
        draft.changes.append("added a concrete means (fill in the law, plan or policy)")
    elif "specific.vague-object" in rules:
        vague = re.search(r"\b(all necessary |appropriate |effective |concrete |further )?"
                          r"(measures|steps|initiatives|actions|policies)\b", draft.text)
        if vague:
            draft.text = draft.text[: vague.start()] + VAGUE_OBJECT_PLACEHOLDER + \
                draft.text[vague.end():]
            draft.changes.append(f"replaced '{vague.group(0)}' with a concrete deliverable")


def _finish_deliverable(j: Judgement, draft: Draft) -> None:
    """'Develop a strategy' → 'Develop and adopt a strategy'."""
    if not any(f.rule == "measurable.unfinished-deliverable" for f in j.findings):
        return
    match = re.search(r"\b(develop|draft|prepare|elaborate|formulate|design)\b", draft.text,
                      re.IGNORECASE)
    if match:
        draft.text = draft.text[: match.end()] + " and adopt" + draft.text[match.end():]
        draft.changes.append("asked for adoption, not only drafting")


def _add_anchor(judge: Judge, j: Judgement, draft: Draft) -> None:
    """Anchor the issue in the standard that covers it."""
    if not any(f.rule == "relevant.no-anchor" for f in j.findings):
        return
    lower = draft.text.lower()
    path = str(judge.root / "lexicons" / "standards.yml")
    standard = next((s for word, s in _standards(path) if word in lower), None)
    anchor = standard or "[the relevant treaty body's recommendation]"
    draft.text = _end_with(draft.text, f", in line with {anchor}")
    draft.changes.append(f"anchored it in {anchor}")


def _add_deadline(j: Judgement, draft: Draft, context: dict[str, Any]) -> None:
    """Replace urgency words by a date, or add one."""
    if j.criteria["time_bound"].passed:
        return
    year = context.get("next_review_year")
    deadline = f"by {int(year)}" if str(year or "").isdigit() else "by [year]"
    urgency = [f for f in j.findings if f.rule == "time_bound.urgency-without-date"]
    if urgency and urgency[0].match in draft.text:
        draft.text = draft.text.replace(urgency[0].match, deadline, 1)
        draft.changes.append(f"replaced '{urgency[0].match}' with a deadline ('{deadline}')")
    else:
        draft.text = _end_with(draft.text, f" {deadline}")
        draft.changes.append(f"added a deadline ('{deadline}')")


def _keep_first_action(j: Judgement, draft: Draft) -> None:
    """Keep the first of several bundled actions (the others become their own)."""
    if not any(f.rule == "achievable.bundled-actions" for f in j.findings):
        return
    verbs = j.action.main_verbs
    if len(verbs) < 2:
        return
    cut = j.parsed.token_span(verbs[1])[0]
    head = re.sub(r"(,|\band\b|;)\s*$", "", j.parsed.text[:cut].rstrip()).rstrip(", ")
    if len(head.split()) >= 3 and head in draft.text:
        draft.text = head
        draft.changes.append("kept the first action only (make the others separate "
                             "recommendations)")


def candidates(judge: Judge, j: Judgement, context: dict[str, Any],
               thorough: bool = True) -> list[Draft]:
    """Rewrites of one judged text, from the smallest useful edit to the full climb.

    `thorough` adds the deadline-only rewrite, useful while drafting one text; batches skip
    it since their reports show only the best rewrite (it saves a parse per text).
    """
    drafts = []
    minimal = Draft(j.parsed.text)
    _fix_opening(judge, j, minimal)
    _drop_hedges(j, minimal)
    if minimal.changes:
        drafts.append(minimal)
    full = Draft(j.parsed.text)
    _keep_first_action(j, full)
    if full.changes:
        # Bundled text: the other edits would apply to the part that was cut.
        drafts.append(Draft(full.text, list(full.changes)))
    full = Draft(j.parsed.text)
    _fix_opening(judge, j, full)
    _drop_hedges(j, full)
    if full.new_category in (None, 4):
        _add_means(j, full)
    _finish_deliverable(j, full)
    _add_deadline(j, full, context)
    _add_anchor(judge, j, full)
    if full.changes:
        drafts.append(full)
    if thorough:
        timed = Draft(j.parsed.text)
        _add_deadline(j, timed, context)
        if timed.changes:
            drafts.append(timed)
    return drafts


def suggest_many(judge: Judge, judgements: list[Judgement],
                 context: dict[str, Any] | None = None) -> list[list[Suggestion]]:
    """Suggestions for each judged text: re-scored in one batch, only those that score higher."""
    context = context or {}
    thorough = len(judgements) == 1
    per_text = [candidates(judge, j, context, thorough) for j in judgements]
    # A rewrite keeps the draft's issue, so it is re-scored with the draft's issue tags
    # (the tagger costs as much as the rules on one short text).
    tags_of = {d.text: j.issue_tags for j, drafts in zip(judgements, per_text, strict=True)
               for d in drafts}
    unique = sorted(tags_of)
    rescored = dict(zip(unique, judge.judge_many(unique, [tags_of[t] for t in unique]),
                        strict=True)) if unique else {}
    results = []
    for j, drafts in zip(judgements, per_text, strict=True):
        seen: set[str] = set()
        kept = []
        for draft in drafts:
            score = rescored[draft.text].overall
            if score > j.overall and draft.text not in seen and draft.text != j.parsed.text:
                seen.add(draft.text)
                kept.append(Suggestion(draft.text, score, draft.explanation()))
        kept.sort(key=lambda s: -s.overall)
        results.append(kept[:MAX_SUGGESTIONS])
    return results
