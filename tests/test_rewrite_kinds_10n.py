"""Issue 10n: the kinds blind round 16 rejected, each caught as a kind — an anchor in the
instrument the text itself names, a second "in line with" phrase, a stock topic cut short of
its phrase, and an unnamed existing framework taken for a deliverable. Texts here are written
for the tests; the engine, its spaCy pipeline and the lexicons are real.
"""

from __future__ import annotations

import re

import pytest
from rewrite_helpers import suggestion_texts as _texts

from smartcheck.rewrite.anchors import instrument_named
from smartcheck.rewrite.checks import rewrite_problems

CED = "the International Convention for the Protection of All Persons from Enforced Disappearance"


def _problems(original: str, text: str) -> list[str]:
    return rewrite_problems(original, {"text": text, "explanation": ""})



# -- kind 1: an anchor in the instrument the text names ------------------------------------

@pytest.mark.parametrize(("standard", "text", "named"), [
    (CED, "Accede to the convention against enforced disappearances", True),
    (CED, "Ratify the International Convention for the protection of all persons against "
          "enforced disappearances", True),
    (CED, "Investigate every case of enforced disappearance", False),
    (CED, "Combat enforced disappearances and ratify the Convention against Torture", False),
    ("article 14 of the ICCPR", "Bring its courts into line with the ICCPR", True),
    ("article 14 of the ICCPR", "Apply the Covenant on Civil and Political Rights", True),
    ("article 14 of the ICCPR", "Guarantee fair trials", False),
    ("the 1951 Refugee Convention", "Accede to the Convention relating to the Status of "
                                    "Refugees", True),
])
def test_instrument_named_in_any_form(standard: str, text: str, named: bool) -> None:
    assert instrument_named(standard, text) is named


@pytest.mark.parametrize("text", [
    "Consider acceding to the convention against enforced disappearances and recognising the "
    "competence of its committee",
    "Consider the possibility of ratifying the convention for the protection of all persons "
    "against enforced disappearance",
])
def test_no_anchor_in_the_instrument_the_text_names(engine, text: str) -> None:
    texts = _texts(engine, text)
    assert texts, "the hedge is still dropped"
    assert not any("in line with" in t for t in texts), texts


def test_an_anchor_in_a_named_instrument_is_a_problem() -> None:
    original = "Consider acceding to the convention against enforced disappearances"
    rewrite = f"Accede to the convention against enforced disappearances by [year], in line " \
              f"with {CED}."
    assert any("names already" in p for p in _problems(original, rewrite))
    # an anchor in another instrument is no such problem
    other = "Investigate every case of enforced disappearance"
    assert not any("names already" in p
                   for p in _problems(other, f"{other} by [year], in line with {CED}."))


# -- kind 2: one "in line with" is enough --------------------------------------------------

@pytest.mark.parametrize("text", [
    "Take measures to implement international obligations to protect freedom of assembly in "
    "line with the calls of the Secretary-General",
    "Take steps to protect freedom of expression in accordance with the recommendations of the "
    "Special Rapporteur",
])
def test_no_anchor_beside_an_anchor_phrase(engine, text: str) -> None:
    for t in _texts(engine, text):
        assert t.count("in line with") + t.count("in accordance with") <= 1, t
        assert "ICCPR" not in t, t


def test_two_anchor_phrases_are_a_problem() -> None:
    original = "Implement its obligations on assembly in conformity with the calls of the CHR"
    rewrite = "Implement, by [year], its obligations on assembly in conformity with the calls " \
              "of the CHR, in line with articles 21 and 22 of the ICCPR."
    assert "two 'in line with' phrases" in _problems(original, rewrite)
    assert "two 'in line with' phrases" not in _problems(
        "Implement its obligations on assembly", "Implement, by [year], its obligations on "
        "assembly, in line with articles 21 and 22 of the ICCPR.")


# -- kind 3: a stock topic is a whole phrase of the original -------------------------------

@pytest.mark.parametrize("text", [
    "Continue its efforts to ensure the rights to trial without undue delay and to a fair trial",
    "Continue its efforts to ensure the right to a fair trial without undue delay",
    "Continue efforts to protect the right to an effective remedy and to redress",
])
def test_no_stock_topic_cut_short(engine, text: str) -> None:
    for t in _texts(engine, text):
        assert " law on the right" not in t and "legislation on the right" not in t, t
        assert "plan on the right" not in t, t


@pytest.mark.parametrize("text", [
    "Continue efforts to promote the right to education of girls in rural areas",
    # a second action after the right is no rest of its phrase
    "Continue efforts to promote the right to education of girls and ensure their safety at "
    "school",
])
def test_a_whole_right_with_its_holders_is_still_a_topic(engine, text: str) -> None:
    texts = _texts(engine, text)
    assert any("on the right to education" in t for t in texts), texts


# -- kind 4: an existing framework left unnamed is open --------------------------------------

@pytest.mark.parametrize("text", [
    "Further reform the legal framework, in particular regarding the independence of the "
    "judiciary",
    "Further reform the institutional framework, including in the area of elections",
    "Continue to strengthen its policy framework on education",
])
def test_an_unnamed_framework_with_a_deadline_is_no_gain(engine, text: str) -> None:
    texts = _texts(engine, text)
    # a deadline alone on it: only a means or a named deliverable would be a gain
    assert not any("[year]" in t and not re.search(r"\bby [a-z]+ing\b", t) for t in texts), texts


def test_a_new_framework_to_adopt_is_still_a_deliverable(engine) -> None:
    texts = _texts(engine, "Consider adopting a legal framework on asylum")
    assert any(t.startswith("Adopt a legal framework on asylum by [year]") for t in texts), texts


@pytest.mark.parametrize(("standard", "text"), [
    ("article 19 of the ICCPR", "Promote civil and political rights"),
    ("the Palermo Protocol", "Formulate a national plan of action against trafficking in persons"),
])
def test_a_topic_alone_names_no_instrument(standard: str, text: str) -> None:
    assert not instrument_named(standard, text)
