"""Exercise sets from examples/workshops/*.yml, and ad-hoc exercises typed by a facilitator."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

SETS_DIR = Path(__file__).resolve().parents[2] / "examples" / "workshops"
LETTERS = ("S", "M", "A", "R", "T")
LETTER_KEYS = {
    "S": "specific",
    "M": "measurable",
    "A": "achievable",
    "R": "relevant",
    "T": "time_bound",
}
LIMITS = {"title": 200, "weak": 1000, "state": 200, "issue": 200, "facts": 3000,
          "model_answer": 1000, "reasoning": 3000}


@dataclass(frozen=True)
class ExerciseSpec:
    """One exercise as written in a set (or typed by the facilitator)."""

    slug: str
    title: str
    weak: str
    state: str = ""
    issue: str = ""
    facts: str = ""
    focus: tuple[str, ...] = ()
    model_answer: str = ""
    reasoning: str = ""
    hints: tuple[str, ...] = ()
    ladder: tuple[tuple[int, str], ...] = field(default=())


@dataclass(frozen=True)
class ExerciseSet:
    """A named list of exercises."""

    id: str
    title: str
    description: str
    exercises: tuple[ExerciseSpec, ...]


def _spec(item: dict[str, Any]) -> ExerciseSpec:
    """An ExerciseSpec from one YAML exercise."""
    background = item.get("background") or {}
    return ExerciseSpec(
        slug=str(item["id"]),
        title=str(item["title"]),
        weak=str(item["weak"]).strip(),
        state=str(background.get("state", "")),
        issue=str(background.get("issue", "")),
        facts=str(background.get("facts", "")).strip(),
        focus=tuple(str(f) for f in item.get("focus") or () if str(f) in LETTERS),
        model_answer=str(item.get("model_answer", "")).strip(),
        reasoning=str(item.get("reasoning", "")).strip(),
        hints=tuple(str(h) for h in item.get("hints") or ()),
        ladder=tuple((int(r["category"]), str(r["text"])) for r in item.get("ladder") or ()),
    )


@lru_cache(maxsize=4)
def _load(directory: str, stamp: tuple[tuple[str, float], ...]) -> tuple[ExerciseSet, ...]:
    """Parse every set in `directory` (cached until a file changes: `stamp` holds mtimes)."""
    sets = []
    for name, _mtime in stamp:
        data = yaml.safe_load((Path(directory) / name).read_text(encoding="utf-8"))
        sets.append(
            ExerciseSet(
                id=str(data["id"]),
                title=str(data["title"]),
                description=str(data.get("description", "")),
                exercises=tuple(_spec(item) for item in data.get("exercises") or ()),
            )
        )
    return tuple(sets)


def load_sets(directory: Path | str | None = None) -> tuple[ExerciseSet, ...]:
    """All exercise sets, sorted by file name."""
    path = Path(directory) if directory else SETS_DIR
    if not path.is_dir():
        return ()
    stamp = tuple((p.name, p.stat().st_mtime) for p in sorted(path.glob("*.yml")))
    return _load(str(path), stamp)


def find_set(set_id: str, directory: Path | str | None = None) -> ExerciseSet | None:
    """The set with this id, or None."""
    return next((s for s in load_sets(directory) if s.id == set_id), None)


def _clean(value: Any, limit: int) -> str:
    """A form value, stripped, with Windows line ends folded, cut at `limit`."""
    return str(value or "").replace("\r\n", "\n").strip()[:limit]


def adhoc_exercise(form: Any) -> tuple[ExerciseSpec | None, dict[str, str]]:
    """An exercise from the facilitator's form fields (prefix `ex_`), or the field errors."""
    values = {key: _clean(form.get(f"ex_{key}"), limit) for key, limit in LIMITS.items()}
    errors = {}
    if not values["weak"]:
        errors["weak"] = "Type the weak recommendation participants will rewrite."
    focus = tuple(letter for letter in LETTERS if letter in form.getlist("ex_focus"))
    hints = tuple(h.strip()[:300] for h in (form.get("ex_hints") or "").splitlines() if h.strip())
    if errors:
        return None, errors
    title = values["title"] or "Rewrite this recommendation"
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "exercise"
    return (
        ExerciseSpec(
            slug=slug,
            title=title,
            weak=values["weak"],
            state=values["state"],
            issue=values["issue"],
            facts=values["facts"],
            focus=focus or LETTERS,
            model_answer=values["model_answer"],
            reasoning=values["reasoning"],
            hints=hints[:10],
        ),
        {},
    )
