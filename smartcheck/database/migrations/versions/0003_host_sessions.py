"""Facilitator host sessions: the cookie holds a random id, the key stays in the database.

A database made before migrations by a version that already had the table (create_all)
keeps it: the table is created only when missing.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create workshop_host_sessions."""
    if sa.inspect(op.get_bind()).has_table("workshop_host_sessions"):
        return
    op.create_table(
        "workshop_host_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("workshop_id", sa.Integer(),
                  sa.ForeignKey("workshop_workshops.id", ondelete="CASCADE"), nullable=False),
        sa.Column("sid_hash", sa.String(64), nullable=False),
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_workshop_host_sessions_workshop_id", "workshop_host_sessions",
                    ["workshop_id"])
    op.create_index("ix_workshop_host_sessions_sid_hash", "workshop_host_sessions",
                    ["sid_hash"], unique=True)


def downgrade() -> None:
    """Drop it."""
    op.drop_table("workshop_host_sessions")
