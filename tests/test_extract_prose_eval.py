"""Asks in running prose, measured on the team's documents and sentences and on the corpus.

Floors sit just under the measured figures (docs/evaluation-extraction.md). The held-out
documents are only measured here, never tuned on.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from smartcheck.evaluate.extraction import overlaps, score_folder
from smartcheck.extract.asks import find_asks

PROSE = Path(__file__).resolve().parent / "data" / "prose"
CORPUS = (Path(__file__).resolve().parent.parent.parent / "shared" / "data"
          / "upr-info-recommendations-sessions-01-16.csv")


@pytest.mark.parametrize("split, recall, one_to_one, addressee", [
    ("dev", 0.97, 0.95, 0.95),
    ("heldout", 0.97, 0.92, 0.85),
])
def test_prose_documents(split: str, recall: float, one_to_one: float,
                         addressee: float) -> None:
    result = score_folder(PROSE / split)
    assert result["documents"] >= 10
    assert result["recall"] >= recall  # target: 90 % of planted asks
    assert result["max_false_per_document"] <= 1  # target: at most 1 false find a document
    assert result["false_finds"] <= 2
    assert result["not_asks_taken"] == 0
    assert result["recall_one_to_one"] >= one_to_one
    assert result["addressee_accuracy"] >= addressee
    assert result["paragraph_accuracy"] >= 0.97


def test_sentence_lists() -> None:
    asks = [ln.strip() for ln in (PROSE / "ask-sentences.txt").open() if ln.strip()]
    background = [ln.strip() for ln in (PROSE / "background-sentences.txt").open()
                  if ln.strip()]
    assert len(asks) >= 200 and len(background) >= 400
    assert sum(bool(find_asks(s)) for s in asks) >= 0.98 * len(asks)
    assert sum(bool(find_asks(s)) for s in background) <= 2


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/data is not there")
@pytest.mark.parametrize("template", [
    "We urge the Government to {}", "The Government should {}",
    "We recommend that the State {}",
])
def test_corpus_recommendations_inside_prose_are_found(template: str) -> None:
    """Real recommendations (the positives) put after a lead-in are found whole."""
    with CORPUS.open(encoding="utf-8") as handle:
        texts = [row["Text"].strip() for row in csv.DictReader(handle)]
    sample = random.Random(1).sample(texts, 1000)
    found = 0
    for text in sample:
        sentence = template.format(text[0].lower() + text[1:])
        asks = find_asks(sentence)
        found += bool(asks) and overlaps(asks[0].text, sentence[:60])
    assert found >= 0.97 * len(sample)


def test_overlap_matching() -> None:
    assert overlaps("We urge X to adopt a law", "We urge X to adopt a law on torture.")
    assert not overlaps("Publish the data", "Ratify the Optional Protocol without delay.")
