"""Participant pages: join with a code, draft with the live checker, submit, see the answer."""

from __future__ import annotations

import math
from typing import Any

from flask import Response, current_app, redirect, request, url_for
from sqlalchemy.orm import Session

from web import limits
from web.render import is_htmx
from web.views.draft import run_check
from web.workshop import codes, service
from web.workshop.blueprint import (
    PARTICIPANT_SESSION,
    bp,
    gate,
    message,
    page,
    recalled,
    remember,
)
from web.workshop.models import Participant, Workshop
from web.workshop.scores import summarise
from web.workshop.sets import LETTER_KEYS
from web.workshop.store import get_store


def version(workshop: Workshop) -> str:
    """What the participant page depends on: state, exercise and whether the answer is out."""
    exercise = workshop.current
    if exercise is None:
        return workshop.state
    return f"{workshop.state}.{exercise.id}.{int(exercise.revealed)}"


def needs_reload(old: str, new: str) -> bool:
    """True when the page must be rebuilt (new exercise, started or ended), not just its banner."""
    def shape(v: str) -> tuple[str, str]:
        state, _, rest = v.partition(".")
        return ("open" if state in ("running", "paused") else state, rest.split(".")[0])

    return shape(old) != shape(new)


@bp.get("/")
def index() -> Response:
    """Join a workshop, or start running one."""
    return page("workshop/index.html", code=codes.display_code(request.args.get("code", "")),
                name="", error=None)


@bp.route("/join", methods=["GET", "POST"])
def join() -> Response:
    """The join form (GET, code prefilled from ?code=) and joining (POST)."""
    raw = request.values.get("code", "")
    if request.method == "GET":
        return page("workshop/index.html", code=codes.display_code(codes.normalise_code(raw)),
                    name="", error=None)
    name = request.form.get("name", "")
    code = codes.normalise_code(raw)
    store = get_store()
    with store.read() as db:
        workshop = service.find(db, code)
        existing = workshop and service.participant_for(
            db, workshop, recalled(PARTICIPANT_SESSION, code)
        )
    if existing:  # already in: back to the exercise (a second tab, or the back button)
        return redirect(url_for("workshop.participant", code=code), 303)
    try:
        gate(workshop is not None, known=False)
    except limits.Limited as error:
        seconds = max(1, math.ceil(error.retry_after))
        response = page("workshop/index.html", status=429, code=raw, name=name,
                        error=error.message)
        response.headers["Retry-After"] = str(seconds)
        return response
    try:
        participant, token = service.join(store, code, name)
    except service.WorkshopError as error:
        return page("workshop/index.html", status=error.status, code=raw, name=name,
                    error=str(error))
    remember(PARTICIPANT_SESSION, code, service.credential(participant, token))
    return redirect(url_for("workshop.participant", code=code), 303)


def _load(db: Session, code: str) -> tuple[Workshop | None, Participant | None]:
    """The workshop and the participant this browser joined it as (a stranger is counted)."""
    workshop = service.find(db, code)
    who = None
    if workshop is not None:
        who = service.participant_for(db, workshop, recalled(PARTICIPANT_SESSION,
                                                             workshop.code))
    gate(workshop is not None, known=who is not None)
    return workshop, who


def _not_joined(code: str, workshop: Workshop | None) -> Response:
    """No such workshop (404) or not joined yet (back to the join form)."""
    if workshop is None:
        return message("No such workshop", "There is no workshop with that code. It may have "
                       "ended and expired; check the code with your facilitator.", 404)
    if is_htmx():
        response = Response(status=204)
        response.headers["HX-Redirect"] = url_for("workshop.join", code=workshop.code)
        return response
    return redirect(url_for("workshop.join", code=workshop.code), 303)


def _focus_keys(letters: list[str]) -> list[str]:
    """Criterion keys of the exercise's focus letters."""
    return [LETTER_KEYS[letter] for letter in letters if letter in LETTER_KEYS]


