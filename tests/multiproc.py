"""Several real `smartcheck serve` processes on one database, and HTTP clients to drive them.

Used by tests/test_multiprocess.py and bench/bench_multiprocess.py. Every request goes to
127.0.0.1; every loop is bounded in count and time.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, OpenerDirector, Request, build_opener

from pgserver import free_port

SMARTCHECK = Path(sys.executable).with_name("smartcheck")
SECRET = "m" * 64  # every process of one app shares its secret key (sessions, CSRF tokens)


@dataclass
class Server:
    """One running `smartcheck serve` process."""

    base: str
    process: subprocess.Popen
    output: Path
    access_log: Path

    def text(self) -> str:
        """What the process printed so far."""
        return self.output.read_text(encoding="utf-8", errors="replace")


@contextmanager
def serve(database_url: str, host: str = "127.0.0.1",
          extra: tuple[str, ...] = ()) -> Iterator[Server]:
    """Start `smartcheck serve` on a free port with its own data folder; stop it after."""
    home = Path(tempfile.mkdtemp(prefix="smartcheck-proc-"))
    port = free_port()
    env = {**os.environ, "SMARTCHECK_DATA_DIR": str(home), "SMARTCHECK_SECRET_KEY": SECRET,
           "PYTHONUNBUFFERED": "1"}
    env.pop("SMARTCHECK_DATABASE_URL", None)  # the option below is the only source
    output, access = home / "server.out", home / "access.log"
    with output.open("w") as out:
        process = subprocess.Popen(
            ["nice", str(SMARTCHECK), "serve", "--host", host, "--port", str(port),
             "--database-url", database_url, "--access-log", str(access), *extra],
            env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", process, output, access)
    try:
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(home, ignore_errors=True)


def wait_ready(servers: list[Server], timeout: float = 400.0) -> None:
    """Wait until every server answers and has loaded its engine and embedder."""
    deadline = time.monotonic() + timeout
    for server in servers:
        while True:
            if server.process.poll() is not None:
                raise RuntimeError(f"server exited:\n{server.text()}")
            try:
                with build_opener().open(server.base + "/api/health", timeout=5) as answer:
                    health = json.loads(answer.read())
                    # Warm: the embedder too, or its loading competes with what is measured.
                    if health["engine_ready"] and health.get("embedder_ready", True):
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server not ready:\n{server.text()}")
            time.sleep(0.5)


@contextmanager
def cluster(database_url: str, count: int = 2, hosts: tuple[str, ...] = ()) -> Iterator[
        list[Server]]:
    """`count` servers on one database, started together, all ready."""
    with ExitStack() as stack:
        servers = [stack.enter_context(serve(database_url, (hosts[i] if i < len(hosts)
                                                            else "127.0.0.1")))
                   for i in range(count)]
        wait_ready(servers)
        yield servers


# -- HTTP clients ---------------------------------------------------------------------------


def browser() -> OpenerDirector:
    """An HTTP client with its own cookie jar (one per person); follows redirects."""
    return build_opener(HTTPCookieProcessor(CookieJar()))


def get(client: OpenerDirector, url: str) -> tuple[str, str]:
    """GET; returns (final URL, body)."""
    with client.open(url, timeout=300) as response:
        return response.geturl(), response.read().decode("utf-8")


def post(client: OpenerDirector, url: str, data: dict[str, str]) -> tuple[str, str]:
    """POST a form; returns (final URL after redirects, body)."""
    with client.open(url, data=urlencode(data).encode("utf-8"), timeout=300) as response:
        return response.geturl(), response.read().decode("utf-8")


def status_of(client: OpenerDirector, url: str, data: dict[str, str] | None = None) -> int:
    """The HTTP status of a GET (or a form POST), errors included."""
    body = urlencode(data).encode("utf-8") if data is not None else None
    try:
        with client.open(url, data=body, timeout=60) as response:
            return response.status
    except HTTPError as error:
        return error.code


def upload(client: OpenerDirector, url: str, filename: str, data: bytes,
           fields: dict[str, str]) -> tuple[str, str]:
    """POST a file as multipart/form-data; returns (final URL, body)."""
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
             .encode() for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                 f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                 .encode() + data + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    request = Request(url, data=body, headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}"})
    with client.open(request, timeout=300) as response:
        return response.geturl(), response.read().decode("utf-8")


def token(page: str) -> str:
    """The CSRF token of the page's first form."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, page[:500]
    return found.group(1)


