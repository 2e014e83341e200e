"""Rate limits per purpose: code guessing by GET is refused, the room is never locked out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import FakeEngine
from workshop_fixtures import create, workshop_app

GUESSER = {"REMOTE_ADDR": "203.0.113.7"}  # the room's shared address
ROUTES = ["/workshops/{code}/", "/workshops/{code}/status", "/workshops/{code}/host",
          "/workshops/{code}/host/board", "/workshops/{code}/host/export.csv"]


@pytest.fixture
def app(tmp_path: Path) -> Any:
    """A workshop app with small budgets (fake engine: no model loads)."""
    return workshop_app(FakeEngine(), tmp_path / "ws.sqlite", WORKSHOP_JOIN_FAILURES=5,
                        WORKSHOP_CODE_LOOKUPS=40, WORKSHOP_KEY_FAILURES=4)


def guesses(n: int, start: int = 0) -> list[str]:
    """`n` well-formed codes that are (almost surely) not live."""
    return [f"ZZ{i:04d}".replace("0", "Q") for i in range(start, start + n)]


def test_memory_store_counts_a_sliding_window_per_purpose_and_key() -> None:
    from web.limits import CounterStore, MemoryCounterStore


    now = [0.0]
    store: CounterStore = MemoryCounterStore(clock=lambda: now[0])
    assert [store.hit("code", "a", 60) for _ in range(3)] == [1, 2, 3]
    assert store.hit("host-key", "a", 60) == 1  # purposes are separate
    assert store.hit("code", "b", 60) == 1  # and so are clients
    now[0] = 30.0
    assert store.hit("code", "a", 60) == 4
    now[0] = 61.0  # the first three have left the window
    assert store.hit("code", "a", 60) == 2
    store.reset("code", "a")
    assert store.hit("code", "a", 60) == 1


@pytest.mark.parametrize("route", ROUTES)
def test_get_enumeration_is_refused_after_a_small_budget(app, route: str) -> None:
    client = app.test_client()
    statuses = [client.get(route.format(code=code), environ_base=GUESSER).status_code
                for code in guesses(8)]
    assert statuses[:5] == [statuses[0]] * 5 and statuses[0] in (403, 404)
    assert statuses[5:] == [429, 429, 429]
    refused = client.get(route.format(code=guesses(1, 50)[0]), environ_base=GUESSER)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "Too many" in refused.get_data(as_text=True)
    assert "Traceback" not in refused.get_data(as_text=True)


def test_unknown_codes_look_like_wrong_keys_on_host_routes(app) -> None:
    host = app.test_client()
    code, _ = create(host)
    stranger = app.test_client()
    live = stranger.get(f"/workshops/{code}/host?key=nope")
    dead = stranger.get(f"/workshops/{guesses(1)[0]}/host?key=nope")
    assert live.status_code == dead.status_code == 403
    assert live.get_data() == dead.get_data()


def test_the_room_keeps_working_while_one_address_guesses(app) -> None:
    host = app.test_client()
    code, key = create(host, title="Kampala")
    amina = app.test_client()
    amina.post("/workshops/join", data={"code": code, "name": "Amina"}, environ_base=GUESSER)
    guesser = app.test_client()
    for guess in guesses(10):  # codes by GET and join, wrong keys on every host route
        guesser.get(f"/workshops/{guess}/status", environ_base=GUESSER)
        guesser.post("/workshops/join", data={"code": guess, "name": "x"}, environ_base=GUESSER)
    for path in ("/host", "/host/board", "/host/export.csv"):
        for _ in range(3):
            guesser.get(f"/workshops/{code}{path}?key=wrong", environ_base=GUESSER)
    assert guesser.get(f"/workshops/{code}/host?key=wrong",
                       environ_base=GUESSER).status_code == 429  # wrong keys are counted
    # Same address: the joined participant, the facilitator's session and a fresh browser with
    # the right key all get through.
    assert amina.get(f"/workshops/{code}/", environ_base=GUESSER).status_code == 200
    assert amina.get(f"/workshops/{code}/status", environ_base=GUESSER).status_code in (200, 204)
    facilitator = app.test_client()
    signed_in = facilitator.get(f"/workshops/{code}/host?key={key}", environ_base=GUESSER)
    assert signed_in.status_code == 303
    assert facilitator.get(f"/workshops/{code}/host", environ_base=GUESSER).status_code == 200
    assert facilitator.post(f"/workshops/{code}/host/action", data={"do": "start"},
                            environ_base=GUESSER).status_code == 303
    assert app.test_client().get(f"/workshops/{code}/host/board?key={key}",
                                 environ_base=GUESSER).status_code == 200


def test_engine_runs_have_their_own_budget(tmp_path: Path) -> None:
    app = workshop_app(FakeEngine(), tmp_path / "ws.sqlite", RATELIMIT_ENABLED=True,
                       RATELIMIT_PER_MINUTE=2, WORKSHOP_JOIN_FAILURES=2)
    client = app.test_client()
    text = {"text": "Ratify the Convention against Torture by 2027."}
    assert [client.post("/api/check", json=text).status_code for _ in range(3)] == [200, 200, 429]
    # out of checks, yet code misses still have their own budget (and the other way round)
    assert client.get(f"/workshops/{guesses(1)[0]}/").status_code == 404
    other = app.test_client()
    for guess in guesses(3):
        other.get(f"/workshops/{guess}/", environ_base=GUESSER)
    assert other.post("/api/check", json=text, environ_base=GUESSER).status_code == 200


def test_the_counter_store_is_taken_from_the_app(app) -> None:
    from web.limits import MemoryCounterStore


    class RecordingStore(MemoryCounterStore):
        """The in-process store, remembering every hit (as a shared database store would)."""

        def __init__(self) -> None:
            super().__init__()
            self.hits: list[tuple[str, str, float]] = []

        def hit(self, purpose: str, key: str, window_s: float) -> int:
            self.hits.append((purpose, key, window_s))
            return super().hit(purpose, key, window_s)

    store = RecordingStore()
    app.extensions["smartcheck_counters"] = store
    app.test_client().get(f"/workshops/{guesses(1)[0]}/", environ_base=GUESSER)
    assert ("code-miss", GUESSER["REMOTE_ADDR"], 300.0) in store.hits
    assert {purpose for purpose, _, _ in store.hits} == {"code", "code-miss"}


def test_the_session_cookie_holds_no_facilitator_key(app) -> None:
    host = app.test_client()
    code, key = create(host)
    assert host.get(f"/workshops/{code}/host").status_code == 200
    cookie = host.get_cookie("session")
    assert cookie is not None and key not in cookie.value
    data = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    assert key not in json.dumps(data)
    assert set(data["ws_h"]) == {code} and data["ws_h"][code] != key
    # the page still shows the facilitator their secret link (kept server-side)
    assert key in host.get(f"/workshops/{code}/host").get_data(as_text=True)
    # a forged or stale session id is worth nothing
    with host.session_transaction() as session:
        session["ws_h"] = {code: "not-a-session"}
    assert host.get(f"/workshops/{code}/host").status_code == 403
