"""Issue 10g: where the deadline goes (the main action's, never a subordinate clause's), copied
errors as kinds (a one-letter word, a protocol named twice, an organisation ratified like a
treaty, "the media freedoms", an -ing form coordinated with a finite verb in copied text) and
a stock deliverable whose topic does not cover the object. Texts here are written for the
tests; the engine and its spaCy pipeline are real.
"""

from __future__ import annotations

import pytest
from rewrite_helpers import placement_problems as _placement
from rewrite_helpers import suggestion_texts as _texts

from smartcheck.rewrite.checks import grammar_problems, rewrite_problems
from smartcheck.rewrite.copied import copied_problems, normalise
from smartcheck.rewrite.grammar import Draft, add_deadline

# -- where the deadline goes --------------------------------------------------------------------

@pytest.mark.parametrize(("body", "placed"), [
    # a relative clause: after the verb, never inside the clause
    ("Carry out the reform of the prison service, which will reduce overcrowding in all prisons",
     "Carry out, by [year], the reform of the prison service, which will reduce overcrowding "
     "in all prisons."),
    # a purpose without a comma: after the verb
    ("Impose a moratorium on executions with a view to abolishing capital punishment",
     "Impose, by [year], a moratorium on executions with a view to abolishing capital "
     "punishment."),
    # a "that" relative clause: after the verb; a qualifier: right after the object
    ("Amend provisions that discriminate against women on the basis of marital status",
     "Amend, by [year], provisions that discriminate against women on the basis of marital "
     "status."),
    ("Carry out the reform of the rural courts, in particular those in the mountain districts",
     "Carry out the reform of the rural courts by [year], in particular those in the "
     "mountain districts."),
    # "ensure that" opens no relative clause: the deadline goes at the end of a short text
    ("Ensure that every child has a birth certificate", "Ensure that every child has a birth "
     "certificate by [year]."),
    # a short object set off from an appositive: right after the object
    ("Ratify the Istanbul Convention, as a sign of its commitment to the rights of women",
     "Ratify the Istanbul Convention by [year], as a sign of its commitment to the rights of "
     "women."),
])
def test_the_deadline_goes_with_the_main_action(body: str, placed: str) -> None:
    draft = Draft(body, category=4)
    add_deadline(draft, "by [year]")
    assert draft.text == placed


def test_no_safe_place_means_no_deadline() -> None:
    # "Adopt, by [year], and implement" would break the coordination
    body = "Adopt and implement a strategy on housing which will reach every rural district"
    draft = Draft(body, category=4)
    add_deadline(draft, "by [year]")
    assert "[year]" not in draft.text and not draft.changes


@pytest.mark.parametrize(("text", "flagged"), [
    ("Carry out the reform of the prison service, which will reduce overcrowding in all "
     "prisons by [year].", True),
    ("Set up an independent body which will inspect police stations by [year].", True),
    ("Impose a moratorium on executions with a view to abolishing capital punishment by "
     "[year].", True),
    ("Ratify the Istanbul Convention, as a sign of its commitment to the rights of women by "
     "[year].", True),
    ("Fight racism by adopting a law on hate speech by [year], in particular against Roma.",
     True),
    # the main action's own deadline, wherever the clause is
    ("Carry out, by [year], the reform of the prison service, which will reduce overcrowding.",
     False),
    ("Impose a moratorium on executions by [year] with a view to abolishing capital "
     "punishment.", False),
    ("Set up an independent body to inspect police stations by [year].", False),
    ("Fight racism by adopting a law on hate speech by [year], and train the police.", False),
])
def test_a_deadline_after_a_subordinate_part_is_flagged(engine, text: str,
                                                        flagged: bool) -> None:
    assert bool(_placement(engine, text)) is flagged, _placement(engine, text)


def test_rewrite_problems_report_a_misplaced_deadline(engine) -> None:
    problems = rewrite_problems(
        "Consider setting up an independent body which will inspect police stations",
        {"text": "Set up an independent body which will inspect police stations by [year].",
         "overall": 0, "explanation": "added a deadline"}, engine.judge)
    assert any("subordinate clause" in p for p in problems), problems


@pytest.mark.parametrize("text", [
    "Continue to implement the plan for rural roads and water supply, which will improve "
    "the lives of children in the north",
    "Consider the introduction of a moratorium on executions with a view to abolishing "
    "capital punishment",
])
def test_rewrites_never_date_a_subordinate_clause(engine, text: str) -> None:
    for rewrite in _texts(engine, text):
        assert not _placement(engine, rewrite), rewrite


def test_no_means_cuts_a_qualifier_off_its_noun(engine) -> None:
    text = "Fight racism, in particular against Roma and people of African descent"
    for rewrite in _texts(engine, text):
        assert "in particular" not in rewrite or "racism, in particular" in rewrite, rewrite