def create_workshop(base: str, title: str) -> tuple[OpenerDirector, str, str]:
    """Create and start a workshop as its facilitator; (facilitator client, code, host link)."""
    host = browser()
    _url, form = get(host, base + "/workshops/new")
    url, page = post(host, base + "/workshops/new",
                     {"source": "smart-basics", "title": title, "csrf_token": token(form)})
    code = re.search(r"/workshops/([0-9A-Z]{6})/host", url).group(1)
    link = html.unescape(re.search(r'id="host-link" href="([^"]+)"', page).group(1))
    post(host, f"{base}/workshops/{code}/host/action", {"do": "start", "csrf_token": token(page)})
    return host, code, link


def join(base: str, code: str, name: str) -> tuple[OpenerDirector, str]:
    """A participant joins on `base`; (their client, the exercise page)."""
    client = browser()
    _url, form = get(client, f"{base}/workshops/join?code={code}")
    _url, page = post(client, base + "/workshops/join",
                      {"code": code, "name": name, "csrf_token": token(form)})
    return client, page


def submit(client: OpenerDirector, base: str, code: str, page: str, text: str) -> str:
    """Submit a rewrite; returns the page after it (raises unless it was stored)."""
    final, answer = post(client, f"{base}/workshops/{code}/submit",
                         {"text": text, "csrf_token": token(page)})
    if "?submitted=1" not in final:
        raise AssertionError(f"not submitted: {final}")
    return answer


# -- the load ---------------------------------------------------------------------------


@dataclass
class LoadResult:
    """What a load run did and how long its requests took."""

    people: int
    rounds: int
    code: str
    texts: set[str] = field(default_factory=set)
    latencies: list[float] = field(default_factory=list)  # seconds, every join and submit
    failures: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    def percentile(self, p: float) -> float:
        """The p-th percentile latency in milliseconds."""
        if len(self.latencies) < 2:
            return (self.latencies[0] if self.latencies else 0.0) * 1000
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[int(p) - 1] * 1000


def run_load(bases: list[str], people: int = 60, rounds: int = 5,
             timeout: float = 600.0) -> LoadResult:
    """`people` participants spread over the servers join one workshop and submit `rounds` times."""
    _host, code, _link = create_workshop(bases[0], "Load test")
    result = LoadResult(people, rounds, code)
    lock = threading.Lock()
    start = threading.Barrier(people)

    def timed(call, *args):  # noqa: ANN001, ANN202 - a thin stopwatch
        began = time.perf_counter()
        value = call(*args)
        with lock:
            result.latencies.append(time.perf_counter() - began)
        return value

    def participant(i: int) -> None:
        base = bases[i % len(bases)]
        try:
            start.wait(timeout=120)
            client, page = timed(join, base, code, f"Person {i}")
            for r in range(rounds):
                # Each submission may land on another process, as behind a load balancer.
                where = bases[(i + r) % len(bases)]
                text = f"Repeal articles 40 to 44 of the Civil Code by 2027 (person {i}, try {r})."
                page = timed(submit, client, where, code, page, text)
                with lock:
                    result.texts.add(text)
        except Exception as error:  # noqa: BLE001 - collected and reported
            with lock:
                result.failures.append(f"{i}: {error!r}")

    began = time.monotonic()
    threads = [threading.Thread(target=participant, args=(i,), daemon=True)
               for i in range(people)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max(1.0, timeout - (time.monotonic() - began)))
    result.elapsed = time.monotonic() - began
    if any(t.is_alive() for t in threads):
        result.failures.append("some participants did not finish in time")
    return result
