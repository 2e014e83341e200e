"""The workshop room in headless chromium: projector view, create form, layouts, keyboard, axe."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from a11y import assert_accessible
from conftest import make_app, running_server, watch_console
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

REWRITE = (
    "Repeal articles 40 to 44 of the Civil Code on full guardianship by 2027 and replace them "
    "with supported decision-making, in line with article 12 of the CRPD."
)


@pytest.fixture(scope="module")
def room_server(engine: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app under waitress with CSRF on and its own workshop database; yields the base URL."""
    db = tmp_path_factory.mktemp("browser-room") / "ws.sqlite"
    app = make_app(engine, WTF_CSRF_ENABLED=True, TESTING=False, DATABASE_URL=f"sqlite:///{db}",
                   WORKSHOP_BOARD_POLL_SECONDS=1, WORKSHOP_PARTICIPANT_POLL_SECONDS=1)
    with running_server(app, threads=6) as url:
        yield url


def context(browser: Any, width: int, height: int, **options: Any) -> Any:
    """A fresh browser context of the given viewport."""
    ctx = browser.new_context(viewport={"width": width, "height": height}, **options)
    ctx.set_default_timeout(15_000)
    return ctx


def create_workshop(page: Any, base: str, start: bool = True) -> tuple[str, str]:
    """Create a SMART-basics workshop as the facilitator; returns (display code, key)."""
    page.goto(base + "/workshops/new")
    page.get_by_role("button", name="Create workshop").click()
    expect(page.locator("#join-code")).to_have_text(re.compile(r"^\w{3}-\w{3}$"))
    code = page.locator("#join-code").inner_text()
    key = parse_qs(urlsplit(page.locator("#host-link").get_attribute("href")).query)["key"][0]
    if start:
        page.get_by_role("button", name="Start exercise 1").click()
        expect(page.locator(".ws-pill")).to_have_text("Running")
    return code, key


def join(page: Any, base: str, code: str, name: str) -> None:
    """Join the workshop with the form."""
    page.goto(base + "/workshops/")
    page.get_by_label("Workshop code").fill(code)
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Join").click()
    expect(page.locator(".ws-me")).to_have_text(name)


def test_projector_view_at_1920_shows_the_room_live_without_controls_or_key(
    room_server: str, browser: Any, shots: Path
) -> None:
    desk, screen_ctx, phone = (context(browser, 1280, 900), context(browser, 1920, 1080),
                               context(browser, 390, 844, has_touch=True))
    try:
        facilitator = desk.new_page()
        code, key = create_workshop(facilitator, room_server)
        link = facilitator.get_by_role("link", name="Open the projector view")
        expect(link).to_be_visible()
        # The projector is another browser (the room's PC): the key travels once, in the link.
        screen = screen_ctx.new_page()
        errors = watch_console(screen)
        href = link.get_attribute("href")
        screen.goto(f"{room_server}{href}?key={key}")
        expect(screen).to_have_url(re.compile(r"/screen$"))
        expect(screen.locator("#join-code")).to_have_text(code)
        expect(screen.locator("#exercise-heading")).to_have_text("Make it specific")
        assert key not in screen.content()
        assert screen.locator("button, form, input, textarea, select, nav").count() == 0
        # Large type: readable from the back of the room.
        font = "e => parseFloat(getComputedStyle(e).fontSize)"
        size = screen.locator("#join-code").evaluate(font)
        weak = screen.locator(".ws-weak-text").evaluate(font)
        assert size >= 64 and weak >= 28, (size, weak)
        assert screen.evaluate("document.documentElement.scrollWidth") <= 1920

        participant = phone.new_page()
        join(participant, room_server, code.lower(), "Amina")
        participant.locator("#ws-text").fill(REWRITE)
        expect(participant.locator("#marked-draft")).to_contain_text("supported decision-making",
                                                                   timeout=30_000)
        participant.get_by_role("button", name="Submit my rewrite").click()
        expect(participant.locator(".ws-ok")).to_contain_text("Submitted.")
        # The projector picks the submission up by itself.
        expect(screen.locator("#stat-submitted")).to_have_text("1", timeout=10_000)
        expect(screen.locator(".ws-sub-text").first).to_contain_text("supported decision-making")
        assert "Amina" not in screen.locator("main").inner_text()
        assert key not in screen.content()
        assert_accessible(screen, "projector view")
        screen.screenshot(path=str(shots / "workshop-projector.png"))
        assert not errors, errors
    finally:
        for ctx in (desk, screen_ctx, phone):
            ctx.close()


