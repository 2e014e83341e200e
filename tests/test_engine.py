"""The engine's contract and the rubric points the issue names, on the real spaCy pipeline."""

from __future__ import annotations

import json

import pytest

import smartcheck
from smartcheck import Engine, check, check_many
from smartcheck.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputTooLongError,
    NotEnglishError,
)
from smartcheck.report import CRITERIA


def test_contract_shape(engine: Engine) -> None:
    """Report.to_dict() has exactly the keys DESIGN.md promises, JSON-ready."""
    data = engine.check("Continue its efforts to promote the rights of women.").to_dict()
    json.dumps(data)
    assert {"text", "overall", "smart", "criteria", "action_category", "issues", "findings",
            "suggestions"} <= set(data)
    assert set(data["criteria"]) == set(CRITERIA)
    for criterion in data["criteria"].values():
        assert set(criterion) == {"score", "verdict", "findings"}
        assert 0 <= criterion["score"] <= 1
        assert criterion["verdict"] in {"pass", "partial", "fail"}
    assert set(data["action_category"]) >= {"value", "label", "confidence"}
    assert 0 <= data["overall"] <= 100
    for finding in data["findings"]:
        assert set(finding) == {"rule", "criterion", "level", "start", "end", "match",
                                "message", "suggestion", "link"}
        assert data["text"][finding["start"]:finding["end"]] == finding["match"]


def test_module_level_functions_share_one_engine() -> None:
    """`smartcheck.check` and `check_many` work without building an Engine by hand."""
    single = check("Ratify the Convention against Torture by 2026.")
    many = check_many(["Ratify the Convention against Torture by 2026.", "Eradicate poverty."])
    assert single.overall == many[0].overall == 100
    assert many[1].overall < 50
    assert smartcheck.__version__


def test_smart_example_from_the_brief_passes_everything(engine: Engine) -> None:
    """The project's own SMART example is judged SMART with no findings of weight."""
    report = engine.check("Amend article 377 of the Penal Code to criminalise marital rape "
                          "by 2027.")
    assert report.smart
    assert report.overall == 100
    assert report.action_category.value == 5


def test_vague_example_from_the_brief_fails(engine: Engine) -> None:
    """'Continue efforts to promote women's rights' fails S, M and T and is category 2."""
    report = engine.check("Continue efforts to promote women's rights.")
    verdicts = {c: report.criteria[c].verdict for c in CRITERIA}
    assert verdicts == {"specific": "fail", "measurable": "fail", "achievable": "pass",
                        "relevant": "pass", "time_bound": "fail"}
    assert report.action_category.value == 2
    spans = {(f.rule, f.match) for f in report.findings}
    assert ("specific.continuity-opening", "Continue") in spans


@pytest.mark.parametrize(("text", "verdict"), [
    ("Adopt a law on torture by 2027.", "pass"),
    ("Adopt a law on torture by the end of 2026.", "pass"),
    ("Adopt a law on torture within 12 months.", "pass"),
    ("Adopt a law on torture within two years of ratification.", "pass"),
    ("Adopt a law on torture before its next review.", "pass"),
    ("Adopt a law on torture by the mid-term.", "pass"),
    ("Adopt a law on torture by mid-2027.", "pass"),
    ("Release all detained journalists immediately.", "pass"),
    ("Adopt a law on torture as soon as possible.", "partial"),
    ("Adopt a law on torture without delay.", "partial"),
    ("Adopt a law on torture as a matter of priority.", "partial"),
    ("Adopt a law on torture.", "fail"),
    ("Amend article 19 of Law No. 12/2015 on public assemblies.", "fail"),
])
def test_time_bound_forms(engine: Engine, text: str, verdict: str) -> None:
    """Dates, years, durations, milestones pass; urgency is partial; nothing fails."""
    assert engine.check(text).criteria["time_bound"].verdict == verdict


@pytest.mark.parametrize(("text", "verdict"), [
    ("Guarantee freedom of assembly in line with article 21 of the ICCPR.", "fail"),
    ("Protect freedom of assembly under Law No. 12/2015.", "fail"),
    ("Increase the share of women judges to 40 per cent by 2028.", "pass"),
    ("Recruit 500 additional labour inspectors by 2027.", "pass"),
    ("Develop a national strategy on disability.", "partial"),
    ("Develop and adopt a national strategy on disability.", "pass"),
    ("Promote tolerance.", "fail"),
])
def test_numbers_that_are_not_targets_do_not_make_it_measurable(
        engine: Engine, text: str, verdict: str) -> None:
    """Article numbers and law numbers are not targets; counts and percentages are."""
    assert engine.check(text).criteria["measurable"].verdict == verdict


