"""Alembic migrations of smartcheck's database (env.py and versions/).

Adding a table or column (e.g. a server-side facilitator-session table in
web/workshop/models.py):
1. change the model;
2. copy versions/0002_results_and_counters.py to versions/0003_<what>.py, set
   `revision = "0003"` and `down_revision = "0002"`, and write `upgrade()` / `downgrade()` with
   `op.create_table`, `op.add_column` … (SQLite runs them in batch mode, see env.py);
3. a new model base must be listed in tests/test_database.py's `models_metadata()`.
tests/test_database.py::test_migrations_build_exactly_the_mapped_schema then fails until the
migration builds exactly what the models map, on SQLite and on PostgreSQL.
"""
