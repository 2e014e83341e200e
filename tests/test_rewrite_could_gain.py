"""Candidates of an already concrete source, skipped before parsing by `could_gain`, are all
rejected by `gains_substance` after parsing: that saving never changes a suggestion."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from smartcheck.rewrite.gain import VERDICT_RANK, gains_substance
from smartcheck.rewrite.guards import meaning_of
from smartcheck.rewrite.suggest import _added, candidates, could_gain

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / \
    "upr-info-recommendations-sessions-01-16.csv"


def _texts(n: int) -> list[str]:
    with open(DATA, encoding="utf-8", newline="") as handle:
        texts = sorted({r["Text"] for r in csv.DictReader(handle) if 30 <= len(r["Text"]) <= 400})
    random.Random(2114).shuffle(texts)
    return texts[:n]


def _concrete(source) -> bool:
    """Opens with a concrete verb, specific, at least partly measurable."""
    return source.action.opening_category == 5 and \
        source.action.opening_start == source.parsed.first and \
        VERDICT_RANK[source.criteria["specific"].verdict] == 2 and \
        VERDICT_RANK[source.criteria["measurable"].verdict] >= 1


@pytest.mark.slow
def test_no_candidate_of_a_concrete_source_would_have_gained(verdict_engine) -> None:
    judge = verdict_engine.judge
    groups = judge.terms("groups")
    sources = verdict_engine.judge_many(_texts(700))
    skipped = [(source, draft) for source in sources if _concrete(source)
               for draft in candidates(judge, source, meaning_of(source, groups), {},
                                       thorough=True)]
    assert len(skipped) > 50  # the saving: about two in five parsed candidates of a batch
    assert not any(could_gain(source, draft) for source, draft in skipped)
    parsed = judge.judge_many([d.text for _, d in skipped], [s.issue_tags for s, _ in skipped])
    gained = [(s.parsed.text, d.text) for (s, d), j in zip(skipped, parsed, strict=True)
              if gains_substance(s, j, _added(d))]
    assert gained == []
