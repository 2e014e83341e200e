"""The site navigation: one list, with placeholders for sections not built yet."""

from __future__ import annotations

from flask import current_app, url_for

# (label, endpoint, placeholder slug used while the endpoint does not exist yet)
NAV: list[tuple[str, str, str]] = [
    ("Draft", "draft.index", "draft"),
    ("Check a file", "batch.index", "check-a-file"),
    ("Workshops", "workshop.index", "workshops"),
    ("Learn", "learn.index", "learn"),
    ("API", "api.docs", "api"),
]


def nav_url(endpoint: str, slug: str) -> str:
    """URL of a nav target, or of its 'coming soon' page when no blueprint provides it yet."""
    if endpoint in current_app.view_functions:
        return url_for(endpoint)
    return url_for("pages.soon", slug=slug)
