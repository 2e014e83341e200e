"""Failure kinds found in the fourth set's disagreements (docs/evaluation-rubric.md, "Issue 11d"),
judged by the real engine on texts written for these tests with new wording (no text of any
labelled set is used here)."""

from __future__ import annotations

from typing import Any

import pytest


def verdict(engine: Any, text: str, criterion: str) -> str:
    """One criterion's verdict on one text."""
    return engine.check(text).criteria[criterion].verdict


def rules_fired(engine: Any, text: str) -> set[str]:
    """Ids of the rules that fired on one text."""
    return {f.rule for f in engine.check(text).findings}


# --- Achievable: an aim with a concrete means, and efforts towards an outcome ---------------
@pytest.mark.parametrize("text", [
    "Put an end to torture in police stations, including by setting up within six months an "
    "independent body to inspect them.",
    "End impunity for attacks on journalists, including by creating by 2027 a special "
    "prosecutor's office for such crimes.",
    "Eradicate bonded labour in brick kilns by amending the Labour Code to cover seasonal workers.",
])
def test_an_aim_with_a_concrete_means_is_judged_on_the_means(engine: Any, text: str) -> None:
    assert verdict(engine, text, "achievable") == "pass"
    assert "achievable.absolute-outcome" not in rules_fired(engine, text)


@pytest.mark.parametrize(("text", "achievable"), [
    ("Intensify efforts to eliminate child labour on cotton farms.", "pass"),
    ("Redouble efforts to eradicate female genital mutilation.", "pass"),
    ("Strengthen its endeavours aimed at ending early marriage in rural areas.", "pass"),
    # The sweep written out is still promised; the aim alone is still an outcome.
    ("Redouble efforts to eliminate all forms of violence against older persons.", "fail"),
    ("Put an end to impunity for the killing of environmental activists.", "fail"),
    ("Eliminate child labour in the mining sector.", "fail"),
])
def test_efforts_towards_an_outcome_are_not_a_promise_of_it(
        engine: Any, text: str, achievable: str) -> None:
    assert verdict(engine, text, "achievable") == achievable


@pytest.mark.parametrize("text", [
    "Attain complete equality between women and men within the next four years.",
    "Bring about true equality between women and men in public life by 2028.",
    "Guarantee that every child with a disability attends a mainstream school within six months.",
])
def test_equality_itself_and_universal_results_in_months_are_absolute(
        engine: Any, text: str) -> None:
    assert verdict(engine, text, "achievable") == "fail"


def test_a_parity_target_is_not_an_absolute_outcome(engine: Any) -> None:
    assert verdict(engine, "Achieve gender parity in the Senate by 2030.", "achievable") == "pass"


# --- Specific / Measurable: concrete acts the verb list missed ---------------------------------
@pytest.mark.parametrize("text", [
    "Enshrine the right to safe drinking water in the Constitution.",
    "Include the prohibition of torture in the Constitution.",
    "Include a definition of domestic violence in the Criminal Code.",
])
def test_writing_a_content_into_a_legal_text_is_an_amendment(engine: Any, text: str) -> None:
    assert verdict(engine, text, "specific") == "pass"
    assert verdict(engine, text, "measurable") == "pass"


@pytest.mark.parametrize("text", [
    "Include persons with disabilities in the labour market.",
    "Include civil society in the follow-up to the review.",
])
def test_including_people_in_a_process_is_not_an_amendment(engine: Any, text: str) -> None:
    assert verdict(engine, text, "measurable") != "pass"


@pytest.mark.parametrize("text", [
    "Hold the postponed municipal elections in 2026.",
    "Hold free and fair presidential elections before the end of 2027.",
])
def test_holding_an_election_is_a_discrete_event(engine: Any, text: str) -> None:
    assert verdict(engine, text, "specific") == "pass"
    assert verdict(engine, text, "measurable") == "pass"


