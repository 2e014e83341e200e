"""Shared fixtures: the engine (built once per session), the Flask app, a live server, a browser."""

from __future__ import annotations

import atexit
import itertools
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

# Engines in tests judge in this process unless a test asks for workers: a forked worker
# would inherit the browser driver's pipes and keep Playwright waiting at the session's end.
os.environ.setdefault("SMARTCHECK_WORKERS", "0")

from smartcheck.errors import EmptyInputError, InputTooLongError  # noqa: E402
from smartcheck.report import ActionCategory, CriterionScore, Finding, Report, Suggestion

CHROMIUM = Path("/usr/bin/chromium")
_TEST_DB_DIR = Path(tempfile.mkdtemp(prefix="smartcheck-test-db-"))
atexit.register(shutil.rmtree, _TEST_DB_DIR, True)
_APP_NUMBERS = itertools.count()
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class FakeEngine:
    """A tiny, deterministic stand-in for smartcheck.Engine that returns hand-built Reports."""

    WEAK = (
        (r"\bcontinue\b", "specific", "error", "Continuity asks for nothing new.", "Adopt"),
        (r"\befforts\b", "measurable", "warning", "“Efforts” cannot be verified.", ""),
        (r"\bas appropriate\b", "specific", "warning", "A hedge weakens it.", "(delete)"),
        (r"\bconsider\b", "specific", "error", "Considering is fulfilled by thinking.", "Adopt"),
        (r"\bcombat\b", "measurable", "suggestion", "A result, not an action.", "criminalise"),
    )
    CONCRETE = ("adopt", "ratify", "amend", "establish", "abolish", "repeal")

    def __init__(self) -> None:
        """Count calls so tests can see the engine was (not) used."""
        self.calls = 0
        self.embedder_ready = True

    def check(self, text: str, context: dict[str, Any] | None = None) -> Report:
        """Score `text` with a handful of fixed rules."""
        self.calls += 1
        if not text.strip():
            raise EmptyInputError("Type a recommendation to check.")
        if len(text) > 5000:
            raise InputTooLongError("That is longer than one recommendation can be.")
        report = self._score(text)
        if not report.smart:
            year = (context or {}).get("next_review_year") or "[year]"
            rewrite = f"Adopt, by {year}, a law prohibiting discrimination against women."
            better = self._score(rewrite)
            report.suggestions.append(
                Suggestion(rewrite, better.overall, "A legal verb, a named law and a deadline.")
            )
        report.similar.append(
            {
                "text": "Ratify the Optional Protocol by 2027.",
                "state_under_review": None,
                "recommending_state": None,
                "session": None,
                "response": None,
                "action": 5,
                "similarity": 0.42,
            }
        )
        return report

    def check_many(self, texts: list[str]) -> list[Report]:
        """Check each text in order."""
        return [self.check(t) for t in texts]

    def _score(self, text: str) -> Report:
        """The fixed scoring rules."""
        lower = text.lower()
        findings: dict[str, list[Finding]] = {
            c: [] for c in ("specific", "measurable", "achievable", "relevant", "time_bound")
        }
        for pattern, crit, level, message, fix in self.WEAK:
            for m in re.finditer(pattern, text, flags=re.IGNORECASE):
                findings[crit].append(
                    Finding(
                        f"{crit}.fake",
                        crit,
                        level,
                        m.start(),
                        m.end(),
                        m.group(0),
                        message,
                        fix,
                        "/learn/smart",
                    )
                )
        concrete = lower.split(" ", 1)[0].strip(",") in self.CONCRETE
        dated = bool(re.search(r"\b20\d\d\b", text))
        scores = {
            "specific": 0.9 if concrete else 0.2,
            "measurable": 0.85 if concrete else 0.3,
            "achievable": 0.8,
            "relevant": 0.8 if re.search(r"women|torture|children", lower) else 0.5,
            "time_bound": 0.9 if dated else (0.5 if "[year]" in text else 0.1),
        }
        criteria = {k: CriterionScore(k, v, findings[k]) for k, v in scores.items()}
        first = lower.split(" ", 1)[0]
        value = {"continue": 2, "consider": 3}.get(first, 5 if concrete else 4)
        overall = round(100 * sum(scores.values()) / 5)
        return Report(text, criteria, ActionCategory(value, 0.9, "fake"), overall)


