"""Where things are: rules, lexicons, examples, artefacts, shared data and the local store."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
ARTEFACT_DIR = PACKAGE_DIR / "data"
ENV_VAR = "SMARTCHECK_DATA_DIR"
REPO_ROOT = PROJECT_DIR
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
UPR_CSV = SHARED_DATA / "upr-info-recommendations-sessions-01-16.csv"


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


def data_dir(create: bool = True) -> Path:
    """The data directory: $SMARTCHECK_DATA_DIR, else the platform's user data directory."""
    env = os.environ.get(ENV_VAR, "").strip()
    path = Path(env).expanduser() if env else Path(user_data_dir("smartcheck", appauthor=False))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_url() -> str:
    """SQLAlchemy URL of the default store: an SQLite file in the data directory."""
    return f"sqlite:///{data_dir() / 'smartcheck.sqlite'}"


def data_provenance(path: str | Path) -> dict[str, str]:
    """Which data file an artefact was built from: its name and SHA-256 (for provenance)."""
    import hashlib

    path = Path(path)
    return {"data_file": path.name, "data_sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def read_artefact(path: str | Path) -> dict:
    """A JSON artefact's top-level object; empty when it is missing, unreadable or not an object
    (the checks that use it then simply find nothing)."""
    import json

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