def test_holding_people_accountable_for_election_violence_is_not_an_election(engine: Any) -> None:
    text = "Hold accountable those responsible for the violence during the 2025 elections."
    assert verdict(engine, text, "measurable") != "pass"
    assert verdict(engine, text, "specific") == "fail"


@pytest.mark.parametrize("text", [
    "Put an end to the use of rubber bullets against student protesters.",
    "Put an end to the use of solitary confinement for children.",
])
def test_ending_the_use_of_a_means_is_a_defined_practice(engine: Any, text: str) -> None:
    assert verdict(engine, text, "specific") == "pass"
    assert verdict(engine, text, "measurable") == "partial"
    assert verdict(engine, text, "achievable") == "pass"


def test_ending_the_use_of_child_labour_is_still_a_social_ill(engine: Any) -> None:
    text = "End the use of child labour on tea plantations."
    assert verdict(engine, text, "achievable") == "fail"


@pytest.mark.parametrize("text", [
    "The creation of an independent authority to oversee the intelligence services.",
    "Ensure the drafting and adoption, before the end of 2027, of the national action plan on "
    "human rights.",
])
def test_nominalised_deliverables_on_bodies_and_plans(engine: Any, text: str) -> None:
    assert verdict(engine, text, "measurable") == "pass"


# --- Time-bound: scheduled events, the content of the ask, budget years -------------------------
@pytest.mark.parametrize("text", [
    "Withdraw the bill on foreign agents from Parliament before the end of the current "
    "parliamentary session.",
    "Adopt the law on legal aid before the end of the present legislature.",
    "Allocate funds to the national preventive mechanism in the 2027 and 2028 budgets.",
])
def test_sessions_and_budget_years_are_deadlines(engine: Any, text: str) -> None:
    assert verdict(engine, text, "time_bound") == "pass"


@pytest.mark.parametrize("text", [
    "Do not remove the judges of the Constitutional Court before the end of their mandate.",
    "Refrain from dismissing the Ombudsperson before the end of the statutory term of office.",
    "Ensure that attacks on lawyers are immediately investigated and punished.",
    "Ensure that all reports of police brutality against street vendors in the capital and the "
    "provinces are immediately investigated.",
])
def test_a_term_of_office_or_the_handling_of_each_case_is_no_deadline(
        engine: Any, text: str) -> None:
    assert verdict(engine, text, "time_bound") == "fail"


def test_releasing_detainees_immediately_is_still_a_deadline(engine: Any) -> None:
    assert verdict(engine, "Release immediately all detained bloggers.", "time_bound") == "pass"


# --- Relevant: named peoples and people named by what they do -----------------------------------
@pytest.mark.parametrize("text", [
    "Protect the rights of the Sami people to their traditional lands.",
    "Protect the land rights of First Nations and Inuit communities.",
    "Guarantee the safety of political opponents during the election campaign.",
    "Guarantee the rights of patients in psychiatric hospitals.",
    "Protect individuals and groups who cooperate with the United Nations from reprisals.",
    "Protect the ancestral forests of the Twa from logging companies.",
    "Protect whistle-blowers who report abuses in public procurement from dismissal.",
    "Investigate reprisals against human rights defenders, in line with Human Rights Council "
    "resolution 12/2.",
])
def test_named_peoples_and_groups_are_anchors(engine: Any, text: str) -> None:
    assert verdict(engine, text, "relevant") == "pass"


@pytest.mark.parametrize("text", [
    "Improve the living standards of the Syrian people.",
    "Respect the will of the British people.",
])
def test_a_national_population_is_not_a_group(engine: Any, text: str) -> None:
    assert verdict(engine, text, "relevant") != "pass"


# --- Upper case keeps these kinds' verdicts ------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Put an end to the use of rubber bullets against student protesters.",
    "Allocate funds to the national preventive mechanism in the 2027 and 2028 budgets.",
    "Intensify efforts to eliminate child labour on cotton farms.",
    "Hold the postponed municipal elections in 2026.",
])
def test_upper_case_keeps_the_verdicts(engine: Any, text: str) -> None:
    normal, upper = engine.check_many([text, text.upper()])
    assert {k: c.verdict for k, c in normal.criteria.items()} == \
        {k: c.verdict for k, c in upper.criteria.items()}


