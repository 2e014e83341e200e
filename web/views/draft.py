"""The drafting page: type a recommendation, see its SMART verdicts as you type."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, request, url_for

from smartcheck.errors import InputError
from web.engine import get_engine
from web.errors import input_error_status
from web.issues import issue_labels
from web.present import view_model
from web.render import is_htmx, render_page
from web.security import take_token

bp = Blueprint("draft", __name__)

YEAR_MIN, YEAR_MAX = 2000, 2100


def read_form(values: Any) -> tuple[str, dict[str, str], dict[str, str]]:
    """The draft, the raw context fields and any field errors, from a form or query."""
    text = values.get("use") or values.get("text") or ""
    text = text.replace("\r\n", "\n")
    fields = {
        "state": (values.get("state") or "").strip()[:100],
        "year": (values.get("year") or "").strip()[:4],
        "issue": (values.get("issue") or "").strip()[:100],
    }
    errors: dict[str, str] = {}
    if fields["year"] and not (
        fields["year"].isdigit() and YEAR_MIN <= int(fields["year"]) <= YEAR_MAX
    ):
        errors["year"] = f"Enter a year between {YEAR_MIN} and {YEAR_MAX}, e.g. 2027."
    if fields["issue"] and issue_labels() and fields["issue"] not in issue_labels():
        errors["issue"] = "Choose an issue from the list."
    return text, fields, errors


def engine_context(fields: dict[str, str], errors: dict[str, str]) -> dict[str, Any] | None:
    """The engine's `context` dict from the valid, non-empty fields."""
    context: dict[str, Any] = {}
    if fields["state"]:
        context["state"] = fields["state"]
    if fields["year"] and "year" not in errors:
        context["next_review_year"] = int(fields["year"])
    if fields["issue"] and "issue" not in errors:
        context["issue"] = fields["issue"]
    return context or None


def permalink(text: str, fields: dict[str, str]) -> str:
    """The page's address with the draft (and context) in the query, so a refresh loses nothing."""
    query = {"text": text, **{k: v for k, v in fields.items() if v}}
    return url_for("draft.index") + ("?" + urlencode(query) if text.strip() else "")


def run_check(text: str, context: dict[str, Any] | None) -> tuple[dict[str, Any], int]:
    """Check `text`; return the template variables and the HTTP status."""
    limit = current_app.config["MAX_TEXT_CHARS"]
    if len(text) > limit:
        message = (
            f"That is {len(text):,} characters; one recommendation should fit in {limit:,}. "
            "Split it into one recommendation per action."
        )
        return {"error": message}, 413
    take_token()
    try:
        report = get_engine().check(text, context=context)
    except InputError as error:
        return {"error": str(error)}, input_error_status(error)
    return view_model(report), 200


@bp.route("/", methods=["GET", "POST"])
def index() -> Response:
    """Full page (GET, or no-JS POST) or the results fragment (htmx)."""
    values = request.form if request.method == "POST" else request.args
    text, fields, errors = read_form(values)
    results: dict[str, Any] = {}
    status = 200
    if text.strip():
        results, status = run_check(text, engine_context(fields, errors))
    html = render_page(
        "draft.html",
        "results",
        text=text,
        fields=fields,
        field_errors=errors,
        issues=issue_labels(),
        max_chars=current_app.config["MAX_TEXT_CHARS"],
        permalink=permalink(text, fields),
        **results,
    )
    response = Response(html, status=status, mimetype="text/html")
    if is_htmx() and status < 500:
        link = permalink(text, fields)
        # Long drafts would make an unwieldy address; localStorage keeps those.
        response.headers["HX-Replace-Url"] = link if len(link) <= 4000 else url_for("draft.index")
    return response
