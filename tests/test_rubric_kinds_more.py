"""The remaining failure kinds of issue 11 (docs/evaluation-rubric.md, "Issue 11c"), judged by
the real engine on texts written for these tests (not taken from any labelled set)."""

from __future__ import annotations

from typing import Any

import pytest


def verdict(engine: Any, text: str, criterion: str) -> str:
    """One criterion's verdict on one text."""
    return engine.check(text).criteria[criterion].verdict


# --- Time-bound: milestones and dates that were missed -------------------------------------
@pytest.mark.parametrize("text", [
    "Publish the findings of the inquiry into the prison riot at its mid-term review.",
    "Submit the overdue reports to the Committee at the mid-term stage of the cycle.",
    "Adopt the law on legal aid for asylum seekers within the current cycle.",
    "Ratify the Convention on Enforced Disappearance during the present review cycle.",
    "Do not prolong the curfew in the eastern provinces beyond 15 March 2027.",
    "Amend the Higher Education Law before the start of the 2027/28 academic year.",
    "Take immediate and concrete steps to close the migrant detention camp.",
    "Take immediate measures to release the detained bloggers.",
    "Raise the share of women in Parliament to one third by the 2028 elections.",
    "By the 2027 local elections, adopt the law on the representation of women.",
])
def test_time_milestones_are_deadlines(engine: Any, text: str) -> None:
    assert verdict(engine, text, "time_bound") == "pass"


@pytest.mark.parametrize("text", [
    # A year dating a past event named after "by" (the agent of a past participle).
    "Rebuild the clinics damaged by the 2024 earthquake.",
    "Compensate the families whose homes were destroyed by the 2023 cyclone.",
    # A year given as an example.
    "Protect the right to demonstrate, for example at the march held in 2014.",
    "Guarantee the right to protest, such as during the protests in 2022.",
    # "cycle" that is not the review cycle; "time-bound" inside a name.
    "Break the cycle of poverty among single mothers.",
    "Implement the Time-Bound Programme on the worst forms of child labour.",
])
def test_years_and_words_that_are_not_deadlines(engine: Any, text: str) -> None:
    assert verdict(engine, text, "time_bound") == "fail"


# --- Measurable: negative asks ---------------------------------------------------------------
@pytest.mark.parametrize(("text", "measurable"), [
    # Not taking a discrete legal act: checkable at the next review.
    ("Never reinstate capital punishment.", "pass"),
    ("Refrain from adopting the bill that would restrict foreign funding of associations.", "pass"),
    ("Do not extend the state of siege beyond its current term.", "pass"),
    ("Do not criminalise homelessness in the new municipal code.", "pass"),
    # Ceasing a practice or conduct: observable, no deliverable.
    ("Refrain from deporting Eritrean asylum seekers.", "partial"),
    ("Refrain from carrying out floggings while the new penal code is debated.", "partial"),
    # Ceasing a practice together with a legal act: the deliverable counts.
    ("Refrain from blocking messaging apps and repeal the decree that allows it.", "pass"),
])
def test_negative_asks_and_measurable(engine: Any, text: str, measurable: str) -> None:
    assert verdict(engine, text, "measurable") == measurable


# --- Measurable: mechanism access, data and deliverables behind a general verb -------------
@pytest.mark.parametrize("text", [
    "Allow the Working Group on Arbitrary Detention to visit all immigration centres.",
    "Grant the Subcommittee on Prevention of Torture unimpeded access to military prisons.",
    "Permit the Special Rapporteur on freedom of expression to conduct a country visit in 2027.",
    "Provide the Committee, by the end of 2027, with statistical data on prosecutions for "
    "trafficking.",
    "Ensure that the next labour force survey covers domestic workers.",
    "Ensure that the new Criminal Code defines torture in line with article 1 of the Convention.",
    "Ensure that the draft law on legal aid is adopted before the end of 2027.",
    "Ensure the adoption, during the current legislature, of a law on access to information.",
])
def test_deliverables_the_engine_used_to_miss(engine: Any, text: str) -> None:
    assert verdict(engine, text, "measurable") == "pass"


