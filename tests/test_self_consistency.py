"""The app never contradicts its own lesson: every text it presents as good is judged SMART,
every text it presents as weak is judged not SMART, and the README prints what the tool says.

Sources: the Learn pages (web/lesson.py: each letter's strong example, the common mistakes'
"Better" versions, the quiz's right answers), the workshop model answers and rungs
(examples/workshops/*.yml), examples/exemplars.yml and the README's printed outputs.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from web import lesson

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def _workshops() -> list[dict[str, Any]]:
    """Every exercise of every workshop set."""
    found = []
    for path in sorted((ROOT / "examples" / "workshops").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += [{**e, "set": data["id"]} for e in data["exercises"]]
    return found


def _exemplars() -> list[dict[str, Any]]:
    """The weak -> strong pairs of examples/exemplars.yml."""
    data = yaml.safe_load((ROOT / "examples" / "exemplars.yml").read_text(encoding="utf-8"))
    return data["exemplars"]


def good_texts() -> list[tuple[str, str]]:
    """(where, text) of everything the app shows as a good recommendation."""
    found = [(f"learn/{letter.key} strong", letter.strong) for letter in lesson.LETTERS]
    found += [(f"learn/mistakes#{anchor} better", strong)
              for anchor, _, _, _, strong in lesson.MISTAKES]
    for question in lesson.QUIZ:
        if question.key in {"q3", "q5"}:
            answer = dict(question.choices)[question.answer]
            found.append((f"learn/quiz {question.key} answer", answer))
    for exercise in _workshops():
        found.append((f"workshop {exercise['set']}/{exercise['id']} model answer",
                      exercise["model_answer"]))
    found += [(f"exemplar {item['id']} strong", item["strong"]) for item in _exemplars()]
    return found


def weak_texts() -> list[tuple[str, str]]:
    """(where, text) of everything the app shows as a weak recommendation."""
    found = [(f"learn/{letter.key} weak", letter.weak) for letter in lesson.LETTERS]
    found += [(f"learn/mistakes#{anchor} weak", weak) for anchor, _, _, weak, _ in lesson.MISTAKES]
    q5 = next(q for q in lesson.QUIZ if q.key == "q5")
    found += [(f"learn/quiz q5 {key}", text) for key, text in q5.choices if key != q5.answer]
    for exercise in _workshops():
        where = f"workshop {exercise['set']}/{exercise['id']}"
        found.append((f"{where} weak", exercise["weak"]))
        for rung in exercise.get("ladder", []):
            if rung["category"] < 5:
                found.append((f"{where} rung {rung['category']}", rung["text"]))
    found += [(f"exemplar {item['id']} weak", item["weak"]) for item in _exemplars()]
    return found


@cache
def _judged(engine: Any, texts: tuple[str, ...]) -> dict[str, Any]:
    """One batch check of all texts."""
    return dict(zip(texts, engine.check_many(list(texts)), strict=True))


def _not_passed(report: Any) -> str:
    """The criteria below pass, with their first finding, for a failure message."""
    parts = []
    for name, score in report.criteria.items():
        if score.verdict != "pass":
            first = score.findings[0].message if score.findings else ""
            parts.append(f"{name} {score.verdict} ({first})")
    return "; ".join(parts)


def test_every_good_example_is_judged_smart(verdict_engine: Any) -> None:
    engine = verdict_engine
    texts = good_texts()
    assert len(texts) >= 60
    reports = _judged(engine, tuple(t for _, t in texts))
    wrong = [f"{where}: {text!r} -> {_not_passed(reports[text])}"
             for where, text in texts if not reports[text].smart]
    assert wrong == []


def test_every_weak_example_is_judged_not_smart(verdict_engine: Any) -> None:
    engine = verdict_engine
    texts = weak_texts()
    assert len(texts) >= 60
    reports = _judged(engine, tuple(t for _, t in texts))
    wrong = [f"{where}: {text!r}" for where, text in texts if reports[text].smart]
    assert wrong == []


def test_lesson_better_examples_climb_above_their_weak_versions(verdict_engine: Any) -> None:
    engine = verdict_engine
    pairs = [(weak, strong) for _, _, _, weak, strong in lesson.MISTAKES]
    pairs += [(letter.weak, letter.strong) for letter in lesson.LETTERS]
    reports = _judged(engine, tuple(t for pair in pairs for t in pair))
    for weak, strong in pairs:
        assert reports[strong].overall > reports[weak].overall, (weak, strong)


def test_each_letter_weak_example_fails_its_own_letter(verdict_engine: Any) -> None:
    engine = verdict_engine
    reports = _judged(engine, tuple(letter.weak for letter in lesson.LETTERS))
    for letter in lesson.LETTERS:
        assert reports[letter.weak].criteria[letter.key].verdict != "pass", letter.key


CONSOLE = re.compile(r"\$ smartcheck check \"(?P<text>[^\"]+)\"\n(?P<out>(?:.*\n)*?)```")
HEAD = re.compile(r"overall (\d+)/100 · (not SMART|SMART) · action category (\d)")
VERDICT = re.compile(r"^\s+([SMART]) (PASS|PART|FAIL) ([0-9.]+)", re.M)
SHOWN = {"PASS": "pass", "PART": "partial", "FAIL": "fail"}
LETTERS = dict(zip("SMART", ("specific", "measurable", "achievable", "relevant", "time_bound"),
                   strict=True))


def readme_outputs() -> list[tuple[str, str]]:
    """(text, printed output) of every `smartcheck check "…"` console block in the README."""
    return [(m["text"], m["out"]) for m in CONSOLE.finditer(README.read_text(encoding="utf-8"))]


def test_readme_prints_what_the_tool_says(engine: Any) -> None:
    blocks = readme_outputs()
    assert blocks, "the README shows at least one checked recommendation"
    for text, out in blocks:
        report = engine.check(text)
        head = HEAD.search(out)
        assert head, out
        overall, smart, category = head.groups()
        assert int(overall) == report.overall, text
        assert (smart == "SMART") == report.smart, text
        assert int(category) == report.action_category.value, text
        for letter, verdict, score in VERDICT.findall(out):
            criterion = report.criteria[LETTERS[letter]]
            assert SHOWN[verdict] == criterion.verdict, (text, letter)
            assert float(score) == pytest.approx(criterion.score, abs=0.005), (text, letter)
        better = re.search(r"Better \((\d+)/100\): (.+)", out)
        # A rewrite with [slots] is scored as filled in; its text as written scores lower.
        if better and "[" not in better.group(2):
            rewrite = engine.check(better.group(2).strip())
            assert int(better.group(1)) == rewrite.overall, better.group(2)


def test_readme_python_example_matches_the_tool(engine: Any) -> None:
    readme = README.read_text(encoding="utf-8")
    block = re.search(r'report = check\("(?P<text>[^"]+)"\)\n(?P<body>(?:report.*\n)+)', readme)
    assert block
    report = engine.check(block["text"])
    overall = re.search(r"report\.overall\s+# (\d+)", block["body"])
    smart = re.search(r"report\.smart\s+# (True|False)", block["body"])
    category = re.search(r"report\.action_category\.value\s+# (\d)", block["body"])
    assert overall and int(overall.group(1)) == report.overall
    assert smart and (smart.group(1) == "True") == report.smart
    assert category and int(category.group(1)) == report.action_category.value
    time_bound = re.search(r"report\.criteria\[\"time_bound\"\]\.verdict\s+# '(\w+)'",
                           block["body"])
    assert time_bound and time_bound.group(1) == report.criteria["time_bound"].verdict
