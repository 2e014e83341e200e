"""smartcheck — a SMART writing assistant for UPR recommendations.

`Engine`, `check` and `check_many` are imported lazily: `import smartcheck` (or
`smartcheck.errors`) must stay cheap so the web server and CLI can start before spaCy loads.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from smartcheck.errors import InputError

if TYPE_CHECKING:
    from smartcheck.engine import Engine
    from smartcheck.report import Report

__version__ = "0.1.0"
__all__ = ["Engine", "InputError", "Report", "check", "check_many", "__version__"]


def check(text: str, context: dict[str, Any] | None = None) -> Report:
    """Judge one recommendation with the process-wide engine."""
    from smartcheck.engine import default_engine

    return default_engine().check(text, context=context)


def check_many(texts: Iterable[str], context: dict[str, Any] | None = None) -> list[Report]:
    """Judge many recommendations in batches with the process-wide engine."""
    from smartcheck.engine import default_engine

    return default_engine().check_many(texts, context=context)


def __getattr__(name: str) -> Any:
    """Import `Engine` and `Report` on first use."""
    if name == "Engine":
        from smartcheck.engine import Engine

        return Engine
    if name == "Report":
        from smartcheck.report import Report

        return Report
    raise AttributeError(f"module 'smartcheck' has no attribute {name!r}")
