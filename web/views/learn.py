"""The lesson "Writing SMART UPR Recommendations": pages, try-it boxes and a self-check quiz."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, current_app, request, url_for

from web.lesson import CYCLE, LETTERS, MISTAKES, QUIZ, Letter, grade
from web.render import render_page
from web.views.draft import run_check

bp = Blueprint("learn", __name__)

BY_SLUG = {letter.slug: letter for letter in LETTERS}

# (endpoint, letter slug or None, title), in reading order.
PAGES: tuple[tuple[str, str | None, str], ...] = (
    ("learn.index", None, "The UPR and why recommendations matter"),
    ("learn.smart", None, "The five SMART criteria at a glance"),
    *(("learn.letter", letter.slug, f"{letter.letter}: {letter.name}") for letter in LETTERS),
    ("learn.ladder", None, "The action-category ladder"),
    ("learn.mistakes", None, "Common mistakes"),
    ("learn.quiz", None, "Self-check quiz"),
)


def _page_url(endpoint: str, slug: str | None) -> str:
    """URL of one lesson page."""
    return url_for(endpoint, slug=slug) if slug else url_for(endpoint)


def _page(template: str, block: str = "results", status: int = 200, **context: Any) -> Response:
    """Render a lesson page (or its fragment) with the lesson's navigation."""
    slug = (request.view_args or {}).get("slug")
    here = next((i for i, (e, s, _t) in enumerate(PAGES) if e == request.endpoint and s == slug), 0)
    pages = [
        {"url": _page_url(e, s), "title": t, "current": i == here}
        for i, (e, s, t) in enumerate(PAGES)
    ]
    context.update(
        pages=pages,
        prev_page=pages[here - 1] if here > 0 else None,
        next_page=pages[here + 1] if here + 1 < len(pages) else None,
        max_chars=current_app.config["MAX_TEXT_CHARS"],
    )
    html = render_page(template, block, **context)
    return Response(html, status=status, mimetype="text/html")


def _try_it(allowed: set[str]) -> tuple[str, dict[str, str], dict[str, Any], int]:
    """Handle a try-it box POST: (box, texts per box, results, status)."""
    if request.method != "POST":
        return "", {}, {}, 200
    box = request.form.get("box", "")
    if box not in allowed:
        return "", {}, {}, 200
    text = (request.form.get("text") or "").replace("\r\n", "\n")
    if not text.strip():
        return box, {box: text}, {}, 200
    result, status = run_check(text, None)
    return box, {box: text}, result, status


@bp.get("/")
def index() -> Response:
    """What the UPR is, its cycle, and why recommendations matter for civil society."""
    return _page("learn/index.html", cycle=CYCLE)


@bp.route("/smart", methods=["GET", "POST"])
def smart() -> Response:
    """All five SMART letters with a weak and a strong example and a try-it box each."""
    box, texts, result, status = _try_it({letter.key for letter in LETTERS})
    return _page(
        "learn/smart.html",
        "try_result",
        status=status,
        letters=LETTERS,
        box=box,
        texts=texts,
        result=result,
    )


@bp.route(
    "/<any(specific, measurable, achievable, relevant, 'time-bound'):slug>", methods=["GET", "POST"]
)
def letter(slug: str) -> Response:
    """One SMART letter in depth: the ways drafts fall short, and a try-it box."""
    item: Letter | None = BY_SLUG.get(slug)
    if item is None:
        abort(404)
    box, texts, result, status = _try_it({item.key})
    return _page(
        "learn/letter.html",
        "try_result",
        status=status,
        letter=item,
        box=box,
        texts=texts,
        result=result,
    )


@bp.get("/ladder")
def ladder() -> Response:
    """UPR Info's action-category ladder, 1 to 5."""
    return _page("learn/ladder.html")


@bp.get("/mistakes")
def mistakes() -> Response:
    """Hedges, 'continue efforts', several actions in one, and other common mistakes."""
    return _page("learn/mistakes.html", mistakes=MISTAKES)


@bp.route("/quiz", methods=["GET", "POST"])
def quiz() -> Response:
    """A short self-check quiz; answers are graded on the server, so it works without JS."""
    answers = {q.key: request.form.get(q.key, "") for q in QUIZ} if request.method == "POST" else {}
    right, results = grade(answers)
    # Nothing answered: ask for answers instead of giving every explanation away.
    empty = request.method == "POST" and not results
    return _page(
        "learn/quiz.html",
        "quiz",
        status=400 if empty else 200,
        quiz=QUIZ,
        answers=answers,
        results=results,
        right=right,
        graded=request.method == "POST" and not empty,
        empty=empty,
    )
