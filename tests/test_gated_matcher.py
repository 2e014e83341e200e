"""The gated Matcher gives exactly the Matcher's matches, and skips texts that cannot match."""

from __future__ import annotations

import re

import pytest
from corpus_helpers import corpus_texts

from smartcheck.judge.gated import GatedMatcher, pattern_needs


@pytest.mark.parametrize("pattern, needs", [
    ([{"LOWER": "rights"}], [("lower_", frozenset({"rights"}))]),
    ([{"lower": {"IN": ["adopt", "enact"]}}, {"POS": "NOUN"}],
     [("lower_", frozenset({"adopt", "enact"}))]),
    ([{"LEMMA": "law", "OP": "+"}], [("lemma_", frozenset({"law"}))]),
    ([{"TEXT": "UN"}, {"ORTH": "Charter"}],
     [("orth_", frozenset({"UN"})), ("orth_", frozenset({"Charter"}))]),
    ([{"LOWER": {"REGEX": "^20\\d\\d$"}}, {"LIKE_NUM": True}, {"POS": "VERB"}],
     [("lower_", re.compile("^20\\d\\d$")), ("like_num", frozenset({True}))]),
    # optional, negated or counted tokens, and tests of other kinds, require nothing
    ([{"LOWER": "the", "OP": "?"}, {"LOWER": "new", "OP": "*"}, {"LOWER": "old", "OP": "!"}], []),
    ([{"LOWER": "by", "OP": "{1,2}"}], []),
    ([{"POS": "VERB"}, {"DEP": "dobj"}, {"LIKE_NUM": "yes"}], []),
    ([{"LOWER": {"IN": ["a", 1]}}], []),
    ([{"LOWER": {"IN": ["plan"], "NOT_IN": ["plans"]}}], [("lower_", frozenset({"plan"}))]),
])
def test_pattern_needs_are_read_from_required_tokens_only(pattern, needs) -> None:
    assert pattern_needs(pattern) == needs


@pytest.fixture(scope="module")
def nlp():
    from smartcheck.judge.nlp import load_pipeline

    return load_pipeline()


def _gated(nlp, patterns) -> GatedMatcher:
    from spacy.matcher import Matcher

    matcher = Matcher(nlp.vocab, validate=True)
    for number, pattern in enumerate(patterns):
        matcher.add(f"p{number}", [pattern])
    return GatedMatcher(matcher, patterns)


def test_a_text_without_the_words_is_not_matched_and_one_with_them_is(nlp) -> None:
    gated = _gated(nlp, [[{"LOWER": {"IN": ["adopt", "enact"]}}, {"LOWER": "a"},
                          {"LEMMA": "law"}]])
    assert not gated.always
    assert not gated.could_match(nlp("Continue efforts to promote women's rights."))
    assert gated(nlp("Continue efforts to promote women's rights.")) == []
    doc = nlp("Enact a law on domestic violence by 2027.")
    assert gated.could_match(doc)
    assert [(s, e) for _, s, e in gated(doc)] == [(0, 3)]
    # a word present but not the lemma the pattern needs: still skipped
    assert not gated.could_match(nlp("Adopt a lawyer's code."))


def test_a_pattern_without_pattern_needs_always_runs(nlp) -> None:
    gated = _gated(nlp, [[{"LOWER": "torture"}], [{"POS": "NUM"}]])
    assert gated.always
    assert [(s, e) for _, s, e in gated(nlp("Ratify it within 2 years."))] == [(3, 4)]


def test_a_regex_or_a_flag_gates_like_a_word(nlp) -> None:
    gated = _gated(nlp, [[{"LIKE_NUM": True, "TEXT": {"REGEX": "%$"}}],
                         [{"LOWER": {"REGEX": "^[a-z]{3,}ians$"}}]])
    assert not gated.always
    assert not gated.could_match(nlp("Reduce poverty by 2030."))
    assert [(s, e) for _, s, e in gated(nlp("Protect Christians."))] == [(1, 2)]


@pytest.mark.slow
def test_every_rule_matcher_gives_the_matchers_own_matches_on_real_texts(nlp) -> None:
    """All matchers of the shipped rules, on 300 real recommendations: same matches gated or
    not, and most texts skip most matchers (the point of the gate)."""
    from smartcheck.judge.judging import Judge

    judge = Judge()
    gated = [m for rule in judge.rules for m in (getattr(rule, name, None) for name in
                                                 ("matcher", "attached", "exclude"))
             if isinstance(m, GatedMatcher)]
    assert len(gated) >= 25 and all(not m.always for m in gated)
    docs = list(nlp.pipe(corpus_texts(300, seed=1402, longest=600)))
    skipped = runs = 0
    for doc in docs:
        for matcher in gated:
            runs += 1
            if not matcher.could_match(doc):
                skipped += 1
                assert matcher.matcher(doc) == [], (doc.text, matcher.needs)
            assert matcher(doc) == matcher.matcher(doc)
    assert skipped / runs > 0.5
