"""Acceptance: synthetic submissions in every format yield exactly the planted recommendations."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from extract_samples import EXPECTED, SUBMISSION, body_words, build_docx, build_pdf

from smartcheck.extract import ExtractedRecommendation, extract_bytes, extract_file


def _as_text(content: list, markdown: bool) -> str:
    """Render SUBMISSION as plain text or Markdown, the way people type it."""
    lines, counters = [], {"number": 0, "letter": 0}
    for kind, text in content:
        if kind in {"title", "h1", "h2"}:
            hashes = {"title": "#", "h1": "##", "h2": "###"}[kind]
            lines += [f"{hashes} {text}" if markdown else text, ""]
        elif kind == "table":
            lines += ["\t".join(row) for row in text] + [""]
        elif kind == "bullet":
            lines += [f"- {text}", ""]
        elif kind == "number":
            counters["number"] += 1
            lines += [f"{counters['number']}. {text}", ""]
        elif kind == "letter":
            counters["letter"] += 1
            lines += [f"({'abc'[counters['letter'] - 1]}) {text}", ""]
        else:
            lines += [text, ""]
    return "\n".join(lines)


def _assert_planted(recs: list[ExtractedRecommendation], unlabelled: str) -> None:
    """Exactly the EXPECTED recommendations, in order, with labels, lead-ins and States."""
    assert [r.text for r in recs] == [e[1] for e in EXPECTED]
    for rec, (label, _text, lead_in, states) in zip(recs, EXPECTED, strict=True):
        if label is None:
            assert rec.label.startswith(unlabelled), rec
            assert rec.label == rec.location
        else:
            assert rec.label == label
        assert rec.metadata.get("lead_in") == lead_in
        assert rec.metadata.get("recommending_states") == states


def test_docx_submission_yields_exactly_the_planted_recommendations(tmp_path: Path) -> None:
    extraction = extract_file(build_docx(tmp_path / "submission.docx"))
    assert extraction.kind == "prose"
    assert extraction.filename == "submission.docx"
    _assert_planted(extraction.recommendations, "paragraph ")
    locations = [r.location for r in extraction.recommendations]
    assert locations[:3] == ["paragraph 11", "paragraph 12", "paragraph 13"]
    assert locations[6:8] == ["paragraph 22", "paragraph 23"]
    lead = extraction.recommendations[3].metadata
    assert lead["lead_in_text"] == "We recommend that the Government of Examplia:"


def test_docx_word_count_excludes_footnotes(tmp_path: Path) -> None:
    extraction = extract_file(build_docx(tmp_path / "submission.docx"))
    assert extraction.word_count == body_words() == 309


def test_pdf_submission_yields_exactly_the_planted_recommendations(tmp_path: Path) -> None:
    extraction = extract_file(build_pdf(tmp_path / "submission.pdf"))
    assert extraction.kind == "prose"
    _assert_planted(extraction.recommendations, "page ")
    pages = [r.location for r in extraction.recommendations]
    assert pages == ["page 1"] * 6 + ["page 2"] * 4
    assert extraction.word_count == body_words()


@pytest.mark.parametrize("markdown", [False, True])
def test_text_and_markdown_submissions(tmp_path: Path, markdown: bool) -> None:
    name = "submission.md" if markdown else "submission.txt"
    data = _as_text(SUBMISSION, markdown).encode("utf-8")
    extraction = extract_bytes(data, name)
    _assert_planted(extraction.recommendations, "paragraph ")


def test_extract_bytes_matches_extract_file(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "submission.docx")
    from_bytes = extract_bytes(path.read_bytes(), "upload.docx")
    from_file = extract_file(path)
    assert from_bytes.filename == "upload.docx"
    assert [r.to_dict() for r in from_bytes.recommendations] == [
        r.to_dict() for r in from_file.recommendations
    ]


def test_docx_private_locators_stay_out_of_to_dict(tmp_path: Path) -> None:
    rec = extract_file(build_docx(tmp_path / "s.docx")).recommendations[0]
    assert rec.metadata["docx_paragraph_index"] == 10
    assert "docx_paragraph_index" not in rec.to_dict()["metadata"]


def test_recommendation_table_column_in_docx(tmp_path: Path) -> None:
    content = [
        ("h1", "Summary of concerns"),
        ("p", "The coalition raised these issues with the ministry in 2024."),
        (
            "table",
            [
                ["No.", "Recommendation", "Rationale"],
                ["1", "Adopt a law on legal gender recognition by 2026.", "No law exists."],
                ["2", "Set up a shelter in every region.", "Only 3 shelters exist."],
            ],
        ),
    ]
    extraction = extract_file(build_docx(tmp_path / "t.docx", content))
    assert [(r.text, r.location) for r in extraction.recommendations] == [
        ("Adopt a law on legal gender recognition by 2026.", "table 1 row 2"),
        ("Set up a shelter in every region.", "table 1 row 3"),
    ]


def _odt(tmp_path: Path) -> Path:
    body = """
