"""One template for the full page and the htmx fragment: render a named block on HX-Request."""

from __future__ import annotations

from typing import Any

from flask import current_app, render_template
from flask_htmx import HTMX

htmx = HTMX()


def is_htmx() -> bool:
    """True when htmx sent this request (and it is not a history restore, which wants a page)."""
    return bool(htmx) and not htmx.history_restore_request


def render_block(template_name: str, block: str, **context: Any) -> str:
    """Render one block of a template with the normal template context."""
    env = current_app.jinja_env
    template = env.get_or_select_template(template_name)
    current_app.update_template_context(context)
    ctx = template.new_context(context)
    return "".join(template.blocks[block](ctx))


def render_page(template_name: str, block: str = "results", **context: Any) -> str:
    """The whole page normally; only `block` for an htmx request."""
    if is_htmx():
        return render_block(template_name, block, fragment=True, **context)
    return render_template(template_name, fragment=False, **context)
