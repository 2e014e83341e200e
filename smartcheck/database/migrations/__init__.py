"""Alembic migrations of smartcheck's database (env.py and versions/)."""