def participant_view(db: Session, workshop: Workshop, participant: Participant,
                     **extra: Any) -> dict[str, Any]:
    """The participant page's template context."""
    exercise = workshop.current
    context: dict[str, Any] = {
        "workshop": workshop,
        "participant": participant,
        "exercise": exercise,
        "total": len(workshop.exercises),
        "version": version(workshop),
        "poll": current_app.config["WORKSHOP_PARTICIPANT_POLL_SECONDS"],
        "max_chars": current_app.config["MAX_TEXT_CHARS"],
        "mine": [],
        "past": [],
    }
    if exercise is not None:
        saved = service.draft_text(db, participant.id, exercise.id)
        context.setdefault("text", saved if saved is not None else exercise.weak)
        context["mine"] = service.my_submissions(db, participant.id, exercise.id)
        context["focus"] = _focus_keys(exercise.focus)
    if workshop.state == "ended":
        context["past"] = [
            (ex, service.my_submissions(db, participant.id, ex.id)) for ex in workshop.exercises
        ]
    context.update(extra)
    return context


@bp.get("/<code>/")
def participant(code: str) -> Response:
    """The participant's page: the current exercise, their draft, their scores."""
    with get_store().read() as db:
        workshop, who = _load(db, code)
        if workshop is None or who is None:
            return _not_joined(code, workshop)
        context = participant_view(db, workshop, who,
                                   submitted=request.args.get("submitted") == "1")
        return page("workshop/participant.html", **context)


@bp.post("/<code>/check")
def check(code: str) -> Response:
    """Live check of the draft (htmx fragment, or the whole page without JS); keeps the draft."""
    store = get_store()
    text = (request.form.get("text") or "").replace("\r\n", "\n")
    with store.read() as db:
        workshop, who = _load(db, code)
        if workshop is None or who is None:
            return _not_joined(code, workshop)
        exercise = workshop.current
        if exercise is None or str(exercise.id) != request.form.get("exercise", str(exercise.id)):
            return _moved(db, workshop, who)
        limit = current_app.config["MAX_TEXT_CHARS"]
        if len(text) <= limit:
            service.save_draft(store, who.id, exercise.id, text)
        results, status = ({}, 200)
        if text.strip():
            results, status = run_check(text, service.exercise_context(exercise))
        context = participant_view(db, workshop, who, text=text, **results)
        return page("workshop/participant.html", "results", status, **context)


def _moved(db: Session, workshop: Workshop, who: Participant) -> Response:
    """The form was for an exercise the room has left: reload onto the current one."""
    if is_htmx():
        response = Response(status=204)
        response.headers["HX-Refresh"] = "true"
        return response
    return page("workshop/participant.html", status=409,
                **participant_view(db, workshop, who,
                                   notice="The room has moved on: here is the current exercise."))


@bp.post("/<code>/submit")
def submit(code: str) -> Response:
    """Submit (or resubmit) the rewrite; every attempt is kept and the latest counts."""
    store = get_store()
    text = (request.form.get("text") or "").replace("\r\n", "\n").strip()
    with store.read() as db:
        workshop, who = _load(db, code)
        if workshop is None or who is None:
            return _not_joined(code, workshop)
        exercise = workshop.current
        if exercise is None or str(exercise.id) != request.form.get("exercise", str(exercise.id)):
            return _moved(db, workshop, who)
        exercise_id, participant_id = exercise.id, who.id
        context = service.exercise_context(exercise)
    results, status = ({"error": "Type your rewrite before submitting."}, 400)
    if text:
        results, status = run_check(text, context)
    if "report" in results:
        try:
            service.submit(store, participant_id, exercise_id, text, summarise(results["report"]))
        except service.WorkshopError as error:
            results, status = {"error": str(error)}, error.status
        else:
            return redirect(url_for("workshop.participant", code=workshop.code, submitted=1)
                            + "#mine", 303)
    with store.read() as db:
        workshop, who = _load(db, code)
        assert workshop is not None and who is not None
        view = participant_view(db, workshop, who, text=text, submit_error=results.get("error"))
        if "report" in results:
            view.update(results)
        return page("workshop/participant.html", status=status, **view)


@bp.get("/<code>/status")
def status(code: str) -> Response:
    """The participant's live banner: 204 when nothing changed, a reload when the room moved."""
    with get_store().read() as db:
        workshop, who = _load(db, code)
        if workshop is None or who is None:
            return _not_joined(code, workshop)
        seen = request.args.get("v", "")
        now = version(workshop)
        if seen == now:
            return Response(status=204)
        if is_htmx() and needs_reload(seen, now):
            response = Response(status=204)
            response.headers["HX-Refresh"] = "true"
            return response
        context = participant_view(db, workshop, who)
        return page("workshop/participant.html", "live", **context)


__all__ = ["check", "index", "join", "participant", "status", "submit"]
