"""Flip kinds of round 11h (docs/evaluation-rubric.md, "Round 11h"): where the engine cannot tell,
it says partial rather than a confident pass or fail. Judged by the real engine on texts written
for these tests (no text of any labelled set is used here)."""

from __future__ import annotations

from typing import Any

import pytest


def verdicts(engine: Any, text: str) -> dict[str, str]:
    """The five verdicts of one text."""
    return {name: score.verdict for name, score in engine.check(text).criteria.items()}


def rules_fired(engine: Any, text: str) -> set[str]:
    """Ids of the rules that fired on one text."""
    return {f.rule for f in engine.check(text).findings}


# --- Measurable: a concrete act on a defined object whose end state no pattern names ---------
@pytest.mark.parametrize("text", [
    "Separate migrant children from adult detainees in every police station.",
    "Connect all rural health centres to the electricity grid by 2028.",
    "Raise the pension of retired domestic workers to the national minimum.",
])
def test_a_concrete_act_without_a_named_result_is_partial_not_fail(engine: Any, text: str) -> None:
    assert verdicts(engine, text)["measurable"] == "partial"
    assert "measurable.concrete-act" in rules_fired(engine, text)
    assert "measurable.no-deliverable" not in rules_fired(engine, text)


@pytest.mark.parametrize("text", [
    "Establish a relationship of cooperation with the treaty bodies.",
    "Adopt measures to protect older persons from financial abuse.",
    "Promote the participation of young people in public life.",
])
def test_relations_unnamed_measures_and_results_still_fail(engine: Any, text: str) -> None:
    assert verdicts(engine, text)["measurable"] == "fail"


def test_a_named_deliverable_still_passes(engine: Any) -> None:
    assert verdicts(engine, "Adopt a law on the rights of tenants by 2027.")["measurable"] == "pass"


# --- Achievable: measures towards an aim, prevention, registration, "all" of a group ----------
@pytest.mark.parametrize("text", [
    "Take all procedures to prevent all forms of abuse of older persons in care homes.",
    "Amend the Labour Code, thereby strengthening measures to eradicate forced labour at sea.",
    "Revise the Penal Code with a view to eliminating discrimination against unmarried mothers.",
    "Ensure that every child born to a migrant mother is registered at birth.",
])
def test_measures_prevention_and_registration_are_achievable(engine: Any, text: str) -> None:
    assert verdicts(engine, text)["achievable"] == "pass"


def test_a_result_promised_to_all_of_a_group_is_partial(engine: Any) -> None:
    text = "Guarantee that all women receive a pension at 60."
    assert verdicts(engine, text)["achievable"] == "partial"
    assert "achievable.universal-beneficiaries" in rules_fired(engine, text)


@pytest.mark.parametrize("text", [
    "Bring the number of children living on the street to zero by 2027.",
    "Guarantee by next year that not a single girl leaves school before the age of 16.",
    "Reach, within the next eight months, 100 per cent coverage of measles vaccination.",
    "Ensure that no child sleeps on the street.",
    "Eliminate all forms of discrimination against women.",
])
def test_absolute_outcomes_still_fail(engine: Any, text: str) -> None:
    assert verdicts(engine, text)["achievable"] == "fail"


# --- Time-bound: the next scheduled event, the year under way; "until" and per-item limits ---
@pytest.mark.parametrize("text", [
    "Repair the flood defences of the river villages before the next monsoon season.",
    "Reserve a third of the seats on municipal councils for women for the 2029 local elections.",
    "Publish the long-awaited census results within the current year.",
    "Ratify the Optional Protocol before its review in the fifth cycle.",
])
def test_scheduled_events_and_the_current_year_are_deadlines(engine: Any, text: str) -> None:
    assert verdicts(engine, text)["time_bound"] == "pass"


@pytest.mark.parametrize("text", [
    "Keep the moratorium on new coal plants in force until 2035.",
    "Post every judgment of the supreme court online within ten days of its delivery.",
])
def test_a_length_or_a_per_item_limit_is_no_deadline(engine: Any, text: str) -> None:
    assert verdicts(engine, text)["time_bound"] == "fail"


# --- Measurable: bodies set up faster, contents written into a plan or package, "zero" ------
@pytest.mark.parametrize("text", [
    "Speed up the operationalisation of the independent police complaints authority.",
    "Accelerate the setting up of a compensation fund for the victims of the mine collapse.",
    "Include dental care for children in the basic benefits package of the health insurance fund.",
    "Recognise the right to food in the Constitution.",
    "Reach net-zero emissions from public transport by 2045.",
])
def test_named_deliverables_are_found(engine: Any, text: str) -> None:
    assert verdicts(engine, text)["measurable"] == "pass"


def test_zero_as_an_outcome_is_no_target(engine: Any) -> None:
    assert verdicts(engine, "Ensure zero evictions of tenants during the winter months.")[
        "measurable"] == "fail"


# --- Specific: goods or a service delivered to defined people -------------------------------
@pytest.mark.parametrize("text", [
    "Provide free school meals to all pupils of public primary schools.",
    "Provide psychological care to the survivors of the earthquake.",
])
def test_provision_to_defined_people_is_partial(engine: Any, text: str) -> None:
    got = verdicts(engine, text)
    assert got["specific"] == got["measurable"] == "partial"
    assert "specific.general-action" not in rules_fired(engine, text)
    assert "measurable.no-deliverable" not in rules_fired(engine, text)


@pytest.mark.parametrize("text", [
    "Provide support to countries affected by natural disasters.",
    "Take measures to promote tolerance.",
])
def test_support_and_general_measures_stay_general(engine: Any, text: str) -> None:
    assert verdicts(engine, text)["specific"] == "fail"
