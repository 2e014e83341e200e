"""Facilitator pages: create a workshop, run it from the controls, watch the board, export."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Response, current_app, redirect, request, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from web import limits
from web.addresses import external_url, public_base
from web.downloads import attachment
from web.engine import get_engine
from web.render import is_htmx
from web.security import take_token
from web.workshop import codes, service
from web.workshop.blueprint import (
    HOST_SESSION,
    bp,
    gate,
    message,
    page,
    recalled,
    remember,
)
from web.workshop.models import Submission, Workshop
from web.workshop.scores import to_csv
from web.workshop.sets import ExerciseSpec, adhoc_exercise, find_set, load_sets
from web.workshop.store import get_store

DEFAULT_SET = "smart-basics"  # the natural first workshop


def _sets() -> Any:
    """The exercise sets on offer."""
    return load_sets(current_app.config.get("WORKSHOP_SETS_DIR"))


@bp.route("/new", methods=["GET", "POST"])
def new() -> Response:
    """The form to create a workshop from a set or an ad-hoc exercise, and creating it."""
    form = request.form
    errors: dict[str, str] = {}
    if request.method == "POST":
        source = form.get("source", "")
        specs: list[ExerciseSpec] = []
        set_id = None
        if source == "adhoc":
            spec, errors = adhoc_exercise(form)
            specs = [spec] if spec else []
        else:
            chosen = find_set(source, current_app.config.get("WORKSHOP_SETS_DIR"))
            if chosen is None:
                errors["source"] = "Choose an exercise set, or write your own exercise."
            else:
                specs, set_id = list(chosen.exercises), chosen.id
        if not errors:
            take_token()  # scoring the weak recommendations runs the engine
            title = " ".join(form.get("title", "").split())[:200]
            if not title:
                title = next((s.title for s in _sets() if s.id == set_id), specs[0].title)
            store = get_store()
            workshop, key = service.create_workshop(store, get_engine(), title, specs, set_id)
            remember(HOST_SESSION, workshop.code, service.open_host_session(store, workshop.id,
                                                                            key))
            return redirect(url_for("workshop.host", code=workshop.code, created=1), 303)
    sets = _sets()
    default = next((s.id for s in sets if s.id == DEFAULT_SET), sets[0].id if sets else "adhoc")
    return page("workshop/new.html", status=400 if errors else 200, sets=sets,
                errors=errors, form=form, default_source=default)


def _host(db: Session, code: str) -> tuple[Workshop | None, Response | None]:
    """The workshop if this request carries its facilitator key, else the error response.

    A correct key (or a host session opened with one) is never counted or refused. Anything
    else is counted: wrong keys against their own budget, unknown codes against the code
    budget; an unknown code gets the same answer as a wrong key, so host routes tell a guesser
    nothing about which codes exist.
    """
    workshop = service.find(db, code)
    if workshop is not None:
        if service.host_key(db, workshop, recalled(HOST_SESSION, workshop.code)):
            return workshop, None
        if service.key_matches(workshop, request.values.get("key")):
            return workshop, None
    offered = bool(request.values.get("key"))
    keys_ok = not offered or limits.count("host-key")
    gate(workshop is not None, known=False)
    if not keys_ok:
        raise limits.refuse("host-key")
    return None, message(
        "Facilitator key needed",
        "Only the facilitator can open these controls. Use the secret facilitator link you "
        "were given when the workshop was created.", 403)


@bp.get("/<code>/host")
def host(code: str) -> Response:
    """The facilitator's controls and board; the key comes once in ?key=, then from the session."""
    return _facilitator_page(code, "workshop.host", "workshop/host.html", host_view)


def _facilitator_page(code: str, endpoint: str, template: str,
                      view: Callable[[Session, Workshop], dict[str, Any]]) -> Response:
    """A page that needs the facilitator: a ?key= signs this browser in (the cookie gets a
    random host-session id) and is dropped from the address; then the page itself."""
    store = get_store()
    with store.read() as db:
        workshop, denied = _host(db, code)
        if denied is not None:
            return denied
        assert workshop is not None
        key = request.args.get("key")
        if key and service.key_matches(workshop, key):
            sid = service.open_host_session(store, workshop.id, key)
            remember(HOST_SESSION, workshop.code, sid)
            return redirect(url_for(endpoint, code=workshop.code), 303)
        return page(template, **view(db, workshop))


