"""Whether a rewrite is genuinely SMARTer: a real gain in Specific or Measurable.

The reviewers' convention (docs/evaluation-rewrites.md): a deadline or a citation added to
an unchanged open-ended effort is no gain; a concrete verb, a concrete means or adoption is.
Used by the rewriter to choose and by the automated checks to verify.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from smartcheck.judge.judging import Judgement

VERDICT_RANK = {"fail": 0, "partial": 1, "pass": 2}
# Verbs that name an outcome, not an act: a deadline on them alone is no gain.
OUTCOMES = {"eliminate", "eradicate", "achieve", "end", "reduce", "combat", "prevent", "fight",
            "guarantee", "ensure", "improve", "increase", "promote", "protect", "strengthen",
            "enhance", "address", "tackle", "counter", "remove"}


def gains_substance(source: Judgement, judged: Judgement, added: bool = False) -> bool:
    """Whether a rewrite makes the action itself more specific or measurable.

    A deadline or an anchor bolted onto an action that stays general ("Promote … by [year]",
    "Take measures … by [year]") is a stock phrase, not a SMARTer ask: such a rewrite must
    raise Specific or Measurable with a concrete verb or an added means or adoption (`added`);
    a score raised only by dropping "take steps to" is no gain.
    """
    def rank(j: Judgement, name: str) -> int:
        return VERDICT_RANK[j.criteria[name].verdict]

    opening = judged.parsed.doc[judged.action.opening_start].lemma_.lower() \
        if judged.action.opening_category is not None else ""
    # An outcome ("Eliminate the disparities …") is no concrete act whatever the lexicon says.
    act = judged.action.opening_category == 5 and opening not in OUTCOMES
    if rank(source, "specific") == 2 and rank(source, "measurable") >= 1:
        # Already concrete and checkable: a deadline or a citation alone is no gain (the
        # reviewers' convention); a concrete verb in place of a continuing, considering or
        # general one is ("Take steps to ensure that the Bill is enacted" → "Enact the Bill").
        # A lead-in or a passive recast as the imperative is a gain in form.
        recast = source.action.opening_category is None or \
            source.action.opening_start != source.parsed.first
        return recast or act and (source.action.opening_category or 0) < 5
    # Dropping "Continue" to leave a general verb is no gain: Specific must reach a pass, or
    # rise with a concrete verb ("Consider legislative measures" → "Adopt legislative measures").
    rises = rank(judged, "specific") > rank(source, "specific")
    # Only dropping "take steps to" before a general verb raises the score, not the ask.
    concrete = act or bool(judged.action.means) and not source.action.means or \
        judged.action.category == 5 and (source.action.category or 0) < 5 and \
        judged.action.opening_category != 4 and opening not in OUTCOMES
    measurable = rank(judged, "measurable") > rank(source, "measurable")
    return (rises or measurable) and (concrete or added)
