"""Training workshops: facilitator sessions, live exercises and before/after scores.

Register `bp` with the url prefix `/workshops`. Modules: `models` (tables), `store` (database),
`codes` (join codes, keys), `sets` (exercise sets), `scores` (board, CSV), `service`
(operations), `views_participant` and `views_host` (routes).
"""

from __future__ import annotations

from web.workshop import views_host, views_participant  # noqa: F401  (attach the routes)
from web.workshop.blueprint import bp

__all__ = ["bp"]
