"""Hostile and unusual web input: odd file names, odd JSON, formulas, huge files, bad context."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from conftest import FakeEngine, make_app
from extract_samples import build_docx
from hostile_files import forged_zip

from smartcheck.reports.formats import to_csv
from smartcheck.reports.summary import Item

NAME = "UPR submission – Examplia 2027.docx"  # an en dash: not Latin-1
FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"Ratify the Convention by 2027\")",
            "+Adopt a law against torture by 2027.", "-Adopt a law against torture by 2028.",
            "@SUM(A1) Adopt a law against torture by 2029.",
            "\tAdopt a law against torture by 2030."]


@pytest.fixture
def app() -> Any:
    """The app with the fake engine."""
    return make_app(FakeEngine(), BATCH_DUPLICATES="lexical")


def upload(client: Any, data: bytes, name: str) -> Any:
    """Upload a file and follow the redirect to the result page."""
    response = client.post("/check-file/", data={"file": (io.BytesIO(data), name)},
                           content_type="multipart/form-data")
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return response.headers["Location"]


# --- 2. non-Latin-1 download names ---------------------------------------------------------


def test_every_download_of_a_non_latin1_name_is_200(app, tmp_path: Path) -> None:
    client = app.test_client()
    result = upload(client, build_docx(tmp_path / "s.docx").read_bytes(), NAME)
    for fmt, suffix in (("csv", "report.csv"), ("json", "report.json"),
                        ("html", "report.html"), ("docx", "annotated.docx")):
        response = client.get(f"{result}/{fmt}")
        assert response.status_code == 200, fmt
        header = response.headers["Content-Disposition"]
        wanted = f"UPR submission – Examplia 2027-smartcheck-{suffix}"
        assert f"filename*=UTF-8''{quote(wanted, safe='')}" in header
        assert f'filename="UPR submission _ Examplia 2027-smartcheck-{suffix}"' in header
        header.encode("latin-1")  # what the WSGI server must be able to send


def test_attachment_header_for_odd_names() -> None:
    from web.downloads import ascii_fallback, attachment

    assert attachment("report.csv") == 'attachment; filename="report.csv"'
    header = attachment('Résumé "final"\r\n.csv')
    assert 'filename="Resume _final.csv"' in header
    assert "filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.csv" in header
    assert ascii_fallback("مراجعة.docx") == "download.docx"


def test_workshop_export_name_is_safe(tmp_path: Path) -> None:
    from workshop_fixtures import create, workshop_app

    app = workshop_app(FakeEngine(), tmp_path / "ws.sqlite")
    host = app.test_client()
    code, _ = create(host)
    response = host.get(f"/workshops/{code}/host/export.csv")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="workshop-{code}.csv"')


# --- 3. /api/check: lone surrogates and deep nesting ----------------------------------------


@pytest.mark.parametrize("body", [
    '{"text": "Ratify the Convention \\udc80 by 2027."}',
    '{"texts": ["Ratify the Convention by 2027.", "\\udc80"]}',
    '{"text": "Ratify the Convention by 2027.", "context": {"state": "\\ud800"}}',
])
def test_lone_surrogates_are_a_400_json_error(app, body: str) -> None:
    response = app.test_client().post("/api/check", data=body,
                                      content_type="application/json")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] in ("bad_text", "bad_context")
    assert "surrogate" in error["message"]


@pytest.mark.parametrize("body", ["[" * 5000 + "]" * 5000,
                                  '{"text": ' + "[" * 5000 + "]" * 5000 + "}",
                                  '{"a": ' * 5000 + "1" + "}" * 5000])
def test_json_nested_5000_deep_is_a_400_json_error(app, body: str) -> None:
    response = app.test_client().post("/api/check", data=body,
                                      content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] in ("bad_json", "bad_request")


# --- 8. context values ----------------------------------------------------------------------


@pytest.mark.parametrize(("context", "phrase"), [
    ({"next_review_year": 10**30}, "between 2000 and 2100"),
    ({"next_review_year": -5}, "between 2000 and 2100"),
    ({"state": "x" * 900_000}, "the limit is 200"),
    ({"issue": "y" * 201}, "the limit is 200"),
])
def test_implausible_context_is_refused(app, context: dict, phrase: str) -> None:
    response = app.test_client().post("/api/check", json={
        "text": "Ratify the Convention by 2027.", "context": context})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_context"
    assert phrase in response.get_json()["error"]["message"]


def test_a_plausible_context_is_used(app) -> None:
    response = app.test_client().post("/api/check", json={
        "text": "Continue efforts.", "context": {"next_review_year": 2029, "state": "Examplia"}})
    assert response.status_code == 200


def test_secret_key_file_lives_under_the_data_dir(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from web import persistent_secret_key

    monkeypatch.delenv("SMARTCHECK_SECRET_KEY", raising=False)
    monkeypatch.setenv("SMARTCHECK_DATA_DIR", str(tmp_path / "data"))
    key = persistent_secret_key()
    assert (tmp_path / "data" / "secret_key").read_text().strip() == key
    assert persistent_secret_key() == key  # kept across restarts


# --- 6. spreadsheet formulas ----------------------------------------------------------------


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]


def test_no_csv_cell_of_the_batch_report_starts_a_formula(app) -> None:
    client = app.test_client()
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["Recommendation"])
    for text in FORMULAS:
        writer.writerow([text])
    result = upload(client, rows.getvalue().encode(), "list.csv")
    body = client.get(f"{result}/csv").get_data(as_text=True)
    cells = _cells(body)
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=HYPERLINK(\"http://evil.example\",\"Ratify the Convention by 2027\")" in cells


def test_to_csv_and_the_workshop_export_share_one_neutraliser() -> None:
    from smartcheck.reports.formats import safe_cell
    from web.workshop import scores

    engine = FakeEngine()
    items = [Item(engine.check(text), "-1", "@row") for text in FORMULAS]
    cells = _cells(to_csv(items))
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert scores.safe_cell is safe_cell
    assert safe_cell(-5) == -5 and safe_cell("Adopt") == "Adopt"


# --- 7. size and time limits on the web -----------------------------------------------------


def test_recommendations_per_upload_are_bounded_and_the_report_says_so(tmp_path: Path) -> None:
    app = make_app(FakeEngine(), BATCH_DUPLICATES="lexical", BATCH_MAX_RECOMMENDATIONS=10)
    client = app.test_client()
    lines = "\n".join(f"Adopt a law on matter {n} by 2027." for n in range(1, 31))
    result = upload(client, lines.encode(), "many.txt")
    page = client.get(result).get_data(as_text=True)
    assert "Checked the first 10 of 30 recommendations" in page
    data = json.loads(client.get(f"{result}/json").get_data(as_text=True))
    assert len(data["reports"]) == 10
    assert any("first 10 of 30" in w for w in data["source"]["warnings"])


class SlowEngine(FakeEngine):
    """A fake engine that takes 50 ms per recommendation."""

    def check(self, text: str, context: dict | None = None) -> Any:
        """Score slowly."""
        time.sleep(0.05)
        return super().check(text, context)


def test_checking_stops_at_the_time_budget_with_a_clear_message() -> None:
    app = make_app(SlowEngine(), BATCH_DUPLICATES="lexical", BATCH_TIME_LIMIT_SECONDS=1)
    lines = "\n".join(f"Adopt a law on matter {n} by 2027." for n in range(1, 201))
    started = time.monotonic()
    response = app.test_client().post(
        "/check-file/", data={"file": (io.BytesIO(lines.encode()), "slow.txt")},
        content_type="multipart/form-data")
    elapsed = time.monotonic() - started
    text = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "took longer than the 1 s this server allows" in text
    assert re.search(r"stopped after \d+ of 200 recommendations", text)
    assert elapsed < 6  # 200 × 50 ms would be 10 s


def test_a_2000_page_pdf_stops_at_the_time_budget(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for n in range(2000):
        pdf.add_page()
        pdf.cell(0, 6, f"{n + 1}. Adopt a law on matter {n} by 2027.")
    data = bytes(pdf.output())
    # reading it takes ~1.3 s here (84 s for the dense one in the issue): a 0.5 s budget
    app = make_app(FakeEngine(), BATCH_DUPLICATES="lexical", BATCH_TIME_LIMIT_SECONDS=0.5)
    started = time.monotonic()
    response = app.test_client().post(
        "/check-file/", data={"file": (io.BytesIO(data), "long.pdf")},
        content_type="multipart/form-data")
    elapsed = time.monotonic() - started
    assert response.status_code == 413
    assert "took too long" in response.get_data(as_text=True)
    assert elapsed < 15


def test_a_docx_holding_180_mb_of_xml_is_refused_quickly(app) -> None:
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    # varied enough to compress only ~70:1, so the declared sizes look like a real document
    data = forged_zip(buffer.getvalue(), "word/document.xml", 180 * 1024**2, claimed=None,
                      varied=True)
    assert len(data) < 20_000_000
    started = time.monotonic()
    response = app.test_client().post(
        "/check-file/", data={"file": (io.BytesIO(data), "huge.docx")},
        content_type="multipart/form-data")
    assert time.monotonic() - started < 5
    assert response.status_code == 413
    assert "more than 40 MB of text" in response.get_data(as_text=True)


def test_a_docx_of_100000_paragraphs_stops_at_the_time_budget() -> None:
    from hostile_files import many_paragraphs_docx

    data = many_paragraphs_docx(100_000)  # ~17 s of python-docx without a budget
    app = make_app(FakeEngine(), BATCH_DUPLICATES="lexical", BATCH_TIME_LIMIT_SECONDS=1)
    started = time.monotonic()
    response = app.test_client().post(
        "/check-file/", data={"file": (io.BytesIO(data), "long.docx")},
        content_type="multipart/form-data")
    assert response.status_code == 413
    assert "took too long" in response.get_data(as_text=True)
    assert time.monotonic() - started < 6


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads Linux /proc")
def test_memory_does_not_stay_up_after_a_huge_upload() -> None:
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    script = (
        "import io, sys\n"
        "sys.path.insert(0, 'tests')\n"
        "from conftest import FakeEngine, make_app\n"
        "from hostile_files import many_paragraphs_docx\n"
        "def rss(): return int(open('/proc/self/statm').read().split()[1]) * 4096 // 2**20\n"
        "data = many_paragraphs_docx(150_000)\n"
        "client = make_app(FakeEngine(), BATCH_TIME_LIMIT_SECONDS=3).test_client()\n"
        "client.get('/check-file/')\n"
        "before = rss()\n"
        "r = client.post('/check-file/', data={'file': (io.BytesIO(data), 'big.docx')},\n"
        "                content_type='multipart/form-data')\n"
        "print(r.status_code, before, rss())\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=root, env={**os.environ, "PYTHONPATH": str(root)}, timeout=120)
    status, before, after = (int(v) for v in done.stdout.split()[-3:])
    assert status == 413, done.stderr[-2000:]
    assert after - before < 80, f"{before} MB -> {after} MB"
