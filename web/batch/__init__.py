"""Batch upload: check every recommendation in a submission file (/check-file)."""

from web.batch.views import bp

__all__ = ["bp"]