@pytest.mark.parametrize("text", [
    "Allow civil society to flourish.",
    "Grant more attention to the situation of older persons.",
    "Ensure that the law is respected by all.",
])
def test_general_verbs_without_a_deliverable_still_fail_measurable(engine: Any, text: str) -> None:
    assert verdict(engine, text, "measurable") == "fail"


# --- Stopping something: a State practice, or a social phenomenon ---------------------------
@pytest.mark.parametrize(("text", "s", "m", "a"), [
    # A practice of the State's own agents: concrete (S pass), observable (M partial), in its power.
    ("Put an end to the censorship of opposition newspapers by the Ministry of Information.",
     "pass", "partial", "pass"),
    ("Put an end to arbitrary arrests of opposition activists.", "pass", "partial", "pass"),
    ("Put an end to all practices of incommunicado detention.", "pass", "partial", "pass"),
    ("Cease all floggings in prisons.", "pass", "partial", "pass"),
    # A social phenomenon: general (S fail), results only (M fail), an absolute outcome (A fail).
    ("Stop forced marriages in rural districts immediately.", "fail", "fail", "fail"),
    ("Stop hate speech against refugees in the media.", "fail", "fail", "fail"),
    ("Halt the culture of impunity surrounding attacks on lawyers.", "fail", "fail", "fail"),
    ("Put an end to impunity for attacks on environmental defenders.", "fail", "fail", "fail"),
    # Eliminating or eradicating a social ill: a concrete verb on a sweeping object (S partial).
    ("Eradicate poverty among older persons.", "partial", "fail", "fail"),
])
def test_stopping_a_practice_or_a_phenomenon(engine: Any, text: str, s: str, m: str,
                                             a: str) -> None:
    report = engine.check(text)
    got = tuple(report.criteria[c].verdict for c in ("specific", "measurable", "achievable"))
    assert got == (s, m, a)


def test_an_outcome_hidden_in_the_purpose_is_still_absolute(engine: Any) -> None:
    report = engine.check("Adopt targeted measures to eliminate racist stereotypes about "
                          "people of African descent in school textbooks.")
    assert report.criteria["achievable"].verdict == "fail"
    effort = engine.check("Continue its efforts to end the practice of forced marriage among "
                          "displaced families.")
    assert effort.criteria["achievable"].verdict == "pass"


@pytest.mark.parametrize(("text", "s", "m"), [
    ("Avoid any backsliding on the labour rights of domestic workers.", "fail", "fail"),
    ("Refrain from the forced eviction of Roma families.", "pass", "partial"),
])
def test_a_negated_outcome_is_not_a_defined_act(engine: Any, text: str, s: str, m: str) -> None:
    report = engine.check(text)
    assert (report.criteria["specific"].verdict, report.criteria["measurable"].verdict) == (s, m)


# --- A preamble before the action verb ----------------------------------------------------
@pytest.mark.parametrize(("text", "specific"), [
    ("Ahead of the municipal elections, and in consultation with civil society, review the "
     "rules on campaign financing.", "fail"),
    ("In line with the recommendations of the Committee against Torture, review the "
     "conditions of pre-trial detention.", "fail"),
    ("With a view to ensuring the independence of the judiciary, adopt a law on the High "
     "Judicial Council by 2027.", "pass"),
    ("As recommended by the Special Rapporteur, consider closing the island detention "
     "centre.", "fail"),
])
def test_the_action_after_a_preamble_is_what_specific_judges(engine: Any, text: str,
                                                            specific: str) -> None:
    assert verdict(engine, text, "specific") == specific


def test_prior_to_an_event_in_a_year_is_a_deadline(engine: Any) -> None:
    text = "Prior to the municipal elections of 2027, amend the rules on campaign financing."
    assert verdict(engine, text, "time_bound") == "pass"


# --- Rights' own time limits, known deadlines, unrealistic horizons -------------------------
@pytest.mark.parametrize(("text", "time_bound"), [
    ("Amend the Civil Status Act so that every child is registered within 30 days of birth.",
     "fail"),
    ("Guarantee that detainees are brought before a judge within 48 hours of arrest.", "fail"),
    ("Guarantee the right of every child to be registered immediately after birth.", "fail"),
    ("Achieve the Millennium Development Goal on maternal health by the agreed deadline.", "pass"),
    ("Ratify the Optional Protocol within two years of the entry into force of the new "
     "Constitution.", "pass"),
])
def test_time_limits_inside_a_right_are_not_deadlines(engine: Any, text: str,
                                                      time_bound: str) -> None:
    assert verdict(engine, text, "time_bound") == time_bound


