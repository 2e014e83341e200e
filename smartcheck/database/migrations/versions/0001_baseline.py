"""Baseline: the workshop and corpus tables as create_all made them before migrations.

A database made by an earlier version (tables, no alembic_version) keeps its data: each table
is created only when missing, then the database is stamped with this revision.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

CASCADE = {"ondelete": "CASCADE"}


def _missing(name: str) -> bool:
    """True when the table is not in the database yet."""
    return not sa.inspect(op.get_bind()).has_table(name)


def upgrade() -> None:
    """Create the workshop and corpus tables that do not exist yet."""
    if _missing("workshop_workshops"):
        op.create_table(
            "workshop_workshops",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("code", sa.String(12), nullable=False),
            sa.Column("key_hash", sa.String(64), nullable=False),
            sa.Column("title", sa.String(200), nullable=False),
            sa.Column("set_id", sa.String(100), nullable=True),
            sa.Column("state", sa.String(10), nullable=False),
            sa.Column("current_index", sa.Integer(), nullable=False),
            sa.Column("spotlight_id", sa.Integer(), nullable=True),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
        )
        op.create_index("ix_workshop_workshops_code", "workshop_workshops", ["code"],
                        unique=True)
        op.create_index("ix_workshop_workshops_created_at", "workshop_workshops",
                        ["created_at"])
    if _missing("workshop_exercises"):
        op.create_table(
            "workshop_exercises",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("workshop_id", sa.Integer(),
                      sa.ForeignKey("workshop_workshops.id", **CASCADE), nullable=False),
            sa.Column("position", sa.Integer(), nullable=False),
            sa.Column("slug", sa.String(100), nullable=False),
            sa.Column("title", sa.String(200), nullable=False),
            sa.Column("weak", sa.Text(), nullable=False),
            sa.Column("state", sa.String(200), nullable=False),
            sa.Column("issue", sa.String(200), nullable=False),
            sa.Column("facts", sa.Text(), nullable=False),
            sa.Column("focus", sa.JSON(), nullable=False),
            sa.Column("model_answer", sa.Text(), nullable=False),
            sa.Column("reasoning", sa.Text(), nullable=False),
            sa.Column("hints", sa.JSON(), nullable=False),
            sa.Column("ladder", sa.JSON(), nullable=False),
            sa.Column("weak_scores", sa.JSON(), nullable=False),
            sa.Column("revealed", sa.Boolean(), nullable=False),
            sa.UniqueConstraint("workshop_id", "position"),
        )
        op.create_index("ix_workshop_exercises_workshop_id", "workshop_exercises",
                        ["workshop_id"])
    if _missing("workshop_participants"):
        op.create_table(
            "workshop_participants",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("workshop_id", sa.Integer(),
                      sa.ForeignKey("workshop_workshops.id", **CASCADE), nullable=False),
            sa.Column("number", sa.Integer(), nullable=False),
            sa.Column("name", sa.String(40), nullable=False),
            sa.Column("token_hash", sa.String(64), nullable=False),
            sa.Column("joined_at", sa.DateTime(), nullable=False),
        )
        op.create_index("ix_workshop_participants_workshop_id", "workshop_participants",
                        ["workshop_id"])
    if _missing("workshop_drafts"):
        op.create_table(
            "workshop_drafts",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("participant_id", sa.Integer(),
                      sa.ForeignKey("workshop_participants.id", **CASCADE), nullable=False),
            sa.Column("exercise_id", sa.Integer(),
                      sa.ForeignKey("workshop_exercises.id", **CASCADE), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.UniqueConstraint("participant_id", "exercise_id"),
        )
        op.create_index("ix_workshop_drafts_participant_id", "workshop_drafts",
                        ["participant_id"])
    if _missing("workshop_submissions"):
        op.create_table(
            "workshop_submissions",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("participant_id", sa.Integer(),
                      sa.ForeignKey("workshop_participants.id", **CASCADE), nullable=False),
            sa.Column("exercise_id", sa.Integer(),
                      sa.ForeignKey("workshop_exercises.id", **CASCADE), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("before", sa.JSON(), nullable=False),
            sa.Column("after", sa.JSON(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
        )
        op.create_index("ix_workshop_submissions_participant_id", "workshop_submissions",
                        ["participant_id"])
        op.create_index("ix_workshop_submissions_exercise_id", "workshop_submissions",
                        ["exercise_id"])
    if _missing("recommendations"):
        op.create_table(
            "recommendations",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("row_hash", sa.String(40), nullable=False, unique=True),
            sa.Column("text_hash", sa.String(40), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("state_under_review", sa.String(200), nullable=False),
            sa.Column("recommending_state", sa.String(500), nullable=False),
            sa.Column("session", sa.Integer(), nullable=True),
            sa.Column("cycle", sa.Integer(), nullable=True),
            sa.Column("response", sa.String(40), nullable=False),
            sa.Column("action", sa.Integer(), nullable=True),
            sa.Column("issues", sa.Text(), nullable=False),
            sa.Column("source", sa.String(300), nullable=False),
            sa.Column("source_id", sa.String(100), nullable=False),
        )
        op.create_index("ix_recommendations_text_hash", "recommendations", ["text_hash"])
        op.create_index("ix_recommendations_state_under_review", "recommendations",
                        ["state_under_review"])
    if _missing("vectors"):
        op.create_table(
            "vectors",
            sa.Column("text_hash", sa.String(40), primary_key=True),
            sa.Column("model", sa.String(100), nullable=False),
            sa.Column("vector", sa.LargeBinary(), nullable=False),
        )


def downgrade() -> None:
    """Drop the baseline tables (all data in them goes)."""
    for name in ("workshop_submissions", "workshop_drafts", "workshop_participants",
                 "workshop_exercises", "workshop_workshops", "vectors", "recommendations"):
        op.drop_table(name)
