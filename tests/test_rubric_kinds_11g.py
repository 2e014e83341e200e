"""Failure kinds of round 11g (docs/evaluation-rubric.md, "Round 11g"), judged by the real engine
on texts written for these tests (no text of any labelled set is used here)."""

from __future__ import annotations

from typing import Any

import pytest


def verdicts(engine: Any, text: str) -> dict[str, str]:
    """The five verdicts of one text."""
    return {name: score.verdict for name, score in engine.check(text).criteria.items()}


def rules_fired(engine: Any, text: str) -> set[str]:
    """Ids of the rules that fired on one text."""
    return {f.rule for f in engine.check(text).findings}


# --- Private actors named by a request verb: the ask is theirs, not the State's -------------
@pytest.mark.parametrize("text", [
    "Urge online platforms to take down deepfake images of women within 48 hours of a complaint.",
    "We call on mining companies operating in the north to compensate displaced farmers.",
    "We urge garment employers in export zones to pay the minimum wage to all workers.",
])
def test_a_request_to_private_actors_is_addressed_to_others(engine: Any, text: str) -> None:
    got = verdicts(engine, text)
    assert got["specific"] == got["achievable"] == got["relevant"] == "fail"
    assert got["measurable"] == "fail"
    assert engine.check(text).action_category.value == 1


@pytest.mark.parametrize("text", [
    # Regulating companies, or urging the State's own authorities, stays the State's ask.
    "Require private security companies to register all their firearms by 2027.",
    "Urge the police to release all peaceful protesters detained since March.",
])
def test_regulating_private_actors_stays_the_states_ask(engine: Any, text: str) -> None:
    assert engine.check(text).action_category.value != 1
    assert verdicts(engine, text)["achievable"] == "pass"


# --- Relevant: working with civil society on the UPR follow-up is cooperation only ----------
@pytest.mark.parametrize("text", [
    "Cooperate closely with civil society organisations in the follow-up to its UPR "
    "recommendations.",
    "The authorities should work with civil society in the implementation of the universal "
    "periodic review.",
])
def test_civil_society_cooperation_on_the_upr_is_no_issue(engine: Any, text: str) -> None:
    assert verdicts(engine, text)["relevant"] == "fail"
    assert "relevant.not-about-the-state" in rules_fired(engine, text)


def test_civil_society_cooperation_on_an_issue_keeps_the_issue(engine: Any) -> None:
    text = ("Work with civil society in the follow-up to the UPR recommendations on the rights "
            "of migrant workers.")
    assert "relevant.not-about-the-state" not in rules_fired(engine, text)
    assert verdicts(engine, text)["relevant"] == "pass"


# --- Measurable: continuing is open-ended, unless a separate concrete action is asked --------
@pytest.mark.parametrize("text", [
    "Continue its efforts towards the enactment of the draft law on domestic workers.",
    "Pursue its work for the creation of an independent police complaints body.",
    "Continue its efforts to protect older persons, by establishing a national elder abuse "
    "helpline.",
])
def test_continuing_towards_a_deliverable_is_open_ended(engine: Any, text: str) -> None:
    assert verdicts(engine, text)["measurable"] == "fail"
    assert "measurable.continuity" in rules_fired(engine, text)


@pytest.mark.parametrize("text", [
    "Maintain its dialogue with the treaty bodies and submit its overdue report to the "
    "Committee against Torture.",
    "Continue its cooperation with the special procedures and issue a standing invitation to "
    "them.",
])
def test_a_separate_concrete_action_keeps_its_deliverable(engine: Any, text: str) -> None:
    assert verdicts(engine, text)["measurable"] == "pass"
    assert "measurable.continuity" not in rules_fired(engine, text)


def test_considering_a_deliverable_stays_partial(engine: Any) -> None:
    text = "Consider acceding to the Convention relating to the Status of Stateless Persons."
    assert verdicts(engine, text)["measurable"] == "partial"


# --- Measurable: kinds taken from round 11f (they did not add flips on the seventh set) --------
@pytest.mark.parametrize(("text", "measurable"), [
    ("Stop evicting street vendors from the central market.", "partial"),
    ("Cease deporting Sudanese asylum seekers to Khartoum.", "partial"),
    ("Provide training on trauma-informed interviewing to all family court judges.", "pass"),
    ("Provide reparation to all survivors of the 2019 mine collapse listed by the inquiry.",
     "pass"),
    ("Ensure that the new Labour Code guarantees paid maternity leave of 14 weeks.", "pass"),
    ("Ensure that every person arrested sees a judge within 36 hours of arrest.", "pass"),
    # A right or access whose content is a time limit stays a result.
    ("Guarantee the right of detainees to call a relative within 12 hours of arrest.", "fail"),
    ("Guarantee access to an interpreter within 12 hours of detention.", "fail"),
])
def test_measurable_kinds_from_11f(engine: Any, text: str, measurable: str) -> None:
    assert verdicts(engine, text)["measurable"] == measurable


# --- Measurable: seeking technical assistance is partial, with or without a named aim ----------
@pytest.mark.parametrize("text", [
    "Seek technical assistance from UNDP to modernise the civil registry.",
    "Request technical cooperation from OHCHR in preparing a law on missing persons.",
    "Seek technical assistance from UNICEF to set up a juvenile court.",
])
def test_seeking_assistance_is_partial(engine: Any, text: str) -> None:
    assert verdicts(engine, text)["measurable"] == "partial"


def test_sharing_experience_stays_open_ended(engine: Any) -> None:
    text = "Share its experience in reducing child stunting with neighbouring countries."
    assert verdicts(engine, text)["measurable"] == "fail"


