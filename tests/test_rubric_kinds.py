"""Issue 11's failure kinds, judged by the real engine: case, negation, levels, outcomes,
lists, dates and the agreement between the Specific verdict and the action category."""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path
from typing import Any

import pytest

from smartcheck.evaluate.rubric import evaluate_rubric, load_rubric_cases
from smartcheck.report import CRITERIA
from smartcheck.resources import shared_data_dir

DEV = Path(__file__).resolve().parent / "data" / "rubric-dev.yml"
CSV = shared_data_dir() / "upr-info-recommendations-sessions-01-16.csv"


def verdicts(report: Any) -> dict[str, str]:
    """The five verdicts of a report."""
    return {name: report.criteria[name].verdict for name in CRITERIA}


def test_all_caps_scores_as_its_normal_case_version(verdict_engine: Any) -> None:
    engine = verdict_engine
    texts = [case["text"] for case in load_rubric_cases(DEV)]
    normal = engine.check_many(texts)
    upper = engine.check_many([text.upper() for text in texts])
    differ = [t for t, a, b in zip(texts, normal, upper, strict=True)
              if verdicts(a) != verdicts(b) or a.action_category.value != b.action_category.value]
    assert differ == []
    # Offsets still point into the text as typed.
    report = upper[texts.index("Urgently adopt the draft law criminalising torture.")]
    urgency = [f for f in report.findings if f.rule == "time_bound.urgency-without-date"]
    assert urgency and urgency[0].match == "URGENTLY"


# Measurable (third set's convention): not taking a discrete legal act is checkable (pass);
# ceasing a practice is observable but has no deliverable (partial).
@pytest.mark.parametrize(("text", "category", "measurable"), [
    ("Do not reintroduce the death penalty.", 5, "pass"),
    ("Refrain from using counter-terrorism legislation to prosecute journalists.", 4, "partial"),
    ("Refrain from forcibly returning asylum seekers to countries where they risk torture.", 4,
     "partial"),
    ("The Government should not reintroduce the death penalty.", 5, "pass"),
    ("Not to adopt the draft law restricting NGOs.", 5, "pass"),
    ("Refrain from any act of reprisal against human rights defenders.", 4, "partial"),
    ("Avoid using the counter-terrorism law against peaceful protesters.", 4, "partial"),
])
def test_negated_asks_are_specific_and_coded_as_upr_info_codes_them(
        engine: Any, text: str, category: int, measurable: str) -> None:
    report = engine.check(text)
    assert report.criteria["specific"].verdict == "pass"
    assert report.criteria["measurable"].verdict == measurable
    assert report.action_category.value == category
    assert "not to do" in report.action_category.reason


@pytest.mark.parametrize("text", [
    "Raise the minimum age of criminal responsibility to 14 years.",
    "Initiate a nationwide awareness-raising campaign on the rights of persons with albinism.",
    "Lower the voting age to 16 years for local elections.",
])
def test_verdict_and_category_do_not_contradict(engine: Any, text: str) -> None:
    report = engine.check(text)
    assert report.criteria["specific"].verdict == "pass"
    assert report.action_category.value == 5


def test_when_category_and_specific_differ_the_report_says_why(engine: Any) -> None:
    # ("Provide … training" itself now opens a concrete act, as UPR Info codes it.)
    report = engine.check("Provide human rights education in all schools.")
    if report.action_category.value == 5:
        assert report.criteria["specific"].verdict != "pass"
        assert "Specific still reads" in report.action_category.reason


@pytest.mark.parametrize(("text", "achievable"), [
    ("End child marriage by 2026.", "fail"),
    ("End all violence against children within 12 months.", "fail"),
    ("End the practice of forced evictions in the capital.", "pass"),
    ("Amend the Penal Code to: (a) criminalise marital rape; (b) repeal article 5; and "
     "(c) define torture.", "partial"),
    ("Raise the minimum age of marriage to 18 for both sexes by 2027.", "pass"),
])
def test_achievable_kinds(engine: Any, text: str, achievable: str) -> None:
    assert engine.check(text).criteria["achievable"].verdict == achievable


@pytest.mark.parametrize(("text", "time_bound"), [
    ("Adopt the draft law on domestic violence in 2026.", "pass"),
    ("Publish the first report on hate crimes during 2026.", "pass"),
    ("Allocate funds to the national preventive mechanism in the 2027 budget.", "pass"),
    ("Halve the backlog of criminal cases during the period 2025-2027.", "pass"),
    ("Implement the National Strategy for Roma Inclusion 2021-2030.", "fail"),
    ("Investigate the deaths in custody reported in 2024.", "fail"),
    ("Take urgent action to release all political prisoners.", "partial"),
])
def test_time_bound_kinds(engine: Any, text: str, time_bound: str) -> None:
    assert engine.check(text).criteria["time_bound"].verdict == time_bound


@pytest.mark.parametrize(("text", "measurable"), [
    ("Establish a relationship of cooperation with the United Nations human rights mechanisms.",
     "fail"),
    ("Ensure the adoption of the draft law on the protection of human rights defenders.", "pass"),
    ("Protect women from violence, including by adopting a law on domestic violence.", "pass"),
    ("Stop the practice of virginity testing of female detainees.", "partial"),
    ("Take concrete steps to ratify the Convention on the Rights of Persons with Disabilities.",
     "partial"),
])
def test_measurable_kinds(engine: Any, text: str, measurable: str) -> None:
    assert engine.check(text).criteria["measurable"].verdict == measurable


def test_category_reasons_quote_verbs_never_nouns(verdict_engine: Any) -> None:
    engine = verdict_engine
    if not CSV.exists():
        pytest.skip("shared data not found")
    with CSV.open(encoding="utf-8", newline="") as handle:
        rows = [r["Text"] for r in csv.DictReader(handle) if int(r["Session"]) >= 13]
    texts = random.Random(11).sample(rows, 300)
    reports = engine.check_many(texts)
    judgements = engine.judge_many(texts)
    lexicon = engine.judge.verbs.verbs
    quoted_nouns = []
    for report, judgement in zip(reports, judgements, strict=True):
        doc = judgement.parsed.doc
        verbs = {t.lower_ for t in doc if t.pos_ in {"VERB", "AUX"} or t.tag_.startswith("VB")}
        verbs |= {t.lower_ for t in doc if t.lemma_.lower() in lexicon}
        for quote in re.findall(r"'([^']+)'", report.action_category.reason):
            words = quote.lower().split()
            first = words[1] if words[0] in {"by", "through", "via"} and len(words) > 1 \
                else words[0]
            if first not in verbs and first not in lexicon:
                quoted_nouns.append((quote, report.action_category.reason))
    assert quoted_nouns == []


# Measured on the 72 dev cases after the fixes (2026-12-01): S .889, M .931, A 1.0, R .944,
# T 1.0, category .903, 2 flips; before: S .722, M .722, A .931, R .819, T .861, 25 flips.
DEV_FLOORS = {"specific": 0.90, "measurable": 0.94, "achievable": 0.99, "relevant": 0.94,
              "time_bound": 0.99}  # issue 11c measured .903 / .944 / 1.000 / .944 / 1.000


def test_dev_set_floors(verdict_engine: Any) -> None:
    result = evaluate_rubric(verdict_engine, DEV)
    for name, floor in DEV_FLOORS.items():
        assert result["criteria"][name]["accuracy"] >= floor, name
    assert result["flips"] <= 2
