"""Upload a submission file, see every recommendation's SMART report, download CSV/JSON/.docx."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    request,
    url_for,
)
from flask_wtf.csrf import CSRFError
from markupsafe import Markup
from werkzeug.exceptions import RequestEntityTooLarge

from smartcheck.errors import InputError
from web import csrf
from web.batch.store import Stored, get_store, purge_now_and_then
from web.downloads import attachment
from web.engine import get_engine
from web.render import is_htmx, render_page
from web.security import take_token

bp = Blueprint("batch", __name__)
bp.before_app_request(purge_now_and_then)

MAX_UPLOAD_BYTES = 20_000_000
# multipart boundaries and the small form fields ride on top of the file itself
FORM_OVERHEAD = 64 * 1024
MAX_RECOMMENDATIONS = 1_000
# Reading and checking one upload; past it the request stops with a message (config
# BATCH_TIME_LIMIT_SECONDS). Waitress has a few threads: one file must not hold one for minutes.
TIME_LIMIT_S = 30.0
CHECK_CHUNK = 64
ACCEPT = ".docx,.pdf,.txt,.md,.csv,.tsv,.xlsx,.odt"
# FileReadError codes → HTTP status (everything else is a plain 400).
STATUS = {"too_large": 413, "too_many_pages": 413, "timeout": 413, "unsupported_type": 415,
          "no_recommendations": 422, "no_text_layer": 422, "encrypted": 422}
DOWNLOADS = {"csv": ("report.csv", "text/csv"), "json": ("report.json", "application/json"),
             "html": ("report.html", "text/html"), "docx": ("annotated.docx",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document")}


def upload_limit() -> int:
    """The largest file accepted, in bytes (config MAX_UPLOAD_BYTES, default 20 MB)."""
    return int(current_app.config.get("MAX_UPLOAD_BYTES") or MAX_UPLOAD_BYTES)


def megabytes(size: int) -> str:
    """A byte count in MB for messages: '20', '0.2'."""
    return f"{round(size / 1_000_000, 1):g}"


def _page(status: int = 200, **context: Any) -> Response:
    """The upload page (or, for htmx, its results block) with the given status."""
    html = render_page("batch/index.html", "results", limit_mb=megabytes(upload_limit()),
                       accept=ACCEPT, **context)
    return Response(html, status=status, mimetype="text/html")


@bp.get("/")
def index() -> Response:
    """The upload form."""
    return _page()


@bp.post("/")
def upload() -> Response:
    """Read the uploaded file, check it, keep the result and show the report."""
    # Uploads may be far larger than the 1 MB the rest of the site accepts; the CSRF token is
    # checked here, after the limit is raised (the global check would refuse the body first).
    request.max_content_length = upload_limit() + FORM_OVERHEAD
    form = {"joint": False, "column": "", "year": ""}
    try:
        if current_app.config.get("WTF_CSRF_ENABLED", True):
            current_app.extensions["csrf"].protect()
        form = read_form(request.form)
        file = request.files.get("file")
    except RequestEntityTooLarge:
        return _page(413, form=form, error=(
            f"The file is larger than the {megabytes(upload_limit())} MB this server "
            "accepts. Split it, or save it without embedded images, and try again."))
    except CSRFError:
        return _page(400, form=form, error="This form has expired. Reload the page and choose "
                     "the file again.")
    if file is None or not file.filename:
        return _page(400, form=form, error="Choose a file to check.")
    data = file.stream.read(upload_limit() + 1)
    filename = file.filename.replace("\\", "/").rsplit("/", 1)[-1]
    refused: tuple[int, str] | None = None
    try:
        result = run_batch(data, filename, form)
    except InputError as error:
        refused = STATUS.get(getattr(error, "code", ""), 400), str(error)
    # only now: the error's traceback held the parsed document until the except block ended
    release_memory()
    if refused is not None:
        return _page(refused[0], form=form, error=refused[1], filename=filename)
    docx = data if filename.lower().endswith((".docx", ".docm")) else None
    rid = get_store().put(Stored(result, filename, docx))
    target = url_for("batch.result", rid=rid)
    if is_htmx():
        response = _page(**result_context(rid))
        response.headers["HX-Push-Url"] = target
        return response
    return redirect(target, code=303)  # a reload of the result page does not re-upload


csrf.exempt(upload)  # checked inside the view, once the upload limit applies


def read_form(values: Any) -> dict[str, Any]:
    """The options sent with the file."""
    year = (values.get("year") or "").strip()[:4]
    return {"joint": values.get("joint") in ("1", "on", "yes", "true"),
            "column": (values.get("column") or "").strip()[:100],
            "year": year if year.isdigit() and 2000 <= int(year) <= 2100 else ""}


def run_batch(data: bytes, filename: str, form: dict[str, Any]) -> Any:
    """Extract and check the file's recommendations (raises InputError for bad files)."""
    from smartcheck.batch import check_extraction
    from smartcheck.extract import extract_bytes
    from smartcheck.extract.guards import time_limit
    from smartcheck.reports.summary import WORD_LIMITS

    seconds = float(current_app.config.get("BATCH_TIME_LIMIT_SECONDS") or TIME_LIMIT_S)
    with time_limit(seconds) as deadline:
        extraction = extract_bytes(data, filename, column=form["column"] or None,
                                   max_bytes=upload_limit())
        bound_recommendations(extraction, filename)
        take_token()
        limits = {**WORD_LIMITS, **(current_app.config.get("BATCH_WORD_LIMITS") or {})}
        kind = "joint" if form["joint"] else "individual"
        context = {"next_review_year": int(form["year"])} if form["year"] else None
        return check_extraction(
            extraction, BudgetedEngine(get_engine(), deadline, seconds), context=context,
            joint=form["joint"], word_limit=limits[kind],
            duplicates=current_app.config.get("BATCH_DUPLICATES", "auto"))


