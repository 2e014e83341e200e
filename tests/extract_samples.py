"""Builders for the synthetic submission files the extraction tests read (no real data)."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

# (kind, text) in reading order. kinds: title, h1, h2, p (paragraph), bullet, number
# (Word auto-numbered "List Number"), letter (auto-numbered "(a)"), table (rows), note.
SUBMISSION = [
    ("title", "Joint Submission to the Universal Periodic Review of Examplia"),
    ("h1", "Introduction"),
    (
        "number",
        "This submission is made by the Examplia Rights Network, a coalition of twelve "
        "organisations working on disability rights.",
    ),
    (
        "number",
        "During its third review in 2022, Examplia supported 180 recommendations and noted 41.",
    ),
    ("h1", "Data on school enrolment"),
    ("p", "The table below shows the enrolment of children with disabilities in primary schools."),
    (
        "table",
        [
            ["Year", "Enrolled", "Change"],
            ["2021", "1200", "Increase in rural areas of 4 percent"],
            ["2022", "1150", "Support for families fell by 12 percent"],
        ],
    ),
    ("bullet", "Only 40 percent of schools are physically accessible."),
    ("bullet", "Teachers receive no training on inclusive education."),
    ("h1", "Recommendations"),
    (
        "p",
        "The coalition offers the following recommendations, based on consultations held in 2024.",
    ),
    (
        "bullet",
        "Adopt a national inclusive education strategy with a dedicated budget line by "
        "December 2026.",
    ),
    ("bullet", "Train all primary school teachers in inclusive education by 2027."),
    (
        "bullet",
        "Publish annual data on the enrolment of children with disabilities, "
        "disaggregated by sex and region.",
    ),
    ("h2", "Right to health"),
    ("p", "We recommend that the Government of Examplia:"),
    (
        "letter",
        "ratify the Optional Protocol to the Convention on the Rights of Persons with "
        "Disabilities by 2026;",
    ),
    (
        "letter",
        "allocate at least 5 percent of the health budget to community mental health services; and",
    ),
    ("letter", "repeal article 12 of the Mental Health Act, which allows forced treatment."),
    ("h1", "Follow-up to previous recommendations"),
    (
        "p",
        "In 2022 Examplia supported a recommendation to ratify the Optional Protocol to the "
        "Convention against Torture, but it has not acted.",
    ),
    ("number", "Examplia has not reported to the Committee on the Rights of the Child since 2015."),
    (
        "number",
        "Establish an independent national preventive mechanism with adequate funding "
        "by June 2026.",
    ),
    ("number", "Urgently amend the Penal Code to criminalise marital rape."),
    ("h1", "Other concerns"),
    ("p", "12. The number of reported cases of police violence rose in 2023."),
    (
        "p",
        "13. Investigate all allegations of torture in places of detention and publish the "
        "results (Utopia, Atlantis);",
    ),
    ("p", "Ensure access to sign language interpretation in all courts (Atlantis);"),
    ("p", "The coalition remains available to discuss these findings with the Government."),
    ("note", "__________"),
    ("note", "1 Examplia Rights Network, Annual Report 2023, p. 4."),
    ("note", "2 Ensure that all figures are verified against the census of 2021."),
]

# label, text, lead_in, recommending_states — what extraction must return from SUBMISSION.
EXPECTED = [
    (
        None,
        "Adopt a national inclusive education strategy with a dedicated budget line by "
        "December 2026.",
        None,
        None,
    ),
    (None, "Train all primary school teachers in inclusive education by 2027.", None, None),
    (
        None,
        "Publish annual data on the enrolment of children with disabilities, disaggregated "
        "by sex and region.",
        None,
        None,
    ),
    (
        "(a)",
        "ratify the Optional Protocol to the Convention on the Rights of Persons with "
        "Disabilities by 2026",
        "the Government of Examplia",
        None,
    ),
    (
        "(b)",
        "allocate at least 5 percent of the health budget to community mental health services",
        "the Government of Examplia",
        None,
    ),
    (
        "(c)",
        "repeal article 12 of the Mental Health Act, which allows forced treatment.",
        "the Government of Examplia",
        None,
    ),
    (
        "4",
        "Establish an independent national preventive mechanism with adequate funding by "
        "June 2026.",
        None,
        None,
    ),
    ("5", "Urgently amend the Penal Code to criminalise marital rape.", None, None),
    (
        "13",
        "Investigate all allegations of torture in places of detention and publish the results",
        None,
        ["Utopia", "Atlantis"],
    ),
    (None, "Ensure access to sign language interpretation in all courts", None, ["Atlantis"]),
]


def body_words() -> int:
    """Body words of SUBMISSION as a word processor counts them (labels and notes excluded)."""
    total = 0
    for kind, content in SUBMISSION:
        if kind == "note":
            continue
        if kind == "table":
            total += sum(len(cell.split()) for row in content for cell in row)
        else:
            text = content
            if kind == "p" and text[:3].rstrip(" .").isdigit():
                text = text.split(" ", 1)[1]  # typed "12." labels are not counted
            total += len(text.split())
    return total


def _add_letter_numbering(doc) -> str:
    """Add a "(a)", "(b)" list definition to the numbering part; return its numId."""
    numbering = doc.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="(%1)"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    first_num.addprevious(abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    return "90"


def build_docx(path: Path, content: list | None = None) -> Path:
    """Write SUBMISSION (or `content`) as a Word file with real headings, lists and a table."""
    doc = Document()
    letter_num = _add_letter_numbering(doc)
    for kind, text in content or SUBMISSION:
        if kind == "title":
            doc.add_heading(text, level=0)
        elif kind in {"h1", "h2"}:
            doc.add_heading(text, level=int(kind[1]))
        elif kind == "bullet":
            doc.add_paragraph(text, style="List Bullet")
        elif kind == "number":
            doc.add_paragraph(text, style="List Number")
        elif kind == "letter":
            para = doc.add_paragraph(text)
            para._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/>'
                    f'<w:numId w:val="{letter_num}"/></w:numPr>'
                )
            )
        elif kind == "table":
            table = doc.add_table(rows=len(text), cols=len(text[0]))
            for r, row in enumerate(text):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
        else:
            doc.add_paragraph(text)
    doc.save(path)
    return path


PDF_PAGE_BREAK_BEFORE = "Follow-up to previous recommendations"


def build_pdf(path: Path, content: list | None = None) -> Path:
    """Write SUBMISSION as a two-page PDF with a text layer, typed list labels and footnotes."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    width = 120  # narrow enough that most paragraphs wrap
    counters = {"number": 0, "letter": 0}
    notes: list[str] = []
    for kind, text in content or SUBMISSION:
        if kind in {"title", "h1", "h2"}:
            if text == PDF_PAGE_BREAK_BEFORE:
                _footnotes(pdf, notes, width)
                pdf.add_page()
            pdf.set_font("Helvetica", "B", {"title": 16, "h1": 14, "h2": 12}[kind])
            pdf.ln(3)
            pdf.multi_cell(width, 8, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
            continue
        pdf.set_font("Helvetica", "", 11)
        if kind != "letter":
            counters["letter"] = 0
        if kind == "table":
            with pdf.table(col_widths=(20, 20, 60)) as table:
                for row in text:
                    cells = table.row()
                    for value in row:
                        cells.cell(value)
            pdf.ln(2)
        elif kind == "note":
            notes.append(text)
        else:
            prefix = ""
            if kind == "bullet":
                prefix = "-  "
            elif kind == "number":
                counters["number"] += 1
                prefix = f"{counters['number']}.  "
            elif kind == "letter":
                counters["letter"] += 1
                prefix = f"({chr(96 + counters['letter'])})  "
            pdf.multi_cell(width, 6, prefix + text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    _footnotes(pdf, notes, width)
    pdf.output(str(path))
    return path


def _footnotes(pdf, notes: list[str], width: float) -> None:
    """Print footnotes small at the bottom of the current page, under a short rule."""
    if not notes:
        return
    pdf.set_font("Helvetica", "", 8)
    pdf.set_y(pdf.h - 20 - 5 * len(notes) - 2)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + 50, pdf.get_y())
    pdf.ln(1)
    for note in notes:
        if note.startswith("_"):
            continue
        pdf.multi_cell(width, 4, note, new_x="LMARGIN", new_y="NEXT")
    notes.clear()
