"""The /check-file pages: upload (with and without htmx), report, downloads, bad files, limits."""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
import zipfile
from pathlib import Path

import pytest
from conftest import FakeEngine, make_app
from docx import Document
from extract_samples import build_docx, build_pdf

from web.batch.store import ResultStore, Stored


@pytest.fixture
def batch_app(fake_engine: FakeEngine):
    """The app with the fake engine and lexical duplicate detection (no model loads)."""
    return make_app(fake_engine, BATCH_DUPLICATES="lexical")


@pytest.fixture
def web(batch_app):
    """A test client of that app."""
    return batch_app.test_client()


@pytest.fixture(scope="module")
def submission(tmp_path_factory) -> bytes:
    """The synthetic submission .docx of the extraction tests."""
    return build_docx(tmp_path_factory.mktemp("batch") / "submission.docx").read_bytes()


def post(client, data: bytes, name: str, headers: dict | None = None, **fields):
    """POST a file (multipart) to the upload view."""
    form = {"file": (io.BytesIO(data), name), **fields}
    return client.post("/check-file/", data=form, content_type="multipart/form-data",
                       headers=headers or {})


def page_intact(html: str) -> None:
    """The whole site page came back: nav, the upload form, the footer."""
    assert html.startswith("<!doctype html>")
    assert 'id="batch-form"' in html and 'enctype="multipart/form-data"' in html
    assert 'class="site-footer"' in html and 'aria-current="page"' in html


def test_upload_page_is_a_plain_form_with_csrf_and_nav(web) -> None:
    response = web.get("/check-file/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    page_intact(html)
    assert 'name="csrf_token"' in html and 'type="file"' in html and 'name="file"' in html
    assert 'hx-post="/check-file/"' in html and 'hx-indicator="#batch-progress"' in html
    assert "<style" not in html and " style=" not in html and "<script>" not in html
    assert '<a href="/check-file/" aria-current="page">Check a file</a>' in html
    assert "up to 20 MB" in html


def test_upload_without_js_redirects_to_the_report(web, submission: bytes) -> None:
    response = post(web, submission, "submission.docx")
    assert response.status_code == 303
    location = response.headers["Location"]
    assert re.fullmatch(r"/check-file/r/[A-Za-z0-9_-]{20,}", location)
    html = web.get(location).get_data(as_text=True)
    page_intact(html)
    assert "SMART check of submission.docx" in html
    assert 'id="sc-category-chart"' in html and 'id="sc-verdict-chart"' in html
    assert len(re.findall(r'<li class="sc-rec( sc-smart)?" id="rec-\d+"', html)) == 10
    assert "<style" not in html  # the page loads report.css: the CSP allows no inline styles
    for fmt in ("csv", "json", "html", "docx"):
        assert f'href="{location}/{fmt}"' in html


def test_htmx_upload_returns_the_fragment_and_pushes_the_url(web, submission: bytes) -> None:
    response = post(web, submission, "submission.docx", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert not html.lstrip().startswith("<!doctype")
    assert 'class="sc-report"' in html
    assert response.headers["HX-Push-Url"].startswith("/check-file/r/")


def test_downloads(web, submission: bytes) -> None:
    location = post(web, submission, "submission.docx").headers["Location"]
    response = web.get(location + "/csv")
    assert response.mimetype == "text/csv"
    assert "submission-smartcheck-report.csv" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 10 and rows[3]["label"] == "(a)"
    data = json.loads(web.get(location + "/json").get_data(as_text=True))
    assert data["summary"]["count"] == 10 and data["summary"]["duplicate_method"] == "lexical"
    assert data["summary"]["word_count"]["applicable"] is True
    html = web.get(location + "/html")
    assert html.get_data(as_text=True).startswith("<!doctype html>")
    assert "'unsafe-inline'" in html.headers["Content-Security-Policy"]
    docx = web.get(location + "/docx")
    assert docx.mimetype.endswith("wordprocessingml.document")
    comments = list(Document(io.BytesIO(docx.data)).comments)
    assert len(comments) == 10 and comments[0].text.startswith("smartcheck ")
    assert web.get(location + "/exe").status_code == 404


def test_no_docx_download_for_other_formats(web, tmp_path: Path) -> None:
    pdf = build_pdf(tmp_path / "submission.pdf").read_bytes()
    location = post(web, pdf, "submission.pdf").headers["Location"]
    html = web.get(location).get_data(as_text=True)
    assert "/docx" not in html
    assert web.get(location + "/docx").status_code == 404


def test_unknown_or_expired_result(web) -> None:
    response = web.get("/check-file/r/nope")
    assert response.status_code == 404
    page_intact(response.get_data(as_text=True))
    assert web.get("/check-file/r/nope/csv").status_code == 404


def test_store_is_bounded_and_expires() -> None:
    now = [0.0]
    store = ResultStore(size=2, ttl=10, clock=lambda: now[0])
    a = store.put(Stored(None, "a"))
    b = store.put(Stored(None, "b"))
    c = store.put(Stored(None, "c"))
    assert store.get(a) is None and store.get(b).filename == "b" and len(store) == 2
    assert a != b != c and len(c) >= 20
    now[0] = 11
    assert store.get(c) is None and len(store) == 0


def test_store_bounds_the_bytes_it_keeps() -> None:
    store = ResultStore(size=10, max_bytes=250)
    ids = [store.put(Stored(None, str(n), b"x" * 100)) for n in range(4)]
    assert [store.get(i) is not None for i in ids] == [False, False, True, True]


def test_joint_option_and_year_reach_the_summary(web, submission: bytes) -> None:
    location = post(web, submission, "submission.docx", joint="1").headers["Location"]
    data = json.loads(web.get(location + "/json").get_data(as_text=True))
    assert data["summary"]["word_count"]["limit"] == 5_630


def test_word_limits_are_configurable(fake_engine, submission: bytes) -> None:
    app = make_app(fake_engine, BATCH_DUPLICATES="lexical",
                   BATCH_WORD_LIMITS={"individual": 100})
    client = app.test_client()
    html = client.get(post(client, submission, "s.docx").headers["Location"]).get_data(
        as_text=True)
    assert "of 100 words allowed" in html and "over the limit" in html


# -- bad files ----------------------------------------------------------------------------


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as handle:
            for _ in range(50):
                handle.write(b"\0" * 1_000_000)
    return buffer.getvalue()


def _encrypted_pdf(tmp_path: Path) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(build_pdf(tmp_path / "s.pdf")))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _scanned_pdf(tmp_path: Path) -> bytes:
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).text((40, 40), "Ratify the Convention against Torture.", fill="black")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=180)
    return bytes(pdf.output())


