"""Nothing silently dropped: every candidate is a recommendation or skipped with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartcheck.extract import extract_bytes, extract_file
from smartcheck.extract.asks import find_asks
from smartcheck.reports.summary import build_summary

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "submissions" / "sample-submission.md"


def test_sample_item_2_is_reported() -> None:
    extraction = extract_file(SAMPLE)
    labels = [r.label for r in extraction.recommendations]
    assert labels == ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "1", "2", "3", "4", "5"]
    assert extraction.recommendations[8].text == (
        "Eradicate all forms of discrimination and violence in society."
    )
    assert extraction.found == 12 and extraction.skipped == []


@pytest.mark.parametrize("verb", ["Eradicate", "Uproot", "Outlaw"])
def test_a_numbered_item_with_any_verb_under_recommendations_is_kept(verb: str) -> None:
    text = (f"# Recommendations\n\n1. Ratify the Optional Protocol by 2026.\n\n"
            f"2. {verb} all forms of discrimination and violence in society.\n\n"
            "3. Publish data on pre-trial detention every year.\n")
    for name in ("s.md", "s.txt"):
        extraction = extract_bytes(text.encode(), name)
        assert [r.label for r in extraction.recommendations] == ["1", "2", "3"], name


def test_background_under_recommendations_is_listed_with_a_reason() -> None:
    text = ("# Recommendations\n\nThe prison population grew by 12 per cent in 2024.\n\n"
            "We recommend that the Government publish data on pre-trial detention.\n")
    extraction = extract_bytes(text.encode(), "s.md")
    assert [r.text for r in extraction.recommendations] == [
        "Publish data on pre-trial detention."]
    assert len(extraction.skipped) == 1
    skipped = extraction.skipped[0]
    assert skipped.text.startswith("The prison population") and skipped.location
    assert "background" in skipped.reason
    assert extraction.found == 2
    assert extraction.to_dict()["skipped"][0]["reason"] == skipped.reason


def test_quoted_earlier_recommendations_are_skipped_with_the_reason() -> None:
    text = ("# Implementation of previous recommendations\n\n"
            "- Ratify the Optional Protocol (Austria, Brazil); supported, not implemented\n\n"
            "# Recommendations\n\n- Ratify the Optional Protocol to CAT by June 2026.\n")
    extraction = extract_bytes(text.encode(), "s.md")
    assert len(extraction.recommendations) == 1
    assert [s.reason for s in extraction.skipped] == [
        "an earlier recommendation quoted as background (its status or recommending State "
        "is given)"]


def test_a_lead_in_without_a_list_is_listed() -> None:
    text = ("# Recommendations\n\nWe recommend that the Government:\n\n"
            "## Contact\n\nExamplia Coalition, 12 Harbour Street.\n\n"
            "# More\n\n1. Ratify the Optional Protocol by 2026.\n")
    extraction = extract_bytes(text.encode(), "s.md")
    assert any("lead-in" in s.reason for s in extraction.skipped)


def test_summary_counts_found_checked_skipped() -> None:
    class Skip:
        def to_dict(self) -> dict:
            return {"label": "3", "location": "paragraph 3", "text": "x", "reason": "why"}

    data = build_summary([], skipped=[Skip()])
    assert (data["found"], data["checked"], data["skipped"]) == (1, 0, 1)
    assert data["skipped_reasons"] == [Skip().to_dict()]


# -- asks in running prose ------------------------------------------------------------------


def test_asks_with_their_addressee() -> None:
    text = ("The coalition urges the Government to adopt a definition of torture and to "
            "provide penalties commensurate with the offence. We call on the authorities to "
            "release all detained journalists. Parliament should repeal article 209 of the "
            "Penal Code. We recommend that the State ratify the Optional Protocol.")
    asks = find_asks(text)
    assert [a.addressee for a in asks] == [
        "the Government", "the Government", "the authorities", "Parliament", "the State"]
    assert asks[0].text == "The coalition urges the Government to adopt a definition of torture"
    assert asks[1].action == "Provide penalties commensurate with the offence."
    assert asks[3].action.startswith("Parliament should repeal article 209")
    assert all(text[a.start : a.start + len(a.text)] == a.text for a in asks)


@pytest.mark.parametrize("sentence", [
    "In 2021 Examplia supported a recommendation to ratify the Optional Protocol.",
    "The Committee against Torture recommended in 2019 that Examplia ensure access to a lawyer.",
    "Under article 41 of the Code, a suspect must be brought before a judge within 48 hours.",
    "The hospital should have referred the patient to a specialist within a week.",
    "Should a transgender person refuse surgery, their documents are not changed.",
    "Will the Government consider amending the Family Code?",
    "The Government has stated that it intends to amend the Code of Criminal Procedure.",
    "We recommend reading this submission together with our report to the Committee.",
    'The Government replied that the law "must be understood in the context of the pandemic".',
    "Candidates must pay a registration fee equivalent to five months' average salary.",
    "These opinions should not be construed as endorsed by the Working Group as a whole.",
    "The hospital should not have referred the patient to a private clinic.",
])
def test_background_is_not_an_ask(sentence: str) -> None:
    assert find_asks(sentence) == []


def test_prose_paragraphs_are_labelled_with_their_numbers() -> None:
    text = ("# Submission\n\n4. Prisons hold 14,800 people for 9,000 places.\n\n"
            "5. The coalition urges the Government to reduce pre-trial detention by half by "
            "2027. Examplia should also publish monthly prison data.\n")
    extraction = extract_bytes(text.encode(), "s.md")
    assert [(r.label, r.metadata["paragraph"], r.metadata["addressee"])
            for r in extraction.recommendations] == [
        ("5, ask 1", "5", "the Government"), ("5, ask 2", "5", "Examplia")]
    assert extraction.recommendations[0].text == "Reduce pre-trial detention by half by 2027."


def test_a_table_row_with_an_empty_recommendation_cell_is_listed() -> None:
    data = (b"Recommendation,State\nRatify the Optional Protocol by 2026,Austria\n,Brazil\n"
            b"Publish prison data every year,Chile\n")
    extraction = extract_bytes(data, "recs.csv")
    assert [r.text for r in extraction.recommendations] == [
        "Ratify the Optional Protocol by 2026", "Publish prison data every year"]
    assert [(s.label, s.text) for s in extraction.skipped] == [("row 3", "Brazil")]
    assert "column is empty" in extraction.skipped[0].reason
    assert extraction.found == 3


def test_every_format_reports_found_and_skipped(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_heading("Recommendations", 1)
    doc.add_paragraph("The prison population grew by 12 per cent in 2024.")
    doc.add_paragraph("Eradicate all forms of discrimination and violence in society.",
                      style="List Number")
    doc.save(tmp_path / "s.docx")
    extraction = extract_file(tmp_path / "s.docx")
    assert [r.text for r in extraction.recommendations] == [
        "Eradicate all forms of discrimination and violence in society."]
    assert [s.reason.split(":")[0] for s in extraction.skipped] == [
        "background under the Recommendations heading"]


@pytest.mark.parametrize("text", [
    "the government should " + "adopt and ensure that " * 5000,
    " ".join(["The State", "must", "be", "adopted", "and", "it", "should", "have"] * 2500),
    "Although " + "x, " * 30000 + "the State should adopt a law.",
])
def test_long_unpunctuated_paragraphs_stay_fast(text: str) -> None:
    import time

    start = time.perf_counter()
    find_asks(text)
    assert time.perf_counter() - start < 2.0  # measured ≤ 0.5 s; quadratic was 8 s


def test_an_imperative_paragraph_outside_recommendations_is_listed() -> None:
    text = ("# Background\n\nPrisons hold 14,800 people for 9,000 places.\n\n"
            "Ensure that the 2019 Domestic Violence Act is implemented.\n\n"
            "# Recommendations\n\n1. Ratify the Optional Protocol by 2026.\n")
    extraction = extract_bytes(text.encode(), "s.md")
    assert [r.label for r in extraction.recommendations] == ["1"]
    assert [s.text for s in extraction.skipped] == [
        "Ensure that the 2019 Domestic Violence Act is implemented."]
    assert "outside a Recommendations section" in extraction.skipped[0].reason


def test_what_is_checked_for_each_kind_of_ask() -> None:
    cases = {
        "We recommend that the State should adopt a law on torture by 2026.":
            ("Adopt a law on torture by 2026.", "the State"),
        "We urge the Government to ensure victims have received compensation by 2026.":
            ("Ensure victims have received compensation by 2026.", "the Government"),
        "Article 209 of the Penal Code must be repealed.":
            ("Article 209 of the Penal Code must be repealed.", None),
        "Farland is urged to amend its Citizenship Act.":
            ("Farland is urged to amend its Citizenship Act.", "Farland"),
    }
    for sentence, expected in cases.items():
        asks = find_asks(sentence)
        assert [(a.action, a.addressee) for a in asks] == [expected], sentence


@pytest.mark.parametrize("name", ["s.md", "s.txt"])
def test_an_unknown_verb_in_a_list_of_recommendations_is_kept_anywhere(name: str) -> None:
    """No Recommendations heading: the list's other items make "2. Uproot …" a candidate."""
    text = ("Our submission.\n\n1. Ratify the Optional Protocol by 2026.\n\n"
            "2. Uproot all forms of discrimination and violence in society.\n\n"
            "3. Publish prison data every year.\n\n"
            "4. The prison population grew by 12 per cent.\n")
    extraction = extract_bytes(text.encode(), name)
    assert [r.label for r in extraction.recommendations] == ["1", "2", "3"]
    assert [(s.label, s.reason.split(":")[0]) for s in extraction.skipped] == [
        ("4", "an item of a list of recommendations that reads as background")]
