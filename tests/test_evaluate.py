"""`smartcheck eval`: the engine on held-out UPR Info data, floors near what we measured."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartcheck.errors import InputError
from smartcheck.evaluate.action import (
    confusion_scores,
    evaluate_file,
    parse_sessions,
    read_labelled,
)
from smartcheck.resources import shared_data_dir

DATA = shared_data_dir() / "upr-info-recommendations-sessions-01-16.csv"


def test_parse_sessions() -> None:
    """Ranges, lists and 'all'."""
    assert parse_sessions("13-16") == {13, 14, 15, 16}
    assert parse_sessions("1,3") == {1, 3}
    assert parse_sessions("all") is None
    with pytest.raises(InputError):
        parse_sessions("thirteen")


def test_confusion_scores_arithmetic() -> None:
    """Accuracy, per-class F1 and macro-F1 on a hand-made case."""
    result = confusion_scores([5, 5, 4, 4, 2], [5, 4, 4, 4, 2])
    assert result["accuracy"] == pytest.approx(0.8)
    assert result["per_class"][5]["recall"] == pytest.approx(0.5)
    assert result["per_class"][4]["precision"] == pytest.approx(2 / 3)
    assert result["confusion"][4][3] == 1  # a true 5 predicted 4


def test_missing_columns_are_named(tmp_path: Path) -> None:
    """A CSV that is not a UPR Info export gets a clear error."""
    path = tmp_path / "x.csv"
    path.write_text("id,recommendation\n1,Ratify the CAT\n", encoding="utf-8")
    with pytest.raises(InputError, match="Action, Session, Text"):
        read_labelled(path, None)


@pytest.mark.slow
def test_engine_accuracy_on_sessions_13_16() -> None:
    """Sessions 13-16 through the whole engine. Since issue 11 the shipped model is trained on
    sessions 1-16, so these are training sessions; the held-out figures are the cross-validated
    ones in smartcheck/data/action_model.provenance.json (tests/test_action_model.py)."""
    from smartcheck import Engine

    result = evaluate_file(DATA, sessions="13-16",
                           engine=Engine(suggestions=False, embeddings="off"))
    assert result["n"] == 8905
    assert result["accuracy"] >= 0.915
    assert result["macro_f1"] >= 0.905
    shares = result["verdict_shares"]["time_bound"]
    assert shares["fail"] > 0.9  # almost no UPR recommendation has a deadline