@pytest.mark.parametrize(("text", "category"), [
    ("Continue and strengthen its efforts to protect children from violence.", 4),
    ("Consider ratifying the Optional Protocol to the Convention against Torture.", 3),
    ("Improve women's rights by amending the Family Code.", 5),
    ("Seek technical assistance from OHCHR to train judges.", 1),
    ("Ratify the Convention on the Rights of Persons with Disabilities.", 5),
    ("Pursue its programme of school construction in rural areas.", 2),
])
def test_action_category_coding_principles(engine: Engine, text: str, category: int) -> None:
    """UPR Info's coding principles: second verb privileged, means lifts to 5, help is 1."""
    assert engine.check(text).action_category.value == category


def test_hedges_are_found_with_exact_spans(engine: Engine) -> None:
    """A hedge finding points at the hedge's characters."""
    text = "Adopt, as appropriate, a law on domestic violence by 2027."
    report = engine.check(text)
    hedges = [f for f in report.findings if f.rule == "specific.hedge"]
    assert [(f.start, f.end, f.match) for f in hedges] == [(7, 21, "as appropriate")]
    # A hedge weakens any recommendation: one verdict step down (SMART-RUBRIC.md).
    assert report.criteria["specific"].verdict == "partial"
    best = report.suggestions[0]
    assert "as appropriate" not in best.text
    assert "removed the hedge" in best.explanation.lower()


def test_bundled_and_absolute_recommendations_are_not_achievable(engine: Engine) -> None:
    """Three actions in one is partial; 'eradicate poverty' fails; abolition is achievable."""
    bundled = engine.check("Adopt a law on domestic violence, open shelters in every region "
                           "and train all police officers by 2027.")
    assert bundled.criteria["achievable"].verdict == "partial"
    assert engine.check("Eradicate poverty by 2030.").criteria["achievable"].verdict == "fail"
    abolish = engine.check("Abolish the death penalty by 2027.")
    assert abolish.criteria["achievable"].verdict == "pass"


def test_relevance_needs_an_issue_and_an_anchor(engine: Engine) -> None:
    """No issue fails; an issue alone is partial; an issue with a standard passes."""
    assert engine.check("Give due attention to the specific circumstances of the country."
                        ).criteria["relevant"].verdict == "fail"
    assert engine.check("Abolish the death penalty.").criteria["relevant"].verdict == "partial"
    assert engine.check("Ratify the Second Optional Protocol to the ICCPR on the death penalty."
                        ).criteria["relevant"].verdict == "pass"


def test_suggestions_raise_the_score_and_keep_the_object(engine: Engine) -> None:
    """'Consider ratifying X' → 'Ratify X …', re-scored higher; best first."""
    report = engine.check("Consider ratifying the Optional Protocol to the Convention against "
                          "Torture.")
    assert report.suggestions
    scores = [s.overall for s in report.suggestions]
    assert scores == sorted(scores, reverse=True)
    assert all(s > report.overall for s in scores)
    best = report.suggestions[0]
    assert best.text.startswith("Ratify the Optional Protocol to the Convention against Torture")
    assert "[year]" in best.text
    assert "Consider ratifying" in best.explanation


def test_suggestions_use_the_next_review_year(engine: Engine) -> None:
    """A known review year fills the deadline instead of a placeholder. (An already concrete
    "Adopt a law …" gets no deadline-only rewrite: docs/evaluation-rewrites.md.)"""
    report = engine.check("Consider adopting a law on domestic violence.",
                          context={"next_review_year": 2029})
    best = report.suggestions[0].text
    assert best == "Adopt a law on domestic violence by 2029, in line with CEDAW."
    assert all("[year]" not in s.text for s in report.suggestions)


def test_a_smart_recommendation_gets_no_suggestions(engine: Engine) -> None:
    """Nothing scores higher than 100."""
    assert engine.check("Ratify the CRPD by 2026.").suggestions == []