# --- Measurable: deliverables named in ways the patterns missed ---------------------------------
@pytest.mark.parametrize(("text", "measurable"), [
    ("Publish quarterly statistics on deaths in police custody.", "pass"),
    ("Present a yearly report to the Senate on the use of surveillance powers.", "pass"),
    ("Broaden the mandate of the children's ombudsman to cover private schools.", "pass"),
    ("Reinforce the mandate of the equality commission so that it can hear individual "
     "complaints.", "pass"),
    ("Strengthen the mandate of the equality commission.", "fail"),
    ("Put in place a national register of missing migrants.", "pass"),
    ("Put in place measures to support older persons.", "fail"),
    ("The authorities should not grant new palm-oil plantation permits on customary land.",
     "pass"),
    ("Cease issuing new deep-sea fishing licences in the marine reserve.", "pass"),
])
def test_deliverables_named_in_other_ways(engine: Any, text: str, measurable: str) -> None:
    assert verdicts(engine, text)["measurable"] == measurable


# --- Achievable: a legal act whose purpose is an outcome, and combating "all forms" -------------
@pytest.mark.parametrize(("text", "achievable"), [
    ("Enact legislation to eliminate discrimination against tenants with children.", "pass"),
    ("Adopt legal measures to end discrimination against older workers.", "pass"),
    ("Step up efforts to combat all forms of hate speech against refugees.", "pass"),
    # The sweep written out, or bare measures, still promise the outcome.
    ("Enact legislation to eliminate all forms of discrimination against tenants.", "fail"),
    ("Take measures to eradicate begging by children.", "fail"),
    ("Eliminate all forms of violence against older persons.", "fail"),
])
def test_legal_purpose_and_combating(engine: Any, text: str, achievable: str) -> None:
    assert verdicts(engine, text)["achievable"] == achievable


# --- Measurable: efforts stepped up towards a deliverable are steps; an adverb before a practice --
@pytest.mark.parametrize(("text", "measurable"), [
    ("Redouble its efforts to accede to the 1954 Convention relating to the Status of Stateless "
     "Persons.", "partial"),
    ("Step up efforts towards the adoption of the draft Child Protection Code.", "partial"),
    ("Continue its efforts to sign and ratify the Optional Protocol to the Convention against "
     "Torture.", "fail"),
    ("Cease immediately the detention of children in police cells.", "partial"),
    ("HALT FORTHWITH THE EVICTION OF FAMILIES FROM THE OLD TOWN.", "partial"),
])
def test_steps_and_cessation(engine: Any, text: str, measurable: str) -> None:
    assert verdicts(engine, text)["measurable"] == measurable


# --- Relevant: people defined by their age, pensions as an issue ------------------------------
@pytest.mark.parametrize("text", [
    "Introduce a non-contributory pension for women aged 60 and above by 2028.",
    "Guarantee free health care for persons over 75.",
])
def test_an_age_group_is_a_group(engine: Any, text: str) -> None:
    assert verdicts(engine, text)["relevant"] == "pass"
    assert "relevant.no-anchor" not in rules_fired(engine, text)


# --- Measurable: a named text or body reviewed, steps towards a named act: partial ----------
@pytest.mark.parametrize(("text", "measurable"), [
    ("Review the Associations Act to bring it into line with the Covenant.", "partial"),
    ("Revise the national human rights commission to ensure its independence.", "partial"),
    ("Review its legislation on freedom of association.", "fail"),
    ("Examine ways to reduce prison overcrowding.", "fail"),
    ("Take steps towards the abolition of the guardianship system for adult women.", "partial"),
    ("Support the development of a national plan on the rights of persons with albinism.",
     "partial"),
    ("Take steps towards the elimination of violence against women.", "fail"),
    ("Continue to work towards the abolition of the death penalty.", "fail"),
])
def test_reviews_and_steps_towards_named_acts(engine: Any, text: str, measurable: str) -> None:
    assert verdicts(engine, text)["measurable"] == measurable


# --- Specific: training given and visits allowed are concrete acts (UPR Info codes them 5) ------
@pytest.mark.parametrize("text", [
    "Provide specialised training on child-friendly justice to all juvenile judges.",
    "Allow unimpeded access to all migrant holding centres for the ICRC.",
])
def test_training_and_access_are_concrete(engine: Any, text: str) -> None:
    assert verdicts(engine, text)["specific"] in {"pass", "partial"}
    assert "specific.general-action" not in rules_fired(engine, text)


# --- Measurable: a concrete act beside a general verb inside what is continued stays partial --
@pytest.mark.parametrize(("text", "measurable"), [
    # Either reading is possible ("continue to [fight … and ratify …]"): not a flip either way.
    ("Continue to fight human trafficking and ratify the Palermo Protocol.", "partial"),
    # An imperative beside a continued gerund is the opening's own second action.
    ("Continue expanding legal aid and establish a public defender's office.", "pass"),
    # Two concrete verbs continued together are both continued.
    ("Continue its efforts to sign and ratify the Optional Protocol to the CRC.", "fail"),
])
def test_concrete_acts_beside_a_continued_verb(engine: Any, text: str, measurable: str) -> None:
    assert verdicts(engine, text)["measurable"] == measurable


# --- Measurable: an investigation begun, or allegations subjected to one, without publication --
@pytest.mark.parametrize("text", [
    "Begin an independent investigation into the killings of land activists in the north.",
    "Ensure that all deaths in psychiatric hospitals are subject to independent investigation.",
])
def test_an_investigation_without_publication_is_partial(engine: Any, text: str) -> None:
    assert verdicts(engine, text)["measurable"] == "partial"
