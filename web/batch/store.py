"""The last batch results, kept in memory under random ids: bounded in number and in age."""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app

_KEY = "smartcheck_batch_store"
_create_lock = threading.Lock()


@dataclass
class Stored:
    """One checked file: the BatchResult and, for Word files, the original bytes to annotate."""

    result: Any
    filename: str
    docx: bytes | None = None
    created: float = field(default_factory=time.monotonic)


class ResultStore:
    """An LRU map id → Stored that forgets entries beyond `size` or older than `ttl` seconds."""

    def __init__(self, size: int = 20, ttl: float = 3600.0,
                 clock: Callable[[], float] = time.monotonic,
                 max_bytes: int = 100_000_000) -> None:
        """Keep at most `size` results (and `max_bytes` of kept Word files), for `ttl` s each."""
        self.size, self.ttl, self.clock, self.max_bytes = size, ttl, clock, max_bytes
        self._data: OrderedDict[str, Stored] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, entry: Stored) -> str:
        """Store an entry under a new unguessable id and return the id."""
        rid = secrets.token_urlsafe(16)
        entry.created = self.clock()
        with self._lock:
            self._expire()
            self._data[rid] = entry
            while len(self._data) > self.size or (
                    len(self._data) > 1 and self._bytes() > self.max_bytes):
                self._data.popitem(last=False)
        return rid

    def get(self, rid: str) -> Stored | None:
        """The entry for `rid`, or None when unknown or expired."""
        with self._lock:
            self._expire()
            entry = self._data.get(rid)
            if entry is not None:
                self._data.move_to_end(rid)
            return entry

    def __len__(self) -> int:
        """Number of live entries."""
        with self._lock:
            self._expire()
            return len(self._data)

    def _bytes(self) -> int:
        return sum(len(e.docx or b"") for e in self._data.values())

    def _expire(self) -> None:
        now = self.clock()
        for rid in [r for r, e in self._data.items() if now - e.created > self.ttl]:
            del self._data[rid]


def get_store(app: Flask | None = None) -> ResultStore:
    """The app's result store, created on first use from BATCH_STORE_SIZE / BATCH_STORE_TTL."""
    app = app or current_app._get_current_object()
    store = app.extensions.get(_KEY)
    if store is None:
        with _create_lock:
            store = app.extensions.setdefault(_KEY, ResultStore(
                int(app.config.get("BATCH_STORE_SIZE", 20)),
                float(app.config.get("BATCH_STORE_TTL", 3600)),
                max_bytes=int(app.config.get("BATCH_STORE_MAX_BYTES", 100_000_000))))
    return store