def test_my_own_exercise_opens_its_form(room_server: str, browser: Any) -> None:
    ctx = context(browser, 1280, 900)
    try:
        page = ctx.new_page()
        page.goto(room_server + "/workshops/new")
        weak = page.get_by_label("Weak recommendation (required)")
        expect(weak).to_be_hidden()
        page.get_by_role("radio", name=re.compile("My own exercise")).check()
        expect(weak).to_be_visible()
        weak.fill("Consider ratifying the Convention against Torture.")
        # Back to a set: the form may close again, and the choice is kept on the radio.
        page.get_by_role("radio", name=re.compile("SMART basics")).check()
        expect(weak).to_be_hidden()
        page.get_by_role("radio", name=re.compile("My own exercise")).check()
        expect(weak).to_have_value("Consider ratifying the Convention against Torture.")
        page.get_by_role("button", name="Create workshop").click()
        expect(page.locator("#exercise-heading")).to_be_visible()
        assert "Consider ratifying the Convention against Torture." in page.locator(
            ".ws-weak-text").inner_text()
    finally:
        ctx.close()


def test_participant_at_1280_and_host_at_390_read_cleanly(
    room_server: str, browser: Any, shots: Path
) -> None:
    desk, phone, wide = (context(browser, 1280, 900), context(browser, 390, 844, has_touch=True),
                         context(browser, 1280, 900))
    try:
        facilitator = desk.new_page()
        code, key = create_workshop(facilitator, room_server)
        participant = wide.new_page()
        join(participant, room_server, code, "Bo")
        expect(participant.locator("#ws-results .badges .badge")).to_have_count(5)
        for badge in participant.locator("#ws-results .badge").all():
            verdict = badge.locator(".badge-verdict").bounding_box()
            reason = badge.locator(".badge-reason").bounding_box()
            name = badge.locator(".badge-name")
            assert verdict and reason
            apart = (reason["x"] - (verdict["x"] + verdict["width"]) >= 8
                     or reason["y"] >= verdict["y"] + verdict["height"])
            assert apart, (badge.inner_text(), verdict, reason)
            lines = name.evaluate(
                "e => { const r = document.createRange(); r.selectNodeContents(e);"
                " return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }")
            assert lines == 1, f"{name.inner_text()} wraps onto {lines} lines"

        host = phone.new_page()
        host.goto(f"{room_server}/workshops/{code.replace('-', '')}/host?key={key}")
        expect(host.locator("#join-code")).to_have_text(code)
        assert host.evaluate("document.documentElement.scrollWidth") <= 390
        for url in host.locator(".ws-url").all():
            breaks = url.evaluate(
                """e => { const t = e.textContent, out = []; let last = null;
                  const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
                  let offset = 0, node;
                  while ((node = walker.nextNode())) {
                    for (let i = 0; i < node.length; i++) {
                      const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                      const box = r.getBoundingClientRect();
                      if (!box.width) { continue; }
                      if (last !== null && box.top > last + 2) { out.push(offset + i); }
                      last = box.top;
                    }
                    offset += node.length;
                  }
                  return out.map(i => [t[i - 1], t[i]]); }""")
            for before, after in breaks:  # a line may only end after / ? & = or before ?
                assert before in "/?&=" or after == "?", (url.inner_text(), breaks)
        host.screenshot(path=str(shots / "workshop-host-phone.png"))
    finally:
        for ctx in (desk, phone, wide):
            ctx.close()


