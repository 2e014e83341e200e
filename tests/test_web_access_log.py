"""The access log (one line per request, no text) and the join address participants can reach."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import make_app
from flask.testing import FlaskClient
from workshop_fixtures import workshop_app

from web.access_log import log_path
from web.addresses import server_urls

LINE = re.compile(r'(\S+Z) (\S+) "([A-Z]+) (\S+)" (\d{3}) (\d+) ([\d.]+)ms')
DRAFT = "Consider ratifying the Optional Protocol to the Convention against Torture."


def logged_app(fake_engine, **config):
    """The app writing its access log into a string buffer."""
    stream = io.StringIO()
    app = make_app(fake_engine, ACCESS_LOG=stream, **config)
    # Read and close every response, as a WSGI server does (the line is written on close).
    app.test_client_class = type("Buffered", (app.test_client_class or FlaskClient,), {
        "open": lambda self, *a, **k: FlaskClient.open(self, *a, buffered=True, **k)})
    return app, stream


def test_one_line_per_request_and_no_recommendation_text(fake_engine) -> None:
    app, stream = logged_app(fake_engine)
    client = app.test_client()
    assert client.get("/?text=" + DRAFT.replace(" ", "+")).status_code == 200
    assert client.post("/api/check", json={"text": DRAFT}).status_code == 200
    assert client.post("/api/check", json={"texts": [DRAFT, "Ratify it by 2027."]}).status_code \
        == 200
    assert client.get("/no-such-page?key=secret").status_code == 404
    lines = stream.getvalue().splitlines()
    assert len(lines) == 4
    parsed = [LINE.fullmatch(line) for line in lines]
    assert all(parsed), lines
    assert [(m.group(3), m.group(4), m.group(5)) for m in parsed] == [
        ("GET", "/", "200"), ("POST", "/api/check", "200"), ("POST", "/api/check", "200"),
        ("GET", "/no-such-page", "404")]
    assert all(m.group(2) == "127.0.0.1" and int(m.group(6)) > 0 for m in parsed)
    text = stream.getvalue()
    for fragment in ("Optional Protocol", "ratifying", "Ratify", "secret", "text="):
        assert fragment not in text


def test_client_address_behind_a_trusted_proxy(fake_engine) -> None:
    app, stream = logged_app(fake_engine, TRUSTED_PROXIES=1)
    app.test_client().get("/api/health", headers={"X-Forwarded-For": "203.0.113.7"})
    assert LINE.fullmatch(stream.getvalue().strip()).group(2) == "203.0.113.7"


def test_result_ids_are_cut_and_odd_paths_are_quoted() -> None:
    rid = "AbCdEfGhIjKlMnOpQrStUv"
    assert log_path({"PATH_INFO": f"/check-file/r/{rid}/csv"}) == "/check-file/r/AbCdEf…/csv"
    quoted = log_path({"PATH_INFO": '/a b"\n\x00é'})
    assert " " not in quoted and '"' not in quoted and "\n" not in quoted


def test_log_to_a_file(fake_engine, tmp_path: Path) -> None:
    path = tmp_path / "access.log"
    app = make_app(fake_engine, ACCESS_LOG=str(path))
    app.test_client().get("/api/health", buffered=True)
    assert '"GET /api/health" 200' in path.read_text(encoding="utf-8")


def test_no_log_unless_asked(fake_engine) -> None:
    app = make_app(fake_engine)
    assert app.wsgi_app.__class__.__name__ != "AccessLog"


# -- the join address -------------------------------------------------------------------


def facilitator_board(app) -> str:
    """Create a workshop on `app` and return its facilitator page."""
    client = app.test_client()
    created = client.post("/workshops/new", data={"source": "smart-basics", "title": "T"})
    return client.get(created.headers["Location"]).get_data(as_text=True)


def join_address(board: str) -> str:
    """The address the board tells participants to open (without its <wbr> wrap points)."""
    shown = re.search(r'<strong class="ws-url">(.+?)</strong>', board).group(1)
    return shown.replace("<wbr>", "")


def test_the_public_url_is_the_join_address(engine, tmp_path: Path) -> None:
    app = workshop_app(engine, tmp_path / "p.sqlite",
                       PUBLIC_URL="https://smartcheck.example.org/")
    board = facilitator_board(app)
    assert join_address(board) == "https://smartcheck.example.org/workshops/join"
    assert 'href="https://smartcheck.example.org/workshops/' in board
    assert 'id="join-local-only"' not in board


def test_on_loopback_the_board_offers_a_lan_address(engine, tmp_path: Path) -> None:
    app = workshop_app(engine, tmp_path / "l.sqlite", LAN_URLS=["http://192.168.1.20:8000/"])
    assert join_address(facilitator_board(app)) == "http://192.168.1.20:8000/workshops/join"


def test_a_loopback_only_server_says_participants_cannot_reach_it(engine, tmp_path) -> None:
    board = facilitator_board(workshop_app(engine, tmp_path / "o.sqlite"))
    assert join_address(board) == "http://localhost/workshops/join"
    assert 'id="join-local-only"' in board and "--host 0.0.0.0" in board


def test_a_board_opened_on_the_lan_address_keeps_it(engine, tmp_path: Path) -> None:
    app = workshop_app(engine, tmp_path / "n.sqlite")
    client = app.test_client()
    base = {"base_url": "http://10.1.2.3:8000"}
    created = client.post("/workshops/new", data={"source": "smart-basics", "title": "T"}, **base)
    board = client.get(created.headers["Location"], **base).get_data(as_text=True)
    assert join_address(board) == "http://10.1.2.3:8000/workshops/join"


@pytest.mark.parametrize(("host", "expected"), [
    ("127.0.0.1", ["http://127.0.0.1:8000/"]), ("::1", ["http://[::1]:8000/"])])
def test_server_urls_for_one_address(host: str, expected: list[str]) -> None:
    assert server_urls(host, 8000) == expected


def test_server_urls_on_all_interfaces_are_lan_addresses(monkeypatch) -> None:
    import web.addresses as addresses

    real = addresses.lan_addresses()  # this machine's: never loopback or link-local
    assert not any(a.startswith(("127.", "169.254.")) for a in real)
    monkeypatch.setattr(addresses, "lan_addresses", lambda: ["192.168.1.20", "10.0.0.5"])
    assert server_urls("0.0.0.0", 8000) == ["http://192.168.1.20:8000/",
                                            "http://10.0.0.5:8000/"]