@pytest.mark.parametrize("text", [
    "End the shackling of detainees in hospitals and, within three months, move all patients "
    "currently held in seclusion to open wards.",
    "Stop the recruitment of boys into the militias and release all children in their ranks "
    "by 2027.",
])
def test_acting_on_every_member_of_a_group_now_held_is_checkable(engine: Any, text: str) -> None:
    assert verdict(engine, text, "measurable") == "pass"


def test_stopping_a_practice_alone_stays_partial(engine: Any) -> None:
    text = "Stop the shackling of patients in psychiatric wards."
    assert verdict(engine, text, "measurable") == "partial"


@pytest.mark.parametrize(("text", "criterion", "not_verdict"), [
    # Guards from real recommendations (sessions 1-12): a process about a law is not the law;
    # a State's name is not a people; perpetrators are not an affected group.
    ("Include trade unions in the drafting of legislation on the minimum wage.", "specific",
     "pass"),
    ("Raise awareness of the treaties to which the Kiribati People's Republic is a party.",
     "relevant", "pass"),
    ("Bring to justice individuals and groups who incite hatred online.", "relevant", "pass"),
])
def test_guards_from_real_text(engine: Any, text: str, criterion: str, not_verdict: str) -> None:
    assert verdict(engine, text, criterion) != not_verdict


# --- Achievable: protection from all harm is promised, not bounded ------------------------------
@pytest.mark.parametrize(("text", "achievable"), [
    ("Protect older persons from all forms of abuse in care homes.", "fail"),
    ("Defend children in orphanages from all abuse and neglect.", "fail"),
    ("Adopt a law to protect children from all forms of violence.", "pass"),
    ("Protect women from violence by opening a shelter in each province.", "pass"),
    ("Protect all journalists from harassment.", "pass"),
])
def test_protection_from_all_harm_is_an_absolute_outcome(
        engine: Any, text: str, achievable: str) -> None:
    assert verdict(engine, text, "achievable") == achievable


# --- Addressed to others: "the States parties to <treaty>" as the subject -----------------------
@pytest.mark.parametrize("text", [
    "We recommend that the States parties to the Convention on Cluster Munitions stop selling "
    "such weapons to parties to the conflict.",
    "That the States parties to the Rome Statute cooperate fully with the Court in the arrest of "
    "suspects.",
])
def test_states_parties_to_a_treaty_are_other_states(engine: Any, text: str) -> None:
    report = engine.check(text)
    assert report.action_category.value == 1
    assert {c: report.criteria[c].verdict for c in ("specific", "achievable", "relevant")} == \
        {"specific": "fail", "achievable": "fail", "relevant": "fail"}


def test_the_government_as_subject_is_the_state_itself(engine: Any) -> None:
    text = "We recommend that the Government ratify the Arms Trade Treaty by 2027."
    assert engine.check(text).smart


# --- Measurable: ceasing a defined practice is partial, whatever sits in between ----------------
@pytest.mark.parametrize("text", [
    "Stop immediately the use of rubber bullets against students.",
    "Cease the routine restraint and seclusion of children in care homes.",
    "Stop the forced sterilization of Roma women.",
    "Cease and desist from all harassment of lawyers who defend political prisoners.",
])
def test_ceasing_a_defined_practice_is_partly_measurable(engine: Any, text: str) -> None:
    assert verdict(engine, text, "measurable") == "partial"


def test_stopping_a_social_ill_is_still_results_only(engine: Any) -> None:
    assert verdict(engine, "Stop domestic violence in rural households.", "measurable") == "fail"


def test_a_cessation_beside_an_activity_stays_partial(engine: Any) -> None:
    text = "Stop all demolitions of Roma homes and develop guidelines on resettlement."
    assert verdict(engine, text, "measurable") == "partial"
