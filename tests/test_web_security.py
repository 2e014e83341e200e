"""CSRF, the rate limit, security headers and the error pages."""

from __future__ import annotations

import re

from conftest import make_app

WEAK = "Continue efforts to combat discrimination against women."


def csrf_token(client, path: str = "/") -> str:
    """The CSRF token embedded in a page's form."""
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_form_post_without_csrf_token_is_rejected(fake_engine) -> None:
    client = make_app(fake_engine, WTF_CSRF_ENABLED=True).test_client()
    r = client.post("/", data={"text": WEAK})
    assert r.status_code == 400
    assert "This form has expired" in r.get_data(as_text=True)
    assert fake_engine.calls == 0


def test_form_post_with_csrf_token_works_and_htmx_sends_it_as_header(fake_engine) -> None:
    client = make_app(fake_engine, WTF_CSRF_ENABLED=True).test_client()
    token = csrf_token(client)
    assert client.post("/", data={"text": WEAK, "csrf_token": token}).status_code == 200
    page = client.get("/").get_data(as_text=True)
    header = re.search(r"""<body hx-headers='\{"X-CSRFToken": "([^"]+)"\}'>""", page)
    form_token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert header is not None and header.group(1) == form_token
    r = client.post("/", data={"text": WEAK}, headers={"HX-Request": "true", "X-CSRFToken": token})
    assert r.status_code == 200
    assert fake_engine.calls == 2


def test_rate_limit_returns_429_with_retry_after(fake_engine) -> None:
    client = make_app(fake_engine, RATELIMIT_ENABLED=True, RATELIMIT_PER_MINUTE=3).test_client()
    statuses = [client.post("/api/check", json={"text": WEAK}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    r = client.post("/api/check", json={"text": WEAK})
    assert r.get_json()["error"]["code"] == "rate_limited"
    assert int(r.headers["Retry-After"]) >= 1
    page = client.post("/", data={"text": WEAK})
    assert page.status_code == 429 and "Too many checks" in page.get_data(as_text=True)
    # Reading pages costs nothing; only checks count.
    assert client.get("/").status_code == 200
    assert client.get("/learn/").status_code == 200
    assert fake_engine.calls == 3


def test_rate_limit_is_per_client_address(fake_engine) -> None:
    client = make_app(fake_engine, RATELIMIT_ENABLED=True, RATELIMIT_PER_MINUTE=1).test_client()
    a = {"REMOTE_ADDR": "10.0.0.1"}
    b = {"REMOTE_ADDR": "10.0.0.2"}
    assert client.post("/api/check", json={"text": WEAK}, environ_base=a).status_code == 200
    assert client.post("/api/check", json={"text": WEAK}, environ_base=a).status_code == 429
    assert client.post("/api/check", json={"text": WEAK}, environ_base=b).status_code == 200


def test_default_rate_limit_is_generous() -> None:
    from web import DEFAULTS

    assert DEFAULTS["RATELIMIT_PER_MINUTE"] >= 120


def test_security_headers_on_pages_and_api(fake_client) -> None:
    for path in ("/", "/api/health", "/learn/", "/missing"):
        h = fake_client.get(path).headers
        csp = h["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp
        assert h["X-Content-Type-Options"] == "nosniff"
        assert h["X-Frame-Options"] == "DENY"
        assert h["Referrer-Policy"] == "same-origin"


def test_no_inline_scripts_or_styles_in_pages(fake_client) -> None:
    # The CSP would block them, so none may be needed.
    for path in ("/", f"/?text={WEAK}", "/learn/", "/learn/smart", "/learn/quiz", "/api/"):
        page = fake_client.get(path).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), path
        assert "<style" not in page and " style=" not in page, path
        assert not re.search(r"\son[a-z]+=", page), path


def test_404_page_is_in_the_site_style(fake_client) -> None:
    r = fake_client.get("/no/such/page")
    page = r.get_data(as_text=True)
    assert r.status_code == 404
    assert "Page not found" in page and 'class="site-header"' in page
    assert 'href="/"' in page


def test_500_page_shows_no_stack_trace() -> None:
    class Broken:
        def check(self, text, context=None):
            raise RuntimeError("secret internal detail")

    client = make_app(Broken()).test_client()
    r = client.post("/", data={"text": WEAK})
    body = r.get_data(as_text=True)
    assert r.status_code == 500
    assert "Something went wrong on our side" in body
    assert "secret internal detail" not in body and "Traceback" not in body
    r = client.post("/api/check", json={"text": WEAK})
    assert r.status_code == 500
    assert r.get_json()["error"]["code"] == "internal_error"
    assert "secret" not in r.get_data(as_text=True)
