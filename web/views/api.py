"""JSON API: POST /api/check and GET /api/health (documented at GET /api/)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request

from smartcheck.errors import InputError
from web.engine import embedder_ready, engine_if_built, get_engine
from web.errors import error_response, input_error_status
from web.security import take_token
from web.views.draft import YEAR_MAX, YEAR_MIN

CONTEXT_TEXT_MAX = 200  # a State's name or an issue label; workshops use the same cap

bp = Blueprint("api", __name__)


def version() -> str:
    """The installed smartcheck version."""
    try:
        from importlib.metadata import version as dist_version

        return dist_version("smartcheck")
    except Exception:  # not installed as a distribution (e.g. run from a checkout)
        return "unknown"


def _context(payload: dict[str, Any]) -> dict[str, Any] | None:
    """An optional `context` object with state, next_review_year, issue."""
    context = payload.get("context")
    if context is None:
        return None
    if not isinstance(context, dict):
        raise ValueError("'context' must be an object with state, next_review_year, issue.")
    allowed = {"state", "next_review_year", "issue"}
    unknown = set(context) - allowed
    if unknown:
        raise ValueError(f"Unknown context key(s): {', '.join(sorted(unknown))}.")
    year = context.get("next_review_year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)
                             or not YEAR_MIN <= year <= YEAR_MAX):
        raise ValueError(f"'context.next_review_year' must be a year between {YEAR_MIN} and "
                         f"{YEAR_MAX}, e.g. 2027.")
    for key in ("state", "issue"):
        value = context.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise ValueError(f"'context.{key}' must be a string.")
        if len(value) > CONTEXT_TEXT_MAX:
            raise ValueError(f"'context.{key}' has {len(value):,} characters; the limit is "
                             f"{CONTEXT_TEXT_MAX}.")
        if not valid_unicode(value):
            raise ValueError(f"'context.{key}' {BAD_CHARACTER}")
    return {k: v for k, v in context.items() if v is not None} or None


BAD_CHARACTER = ("holds an invalid character (a lone UTF-16 surrogate such as \\udc80); "
                 "send valid Unicode text.")


def valid_unicode(text: str) -> bool:
    """False for text that cannot be encoded as UTF-8 (lone surrogates from JSON escapes)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@bp.get("/")
def docs() -> str:
    """Human-readable API documentation."""
    return render_template(
        "api.html",
        max_chars=current_app.config["MAX_TEXT_CHARS"],
        max_texts=current_app.config["MAX_BATCH_TEXTS"],
        per_minute=current_app.config["RATELIMIT_PER_MINUTE"],
        ratelimit=bool(current_app.extensions.get("smartcheck_ratelimit")),
    )


@bp.get("/health")
def health() -> Response:
    """Status, version and whether the models have loaded (never triggers a build)."""
    engine = engine_if_built()
    return jsonify(
        {
            "status": "ok",
            "version": version(),
            "engine_ready": engine is not None,
            "embedder_ready": embedder_ready(engine),
        }
    )


@bp.post("/check")
def check() -> Response:
    """Check one text (`{"text": ...}`) or several (`{"texts": [...]}`)."""
    if not request.is_json:
        return error_response(
            415, "unsupported_media_type", "Send JSON with 'Content-Type: application/json'."
        )
    try:
        payload = request.get_json(silent=True)
    except RecursionError:  # json's decoder gives up on very deep nesting
        return error_response(400, "bad_json", "The JSON is nested too deeply.")
    if not isinstance(payload, dict):
        return error_response(400, "bad_json", "The body must be a JSON object.")
    has_text, has_texts = "text" in payload, "texts" in payload
    if has_text == has_texts:
        return error_response(400, "bad_request", "Send exactly one of 'text' or 'texts'.")
    try:
        context = _context(payload)
    except ValueError as error:
        return error_response(400, "bad_context", str(error))

    limit = current_app.config["MAX_TEXT_CHARS"]
    texts = [payload["text"]] if has_text else payload["texts"]
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        return error_response(
            400, "bad_request", "'text' must be a string; 'texts' a list of strings."
        )
    if has_texts and not texts:
        return error_response(400, "empty", "'texts' is empty.")
    max_texts = current_app.config["MAX_BATCH_TEXTS"]
    if len(texts) > max_texts:
        return error_response(
            413, "too_many", f"{len(texts)} texts sent; at most {max_texts} per request."
        )
    for i, text in enumerate(texts):
        where = "'text'" if has_text else f"texts[{i}]"
        if len(text) > limit:
            return error_response(
                413, "too_long", f"{where} has {len(text):,} characters; the limit is {limit:,}."
            )
        if not valid_unicode(text):
            return error_response(400, "bad_text", f"{where} {BAD_CHARACTER}")
    take_token()
    engine = get_engine()
    try:
        if has_text:
            return jsonify(engine.check(texts[0], context=context).to_dict())
        reports = engine.check_many(texts, context=context) if context else engine.check_many(texts)
        return jsonify([r.to_dict() for r in reports])
    except InputError as error:
        where = "" if has_text else _culprit(engine, texts)
        return error_response(input_error_status(error), error.code, where + str(error))


def _culprit(engine: Any, texts: list[str]) -> str:
    """'texts[i]: ' for the first text the engine rejects (the batch error does not say)."""
    for i, text in enumerate(texts):
        try:
            engine.check(text)
        except InputError:
            return f"texts[{i}]: "
    return ""
