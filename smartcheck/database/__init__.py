"""The database everything persistent lives in: its URL, engines and Alembic migrations."""

from smartcheck.database.engine import (
    ENV_URL,
    database_url,
    immediate,
    is_sqlite,
    make_engine,
    normalise_url,
    safe_url,
)
from smartcheck.database.migrate import current_revision, ensure_schema, head_revision, upgrade

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
