"""The access log: one line per request for operators, with no recommendation text in it.

A line is `time client "METHOD path" status bytes duration`. The query string is never
written (drafts travel in it, and so does a facilitator's key), nor bodies, headers, referrers
or user agents; a checked file's result id is cut to a prefix that cannot open the report.
"""

from __future__ import annotations

import re
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from typing import IO, Any
from urllib.parse import quote

from flask import Flask

_RESULT_ID = re.compile(r"(/check-file/r/)([A-Za-z0-9_-]{6})[A-Za-z0-9_-]*")
_SAFE = "/-_.~:@!$&'()*+,;="


def log_path(environ: dict[str, Any]) -> str:
    """The request path as logged: quoted, without the query, result ids shortened."""
    path = (environ.get("SCRIPT_NAME") or "") + (environ.get("PATH_INFO") or "/")
    path = quote(path.encode("latin-1", "replace"), safe=_SAFE)[:300]
    return _RESULT_ID.sub(r"\1\2…", path)


class AccessLog:
    """WSGI middleware writing one line per finished request to a text stream."""

    def __init__(self, app: Callable[..., Iterable[bytes]], stream: IO[str]) -> None:
        """Wrap `app`; write to `stream` (a file opened for appending, or stderr)."""
        self.app, self.stream = app, stream
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        """Serve the request, then log it when its body has been sent."""
        started = time.perf_counter()
        seen: dict[str, Any] = {"status": "-"}

        def recording_start(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
            seen["status"] = status.split(" ", 1)[0]
            return start_response(status, headers, *args)

        try:
            body = self.app(environ, recording_start)
        except BaseException:
            seen["status"] = "500"
            self._write(environ, seen["status"], 0, started)
            raise
        return self._logged(body, environ, seen, started)

    def _logged(self, body: Iterable[bytes], environ: dict[str, Any], seen: dict[str, Any],
                started: float) -> _Body:
        """The body, passed through; the line is written when the server closes it."""
        return _Body(body, lambda sent: self._write(environ, seen["status"], sent, started))

    def _write(self, environ: dict[str, Any], status: str, sent: int, started: float) -> None:
        """Write one line."""
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        method = re.sub(r"[^A-Z]", "", str(environ.get("REQUEST_METHOD", "-")))[:10]
        client = re.sub(r"[^0-9A-Fa-f:.]", "", str(environ.get("REMOTE_ADDR") or "-"))[:45]
        line = (f'{stamp} {client or "-"} "{method} {log_path(environ)}" {status} {sent} '
                f"{(time.perf_counter() - started) * 1000:.1f}ms\n")
        with self._lock:
            try:
                self.stream.write(line)
                self.stream.flush()
            except (OSError, ValueError):  # a full disk or closed stream must not fail requests
                pass


class _Body:
    """A response body that counts its bytes and reports once, when closed."""

    def __init__(self, body: Iterable[bytes], done: Callable[[int], None]) -> None:
        """Wrap `body`; call `done(bytes sent)` on close."""
        self.body, self.done, self.sent, self.closed = body, done, 0, False

    def __iter__(self) -> Iterator[bytes]:
        """Yield the chunks, counting them."""
        for chunk in self.body:
            self.sent += len(chunk)
            yield chunk

    def close(self) -> None:
        """Close the wrapped body (WSGI requires it), then write the line."""
        if self.closed:
            return
        self.closed = True
        try:
            close = getattr(self.body, "close", None)
            if close is not None:
                close()
        finally:
            self.done(self.sent)


def init_app(app: Flask) -> None:
    """Log every request when ACCESS_LOG is set: "-" for stderr, or a file to append to."""
    target = app.config.get("ACCESS_LOG")
    if not target:
        return
    if target == "-":
        stream: IO[str] = sys.stderr
    elif hasattr(target, "write"):
        stream = target
    else:
        stream = open(target, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 - app-long
    app.wsgi_app = AccessLog(app.wsgi_app, stream)  # type: ignore[method-assign]


__all__ = ["AccessLog", "init_app", "log_path"]