def test_a_convention_title_is_not_urgency(engine: Any) -> None:
    text = ("Ratify ILO Convention No. 182 concerning the Prohibition and Immediate Action for "
            "the Elimination of the Worst Forms of Child Labour.")
    assert verdict(engine, text, "time_bound") == "fail"


@pytest.mark.parametrize(("text", "achievable"), [
    ("Achieve universal primary school enrolment within nine months.", "fail"),
    ("Within three months, achieve universal vaccination coverage in the border districts.",
     "fail"),
    ("Achieve universal primary school enrolment by 2030 by building schools in the poorest "
     "districts.", "pass"),
])
def test_universal_outcomes_on_a_short_horizon(engine: Any, text: str, achievable: str) -> None:
    assert verdict(engine, text, "achievable") == achievable


# --- Studies are consideration; what is introduced or given exists ------------------------
def test_a_study_is_consideration(engine: Any) -> None:
    report = engine.check("Conduct a comprehensive study on the causes of school drop-out "
                          "among Roma girls.")
    assert report.criteria["specific"].verdict == "fail"
    assert report.criteria["measurable"].verdict == "partial"


@pytest.mark.parametrize("text", [
    "Introduce a civilian alternative to military service for conscientious objectors by 2027.",
    "Strengthen the ombudsman's office by giving it a separate budget line.",
    "Accept, before the end of its current review cycle, the inquiry procedure under "
    "article 8 of the Optional Protocol.",
])
def test_introduced_given_or_accepted_deliverables(engine: Any, text: str) -> None:
    assert verdict(engine, text, "measurable") == "pass"


# --- Listed actions after a colon -------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Take the following steps to protect persons with albinism: (i) adopt a law criminalising "
    "attacks on them; (ii) open a national register of attacks; and (iii) train border police "
    "on the trafficking of body parts.",
    "Before its next review, and recalling its commitments under the Convention, the State "
    "should: (a) adopt a law on violence against women; (b) open shelters in every province; "
    "and (c) train police officers on the new law.",
])
def test_listed_concrete_actions_are_specific_and_measurable(engine: Any, text: str) -> None:
    report = engine.check(text)
    assert report.criteria["specific"].verdict == "pass"
    assert report.criteria["measurable"].verdict == "pass"
    assert report.criteria["achievable"].verdict == "partial"  # a bundle of three
    assert report.action_category.value == 5


# --- General verbs on a defined deliverable; mechanism access and data -----------------------
@pytest.mark.parametrize(("text", "specific"), [
    ("Ensure the adoption, during the current legislature, of a law on access to "
     "information.", "partial"),
    ("Accelerate the enactment of the bill on access to information.", "partial"),
    ("Take concrete steps towards acceding to the 1954 Convention relating to the Status of "
     "Stateless Persons.", "partial"),
    ("Allow the Special Rapporteur on the right to food to visit the country in 2027.", "pass"),
    ("Grant the Working Group on Enforced Disappearances access to all detention sites.",
     "pass"),
    ("Provide statistical data on evictions to the Committee before its next review.", "pass"),
    # Still general: no mechanism, no data.
    ("Allow civil society to flourish.", "fail"),
    ("Provide support to victims.", "fail"),
])
def test_general_verbs_on_defined_deliverables(engine: Any, text: str, specific: str) -> None:
    assert verdict(engine, text, "specific") == specific


# --- Scope is not a target --------------------------------------------------------------------
@pytest.mark.parametrize(("text", "measurable"), [
    ("Conduct awareness-raising campaigns on the rights of older persons in all 14 regions.",
     "partial"),
    ("Train labour inspectors in the capital and the two largest port cities on forced labour.",
     "partial"),
    ("Train 400 labour inspectors on forced labour by 2027.", "pass"),
    ("Open a shelter for survivors of domestic violence in each of the 9 provinces.", "pass"),
])
def test_a_scope_is_not_a_target(engine: Any, text: str, measurable: str) -> None:
    assert verdict(engine, text, "measurable") == measurable


