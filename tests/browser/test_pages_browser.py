"""Every page on a phone and through axe-core: API page, navigation, report charts, lesson."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from a11y import assert_accessible, axe_violations
from conftest import make_app, running_server
from extract_samples import build_docx
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WEAK = "Continue efforts to combat discrimination against women."
LESSON = ("/learn/", "/learn/smart", "/learn/specific", "/learn/measurable", "/learn/achievable",
          "/learn/relevant", "/learn/time-bound", "/learn/ladder", "/learn/mistakes")


@pytest.fixture(scope="module")
def site(engine: Any) -> Iterator[str]:
    """The app under waitress with CSRF on and lexical duplicates; yields the base URL."""
    app = make_app(engine, WTF_CSRF_ENABLED=True, TESTING=False, BATCH_DUPLICATES="lexical")
    with running_server(app) as url:
        yield url


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A page in a 390-px-wide phone context."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                              has_touch=True, device_scale_factor=1)
    ctx.set_default_timeout(15_000)
    try:
        yield ctx.new_page()
    finally:
        ctx.close()


def test_axe_finds_a_planted_violation(site: str, page: Any) -> None:
    page.goto(site + "/api")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend',"
                  " '<img src=\"/static/favicon.svg\">')")
    assert any("image-alt" in v for v in axe_violations(page)), "axe does not run"


def test_api_page_and_navigation_fit_a_phone(site: str, phone: Any) -> None:
    for path in ("/api", "/", "/learn/", "/check-file/", "/workshops/"):
        phone.goto(site + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide"
        tops = phone.locator(".nav a").evaluate_all(
            "links => links.map(a => Math.round(a.getBoundingClientRect().top))")
        assert len(set(tops)) == 1, f"{path}: the navigation wraps ({tops})"
    phone.goto(site + "/api")
    table = phone.locator("table").last
    box = table.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    overflow = table.evaluate("t => t.scrollWidth - t.clientWidth")
    assert overflow <= 0, overflow
    assert_accessible(phone, "API page on a phone")


def test_report_chart_labels_are_readable_on_a_phone(site: str, phone: Any,
                                                     tmp_path: Path) -> None:
    phone.goto(site + "/check-file/")
    phone.set_input_files("#file", str(build_docx(tmp_path / "submission.docx")))
    phone.click("#batch-submit")
    expect(phone.locator("#batch-results .sc-report")).to_be_visible(timeout=60_000)
    sizes = phone.locator(".sc-chart text").evaluate_all(
        "ts => ts.map(t => parseFloat(getComputedStyle(t).fontSize)"
        " * t.ownerSVGElement.getScreenCTM().a)")
    assert sizes and min(sizes) >= 12, f"smallest chart label {min(sizes):.1f}px"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(phone, "file report on a phone")


def test_every_page_has_no_serious_axe_violations(site: str, page: Any, tmp_path: Path) -> None:
    page.goto(site + "/")
    assert_accessible(page, "drafting, empty")
    page.locator("#text").fill(WEAK)
    expect(page.locator(".badges .badge")).to_have_count(5)
    expect(page.locator(".suggestion").first).to_be_visible()
    assert_accessible(page, "drafting with results")
    for path in LESSON:
        page.goto(site + path)
        assert_accessible(page, path)
    page.goto(site + "/learn/time-bound")
    page.locator("#try-time_bound-text").fill("Ratify the Optional Protocol by 2027.")
    page.locator("#try-time_bound").get_by_role("button", name="Check my rewrite").click()
    expect(page.locator("#try-time_bound-result")).not_to_be_empty(timeout=30_000)
    assert_accessible(page, "lesson try-it box with a result")
    page.goto(site + "/learn/quiz")
    assert_accessible(page, "quiz")
    page.get_by_role("button", name="Check my answers").click()
    expect(page.locator("#quiz-empty")).to_be_visible()
    assert page.locator(".feedback").count() == 0  # nothing given away
    assert_accessible(page, "quiz, nothing answered")
    page.locator('input[name="q1"]').first.check()
    page.get_by_role("button", name="Check my answers").click()
    expect(page.locator(".score-line")).to_be_visible()
    assert_accessible(page, "quiz, graded")
    page.goto(site + "/api")
    assert_accessible(page, "API page")
    page.goto(site + "/check-file/")
    assert_accessible(page, "check a file")
    page.set_input_files("#file", str(build_docx(tmp_path / "submission.docx")))
    page.click("#batch-submit")
    expect(page.locator("#batch-results .sc-report")).to_be_visible(timeout=60_000)
    assert_accessible(page, "file report")
    page.goto(site + "/no-such-page")
    assert_accessible(page, "not found")