# -- copied errors, by kind ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "kind"), [
    ("Ratify the Convention on the Rights o the Child.", "one-letter word"),
    ("Adopt a law t protect journalists.", "one-letter word"),
    ("Ratify the Optional Protocols to CRC OPSC and OPAC.", "protocol named twice"),
    ("Ratify the Optional Protocol to the CAT OP-CAT.", "protocol named twice"),
    ("Become a State party to the World Health Organization.", "organisation ratified"),
    ("Ratify the ILO and adopt a plan on labour.", "organisation ratified"),
    ("Protect the press freedoms of bloggers.", "freedom in the plural"),
])
def test_copied_error_kinds_are_found(text: str, kind: str) -> None:
    assert any(kind in p for p in copied_problems(text)), copied_problems(text)


@pytest.mark.parametrize("text", [
    "Implement recommendations (b) and (c) of the Committee, e.g. on housing.",
    "Ratify the Optional Protocol to the Convention against Torture (OPCAT).",
    "Ratify the ILO Domestic Workers Convention, 2011 (No. 189).",
    "Ratify the ILO Convention No. 169 and the Council of Europe Convention on Action against "
    "Trafficking in Human Beings.",
    "Become a member of the International Labour Organization.",
    "Ratify ILO core conventions and the ILO fundamental Conventions.",
    "Protect fundamental freedoms and media freedom.",
    "Adopt a plan A for the State's schools.",
])
def test_sound_text_has_none_of_these_kinds(text: str) -> None:
    kinds = ("one-letter", "named twice", "organisation", "freedom in the plural")
    assert not [p for p in copied_problems(text) if p.startswith(("a ", "an ")) and
                any(k in p for k in kinds)], copied_problems(text)


def test_a_plural_freedom_is_repaired() -> None:
    assert normalise("standards concerning the media freedoms.") == \
        "standards concerning media freedom."


def test_a_near_miss_preposition_in_a_title_is_normalised() -> None:
    assert normalise("Accede to the Convention against the Prevention and Punishment of the "
                     "Crime of Genocide.") == ("Accede to the Convention on the Prevention and "
                                               "Punishment of the Crime of Genocide.")


def test_an_ing_form_coordinated_with_a_finite_verb_is_flagged(engine) -> None:
    text = ("Ratify the treaties to which the country is not yet a party and withdrawing its "
            "reservations on the others.")
    judged = engine.judge.judge_many([text], [[]])[0]
    problems = grammar_problems(judged.parsed.doc, engine.judge.verbs.verbs,
                                judged.parsed.first)
    assert any("coordinated with" in p for p in problems), problems


@pytest.mark.parametrize(("text", "banned"), [
    ("Consider becoming a State party to the World Health Organization and adopt a health "
     "plan", "party to the World Health"),
    ("Consider ratifying the Optional Protocols to CRC OPSC and OPAC", "OPSC"),
    ("Examine the possibility of ratifying the treaties to which the country is not yet a "
     "party and withdrawing its reservations on the others", "Ratify the treaties"),
])
def test_copied_errors_decline_the_rewrite(engine, text: str, banned: str) -> None:
    assert not any(banned in t for t in _texts(engine, text)), _texts(engine, text)


# -- a stock deliverable must cover the object --------------------------------------------------

def test_a_stock_means_covers_every_coordinated_harm(engine) -> None:
    text = "Continue efforts to combat racism and hate crimes as well as child labour"
    for rewrite in _texts(engine, text):
        assert "legislation on racism by" not in rewrite, rewrite


def test_holders_and_fields_are_no_coordinated_objects(engine) -> None:
    # "for men and women", "in education and employment" do not make the topic too narrow
    from smartcheck.rewrite.suggest import _covers

    judged = engine.judge.judge_many(
        ["Combat discrimination against women in education and employment.",
         "Combat discrimination and violence against women as well as child labour."],
        [[], []])
    heads = [next(t for t in j.parsed.doc if t.lower_ == "discrimination") for j in judged]
    assert _covers("discrimination", heads[0])
    assert not _covers("discrimination", heads[1])


@pytest.mark.parametrize(("body", "placed"), [
    # the particle stays with its verb when the deadline goes after the verb
    ("Bring about a change in attitudes towards persons with disabilities, which persist in "
     "rural areas", "Bring about, by [year], a change in attitudes towards persons with "
     "disabilities, which persist in rural areas."),
    ("Hand over the files on enforced disappearances, which the commission requested",
     "Hand over, by [year], the files on enforced disappearances, which the commission "
     "requested."),
])
def test_a_deadline_after_the_verb_keeps_its_particle(body: str, placed: str) -> None:
    draft = Draft(body, category=4)
    add_deadline(draft, "by [year]", after_verb=True)
    assert draft.text == placed


def test_rewrite_problems_report_a_deadline_splitting_a_phrasal_verb(engine) -> None:
    problems = rewrite_problems(
        "Work towards bringing about a change of attitudes towards persons with disabilities",
        {"text": "Bring, by [year], about a change of attitudes towards persons with "
                 "disabilities.", "overall": 0, "explanation": "added a deadline"},
        engine.judge)
    assert any("splits a phrasal verb" in p for p in problems), problems
    clean = rewrite_problems(
        "Consider bringing about a change of attitudes towards persons with disabilities",
        {"text": "Bring about, by [year], a change of attitudes towards persons with "
                 "disabilities.", "overall": 0, "explanation": "added a deadline"},
        engine.judge)
    assert not any("phrasal" in p for p in clean), clean
