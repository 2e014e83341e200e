"""Corpus import with the real MiniLM encoder: each distinct text encoded once, vectors equal
to the one-thread encoder's, progress in recommendations, rows stored while encoding."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from smartcheck.corpus import similar
from smartcheck.corpus import store as corpus
from smartcheck.models.embeddings import FakeEmbedder
from smartcheck.resources import UPR_CSV

needs_data = pytest.mark.skipif(not UPR_CSV.exists(), reason="shared data not available")


@pytest.fixture()
def db(tmp_path) -> str:
    """A fresh SQLite database URL."""
    similar.invalidate()
    return f"sqlite:///{tmp_path / 'corpus.sqlite'}"


class Recording:
    """Passes every call to a real encoder and records the texts it was given."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.texts: list[str] = []

    def encode(self, texts):
        self.texts.extend(texts)
        return self.inner.encode(texts)


def _real_csv(tmp_path: Path) -> tuple[Path, list[list[str]]]:
    """~300 real rows (spread over the export) plus rows whose texts repeat verbatim."""
    with UPR_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    text = header.index("Text")
    counts: dict[str, int] = {}
    for row in body:
        counts[row[text]] = counts.get(row[text], 0) + 1
    spread = body[::100]
    ids = {row[0] for row in spread}
    chosen = spread + [row for row in body if counts[row[text]] > 1 and row[0] not in ids][:120]
    path = tmp_path / "real.csv"  # a temporary copy: the texts are never committed
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(chosen)
    return path, [[r[text]] for r in chosen]


@pytest.mark.slow
@needs_data
def test_real_import_encodes_each_text_once_with_the_reference_vectors(tmp_path, db) -> None:
    from smartcheck.models.onnx_encoder import OnnxEncoder

    path, rows = _real_csv(tmp_path)
    texts = [r["text"] for r in corpus.read_records(path)[1]]  # as the reader cleans them
    distinct = set(texts)
    assert len(distinct) < len(texts) - 40  # the file does repeat texts
    encoder = Recording(corpus.batch_embedder())  # the import's own: 2 batches at once
    seen: list[tuple[int, int]] = []
    result = corpus.import_file(path, url=db, progress=lambda d, t: seen.append((d, t)),
                                embedder=encoder, batch=64)
    # Progress counts recommendations (rows), whatever the texts repeat.
    assert {t for _, t in seen} == {len(rows)} and seen[-1] == (len(rows), len(rows))
    assert result.added == len(rows) and result.total == len(rows)
    # Each distinct text went to the encoder once, and each has its vector.
    assert sorted(encoder.texts) == sorted(distinct)
    assert (result.vectors_added, result.vectors_missing) == (len(distinct), 0)
    hashes, matrix = corpus.load_matrix(db)
    by_hash = {corpus.text_hash(t): t for t in distinct}
    assert set(hashes) == set(by_hash)
    # Main's encoder, one batch after the other on one thread, is the reference.
    reference = OnnxEncoder(threads=1).encode([by_hash[h] for h in hashes])
    cosine = np.sum(matrix * reference, axis=1)
    assert cosine.min() >= 0.9999
    assert np.abs(matrix - reference).max() < 1e-5
    # A second import of the same file adds nothing and encodes nothing.
    encoder.texts.clear()
    again = corpus.import_file(path, url=db, embedder=encoder)
    assert (again.added, again.vectors_added, encoder.texts) == (0, 0, [])


def test_rows_and_vectors_of_repeated_texts_with_progress(tmp_path, db) -> None:
    """Team-written rows: 6 rows, 3 texts (one twice, one three times) -> 3 encoded."""
    header = ["rec_id", "To", "From", "Text", "Response", "Action", "Issue", "Session", "Cycle"]
    texts = ["Abolish the death penalty.", "Ratify the Convention against Torture by 2027.",
             "Abolish the death penalty.", "Adopt a law on the right to water.",
             "Adopt a law on the right to water.", "Abolish the death penalty."]
    path = tmp_path / "r.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([str(i), "Ruritania", f"State {i}", t, "Accepted", "5", "Other", "3",
                          "1"] for i, t in enumerate(texts))
    encoder = Recording(FakeEmbedder(cache_size=0))
    rows_seen: list[tuple[int, int]] = []
    vectors_seen: list[tuple[int, int]] = []
    result = corpus.import_file(path, url=db, progress=lambda d, t: rows_seen.append((d, t)),
                                embedder=encoder, batch=2,
                                vector_progress=lambda d, t: vectors_seen.append((d, t)))
    assert rows_seen[0] == (0, 6) and rows_seen[-1] == (6, 6)
    assert vectors_seen == [(0, 3), (2, 3), (3, 3)]
    assert sorted(encoder.texts) == sorted(set(texts))
    assert (result.added, result.vectors_added, result.vectors_missing) == (6, 3, 0)


def test_failed_rows_store_no_vectors_and_stop_the_encoder(db) -> None:
    """If storing the rows fails while the encoder runs, the error surfaces, nothing else."""
    pending = [(corpus.text_hash(t), t) for t in ("One text.", "Another text.", "A third.")]

    def failing() -> None:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        corpus._fill(db, pending, FakeEmbedder(), None, 1, meanwhile=failing)
    assert corpus.stats(db)["vectors"] == 0
