"""The `workshop` blueprint object, its config defaults and the helpers its views share."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, session
from flask.blueprints import BlueprintSetupState

from web import limits
from web.render import render_page
from web.workshop.store import get_store

bp = Blueprint("workshop", __name__)

CONFIG_DEFAULTS: dict[str, Any] = {
    # SQLAlchemy URL; empty means $SMARTCHECK_DATABASE_URL, else <data dir>/smartcheck.sqlite.
    "DATABASE_URL": None,
    "WORKSHOP_EXPIRY_HOURS": 72,
    # Folder of exercise sets (*.yml); empty means examples/workshops in the repository.
    "WORKSHOP_SETS_DIR": None,
    # Per client address per window (see web/limits.py): unknown codes on any code route,
    # code requests without a credential for the code, wrong facilitator keys.
    "WORKSHOP_JOIN_FAILURES": 30,
    "WORKSHOP_CODE_LOOKUPS": 300,
    "WORKSHOP_KEY_FAILURES": 10,
    "WORKSHOP_JOIN_WINDOW_SECONDS": 300,
    "WORKSHOP_BOARD_POLL_SECONDS": 2,
    "WORKSHOP_PARTICIPANT_POLL_SECONDS": 3,
}
PARTICIPANT_SESSION = "ws_p"  # {code: "participant id.token"}
HOST_SESSION = "ws_h"  # {code: host session id}; the key itself stays in the database


@bp.record_once
def _setup(state: BlueprintSetupState) -> None:
    """Fill in config defaults."""
    for key, value in CONFIG_DEFAULTS.items():
        state.app.config.setdefault(key, value)


@bp.before_request
def _purge() -> None:
    """Open the store on first use and drop expired workshops now and then."""
    get_store().maybe_purge()


def gate(found: bool, known: bool) -> None:
    """Count a code request; raise Limited once the client is over the misses or lookups budget.

    A request that carries a credential for the workshop (`known`) is never counted: people
    already in the room and the facilitator are not locked out by a guesser sharing their
    address.
    """
    if known:
        return
    lookups_ok = limits.count("code")
    if not found and not limits.count("code-miss"):
        raise limits.refuse("code-miss")
    if not lookups_ok:
        raise limits.refuse("code")


def remember(name: str, code: str, value: str) -> None:
    """Keep a credential for a workshop in the signed session cookie."""
    held = dict(session.get(name) or {})
    held[code] = value
    if len(held) > 10:  # a laptop used for many workshops keeps only the recent ones
        held = dict(list(held.items())[-10:])
    session[name] = held
    session.permanent = True


def recalled(name: str, code: str) -> str | None:
    """A credential for a workshop from the session, if any."""
    value = (session.get(name) or {}).get(code)
    return value if isinstance(value, str) else None


def page(template: str, block: str = "content_main", status: int = 200, **ctx: Any) -> Response:
    """A workshop page (or one of its blocks for htmx) with the given status."""
    html = render_page(template, block, **ctx)
    return Response(html, status=status, mimetype="text/html")


def message(title: str, text: str, status: int, **ctx: Any) -> Response:
    """A plain page that explains why something did not work."""
    response = page("workshop/message.html", "content_main", status, title=title, text=text, **ctx)
    return response
