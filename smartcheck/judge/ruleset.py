"""Load the declarative rule files under rules/<criterion>/ and validate them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from smartcheck.errors import RuleFileError
from smartcheck.judge.lexicons import Lexicon, load_lexicons
from smartcheck.judge.rule_kinds import KINDS, Rule
from smartcheck.report import CRITERIA, LEVELS

# libyaml when present: the pure-Python loader was ~0.5 s of every start-up.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

if TYPE_CHECKING:
    from spacy.language import Language

COMMON_KEYS = {"kind", "criterion", "level", "weight", "message", "link", "examples", "suggest",
               "max_weight", "unless", "requires", "description"}
KIND_KEYS = {"tokens", "lexicon", "patterns", "verb_attached", "near", "swap", "categories",
             "object", "means", "use_opening_category", "negated", "absolute_outcome", "count",
             "addressed_to_others", "max", "min", "metric", "min_score", "exclude",
             "unless_means", "separate_action", "object_words", "object_not_words",
             "coordinated_inside"}


@dataclass(frozen=True)
class CriterionSpec:
    """A SMART criterion's weight in `overall` and what it means."""

    name: str
    weight: float
    description: str
    link: str


def rule_id_for(path: Path, root: Path) -> str:
    """`specific/vague-verb.yml` → `specific.vague-verb`."""
    relative = path.relative_to(root).with_suffix("")
    return ".".join(relative.parts)


def _require(path: Path, spec: dict[str, Any], key: str, kind: type | tuple, expected: str) -> Any:
    """Return spec[key] if it has the expected type, else fail naming path and key."""
    value = spec.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise RuleFileError(path, key, expected)
    return value


def build_rule(path: Path, root: Path, spec: Any, nlp: Language,
               lexicons: dict[str, Lexicon]) -> Rule:
    """Validate one rule file's mapping and compile it into its kind's class."""
    if not isinstance(spec, dict):
        raise RuleFileError(path, "(file)", "a mapping at the top level")
    unknown = set(spec) - COMMON_KEYS - KIND_KEYS
    if unknown:
        raise RuleFileError(path, sorted(unknown)[0], f"one of {sorted(COMMON_KEYS | KIND_KEYS)}")
    kind = _require(path, spec, "kind", str, f"one of {sorted(KINDS)}")
    if kind not in KINDS:
        raise RuleFileError(path, "kind", f"one of {sorted(KINDS)}")
    criterion = _require(path, spec, "criterion", str, f"one of {list(CRITERIA)}")
    if criterion not in CRITERIA or path.parent.name != criterion:
        raise RuleFileError(path, "criterion", f"'{path.parent.name}' (the rule's folder)")
    level = _require(path, spec, "level", str, f"one of {list(LEVELS)}")
    if level not in LEVELS:
        raise RuleFileError(path, "level", f"one of {list(LEVELS)}")
    weight = _require(path, spec, "weight", (int, float), "a number between 0 and 1")
    if not 0 <= weight <= 1:
        raise RuleFileError(path, "weight", "a number between 0 and 1")
    message = _require(path, spec, "message", str, "a plain-language message")
    link = _require(path, spec, "link", str, "a URL to the guidance")
    if not link.startswith(("https://", "http://", "/learn/")):
        raise RuleFileError(path, "link", "a URL or a /learn/ page for the guidance")
    examples = spec.get("examples")
    if not (isinstance(examples, dict) and set(examples) == {"fail", "pass"}
            and all(isinstance(examples[k], list) and examples[k]
                    and all(isinstance(x, str) and x.strip() for x in examples[k])
                    for k in ("fail", "pass"))):
        raise RuleFileError(path, "examples",
                            "'fail' and 'pass', each a non-empty list of example texts")
    unless = spec.get("unless", [])
    if not isinstance(unless, list) or not all(isinstance(u, str) for u in unless):
        raise RuleFileError(path, "unless", "a list of rule ids")
    requires = spec.get("requires", [])
    if not isinstance(requires, list) or not all(isinstance(u, str) for u in requires):
        raise RuleFileError(path, "requires", "a list of rule ids")
    suggest = spec.get("suggest", "")
    if not isinstance(suggest, str):
        raise RuleFileError(path, "suggest", "a string saying what to do instead")
    max_weight = spec.get("max_weight")
    if max_weight is not None and not isinstance(max_weight, (int, float)):
        raise RuleFileError(path, "max_weight", "a number")
    rule = KINDS[kind](
        id=rule_id_for(path, root), path=str(path), kind=kind, criterion=criterion, level=level,
        weight=float(weight), message=message.strip(), link=link, examples=examples,
        suggest=suggest.strip(), max_weight=max_weight, unless=unless, requires=requires,
        description=str(spec.get("description", "")),
    )
    rule.prepare(nlp, lexicons, spec)
    return rule


def load_rules(nlp: Language, root: Path) -> list[Rule]:
    """Every rule under root/<criterion>/*.yml, validated; `unless` ids must exist."""
    lexicons = load_lexicons(str(root / "lexicons"))
    rules = []
    for criterion in CRITERIA:
        for path in sorted((root / criterion).glob("*.yml")):
            try:
                spec = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
            except yaml.YAMLError as exc:
                raise RuleFileError(path, "(file)", f"valid YAML ({exc})") from exc
            rules.append(build_rule(path, root, spec, nlp, lexicons))
    ids = {r.id for r in rules}
    for rule in rules:
        for key in ("unless", "requires"):
            for other in getattr(rule, key):
                if other not in ids:
                    raise RuleFileError(rule.path, key, f"ids of existing rules, not '{other}'")
    return rules


def load_criteria(root: Path) -> dict[str, CriterionSpec]:
    """rules/criteria.yml: each criterion's weight in `overall` and its description."""
    path = root / "criteria.yml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    if not isinstance(data, dict) or set(data.get("criteria", {})) != set(CRITERIA):
        raise RuleFileError(path, "criteria", f"a mapping with keys {list(CRITERIA)}")
    specs = {}
    for name, entry in data["criteria"].items():
        weight = entry.get("weight") if isinstance(entry, dict) else None
        if not isinstance(weight, (int, float)) or weight <= 0:
            raise RuleFileError(path, f"criteria.{name}.weight", "a positive number")
        specs[name] = CriterionSpec(name, float(weight), str(entry.get("description", "")),
                                    str(entry.get("link", "")))
    return specs
