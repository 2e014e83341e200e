"""Similar recommendations: a relevance floor chosen on data, neighbours sharing an issue first."""

from __future__ import annotations

import numpy as np
import pytest

from smartcheck.corpus import similar
from smartcheck.corpus.similar import RELEVANCE_FLOOR, Index


def unit(*values: float) -> np.ndarray:
    """A unit vector."""
    v = np.asarray(values, dtype=np.float32)
    return v / np.linalg.norm(v)


@pytest.fixture
def index() -> str:
    """A hand-made index under a private key: cosines 0.95, 0.80, 0.60, 0.40 to the query."""
    rows = [(0.95, ["Freedom of expression"]), (0.80, ["Women's rights"]),
            (0.60, ["Women's rights", "Labour"]), (0.40, ["Special procedures"])]
    matrix = np.stack([unit(c, float(np.sqrt(1 - c * c)), 0.0) for c, _ in rows])
    items = [{"text": f"t{c}", "issues": issues} for c, issues in rows]
    key = "test://floor"
    similar._indexes[key] = Index(matrix, items, "corpus")
    yield key
    similar._indexes.pop(key, None)


def test_the_floor_is_the_measured_one() -> None:
    assert pytest.approx(0.55) == RELEVANCE_FLOOR


def test_neighbours_below_the_floor_are_dropped(index: str) -> None:
    query = unit(1.0, 0.0, 0.0)
    hits = similar.similar(vector=query, k=5, url=index, min_similarity=RELEVANCE_FLOOR)
    assert [h["text"] for h in hits] == ["t0.95", "t0.8", "t0.6"]
    assert similar.similar(vector=unit(0.0, 0.0, 1.0), k=3, url=index,
                           min_similarity=RELEVANCE_FLOOR) == []


def test_neighbours_sharing_an_issue_come_first(index: str) -> None:
    query = unit(1.0, 0.0, 0.0)
    hits = similar.similar(vector=query, k=3, url=index, min_similarity=RELEVANCE_FLOOR,
                           issues=["Women's rights"])
    assert [h["text"] for h in hits] == ["t0.8", "t0.6", "t0.95"]
    top2 = similar.similar(vector=query, k=2, url=index, min_similarity=RELEVANCE_FLOOR,
                           issues=["Women's rights"])
    assert [h["text"] for h in top2] == ["t0.8", "t0.6"]


@pytest.mark.slow
def test_engine_shows_only_close_neighbours_or_says_nothing_close(real_engine) -> None:
    import time

    from conftest import make_app

    if real_engine.embedder is None:
        pytest.skip("this engine runs without the sentence model")
    real_engine.embedder.start_loading()
    deadline = time.monotonic() + 120
    while not real_engine.embedder_ready and time.monotonic() < deadline:
        time.sleep(0.2)
    assert real_engine.embedder_ready
    report = real_engine.check("Adopt a law by 2027 criminalising marital rape and domestic "
                               "violence against women, with shelters in every region.")
    assert all(hit["similarity"] >= RELEVANCE_FLOOR for hit in report.similar), report.similar
    far = "The weather was pleasant and the picnic by the lake went well for everyone."
    assert real_engine.check(far).similar == []
    html = make_app(real_engine).test_client().get("/", query_string={"text": far}).get_data(
        as_text=True)
    assert "Nothing close found" in html and "% similar" not in html
