"""60 participants join and submit at the same moment against `smartcheck serve`: none is lost."""

from __future__ import annotations

import html
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit
from urllib.request import HTTPCookieProcessor, OpenerDirector, build_opener

import pytest
from sqlalchemy import func, select

from web.workshop.models import Participant, Submission
from web.workshop.store import Store

pytestmark = pytest.mark.slow

PEOPLE = 60
SMARTCHECK = Path(sys.executable).with_name("smartcheck")


def free_port() -> int:
    """A loopback port nobody is listening on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`smartcheck serve` on a free port with its own database; yields (base URL, db path)."""
    if not SMARTCHECK.exists():
        pytest.skip("the smartcheck console script is not installed")
    home = tmp_path_factory.mktemp("served")
    db = home / "workshops.sqlite"
    port = free_port()
    env = {
        **os.environ,
        "SMARTCHECK_DATABASE_URL": f"sqlite:///{db}",
        "SMARTCHECK_DATA_DIR": str(home),
        "SMARTCHECK_SECRET_KEY": "c" * 64,
    }
    log = (home / "server.log").open("w")
    proc = subprocess.Popen(
        ["nice", str(SMARTCHECK), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:  # wait until the server answers and the engine has loaded
            assert proc.poll() is None, (home / "server.log").read_text()
            try:
                health = json.loads(build_opener().open(base + "/api/health", timeout=2).read())
                if health["engine_ready"]:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "server did not become ready"
            time.sleep(0.5)
        yield base, db
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def browser() -> OpenerDirector:
    """An HTTP client with its own cookie jar (one per person); follows redirects."""
    return build_opener(HTTPCookieProcessor(CookieJar()))


def get(client: OpenerDirector, url: str) -> tuple[str, str]:
    """GET; returns (final URL, body)."""
    with client.open(url, timeout=60) as response:
        return response.geturl(), response.read().decode("utf-8")


def post(client: OpenerDirector, url: str, data: dict[str, str]) -> tuple[str, str]:
    """POST a form; returns (final URL after redirects, body)."""
    body = urlencode(data).encode("utf-8")
    with client.open(url, data=body, timeout=60) as response:
        return response.geturl(), response.read().decode("utf-8")


def token(page: str) -> str:
    """The CSRF token of the page's first form."""
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_sixty_simultaneous_submissions_are_all_stored(served: tuple[str, Path]) -> None:
    base, db = served
    host = browser()
    _url, form = get(host, base + "/workshops/new")
    url, page = post(host, base + "/workshops/new",
                     {"source": "smart-basics", "title": "Load test", "csrf_token": token(form)})
    code = re.search(r"/workshops/([0-9A-Z]{6})/host", url).group(1)
    link = html.unescape(re.search(r'id="host-link" href="([^"]+)"', page).group(1))
    assert parse_qs(urlsplit(link).query)["key"]
    post(host, f"{base}/workshops/{code}/host/action", {"do": "start", "csrf_token": token(page)})

    ready = threading.Barrier(PEOPLE)
    results: dict[int, str] = {}
    failures: list[str] = []

    def participant(i: int) -> None:
        try:
            client = browser()
            _url, join_form = get(client, f"{base}/workshops/join?code={code}")
            ready.wait(timeout=60)  # everyone joins at once …
            _url, page = post(client, base + "/workshops/join",
                              {"code": code, "name": f"Person {i}", "csrf_token": token(join_form)})
            ready.wait(timeout=60)  # … and submits at once
            text = f"Repeal articles 40 to 44 of the Civil Code by 2027 (draft {i})."
            final, answer = post(client, f"{base}/workshops/{code}/submit",
                                 {"text": text, "csrf_token": token(page)})
            assert "?submitted=1" in final, final
            assert "Submitted." in answer and f"(draft {i})" in answer
            results[i] = text
        except Exception as error:  # noqa: BLE001 - collected and reported below
            failures.append(f"{i}: {error!r}")

    started = time.monotonic()
    threads = [threading.Thread(target=participant, args=(i,)) for i in range(PEOPLE)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    elapsed = time.monotonic() - started
    assert failures == []
    assert len(results) == PEOPLE

    store = Store(f"sqlite:///{db}")
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Participant)) == PEOPLE
        stored = set(session.scalars(select(Submission.text)))
    store.dispose()
    assert stored == set(results.values())

    # The facilitator's board and export agree.
    _url, board = get(host, f"{base}/workshops/{code}/host")
    assert re.search(rf'id="stat-submitted">{PEOPLE}<', board)
    _url, exported = get(host, f"{base}/workshops/{code}/host/export.csv")
    assert len(exported.strip().splitlines()) == PEOPLE + 1
    print(f"\n{PEOPLE} participants joined and submitted in {elapsed:.1f} s")