def _no_recommendations(tmp_path: Path) -> bytes:
    doc = Document()
    doc.add_heading("Annual report", level=1)
    doc.add_paragraph("The coalition met four times in 2024 and discussed its budget.")
    path = tmp_path / "report.docx"
    doc.save(path)
    return path.read_bytes()


BAD = [
    ("empty", lambda t: b"", "sub.docx", 400, "The file is empty."),
    ("extension", lambda t: b"MZ\x90\x00", "virus.exe", 415, "cannot be read"),
    ("old word", lambda t: b"\xd0\xcf\x11\xe0", "old.doc", 415, "Word 97-2003"),
    ("zip bomb", lambda t: _bomb(), "bomb.docx", 400, "Word"),
    ("not a zip", lambda t: b"plain text, not a Word file", "fake.docx", 400,
     "not a valid Word file"),
    ("encrypted", _encrypted_pdf, "locked.pdf", 422, "password"),
    ("scanned", _scanned_pdf, "scan.pdf", 422, "scanned"),
    ("no recommendations", _no_recommendations, "report.docx", 422,
     "No recommendations were found"),
]


@pytest.mark.parametrize(("case", "make", "name", "status", "phrase"), BAD,
                         ids=[b[0] for b in BAD])
def test_bad_files_get_a_clear_message_and_the_page(web, fake_engine, tmp_path: Path, case,
                                                    make, name, status, phrase) -> None:
    response = post(web, make(tmp_path), name)
    html = response.get_data(as_text=True)
    assert response.status_code == status, html[-800:]
    page_intact(html)
    assert 'role="alert"' in html and phrase in html
    assert "Traceback" not in html
    assert fake_engine.calls == 0