def bound_recommendations(extraction: Any, filename: str) -> None:
    """Keep the first BATCH_MAX_RECOMMENDATIONS and say so in the report's warnings."""
    most = int(current_app.config.get("BATCH_MAX_RECOMMENDATIONS") or MAX_RECOMMENDATIONS)
    total = len(extraction.recommendations)
    if total > most:
        extraction.recommendations = extraction.recommendations[:most]
        extraction.warnings.append(
            f"Checked the first {most:,} of {total:,} recommendations in '{filename}': this "
            f"server checks up to {most:,} per file. Split the file to check the rest.")


class BudgetedEngine:
    """The engine, checking a batch in chunks and stopping once the request's time is up."""

    def __init__(self, engine: Any, deadline: Any, seconds: float) -> None:
        """Wrap `engine`; `deadline` is the request's (a guards.Deadline)."""
        self._engine, self._deadline, self._seconds = engine, deadline, seconds

    def check_many(self, texts: list[str], **kwargs: Any) -> list[Any]:
        """Like the engine's, with the deadline checked between chunks."""
        from smartcheck.extract import FileReadError

        reports: list[Any] = []
        for start in range(0, len(texts), CHECK_CHUNK):
            if self._deadline.remaining() <= 0:
                raise FileReadError(
                    f"Checking this file took longer than the {self._seconds:g} s this server "
                    f"allows, so it was stopped after {start:,} of {len(texts):,} "
                    "recommendations. Split the file into smaller parts and try again.",
                    "timeout")
            reports += self._engine.check_many(texts[start:start + CHECK_CHUNK], **kwargs)
        return reports

    def __getattr__(self, name: str) -> Any:
        """Everything else (embedder, check …) is the engine's own."""
        return getattr(self._engine, name)


def release_memory() -> None:
    """Hand the memory a big file needed back to the system (glibc keeps freed arenas)."""
    import contextlib
    import ctypes
    import gc

    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc (Windows, macOS, musl)
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def result_context(rid: str) -> dict[str, Any]:
    """Template variables for a stored result: the report fragment and download links."""
    from smartcheck.reports.html import render_fragment

    entry = get_store().get(rid)
    if entry is None:
        abort(404)
    downloads = {"CSV": url_for("batch.download", rid=rid, fmt="csv"),
                 "JSON": url_for("batch.download", rid=rid, fmt="json"),
                 "HTML report": url_for("batch.download", rid=rid, fmt="html")}
    if entry.docx is not None:
        downloads["Word file with comments"] = url_for("batch.download", rid=rid, fmt="docx")
    report = Markup(render_fragment(entry.result, downloads=downloads))  # autoescaped inside
    return {"report": report, "filename": entry.filename, "rid": rid,
            "form": {"joint": entry.result.summary["word_count"]["submission"] == "joint",
                     "column": "", "year": ""}}


@bp.get("/r/<rid>")
def result(rid: str) -> Response:
    """A stored result's report, in the page."""
    if get_store().get(rid) is None:
        return _page(404, error="This report is no longer kept (reports are kept for an hour, "
                     "and only the most recent ones). Upload the file again.")
    return _page(**result_context(rid))


@bp.get("/r/<rid>/<fmt>")
def download(rid: str, fmt: str) -> Response:
    """A stored result as CSV, JSON, a standalone HTML report or the annotated Word file."""
    from smartcheck.batch import annotation_notes
    from smartcheck.extract.annotate import annotate_docx_bytes
    from smartcheck.reports.formats import to_csv, to_json
    from smartcheck.reports.html import render_html

    entry = get_store().get(rid)
    if entry is None or fmt not in DOWNLOADS or (fmt == "docx" and entry.docx is None):
        abort(404)
    result = entry.result
    if fmt == "csv":
        body: str | bytes = to_csv(result.items)
    elif fmt == "json":
        body = to_json(result.items, extra=result.to_dict(), summary_data=result.summary)
    elif fmt == "html":
        body = render_html(result.items, extraction=result.extraction, result=result)
    else:
        body = annotate_docx_bytes(entry.docx, annotation_notes(result))
    suffix, mimetype = DOWNLOADS[fmt]
    stem = entry.filename.rsplit(".", 1)[0] or "submission"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = attachment(f"{stem}-smartcheck-{suffix}")
    if fmt == "html":
        # A downloaded report opens from disk; served here it may use its own inline CSS only.
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    return response


@bp.get("/report.css")
def report_css() -> Response:
    """The report's stylesheet, the same one the standalone HTML file inlines."""
    from smartcheck.reports.html import report_css as css

    response = Response(css(), mimetype="text/css")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
