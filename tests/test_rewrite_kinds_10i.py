"""Issue 10i: copied stretches a reviewer calls ungrammatical, each caught as a kind — a
misspelling the corpus itself has, a title that runs on past a known short form, a list
announced for one item, a word + preposition pair the corpus almost never uses, a coordinated
verb left in its old form, a tail of the object left after an inserted means, a stock topic
echoing the object word for word. Texts here are written for the tests; the engine, its spaCy
pipeline and the shipped artefacts are real.
"""

from __future__ import annotations

import json

import pytest
from rewrite_helpers import suggestion_texts as _texts

from smartcheck.rewrite.checks import rewrite_problems
from smartcheck.rewrite.collocations import (
    COLLOCATIONS,
    build,
    collocation_problems,
    load_collocations,
    rare_pair,
)
from smartcheck.rewrite.copied import copied_problems, load_misspellings
from smartcheck.rewrite.vocabulary import misspellings


def _problems(original: str, text: str) -> list[str]:
    return rewrite_problems(original, {"text": text, "explanation": "added a concrete means"})



# -- kind 1: misspellings the corpus vocabulary cannot tell ---------------------------------

def test_misspellings_are_rare_words_one_edit_from_a_far_commoner_one() -> None:
    texts = ["the treatment of detainees"] * 40 + ["the treatmemt of detainees",
                                                   "the retreatment of land"] + \
        ["forms of abuse"] * 40 + ["norms of conduct"] * 3
    english = frozenset({"treatment", "of", "detainees", "the", "forms", "abuse", "norms",
                         "conduct", "land"})
    found = misspellings(texts, english)
    # a real word close to a common one ("norms" / "forms") and a real word with a prefix
    # written solid ("retreatment") are not misspellings
    assert found == {"treatmemt": "treatment"}


def test_the_shipped_list_holds_corpus_misspellings_and_no_text() -> None:
    found = load_misspellings()
    if not found:
        pytest.skip("the vocabulary artefact is not built")
    assert found.get("degrating") == "degrading"
    assert all(" " not in w and " " not in v for w, v in found.items())
    assert not {"degrading", "treatment", "persons", "crises"} & set(found)


@pytest.mark.parametrize(("text", "word"), [
    ("Ratify the Convention against Torture and Other Cruel, Inhuman or Degrating Treatment "
     "or Punishment by [year].", "degrating"),
    ("Adopt, by [year], a protocal on the treatment of asylum seekers.", "protocal"),
])
def test_a_copied_misspelling_is_found_in_any_case(text: str, word: str) -> None:
    if not load_misspellings():
        pytest.skip("the vocabulary artefact is not built")
    assert any(p.endswith(f": {word}") and "misspelling" in p for p in copied_problems(text))


# -- kind 2: titles must match the closed list as a whole ------------------------------------

@pytest.mark.parametrize(("text", "ok"), [
    # a known short form, then more of a title the list does not have
    ("Ratify the Convention against Torture and other Cruel and Inhuman Treatment by [year].",
     False),
    ("Ratify the Convention on the Rights of the Child and Related Matters by [year].", False),
    # the full title, a short form followed by another title or by its protocol
    ("Ratify the Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or "
     "Punishment by [year].", True),
    ("Ratify the Convention against Torture and its Optional Protocol by [year].", True),
    ("Ratify the Convention on the Rights of the Child and the Convention against Torture by "
     "[year].", True),
])
def test_a_title_running_on_past_a_short_form_is_declined(text: str, ok: bool) -> None:
    titles = [p for p in copied_problems(text) if p.startswith("an instrument title")]
    assert (titles == []) is ok, titles


@pytest.mark.parametrize(("text", "ok"), [
    ("Accede to the following instruments: the Convention on the Rights of Persons with "
     "Disabilities (CRPD) by [year].", False),
    ("Accede to the following treaties: ICRMW by [year].", False),
    ("Accede to the following instruments: the CRPD, the ICRMW and the CED by [year].", True),
    ("Accede to the following instruments: the CRPD and the CED by [year].", True),
])
def test_a_list_announced_for_one_item_is_declined(text: str, ok: bool) -> None:
    listed = [p for p in copied_problems(text) if p.startswith("a list announced")]
    assert (listed == []) is ok, listed


# -- kind 3: rare word + preposition pairs ---------------------------------------------------

