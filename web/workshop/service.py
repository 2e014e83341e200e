"""What a workshop can do: create, join, draft, submit, facilitator actions, board, export."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from web.workshop import codes
from web.workshop.models import (
    Draft,
    Exercise,
    HostSession,
    Participant,
    Submission,
    Workshop,
    utcnow,
)
from web.workshop.scores import Row, criterion_chart, histogram, summarise, weaknesses
from web.workshop.sets import ExerciseSpec
from web.workshop.store import Store

ACTIONS = ("start", "pause", "resume", "next", "prev", "reveal", "hide", "spotlight",
           "unspotlight", "end")
NAME_MAX = 40


class WorkshopError(Exception):
    """A request the workshop cannot accept; the message is shown to the person."""

    def __init__(self, message: str, status: int = 400) -> None:
        """Keep the HTTP status with the message."""
        super().__init__(message)
        self.status = status


def exercise_context(exercise: Exercise | ExerciseSpec) -> dict[str, Any] | None:
    """The engine context for an exercise: its State (the rewrite suggestions use it)."""
    context = {k: v for k, v in (("state", exercise.state), ("issue", exercise.issue)) if v}
    return context or None


def _exercise_row(spec: ExerciseSpec, position: int, weak_scores: dict[str, Any]) -> Exercise:
    """An Exercise snapshot from a spec."""
    return Exercise(
        position=position,
        slug=spec.slug,
        title=spec.title,
        weak=spec.weak,
        state=spec.state,
        issue=spec.issue,
        facts=spec.facts,
        focus=list(spec.focus),
        model_answer=spec.model_answer,
        reasoning=spec.reasoning,
        hints=list(spec.hints),
        ladder=[list(rung) for rung in spec.ladder],
        weak_scores=weak_scores,
        revealed=False,
    )


def create_workshop(
    store: Store, engine: Any, title: str, specs: list[ExerciseSpec], set_id: str | None = None
) -> tuple[Workshop, str]:
    """A new workshop with its exercises scored; returns it and the facilitator key (once)."""
    if not specs:
        raise WorkshopError("A workshop needs at least one exercise.")
    befores = [summarise(engine.check(spec.weak, context=exercise_context(spec))) for spec in specs]
    key = codes.new_key()
    for _attempt in range(20):
        code = codes.new_code()
        try:
            with store.write() as session:
                workshop = Workshop(code=code, key_hash=codes.hash_secret(key),
                                    title=title[:200], set_id=set_id)
                workshop.exercises = [
                    _exercise_row(spec, i, before)
                    for i, (spec, before) in enumerate(zip(specs, befores, strict=True))
                ]
                session.add(workshop)
            return workshop, key
        except IntegrityError:  # the code is taken: draw another
            continue
    raise WorkshopError("Could not find a free join code; try again.", 503)


def add_exercise(store: Store, engine: Any, workshop_id: int, spec: ExerciseSpec) -> int:
    """Append an ad-hoc exercise to a workshop; return its position."""
    before = summarise(engine.check(spec.weak, context=exercise_context(spec)))
    with store.write() as session:
        _lock_workshop(session, workshop_id)  # positions stay unique across processes
        count = session.scalar(
            select(func.count()).select_from(Exercise).where(Exercise.workshop_id == workshop_id)
        ) or 0
        exercise = _exercise_row(spec, count, before)
        exercise.workshop_id = workshop_id
        session.add(exercise)
        return count


def _lock_workshop(session: Session, workshop_id: int) -> None:
    """Hold the workshop's row until commit (PostgreSQL; SQLite's writers queue already)."""
    session.execute(select(Workshop.id).where(Workshop.id == workshop_id).with_for_update())


def find(session: Session, code: str) -> Workshop | None:
    """The workshop with this (normalised) join code."""
    code = codes.normalise_code(code)
    if not codes.is_well_formed(code):
        return None
    return session.scalar(select(Workshop).where(Workshop.code == code))


def clean_name(raw: str) -> str:
    """A display name: single-spaced, printable, at most NAME_MAX characters."""
    name = " ".join("".join(ch for ch in (raw or "") if ch.isprintable()).split())
    return name[:NAME_MAX]


def join(store: Store, code: str, name: str) -> tuple[Participant, str]:
    """Add a participant to the workshop; returns them and their secret token."""
    name = clean_name(name)
    if not name:
        raise WorkshopError("Type a name so the facilitator can greet you (a first name is fine).")
    token = codes.new_key()
    with store.write() as session:
        workshop = find(session, code)
        if workshop is None:
            raise WorkshopError("There is no workshop with that code. Check it with your "
                                "facilitator.", 404)
        if workshop.state == "ended":
            raise WorkshopError("This workshop has ended.", 410)
        # Joins to one workshop queue on its row, so two processes never hand out the same
        # number (SQLite's BEGIN IMMEDIATE already serialises them; FOR UPDATE does on PostgreSQL).
        _lock_workshop(session, workshop.id)
        number = (session.scalar(
            select(func.max(Participant.number)).where(Participant.workshop_id == workshop.id)
        ) or 0) + 1
        participant = Participant(workshop_id=workshop.id, number=number, name=name,
                                  token_hash=codes.hash_secret(token))
        session.add(participant)
    return participant, token


def credential(participant: Participant, token: str) -> str:
    """What the participant's session keeps: their id and secret token."""
    return f"{participant.id}.{token}"