<text:h text:outline-level="1">Introduction</text:h>
<text:p>Examplia has 2 million inhabitants.<text:note text:note-class="footnote">
<text:note-citation>1</text:note-citation><text:note-body><text:p>Ensure the census is
complete before 2030.</text:p></text:note-body></text:note></text:p>
<text:h text:outline-level="1">Recommendations</text:h>
<text:list text:style-name="L1">
<text:list-item><text:p>Ratify the Optional Protocol to the Convention against Torture by
2026.</text:p></text:list-item>
<text:list-item><text:p>Adopt a national action plan on business and human rights.</text:p>
</text:list-item></text:list>"""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        "<office:document-content "
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">'
        '<office:automatic-styles><text:list-style style:name="L1">'
        '<text:list-level-style-number text:level="1" style:num-format="a" '
        'style:num-prefix="(" style:num-suffix=")"/></text:list-style>'
        "</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    )
    path = tmp_path / "s.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return path


def test_odt_lists_and_footnotes(tmp_path: Path) -> None:
    extraction = extract_file(_odt(tmp_path))
    assert [(r.label, r.text) for r in extraction.recommendations] == [
        ("(a)", "Ratify the Optional Protocol to the Convention against Torture by 2026."),
        ("(b)", "Adopt a national action plan on business and human rights."),
    ]
    # 1 + 5 + 1 + 12 + 9 body words; the footnote's 8 words are not counted
    assert extraction.word_count == 28


def _with_real_footnote(path: Path) -> Path:
    """A .docx whose body cites a real Word footnote (word/footnotes.xml) with imperative text."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    doc = Document()
    doc.add_heading("Recommendations", 1)
    para = doc.add_paragraph("Ratify the Optional Protocol to the Convention against Torture.")
    para._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            '<w:footnoteReference w:id="1"/></w:r>'
        )
    )
    buffer = io.BytesIO()
    doc.save(buffer)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {w}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        '<w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r>'
        "<w:t>Ensure that the national preventive mechanism is funded, as the committee said."
        "</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdFn1" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                    b"</Relationships>",
                )
            out.writestr(item, data)
        out.writestr("word/footnotes.xml", footnotes)
    return path


def test_real_word_footnotes_are_neither_counted_nor_extracted(tmp_path: Path) -> None:
    path = _with_real_footnote(tmp_path / "fn.docx")
    with zipfile.ZipFile(path) as archive:
        assert b"national preventive" in archive.read("word/footnotes.xml")
    extraction = extract_file(path)
    assert [r.text for r in extraction.recommendations] == [
        "Ratify the Optional Protocol to the Convention against Torture."
    ]
    assert extraction.word_count == 1 + 9


def test_table_of_earlier_recommendations_in_a_submission_is_background(tmp_path: Path) -> None:
    content = [
        ("h1", "Follow-up to the third cycle"),
        (
            "p",
            "The table lists what Examplia accepted in 2022 and what it did since then, "
            "according to the monitoring carried out by the members of the coalition.",
        ),
        (
            "table",
            [
                ["Recommendation", "Position", "Status"],
                ["115.3 Ratify the Optional Protocol (Utopia);", "Supported", "Not done"],
                ["115.4 Adopt a law on torture (Atlantis);", "Noted", "Not done"],
            ],
        ),
        ("h1", "Recommendations"),
        ("bullet", "Ratify the Optional Protocol to the Convention against Torture by 2026."),
    ]
    extraction = extract_file(build_docx(tmp_path / "s.docx", content))
    assert extraction.kind == "prose"
    assert [r.text for r in extraction.recommendations] == [
        "Ratify the Optional Protocol to the Convention against Torture by 2026."
    ]


def test_tracked_changes_and_content_controls_are_read_as_shown(tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    doc = Document()
    doc.add_heading("Recommendations", 1)
    para = doc.add_paragraph("Ratify the ", style="List Bullet")
    for xml in (
        '<w:ins {ns} w:id="1" w:author="a"><w:r><w:t>Optional Protocol</w:t></w:r></w:ins>',
        '<w:del {ns} w:id="2" w:author="a"><w:r><w:delText>Convention</w:delText></w:r></w:del>',
        "<w:sdt {ns}><w:sdtContent><w:r><w:t> by 2026.</w:t></w:r></w:sdtContent></w:sdt>",
    ):
        para._p.append(parse_xml(xml.format(ns=nsdecls("w"))))
    doc.save(tmp_path / "tracked.docx")
    extraction = extract_file(tmp_path / "tracked.docx")
    assert [r.text for r in extraction.recommendations] == ["Ratify the Optional Protocol by 2026."]
    assert extraction.word_count == 1 + 6
