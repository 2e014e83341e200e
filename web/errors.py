"""Error pages in the site's style (HTML) or JSON errors under /api/; never a stack trace."""

from __future__ import annotations

import logging
import math

from flask import Flask, Response, jsonify, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from smartcheck.errors import InputError, InputTooLongError
from web.limits import Limited
from web.render import render_page

log = logging.getLogger(__name__)

TITLES = {
    400: "That request could not be understood",
    404: "Page not found",
    405: "That method is not allowed here",
    413: "That is too much text",
    415: "Unsupported content type",
    429: "Too many requests",
    500: "Something went wrong on our side",
}
CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
    500: "internal_error",
}


def wants_json() -> bool:
    """API clients get JSON errors; people get pages."""
    return request.path.startswith("/api/")


def error_response(status: int, code: str, message: str) -> Response:
    """A JSON or HTML error response with the given status."""
    if wants_json():
        response = jsonify({"error": {"code": code, "message": message}})
    else:
        title = TITLES.get(status, "Error")
        html = render_page("error.html", "results", status=status, title=title, message=message)
        response = Response(html, mimetype="text/html")
    response.status_code = status
    return response


def input_error_status(error: InputError) -> int:
    """413 for text over the length limit, 400 for every other input problem."""
    return 413 if isinstance(error, InputTooLongError) else 400


def init_app(app: Flask) -> None:
    """Register the handlers."""

    @app.errorhandler(InputError)
    def _input(error: InputError) -> Response:
        return error_response(input_error_status(error), error.code, str(error))

    @app.errorhandler(Limited)
    def _limited(error: Limited) -> Response:
        wait = max(1, math.ceil(error.retry_after))
        response = error_response(429, "rate_limited", error.message)
        response.headers["Retry-After"] = str(wait)
        return response

    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError) -> Response:
        return error_response(
            400,
            "csrf",
            "This form has expired or was sent from elsewhere. Reload the page "
            "and try again; your draft is kept in the address bar.",
        )

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> Response:
        status = error.code or 500
        message = {
            404: "There is no page at this address.",
            413: "The request is larger than this server accepts.",
        }.get(status, error.description or TITLES.get(status, "Error"))
        response = error_response(status, CODES.get(status, "http_error"), message)
        if status == 405 and error.get_response().headers.get("Allow"):
            response.headers["Allow"] = error.get_response().headers["Allow"]
        return response

    @app.errorhandler(Exception)
    def _crash(error: Exception) -> Response:
        if isinstance(error, HTTPException):
            return _http(error)
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(
            500,
            "internal_error",
            "The checker hit an unexpected problem. It has been logged; please try again.",
        )
