"""The drafting page: full page, htmx fragment, no-JS form POST, context, errors."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from conftest import make_app

WEAK = "Continue efforts to combat discrimination against women."
HX = {"HX-Request": "true"}


def test_empty_page_has_the_form_and_an_invitation(fake_client, fake_engine) -> None:
    r = fake_client.get("/")
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert '<textarea id="text" name="text"' in page
    assert 'hx-trigger="submit, input changed delay:300ms"' in page
    assert 'hx-post="/"' in page and 'hx-target="#results"' in page
    assert "Start with a draft" in page
    assert '<label for="text">' in page and '<label for="state">' in page
    assert 'role="status" aria-live="polite"' in page
    assert "htmx-2.0.4.min.js" in page
    assert fake_engine.calls == 0  # no text, no check


def test_get_with_text_in_query_renders_full_results(fake_client) -> None:
    r = fake_client.get("/", query_string={"text": WEAK})
    page = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "<!doctype html>" in page
    assert f">{WEAK}</textarea>" in page
    for letter in "SMART":
        assert f'<span class="badge-letter" aria-hidden="true">{letter}</span>' in page
    assert 'data-criterion="specific" data-verdict="fail"' in page
    assert 'data-criterion="achievable" data-verdict="pass"' in page
    assert re.search(r'<mark class="hl hl-error"[^>]*>Continue</mark>', page)
    assert 'aria-current="true"' in page  # the ladder marks category 2
    assert re.search(r'class="rung current" value="2"', page)
    assert "Adopt, by [year], a law prohibiting discrimination against women." in page
    assert "Team-written exemplar" in page


def test_htmx_request_gets_only_the_fragment(fake_client) -> None:
    r = fake_client.post("/", data={"text": WEAK}, headers=HX)
    body = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "<html" not in body and "<textarea" not in body and "site-header" not in body
    assert 'class="badges"' in body
    assert '<div id="status" hx-swap-oob="innerHTML">Overall' in body
    url = r.headers["HX-Replace-Url"]
    assert parse_qs(urlsplit(url).query)["text"] == [WEAK]


def test_no_js_post_renders_the_same_results_in_the_full_page(fake_client) -> None:
    full = fake_client.post("/", data={"text": WEAK}).get_data(as_text=True)
    part = fake_client.post("/", data={"text": WEAK}, headers=HX).get_data(as_text=True)
    assert "<!doctype html>" in full
    # The results block is the same markup in both (minus the out-of-band status line).
    badges = re.search(r'<ul class="badges".*?</ul>', part, flags=re.S).group(0)
    assert badges in full


def test_use_this_button_submits_the_suggestion_without_js(fake_client) -> None:
    page = fake_client.post("/", data={"text": WEAK}).get_data(as_text=True)
    button = re.search(r'<button type="submit" form="draft-form" name="use" value="([^"]+)"', page)
    assert button is not None
    rewrite = button.group(1)
    before = int(re.search(r'<span class="big">(\d+)</span>', page).group(1))
    r = fake_client.post("/", data={"text": WEAK, "use": rewrite})
    page = r.get_data(as_text=True)
    assert f">{rewrite}</textarea>" in page
    score = int(re.search(r'<span class="big">(\d+)</span>', page).group(1))
    assert score > before


def test_context_fills_the_year_and_reaches_the_engine(fake_client) -> None:
    r = fake_client.post(
        "/", data={"text": WEAK, "state": "Chile", "year": "2027", "issue": "Women's rights"}
    )
    page = r.get_data(as_text=True)
    assert "Adopt, by 2027, a law prohibiting discrimination against women." in page
    assert 'value="Chile"' in page and "<option selected>Women&#39;s rights</option>" in page


def test_bad_context_fields_get_messages_not_errors(fake_client) -> None:
    r = fake_client.post("/", data={"text": WEAK, "year": "27", "issue": "Weather"})
    page = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "Enter a year between 2000 and 2100" in page
    assert "Choose an issue from the list." in page
    assert "Adopt, by [year]" in page  # the bad year is not passed on


def test_script_in_the_text_is_escaped_everywhere(fake_client) -> None:
    text = 'Continue efforts <script>alert("x")</script> as appropriate'
    for headers in ({}, HX):
        body = fake_client.post("/", data={"text": text}, headers=headers).get_data(as_text=True)
        assert "<script>alert" not in body
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in body


def test_whitespace_only_text_is_not_checked(fake_client, fake_engine) -> None:
    r = fake_client.post("/", data={"text": "   \n "})
    assert r.status_code == 200 and "Start with a draft" in r.get_data(as_text=True)
    assert fake_engine.calls == 0


def test_text_over_the_limit_gets_413_and_a_message(fake_client, fake_engine) -> None:
    r = fake_client.post("/", data={"text": "a" * 5001}, headers=HX)
    assert r.status_code == 413
    assert "5,001 characters" in r.get_data(as_text=True)
    assert fake_engine.calls == 0


def test_engine_input_errors_become_messages(fake_engine) -> None:
    from smartcheck.errors import NotEnglishError

    class Picky:
        def check(self, text, context=None):
            raise NotEnglishError("This does not look like English.")

    client = make_app(Picky()).test_client()
    r = client.post("/", data={"text": "Ratifiez la convention."})
    assert r.status_code == 400
    assert "This does not look like English." in r.get_data(as_text=True)


def test_nav_has_all_sections_with_placeholders(fake_client) -> None:
    page = fake_client.get("/").get_data(as_text=True)
    nav = re.search(r'<ul class="nav">.*?</ul>', page, flags=re.S).group(0)
    labels = re.findall(r">([^<]+)</a>", nav)
    assert labels == ["Draft", "Check a file", "Workshops", "Learn", "API"]
    assert 'href="/check-file/"' in nav and 'href="/workshops/"' in nav
    assert 'href="/" aria-current="page"' in nav
    assert fake_client.get("/soon/elsewhere").status_code == 404