def test_bad_file_through_htmx_is_a_fragment_with_4xx(web) -> None:
    response = post(web, b"", "sub.docx", headers={"HX-Request": "true"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "The file is empty." in html and "<!doctype" not in html


def test_zip_bomb_message_is_about_the_file(web) -> None:
    response = post(web, _bomb(), "bomb.docx")
    html = response.get_data(as_text=True)
    # Refused with a 4xx (speed and memory are measured in test_extract_bad_files/bench).
    assert response.status_code == 400
    assert re.search(r"unpack|too large|bomb|compress", html, re.IGNORECASE)


@pytest.mark.parametrize("encoding", ["mac_roman", "cp1252"])
def test_legacy_encoded_csv_is_read(web, fake_engine, encoding: str) -> None:
    text = ("Recommendation;Recommending State\n"
            "Adopt the \u201cPublic Order\u201d law\u2019s amendment on torture by 2027;Utopia\n"
            "Ratify the Convention against Torture by 2026 \u2013 promptly;Atlantis\n")
    response = post(web, text.encode(encoding), "recs.csv")
    assert response.status_code == 303
    html = web.get(response.headers["Location"]).get_data(as_text=True)
    assert "\u201cPublic Order\u201d law\u2019s" in html
    assert "2026 \u2013 promptly" in html
    assert fake_engine.calls >= 2
    assert "not applicable" in html  # a table is not a prose submission: no word limit


def test_no_file_chosen(web) -> None:
    response = web.post("/check-file/", data={}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Choose a file" in response.get_data(as_text=True)


def test_50_mb_upload_is_413_with_the_page(web) -> None:
    big = b"a" * 50_000_000
    response = post(web, big, "big.txt")
    html = response.get_data(as_text=True)
    assert response.status_code == 413
    page_intact(html)
    assert "larger than the 20 MB" in html


def test_upload_limit_is_configurable(fake_engine) -> None:
    client = make_app(fake_engine, MAX_UPLOAD_BYTES=200_000,
                      BATCH_DUPLICATES="lexical").test_client()
    response = post(client, b"Ratify the CAT by 2026.\n" * 20_000, "recs.txt")
    assert response.status_code == 413
    assert "larger than the 0.2 MB" in response.get_data(as_text=True)


def test_other_pages_keep_the_1_mb_limit(web) -> None:
    response = web.post("/", data={"text": "a" * 2_000_000})
    assert response.status_code == 413


def test_csrf_is_checked_on_upload(fake_engine, submission: bytes) -> None:
    app = make_app(fake_engine, WTF_CSRF_ENABLED=True, BATCH_DUPLICATES="lexical")
    client = app.test_client()
    response = post(client, submission, "submission.docx")
    assert response.status_code == 400
    page_intact(response.get_data(as_text=True))
    assert fake_engine.calls == 0
    page = client.get("/check-file/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = post(client, submission, "submission.docx", csrf_token=token)
    assert response.status_code == 303


def test_report_css_is_served(web) -> None:
    response = web.get("/check-file/report.css")
    assert response.status_code == 200 and response.mimetype == "text/css"
    assert ".sc-report" in response.get_data(as_text=True)
    assert web.get("/static/batch.css").status_code == 200


def test_hostile_file_name_and_text_are_escaped(web) -> None:
    text = "1. Adopt a law <img src=x onerror=alert(1)> against torture by 2027.\n"
    response = post(web, text.encode(), "<b>x</b>.txt")
    html = web.get(response.headers["Location"]).get_data(as_text=True)
    assert "<img src=x" not in html and "&lt;img src=x" in html
    assert "<b>x</b>" not in html


def test_uploads_leave_no_files_behind(web, submission: bytes, tmp_path: Path,
                                       monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    # 2 MB: big enough that the form parser spools the file to a temp file
    big = b"1. Adopt a law against torture by 2027.\n" + b" " * 2_000_000 + b"\n"
    response = post(web, big, "padded.txt")
    assert response.status_code == 303
    assert "Adopt a law against torture" in web.get(response.headers["Location"]).get_data(
        as_text=True)
    assert post(web, submission, "submission.docx").status_code == 303
    assert post(web, b"", "empty.docx").status_code == 400
    assert list(tmp_path.iterdir()) == []


def test_plain_list_in_a_txt_file_is_one_recommendation_per_line(web) -> None:
    """A .txt with no submission structure is read line by line, as the CLI does."""
    data = ("Continue efforts to promote the rights of women.\n"
            "Ratify the Convention against Torture by 2026.\n").encode("cp1252")
    response = post(web, data, "list.txt")
    assert response.status_code == 303
    html = web.get(response.headers["Location"]).get_data(as_text=True)
    assert "Continue efforts to promote the rights of women." in html
    assert "Ratify the Convention against Torture by 2026." in html
