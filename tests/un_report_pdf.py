"""Generate a PDF laid out like a UPR Working Group report (written by the team, not copied).

Traits of the real thing: a symbol and a job number in a running header and footer, page
numbers, a two-column interactive dialogue full of "recommended" and "should", then one
section of numbered recommendations NNN.1-NNN.n with the recommending State in brackets,
some broken across pages, some with a lead-in ending in ':' followed by (a), (b) … and a
footnote-style disclaimer repeated at the foot of pages ("… should not be construed as
endorsed by the Working Group as a whole.").
"""

from __future__ import annotations

import random
from pathlib import Path

STATES = ["Austria", "Brazil", "Chile", "Denmark", "Estonia", "Fiji", "Ghana", "Iceland",
          "Japan", "Kenya", "Latvia", "Mexico", "Nepal", "Oman", "Peru", "Senegal", "Togo",
          "Uruguay", "Zambia", "Bolivia (Plurinational State of)"]
VERBS = ["Ratify", "Adopt", "Establish", "Strengthen", "Ensure that", "Take measures to",
         "Continue its efforts to", "Consider", "Guarantee", "Allocate resources to",
         "Repeal", "Amend", "Investigate", "Develop", "Promote"]
OBJECTS = [
    "the Optional Protocol to the Convention against Torture",
    "a comprehensive anti-discrimination law covering all grounds",
    "an independent national preventive mechanism with access to all places of detention",
    "the independence of the national human rights institution in line with the Paris "
    "Principles",
    "free legal aid for all persons in pre-trial detention from the moment of arrest",
    "article 301 of the Penal Code so that marital rape is a criminal offence",
    "all allegations of torture and ill-treatment by law enforcement officials promptly",
    "a national action plan on business and human rights with a dedicated budget",
    "access to inclusive education for children with disabilities in all provinces",
    "the participation of women in public and political life at all levels",
]
TAILS = ["", " by 2027", ", in consultation with civil society", " without further delay",
         " and publish annual data disaggregated by sex, age and disability",
         ", with a view to ensuring their full implementation in law and in practice, "
         "including by allocating adequate human, technical and financial resources to the "
         "bodies responsible for it"]
DIALOGUE = [
    "The delegation stated that the Government had adopted a new strategy on the rights of "
    "the child and that it would report on its implementation in due course.",
    "Several delegations recommended that Examplia should ratify the Optional Protocol and "
    "welcomed the progress made since the previous review.",
    "The delegation indicated that the Penal Code must be read together with the "
    "Constitution, which guarantees equality before the law.",
    "A number of delegations expressed concern about the conditions of detention and urged "
    "the Government to reduce overcrowding.",
]
DISCLAIMER = ("The conclusions and recommendations contained in the present report reflect "
              "the position of the submitting State(s) and/or the State under review. They "
              "should not be construed as endorsed by the Working Group as a whole.")


def recommendation_texts(n: int, seed: int = 7) -> list[tuple[str, list[str], str]]:
    """`n` invented recommendations: (text or lead-in, list items, recommending States)."""
    rng = random.Random(seed)
    texts = []
    for i in range(n):
        states = ", ".join(rng.sample(STATES, rng.choice([1, 1, 1, 2])))
        if i % 37 == 5:
            texts.append(("Take the following measures to combat trafficking in persons:",
                          ["adopt a national action plan with a dedicated budget;",
                           "establish shelters for victims in every province;",
                           "train judges and prosecutors on the new law"], states))
            continue
        verb, obj, tail = rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(TAILS)
        texts.append((f"{verb} {obj}{tail}", [], states))
    return texts


def expected_recommendations(n: int = 254, para: int = 115, seed: int = 7) -> list[tuple]:
    """(label, text) as extraction should return them: lists joined, States removed."""
    out = []
    for i, (text, items, _) in enumerate(recommendation_texts(n, seed), start=1):
        joined = " ".join([text, *(f"({chr(97 + k)}) {t}" for k, t in enumerate(items))])
        out.append((f"{para}.{i}", joined))
    return out


def build_un_report(path: Path, n: int = 254, para: int = 115, seed: int = 7,
                    disclaimer_size: float = 7.5) -> Path:
    """Write the report as a PDF with a text layer (the disclaimer in `disclaimer_size` pt)."""
    from fpdf import FPDF

    class Report(FPDF):
        in_recs = False

        def header(self) -> None:
            self.set_font("Helvetica", "B", 9)
            self.cell(0, 6, "A/HRC/58/12", align="R", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self) -> None:
            if self.in_recs:
                self.set_y(-28)
                self.set_font("Helvetica", "", disclaimer_size)
                self.multi_cell(0, 3.5, "** " + DISCLAIMER, new_x="LMARGIN", new_y="NEXT")
            self.set_y(-15)
            self.set_font("Helvetica", "", 8)
            self.cell(60, 5, "GE.25-01234(E)")
            self.cell(0, 5, str(self.page_no()), align="R")

    pdf = Report(format="A4")
    pdf.set_auto_page_break(auto=True, margin=30)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, "Report of the Working Group on the Universal Periodic Review*",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 13)
    pdf.multi_cell(0, 8, "Examplia", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 12)
    pdf.multi_cell(0, 7, "I. Summary of the proceedings of the review process",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Times", "", 10)
    rng = random.Random(seed)
    with pdf.text_columns(ncols=2, gutter=8, text_align="J", line_height=1.15) as cols:
        for number in range(1, para):
            cols.write(f"{number}. {rng.choice(DIALOGUE)} {rng.choice(DIALOGUE)}\n")
            cols.ln(2)
    pdf.add_page()
    pdf.in_recs = True
    pdf.set_font("Helvetica", "B", 12)
    pdf.multi_cell(0, 7, "II. Conclusions and/or recommendations**", new_x="LMARGIN",
                   new_y="NEXT")
    pdf.ln(1)
    pdf.set_font("Times", "", 10)
    pdf.multi_cell(0, 5, f"{para}. The following recommendations will be examined by "
                   "Examplia, which will provide responses in due time:",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for i, (text, items, states) in enumerate(recommendation_texts(n, seed), start=1):
        label = f"{para}.{i}"
        if items:
            _hanging(pdf, label, text, 14)
            for k, item in enumerate(items):
                last = k == len(items) - 1
                _hanging(pdf, f"({chr(97 + k)})", item + (f" ({states});" if last else ""), 8,
                         indent=14)
        else:
            _hanging(pdf, label, f"{text} ({states});", 14)
    pdf.ln(2)
    pdf.multi_cell(0, 5, f"{para + 1}. All conclusions and/or recommendations contained in "
                   "the present report reflect the position of the submitting State(s) "
                   "and/or the State under review.", new_x="LMARGIN", new_y="NEXT")
    pdf.in_recs = False
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 12)
    pdf.multi_cell(0, 7, "Annex: Composition of the delegation", new_x="LMARGIN",
                   new_y="NEXT")
    pdf.set_font("Times", "", 10)
    for name in ("H.E. Ms. A. Example, Minister of Justice", "Mr. B. Sample, Ambassador"):
        pdf.multi_cell(0, 5, name, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def _hanging(pdf, label: str, text: str, width: float, indent: float = 0) -> None:
    """A label in its own cell and the text wrapped beside it (a hanging indent)."""
    x = pdf.l_margin + indent
    pdf.set_x(x)
    y = pdf.get_y()
    pdf.cell(width, 5, label)
    pdf.set_xy(x + width, y)
    pdf.multi_cell(pdf.w - pdf.r_margin - x - width, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
