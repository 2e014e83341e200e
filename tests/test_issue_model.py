"""The shipped issue tagger: artefact, labels, held-out F1 floors, both heads."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest

from smartcheck.models.issue_model import (
    DATA,
    DEFAULT_PATH,
    IssueModel,
    LexRows,
    TfidfFeatures,
    quantise,
)
from smartcheck.resources import UPR_CSV


@pytest.fixture(scope="module")
def model() -> IssueModel:
    """The artefact in smartcheck/data."""
    return IssueModel.load()


def test_artefact_is_small_with_provenance(model: IssueModel) -> None:
    assert DEFAULT_PATH.stat().st_size < 5_000_000
    provenance = json.loads((DATA / "issue_model.json").read_text())
    assert provenance["train_sessions"] == "1-12" and provenance["test_sessions"] == "13-16"
    assert "smartcheck.models.train_issues" in provenance["rebuild"]
    assert len(provenance["data_sha256"]) == 64
    assert len(model.labels) == 54


@pytest.mark.skipif(not UPR_CSV.exists(), reason="shared data not available")
def test_labels_are_spelled_as_in_the_data(model: IssueModel) -> None:
    with UPR_CSV.open(encoding="utf-8") as handle:
        labels = {s.strip() for r in csv.DictReader(handle) for s in r["Issue"].split(",")}
    assert set(model.labels) == labels - {""}


def test_team_written_examples_get_the_expected_issue(model: IssueModel) -> None:
    cases = [
        ("Abolish the death penalty and commute all death sentences", "Death penalty"),
        ("Ratify the Optional Protocol to the Convention against Torture",
         "International instruments"),
        ("Adopt a law criminalising domestic violence against women", "Women's rights"),
        ("Establish a national human rights institution in line with the Paris Principles",
         "NHRI"),
        ("Extend a standing invitation to all special procedures mandate holders",
         "Special procedures"),
        ("Guarantee access to safe drinking water and sanitation in rural areas",
         "Right to water"),
    ]  # fmt: skip
    preds = model.predict([text for text, _ in cases])
    for (text, label), pred in zip(cases, preds, strict=True):
        assert label in [name for name, _ in pred], (text, pred)


def test_predictions_are_sorted_scored_and_never_empty(model: IssueModel) -> None:
    preds = model.predict(["Do something.", "Ratify CAT and abolish the death penalty"])
    assert all(len(p) >= 1 for p in preds)
    for p in preds:
        scores = [s for _, s in p]
        assert scores == sorted(scores, reverse=True)
        assert all(0.0 <= s <= 1.0 for s in scores)
    assert model.predict([]) == []
    assert model.predict("Ratify CAT")[0][0][0] == "International instruments"


def test_quantise_round_trip() -> None:
    coef = np.random.default_rng(0).standard_normal((100, 5)).astype(np.float32)
    q, scale = quantise(coef)
    assert q.dtype == np.int8
    assert np.abs(q * scale - coef).max() <= scale.max() / 2 + 1e-6


@pytest.fixture(scope="module")
def held_out():
    """Sessions 13-16: texts and label sets."""
    if not UPR_CSV.exists():
        pytest.skip("shared data not available")
    from smartcheck.models.train_issues import issues_of, read_rows

    rows = [r for r in read_rows(UPR_CSV) if int(r["Session"]) >= 13]
    return [r["Text"] for r in rows], [set(issues_of(r)) for r in rows], None


def _f1(model: IssueModel, texts, gold, vectors=None) -> tuple[float, float]:
    from sklearn.metrics import f1_score
    from sklearn.preprocessing import MultiLabelBinarizer

    preds = model.predict(texts, vectors)
    mlb = MultiLabelBinarizer(classes=model.labels)
    y = mlb.fit_transform(gold)
    p = mlb.transform([{label for label, _ in row} for row in preds])
    return f1_score(y, p, average="micro"), f1_score(y, p, average="macro", zero_division=0)


@pytest.mark.slow
def test_held_out_f1_lexical_head(model: IssueModel, held_out) -> None:
    texts, gold, _ = held_out
    micro, macro = _f1(model, texts, gold)
    assert micro >= MIN_LEXICAL[0] and macro >= MIN_LEXICAL[1], (micro, macro)


@pytest.mark.slow
def test_held_out_f1_full_head(model: IssueModel, held_out) -> None:
    # Every 4th held-out row (2,227): embedding them all would take minutes on a cold CI cache.
    texts, gold, _ = held_out
    texts, gold = texts[::4], gold[::4]
    from smartcheck.models.train_issues import cached_vectors

    micro, macro = _f1(model, texts, gold, cached_vectors(texts))
    assert micro >= MIN_FULL[0] and macro >= MIN_FULL[1], (micro, macro)


# Floors a little under the figures measured on sessions 13-16 (docs/evaluation-issues.md):
# lexical head on all 8,905 rows 0.895 / 0.846; full head on every 4th row 0.898 / 0.836
# (0.902 / 0.849 on all rows).
MIN_LEXICAL = (0.89, 0.84)
MIN_FULL = (0.89, 0.825)


def _toy_corpus() -> tuple[list[str], np.ndarray]:
    """90 short texts on three topics (multi-label), enough for min_df and three folds."""
    topics = [("abolish the death penalty and commute sentences", 0),
              ("ratify the convention against torture promptly", 1),
              ("protect women from domestic violence by law", 2)]
    texts, y = [], np.zeros((90, 3), dtype=np.int8)
    for i in range(90):
        first, second = topics[i % 3], topics[(i // 3) % 3]
        texts.append(f"{first[0]} {second[0].split()[-1]} case {i % 7}")
        y[i, first[1]] = 1
    return texts, y


def test_training_features_are_sklearns_and_the_word_head_is_distilled() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from smartcheck.models import train_issues as T

    texts, y = _toy_corpus()
    word, char = T._vectorizers(texts)
    assert isinstance(word, TfidfFeatures) and isinstance(char, TfidfFeatures)
    reference = TfidfVectorizer(min_df=2, max_features=T.MAX_WORD, dtype=np.float32,
                                **T.WORD).fit(texts)
    ours = LexRows(*word.rows(texts[:5]), len(word.vocabulary_)).tocsr().toarray()
    assert np.allclose(ours, reference.transform(texts[:5]).toarray(), atol=1e-6)
    vectors = np.random.default_rng(0).standard_normal((90, 384)).astype(np.float32)
    plain = T._fit(texts, vectors, y, ["a", "b", "c"])
    model = T._fit(texts, vectors, y, ["a", "b", "c"], distil=True)
    assert not np.allclose(plain.lexical.lex_coef, model.lexical.lex_coef)
    assert np.allclose(plain.full.lex_coef, model.full.lex_coef)  # the full head is the same
    assert model.lexical.lex_coef.shape == (len(word.vocabulary_) + len(char.vocabulary_), 3)
    assert model.lexical.vec_coef is None and model.full.vec_coef.shape == (384, 3)
    # the distilled word head still separates the topics it was trained on
    _, on = model.scores(texts, None)
    assert (on == y.astype(bool)).mean() > 0.95