def test_collocations_are_counts_of_selecting_prepositions_only() -> None:
    pairs = build(["respect for them"] * 60 + ["respect on them", "women in the city"] * 60)
    assert pairs == {"respect": {"for": 60, "on": 60}}  # "in" is no selecting preposition


def test_the_collocation_artefact_has_provenance_and_no_text() -> None:
    if not load_collocations():
        pytest.skip("the collocation artefact is not built")
    data = json.loads(COLLOCATIONS.read_text(encoding="utf-8"))
    assert data["provenance"]["texts"] == 30261
    assert data["provenance"]["command"].startswith("python -m smartcheck.rewrite.collocations")
    assert all(isinstance(n, int) for counts in data["pairs"].values() for n in counts.values())
    assert rare_pair("respect", "on") == "for"
    assert rare_pair("respect", "for") is None and rare_pair("access", "to") is None


@pytest.mark.parametrize(("text", "flagged"), [
    ("Promote dialogue and respect on the cultures of minorities.", True),
    ("Promote dialogue and respect for the cultures of minorities.", False),
    # a place phrase after the noun is no collocation of it
    ("Promote respect in schools for the cultures of minorities.", False),
    # the preposition fits the first conjunct, which the parse hangs it on
    ("Develop a plan of assistance and prevention for street children.", False),
])
def test_a_rare_preposition_hung_on_its_word_is_found(engine, text: str, flagged: bool) -> None:
    if not load_collocations():
        pytest.skip("the collocation artefact is not built")
    judged = engine.judge.judge_many([text], [[]])[0]
    assert bool(collocation_problems(judged.parsed.doc, judged.parsed.first)) is flagged


# -- kind 4: structure after the edit --------------------------------------------------------

def test_a_coordinated_verb_left_in_its_old_form_is_declined() -> None:
    original = ("Consider the option of amending the rules limiting public assembly and "
                "bringing them into line with the Constitution")
    bad = "Amend, by [year], the rules limiting public assembly and bringing them into line " \
          "with the Constitution."
    assert any("old form" in p for p in _problems(original, bad))
    # two -ing modifiers of the object stay as they are
    original = ("Consider amending the rules limiting public assembly and restricting "
                "the press")
    fine = "Amend, by [year], the rules limiting public assembly and restricting the press."
    assert not any("old form" in p for p in _problems(original, fine))


def test_a_tail_of_the_object_after_an_inserted_means_is_declined() -> None:
    original = "Continue with efforts to further lower infant mortality, and the incidence " \
               "of malaria"
    bad = "Lower infant mortality by adopting a national plan on health care by [year], and " \
          "the incidence of malaria."
    assert any("tail of the object" in p for p in _problems(original, bad))
    original = "Continue with efforts to lower infant mortality, with special attention to " \
               "remote villages"
    fine = "Lower infant mortality by adopting a national plan on health care by [year], with " \
           "special attention to remote villages."
    assert not any("tail of the object" in p for p in _problems(original, fine))


def test_a_stock_topic_echoing_the_object_is_declined() -> None:
    original = "Step up efforts to ensure the participation of young people with disabilities " \
               "in cultural life"
    bad = "Ensure the participation of young people with disabilities in cultural life by " \
          "adopting a national plan on participation of young people with disabilities in " \
          "cultural life by [year]."
    assert any("echoed" in p for p in _problems(original, bad))
    # a short topic, or a name used as one, is no echo
    original = "Continue to protect the rights of persons with albinism"
    fine = "Protect the rights of persons with albinism by adopting legislation on the rights " \
           "of persons with albinism by [year]."
    assert not any("echoed" in p for p in _problems(original, fine))


@pytest.mark.parametrize(("text", "banned"), [
    # each shown by the engine before 10i
    ("Continue with action to further reduce infant mortality, and the incidence of malaria",
     ", and the incidence of malaria"),
    ("Consider the possibility of reforming the laws restricting public assembly and adapting "
     "them to international standards", "and adapting them"),
    ("Consider developing a forum for dialogue to foster tolerance and respect on the "
     "cultures of the minorities living in the country", "respect on"),
])
def test_the_engine_shows_no_rewrite_of_these_kinds(engine, text: str, banned: str) -> None:
    texts = _texts(engine, text)
    assert not any(banned in t for t in texts), texts