def test_participant_uses_only_the_keyboard(room_server: str, browser: Any) -> None:
    desk, phone = context(browser, 1280, 900), context(browser, 390, 844, is_mobile=True,
                                                       has_touch=True)
    try:
        facilitator = desk.new_page()
        code, _key = create_workshop(facilitator, room_server)
        page = phone.new_page()
        page.goto(room_server + "/workshops/")

        def tab_to(selector: str, limit: int = 40) -> None:
            """Press Tab until the element matching `selector` has the focus."""
            for _ in range(limit):
                if page.evaluate(f"document.activeElement.matches({selector!r})"):
                    return
                page.keyboard.press("Tab")
            raise AssertionError(f"Tab never reached {selector}")

        tab_to("#code")
        page.keyboard.type(code.lower())
        tab_to("#name")
        page.keyboard.type("Chidi")
        page.keyboard.press("Enter")
        expect(page.locator("#exercise-heading")).to_have_text("Make it specific")
        expect(page.locator("#ws-results .badges .badge")).to_have_count(5)  # the weak text's
        tab_to("#ws-text")
        page.keyboard.press("Control+A")
        page.keyboard.type(REWRITE, delay=1)
        expect(page.locator("#ws-text")).to_have_value(REWRITE)
        tab_to("#ws-form button:not([type]), #ws-form button[formaction]")
        tab_to("#ws-form button[formaction]")  # Check
        page.keyboard.press("Enter")
        expect(page.locator("#marked-draft")).to_contain_text("supported decision-making",
                                                            timeout=30_000)
        assert_accessible(page, "participant with results")
        page.locator("#ws-text").focus()
        tab_to("#ws-submit")
        page.keyboard.press("Enter")
        expect(page.locator(".ws-ok")).to_contain_text("Submitted.")
        expect(facilitator.locator(".ws-sub")).to_have_count(1, timeout=10_000)
    finally:
        desk.close()
        phone.close()


def test_workshop_pages_have_no_serious_axe_violations(room_server: str, browser: Any) -> None:
    desk, phone = context(browser, 1280, 900), context(browser, 390, 844, has_touch=True)
    try:
        facilitator = desk.new_page()
        facilitator.goto(room_server + "/workshops/")
        assert_accessible(facilitator, "workshops index")
        facilitator.goto(room_server + "/workshops/new")
        assert_accessible(facilitator, "create form")
        facilitator.get_by_role("radio", name=re.compile("My own exercise")).check()
        assert_accessible(facilitator, "create form, own exercise open")
        code, _key = create_workshop(facilitator, room_server, start=False)
        assert_accessible(facilitator, "host, waiting")
        participant = phone.new_page()
        join(participant, room_server, code, "Dana")
        assert_accessible(participant, "participant, waiting")
        facilitator.get_by_role("button", name="Start exercise 1").click()
        expect(participant.locator("#exercise-heading")).to_be_visible(timeout=10_000)
        expect(participant.locator("#ws-results .badges .badge")).to_have_count(5)
        assert_accessible(participant, "participant, exercise open")
        participant.locator("#ws-text").fill(REWRITE)
        participant.get_by_role("button", name="Submit my rewrite").click()
        expect(participant.locator(".ws-ok")).to_be_visible()
        assert_accessible(participant, "participant, submitted")
        facilitator.reload()
        facilitator.get_by_role("button", name=re.compile("Spotlight")).click()
        facilitator.get_by_role("button", name="Reveal model answer").click()
        assert_accessible(facilitator, "host, spotlight and answer")
        facilitator.goto(facilitator.url.split("#")[0].split("?")[0].replace("/host", "/screen"))
        assert_accessible(facilitator, "projector, spotlight and answer")
        expect(participant.locator(".ws-answer")).to_be_visible(timeout=10_000)
        assert_accessible(participant, "participant, answer revealed")
    finally:
        desk.close()
        phone.close()
