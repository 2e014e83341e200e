"""The lesson in headless chromium: the try-it box and the quiz."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_try_it_box_checks_as_you_type(live_server, page) -> None:
    page.goto(live_server + "/learn/time-bound")
    box = page.locator("#try-time_bound-text")
    box.fill("Ratify the Optional Protocol to the Convention against Torture by 2027.")
    result = page.locator("#try-time_bound-result .try-focus")
    result.wait_for()
    assert result.inner_text().startswith("Time-bound: passes")
    box.fill("Ratify the Optional Protocol to the Convention against Torture as soon as possible.")
    expect(result).not_to_contain_text("passes")
    assert result.inner_text().startswith("Time-bound:")


def test_quiz_gives_feedback(live_server, page) -> None:
    page.goto(live_server + "/learn/quiz")
    page.locator('input[name="q1"][value="t"]').check()
    page.locator('input[name="q2"][value="4"]').check()
    page.get_by_role("button", name="Check my answers").click()
    page.locator(".score-line").wait_for()
    assert "You got 1 of 5 right." in page.locator(".score-line").inner_text()
    assert page.locator("#q1 .feedback.right").count() == 1
    assert page.locator("#q2 .feedback.wrong").count() == 1
