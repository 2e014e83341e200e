"""The 54 UPR Info issue labels for the context field, read once from rules/lexicons."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

ISSUES_FILE = Path(__file__).resolve().parents[1] / "rules" / "lexicons" / "upr-issues.yml"


@functools.cache
def issue_labels() -> tuple[str, ...]:
    """Issue labels in the file's order; empty when the file is not there (field is free text)."""
    try:
        data = yaml.safe_load(ISSUES_FILE.read_text(encoding="utf-8"))
        return tuple(str(item["label"]) for item in data["issues"])
    except (OSError, KeyError, TypeError, yaml.YAMLError):
        return ()
