"""The embedding half seen through the Engine: issue tags, notes, similar recommendations."""

from __future__ import annotations

import csv

import pytest
import yaml

from smartcheck import Engine
from smartcheck.engine import BIG_BATCH, DOUBT_BAND, MODEL_LOADING_NOTE, _top_issues
from smartcheck.resources import rules_dir, shared_data_dir

LABELS = {i["label"] for i in yaml.safe_load(
    (rules_dir() / "lexicons" / "upr-issues.yml").read_text(encoding="utf-8"))["issues"]}


@pytest.fixture(scope="module")
def ready_engine(engine: Engine) -> Engine:
    """The session engine with its sentence model loaded."""
    assert engine.embedder is not None
    assert engine.embedder.wait(timeout=300), engine.embedder.error
    return engine


def test_issue_labels_are_spelled_as_in_the_data(ready_engine: Engine) -> None:
    """Report.issues uses UPR Info's own labels, exactly."""
    with open(shared_data_dir() / "upr-info-recommendations-sessions-01-16.csv",
              encoding="utf-8") as handle:
        data_labels = {label.strip() for row in csv.DictReader(handle)
                       for label in row["Issue"].split(",")}
    assert data_labels == LABELS
    report = ready_engine.check("Abolish the death penalty for all crimes by 2027.")
    assert report.issues[0].label == "Death penalty"
    assert all(tag.label in LABELS for tag in report.issues)


@pytest.mark.parametrize(("text", "label"), [
    ("Amend the Penal Code to criminalise marital rape by 2027.", "Women's rights"),
    ("Ratify the Optional Protocol to the Convention against Torture by 2026.",
     "Torture and other CID treatment"),
    ("Release all journalists detained for their reporting and repeal the criminal "
     "defamation law.", "Freedom of the press"),
])
def test_issue_tags_of_team_written_examples(ready_engine: Engine, text: str,
                                             label: str) -> None:
    """The tagger finds the obvious issue of a recommendation."""
    assert label in {tag.label for tag in ready_engine.check(text).issues}


def test_similar_recommendations_come_with_their_outcome(ready_engine: Engine) -> None:
    """A draft gets its nearest neighbours (exemplars on a fresh install), best first."""
    report = ready_engine.check("Criminalise marital rape in the Penal Code.")
    assert 1 <= len(report.similar) <= 3
    scores = [hit["similarity"] for hit in report.similar]
    assert scores == sorted(scores, reverse=True)
    assert "marital" in report.similar[0]["text"].lower()
    assert report.notes == []
    assert ready_engine.embedder_ready


def test_rules_answer_while_the_model_loads() -> None:
    """Before the model is ready: same verdicts, word-based tags, and a note saying so."""
    from smartcheck.models.embeddings import Embedder

    engine = Engine(embeddings="off")
    engine.embedder = Embedder()  # a fresh, unloaded model; encode(wait=False) returns None
    engine.embedding_mode = "background"
    text = "Abolish the death penalty for all crimes by 2027."
    report = engine.check(text)
    assert report.notes == [MODEL_LOADING_NOTE]
    assert report.similar == []
    assert report.issues[0].label == "Death penalty"
    assert report.overall == Engine(embeddings="off").check(text).overall


def test_an_issue_named_only_through_a_body_is_found(engine: Engine) -> None:
    """A national preventive mechanism is about torture: Relevant is not failed."""
    report = engine.check("Set up a national preventive mechanism by 2026.")
    assert report.criteria["relevant"].verdict != "fail"


