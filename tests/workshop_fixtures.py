"""Workshop test helpers: an app with its own database file, and the create/join steps."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import make_app

STRONG = "Repeal articles 40 to 44 of the Civil Code on full guardianship by 2027."


def workshop_app(engine: Any, db_path: Path, **overrides: Any) -> Any:
    """A test app whose workshops live in `db_path`."""
    return make_app(engine, DATABASE_URL=f"sqlite:///{db_path}", **overrides)


@pytest.fixture
def ws_app(engine: Any, tmp_path: Path) -> Any:
    """An app (real engine, CSRF off) with a fresh workshop database."""
    return workshop_app(engine, tmp_path / "ws.sqlite")


@pytest.fixture
def host(ws_app: Any) -> Any:
    """The facilitator's browser."""
    return ws_app.test_client()


def csrf_token(page: str) -> str:
    """The CSRF token of the first form on a page."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "no CSRF token on the page"
    return match.group(1)


def create(client: Any, source: str = "smart-basics", **fields: str) -> tuple[str, str]:
    """Create a workshop as the facilitator; returns (join code, facilitator key)."""
    data = {"source": source, **fields}
    if "csrf_token" not in data and client.application.config.get("WTF_CSRF_ENABLED"):
        data["csrf_token"] = csrf_token(client.get("/workshops/new").get_data(as_text=True))
    response = client.post("/workshops/new", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    code = re.search(r"/workshops/([0-9A-Z]{6})/host", response.headers["Location"]).group(1)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    link = html.unescape(re.search(r'id="host-link" href="([^"]+)"', page).group(1))
    key = parse_qs(urlsplit(link).query)["key"][0]
    return code, key


def act(client: Any, code: str, do: str, **fields: Any) -> Any:
    """One facilitator action."""
    return client.post(f"/workshops/{code}/host/action", data={"do": do, **fields})


def join(app: Any, code: str, name: str = "Amina") -> Any:
    """A new participant's browser, joined to the workshop."""
    client = app.test_client()
    response = client.post("/workshops/join", data={"code": code, "name": name})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return client
