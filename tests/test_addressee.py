"""Who must act: asks addressed to other States, donors or UN bodies are read from the parse
and fail A, R, S and M with category 1; mechanisms the State invites stay its own action."""

from __future__ import annotations

from typing import Any

import pytest

from smartcheck.judge.addressee import find_addressee
from smartcheck.rewrite.guards import guard_problems, meaning_of

# (text, the outside actor's words) — forms the old surface patterns missed among them.
OTHERS = [
    ("Urge the permanent members of the Security Council to refrain from using the veto "
     "in situations of mass atrocities.", "permanent members of the Security Council"),
    ("Invite the Council to adopt the national report of the State under review.", "Council"),
    ("Invite the Human Rights Council to acknowledge the efforts made by the Government.",
     "Human Rights Council"),
    ("That the Office of the High Commissioner for Human Rights open a country office in the "
     "capital.", "Office of the High Commissioner"),
    ("Development partners should raise their ODA to 0.7 per cent of gross national income.",
     "Development partners"),
    ("That development aid must not be tied to conditionalities.", "development aid"),
    ("Call upon the UN bodies and other donors to provide support to the country.", "UN bodies"),
    ("Request the international financial institutions to cancel the external debt of the "
     "country.", "international financial institutions"),
    ("Encourage neighbouring countries to cooperate in the voluntary return of refugees.",
     "neighbouring countries"),
    ("The international community should support the reconstruction of schools.",
     "international community"),
    ("All States should refrain from imposing unilateral coercive measures.", "States"),
    ("Appeal to creditors to reduce the debt burden of least developed countries.", "creditors"),
    ("Ask the United Nations agencies to increase their presence in the north of the country.",
     "United Nations agencies"),
    ("We recommend that donors increase their funding for maternal health.", "donors"),
    ("Member States must respect the right to development of all peoples.", "Member States"),
    ("Recommend the international community to provide technical assistance to the judiciary.",
     "international community"),
    ("Encourage the Security Council to refer the situation to the International Criminal "
     "Court.", "Security Council"),
    ("Call on the General Assembly to adopt a declaration on the right to peace.",
     "General Assembly"),
    ("Urge States to ratify the Convention on the Rights of All Migrant Workers.", "States"),
    ("Encourage the States members of the regional economic community to adopt a common "
     "protocol on free movement.", "States members"),
    # The small parser tags 'honour' a noun; the clause still has the donors as its subject.
    ("We recommend that the international donor community honour without delay its pledges "
     "to rebuild housing.", "international donor community"),
    # The agent of a main passive verb must act.
    ("Recommended that the request for technical assistance should be taken on board by the "
     "international community.", "international community"),
]
# The State's own action, though an outside body or mechanism is named.
OWN = [
    "Invite the Special Rapporteur on torture to visit the country.",
    "Extend a standing invitation to the special procedures.",
    "Request technical assistance from OHCHR to draft a law on torture.",
    "Ratify the Optional Protocol with the support of the international community.",
    "Cooperate with OHCHR in implementing the recommendations of the treaty bodies.",
    "Invite the Working Group on Arbitrary Detention to visit by 2026.",
    "Encourage the Government to adopt a law on domestic violence.",
    "Urge the authorities to release all journalists detained for their work.",
    "Call on the Council of Ministers to adopt the draft law on the family.",
    "The United Nations Convention against Corruption should be ratified by 2026.",
    "Request United Nations assistance to train judges on juvenile justice.",
    "Invite the National Human Rights Council to monitor places of detention.",
    "Encourage civil society to participate in the follow-up of the universal periodic review.",
    "The Government should ratify the Convention against Torture by 2026.",
    "Allocate 0.7 per cent of gross national income to official development assistance.",
    "Accept the pending visit requests of the special procedures.",
    "Establish a national preventive mechanism with the technical assistance of OHCHR.",
    "Seek the support of the international community to strengthen the judiciary.",
    "Invite the United Nations Special Rapporteur on the right to food to visit in 2026.",
    "Adopt a law on refugees in line with the guidelines of the United Nations.",
    "The draft law on torture should be adopted by Parliament by 2026.",
    "Ensure that the reports requested by the Security Council are published.",
]


