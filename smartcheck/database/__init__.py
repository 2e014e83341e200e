"""The database everything persistent lives in: its URL, engines and Alembic migrations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from smartcheck.database.url import ENV_URL, database_url, is_sqlite, normalise_url

if TYPE_CHECKING:
    from smartcheck.database.engine import immediate, make_engine, safe_url
    from smartcheck.database.migrate import (
        current_revision,
        ensure_schema,
        head_revision,
        upgrade,
    )

__all__ = [
    "ENV_URL",
    "current_revision",
    "database_url",
    "ensure_schema",
    "head_revision",
    "immediate",
    "is_sqlite",
    "make_engine",
    "normalise_url",
    "safe_url",
    "upgrade",
]
_ENGINE = {"immediate", "make_engine", "safe_url"}
_MIGRATE = {"current_revision", "ensure_schema", "head_revision", "upgrade"}


def __getattr__(name: str) -> Any:
    """Import the SQLAlchemy and Alembic halves on first use of one of their names."""
    # `url` is standard library only: a `smartcheck check` that needs no database never pays
    # for importing SQLAlchemy and Alembic (~1 s of a cold start).
    if name in _ENGINE:
        from smartcheck.database import engine

        return getattr(engine, name)
    if name in _MIGRATE:
        from smartcheck.database import migrate

        return getattr(migrate, name)
    raise AttributeError(f"module 'smartcheck.database' has no attribute {name!r}")
