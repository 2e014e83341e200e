"""Security headers and the per-client limit on engine runs (a `web.limits` budget)."""

from __future__ import annotations

import functools
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


__all__ = ["RateLimited", "init_app", "rate_limited", "take_token"]