def _real_engine() -> Any | None:
    """The real engine, or None while smartcheck.Engine does not exist yet."""
    try:
        from smartcheck import Engine
    except ImportError:
        return None
    return Engine()


@pytest.fixture(scope="session")
def engine() -> Any:
    """The real smartcheck Engine, built once per test session (a fake until it exists)."""
    return _real_engine() or FakeEngine()


@pytest.fixture(scope="session")
def real_engine(engine: Any) -> Any:
    """The real engine; skips the test while only the fake is available."""
    if isinstance(engine, FakeEngine):
        pytest.skip("smartcheck.Engine is not available yet")
    return engine


@pytest.fixture(scope="session")
def verdict_engine(engine: Any) -> Any:
    """The real engine without rewrites, built once, as `smartcheck eval` builds it: for tests
    that read only verdicts, categories and scores over many texts (rewrites never change
    them, and cost more than half of each check). The fake engine until the real one exists."""
    if isinstance(engine, FakeEngine):
        return engine
    from smartcheck import Engine

    return Engine(suggestions=False)


@pytest.fixture
def fake_engine() -> FakeEngine:
    """A fresh deterministic fake engine."""
    return FakeEngine()


def make_app(engine: Any, **overrides: Any) -> Any:
    """A test app: CSRF and the rate limit off unless a test turns them on."""
    from web import create_app

    config = {
        "TESTING": True,
        "ENGINE": engine,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "SECRET_KEY": "test",
        # Checked-file results live in the database: never the user's own data folder.
        "DATABASE_URL": f"sqlite:///{_TEST_DB_DIR / f'app-{next(_APP_NUMBERS)}.sqlite'}",
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A real PostgreSQL (Debian's package) in a temporary folder; yields its server URL."""
    from pgserver import pg_bin, temporary_postgres

    if pg_bin() is None:
        if os.environ.get("CI"):  # CI runs `make test`, which installs it: missing is a failure
            pytest.fail("PostgreSQL is not installed")
        pytest.skip("PostgreSQL is not installed (make test installs Debian's postgresql)")
    with temporary_postgres() as url:
        yield url


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A fresh, empty database on that server."""
    from pgserver import create_database

    return create_database(postgres_server)


@pytest.fixture
def app(engine: Any) -> Any:
    """The Flask app with the session's engine."""
    return make_app(engine)


@pytest.fixture
def client(app: Any) -> Any:
    """A Flask test client."""
    return app.test_client()


@pytest.fixture
def runner(app: Any) -> Any:
    """A Flask CLI runner."""
    return app.test_cli_runner()


@pytest.fixture
def fake_app(fake_engine: FakeEngine) -> Any:
    """The Flask app with the deterministic fake engine."""
    return make_app(fake_engine)


@pytest.fixture
def fake_client(fake_app: Any) -> Any:
    """A test client of the fake-engine app."""
    return fake_app.test_client()


@contextmanager
def running_server(app: Any, threads: int = 4) -> Iterator[str]:
    """Serve `app` under waitress on a free loopback port, in a thread; yield the base URL."""
    from waitress.server import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=threads,
                           ident="smartcheck-test")
    thread = threading.Thread(target=server.run, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(timeout=5)


def watch_console(page: Any) -> list[str]:
    """Collect a page's console errors (CSP violations show up here)."""
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where browser tests save screenshots: a temporary folder, or docs/screenshots/ only
    when `make screenshots` asks for it (SMARTCHECK_SCREENSHOTS=1), so tests leave tracked
    files alone."""
    if os.environ.get("SMARTCHECK_SCREENSHOTS") == "1":
        folder = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
    else:
        folder = tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def live_server(engine: Any) -> Iterator[str]:
    """The app under waitress on a free loopback port, in a thread; yields the base URL."""
    with running_server(make_app(engine, WTF_CSRF_ENABLED=True, TESTING=False)) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless chromium driven by Playwright (no downloaded browsers)."""
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed at /usr/bin/chromium (run `make browser`)")
    from playwright.sync_api import expect, sync_playwright

    # A file check on a loaded 2-core machine (xdist beside it) can take more than the
    # 5 s Playwright waits by default; match the pages' own 15 s.
    expect.set_options(timeout=15_000)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page (own context: cookies and localStorage) at desktop size."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()