def test_check_many_matches_check(engine: Engine) -> None:
    """Batching does not change any verdict."""
    texts = ["Consider ratifying the CRPD.", "Adopt a law on torture by 2027.",
             "Continue to combat trafficking in persons."]
    batch = engine.check_many(texts)
    single = [engine.check(t) for t in texts]

    def verdicts(report):
        # Issue tags, similar texts and notes may change when the sentence model finishes
        # loading between two calls; the verdicts must not.
        data = report.to_dict()
        return {k: data[k] for k in ("text", "overall", "smart", "criteria",
                                     "action_category", "findings")}

    assert [verdicts(r) for r in batch] == [verdicts(r) for r in single]
    # Batches skip only the deadline-only rewrite; whatever they suggest, one text gets too.
    for b, s in zip(batch, single, strict=True):
        assert {x.text for x in b.suggestions} <= {x.text for x in s.suggestions}
        def top(report):
            return report.suggestions[0].text if report.suggestions else None

        assert top(b) == top(s)
    assert all(r.suggestions for r in (batch[0], batch[2]))  # the two weak texts get one


def test_check_many_parses_in_one_batch(engine: Engine, monkeypatch) -> None:
    """check_many calls the spaCy pipe once for the texts (plus at most once for rewrites:
    none when earlier calls re-scored the same candidates)."""
    import smartcheck.judge.judging as engine_module

    calls = []
    original = engine_module.parse_many

    def counting(nlp, texts, verbs, batch_size=128, **options):
        calls.append(len(list(texts)) if not isinstance(texts, list) else len(texts))
        return original(nlp, texts, verbs, batch_size, **options)

    monkeypatch.setattr(engine_module, "parse_many", counting)
    engine.check_many(["Consider ratifying the CRPD."] * 5 + ["Adopt a law by 2027."] * 5)
    assert calls[0] == 10
    assert len(calls) <= 2


def test_a_text_checked_again_parses_only_itself(engine: Engine, monkeypatch) -> None:
    """The rewrites of a draft checked again come from the re-scoring cache: one parse, the
    same suggestions and scores."""
    import smartcheck.judge.judging as judging

    text = ("Take measures to combat domestic violence against women and girls, and promote "
            "the rights of persons with disabilities in rural areas.")
    first = engine.check(text)
    parsed: list[list[str]] = []
    original = judging.parse_many

    def counting(nlp, texts, verbs, batch_size=128, **options):
        parsed.append(list(texts))
        return original(nlp, parsed[-1], verbs, batch_size, **options)

    monkeypatch.setattr(judging, "parse_many", counting)
    again = engine.check(text)
    assert first.suggestions, "the draft must have rewrites for this test to mean anything"
    assert [s.to_dict() for s in again.suggestions] == [s.to_dict() for s in first.suggestions]
    assert parsed == [[text]]


@pytest.mark.parametrize(("text", "error"), [
    ("", EmptyInputError),
    ("   \n\t ", EmptyInputError),
    ("Adopt a law. " * 500, InputTooLongError),
    ("\x00\x01\x02binary\x00junk", BinaryInputError),
    (b"Adopt a law", BinaryInputError),
    ("Adopter une loi sur la violence domestique et les droits des femmes.", NotEnglishError),
    ("اعتماد قانون بشأن العنف المنزلي", NotEnglishError),
    ("12345 67890 !!!", NotEnglishError),
])
def test_bad_input_raises_a_clear_value_error(engine: Engine, text, error) -> None:
    """Bad input is a ValueError subclass with a plain message, never a crash."""
    with pytest.raises(error) as raised:
        engine.check(text)
    assert isinstance(raised.value, InputError)
    assert isinstance(raised.value, ValueError)
    assert len(str(raised.value)) > 20
    assert "Traceback" not in str(raised.value)


def test_html_in_text_is_kept_as_text(engine: Engine) -> None:
    """Markup is just characters to the engine; offsets still line up."""
    text = "Adopt a <b>law</b> on torture by 2027 <script>alert(1)</script>."
    report = engine.check(text)
    assert report.text == text
    for f in report.findings:
        assert report.text[f.start:f.end] == f.match


@pytest.mark.parametrize(("text", "verdict"), [
    ("Adopt a national policy on disability by 2027.", "pass"),
    ("Develop policies for the promotion of equality by 2027.", "partial"),
    ("Adopt measures to protect children by 2027.", "partial"),
])
def test_a_defined_policy_is_an_identifiable_object(engine: Engine, text: str,
                                                    verdict: str) -> None:
    """'a national policy on X' names something; bare 'policies' or 'measures' do not."""
    assert engine.check(text).criteria["specific"].verdict == verdict


def test_process_issues_do_not_make_a_recommendation_relevant(engine: Engine) -> None:
    """General, technical assistance and UPR process tags are not a human-rights issue."""
    assert engine.not_issues == {"General", "Technical assistance and cooperation",
                                 "UPR process"}
    scores = engine._relevant_scores([("General", 0.9), ("Torture and other CID treatment", 0.8)])
    assert scores == {"Torture and other CID treatment": 0.8}
