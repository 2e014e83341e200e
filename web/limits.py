"""Rate limits with separate budgets per purpose, counted in a pluggable counter store.

Each purpose (join-code misses, wrong facilitator keys, engine runs …) has its own budget, so
someone guessing codes behind a room's shared address uses up only the code budget: the
facilitator's correct key and the participants already in the room are never refused.

The counters live behind `CounterStore`; the default keeps them in this process. Several
server processes share limits by putting a database-backed store with the same two methods
in `app.extensions["smartcheck_counters"]`.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from flask import Flask, current_app, request

EXTENSION = "smartcheck_counters"


class CounterStore(Protocol):
    """Sliding-window hit counters keyed by (purpose, key)."""

    def hit(self, purpose: str, key: str, window_s: float) -> int:
        """Count within the window after adding this hit."""
        ...

    def reset(self, purpose: str, key: str) -> None:
        """Forget every hit of (purpose, key)."""
        ...


class MemoryCounterStore:
    """Counters in this process's memory (one server process); bounded under an address spray."""

    MAX_KEYS = 50_000

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        """Start empty."""
        self.clock = clock
        self._hits: dict[tuple[str, str], deque[float]] = {}
        self._windows: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def hit(self, purpose: str, key: str, window_s: float) -> int:
        """Record one hit and return how many hits (this one included) fall in the window."""
        now = self.clock()
        slot = (purpose, key)
        with self._lock:
            times = self._hits.setdefault(slot, deque())
            self._windows[slot] = window_s
            while times and times[0] <= now - window_s:
                times.popleft()
            times.append(now)
            if len(self._hits) > self.MAX_KEYS:
                self._forget_idle(now)
            return len(times)

    def reset(self, purpose: str, key: str) -> None:
        """Forget every hit of (purpose, key)."""
        with self._lock:
            self._hits.pop((purpose, key), None)
            self._windows.pop((purpose, key), None)

    def _forget_idle(self, now: float) -> None:
        """Drop counters whose hits have all left their window."""
        for slot, times in list(self._hits.items()):
            if not times or times[-1] <= now - self._windows.get(slot, 0.0):
                del self._hits[slot]
                self._windows.pop(slot, None)


@dataclass(frozen=True)
class Budget:
    """At most `limit` hits per `window_s` seconds, and what to tell the client after that."""

    limit: int
    window_s: float
    message: str


# purpose → (config key of the limit, config key of the window, message)
PURPOSES: dict[str, tuple[str, str, str]] = {
    # Unknown join codes, counted on every route that takes a code.
    "code-miss": ("WORKSHOP_JOIN_FAILURES", "WORKSHOP_JOIN_WINDOW_SECONDS",
                  "Too many wrong codes from your network. Try again in {wait} s."),
    # Every code request that carries no credential for it (join attempts, stray page loads).
    # Generous, so a room of people joining from one address fits; it caps guessing even for
    # a client that has run out of misses.
    "code": ("WORKSHOP_CODE_LOOKUPS", "WORKSHOP_JOIN_WINDOW_SECONDS",
             "Too many workshop codes tried from your network. Try again in {wait} s."),
    # Wrong facilitator keys on any host route; the right key is never counted or refused.
    "host-key": ("WORKSHOP_KEY_FAILURES", "WORKSHOP_JOIN_WINDOW_SECONDS",
                 "Too many wrong facilitator keys from your network. Try again in {wait} s."),
    # Engine runs (drafting, API, uploads, workshop checks).
    "check": ("RATELIMIT_PER_MINUTE", "RATELIMIT_WINDOW_SECONDS",
              "Too many checks from your network; try again in {wait} s."),
}
DEFAULTS = {
    "WORKSHOP_JOIN_FAILURES": 30,
    "WORKSHOP_JOIN_WINDOW_SECONDS": 300,
    "WORKSHOP_CODE_LOOKUPS": 300,
    "WORKSHOP_KEY_FAILURES": 10,
    "RATELIMIT_WINDOW_SECONDS": 60,
}


class Limited(Exception):
    """A client has used up one purpose's budget; carries the wait and the message."""

    def __init__(self, purpose: str, retry_after: float, message: str) -> None:
        """Remember which budget ran out, how long to wait and what to say."""
        super().__init__(message)
        self.purpose = purpose
        self.retry_after = retry_after
        self.message = message


def counters(app: Flask | None = None) -> CounterStore:
    """The app's counter store (`app.extensions["smartcheck_counters"]`)."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    return app.extensions[EXTENSION]


def budget(purpose: str, app: Flask | None = None) -> Budget:
    """The configured budget of a purpose."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    limit_key, window_key, message = PURPOSES[purpose]
    limit = app.config.get(limit_key, DEFAULTS.get(limit_key, 0))
    window = app.config.get(window_key, DEFAULTS.get(window_key, 60))
    return Budget(int(limit or 0), float(window or 60), message)


def client() -> str:
    """The address a client's hits are counted against."""
    return request.remote_addr or "unknown"


def count(purpose: str, key: str | None = None) -> bool:
    """Count one hit of `purpose` for the client; True while it is within the budget."""
    rule = budget(purpose)
    if rule.limit <= 0:
        return True
    return counters().hit(purpose, key or client(), rule.window_s) <= rule.limit


def refuse(purpose: str) -> Limited:
    """The Limited error for a purpose, with its window as the wait."""
    rule = budget(purpose)
    wait = max(1, round(rule.window_s))
    return Limited(purpose, wait, rule.message.format(wait=wait))


def spend(purpose: str, key: str | None = None) -> None:
    """Count one hit of `purpose`; raise Limited once the client is over its budget."""
    if not count(purpose, key):
        raise refuse(purpose)


def init_app(app: Flask) -> None:
    """Fill in budget defaults and install the in-process store unless one was given."""
    for name, value in DEFAULTS.items():
        app.config.setdefault(name, value)
    app.extensions.setdefault(EXTENSION, MemoryCounterStore())


__all__ = ["Budget", "CounterStore", "Limited", "MemoryCounterStore", "count", "counters",
           "init_app", "refuse", "spend"]
