"""Small static pages: placeholders for sections that other blueprints will provide."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from web.nav import NAV

bp = Blueprint("pages", __name__)


@bp.get("/soon/<slug>")
def soon(slug: str) -> str:
    """'Coming soon' page for a nav entry whose blueprint is not registered yet."""
    labels = {s: label for label, _endpoint, s in NAV}
    if slug not in labels:
        abort(404)
    return render_template("soon.html", section=labels[slug])
