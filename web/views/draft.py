"""The drafting page: type a recommendation, see its SMART verdicts as you type."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, redirect, request, url_for

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


# A pasted document is read like an uploaded file; past this, upload the file itself.
MAX_PASTE_CHARS = 300_000
SHOWN_FOUND = 60


def document_view(text: str) -> tuple[dict[str, Any], int]:
    """A pasted document: say so, and list the recommendations the file reader finds in it."""
    from smartcheck.extract import FileReadError, extract_text
    from smartcheck.extract.language import count_words

    words = count_words(text)
    if len(text) > MAX_PASTE_CHARS:
        return {"error": f"That is {len(text):,} characters, too long to paste. Upload the "
                         "file itself on the Check a file page."}, 413
    document: dict[str, Any] = {"words": words, "chars": len(text), "found": 0,
                                "recommendations": [], "skipped": [], "more": 0}
    try:
        extraction = extract_text(text)
    except FileReadError as error:
        document["problem"] = str(error)
        return {"document": document}, 200
    recs = extraction.recommendations
    document.update(
        found=extraction.found,
        recommendations=[{"label": r.label, "text": r.text} for r in recs[:SHOWN_FOUND]],
        more=max(0, len(recs) - SHOWN_FOUND),
        skipped=[s.to_dict() for s in extraction.skipped[:SHOWN_FOUND]],
        count=len(recs),
    )
    return {"document": document}, 200


def run_check(text: str, context: dict[str, Any] | None,
              documents: bool = False) -> tuple[dict[str, Any], int]:
    """Check `text`; return the template variables and the HTTP status.

    `documents`: a paste that looks like a whole document gets the document view (the
    drafting page); elsewhere (workshops, lessons) one recommendation is expected.
    """
    from smartcheck.extract import looks_like_document

    if documents and looks_like_document(text):
        return document_view(text)
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
        results, status = run_check(text, engine_context(fields, errors), documents=True)
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


@bp.post("/as-file")
def as_file() -> Response:
    """Check a pasted document as a file: the same extraction and report as an upload."""
    from web.batch.store import Stored, get_store
    from web.batch.views import _page, read_form, result_context, run_batch

    text = (request.form.get("text") or "").replace("\r\n", "\n")
    form = read_form(request.form)
    if not text.strip():
        return _page(400, form=form, error="There is no pasted text to check.")
    if len(text) > MAX_PASTE_CHARS:
        return _page(413, form=form, error=f"That is {len(text):,} characters, too long to "
                     "paste. Upload the file itself.")
    from smartcheck.extract.api import PASTE_NAME

    try:
        result = run_batch(text.encode("utf-8"), PASTE_NAME, form)
    except InputError as error:
        return _page(422 if getattr(error, "code", "") == "no_recommendations" else 400,
                     form=form, error=str(error), filename="pasted text")
    rid = get_store().put(Stored(result, "pasted text", None))
    if is_htmx():
        return _page(**result_context(rid))
    return redirect(url_for("batch.result", rid=rid), code=303)
