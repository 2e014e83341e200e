"""Whether a corpus has been imported, asked without SQLAlchemy, and who to tell when it changes.

A live check looks for similar recommendations; on a machine with no imported corpus (the
laptop default) that means the team's exemplars, and opening the store through SQLAlchemy
and Alembic only to find it empty cost ~1 s of the first answer. An SQLite file is asked
directly (read-only, never created); any other database goes through the store.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from smartcheck.database.url import database_url, sqlite_file

_listeners: list[Callable[[str | None], None]] = []


def has_rows(url: str | None = None) -> bool | None:
    """False when the corpus is surely empty, True when it has rows, None when unknown."""
    path = sqlite_file(database_url(url))
    if path is None:
        return None
    if not path.exists():
        return False
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        table = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                   "AND name = 'recommendations'").fetchone()
        if table is None:
            return False
        return connection.execute("SELECT 1 FROM recommendations LIMIT 1").fetchone() is not None
    except sqlite3.Error:  # locked, damaged, not a database: let the store say what is wrong
        return None
    finally:
        connection.close()


def on_change(listener: Callable[[str | None], None]) -> None:
    """Call `listener(url)` whenever an import changes the store (e.g. to drop a cache)."""
    if listener not in _listeners:
        _listeners.append(listener)


def changed(url: str | None) -> None:
    """Tell every listener (the similar-search cache) that the corpus changed."""
    for listener in list(_listeners):
        listener(url)
