"""A progress bar on stderr for a terminal, a plain counter line per update otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Shows how many recommendations have been checked (of about how many)."""

    def __init__(self, total: int | None, *, stream: TextIO | None = None,
                 enabled: bool | None = None, bar: bool | None = None) -> None:
        """`enabled` defaults to stderr being a terminal; `bar` redraws one line in place."""
        self.stream = stream if stream is not None else sys.stderr
        tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = tty if enabled is None else enabled
        self.bar = tty if bar is None else bar
        self.total = total
        self.done = 0
        self.started = time.monotonic()

    def update(self, done: int) -> None:
        """Record `done` recommendations handled so far and redraw."""
        self.done = done
        if not self.enabled:
            return
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = done / elapsed
        if self.total:
            share = min(done / self.total, 1.0)
            left = (self.total - done) / rate if rate and done < self.total else 0
            filled = int(30 * share)
            line = (f"[{'#' * filled}{'.' * (30 - filled)}] {done:,}/{self.total:,} "
                    f"({share:.0%}) {rate:.0f}/s, {left:.0f} s left")
        else:
            line = f"{done:,} checked, {rate:.0f}/s"
        if self.bar:
            self.stream.write(f"\r{line}\033[K")
        else:
            self.stream.write(f"smartcheck: {line}\n")
        self.stream.flush()

    def close(self) -> None:
        """End the bar's line."""
        if self.enabled and self.bar:
            self.stream.write("\n")
            self.stream.flush()
