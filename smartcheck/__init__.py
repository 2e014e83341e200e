"""smartcheck — a SMART writing assistant for UPR recommendations."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from smartcheck.engine import Engine, default_engine
from smartcheck.errors import InputError
from smartcheck.report import Report

__version__ = "0.1.0"
__all__ = ["Engine", "InputError", "Report", "check", "check_many", "__version__"]


def check(text: str, context: dict[str, Any] | None = None) -> Report:
    """Judge one recommendation with the process-wide engine."""
    return default_engine().check(text, context=context)


def check_many(texts: Iterable[str], context: dict[str, Any] | None = None) -> list[Report]:
    """Judge many recommendations in batches with the process-wide engine."""
    return default_engine().check_many(texts, context=context)
