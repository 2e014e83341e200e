"""Candidates of an already concrete source, skipped before parsing by `could_gain`, are all
rejected by `gains_substance` after parsing: that saving never changes a suggestion."""

from __future__ import annotations

import pytest
from corpus_helpers import corpus_texts

from smartcheck.rewrite.gain import gains_substance, nothing_to_gain
from smartcheck.rewrite.guards import meaning_of
from smartcheck.rewrite.suggest import _added, candidates, could_gain


@pytest.mark.slow
def test_no_candidate_of_a_concrete_source_would_have_gained(verdict_engine) -> None:
    judge = verdict_engine.judge
    groups = judge.terms("groups")
    sources = verdict_engine.judge_many(corpus_texts(700, seed=2114, shortest=30, longest=400))
    skipped = [(source, draft) for source in sources if nothing_to_gain(source)
               for draft in candidates(judge, source, meaning_of(source, groups), {},
                                       thorough=True)]
    assert len(skipped) > 50  # the saving: about two in five parsed candidates of a batch
    assert not any(could_gain(source, draft) for source, draft in skipped)
    parsed = judge.judge_many([d.text for _, d in skipped], [s.issue_tags for s, _ in skipped])
    gained = [(s.parsed.text, d.text) for (s, d), j in zip(skipped, parsed, strict=True)
              if gains_substance(s, j, _added(d))]
    assert gained == []


@pytest.mark.parametrize(("specific", "measurable", "expected"), [
    (1.0, 1.0, True), (1.0, 0.5, True),  # specific and at least partly measurable
    (1.0, 0.0, False), (0.5, 1.0, False), (0.0, 0.0, False),
])
def test_nothing_to_gain_needs_a_specific_and_partly_measurable_source(
        verdict_engine, specific: float, measurable: float, expected: bool) -> None:
    """The thresholds themselves: a rewrite may still gain on a source that is not yet
    measurable or not yet specific, whatever its verb."""
    from dataclasses import replace

    from smartcheck.report import CriterionScore

    source = verdict_engine.judge_many(["Amend article 377 of the Penal Code to criminalise "
                                        "marital rape"])[0]
    assert source.action.opening_category == 5 and nothing_to_gain(source)
    criteria = dict(source.criteria, specific=CriterionScore("specific", specific),
                    measurable=CriterionScore("measurable", measurable))
    assert nothing_to_gain(replace(source, criteria=criteria)) is expected


@pytest.mark.parametrize("text", [
    "The Penal Code should be amended to criminalise marital rape",  # a passive to recast
    "Take steps to ratify the Convention against Torture",  # a general opening
    "We recommend that the State ratify the Convention against Torture",  # a lead-in
])
def test_a_source_to_recast_or_with_a_general_verb_may_still_gain(verdict_engine,
                                                                   text: str) -> None:
    assert not nothing_to_gain(verdict_engine.judge_many([text])[0])
