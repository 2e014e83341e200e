"""The workshop tables: workshops, their exercise snapshots, participants, drafts, submissions."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

STATES = ("waiting", "running", "paused", "ended")


def utcnow() -> datetime:
    """The current time in UTC (naive, as SQLite stores it)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Declarative base of the workshop tables (their own metadata, prefixed `workshop_`)."""


class Workshop(Base):
    """One workshop: its join code, the hash of the facilitator key and where it is up to."""

    __tablename__ = "workshop_workshops"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True, index=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    set_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    state: Mapped[str] = mapped_column(String(10), default="waiting")
    current_index: Mapped[int] = mapped_column(Integer, default=0)
    spotlight_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    exercises: Mapped[list[Exercise]] = relationship(
        back_populates="workshop",
        order_by="Exercise.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    participants: Mapped[list[Participant]] = relationship(
        back_populates="workshop", cascade="all, delete-orphan", passive_deletes=True
    )
    host_sessions: Mapped[list[HostSession]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def current(self) -> Exercise | None:
        """The exercise the room is on."""
        if 0 <= self.current_index < len(self.exercises):
            return self.exercises[self.current_index]
        return None


class Exercise(Base):
    """A snapshot of one exercise, copied into the workshop so later edits to sets don't leak in."""

    __tablename__ = "workshop_exercises"
    __table_args__ = (UniqueConstraint("workshop_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_workshops.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    slug: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200))
    weak: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(200), default="")
    issue: Mapped[str] = mapped_column(String(200), default="")
    facts: Mapped[str] = mapped_column(Text, default="")
    focus: Mapped[list[str]] = mapped_column(JSON, default=list)
    model_answer: Mapped[str] = mapped_column(Text, default="")
    reasoning: Mapped[str] = mapped_column(Text, default="")
    hints: Mapped[list[str]] = mapped_column(JSON, default=list)
    ladder: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [[category, text], ...]
    # Summary of the weak recommendation's report: every participant's "before".
    weak_scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    revealed: Mapped[bool] = mapped_column(Boolean, default=False)

    workshop: Mapped[Workshop] = relationship(back_populates="exercises")


class Participant(Base):
    """Someone who joined with the code; identified by a random token kept in their session."""

    __tablename__ = "workshop_participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_workshops.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)  # "Participant 7" on the anonymous board
    name: Mapped[str] = mapped_column(String(40))
    token_hash: Mapped[str] = mapped_column(String(64))
    joined_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    workshop: Mapped[Workshop] = relationship(back_populates="participants")


class Draft(Base):
    """A participant's latest unsubmitted text for one exercise (saved as they type)."""

    __tablename__ = "workshop_drafts"
    __table_args__ = (UniqueConstraint("participant_id", "exercise_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_participants.id", ondelete="CASCADE"), index=True
    )
    exercise_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_exercises.id", ondelete="CASCADE")
    )
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Submission(Base):
    """One submitted rewrite; every submission is kept, the latest per participant counts."""

    __tablename__ = "workshop_submissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_participants.id", ondelete="CASCADE"), index=True
    )
    exercise_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_exercises.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    before: Mapped[dict[str, Any]] = mapped_column(JSON)
    after: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    participant: Mapped[Participant] = relationship()
    exercise: Mapped[Exercise] = relationship()


class HostSession(Base):
    """A facilitator's signed-in browser: the cookie holds only a random id, the key stays here.

    The key is kept (not just its hash) so the controls can show the facilitator's secret link
    again; it never leaves the server except on those pages.
    """

    __tablename__ = "workshop_host_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_workshops.id", ondelete="CASCADE"), index=True
    )
    sid_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    key: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
