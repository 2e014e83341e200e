"""Stronger rewrites of a recommendation, each checked for meaning and re-scored."""

from smartcheck.rewrite.suggest import suggest_many

__all__ = ["suggest_many"]
