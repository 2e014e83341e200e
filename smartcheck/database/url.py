"""Which database: the URL from an argument, $SMARTCHECK_DATABASE_URL or the default SQLite file.

Standard library only: the engine asks whether a corpus exists before anything imports
SQLAlchemy (0.4-0.9 s of a cold start), see smartcheck.corpus.presence.
"""

from __future__ import annotations

import os
from pathlib import Path

from smartcheck.resources import default_db_url

ENV_URL = "SMARTCHECK_DATABASE_URL"


def database_url(explicit: str | None = None) -> str:
    """`explicit`, else $SMARTCHECK_DATABASE_URL, else the SQLite file in the data directory."""
    return (explicit or "").strip() or os.environ.get(ENV_URL, "").strip() or default_db_url()


def normalise_url(url: str) -> str:
    """PostgreSQL URLs use psycopg 3 (the driver installed), whatever scheme they were given."""
    for prefix in ("postgres://", "postgresql://", "postgresql+psycopg2://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def is_sqlite(url: str) -> bool:
    """True for an SQLite URL."""
    return url.startswith("sqlite")


def sqlite_file(url: str) -> Path | None:
    """The file of a plain `sqlite:///PATH` URL; None for memory, options or other databases."""
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if url.startswith(prefix):
            path = url[len(prefix):]
            if not path or path == ":memory:" or "?" in path or path.startswith("file:"):
                return None
            return Path(path)
    return None
