"""The web app with the real engine: end-to-end checks and shared-engine thread safety."""

from __future__ import annotations

import re
import threading

import pytest
from conftest import make_app

WEAK = "Continue efforts to combat discrimination against women."


@pytest.fixture
def real_client(real_engine):
    """A test client backed by the real engine (built once per session)."""
    return make_app(real_engine).test_client()


def score_of(page: str) -> int:
    """The overall score shown on a page."""
    return int(re.search(r'<span class="big">(\d+)</span>', page).group(1))


def test_weak_recommendation_fails_and_is_marked(real_client) -> None:
    page = real_client.post("/", data={"text": WEAK}).get_data(as_text=True)
    assert 'data-criterion="specific" data-verdict="fail"' in page
    assert 'data-criterion="time_bound" data-verdict="fail"' in page
    assert re.search(r'<mark class="hl hl-error"[^>]*>Continue</mark>', page)
    assert re.search(r'class="rung current" value="2"', page)
    assert score_of(page) < 60


def test_using_the_best_rewrite_raises_the_score(real_client) -> None:
    page = real_client.post("/", data={"text": WEAK, "year": "2027"}).get_data(as_text=True)
    before = score_of(page)
    rewrite = re.search(r'name="use" value="([^"]+)"', page).group(1)
    assert "2027" in rewrite
    after_page = real_client.post("/", data={"text": WEAK, "use": rewrite}).get_data(as_text=True)
    assert score_of(after_page) > before


def test_api_returns_the_engine_report(real_client, real_engine) -> None:
    data = real_client.post("/api/check", json={"text": WEAK}).get_json()
    assert data == real_engine.check(WEAK).to_dict()
    many = real_client.post("/api/check", json={"texts": [WEAK, WEAK + " By 2027."]}).get_json()
    assert len(many) == 2 and many[0]["overall"] == data["overall"]


def test_engine_input_errors_are_4xx(real_client) -> None:
    r = real_client.post("/api/check", json={"text": "\x00\x01\x02\x03" * 20})
    assert 400 <= r.status_code < 500
    assert r.get_json()["error"]["message"]


def test_concurrent_requests_share_one_engine(real_engine) -> None:
    app = make_app(real_engine)
    texts = [
        WEAK,
        "Ratify the Optional Protocol to the Convention against Torture by 2027.",
        "Consider establishing a national human rights institution.",
    ] * 4
    expected = {t: real_engine.check(t).overall for t in set(texts)}
    got: list[tuple[str, int]] = []
    errors: list[BaseException] = []

    def work(text: str) -> None:
        try:
            r = app.test_client().post("/api/check", json={"text": text})
            got.append((text, r.get_json()["overall"]))
        except BaseException as error:  # surfaced below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(t,)) for t in texts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    assert sorted(got) == sorted((t, expected[t]) for t in texts)


def test_lazy_engine_is_built_once_for_many_threads(monkeypatch) -> None:
    import smartcheck
    from web import create_app
    from web.engine import get_engine

    built = []

    class Slow:
        def __init__(self) -> None:
            built.append(self)

    monkeypatch.setattr(smartcheck, "Engine", Slow)
    app = create_app({"TESTING": True})
    results = []
    threads = [threading.Thread(target=lambda: results.append(get_engine(app))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(built) == 1 and all(r is built[0] for r in results)
