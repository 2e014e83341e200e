"""Where the project's data folders are: rules, lexicons, examples and shipped artefacts."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
ARTEFACT_DIR = PACKAGE_DIR / "data"


def rules_dir() -> Path:
    """The rules folder: $SMARTCHECK_RULES_DIR or `rules/` beside the package."""
    return Path(os.environ.get("SMARTCHECK_RULES_DIR", PROJECT_DIR / "rules"))


def lexicons_dir() -> Path:
    """The lexicon folder inside the rules folder."""
    return rules_dir() / "lexicons"


def examples_dir() -> Path:
    """The team-written examples folder."""
    return Path(os.environ.get("SMARTCHECK_EXAMPLES_DIR", PROJECT_DIR / "examples"))


def shared_data_dir() -> Path:
    """The shared development data (../shared/data from the project root)."""
    return Path(os.environ.get("SMARTCHECK_SHARED_DATA", PROJECT_DIR.parent / "shared" / "data"))
