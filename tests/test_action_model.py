"""Tests of the learned UPR Info action-category model (smartcheck.models.action_model)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from smartcheck.models.action_model import DEFAULT_PATH, ActionModel, evaluate, get_nlp, scores

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
CSV = DATA / "upr-info-recommendations-sessions-01-16.csv"

# The shipped model is trained on sessions 1-16; its held-out figures come from cross-validation
# by session groups (provenance). Measured 2026-12-01: pooled 0.9128 / 0.9185; sessions 13-16
# predicted by the same settings trained on 1-12: 0.9200 / 0.9147 (docs/evaluation-action.md).
# Floors sit about 0.008 under what was measured.
HELDOUT_ACCURACY_FLOOR = 0.912
HELDOUT_MACRO_F1_FLOOR = 0.905
CV_ACCURACY_FLOOR = 0.905
CV_MACRO_F1_FLOOR = 0.910


@pytest.fixture(scope="module")
def model() -> ActionModel:
    return ActionModel.load()


@pytest.fixture(scope="module")
def corpus() -> tuple[list[dict], list[dict], dict[str, Any]]:
    """Every labelled row, its raw features, and the parses of sessions 13-16 (by text).

    The corpus is parsed once for the module: the held-out test and the shipped-model test
    read the same parses of the same pipeline instead of parsing sessions 13-16 twice.
    """
    import numpy as np

    from smartcheck.models.action_model import extract, read_rows

    rows = read_rows(CSV)
    raws, later = [], {}
    for row, doc in zip(rows, get_nlp().pipe((r["Text"] for r in rows), batch_size=256),
                        strict=True):
        raws.append(extract(doc))
        if int(row["Session"]) >= 13:
            doc.tensor = np.zeros((0,), dtype="float32")  # unread by the model: memory only
            later[row["Text"]] = doc
    return rows, raws, later


class ParsedOnce:
    """The shipped model, reading sessions 13-16 from the module's parses instead of re-parsing."""

    def __init__(self, model: ActionModel, docs: dict[str, Any]) -> None:
        """Wrap `model`; `docs` maps each text to its parse by the model's own pipeline."""
        self.model, self.docs = model, docs

    def predict(self, texts: Any) -> list[tuple[int, float, str]]:
        """The model's predictions for the parses of `texts`."""
        return self.model.predict([self.docs[t] for t in texts])


