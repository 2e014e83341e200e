"""Every rule's in-file examples are tests; bad rule files fail at load with path and key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from smartcheck.errors import RuleFileError
from smartcheck.judge.nlp import load_pipeline
from smartcheck.judge.ruleset import load_rules
from smartcheck.report import CRITERIA
from smartcheck.resources import rules_dir

RULE_FILES = sorted(p for c in CRITERIA for p in (rules_dir() / c).glob("*.yml"))


def _examples() -> list[tuple[str, str, str]]:
    """(rule id, 'fail'|'pass', text) for every example of every rule file."""
    cases = []
    for path in RULE_FILES:
        rule_id = f"{path.parent.name}.{path.stem}"
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for outcome in ("fail", "pass"):
            for text in (spec.get("examples") or {}).get(outcome, []):
                cases.append((rule_id, outcome, text))
    return cases


def test_there_are_rules_for_every_criterion() -> None:
    """Each SMART criterion has at least one rule file."""
    assert {p.parent.name for p in RULE_FILES} == set(CRITERIA)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: f"{p.parent.name}.{p.stem}")
def test_every_rule_ships_failing_and_passing_examples(path: Path) -> None:
    """proselint's discipline: no rule without examples of both outcomes."""
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert spec["examples"]["fail"], "needs failing examples"
    assert spec["examples"]["pass"], "needs passing examples"
    for key in ("message", "level", "link", "criterion", "kind", "weight"):
        assert key in spec


@pytest.mark.parametrize(("rule_id", "outcome", "text"), _examples(),
                         ids=lambda v: v if isinstance(v, str) and len(v) < 40 else None)
def test_rule_example(engine, rule_id: str, outcome: str, text: str) -> None:
    """A 'fail' example makes the rule fire; a 'pass' example does not."""
    report = engine.check(text)
    fired = {f.rule for f in report.findings}
    if outcome == "fail":
        assert rule_id in fired, f"{rule_id} should fire on: {text}"
    else:
        assert rule_id not in fired, f"{rule_id} should not fire on: {text}"


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A writable copy of the rules folder."""
    target = tmp_path / "rules"
    shutil.copytree(rules_dir(), target)
    return target


def _write(root: Path, name: str, spec: dict) -> Path:
    path = root / name
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    return path


GOOD = {
    "kind": "existence", "criterion": "specific", "level": "warning", "weight": 0.1,
    "message": "'%s' is vague.", "link": "/learn/specific", "tokens": ["somehow"],
    "examples": {"fail": ["Do it somehow."], "pass": ["Do it."]},
}


@pytest.mark.parametrize(("change", "key"), [
    ({"examples": {"fail": ["x"]}}, "examples"),
    ({"examples": None}, "examples"),
    ({"kind": "guess"}, "kind"),
    ({"level": "fatal"}, "level"),
    ({"weight": 3}, "weight"),
    ({"message": None}, "message"),
    ({"link": "somewhere"}, "link"),
    ({"criterion": "measurable"}, "criterion"),
    ({"lexicon": "no-such-list"}, "lexicon"),
    ({"tokens": None, "patterns": [[{"LOWER": {"IN": "not-a-list"}}]]}, "patterns[0]"),
    ({"tokens": None, "patterns": "adopt"}, "patterns"),
    ({"unless": ["specific.does-not-exist"]}, "unless"),
    ({"near": [{"first": ["adopt"], "then": ["law"]}]}, "near[0]"),
    ({"near": [{"first": ["adopt"], "then": ["law"], "within": 99}]}, "near[0]"),
    ({"near": [{"first": ["adopt"], "then": ["law"], "within": 5, "pos": "VERB"}]}, "near[0]"),
    ({"colour": "red"}, "colour"),
])
def test_bad_rule_file_names_path_and_key(rules_copy: Path, change: dict, key: str) -> None:
    """A malformed rule fails at load, naming its file and the offending key."""
    spec = {**GOOD, **change}
    spec = {k: v for k, v in spec.items() if v is not None}
    path = _write(rules_copy / "specific", "broken.yml", spec)
    with pytest.raises(RuleFileError) as error:
        load_rules(load_pipeline(), rules_copy)
    assert error.value.path == str(path)
    assert error.value.key == key
    assert str(path) in str(error.value)


def test_invalid_yaml_is_reported_with_its_path(rules_copy: Path) -> None:
    """A file that is not YAML at all is named."""
    path = rules_copy / "time_bound" / "broken.yml"
    path.write_text("kind: [unclosed\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="broken.yml"):
        load_rules(load_pipeline(), rules_copy)


def test_a_good_new_rule_loads_with_an_id_from_its_path(rules_copy: Path) -> None:
    """`specific/somehow.yml` becomes rule `specific.somehow`."""
    _write(rules_copy / "specific", "somehow.yml", GOOD)
    ids = {r.id for r in load_rules(load_pipeline(), rules_copy)}
    assert "specific.somehow" in ids


@pytest.mark.parametrize("key", ["means", "negated", "absolute_outcome", "addressed_to_others",
                                 "separate_action", "coordinated_inside"])
def test_an_opening_condition_is_true_false_or_any(rules_copy: Path, key: str) -> None:
    """Each yes/no/any condition of an opening rule refuses anything else, naming the key."""
    path = rules_copy / "measurable" / "abstention.yml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump({**spec, key: "maybe"}), encoding="utf-8")
    with pytest.raises(RuleFileError) as error:
        load_rules(load_pipeline(), rules_copy)
    assert error.value.path == str(path) and error.value.key == key
    assert "true, false or any" in str(error.value)