def _doc(engine: Any, text: str) -> Any:
    """The judged action of one text through the real engine's judge."""
    return engine.judge.judge_many([text], [[]])[0]


@pytest.mark.parametrize(("text", "actor"), OTHERS)
def test_asks_of_other_actors_fail_a_r_s_m_with_category_1(
        engine: Any, text: str, actor: str) -> None:
    judged = _doc(engine, text)
    assert judged.action.addressed_to_others
    assert judged.action.other_actor == actor
    report = engine.check(text)
    assert {name: report.criteria[name].verdict
            for name in ("specific", "measurable", "achievable", "relevant")} == {
        "specific": "fail", "measurable": "fail", "achievable": "fail", "relevant": "fail"}
    assert judged.action.category == 1
    if judged.action.other_actor_how != "aid":
        assert report.action_category.value == 1
    finding = next(f for f in report.findings if f.rule == "achievable.other-states")
    assert finding.match == actor
    assert actor in finding.message


@pytest.mark.parametrize("text", OWN)
def test_the_states_own_action_is_not_read_as_addressed_to_others(
        engine: Any, text: str) -> None:
    judged = _doc(engine, text)
    assert not judged.action.addressed_to_others, judged.action.other_actor
    report = engine.check(text)
    assert report.criteria["achievable"].verdict != "fail"
    assert not any(f.rule in {"achievable.other-states", "relevant.addressed-to-others",
                              "measurable.addressed-to-others"} for f in report.findings)


def test_aid_as_subject_fails_the_criteria_but_keeps_the_learned_category(engine: Any) -> None:
    # No actor is named: UPR Info's coders follow the verb there (sessions 13-16).
    text = "That development aid must not be tied to conditionalities."
    judged = _doc(engine, text)
    assert judged.action.other_actor_how == "aid"
    assert engine.check(text).action_category.value != 1
    assert _doc(engine, OTHERS[4][0]).action.other_actor_how == "subject"
    assert _doc(engine, OTHERS[0][0]).action.other_actor_how == "request"


def test_inviting_a_mechanism_to_visit_is_a_specific_action(engine: Any) -> None:
    report = engine.check("Invite the Special Rapporteur on torture to visit the country.")
    assert report.action_category.value == 5


def test_find_addressee_reads_the_parse_not_the_first_words(engine: Any) -> None:
    nlp = engine.judge.nlp
    # The same actor is an addressee as subject or request object, never as a compound modifier.
    assert find_addressee(nlp("Donors should double their aid.")).words == "Donors"
    assert find_addressee(nlp("Donor funding should be doubled.")) is not None
    assert find_addressee(nlp("Donor countries' support is welcome.")) is None
    assert find_addressee(nlp("The Council of Europe should monitor elections.")).how == "subject"
    assert find_addressee(nlp("The Council of Ministers should adopt the bill.")) is None


def test_rewrite_guard_keeps_the_addressee_it_read(engine: Any) -> None:
    text = "Urge the permanent members of the Security Council to refrain from using the veto."
    meaning = meaning_of(_doc(engine, text), frozenset())
    assert meaning.addressee == ("permanent members of the security council",)
    assert any("addressee changed" in p
               for p in guard_problems(meaning, "Refrain from using the veto by [year]."))
    own = meaning_of(_doc(engine, OWN[3]), frozenset())
    assert own.addressee == ()


@pytest.mark.parametrize(("text", "actor"), [
    ("Request the Secretary-General to report on the situation.", "Secretary-General"),
    ("Urge the non-permanent members of the Security Council to act.",
     "non-permanent members of the Security Council"),
])
def test_hyphenated_actors_are_read_as_tokens(engine: Any, text: str, actor: str) -> None:
    assert _doc(engine, text).action.other_actor == actor


def test_hyphenated_mechanisms_stay_invited(engine: Any) -> None:
    assert not _doc(engine, "Invite the mandate-holders to visit the country.").action \
        .addressed_to_others
