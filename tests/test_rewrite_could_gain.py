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
