"""web.serve: waitress with 8 threads, the engine warming up in the background."""

from __future__ import annotations

import waitress

import web


def test_serve_runs_waitress_with_eight_threads(monkeypatch, fake_engine, tmp_path) -> None:
    calls = {}
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: calls.update(app=app, **kw))
    monkeypatch.setenv("SMARTCHECK_SECRET_KEY", "k" * 64)
    web.serve("127.0.0.1", 8123, config={"ENGINE": fake_engine,
                                         "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}"})
    assert calls["host"] == "127.0.0.1" and calls["port"] == 8123 and calls["threads"] == 8
    app = calls["app"]
    assert app.config["SECRET_KEY"] == "k" * 64
    assert app.test_client().get("/api/health").get_json()["engine_ready"] is True


def test_secret_key_survives_a_restart(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("SMARTCHECK_SECRET_KEY", raising=False)
    monkeypatch.setenv("SMARTCHECK_DATA_DIR", str(tmp_path / "smartcheck"))
    first = web.persistent_secret_key()
    assert len(first) == 64
    assert web.persistent_secret_key() == first
    assert (tmp_path / "smartcheck" / "secret_key").stat().st_mode & 0o077 == 0


def test_trusted_proxy_sets_the_rate_limit_key(fake_engine) -> None:
    from conftest import make_app

    app = make_app(fake_engine, TRUSTED_PROXIES=1, RATELIMIT_ENABLED=True, RATELIMIT_PER_MINUTE=1)
    client = app.test_client()
    text = {"text": "Adopt a law by 2027."}
    a = {"X-Forwarded-For": "203.0.113.1"}
    b = {"X-Forwarded-For": "203.0.113.2"}
    assert client.post("/api/check", json=text, headers=a).status_code == 200
    assert client.post("/api/check", json=text, headers=a).status_code == 429
    assert client.post("/api/check", json=text, headers=b).status_code == 200
