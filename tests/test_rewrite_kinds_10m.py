"""Issue 10m: the kinds blind round 15 rejected, each caught as a kind — a deadline beside an
adjective of time on the object and a hedge's adverb left behind, mixed verb forms made by the
rewrite, copied errors (a bare singular count noun, "with a view to" + a bare verb), an unnamed
whole body of law after "amend / review / revise", and an anchor from another field. Texts here
are written for the tests; the engine, its spaCy pipeline and the lexicons are real.
"""

from __future__ import annotations

import pytest
from rewrite_helpers import suggestion_texts as _texts

from smartcheck.judge.lexicons import load_lexicons
from smartcheck.resources import rules_dir
from smartcheck.rewrite.anchors import anchor_for
from smartcheck.rewrite.checks import rewrite_problems
from smartcheck.rewrite.guards import time_expressions

ANCHORS = str(rules_dir() / "lexicons" / "anchors.yml")


def _problems(original: str, text: str) -> list[str]:
    return rewrite_problems(original, {"text": text, "explanation": ""})



# -- kind 1: a time already on the object; a hedge's adverb goes with the hedge ----------------

def test_adjectives_of_time_are_times_but_early_alone_is_a_kind() -> None:
    terms = set(load_lexicons()["vague-times"].terms)
    assert {"immediate", "prompt", "speedy", "swift", "urgent", "timely"} <= terms
    assert time_expressions("Establish an immediate moratorium on the death penalty.")
    assert time_expressions("Ban early marriage and support early childhood education.") == ()


@pytest.mark.parametrize("text", [
    "Consider establishing an immediate moratorium on the use of the death penalty",
    "Consider ensuring prompt investigations into all deaths in police custody",
    "Consider adopting urgent measures to end overcrowding in prisons",
    "Consider seriously an immediate moratorium on the death penalty",
])
def test_no_deadline_beside_an_adjective_of_time(engine, text: str) -> None:
    texts = _texts(engine, text)
    assert not any("[year]" in t for t in texts), texts


@pytest.mark.parametrize(("original", "rewrite"), [
    ("Consider seriously the ratification of the Convention on Enforced Disappearance",
     "Ratify, by [year], seriously the Convention on Enforced Disappearance."),
    ("Duly consider the abolition of the death penalty for drug offences",
     "Abolish duly the death penalty for drug offences by [year]."),
    ("Consider favourably the ratification of the ICRMW",
     "Ratify favourably the ICRMW by [year]."),
])
def test_a_hedge_adverb_left_behind_is_a_problem(original: str, rewrite: str) -> None:
    assert any("hedge's adverb" in p for p in _problems(original, rewrite))


def test_the_hedge_adverb_gone_with_its_hedge_is_fine() -> None:
    original = "Consider seriously the ratification of the Convention on Enforced Disappearance"
    problems = _problems(original, "Ratify the Convention on Enforced Disappearance by [year].")
    assert not any("hedge's adverb" in p for p in problems), problems


# -- kind 2: mixed verb forms made by the rewriter ---------------------------------------------

def test_one_of_two_coordinated_gerunds_changed_is_a_problem() -> None:
    original = "Consider adopting a law banning and punishing all forms of child labour"
    problems = _problems(original, "Adopt, by [year], a law banning and punish all forms of "
                                   "child labour.")
    assert any("two forms" in p for p in problems), problems
    assert any("mixed verb forms made by the rewrite: banning and punish" in p
               for p in problems), problems


def test_a_pair_the_original_had_is_not_the_rewriters() -> None:
    original = "Consider adopting a law banning and punishing all forms of child labour"
    problems = _problems(original, "Adopt, by [year], a law banning and punishing all forms "
                                   "of child labour.")
    assert not any("two forms" in p or "mixed verb forms made" in p for p in problems)


def test_coordinated_gerunds_after_a_hedge_get_no_mixed_rewrite(engine) -> None:
    texts = _texts(engine, "Consider adopting legislation banning and punishing corporal "
                           "punishment of children")
    assert not any("banning and punish " in t for t in texts), texts