def host_view(db: Session, workshop: Workshop, **extra: Any) -> dict[str, Any]:
    """The facilitator page's template context."""
    key = (service.host_key(db, workshop, recalled(HOST_SESSION, workshop.code))
           or request.args.get("key") or "")
    board = service.board(db, workshop)
    context = {
        "workshop": workshop,
        "exercise": workshop.current,
        "total": len(workshop.exercises),
        "board": board,
        "board_version": board_version(db, workshop),
        "poll": current_app.config["WORKSHOP_BOARD_POLL_SECONDS"],
        "display_code": codes.display_code(workshop.code),
        "join_url": external_url("workshop.join", code=workshop.code),
        "join_reachable": public_base()[1],
        "host_url": external_url("workshop.host", code=workshop.code, key=key),
        "created": request.args.get("created") == "1",
        "notice": request.args.get("done", "")[:200],
        "errors": {},
        "form": {},
    }
    context.update(extra)
    return context


def board_version(db: Session, workshop: Workshop) -> str:
    """Changes whenever the board would: a new submission or participant, or an action."""
    exercise = workshop.current
    last, count = db.execute(
        select(func.max(Submission.id), func.count(Submission.id)).where(
            Submission.exercise_id == (exercise.id if exercise else -1)
        )
    ).one()
    people = len(workshop.participants)
    stamp = workshop.updated_at.isoformat() if workshop.updated_at else ""
    return f"{stamp}.{last or 0}.{count}.{people}"


@bp.get("/<code>/host/board")
def board(code: str) -> Response:
    """The live board fragment: 204 when nothing changed since the version the page holds."""
    return _live_fragment(code, "workshop/host.html", "board", host_view)


def _live_fragment(code: str, template: str, block: str,
                   view: Callable[[Session, Workshop], dict[str, Any]]) -> Response:
    """A facilitator's polled fragment: 204 when nothing changed since version `?v=`."""
    with get_store().read() as db:
        workshop, denied = _host(db, code)
        if denied is not None:
            return denied
        assert workshop is not None
        if is_htmx() and request.args.get("v") == board_version(db, workshop):
            return Response(status=204)
        return page(template, block, **view(db, workshop))


def screen_view(db: Session, workshop: Workshop) -> dict[str, Any]:
    """The projector view's context: the host page's, without the facilitator link."""
    context = host_view(db, workshop)
    del context["host_url"]  # the key must never reach the shared screen
    return context


@bp.get("/<code>/screen")
def screen(code: str) -> Response:
    """The projector view: join address and code, the exercise and the live board, no controls."""
    return _facilitator_page(code, "workshop.screen", "workshop/screen.html", screen_view)


@bp.get("/<code>/screen/live")
def screen_live(code: str) -> Response:
    """The projector's live part: 204 when nothing changed since the version it shows."""
    return _live_fragment(code, "workshop/screen.html", "live", screen_view)


@bp.post("/<code>/host/action")
def action(code: str) -> Response:
    """One facilitator action (start, pause, next, reveal, spotlight, end …), then back."""
    store = get_store()
    with store.read() as db:
        workshop, denied = _host(db, code)
        if denied is not None:
            return denied
        assert workshop is not None
        workshop_id, code = workshop.id, workshop.code
    chosen = request.form.get("submission", "")
    try:
        done = service.act(store, workshop_id, request.form.get("do", ""),
                           int(chosen) if chosen.isdigit() else None)
    except service.WorkshopError as error:
        return message("That did not work", str(error), error.status,
                       back=url_for("workshop.host", code=code))
    return redirect(url_for("workshop.host", code=code, done=done) + "#controls", 303)


@bp.post("/<code>/host/exercise")
def add_exercise(code: str) -> Response:
    """Add an ad-hoc exercise typed by the facilitator at the end of the workshop."""
    store = get_store()
    with store.read() as db:
        workshop, denied = _host(db, code)
        if denied is not None:
            return denied
        assert workshop is not None
        spec, errors = adhoc_exercise(request.form)
        if spec is None:
            return page("workshop/host.html", status=400,
                        **host_view(db, workshop, errors=errors, form=request.form))
        workshop_id, code = workshop.id, workshop.code
    take_token()
    position = service.add_exercise(store, get_engine(), workshop_id, spec)
    done = f"Added exercise {position + 1}: {spec.title}. Use Next to move the room to it."
    return redirect(url_for("workshop.host", code=code, done=done) + "#controls", 303)


@bp.get("/<code>/host/export.csv")
def export(code: str) -> Response:
    """Every submission as CSV (UTF-8 with a BOM so spreadsheet programs read accents)."""
    with get_store().read() as db:
        workshop, denied = _host(db, code)
        if denied is not None:
            return denied
        assert workshop is not None
        body = "\ufeff" + to_csv(service.export_records(db, workshop))
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = attachment(f"workshop-{workshop.code}.csv")
    response.headers["Cache-Control"] = "no-store"
    return response
