"""The small text tests behind extraction: labels, imperatives, attributions, lead-ins."""

from __future__ import annotations

import pytest

from smartcheck.extract import extract_bytes
from smartcheck.extract.decoding import decode_text
from smartcheck.extract.language import (
    clean_item,
    count_words,
    imperative_start,
    split_attribution,
    split_label,
)


@pytest.mark.parametrize(
    ("text", "label", "rest"),
    [
        ("12. Ratify the Convention.", "12", "Ratify the Convention."),
        ("(b) adopt a law;", "(b)", "adopt a law;"),
        ("b) adopt a law;", "b)", "adopt a law;"),
        ("115.3 Ratify OPCAT (Chile);", "115.3", "Ratify OPCAT (Chile);"),
        ("• Train judges by 2026.", "•", "Train judges by 2026."),
        ("- Train judges by 2026.", "•", "Train judges by 2026."),
        ("\uf0b7 Train judges by 2026.", "•", "Train judges by 2026."),
        ("•Train judges by 2026.", "•", "Train judges by 2026."),
        ("-5 degrees outside.", None, "-5 degrees outside."),
        ("(iv) publish data;", "(iv)", "publish data;"),
        ("A. Background", None, "A. Background"),
        ("2.5 million people live in poverty.", "2.5", "million people live in poverty."),
        ("In 2019 the law changed.", None, "In 2019 the law changed."),
    ],
)
def test_split_label(text: str, label: str | None, rest: str) -> None:
    assert split_label(text) == (label, rest)


@pytest.mark.parametrize(
    "text",
    [
        "Ratify the Optional Protocol",
        "Urgently amend the Penal Code",
        "Further strengthen the ombudsman",
        "Criminalize marital rape",
        "Operationalise the national mechanism",
        "The Government of Examplia should repeal the law",
        "Examplia should ratify the Convention",
    ],
)
def test_imperative_openings(text: str) -> None:
    assert imperative_start(text)


@pytest.mark.parametrize(
    "text",
    [
        "Increase in rural areas of 4 percent",
        "Support for families fell",
        "The number of cases rose",
        "Teachers receive no training",
        "Examplia has not reported",
        "Review of the law in 2019",
        "Ratify",
    ],
)
def test_not_imperative(text: str) -> None:
    assert not imperative_start(text)


@pytest.mark.parametrize(
    ("text", "body", "states"),
    [
        ("Ratify OPCAT (Chile, Peru);", "Ratify OPCAT", ["Chile", "Peru"]),
        (
            "Ratify ICRMW (Iran (Islamic Republic of)).",
            "Ratify ICRMW",
            ["Iran (Islamic Republic of)"],
        ),
        (
            "End it (the former Yugoslav Republic of Macedonia);",
            "End it",
            ["the former Yugoslav Republic of Macedonia"],
        ),
        ("Protect migrants (Côte d’Ivoire);", "Protect migrants", ["Côte d’Ivoire"]),
        ("Ratify the Convention (CEDAW).", "Ratify the Convention (CEDAW).", []),
        (
            "Ratify ILO Convention 189 (Decent Work for Domestic Workers)",
            "Ratify ILO Convention 189 (Decent Work for Domestic Workers)",
            [],
        ),
        ("Adopt the plan (2020-2025);", "Adopt the plan (2020-2025);", []),
        ("Adopt the Act (Gender Equality Act);", "Adopt the Act (Gender Equality Act);", []),
    ],
)
def test_split_attribution(text: str, body: str, states: list[str]) -> None:
    assert split_attribution(text) == (body, states)


def test_clean_item_and_word_count() -> None:
    assert clean_item("allocate 5 percent of the budget; and") == "allocate 5 percent of the budget"
    assert clean_item("ratify the Protocol by 2026;") == "ratify the Protocol by 2026"
    assert clean_item("repeal article 12.") == "repeal article 12."
    assert count_words("Ratify  OPCAT — by 2026 (Chile);") == 5


def test_decoding_prefers_the_plausible_single_byte_encoding() -> None:
    text = "L’État “doit” protéger les défenseurs; don’t wait."
    assert decode_text(text.encode("cp1252")) == text
    assert decode_text(text.encode("mac_roman")) == text
    assert decode_text(b"\xef\xbb\xbf" + text.encode("utf-8")) == text
    assert decode_text(text.encode("utf-16")) == text


def _found(text: str) -> list[tuple[str, str, str | None]]:
    recs = extract_bytes(text.encode(), "s.txt").recommendations
    return [(r.label, r.text, r.metadata.get("lead_in")) for r in recs]


def test_lead_ins_with_bullets_and_other_verbs() -> None:
    text = (
        "Background\n\nThe situation has worsened since 2020.\n\n"
        "We urge the authorities of Examplia to:\n\n"
        "- repeal the foreign agents law;\n- release all detained journalists; and\n\n"
        "The coalition also notes progress in some areas.\n\n"
        "The Government should:\n\n"
        "1. adopt a national action plan on business and human rights by 2026;\n"
        "2. publish its annual budget for the ombudsman.\n"
    )
    assert _found(text) == [
        ("paragraph 4", "repeal the foreign agents law", "the authorities of Examplia"),
        ("paragraph 5", "release all detained journalists", "the authorities of Examplia"),
        (
            "1",
            "adopt a national action plan on business and human rights by 2026",
            "The Government",
        ),
        ("2", "publish its annual budget for the ombudsman.", "The Government"),
    ]


def test_background_prose_and_past_recommendations_are_not_returned() -> None:
    text = (
        "Implementation of previous recommendations\n\n"
        "- Ratify the Optional Protocol: not implemented.\n\n"
        "Recommendations\n\n"
        "These recommendations come from 40 member organisations.\n\n"
        "The Government should guarantee free legal aid by 2026.\n\n"
        "- Ensure that every police station has a custody register.\n\n"
        "References\n\n"
        "1. Ensure data quality, see the 2021 census.\n"
    )
    assert _found(text) == [
        ("paragraph 5", "The Government should guarantee free legal aid by 2026.", None),
        ("paragraph 6", "Ensure that every police station has a custody register.", None),
    ]


def test_inline_lettered_list_and_paragraph_numbers_in_a_recommendations_section() -> None:
    text = (
        "IV. Recommendations\n\n"
        "45. The coalition recommends that the Government of Examplia: (a) ratify OPCAT by "
        "2026; (b) adopt a law on torture, in line with article 1 (c) of the Convention; and "
        "(c) train all police officers.\n\n"
        "46. Examplia has 2 million people.\n\n"
        "47. Legal aid: ensure that every detainee sees a lawyer within 24 hours.\n"
    )
    lead = "the Government of Examplia"
    assert _found(text) == [
        ("(a)", "ratify OPCAT by 2026", lead),
        ("(b)", "adopt a law on torture, in line with article 1 (c) of the Convention", lead),
        ("(c)", "train all police officers.", lead),
        ("47", "Legal aid: ensure that every detainee sees a lawyer within 24 hours.", None),
    ]
