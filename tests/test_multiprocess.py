"""Three `smartcheck serve` processes on one real PostgreSQL behave as one app.

A workshop made on one is joined and fed on another and watched on a third; a checked file's
report made on one opens on another; lockouts count across processes; 60 participants × 5
submissions over two processes lose nothing. The third process listens on all interfaces and
must show participants a LAN join address, not 127.0.0.1 (all traffic stays on loopback).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from extract_samples import build_docx
from multiproc import (
    SMARTCHECK,
    Server,
    browser,
    cluster,
    create_workshop,
    get,
    join,
    run_load,
    status_of,
    submit,
    token,
    upload,
)
from sqlalchemy import func, select

from web.addresses import lan_addresses
from web.workshop.models import Participant, Submission
from web.workshop.store import Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def database(postgres_server: str) -> str:
    """One database for the module's processes."""
    from pgserver import create_database

    return create_database(postgres_server)


@pytest.fixture(scope="module")
def servers(database: str) -> Iterator[list[Server]]:
    """A and B on loopback, C on every interface; all on the same PostgreSQL database."""
    if not SMARTCHECK.exists():
        pytest.skip("the smartcheck console script is not installed")
    with cluster(database, 3, hosts=("127.0.0.1", "127.0.0.1", "0.0.0.0")) as running:
        yield running


def test_a_workshop_spans_the_processes(servers: list[Server], database: str) -> None:
    a, b, c = servers
    _host, code, link = create_workshop(a.base, "Across processes")
    texts = {}
    for n, where in enumerate((b, b, a)):
        client, page = join(where.base, code, f"Person {n}")
        text = f"Adopt a law criminalising marital rape by 2027 (person {n})."
        # Joined on one process, submits on the other: the session and CSRF token carry over.
        other = a if where is b else b
        answer = submit(client, other.base, code, page, text)
        assert "Submitted." in answer
        texts[f"Person {n}"] = text

    # The facilitator opens the secret link on the third process.
    facilitator = browser()
    path = link.split("/workshops/", 1)[1]
    _url, board = get(facilitator, f"{c.base}/workshops/{path}")
    assert re.search(r'id="stat-submitted">3<', board)
    _url, exported = get(facilitator, f"{c.base}/workshops/{code}/host/export.csv")
    rows = list(csv.DictReader(io.StringIO(exported.lstrip("\ufeff"))))
    assert {r["name"]: r["text"] for r in rows} == texts

    store = Store(database)
    with store.read() as db:
        assert db.scalar(select(func.count()).select_from(Participant)) == 3
    store.dispose()


def test_the_board_on_all_interfaces_shows_a_lan_join_address(servers: list[Server]) -> None:
    c = servers[2]
    printed = c.text()
    lan = re.findall(r"^  (http://[0-9.]+:\d+/)$", printed, re.M)
    if not lan_addresses():  # a machine with loopback only: it must say so
        assert "no network address other devices can reach" in printed
        pytest.skip("this machine has no LAN address")
    assert "other devices on this network can open" in printed, printed
    assert lan and not any(u.startswith("http://127.") for u in lan)
    host, code, _link = create_workshop(c.base, "LAN join")
    _url, board = get(host, f"{c.base}/workshops/{code}/host")
    join_url = re.search(r'<strong class="ws-url">(.+?)</strong>', board).group(1)
    join_url = join_url.replace("<wbr>", "")  # the address may wrap only after a "/"
    assert join_url == lan[0] + "workshops/join"
    assert "127.0.0.1" not in join_url and 'id="join-local-only"' not in board
    # A facilitator on the loopback-only process is told participants cannot reach it.
    host_a, code_a, _ = create_workshop(servers[0].base, "Loopback only")
    _url, board_a = get(host_a, f"{servers[0].base}/workshops/{code_a}/host")
    assert 'id="join-local-only"' in board_a


def test_a_report_made_on_one_process_opens_on_another(servers: list[Server],
                                                       tmp_path: Path) -> None:
    a, b, _c = servers
    data = build_docx(tmp_path / "submission.docx").read_bytes()
    uploader = browser()
    _url, form = get(uploader, a.base + "/check-file/")
    location, _page = upload(uploader, a.base + "/check-file/", "submission.docx", data,
                             {"csrf_token": token(form)})
    rid = re.search(r"/check-file/r/([A-Za-z0-9_-]+)$", location).group(1)
    stranger = browser()  # another person, another process: the link is all they need
    _url, page = get(stranger, f"{b.base}/check-file/r/{rid}")
    assert "SMART check of submission.docx" in page
    _url, report = get(stranger, f"{b.base}/check-file/r/{rid}/json")
    checked = json.loads(report)["reports"]
    assert len(checked) == 10
    assert status_of(stranger, f"{b.base}/check-file/r/{rid}/docx") == 200
    assert status_of(stranger, f"{b.base}/check-file/r/{rid}x") == 404


def test_sixty_participants_on_two_processes_lose_nothing(servers: list[Server],
                                                          database: str) -> None:
    a, b, _c = servers
    result = run_load([a.base, b.base], people=60, rounds=5)
    assert result.failures == []
    assert len(result.texts) == 300
    store = Store(database)
    with store.read() as db:
        stored = set(db.scalars(select(Submission.text).where(Submission.text.like("%try %"))))
    store.dispose()
    assert stored == result.texts
    print(f"\n60 × 5 on two processes: {result.elapsed:.1f} s, "
          f"p50 {result.percentile(50):.0f} ms, p95 {result.percentile(95):.0f} ms")


def test_the_access_logs_hold_requests_but_no_recommendation_text(servers: list[Server]) -> None:
    a = servers[0]
    log = a.access_log.read_text(encoding="utf-8")
    lines = log.splitlines()
    assert len(lines) > 50
    assert all(re.fullmatch(r'\S+Z [0-9a-f.:]+ "[A-Z]+ \S+" \d{3} \d+ [\d.]+ms', line)
               for line in lines), lines[:5]
    assert '"POST /workshops/' in log and '"GET /api/health" 200' in log
    for secret in ("Civil Code", "marital rape", "csrf_token", "key="):
        assert secret not in log


def test_lockouts_count_across_processes(servers: list[Server], database: str) -> None:
    """Wrong codes alternate between two processes; the limit is reached on their sum."""
    from web import limits
    from web.counters_db import CounterHit
    from web.workshop.blueprint import CONFIG_DEFAULTS

    limit_key = limits.PURPOSES["code-miss"][0]  # the unknown-codes budget of web/limits.py
    limit = int(CONFIG_DEFAULTS[limit_key])
    a, b, _c = servers
    guesser = browser()
    _url, form = get(guesser, a.base + "/workshops/join")
    csrf = token(form)
    statuses = []
    for attempt in range(2 * limit + 2):
        where = (a, b)[attempt % 2]
        statuses.append(status_of(guesser, where.base + "/workshops/join",
                                  {"code": "ZZZZZZ", "name": "Guess", "csrf_token": csrf}))
        if statuses[-1] == 429:
            break
    # One process alone would have allowed `limit` misses on each: 2 × limit in all.
    assert statuses[:limit] == [404] * limit
    assert statuses[limit:] == [429]
    for where in (a, b):
        assert status_of(guesser, where.base + "/workshops/join",
                         {"code": "ZZZZZZ", "name": "Guess", "csrf_token": csrf}) == 429
    # The misses were counted in the shared table (each refused try is counted too).
    with Store(database).read() as db:
        misses = db.scalar(select(func.count()).select_from(CounterHit)
                           .where(CounterHit.purpose == "code-miss"))
    assert misses == limit + 3
