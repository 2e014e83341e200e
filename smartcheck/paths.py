"""Where smartcheck keeps its local data (the corpus store)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

ENV_VAR = "SMARTCHECK_DATA_DIR"
REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
UPR_CSV = SHARED_DATA / "upr-info-recommendations-sessions-01-16.csv"


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
