"""Alembic's environment: migrate the connection handed over by smartcheck.database.migrate."""

from __future__ import annotations

from alembic import context

from smartcheck.database.engine import make_engine

config = context.config
connection = config.attributes.get("connection")


def _run(conn: object) -> None:
    """Run the pending migrations on one connection."""
    context.configure(
        connection=conn,
        target_metadata=None,
        # SQLite cannot ALTER most things: later migrations rebuild tables in batch mode.
        render_as_batch=conn.dialect.name == "sqlite",  # type: ignore[attr-defined]
    )
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:  # the `alembic` command line, with sqlalchemy.url set in its own config
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()
