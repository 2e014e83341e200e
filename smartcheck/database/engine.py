"""Which database, and engines for it: SQLite (the default file) or PostgreSQL (psycopg 3)."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import StaticPool

from smartcheck.database.url import (  # noqa: F401 - re-exported
    ENV_URL,
    database_url,
    is_sqlite,
    normalise_url,
)

# Set while a write transaction opens, so SQLite takes the write lock at BEGIN (see _begin).
_immediate: contextvars.ContextVar[bool] = contextvars.ContextVar("immediate", default=False)


def safe_url(url: str) -> str:
    """The URL with any password hidden, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not even parseable: say so without echoing it
        return "(unparseable URL)"


@contextmanager
def immediate() -> Iterator[None]:
    """Transactions begun inside take SQLite's write lock at BEGIN (no effect elsewhere)."""
    token = _immediate.set(True)
    try:
        yield
    finally:
        _immediate.reset(token)


def make_engine(url: str, **options: Any) -> Engine:
    """A new engine for `url`: SQLite in WAL mode with a busy timeout, or a pooled PostgreSQL."""
    url = normalise_url(url)
    if not is_sqlite(url):
        options.setdefault("pool_pre_ping", True)
        options.setdefault("pool_size", 10)
        options.setdefault("max_overflow", 20)
        return create_engine(url, **options)
    memory = make_url(url).database in (None, "", ":memory:")
    if memory:  # one shared connection, or every session would see its own empty database
        options.setdefault("poolclass", StaticPool)
    else:
        # A request may hold a read connection while it writes on a second one; size the pool
        # for every server thread doing that at once.
        options.setdefault("pool_size", 16)
        options.setdefault("max_overflow", 16)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False},
                           **options)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy issue BEGIN itself (pysqlite's implicit BEGIN is deferred and starts
        # too late for the busy timeout to help when two writers race).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not memory:
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
