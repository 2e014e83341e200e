"""A long paste on the drafting page: recognised as a document, never cut or scored as one."""

from __future__ import annotations

import html
import re
from pathlib import Path

from smartcheck.extract import extract_file, looks_like_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = (ROOT / "examples" / "submissions" / "sample-submission.md").read_text()
HX = {"HX-Request": "true"}


def long_document(words: int = 5_000) -> str:
    """The sample submission, padded with background paragraphs to about `words` words."""
    filler = ("Prisons hold far more people than they were built for, and detainees wait many "
              "months for trial while their families travel long distances to visit them. ")
    pad = "\n\n".join(filler * 4 for _ in range(max(0, words - 600) // 100))
    return SAMPLE.replace("## 2. Violence", pad + "\n\n## 2. Violence")


def test_document_detection() -> None:
    assert looks_like_document(long_document())
    assert looks_like_document("1. Ratify the OP-CAT.\n2. Repeal article 5.\n3. Publish data.")
    assert not looks_like_document("Ratify the Optional Protocol to the Convention against "
                                   "Torture by 2026 and designate a preventive mechanism.")
    assert not looks_like_document("Repeal article 301 of the Penal Code\nby June 2027.")


def test_a_5000_word_paste_lists_the_recommendations_and_scores_nothing(
        fake_client, fake_engine) -> None:
    text = long_document()
    assert len(text.split()) > 4_500 and len(text) > 5_000
    r = fake_client.post("/", data={"text": text}, headers=HX)
    page = html.unescape(r.get_data(as_text=True))
    assert r.status_code == 200
    assert "This looks like a document" in page
    assert fake_engine.calls == 0  # not scored as one recommendation
    found = re.findall(r'<span class="found-text">(.*?)</span>', page)
    expected = [rec.text for rec in extract_file(ROOT / "examples/submissions/sample-submission.md")
                .recommendations]
    assert found == expected  # the same recommendations as an upload of the file
    assert "Eradicate all forms of discrimination and violence in society." in found
    assert 'id="check-as-file"' in page and 'action="/as-file"' in page


def test_the_textarea_does_not_cut_a_paste(fake_client) -> None:
    page = fake_client.get("/").get_data(as_text=True)
    textarea = re.search(r'<textarea id="text"[^>]*>', page).group(0)
    assert "maxlength" not in textarea


def test_check_it_as_a_file_gives_the_batch_report(fake_client) -> None:
    r = fake_client.post("/as-file", data={"text": long_document()}, follow_redirects=True)
    page = html.unescape(r.get_data(as_text=True))
    assert r.status_code == 200
    assert re.search(r'id="sc-counts">12 found, 12 checked, 0 skipped', page)
    assert "Eradicate all forms of discrimination" in page


def test_check_as_a_file_with_nothing_in_it(fake_client) -> None:
    r = fake_client.post("/as-file", data={"text": "   "})
    assert r.status_code == 400
    background = "\n\n".join(["Prisons hold 14,800 people for 9,000 places in Examplia today."] * 6)
    r = fake_client.post("/as-file", data={"text": background})
    assert r.status_code in (400, 422)
    assert "Traceback" not in r.get_data(as_text=True)


def test_a_paste_too_long_even_for_a_document(fake_client) -> None:
    r = fake_client.post("/", data={"text": "word " * 70_000}, headers=HX)
    assert r.status_code == 413
    assert "too long to paste" in r.get_data(as_text=True)


def test_batch_report_lists_found_checked_and_skipped_with_reasons(fake_client) -> None:
    import io

    text = ("# Recommendations\n\nThe prison population grew by 12 per cent in 2024.\n\n"
            "1. Ratify the Optional Protocol to the Convention against Torture by 2026.\n\n"
            "2. Eradicate all forms of discrimination and violence in society.\n")
    r = fake_client.post("/check-file/", data={"file": (io.BytesIO(text.encode()), "s.md")},
                         content_type="multipart/form-data", follow_redirects=True)
    page = html.unescape(r.get_data(as_text=True))
    assert r.status_code == 200
    assert re.search(r'id="sc-counts">3 found, 2 checked, 1 skipped', page)
    skipped = re.search(r'<ul class="sc-list" id="sc-skipped">(.*?)</ul>', page, re.S).group(1)
    assert "background under the Recommendations heading" in skipped
    assert "The prison population grew by 12 per cent in 2024." in skipped
