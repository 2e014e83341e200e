"""The drafting page in headless chromium: live checking, rewrites, no-JS path, screenshots."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WEAK = "Continue efforts to combat discrimination against women."


def overall(page) -> int:
    """The overall score currently shown."""
    return int(page.locator(".overall-score .big").inner_text())


def watch_console(page) -> list[str]:
    """Collect console errors (CSP violations show up here)."""
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def test_type_see_verdicts_and_highlights_then_use_a_rewrite(live_server, page) -> None:
    errors = watch_console(page)
    page.goto(live_server + "/")
    page.locator("#text").press_sequentially(WEAK, delay=5)
    # Answers to the partly typed draft may arrive first: wait for the whole draft's.
    expect(page.locator("#marked-draft")).to_have_text(WEAK)
    badges = page.locator(".badges .badge")
    badges.first.wait_for()
    assert badges.count() == 5
    assert page.locator('.badge[data-criterion="specific"]').get_attribute("data-verdict") == "fail"
    marks = page.locator("#marked-draft mark.hl")
    assert marks.count() >= 1
    assert "Continue" in marks.first.inner_text()
    assert marks.first.get_attribute("title")
    assert "Overall" in page.locator("#status").inner_text()
    # The draft is kept in the address bar.
    page.wait_for_function("w => new URLSearchParams(location.search).get('text') === w", arg=WEAK)
    assert parse_qs(urlsplit(page.url).query)["text"] == [WEAK]

    before = overall(page)
    button = page.locator("button.use-this").first
    rewrite = button.get_attribute("data-use")
    button.click()
    expect(page.locator("#marked-draft")).to_have_text(rewrite)
    assert page.locator("#text").input_value() == rewrite
    assert overall(page) > before
    assert not errors, errors


def test_marks_are_keyboard_focusable_with_a_tooltip(live_server, page) -> None:
    page.goto(live_server + "/?text=" + WEAK.replace(" ", "+"))
    mark = page.locator("#marked-draft mark.hl").first
    mark.focus()
    assert page.evaluate("document.activeElement.tagName") == "MARK"
    tip = page.evaluate("getComputedStyle(document.activeElement, '::after').content")
    assert "Continue" in tip or len(tip) > 10
    described = mark.get_attribute("aria-describedby").split()[0]
    assert page.locator(f"#{described}").count() == 1


def test_draft_survives_a_reload_through_local_storage(live_server, page) -> None:
    page.goto(live_server + "/")
    page.locator("#text").fill(WEAK)
    page.locator(".badges").wait_for()
    page.goto(live_server + "/")  # no query: only localStorage has the draft
    page.locator(".badges").wait_for()
    assert page.locator("#text").input_value() == WEAK


def test_context_year_fills_the_deadline(live_server, page) -> None:
    page.goto(live_server + "/")
    page.locator("details.context summary").click()
    page.locator("#year").fill("2028")
    page.locator("#text").fill(WEAK)
    page.locator(".suggestion").first.wait_for()
    texts = page.locator(".suggestion-text").all_inner_texts()
    assert any("2028" in t for t in texts), texts


def test_no_js_form_post_path(live_server, browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server + "/")
        page.locator("#text").fill(WEAK)
        page.get_by_role("button", name="Check", exact=True).click()
        page.locator(".badges").wait_for()
        assert page.locator(".badge").count() == 5
        before = overall(page)
        button = page.locator("button.use-this").first
        rewrite = button.get_attribute("value")
        button.click()
        page.locator(".badges").wait_for()
        assert page.locator("#text").input_value() == rewrite
        assert overall(page) > before
        # JS-only controls stay hidden without JS.
        assert not page.locator("#clear-draft").is_visible()
    finally:
        context.close()


def test_screenshots_for_the_readme(live_server, browser, shots) -> None:
    text = "Take all necessary measures, as appropriate, to ensure the rights of children."
    url = live_server + "/?" + urlencode({"text": text, "year": "2027"})
    for name, size, mobile in (
        ("drafting.png", (1280, 1000), False),
        ("drafting-phone.png", (390, 844), True),
    ):
        context = browser.new_context(
            viewport={"width": size[0], "height": size[1]},
            device_scale_factor=1,
            is_mobile=mobile,
            has_touch=mobile,
        )
        try:
            page = context.new_page()
            page.goto(url)
            page.locator(".badges").wait_for()
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= size[0], f"{name}: page is {width}px wide, wider than the screen"
            # The phone shot stops after the verdicts: a 4,000-pixel strip helps no reader.
            clip = {"x": 0, "y": 0, "width": size[0], "height": 1700} if mobile else None
            page.screenshot(path=str(shots / name), full_page=True, clip=clip)
        finally:
            context.close()
        assert (shots / name).stat().st_size > 10_000
    assert re.match(r"^http://127\.0\.0\.1:\d+$", live_server)