# -- kind 3: copied errors: a bare singular count noun, "with a view to" + a bare verb ---------

@pytest.mark.parametrize(("original", "rewrite"), [
    ("Explore the possibility of establishing national-level monitoring mechanism for prisons",
     "Establish national-level monitoring mechanism for prisons by [year]."),
    ("Consider creating state-level human rights commission",
     "Create state-level human rights commission by [year]."),
])
def test_a_bare_count_noun_with_a_hyphenated_modifier_is_declined(original: str,
                                                                  rewrite: str) -> None:
    assert any("without its article" in p for p in _problems(original, rewrite))


def test_with_a_view_to_and_a_bare_verb_is_declined() -> None:
    original = ("Continue reviewing the penal code with a view to fully decriminalize "
                "defamation")
    problems = _problems(original, "Amend the penal code by [year] with a view to fully "
                                   "decriminalize defamation.")
    assert any("'with a view to' + a bare verb" in p for p in problems), problems
    good = _problems("Continue reviewing the penal code with a view to decriminalizing "
                     "defamation", "Amend the penal code by [year] with a view to "
                                   "decriminalizing defamation.")
    assert not any("with a view to" in p for p in good), good
    noun = _problems("Formally adopt a moratorium on executions with a view to abolition",
                     "Adopt, by [year], a moratorium on executions with a view to abolition.")
    assert not any("with a view to" in p for p in noun), noun


def test_with_a_view_to_a_bare_verb_gets_no_rewrite(engine) -> None:
    texts = _texts(engine, "Continue commuting death sentences, with a view to definitely "
                           "abolish capital punishment")
    assert not any("with a view to definitely abolish" in t for t in texts), texts


# -- kind 4: not more SMART: an unnamed body of law; an anchor from another field ---------------

@pytest.mark.parametrize("rewrite", [
    "Amend, by [year], its national law in order to ensure the enjoyment of rights by all.",
    "Amend its domestic legislation by [year] to bring it into line with international law.",
    "Revise the national legislation by [year] in line with its international obligations.",
])
def test_a_whole_body_of_law_is_an_open_object(rewrite: str) -> None:
    problems = _problems("Review its national law to protect the rights of all", rewrite)
    assert any("whole body of law" in p for p in problems), problems


@pytest.mark.parametrize("rewrite", [
    "Amend its national legislation to criminalize marital rape by [year].",
    "Amend its law on freedom of assembly by [year].",
    "Amend its criminal law by [year] to prohibit torture.",
    "Amend the Penal Code by [year].",
    "Amend its legislation by [year] to end trials of civilians by military courts.",
    "Amend its national legislation to ensure full alignment with the Rome Statute by [year].",
    "Amend, by [year], the law 15/2004 to guarantee equality.",
])
def test_a_named_law_or_change_is_not_open(rewrite: str) -> None:
    problems = _problems("Consider reviewing its law", rewrite)
    assert not any("whole body of law" in p for p in problems), problems


def test_review_national_law_gets_no_open_amend(engine) -> None:
    texts = _texts(engine, "Review its national law in order to ensure the full enjoyment "
                           "of human rights by all persons in its territory")
    assert not any(t.startswith("Amend") and "national law in order" in t for t in texts), texts


@pytest.mark.parametrize("text", [
    "Strengthen measures to combat drug trafficking",
    "Combat trafficking in narcotics across its borders",
    "Take measures to combat arms trafficking",
    "Combat the trafficking of small arms and light weapons",
])
def test_trafficking_of_goods_gets_no_palermo_protocol(text: str) -> None:
    assert anchor_for(ANCHORS, text, {"Trafficking"}) is None


def test_trafficking_in_persons_keeps_palermo_protocol() -> None:
    assert anchor_for(ANCHORS, "Combat trafficking in persons, especially women and "
                      "children", {"Trafficking"}) == "the Palermo Protocol"
