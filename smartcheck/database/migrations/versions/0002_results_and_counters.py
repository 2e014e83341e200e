"""Checked-file results (out of process memory) and rate-limit counters shared by processes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create batch_results and rate_counters."""
    op.create_table(
        "batch_results",
        sa.Column("n", sa.Integer(), primary_key=True),
        sa.Column("token", sa.String(43), nullable=False, unique=True),
        sa.Column("filename", sa.String(300), nullable=False),
        sa.Column("created", sa.Float(), nullable=False),
        sa.Column("docx_size", sa.Integer(), nullable=False),
        sa.Column("result", sa.LargeBinary(), nullable=False),
        sa.Column("docx", sa.LargeBinary(), nullable=True),
    )
    op.create_index("ix_batch_results_created", "batch_results", ["created"])
    op.create_table(
        "rate_counters",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("purpose", sa.String(40), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
    )
    op.create_index("ix_rate_counters_lookup", "rate_counters", ["purpose", "key", "at"])
    op.create_index("ix_rate_counters_at", "rate_counters", ["at"])


def downgrade() -> None:
    """Drop them."""
    op.drop_table("rate_counters")
    op.drop_table("batch_results")