# Team-written sentences, not taken from the UPR Info data.
CASES = [
    ("Continue and strengthen its efforts to protect children", 4),
    ("Consider ratifying the Optional Protocol to CAT", 3),
    ("Improve women's rights by amending the Family Code", 5),
    ("Seek technical assistance from OHCHR to train judges", 1),
    ("Ratify the CRPD", 5),
    ("Pursue its programme of school construction", 2),
    ("Maintain the moratorium on the death penalty", 2),
    ("Study the possibility of decriminalising defamation", 3),
    ("Ensure that journalists can work without fear of reprisals", 4),
    ("Share its good practices on birth registration with neighbouring countries", 1),
    ("Repeal article 12 of the Press Law", 5),
    ("Promote tolerance and dialogue between communities", 4),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_team_sentences(model: ActionModel, text: str, expected: int) -> None:
    ((cat, conf, reason),) = model.predict([text])
    assert cat == expected, reason
    assert 0.0 <= conf <= 1.0
    assert f"category {expected}" in reason


def test_reasons_name_the_deciding_words(model: ActionModel) -> None:
    texts = [
        "Continue and strengthen its efforts to protect children",
        "Improve women's rights by amending the Family Code",
        "Pursue its programme of school construction",
    ]
    reasons = [r for _, _, r in model.predict(texts)]
    assert "'strengthen'" in reasons[0] and "second" in reasons[0]
    assert "by amending" in reasons[1]
    assert reasons[2].startswith("Opens with 'Pursue', a continuity verb")


def test_accepts_parsed_docs_and_texts_alike(model: ActionModel) -> None:
    texts = ["Ratify the CRPD", "Consider ratifying the Optional Protocol to CAT"]
    docs = list(get_nlp().pipe(texts))
    assert model.predict(docs) == model.predict(texts)
    mixed = model.predict([docs[0], texts[1]])
    assert [c for c, _, _ in mixed] == [5, 3]
    assert model.predict([]) == []


def test_degenerate_inputs_do_not_crash(model: ActionModel) -> None:
    out = model.predict(["", "   ", "12345"])
    assert [c for c, _, _ in out] == [4, 4, 4]  # the prior: general action
    assert all(0.0 <= p <= 1.0 and "category 4" in r for _, p, r in out)
    assert out[2][2].startswith("No action verb found")


def test_probabilities_are_a_distribution(model: ActionModel) -> None:
    p = model.predict_proba(["Take the necessary measures to adopt a law on domestic violence"])
    assert p.shape == (1, 5)
    assert p.sum() == pytest.approx(1.0, abs=1e-5)
    ((cat, conf, _),) = model.predict(
        ["Take the necessary measures to adopt a law on domestic violence"]
    )
    assert conf == pytest.approx(float(p.max()), abs=1e-6)
    assert cat == int(p.argmax()) + 1


def test_artefact_is_small_portable_and_has_provenance() -> None:
    npz = DEFAULT_PATH.with_suffix(".npz")
    size = DEFAULT_PATH.stat().st_size + npz.stat().st_size
    assert size < 3_000_000
    meta = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    assert meta["classes"] == [1, 2, 3, 4, 5]
    assert len(meta["vocab"]) > 1000
    prov = json.loads((DEFAULT_PATH.parent / "action_model.provenance.json").read_text())
    assert prov["train_sessions"] == [1, 16]
    assert set(prov["cv_folds"]) == {"1-4", "5-8", "9-12", "13-16"}
    assert prov["cv_accuracy"] >= CV_ACCURACY_FLOOR and prov["cv_macro_f1"] >= CV_MACRO_F1_FLOOR
    assert prov["n_train"] == 30261
    assert prov["data_file"] == CSV.name
    assert "smartcheck.models.train_action" in prov["command"]


def test_scores_by_hand() -> None:
    s = scores([1, 2, 2, 5], [1, 2, 5, 5])
    assert s["accuracy"] == 0.75
    assert s["per_class"][2] == {
        "precision": 1.0,
        "recall": 0.5,
        "f1": pytest.approx(2 / 3),
        "support": 2,
    }
    assert s["per_class"][5]["precision"] == 0.5
    assert s["confusion"]["matrix"][1] == [0, 1, 0, 0, 1]
    # classes 3 and 4 are absent: F1 0 each, so macro-F1 averages over all five
    assert s["macro_f1"] == pytest.approx((1 + 2 / 3 + 0 + 0 + 2 / 3) / 5)


@pytest.mark.slow
@pytest.mark.skipif(not CSV.exists(), reason="needs ../shared/data")
def test_heldout_sessions_13_16_with_the_shipped_settings(corpus) -> None:
    """The shipped settings, trained on sessions 1-12 only, on the unseen sessions 13-16."""
    from smartcheck.models.train_action import DEFAULTS, fit, logits_of

    rows, raws, _ = corpus
    train = [i for i, r in enumerate(rows) if int(r["Session"]) <= 12]
    test = [i for i, r in enumerate(rows) if int(r["Session"]) >= 13]
    prov = json.loads((DEFAULT_PATH.parent / "action_model.provenance.json").read_text())
    m = fit([raws[i] for i in train], [int(rows[i]["Action"]) for i in train],
            {**DEFAULTS, **prov["params"]})
    predicted = [m.classes[k] for k in logits_of(m, [raws[i] for i in test]).argmax(axis=1)]
    res = scores([int(rows[i]["Action"]) for i in test], predicted)
    assert res["n"] == 8905
    assert res["accuracy"] >= HELDOUT_ACCURACY_FLOOR
    assert res["macro_f1"] >= HELDOUT_MACRO_F1_FLOOR
    assert res["accuracy"] == pytest.approx(prov["cv_folds"]["13-16"]["accuracy"], abs=2e-3)


@pytest.mark.slow
@pytest.mark.skipif(not CSV.exists(), reason="needs ../shared/data")
def test_shipped_model_on_its_training_sessions(model: ActionModel, corpus) -> None:
    """Sessions 13-16 are training data now: a sanity check that the artefact loads right."""
    res = evaluate(CSV, range(13, 17), model=ParsedOnce(model, corpus[2]))
    assert res["n"] == 8905
    assert res["accuracy"] >= 0.95
