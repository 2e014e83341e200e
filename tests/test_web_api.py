"""The JSON API: /api/check, /api/health, /api/ docs, and JSON errors."""

from __future__ import annotations

from conftest import make_app

from smartcheck.report import CRITERIA

WEAK = "Continue efforts to combat discrimination against women."


def test_check_one_text_returns_the_report_dict(fake_client, fake_engine) -> None:
    r = fake_client.post("/api/check", json={"text": WEAK})
    assert r.status_code == 200 and r.is_json
    data = r.get_json()
    assert data == fake_engine.check(WEAK).to_dict()
    assert list(data["criteria"]) == list(CRITERIA)
    assert data["action_category"]["value"] == 2
    first = data["findings"][0]
    assert WEAK[first["start"] : first["end"]] == first["match"] == "Continue"


def test_check_passes_context_to_the_engine(fake_client) -> None:
    r = fake_client.post("/api/check", json={"text": WEAK, "context": {"next_review_year": 2028}})
    assert r.get_json()["suggestions"][0]["text"].startswith("Adopt, by 2028,")


def test_check_many_returns_a_list_in_order(fake_client) -> None:
    texts = [WEAK, "Ratify the Optional Protocol by 2027, for women."]
    r = fake_client.post("/api/check", json={"texts": texts})
    data = r.get_json()
    assert r.status_code == 200
    assert [d["text"] for d in data] == texts
    assert data[1]["overall"] > data[0]["overall"]


def test_errors_are_json_with_code_and_message(fake_client) -> None:
    cases = [
        (
            {"data": "text=hi", "content_type": "application/x-www-form-urlencoded"},
            415,
            "unsupported_media_type",
        ),
        ({"data": "{not json", "content_type": "application/json"}, 400, "bad_json"),
        ({"json": ["a list"]}, 400, "bad_json"),
        ({"json": {}}, 400, "bad_request"),
        ({"json": {"text": "a", "texts": ["b"]}}, 400, "bad_request"),
        ({"json": {"text": 42}}, 400, "bad_request"),
        ({"json": {"texts": []}}, 400, "empty"),
        ({"json": {"text": "   "}}, 400, "empty"),
        ({"json": {"text": "x" * 5001}}, 413, "too_long"),
        ({"json": {"texts": ["ok"] * 101}}, 413, "too_many"),
        ({"json": {"text": WEAK, "context": {"year": 2027}}}, 400, "bad_context"),
        ({"json": {"text": WEAK, "context": {"next_review_year": "soon"}}}, 400, "bad_context"),
    ]
    for kwargs, status, code in cases:
        r = fake_client.post("/api/check", **kwargs)
        assert r.status_code == status, (kwargs, r.get_data(as_text=True))
        err = r.get_json()["error"]
        assert err["code"] == code, kwargs
        assert err["message"] and "Traceback" not in err["message"]


def test_body_over_the_size_limit_is_413_json(fake_engine) -> None:
    client = make_app(fake_engine, MAX_CONTENT_LENGTH=1000).test_client()
    r = client.post("/api/check", json={"text": "x" * 2000})
    assert r.status_code == 413
    assert r.get_json()["error"]["code"] == "too_large"


def test_unknown_api_route_and_wrong_method_are_json(fake_client) -> None:
    r = fake_client.get("/api/nothing")
    assert r.status_code == 404 and r.get_json()["error"]["code"] == "not_found"
    r = fake_client.get("/api/check")
    assert r.status_code == 405 and r.get_json()["error"]["code"] == "method_not_allowed"
    assert "POST" in r.headers["Allow"]


def test_health_reports_version_and_readiness(fake_client) -> None:
    data = fake_client.get("/api/health").get_json()
    assert data["status"] == "ok"
    assert data["engine_ready"] is True and data["embedder_ready"] is True
    assert isinstance(data["version"], str)


def test_health_does_not_build_the_engine() -> None:
    from web import create_app

    app = create_app({"TESTING": True})
    data = app.test_client().get("/api/health").get_json()
    assert data["engine_ready"] is False and data["embedder_ready"] is False
    assert "smartcheck_engine" not in app.extensions


def test_api_needs_no_csrf_token(fake_engine) -> None:
    client = make_app(fake_engine, WTF_CSRF_ENABLED=True).test_client()
    assert client.post("/api/check", json={"text": WEAK}).status_code == 200


def test_api_docs_page_shows_curl_examples(fake_client) -> None:
    page = fake_client.get("/api/").get_data(as_text=True)
    assert "curl -s http://localhost/api/check" in page
    assert "Content-Type: application/json" in page


def test_batch_error_names_the_text_at_fault(fake_client) -> None:
    r = fake_client.post("/api/check", json={"texts": ["Adopt a law by 2027.", "  "]})
    assert r.status_code == 400
    assert r.get_json()["error"]["message"].startswith("texts[1]: ")
