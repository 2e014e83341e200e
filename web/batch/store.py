"""Checked-file results in the database under random ids, bounded in number, bytes and age.

Every process of the app reads the same table, so a report made on one opens on another. The
uploaded Word file is kept in the same row, so its bytes go when the result goes.
"""

from __future__ import annotations

import hashlib
import hmac
import pickle
import secrets
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app
from sqlalchemy import Float, Integer, LargeBinary, String, delete, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from smartcheck.database import ensure_schema, immediate, make_engine

_KEY = "smartcheck_batch_store"
_create_lock = threading.Lock()
_FORMAT = b"r1"  # bumped when the encoding changes; older rows then read as gone
_CACHED = 4  # decoded results kept per process (a report page is followed by its downloads)
PURGE_EVERY_SECONDS = 60.0


class Base(DeclarativeBase):
    """Declarative base of the batch tables."""


class BatchResultRow(Base):
    """One checked file: the encoded BatchResult and, for Word files, the uploaded bytes."""

    __tablename__ = "batch_results"

    n: Mapped[int] = mapped_column(Integer, primary_key=True)  # insertion order
    token: Mapped[str] = mapped_column(String(43), unique=True)
    filename: Mapped[str] = mapped_column(String(300))
    created: Mapped[float] = mapped_column(Float, index=True)  # seconds since the epoch
    docx_size: Mapped[int] = mapped_column(Integer)
    result: Mapped[bytes] = mapped_column(LargeBinary)
    docx: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


@dataclass
class Stored:
    """One checked file: the BatchResult and, for Word files, the original bytes to annotate."""

    result: Any
    filename: str
    docx: bytes | None = None
    created: float = field(default=0.0)


class ResultStore:
    """Results in a database table: at most `size` of them, `max_bytes` of Word files, `ttl` s."""

    def __init__(self, size: int = 20, ttl: float = 3600.0,
                 clock: Callable[[], float] = time.time,
                 max_bytes: int = 100_000_000, engine: Engine | None = None,
                 secret: str | bytes | None = None) -> None:
        """Use `engine` (default: a private in-memory SQLite); sign rows with `secret`."""
        self.size, self.ttl, self.clock, self.max_bytes = size, ttl, clock, max_bytes
        self.engine = engine if engine is not None else make_engine("sqlite://")
        ensure_schema(self.engine)
        if isinstance(secret, str):
            secret = secret.encode("utf-8")
        # Rows are pickles: only rows signed with the app's secret key are ever unpickled, so
        # write access to the database alone cannot run code in the app.
        self._secret = hashlib.sha256(b"batch-results\0" + (secret or secrets.token_bytes(32)))
        self._cache: OrderedDict[str, Stored] = OrderedDict()
        self._lock = threading.Lock()
        self._last_purge = time.monotonic()

    # -- encoding ---------------------------------------------------------------------------

    def _mac(self, payload: bytes) -> bytes:
        """HMAC-SHA256 of a payload under the store's key."""
        return hmac.new(self._secret.digest(), payload, "sha256").digest()

    def _encode(self, result: Any) -> bytes:
        """Pickle, compress and sign a result."""
        payload = zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), 6)
        return _FORMAT + self._mac(payload) + payload

    def _decode(self, blob: bytes) -> Any:
        """The result of a signed row; raises ValueError for a row this app did not write."""
        head, mac, payload = blob[:2], blob[2:34], blob[34:]
        if head != _FORMAT or not hmac.compare_digest(mac, self._mac(payload)):
            raise ValueError("not a result this app stored")
        return pickle.loads(zlib.decompress(payload))  # noqa: S301 - signed above

    # -- the store --------------------------------------------------------------------------

    def put(self, entry: Stored) -> str:
        """Store an entry under a new unguessable id and return the id."""
        rid = secrets.token_urlsafe(16)
        entry.created = self.clock()
        row = BatchResultRow(token=rid, filename=entry.filename[:300], created=entry.created,
                             docx_size=len(entry.docx or b""), result=self._encode(entry.result),
                             docx=entry.docx)
        with immediate(), Session(self.engine) as session, session.begin():
            session.add(row)
            session.flush()
            self._bound(session, entry.created)
        return rid

    def _bound(self, session: Session, now: float) -> None:
        """Drop expired rows, then the oldest beyond `size` or beyond `max_bytes` of Word files."""
        session.execute(delete(BatchResultRow).where(BatchResultRow.created < now - self.ttl))
        rows = session.execute(select(BatchResultRow.n, BatchResultRow.docx_size)
                               .order_by(BatchResultRow.n.desc())).all()
        drop, total = [], 0
        for n, (rid, size) in enumerate(rows):
            total += size
            if n >= self.size or (n > 0 and total > self.max_bytes):
                drop.append(rid)
        if drop:
            session.execute(delete(BatchResultRow).where(BatchResultRow.n.in_(drop)))

    def purge(self) -> int:
        """Delete expired results (and their Word files) now; return how many went."""
        self._last_purge = time.monotonic()
        with immediate(), Session(self.engine) as session, session.begin():
            gone = session.execute(delete(BatchResultRow).where(
                BatchResultRow.created < self.clock() - self.ttl))
        return int(gone.rowcount or 0)  # type: ignore[attr-defined]

    def maybe_purge(self) -> None:
        """Purge at most every PURGE_EVERY_SECONDS (called on requests)."""
        if time.monotonic() - self._last_purge >= PURGE_EVERY_SECONDS:
            self.purge()

    def get(self, rid: str) -> Stored | None:
        """The entry for `rid`, or None when unknown, expired or unreadable."""
        if len(rid) > 43:
            return None
        oldest = self.clock() - self.ttl
        with Session(self.engine) as session:
            created = session.scalar(select(BatchResultRow.created).where(
                BatchResultRow.token == rid, BatchResultRow.created >= oldest))
            if created is None:
                return None
            with self._lock:
                if rid in self._cache:
                    self._cache.move_to_end(rid)
                    return self._cache[rid]
            row = session.scalar(select(BatchResultRow).where(BatchResultRow.token == rid))
            if row is None:
                return None
            try:
                entry = Stored(self._decode(row.result), row.filename, row.docx, row.created)
            except Exception:  # written by another version or another key: treat as gone
                return None
        with self._lock:
            self._cache[rid] = entry
            while len(self._cache) > _CACHED:
                self._cache.popitem(last=False)
        return entry

    def __len__(self) -> int:
        """Number of live entries."""
        with Session(self.engine) as session:
            return session.scalar(select(func.count()).select_from(BatchResultRow).where(
                BatchResultRow.created >= self.clock() - self.ttl)) or 0


def purge_now_and_then() -> None:
    """Before any request: drop expired results, so Word files never outlive them for long."""
    store = current_app.extensions.get(_KEY)
    if store is not None:
        store.maybe_purge()


def get_store(app: Flask | None = None) -> ResultStore:
    """The app's result store in the app's database, from BATCH_STORE_SIZE / BATCH_STORE_TTL."""
    app = app or current_app._get_current_object()
    store = app.extensions.get(_KEY)
    if store is None:
        from web.database import app_engine

        with _create_lock:
            store = app.extensions.get(_KEY)
            if store is None:
                store = ResultStore(
                    int(app.config.get("BATCH_STORE_SIZE", 20)),
                    float(app.config.get("BATCH_STORE_TTL", 3600)),
                    max_bytes=int(app.config.get("BATCH_STORE_MAX_BYTES", 100_000_000)),
                    engine=app_engine(app), secret=app.config["SECRET_KEY"])
                app.extensions[_KEY] = store
    return store
