"""Similar-recommendation search, per-issue acceptance, exemplar fallback and duplicates."""

from __future__ import annotations

import argparse
import csv
import json
import time

import numpy as np
import pytest

from smartcheck.cli_corpus import register
from smartcheck.corpus import similar
from smartcheck.corpus import store as corpus
from smartcheck.corpus.duplicates import THRESHOLD, duplicate_groups, jaccard, near_duplicates
from smartcheck.models.embeddings import FakeEmbedder, normalise

HEADER = ["To", "From", "Text", "Response", "Action", "Issue", "Session"]
# Team-written rows, not from the data set.
ROWS = [
    ["Ruritania", "Freedonia", "Ratify the Convention against Torture and its Optional Protocol",
     "Accepted", "5", "International instruments,Torture and other CID treatment", "2"],
    ["Freedonia", "Ruritania", "Ratify the Convention against Torture and its Optional Protocol",
     "Noted", "5", "International instruments,Torture and other CID treatment", "3"],
    ["Ruritania", "Elbonia", "Abolish the death penalty for all crimes", "Noted", "5",
     "Death penalty", "2"],
    ["Elbonia", "Freedonia", "Build more primary schools in rural areas", "Accepted", "4",
     "Right to education", "4"],
    ["Elbonia", "Ruritania", "Ratify the Optional Protocol to the Convention on the Rights of "
     "the Child", "Accepted", "5", "International instruments,Rights of the Child", "4"],
    ["Elbonia", "Ruritania", "Continue its efforts to protect the rights of children", "Accepted",
     "2", "Rights of the Child", "4"],
]  # fmt: skip


@pytest.fixture()
def db(tmp_path) -> str:
    """A corpus with the team rows, vectors from the fake embedder."""
    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    url = f"sqlite:///{tmp_path / 'c.sqlite'}"
    corpus.import_file(path, url=url, embedder=FakeEmbedder())
    similar.invalidate()
    yield url
    similar.invalidate()


def test_nearest_real_recommendations_with_metadata(db) -> None:
    hits = similar.similar("Ratify the Convention against Torture", k=3, url=db,
                           embedder=FakeEmbedder())  # fmt: skip
    top = hits[0]
    assert top["text"] == ROWS[0][2]
    # Identical texts are shown once: the most recent, with how many times it was made.
    assert (top["state_under_review"], top["recommending_state"], top["session"]) == (
        "Freedonia", "Ruritania", 3)  # fmt: skip
    assert top["response"] == "Noted" and top["action_category"] == 5
    assert top["issues"] == ["International instruments", "Torture and other CID treatment"]
    assert top["same_text_count"] == 2
    assert len({h["text"] for h in hits}) == len(hits)
    assert [h["similarity"] for h in hits] == sorted((h["similarity"] for h in hits), reverse=True)


def test_issue_acceptance_counts_category_5_only(db) -> None:
    table = similar.issue_acceptance(url=db)
    assert table["International instruments"] == {"accepted": 2, "total": 3, "share": 0.6667}
    assert table["Death penalty"] == {"accepted": 0, "total": 1, "share": 0.0}
    assert "Right to education" not in table  # category 4 only
    assert similar.issue_acceptance("Rights of the Child", url=db)["total"] == 1
    assert similar.issue_acceptance("Corruption", url=db) is None


def test_exemplars_when_no_corpus(tmp_path, monkeypatch) -> None:
    exemplars = tmp_path / "exemplars.yml"
    exemplars.write_text(
        "exemplars:\n"
        "  - id: dp-1\n    issues: [Death penalty]\n    weak: Think about the death penalty.\n"
        "    strong: Abolish the death penalty for all crimes by 2027.\n"
        "    reason: Names the act and a date.\n    action_category: {weak: 3, strong: 5}\n"
        "  - id: ed-1\n    issues: [Right to education]\n    weak: Improve schools.\n"
        "    strong: Build 200 primary schools in rural districts by 2028.\n"
        "    reason: Counts and dates.\n    action_category: 5\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(similar, "EXEMPLARS", exemplars)
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    similar.invalidate()
    hits = similar.similar("abolish the death penalty", k=2, url=url, embedder=FakeEmbedder())
    assert hits[0]["source"] == "exemplar" and hits[0]["id"] == "dp-1"
    assert hits[0]["weak"] == "Think about the death penalty."
    assert hits[0]["action_category"] == 5 and hits[1]["action_category"] == 5
    assert similar.issue_acceptance("Death penalty", url=url) is None
    similar.invalidate()


def test_no_corpus_and_no_exemplars_gives_empty(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(similar, "EXEMPLARS", tmp_path / "absent.yml")
    assert similar.load_exemplars(tmp_path / "absent.yml") == []
    similar.invalidate()
    monkeypatch.setattr(similar, "_exemplar_index", lambda emb: None)
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    assert similar.similar("anything", url=url, embedder=FakeEmbedder()) == []
    similar.invalidate()


def test_search_over_30k_vectors_is_fast() -> None:
    rng = np.random.default_rng(1)
    matrix = normalise(rng.standard_normal((30_000, 384)))
    index = similar.Index(matrix, [{"text": str(i)} for i in range(30_000)], "corpus")
    query = matrix[1234]
    assert index.search(query, k=3)[0]["text"] == "1234"
    start = time.perf_counter()
    for _ in range(20):
        index.search(query, k=10)
    per_query_ms = (time.perf_counter() - start) / 20 * 1000
    assert per_query_ms < 40  # budget is 10 ms; slack for a loaded shared CI machine


def test_near_duplicates_and_groups() -> None:
    fake = FakeEmbedder()
    texts = [
        "Ratify the Convention against Torture without delay",
        "Ratify the Convention against Torture without delay.",
        "Build more primary schools in rural areas",
        "ratify the convention against torture without delay",
    ]
    pairs = near_duplicates(fake.encode(texts))
    assert {(p.i, p.j) for p in pairs} == {(0, 1), (0, 3), (1, 3)}
    assert all(p.similarity >= THRESHOLD for p in pairs)
    assert duplicate_groups(pairs, len(texts)) == [[0, 1, 3]]
    assert near_duplicates(fake.encode(texts[:1])) == []
    assert pairs[0].to_dict()["i"] == 0
    assert jaccard("a b c", "a b d") == 0.5


def test_cli_similar_json_and_errors(db, capsys, monkeypatch) -> None:
    import smartcheck.models.embeddings as emb

    monkeypatch.setattr(emb, "_shared", FakeEmbedder())
    parser = argparse.ArgumentParser(prog="smartcheck")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["similar", "abolish the death penalty", "--format", "json",
                              "-k", "2", "--db", db])  # fmt: skip
    assert args.handler(args) == 0
    hits = json.loads(capsys.readouterr().out)
    assert isinstance(hits, list) and len(hits) == 2
    assert hits[0]["text"] == ROWS[2][2] and hits[0]["response"] == "Noted"
    args = parser.parse_args(["similar", "abolish the death penalty", "--db", db])
    assert args.handler(args) == 0
    assert "to Ruritania; from Elbonia; session 2; noted" in capsys.readouterr().out
    args = parser.parse_args(["similar", "  ", "--db", db])
    assert args.handler(args) == 2
    assert "Give the text" in capsys.readouterr().err
    args = parser.parse_args(["similar", "x", "-k", "0", "--db", db])
    assert args.handler(args) == 2
