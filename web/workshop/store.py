"""The workshop database: engine, sessions, create-on-start and expiry of old workshops."""

from __future__ import annotations

import contextvars
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from flask import Flask, current_app
from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from web.workshop.models import Base, Workshop, utcnow

ENV_URL = "SMARTCHECK_DATABASE_URL"
PURGE_EVERY_SECONDS = 600.0
_EXTENSION = "smartcheck_workshop_store"
_lock = threading.Lock()
# Set while a write transaction opens, so SQLite takes the write lock at BEGIN (see _begin).
_immediate: contextvars.ContextVar[bool] = contextvars.ContextVar("immediate", default=False)


def default_url() -> str:
    """sqlite:///<data dir>/smartcheck.sqlite, the file the rest of the app uses."""
    try:
        from smartcheck.resources import data_dir
    except ImportError:  # pragma: no cover - older trees without smartcheck.resources
        from pathlib import Path

        from platformdirs import user_data_dir

        path = Path(user_data_dir("smartcheck", appauthor=False))
        path.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path / 'smartcheck.sqlite'}"
    return f"sqlite:///{data_dir() / 'smartcheck.sqlite'}"


def database_url(config: dict[str, Any]) -> str:
    """DATABASE_URL from the app config, else $SMARTCHECK_DATABASE_URL, else the default file."""
    return config.get("DATABASE_URL") or os.environ.get(ENV_URL, "").strip() or default_url()


def _sqlite_engine(url: str) -> Engine:
    """An SQLite engine in WAL mode with a busy timeout, whose writers queue instead of failing."""
    # A request may hold a read connection while it writes on a second one; size the pool for
    # every server thread doing that at once.
    engine = create_engine(
        url,
        connect_args={"timeout": 30, "check_same_thread": False},
        pool_size=16,
        max_overflow=16,
    )

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy issue BEGIN itself (pysqlite's implicit BEGIN is deferred and
        # starts too late for the busy timeout to help when two writers race).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # A deferred transaction that reads and then writes fails at once with "database is
        # locked" if another writer committed meanwhile; IMMEDIATE waits for the lock instead.
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _immediate.get() else "BEGIN")

    return engine


class Store:
    """One database per app: read and write sessions, and the expiry of old workshops."""

    def __init__(self, url: str, expiry_hours: float = 72.0) -> None:
        """Connect, create missing tables (existing data is kept) and purge expired workshops."""
        self.url = url
        self.expiry = timedelta(hours=expiry_hours)
        if url.startswith("sqlite"):
            self.engine = _sqlite_engine(url)
        else:
            self.engine = create_engine(url, pool_pre_ping=True)
        Base.metadata.create_all(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._last_purge = 0.0
        self.purge()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading (rolled back at the end)."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose transaction commits at the end, or rolls back on an error."""
        token = _immediate.set(True)
        try:
            with self._sessions() as session, session.begin():
                yield session
        finally:
            _immediate.reset(token)

    def purge(self) -> int:
        """Delete workshops older than the expiry time; return how many went."""
        self._last_purge = time.monotonic()
        cutoff = utcnow() - self.expiry
        with self.write() as session:
            old = list(session.scalars(select(Workshop.id).where(Workshop.created_at < cutoff)))
            if old:
                # The ORM cascade covers databases whose foreign keys are not enforced.
                for workshop in session.scalars(select(Workshop).where(Workshop.id.in_(old))):
                    session.delete(workshop)
        return len(old)

    def maybe_purge(self) -> None:
        """Purge at most every PURGE_EVERY_SECONDS (called on requests)."""
        if time.monotonic() - self._last_purge >= PURGE_EVERY_SECONDS:
            self.purge()

    def dispose(self) -> None:
        """Close the connection pool."""
        self.engine.dispose()


def get_store(app: Flask | None = None) -> Store:
    """The app's store, opened on first use (so apps that never run a workshop touch no file)."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    store = app.extensions.get(_EXTENSION)
    if store is None:
        with _lock:
            store = app.extensions.get(_EXTENSION)
            if store is None:
                store = Store(
                    database_url(app.config),
                    float(app.config.get("WORKSHOP_EXPIRY_HOURS") or 72),
                )
                app.extensions[_EXTENSION] = store
    return store


__all__ = ["Store", "database_url", "default_url", "get_store"]
