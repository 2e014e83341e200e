"""The workshop database: engine, sessions, create-on-start and expiry of old workshops."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from smartcheck.database import ensure_schema, immediate, make_engine
from web.workshop.models import Workshop, utcnow

ENV_URL = "SMARTCHECK_DATABASE_URL"
PURGE_EVERY_SECONDS = 600.0
_EXTENSION = "smartcheck_workshop_store"
_lock = threading.Lock()


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


class Store:
    """One database per app: read and write sessions, and the expiry of old workshops."""

    def __init__(self, url: str, expiry_hours: float = 72.0, engine: Engine | None = None) -> None:
        """Connect, migrate to the newest schema (data is kept) and purge expired workshops."""
        self.url = url
        self.expiry = timedelta(hours=expiry_hours)
        self.engine = engine if engine is not None else make_engine(url)
        ensure_schema(self.engine)
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
        with immediate(), self._sessions() as session, session.begin():
            yield session

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
                from web.database import app_engine

                store = Store(
                    database_url(app.config),
                    float(app.config.get("WORKSHOP_EXPIRY_HOURS") or 72),
                    engine=app_engine(app),
                )
                app.extensions[_EXTENSION] = store
    return store


__all__ = ["Store", "database_url", "default_url", "get_store"]
