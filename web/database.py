"""The app's database: one engine per app, opened on first use with its migrations applied."""

from __future__ import annotations

import os
import threading

from flask import Flask, current_app
from sqlalchemy.engine import Engine

from smartcheck.database import ENV_URL, database_url, ensure_schema, make_engine

_EXTENSION = "smartcheck_database"
_lock = threading.Lock()


def app_database_url(app: Flask) -> str:
    """DATABASE_URL from the app config, else $SMARTCHECK_DATABASE_URL, else the default file."""
    return database_url(app.config.get("DATABASE_URL"))


def names_a_database(app: Flask) -> bool:
    """True when the operator chose the database (config or environment), not the default."""
    return bool((app.config.get("DATABASE_URL") or os.environ.get(ENV_URL, "")).strip())


def app_engine(app: Flask | None = None) -> Engine:
    """The app's engine, created (and the schema migrated) on first use."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    engine = app.extensions.get(_EXTENSION)
    if engine is None:
        with _lock:
            engine = app.extensions.get(_EXTENSION)
            if engine is None:
                engine = make_engine(app_database_url(app))
                ensure_schema(engine)
                app.extensions[_EXTENSION] = engine
    return engine


__all__ = ["app_database_url", "app_engine", "names_a_database"]
