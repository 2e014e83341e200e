"""One workshop exercise end to end in two browsers: facilitator and participant (phone)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import make_app, running_server, watch_console
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

REWRITE = (
    "Repeal articles 40 to 44 of the Civil Code on full guardianship by 2027 and replace them "
    "with supported decision-making, in line with article 12 of the CRPD."
)
MODEL = "Repeal articles 40 to 44 of the Civil Code on full guardianship by 2027"


@pytest.fixture(scope="module")
def workshop_server(engine: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app under waitress with CSRF on and its own workshop database; yields the base URL."""
    db = tmp_path_factory.mktemp("browser-ws") / "ws.sqlite"
    app = make_app(engine, WTF_CSRF_ENABLED=True, TESTING=False, DATABASE_URL=f"sqlite:///{db}")
    with running_server(app, threads=6) as url:
        yield url


def test_one_exercise_end_to_end(workshop_server: str, browser: Any, shots: Path) -> None:
    base = workshop_server
    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    phone = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    for context in (desk, phone):
        context.set_default_timeout(15_000)
    try:
        facilitator, participant = desk.new_page(), phone.new_page()
        f_errors, p_errors = watch_console(facilitator), watch_console(participant)

        # The facilitator creates a workshop from SMART basics and starts exercise 1.
        facilitator.goto(base + "/workshops/new")
        facilitator.get_by_label("Workshop name (optional)").fill("Coalition training")
        expect(facilitator.get_by_role("radio", name=re.compile("SMART basics"))).to_be_checked()
        facilitator.screenshot(path=str(shots / "workshop-create.png"))
        facilitator.get_by_role("button", name="Create workshop").click()
        expect(facilitator.locator("#join-code")).to_have_text(re.compile(r"^\w{3}-\w{3}$"))
        code = facilitator.locator("#join-code").inner_text()
        facilitator.get_by_role("button", name="Start exercise 1").click()
        expect(facilitator.locator(".ws-pill")).to_have_text("Running")

        # The participant joins on a phone, using only the keyboard, with the code in lower case.
        participant.goto(base + "/workshops/")
        participant.get_by_label("Workshop code").focus()
        participant.keyboard.type(code.lower())
        participant.keyboard.press("Tab")
        participant.keyboard.type("Amina")
        participant.keyboard.press("Enter")
        expect(participant.locator("#exercise-heading")).to_have_text("Make it specific")
        expect(participant.locator(".ws-me")).to_have_text("Amina")
        # The weak text is checked on load, then the rewrite as it is typed.
        expect(participant.locator("#ws-results .badges .badge")).to_have_count(5)
        participant.locator("#ws-text").fill(REWRITE)
        expect(participant.locator("#marked-draft")).to_contain_text("supported decision-making")
        change = participant.locator("#ws-results .ws-change strong")
        before, after = int(change.nth(0).inner_text()), int(change.nth(1).inner_text())
        assert after > before
        assert participant.evaluate("document.documentElement.scrollWidth") <= 390
        participant.screenshot(path=str(shots / "workshop-participant.png"), full_page=True)
        participant.get_by_role("button", name="Submit my rewrite").click()
        expect(participant.locator(".ws-ok")).to_contain_text("Submitted.")
        expect(participant.locator("#mine .score-pill").first).to_have_text(f"{after}/100")

        # The facilitator's board picks the submission up by polling, with its score.
        submission = facilitator.locator(".ws-sub").filter(has_text="supported decision-making")
        expect(submission).to_have_count(1, timeout=10_000)
        expect(submission.locator(".score-pill")).to_have_text(f"{after}/100")
        expect(facilitator.locator("#stat-submitted")).to_have_text("1")
        assert "Amina" not in facilitator.locator("#board").inner_text()  # anonymous board
        submission.get_by_role("button", name=re.compile("Spotlight")).click()
        expect(facilitator.locator(".ws-spotlight-text")).to_contain_text("supported decision")
        facilitator.screenshot(path=str(shots / "workshop-board.png"), full_page=True)

        # The facilitator reveals the model answer; the participant's page shows it by itself.
        expect(participant.locator(".ws-answer")).to_have_count(0)
        facilitator.get_by_role("button", name="Reveal model answer").click()
        expect(facilitator.get_by_role("button", name="Hide model answer")).to_be_visible()
        answer = participant.locator(".ws-answer")
        expect(answer).to_contain_text(MODEL, timeout=10_000)
        expect(participant.locator("#ws-text")).to_have_value(REWRITE)  # no reload lost the text
        answer.scroll_into_view_if_needed()
        participant.screenshot(path=str(shots / "workshop-answer.png"))

        assert not f_errors, f_errors
        assert not p_errors, p_errors

        # Without the key, the controls are closed to the participant.
        forbidden = participant.goto(f"{base}/workshops/{code.replace('-', '')}/host")
        assert forbidden is not None and forbidden.status == 403
    finally:
        desk.close()
        phone.close()
