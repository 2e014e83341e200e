"""Alembic migrations, run in code: on start (`ensure_schema`) and by `smartcheck db upgrade`."""

from __future__ import annotations

import functools
import threading
import time
import weakref
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from smartcheck.database.engine import immediate, make_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# pg_advisory_xact_lock key: processes starting together on one PostgreSQL migrate one by one.
LOCK_KEY = 0x5C0DB
_checked: weakref.WeakSet[Engine] = weakref.WeakSet()
_lock = threading.Lock()


def _config() -> object:
    """An Alembic Config for the package's migrations (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@functools.lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest migration's revision id."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(target: Engine | str) -> str | None:
    """The revision the database is at (None: never migrated)."""
    from alembic.runtime.migration import MigrationContext

    engine = target if isinstance(target, Engine) else make_engine(target)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        if engine is not target:
            engine.dispose()


def upgrade(target: Engine | str, revision: str = "head") -> None:
    """Apply every migration up to `revision`, in one transaction, one process at a time."""
    from alembic import command

    engine = target if isinstance(target, Engine) else make_engine(target)
    config = _config()
    try:
        for attempt in range(5):
            try:
                # SQLite: BEGIN IMMEDIATE holds the write lock; PostgreSQL: an advisory lock.
                # Either way a second process waits, then finds the schema already at head.
                with immediate(), engine.begin() as connection:
                    if connection.dialect.name == "postgresql":
                        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                           {"key": LOCK_KEY})
                    config.attributes["connection"] = connection
                    command.upgrade(config, revision)
                return
            except OperationalError as error:
                # A brand-new SQLite file switching to WAL can refuse a second connection once
                # without waiting; it succeeds on the next try.
                if "locked" not in str(error) or attempt == 4:
                    raise
                time.sleep(0.2 * (attempt + 1))
    finally:
        if engine is not target:
            engine.dispose()


@functools.lru_cache(maxsize=1)
def known_revisions() -> frozenset[str]:
    """Every revision id this version's migrations know."""
    from alembic.script import ScriptDirectory

    return frozenset(s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions())


def ensure_schema(engine: Engine) -> None:
    """Bring the database to the newest schema, once per engine and process."""
    with _lock:
        if engine in _checked:
            return
        current = current_revision(engine)
        if current is not None and current not in known_revisions():
            raise RuntimeError(
                f"the database is at schema revision {current}, which this version of "
                f"smartcheck does not know (its newest is {head_revision()}): install the "
                "version that upgraded it")
        if current != head_revision():
            upgrade(engine)
        _checked.add(engine)
