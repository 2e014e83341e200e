"""The embedder: offline loading, similarity ordering, caching and background loading."""

from __future__ import annotations

import numpy as np
import pytest

from smartcheck.models.embeddings import DIM, Embedder, FakeEmbedder, normalise, text_key


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    """One real model per test module (loading takes a few seconds)."""
    return Embedder().load()


@pytest.mark.slow
def test_loads_offline_and_gives_unit_vectors(embedder: Embedder, monkeypatch) -> None:
    import os

    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert os.environ["TRANSFORMERS_OFFLINE"] == "1"
    vecs = embedder.encode(["Ratify the Convention against Torture.", "Build more schools."])
    assert vecs.shape == (2, DIM)
    assert vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("anchor", "near", "far"),
    [
        ("Ratify the Convention against Torture", "Accede to CAT", "Build more schools"),
        (
            "Abolish the death penalty for all crimes",
            "Establish a moratorium on executions with a view to abolishing capital punishment",
            "Guarantee free primary education for all girls",
        ),
        (
            "Criminalise marital rape in the Penal Code",
            "Amend the criminal law so that rape within marriage is an offence",
            "Ensure freedom of the press and protect journalists",
        ),
        (
            "Protect journalists from harassment and attacks",
            "Guarantee the safety of media workers and investigate threats against reporters",
            "Ensure access to clean drinking water in rural areas",
        ),
        (
            "Establish a national human rights institution in line with the Paris Principles",
            "Set up an independent NHRI compliant with the Paris Principles",
            "Reduce child mortality by improving maternal health care",
        ),
    ],
)
def test_similarity_ordering(embedder: Embedder, anchor: str, near: str, far: str) -> None:
    a, n, f = embedder.encode([anchor, near, far])
    assert float(a @ n) > float(a @ f) + 0.05


@pytest.mark.slow
def test_cache_returns_same_vectors_and_keeps_order(embedder: Embedder) -> None:
    texts = ["Adopt a law on domestic violence by 2027.", "Ratify OP-CAT.", "Adopt a law on"]
    first = embedder.encode(texts)
    assert embedder.cache.get(text_key(texts[1])) is not None
    again = embedder.encode(list(reversed(texts)))
    np.testing.assert_allclose(again[::-1], first, atol=1e-6)
    # Batched (sorted by length) and single encodes agree.
    np.testing.assert_allclose(embedder.encode_one(texts[2]), first[2], atol=1e-5)


def test_the_vector_cache_keeps_the_most_recent_and_clears() -> None:
    """Bounded LRU: a read refreshes a vector, the oldest goes first; `clear` forgets all."""
    from smartcheck.models.embeddings import _VectorCache

    cache = _VectorCache(2)
    one, two, three = (np.full(DIM, n, dtype=np.float32) for n in (1, 2, 3))
    cache.put("a", one)
    cache.put("b", two)
    assert cache.get("a") is one  # now the most recent
    cache.put("c", three)
    assert len(cache) == 2 and cache.get("b") is None and cache.get("c") is three
    cache.clear()
    assert len(cache) == 0 and cache.get("a") is None


@pytest.mark.slow
def test_background_loading_without_network(monkeypatch) -> None:
    import socket

    def no_network(*args, **kwargs):
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    lazy = Embedder()
    assert not lazy.ready
    assert lazy.encode(["anything"], wait=False) is None  # starts loading, does not block
    thread = lazy.start_loading()
    assert thread is not None and thread.name == "smartcheck-embedder"
    assert lazy.wait(timeout=300), lazy.error
    assert lazy.ready
    assert lazy.encode(["anything"], wait=False).shape == (1, DIM)
    assert lazy.start_loading() is None


def test_bad_model_path_is_reported_not_hung(tmp_path) -> None:
    broken = Embedder(path=tmp_path / "nowhere")
    broken.start_loading()
    assert broken.wait(timeout=60) is False
    assert broken.error is not None
    assert broken.encode(["x"], wait=False) is None


def test_fake_embedder_is_deterministic_and_normalised() -> None:
    fake = FakeEmbedder()
    a = fake.encode(["Ratify the convention", "ratify the Convention.", "Build schools"])
    np.testing.assert_allclose(a[0], a[1])
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-6)
    assert float(a[0] @ a[2]) < 0.5
    assert fake.encode(["x"], wait=False).shape == (1, DIM)


def test_encode_empty_list_and_normalise_zero_rows() -> None:
    assert FakeEmbedder().encode([]).shape == (0, DIM)
    out = normalise(np.array([[0.0, 0.0], [3.0, 4.0]]))
    np.testing.assert_allclose(out, [[0, 0], [0.6, 0.8]])
