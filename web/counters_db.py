"""Rate-limit and lockout counters in the database, so every process of the app shares them.

`DatabaseCounterStore` implements the `CounterStore` protocol of web/limits.py:
`hit(purpose, key, window_s)` records one event and returns how many fall in the window;
`reset(purpose, key)` forgets them. Each hit is a row; rows leave when their window has passed.
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Callable

from flask import Flask
from sqlalchemy import Float, Index, Integer, String, delete, func, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from smartcheck.database import immediate
from web.limits import EXTENSION

PURGE_EVERY_SECONDS = 600.0


class Base(DeclarativeBase):
    """Declarative base of the counter table."""


class CounterHit(Base):
    """One counted event (a failed join, a wrong key, a request) for a purpose and a client."""

    __tablename__ = "rate_counters"
    __table_args__ = (Index("ix_rate_counters_lookup", "purpose", "key", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purpose: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(200))
    at: Mapped[float] = mapped_column(Float, index=True)  # seconds since the epoch


class DatabaseCounterStore:
    """Sliding-window counters in the `rate_counters` table (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine | Callable[[], Engine],
                 clock: Callable[[], float] = time.time) -> None:
        """Count in `engine`'s database (or the engine a callable opens on first use)."""
        self._engine = engine
        self.clock = clock
        self._windows: dict[str, float] = {}  # the longest window seen per purpose
        self._last_purge = time.monotonic()
        self._lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        """The engine, opened on first use."""
        if not isinstance(self._engine, Engine):
            self._engine = self._engine()
        return self._engine

    def hit(self, purpose: str, key: str, window_s: float) -> int:
        """Record one event; return how many events of (purpose, key) fall in the window."""
        purpose, key = purpose[:40], key[:200]
        now = self.clock()
        with self._lock:
            self._windows[purpose] = max(window_s, self._windows.get(purpose, 0.0))
        with immediate(), Session(self.engine) as session, session.begin():
            if session.bind.dialect.name == "postgresql":  # type: ignore[union-attr]
                # Hits on one key queue up, so two processes never both read the old count.
                session.execute(text("SELECT pg_advisory_xact_lock(:k)"),
                                {"k": zlib.crc32(f"{purpose}\0{key}".encode())})
            mine = (CounterHit.purpose == purpose) & (CounterHit.key == key)
            session.execute(delete(CounterHit).where(mine, CounterHit.at <= now - window_s))
            session.add(CounterHit(purpose=purpose, key=key, at=now))
            session.flush()
            count = session.scalar(select(func.count()).select_from(CounterHit)
                                   .where(mine, CounterHit.at > now - window_s)) or 0
        self._maybe_purge()
        return int(count)

    def count(self, purpose: str, key: str, window_s: float) -> int:
        """How many events of (purpose, key) fall in the window, without adding one."""
        since = self.clock() - window_s
        with Session(self.engine) as session:
            return int(session.scalar(select(func.count()).select_from(CounterHit).where(
                CounterHit.purpose == purpose[:40], CounterHit.key == key[:200],
                CounterHit.at > since)) or 0)

    def reset(self, purpose: str, key: str) -> None:
        """Forget every event of (purpose, key)."""
        with immediate(), Session(self.engine) as session, session.begin():
            session.execute(delete(CounterHit).where(CounterHit.purpose == purpose[:40],
                                                     CounterHit.key == key[:200]))

    def purge(self) -> int:
        """Delete the rows whose window has passed, for every purpose this process counts."""
        self._last_purge = time.monotonic()
        now, gone = self.clock(), 0
        with self._lock:
            windows = dict(self._windows)
        with immediate(), Session(self.engine) as session, session.begin():
            for purpose, window in windows.items():
                result = session.execute(delete(CounterHit).where(
                    CounterHit.purpose == purpose, CounterHit.at <= now - window))
                gone += result.rowcount or 0  # type: ignore[attr-defined]
        return gone

    def _maybe_purge(self) -> None:
        """Purge at most every PURGE_EVERY_SECONDS (keys that never come back leave too)."""
        if time.monotonic() - self._last_purge >= PURGE_EVERY_SECONDS:
            self.purge()


def counters_in_database(app: Flask) -> bool:
    """COUNTERS = "database" | "memory" | "auto" (auto: when the operator named a database)."""
    from web.database import names_a_database

    mode = str(app.config.get("COUNTERS") or "auto").lower()
    return mode == "database" or (mode == "auto" and names_a_database(app))


def init_app(app: Flask) -> None:
    """Share counters through the database when several processes may serve the app.

    Runs before limits.init_app, which installs the in-process store only when none is set.
    """
    if counters_in_database(app):
        from web.database import app_engine

        app.extensions[EXTENSION] = DatabaseCounterStore(lambda: app_engine(app))


__all__ = ["DatabaseCounterStore", "counters_in_database", "init_app"]