def participant_for(session: Session, workshop: Workshop, value: str | None) -> Participant | None:
    """The participant a session credential names, if the token matches and they belong here."""
    if not value or "." not in value:
        return None
    pid, _, token = value.partition(".")
    if not pid.isdigit():
        return None
    participant = session.get(Participant, int(pid))
    if participant is None or participant.workshop_id != workshop.id:
        return None
    return participant if codes.secret_matches(token, participant.token_hash) else None


def key_matches(workshop: Workshop, key: str | None) -> bool:
    """True when `key` is this workshop's facilitator key."""
    return codes.secret_matches(key, workshop.key_hash)


def open_host_session(store: Store, workshop_id: int, key: str) -> str:
    """Sign a facilitator's browser in: keep the key server-side, return the id for the cookie."""
    sid = codes.new_key()
    with store.write() as session:
        session.add(HostSession(workshop_id=workshop_id, sid_hash=codes.hash_secret(sid), key=key))
    return sid


def host_key(session: Session, workshop: Workshop, sid: str | None) -> str | None:
    """The facilitator key of the host session `sid` (from the cookie), if it is this workshop's."""
    if not sid:
        return None
    row = session.scalar(select(HostSession).where(HostSession.sid_hash == codes.hash_secret(sid)))
    if row is None or row.workshop_id != workshop.id or not key_matches(workshop, row.key):
        return None
    return row.key


def save_draft(store: Store, participant_id: int, exercise_id: int, text: str) -> None:
    """Keep the participant's current text for the exercise (one row, overwritten)."""
    with store.write() as session:
        # Two overlapping live checks of one participant must not both insert the draft row.
        session.execute(select(Participant.id).where(Participant.id == participant_id)
                        .with_for_update())
        draft = session.scalar(
            select(Draft).where(Draft.participant_id == participant_id,
                                Draft.exercise_id == exercise_id)
        )
        if draft is None:
            session.add(Draft(participant_id=participant_id, exercise_id=exercise_id, text=text))
        else:
            draft.text = text


def draft_text(session: Session, participant_id: int, exercise_id: int) -> str | None:
    """The participant's saved draft for the exercise, if any."""
    return session.scalar(
        select(Draft.text).where(Draft.participant_id == participant_id,
                                 Draft.exercise_id == exercise_id)
    )


def submit(store: Store, participant_id: int, exercise_id: int, text: str,
           after: dict[str, Any]) -> Submission:
    """Store a submission (every attempt is kept; the latest counts)."""
    with store.write() as session:
        exercise = session.get(Exercise, exercise_id)
        if exercise is None:
            raise WorkshopError("That exercise no longer exists.", 404)
        workshop = exercise.workshop
        if workshop.state != "running" or workshop.current_index != exercise.position:
            raise WorkshopError(_closed_message(workshop), 409)
        submission = Submission(participant_id=participant_id, exercise_id=exercise_id, text=text,
                                before=exercise.weak_scores, after=after)
        session.add(submission)
        draft = session.scalar(select(Draft).where(Draft.participant_id == participant_id,
                                                   Draft.exercise_id == exercise_id))
        if draft is not None:
            draft.text = text
    return submission


def _closed_message(workshop: Workshop) -> str:
    """Why submissions are not taken right now."""
    return {
        "waiting": "The facilitator has not started this exercise yet.",
        "paused": "The workshop is paused; your draft is kept. Submit when it resumes.",
        "ended": "This workshop has ended.",
    }.get(workshop.state, "The room has moved to another exercise. Reload the page.")


def my_submissions(session: Session, participant_id: int, exercise_id: int) -> list[Submission]:
    """The participant's attempts at an exercise, oldest first."""
    return list(session.scalars(
        select(Submission).where(Submission.participant_id == participant_id,
                                 Submission.exercise_id == exercise_id).order_by(Submission.id)
    ))


