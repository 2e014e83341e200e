"""One shared engine per app: injected through config or built lazily, once, thread-safely."""

from __future__ import annotations

import threading
from typing import Any

from flask import Flask, current_app

_lock = threading.Lock()
_KEY = "smartcheck_engine"


def get_engine(app: Flask | None = None) -> Any:
    """Return the app's engine, building `smartcheck.Engine()` on first use."""
    app = app or current_app._get_current_object()
    injected = app.config.get("ENGINE")
    if injected is not None:
        return injected
    engine = app.extensions.get(_KEY)
    if engine is None:
        with _lock:  # double-checked: only one thread pays for loading the models
            engine = app.extensions.get(_KEY)
            if engine is None:
                from smartcheck import Engine

                engine = Engine()
                app.extensions[_KEY] = engine
    return engine


def engine_if_built(app: Flask | None = None) -> Any | None:
    """The engine if it exists already (never triggers a build)."""
    app = app or current_app._get_current_object()
    return app.config.get("ENGINE") or app.extensions.get(_KEY)


def start_background_build(app: Flask) -> threading.Thread:
    """Build the engine in a daemon thread so the server answers at once."""
    thread = threading.Thread(target=get_engine, args=(app,), name="engine-build", daemon=True)
    thread.start()
    return thread


def embedder_ready(engine: Any | None) -> bool | None:
    """Whether the engine's embedding model has loaded; None when unknown."""
    if engine is None:
        return False
    for name in ("embedder_ready", "embeddings_ready", "ready"):
        value = getattr(engine, name, None)
        if value is None:
            continue
        return bool(value() if callable(value) else value)
    return None
