"""The lesson "Writing SMART UPR Recommendations": pages, try-it boxes and a self-check quiz."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, request

from web.lesson import CYCLE, LETTERS, MISTAKES, QUIZ, grade
from web.render import render_page
from web.views.draft import run_check

bp = Blueprint("learn", __name__)

PAGES: tuple[tuple[str, str], ...] = (
    ("learn.index", "The UPR and why recommendations matter"),
    ("learn.smart", "The five SMART criteria, with try-it boxes"),
    ("learn.ladder", "The action-category ladder"),
    ("learn.mistakes", "Common mistakes"),
    ("learn.quiz", "Self-check quiz"),
)


def _page(template: str, block: str = "results", status: int = 200, **context: Any) -> Response:
    """Render a lesson page (or its fragment) with the lesson's navigation."""
    endpoints = [e for e, _ in PAGES]
    here = request.endpoint or ""
    i = endpoints.index(here) if here in endpoints else 0
    context.update(
        pages=PAGES,
        prev_page=PAGES[i - 1] if i > 0 else None,
        next_page=PAGES[i + 1] if i + 1 < len(PAGES) else None,
    )
    html = render_page(template, block, **context)
    return Response(html, status=status, mimetype="text/html")


@bp.get("/")
def index() -> Response:
    """What the UPR is, its cycle, and why recommendations matter for civil society."""
    return _page("learn/index.html", cycle=CYCLE)


@bp.route("/smart", methods=["GET", "POST"])
def smart() -> Response:
    """Each SMART letter with a weak and a strong example and a try-it box."""
    box, texts, result, status = "", {}, {}, 200
    if request.method == "POST":
        keys = {letter.key for letter in LETTERS}
        box = request.form.get("box", "")
        if box not in keys:
            box = ""
        text = (request.form.get("text") or "").replace("\r\n", "\n")
        if box:
            texts[box] = text
        if box and text.strip():
            result, status = run_check(text, None)
    return _page(
        "learn/smart.html",
        "try_result",
        status=status,
        letters=LETTERS,
        box=box,
        texts=texts,
        result=result,
        max_chars=current_app.config["MAX_TEXT_CHARS"],
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
    return _page(
        "learn/quiz.html",
        "quiz",
        quiz=QUIZ,
        answers=answers,
        results=results,
        right=right,
        graded=request.method == "POST",
    )


@bp.app_template_global()
def lesson_pages() -> tuple[tuple[str, str], ...]:
    """The lesson's table of contents, for templates."""
    return PAGES
