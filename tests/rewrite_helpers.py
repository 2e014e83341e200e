"""Small helpers shared by the rewrite tests (the real engine comes from conftest's fixture)."""

from __future__ import annotations

from typing import Any

from smartcheck.rewrite.checks import deadline_placement


def suggestion_texts(engine: Any, text: str) -> list[str]:
    """The texts of every suggestion the engine offers for `text`, best first."""
    return [s.text for s in engine.check(text).suggestions]


def placement_problems(engine: Any, text: str) -> list[str]:
    """What `deadline_placement` finds wrong with where `text` puts its deadline."""
    judged = engine.judge.judge_many([text], [[]])[0]
    return deadline_placement(judged.parsed.doc, judged.parsed.first)
