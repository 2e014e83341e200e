"""Check a file in headless chromium: upload (htmx and no-JS), drag and drop, report, screenshot."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import make_app, running_server, watch_console
from extract_samples import build_docx
from playwright.sync_api import expect

pytestmark = pytest.mark.browser



@pytest.fixture(scope="module")
def batch_server(engine: Any) -> Iterator[str]:
    """The app under waitress with CSRF on and lexical duplicates (no model load in tests)."""
    app = make_app(engine, WTF_CSRF_ENABLED=True, TESTING=False, BATCH_DUPLICATES="lexical")
    with running_server(app) as url:
        yield url


@pytest.fixture(scope="module")
def submission(tmp_path_factory) -> Path:
    """The synthetic submission .docx (10 planted recommendations)."""
    return build_docx(tmp_path_factory.mktemp("browser") / "submission.docx")


def test_upload_shows_the_report_and_the_chart(batch_server, page, submission: Path,
                                                shots: Path) -> None:
    errors = watch_console(page)
    page.goto(batch_server + "/check-file/")
    expect(page.locator("#dropzone .js-only").first).to_be_visible()  # batch.js ran
    page.set_input_files("#file", str(submission))
    expect(page.locator("#drop-name")).to_have_text("Selected: submission.docx")
    page.click("#batch-submit")
    report = page.locator("#batch-results .sc-report")
    expect(report).to_be_visible()
    expect(page).to_have_url(re.compile(r"/check-file/r/[A-Za-z0-9_-]+$"))  # htmx pushed it
    assert page.locator(".sc-rec").count() == 10
    chart = page.locator("#sc-category-chart")
    expect(chart).to_be_visible()
    assert chart.locator("rect.sc-bar").count() == 10
    box = chart.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 100
    assert page.locator("#sc-verdict-chart rect.sc-bar").count() == 15
    expect(page.locator("#sc-summary")).to_contain_text("Word count")
    # the report's stylesheet applied (served, not inline: the CSP forbids inline styles)
    border = page.locator(".sc-rec").first.evaluate("e => getComputedStyle(e).borderLeftWidth")
    assert border == "6px"
    assert page.locator(".sc-downloads a").count() == 4
    assert not errors, errors
    page.locator("#batch-results").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "batch-report.png"), full_page=True,
                    clip={"x": 0, "y": 0, "width": 1280, "height": 2000})
    assert (shots / "batch-report.png").stat().st_size > 10_000

    # reload of the pushed URL shows the same report as a whole page
    page.reload()
    expect(page.locator(".sc-report h1")).to_have_text("SMART check of submission.docx")


def test_progress_indicator_shows_while_checking(batch_server, page, submission: Path) -> None:
    # Record every class the indicator gets, from the moment the page starts.
    page.add_init_script("""
        window.__seen = [];
        document.addEventListener("DOMContentLoaded", () => {
            const el = document.getElementById("batch-progress");
            new MutationObserver(() => window.__seen.push(el.className))
                .observe(el, {attributes: true, attributeFilter: ["class"]});
        });
    """)
    page.goto(batch_server + "/check-file/")
    page.set_input_files("#file", str(submission))
    page.click("#batch-submit")
    expect(page.locator("#batch-results .sc-report")).to_be_visible()
    seen = page.evaluate("window.__seen")
    assert any("htmx-request" in c for c in seen), seen
    assert "htmx-request" not in page.locator("#batch-progress").get_attribute("class")
    assert page.locator("#batch-submit").is_enabled()  # hx-disabled-elt released it


def test_drag_and_drop_sets_the_file(batch_server, page, submission: Path) -> None:
    page.goto(batch_server + "/check-file/")
    data = base64.b64encode(submission.read_bytes()).decode("ascii")
    transfer = page.evaluate_handle(
        """(data) => {
            const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
            const dt = new DataTransfer();
            dt.items.add(new File([bytes], "dropped.docx"));
            return dt;
        }""", data)
    page.dispatch_event("#dropzone", "dragover", {"dataTransfer": transfer})
    expect(page.locator("#dropzone")).to_have_class(re.compile("is-over"))
    page.dispatch_event("#dropzone", "drop", {"dataTransfer": transfer})
    expect(page.locator("#drop-name")).to_have_text("Selected: dropped.docx")
    page.click("#batch-submit")
    expect(page.locator(".sc-report h1")).to_have_text("SMART check of dropped.docx")


def test_bad_file_message_keeps_the_form(batch_server, page, tmp_path: Path) -> None:
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    page.goto(batch_server + "/check-file/")
    page.set_input_files("#file", str(empty))
    page.click("#batch-submit")
    expect(page.locator("#batch-results [role=alert]")).to_contain_text("The file is empty.")
    expect(page.locator("#batch-form")).to_be_visible()


def test_without_javascript(batch_server, browser, submission: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(batch_server + "/check-file/")
        page.set_input_files("#file", str(submission))
        page.click("#batch-submit")
        page.wait_for_url(re.compile(r"/check-file/r/"))
        assert page.locator(".sc-rec").count() == 10
        assert page.locator("#sc-category-chart").is_visible()
    finally:
        context.close()