# --- Relevant: peoples and the Millennium Development Goals ----------------------------------
@pytest.mark.parametrize("text", [
    "Prosecute incitement to hatred against Georgians by public officials.",
    "PROSECUTE INCITEMENT TO HATRED AGAINST GEORGIANS BY PUBLIC OFFICIALS.",
    "Protect civilians from indiscriminate shelling.",
    "Reduce maternal mortality in line with Millennium Development Goal 5.",
])
def test_peoples_and_goals_anchor_relevant(engine: Any, text: str) -> None:
    assert verdict(engine, text, "relevant") == "pass"


# --- Guards found by comparing verdicts on 3,000 real recommendations (sessions 1-12) ---------
def test_efforts_towards_an_outcome_are_not_an_absolute_promise(engine: Any) -> None:
    text = "Undertake further efforts to eliminate forced labour in the textile sector."
    assert verdict(engine, text, "achievable") == "pass"


def test_making_a_body_operational_is_a_deliverable(engine: Any) -> None:
    text = "Appoint the members of the Human Rights Commission and make the Commission operational."
    assert verdict(engine, text, "measurable") == "pass"


def test_a_nominal_action_far_from_its_noun_is_not_a_deliverable(engine: Any) -> None:
    text = ("Take effective measures to uphold the total prohibition against torture, in line "
            "with its obligations under the Convention against Torture.")
    assert verdict(engine, text, "measurable") == "fail"


@pytest.mark.parametrize("text", [
    "Ratify the Agreement on the Privileges and Immunities of the International Criminal Court.",
    "Guarantee free health care for all Ruritanians.",
    "Counter hate speech by some politicians.",
])
def test_names_and_whole_populations_are_not_groups(engine: Any, text: str) -> None:
    assert verdict(engine, text, "relevant") != "pass"


# --- Held events; conduct is not people --------------------------------------------------------
@pytest.mark.parametrize(("text", "specific"), [
    ("Hold, before the end of 2027, public consultations with persons with disabilities on the "
     "draft accessibility law.", "pass"),
    ("Hold a national referendum on the new Constitution.", "pass"),
    ("Hold perpetrators of torture accountable.", "fail"),
])
def test_holding_a_defined_event_is_concrete(engine: Any, text: str, specific: str) -> None:
    assert verdict(engine, text, "specific") == specific


@pytest.mark.parametrize(("text", "relevant"), [
    ("Repeal article 88 of the Penal Code, which punishes consensual same-sex conduct.",
     "partial"),
    ("Recognise same-sex couples in the Family Code.", "pass"),
    ("End the forced medical examinations of men suspected of consensual same-sex conduct.",
     "pass"),
])
def test_conduct_is_not_a_group_but_people_are(engine: Any, text: str, relevant: str) -> None:
    assert verdict(engine, text, "relevant") == relevant


# --- Upper case never changes these kinds' verdicts -----------------------------------------
@pytest.mark.parametrize("text", [
    "Ensure that the new Criminal Code defines torture in line with article 1 of the Convention.",
    "Allow the Working Group on Arbitrary Detention to visit all immigration centres.",
    "Put an end to arbitrary arrests of opposition activists.",
    "Stop hate speech against refugees in the media.",
    "Do not prolong the curfew in the eastern provinces beyond 15 March 2027.",
    "Amend the Civil Status Act so that every child is registered within 30 days of birth.",
    "Within three months, achieve universal vaccination coverage in the border districts.",
    "Conduct awareness-raising campaigns on the rights of older persons in all 14 regions.",
    "Hold, before the end of 2027, public consultations with persons with disabilities on the "
    "draft accessibility law.",
])
def test_upper_case_keeps_the_verdicts(engine: Any, text: str) -> None:
    normal, upper = engine.check_many([text, text.upper()])
    assert {k: c.verdict for k, c in normal.criteria.items()} == \
        {k: c.verdict for k, c in upper.criteria.items()}
