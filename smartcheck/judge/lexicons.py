"""Plain-data word lists (hedges, treaties, groups, action verbs …) loaded and validated once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from smartcheck.errors import RuleFileError
from smartcheck.resources import lexicons_dir

# libyaml when present: the pure-Python loader was ~0.5 s of every start-up.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Lexicon:
    """A named list of words or phrases with where it comes from."""

    name: str
    description: str
    link: str
    terms: tuple[str, ...]


def load_yaml_mapping(path: Path) -> dict:
    """Read one YAML mapping or fail with the path (unreadable, invalid or not a mapping)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except OSError as exc:
        raise RuleFileError(path, "(file)", f"a readable YAML file ({exc})") from exc
    except yaml.YAMLError as exc:
        raise RuleFileError(path, "(file)", f"valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise RuleFileError(path, "(file)", "a mapping at the top level")
    return data


def _string_list(path: Path, key: str, value: object) -> tuple[str, ...]:
    """Validate a list of non-empty strings."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RuleFileError(path, key, "a list of non-empty strings")
    return tuple(v.strip() for v in value)


def load_lexicon_file(path: Path) -> Lexicon:
    """Load one `terms:` lexicon file."""
    data = load_yaml_mapping(path)
    for key in ("name", "description", "link"):
        if not isinstance(data.get(key), str):
            raise RuleFileError(path, key, "a string")
    return Lexicon(data["name"], data["description"], data["link"],
                   _string_list(path, "terms", data.get("terms")))


@lru_cache(maxsize=4)
def load_lexicons(folder: str | None = None) -> dict[str, Lexicon]:
    """All `terms:` lexicons in the folder, by name, plus `upr-issue-keywords`."""
    root = Path(folder) if folder else lexicons_dir()
    found: dict[str, Lexicon] = {}
    for path in sorted(root.glob("*.yml")):
        data = load_yaml_mapping(path)
        if "terms" in data:
            lexicon = load_lexicon_file(path)
            found[lexicon.name] = lexicon
    issues_path = root / "upr-issues.yml"
    if issues_path.exists():
        found["upr-issue-keywords"] = issue_keywords(issues_path)
    return found


def not_issues_for_relevance(folder: Path) -> frozenset[str]:
    """Issue labels that do not make a recommendation Relevant (rules/lexicons/upr-issues.yml)."""
    path = Path(folder) / "upr-issues.yml"
    if not path.exists():
        return frozenset()
    skip = load_yaml_mapping(path).get("not_an_issue_for_relevance") or []
    if not isinstance(skip, list) or not all(isinstance(s, str) for s in skip):
        raise RuleFileError(path, "not_an_issue_for_relevance", "a list of issue labels")
    return frozenset(skip)


def issue_keywords(path: Path) -> Lexicon:
    """Keywords of UPR Info's issues that count as a human-rights issue for Relevant."""
    data = load_yaml_mapping(path)
    issues = data.get("issues")
    if not isinstance(issues, list):
        raise RuleFileError(path, "issues", "a list of {label, description, keywords}")
    skip = not_issues_for_relevance(path.parent)
    terms: list[str] = []
    for number, issue in enumerate(issues):
        if not isinstance(issue, dict) or not isinstance(issue.get("label"), str):
            raise RuleFileError(path, f"issues[{number}]", "a mapping with a 'label'")
        if issue["label"] not in skip:
            terms += _string_list(path, f"issues[{number}].keywords", issue.get("keywords"))
    return Lexicon("upr-issue-keywords", "Keywords of UPR Info's 54 issues.",
                   "https://www.upr-info.org/en/review/database-upr-recommendations",
                   tuple(terms))


@dataclass(frozen=True)
class ActionVerbs:
    """Opening verbs and phrases by UPR Info action category."""

    verbs: dict[str, int]
    phrases: dict[tuple[str, ...], int]
    labels: dict[int, str]
    link: str

    def category_of_phrase(self, words: list[str]) -> tuple[int, int] | None:
        """(category, length) of the longest phrase starting the given lower-case words."""
        for length in range(min(6, len(words)), 1, -1):
            category = self.phrases.get(tuple(words[:length]))
            if category:
                return category, length
        return None


@lru_cache(maxsize=4)
def load_action_verbs(folder: str | None = None) -> ActionVerbs:
    """Load rules/lexicons/action-verbs.yml."""
    path = (Path(folder) if folder else lexicons_dir()) / "action-verbs.yml"
    data = load_yaml_mapping(path)
    categories = data.get("categories")
    if not isinstance(categories, dict) or sorted(categories) != [1, 2, 3, 4, 5]:
        raise RuleFileError(path, "categories", "a mapping with keys 1 to 5")
    verbs: dict[str, int] = {}
    phrases: dict[tuple[str, ...], int] = {}
    labels: dict[int, str] = {}
    # A verb listed under two categories keeps the first (lower) one.
    for number in sorted(categories):
        entry = categories[number]
        key = f"categories.{number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("label"), str):
            raise RuleFileError(path, key, "a mapping with 'label', 'verbs' and 'phrases'")
        labels[number] = entry["label"]
        for verb in _string_list(path, f"{key}.verbs", entry.get("verbs")):
            if "_" not in verb:
                verbs.setdefault(verb.lower(), number)
        for phrase in _string_list(path, f"{key}.phrases", entry.get("phrases", [])):
            phrases[tuple(phrase.lower().split())] = number
    return ActionVerbs(verbs, phrases, labels, str(data.get("link", "")))