def act(store: Store, workshop_id: int, action: str, submission_id: int | None = None) -> str:
    """Apply one facilitator action; returns a short confirmation for the status line."""
    if action not in ACTIONS:
        raise WorkshopError("Unknown action.")
    with store.write() as session:
        # Two facilitator tabs on two processes: "Next" twice moves twice, never once.
        workshop = session.get(Workshop, workshop_id, with_for_update=True)
        if workshop is None:
            raise WorkshopError("This workshop no longer exists.", 404)
        if workshop.state == "ended" and action != "end":
            raise WorkshopError("This workshop has ended.", 409)
        last = len(workshop.exercises) - 1
        current = workshop.current
        if action in ("start", "resume"):
            workshop.state = "running"
        elif action == "pause":
            workshop.state = "paused"
        elif action in ("next", "prev"):
            step = 1 if action == "next" else -1
            workshop.current_index = max(0, min(last, workshop.current_index + step))
            workshop.spotlight_id = None
        elif action in ("reveal", "hide") and current is not None:
            current.revealed = action == "reveal"
        elif action == "spotlight":
            chosen = session.get(Submission, submission_id or 0)
            if chosen is None or chosen.exercise.workshop_id != workshop.id:
                raise WorkshopError("No such submission in this workshop.", 404)
            workshop.spotlight_id = chosen.id
        elif action == "unspotlight":
            workshop.spotlight_id = None
        elif action == "end":
            workshop.state = "ended"
        workshop.updated_at = utcnow()
        position = workshop.current_index + 1
    return {
        "start": "Started: participants can submit.",
        "resume": "Resumed: participants can submit.",
        "pause": "Paused: submissions wait until you resume.",
        "next": f"Moved to exercise {position}.",
        "prev": f"Moved to exercise {position}.",
        "reveal": "Model answer revealed to participants.",
        "hide": "Model answer hidden again.",
        "spotlight": "Submission in the spotlight.",
        "unspotlight": "Spotlight cleared.",
        "end": "Workshop ended: no more joins or submissions.",
    }[action]


def latest_rows(session: Session, exercise_id: int) -> list[Row]:
    """The latest submission of each participant for the exercise, best first."""
    latest = (
        select(Submission.participant_id, func.max(Submission.id).label("last_id"),
               func.count(Submission.id).label("attempts"))
        .where(Submission.exercise_id == exercise_id)
        .group_by(Submission.participant_id)
        .subquery()
    )
    query = (
        select(Submission, Participant, latest.c.attempts)
        .join(latest, Submission.id == latest.c.last_id)
        .join(Participant, Participant.id == Submission.participant_id)
    )
    rows = [
        Row(s.id, p.number, p.name, s.text, s.before, s.after, int(n), s.created_at)
        for s, p, n in session.execute(query)
    ]
    return sorted(rows, key=lambda r: (-int(r.after.get("overall", 0)), r.id))


@dataclass(frozen=True)
class Board:
    """Everything the facilitator's live board shows for the current exercise."""

    rows: list[Row]
    chart: list[dict[str, Any]]
    histogram: list[dict[str, Any]]
    weaknesses: list[dict[str, Any]]
    participants: int
    spotlight: Row | None

    @property
    def improved(self) -> int:
        """How many latest submissions score higher than the weak recommendation."""
        return sum(1 for r in self.rows if r.gain > 0)


def board(session: Session, workshop: Workshop) -> Board:
    """The board for the workshop's current exercise."""
    exercise = workshop.current
    rows = latest_rows(session, exercise.id) if exercise else []
    before = exercise.weak_scores if exercise else {}
    participants = session.scalar(
        select(func.count()).select_from(Participant).where(Participant.workshop_id == workshop.id)
    ) or 0
    spotlight = None
    if workshop.spotlight_id:
        spotlight = next((r for r in rows if r.id == workshop.spotlight_id), None)
        if spotlight is None:  # an earlier attempt was chosen; show it all the same
            chosen = session.get(Submission, workshop.spotlight_id)
            if chosen is not None and exercise and chosen.exercise_id == exercise.id:
                spotlight = Row(chosen.id, chosen.participant.number, chosen.participant.name,
                                chosen.text, chosen.before, chosen.after, 1, chosen.created_at)
    return Board(rows, criterion_chart(before, rows), histogram(rows), weaknesses(rows),
                 int(participants), spotlight)


def export_records(session: Session, workshop: Workshop) -> list[dict[str, Any]]:
    """Every submission of the workshop, in exercise then participant then time order."""
    query = (
        select(Submission, Participant, Exercise)
        .join(Participant, Participant.id == Submission.participant_id)
        .join(Exercise, Exercise.id == Submission.exercise_id)
        .where(Exercise.workshop_id == workshop.id)
        .order_by(Exercise.position, Participant.number, Submission.id)
    )
    records: list[dict[str, Any]] = []
    rows = list(session.execute(query))
    last: dict[tuple[int, int], int] = {}
    for s, p, e in rows:
        last[(p.id, e.id)] = s.id
    attempt: dict[tuple[int, int], int] = {}
    for s, p, e in rows:
        key = (p.id, e.id)
        attempt[key] = attempt.get(key, 0) + 1
        records.append({
            "position": e.position, "exercise_title": e.title, "number": p.number,
            "name": p.name, "attempt": attempt[key], "latest": last[key] == s.id,
            "created_at": s.created_at, "text": s.text, "before": s.before, "after": s.after,
        })
    return records
