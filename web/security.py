"""Security headers and the per-client limit on engine runs (a `web.limits` budget)."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, current_app, request

from web import limits

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "object-src 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


class TokenBucket:
    """Per-key token buckets: `rate` tokens a minute, bursts up to `rate`."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        """Start with an empty table; each new key gets a full bucket."""
        self.capacity = float(per_minute)
        self.refill = per_minute / 60.0
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Take one token for `key`; return 0 if allowed, else seconds until one is free."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.refill)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                if len(self._buckets) > 10_000:
                    self._forget_full(now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.refill

    def _forget_full(self, now: float) -> None:
        """Drop buckets that have refilled completely, so memory stays bounded."""
        for key, (tokens, last) in list(self._buckets.items()):
            if tokens + (now - last) * self.refill >= self.capacity:
                del self._buckets[key]


class RateLimited(limits.Limited):
    """Raised when a client has used up its engine runs; carries the wait in seconds."""

    def __init__(self, retry_after: float) -> None:
        """Remember how long the client should wait."""
        wait = max(1, round(retry_after))
        super().__init__("check", retry_after,
                         f"Too many checks from your network; try again in {wait} s.")


def take_token() -> None:
    """Count one engine run against the client's "check" budget; raise Limited when spent."""
    if current_app.extensions.get("smartcheck_ratelimit"):
        limits.spend("check")


def rate_limited(view: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate a view that runs the engine: count it against the client's bucket."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        take_token()
        return view(*args, **kwargs)

    return wrapper


def _add_headers(response: Response) -> Response:
    """Attach the security headers to every response."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.path.startswith("/api/") or response.mimetype == "text/html":
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def init_app(app: Flask) -> None:
    """Install the headers and, unless disabled, the rate limiter."""
    app.after_request(_add_headers)
    limits.init_app(app)
    per_minute = int(app.config.get("RATELIMIT_PER_MINUTE") or 0)
    app.extensions["smartcheck_ratelimit"] = bool(app.config.get("RATELIMIT_ENABLED")
                                                  and per_minute > 0)


__all__ = ["RateLimited", "TokenBucket", "init_app", "rate_limited", "take_token"]