def test_similar_real_recommendations_and_how_states_responded(
        ready_engine: Engine, tmp_path, monkeypatch) -> None:
    """With an imported corpus: real neighbours with their response, and per-issue shares."""
    from smartcheck.corpus import similar
    from smartcheck.corpus import store as corpus

    monkeypatch.setenv("SMARTCHECK_DATA_DIR", str(tmp_path))
    rows = [  # team-written, in the UPR Info export's columns
        ("Examplia", "Norland", "Abolish the death penalty for all crimes.", "Accepted", 5),
        ("Westerland", "Norland", "Abolish capital punishment in law and practice.", "Noted", 5),
        ("Eastvale", "Examplia", "Abolish the death penalty without delay.", "Accepted", 5),
        ("Eastvale", "Norland", "Consider a moratorium on executions.", "Noted", 3),
    ]
    path = tmp_path / "export.csv"
    lines = ["To,From,Text,Response,Action,Issue,Session,Cycle"]
    lines += [f'{to},{frm},"{text}",{resp},{act},Death penalty,14,2'
              for to, frm, text, resp, act in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus.import_file(path)
    similar.invalidate()
    try:
        report = ready_engine.check("Abolish the death penalty by 2027.")
    finally:
        similar.invalidate()
    assert report.similar[0]["text"] == "Abolish the death penalty for all crimes."
    assert not report.notes
    # Rows imported without vectors are stored at once; similar search says it skips them.
    more = tmp_path / "more.csv"
    more.write_text(lines[0] + '\nEastvale,Norland,"Ratify the Second Optional Protocol to the '
                    'ICCPR.",Accepted,5,Death penalty,15,2\n', encoding="utf-8")
    assert corpus.import_file(more, vectors=False).vectors_missing == 1
    similar.invalidate()
    try:
        skipped = ready_engine.check("Abolish the death penalty by 2028.")
    finally:
        similar.invalidate()
    assert skipped.notes == ["Similar recommendations leave out 1 imported text with no "
                             "sentence vector yet (`smartcheck corpus vectors` adds them)."]
    assert skipped.similar[0]["text"] == "Abolish the death penalty for all crimes."
    assert report.similar[0]["state_under_review"] == "Examplia"
    assert report.similar[0]["response"] == "Accepted"
    death = next(row for row in report.acceptance if row["issue"] == "Death penalty")
    assert (death["accepted"], death["total"]) == (2, 3)
    assert report.to_dict()["acceptance"]


def test_a_live_check_encodes_beside_the_judging(ready_engine: Engine, monkeypatch) -> None:
    """Drafts are encoded on the engine's encoding thread; of a file, its doubtful texts only."""
    import threading

    seen: list[tuple[str, int]] = []
    vectors = ready_engine._vectors

    def spy(texts):
        seen.append((threading.current_thread().name, len(texts)))
        return vectors(texts)

    monkeypatch.setattr(ready_engine, "_vectors", spy)
    report = ready_engine.check("Criminalise marital rape in the Penal Code by 2027.")
    assert [(name.split("_")[0], n) for name, n in seen] == [("smartcheck-encode", 1)]
    assert not report.notes and report.issues[0].label == "Women's rights"
    first = ready_engine._encoder_pool()
    assert ready_engine._encoder_pool() is first
    monkeypatch.setattr(ready_engine, "_encoder_pid", -1)  # as seen from a forked child
    assert ready_engine._encoder_pool() is not first
    seen.clear()
    texts = [f"Adopt a law on the rights of persons with disabilities by {2030 + n}."
             for n in range(64)] + ["Ensure that rural communities have access to land."] * 16
    _, doubt = ready_engine.issue_model.predict_with_doubt(texts)
    doubtful = int((doubt < DOUBT_BAND).sum())
    assert 0 < doubtful < len(texts)  # land is near its threshold, disabilities far above
    ready_engine._check_valid(texts, None)
    assert [(name.split("_")[0], n) for name, n in seen] == [("smartcheck-encode", doubtful)]


def test_a_batch_tags_like_single_checks(ready_engine: Engine) -> None:
    """A file's texts get the verdicts and, where the vector may matter, the tags of a check."""
    with open(shared_data_dir() / "upr-info-recommendations-sessions-01-16.csv",
              encoding="utf-8") as handle:
        texts = [row["Text"] for row in csv.DictReader(handle)
                 if int(row["Session"]) >= 13 and 60 < len(row["Text"]) < 400][:96:3]
    texts = (texts * 3)[:BIG_BATCH]
    batch = ready_engine.check_many(texts)
    single = [ready_engine.check(text) for text in texts]
    words, doubt = ready_engine.issue_model.predict_with_doubt(texts)
    assert 0 < (doubt < DOUBT_BAND).sum() < len(texts)  # both sides of the rule are checked
    for b, s, w, d in zip(batch, single, words, doubt, strict=True):
        assert b.criteria == s.criteria and b.overall == s.overall
        expected = s.issues if d < DOUBT_BAND else _top_issues(w)
        assert b.issues == expected
        assert b.similar == [] and b.notes == []
    fast = Engine(workers=0, suggestions=False, batch_tags="words")
    assert [r.issues for r in fast.check_many(texts)] == [_top_issues(w) for w in words]
    with pytest.raises(ValueError, match="batch_tags"):
        Engine(batch_tags="sometimes")
