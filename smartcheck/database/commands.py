"""`smartcheck db upgrade` and `smartcheck db current` (registered by smartcheck.cli)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    """Add the `db` command to an argparse subparsers object."""
    db = subparsers.add_parser("db", help="the database: apply migrations, show the revision")
    dsub = db.add_subparsers(dest="db_command", metavar="{upgrade,current}")
    dsub.required = True
    for name, text in (("upgrade", "apply every pending migration (also done on serve)"),
                       ("current", "print the revision the database is at, and the newest")):
        command = dsub.add_parser(name, help=text)
        command.add_argument("--database-url", metavar="URL",
                             help="SQLAlchemy URL (default: $SMARTCHECK_DATABASE_URL, else "
                                  "the SQLite file in the data folder)")
        command.set_defaults(handler=cmd_db)


def cmd_db(args: argparse.Namespace) -> int:
    """Run `db upgrade` or `db current`; exit 2 with a message when the database fails."""
    from smartcheck.database import (
        current_revision,
        database_url,
        head_revision,
        safe_url,
        upgrade,
    )

    url = database_url(args.database_url)
    try:
        before = current_revision(url)
        if args.db_command == "upgrade":
            upgrade(url)
            after = current_revision(url)
            change = "already at" if before == after else f"upgraded from {before or 'empty'} to"
            print(f"{safe_url(url)}: {change} revision {after}")
        else:
            state = "up to date" if before == head_revision() else "needs `smartcheck db upgrade`"
            print(f"{safe_url(url)}: revision {before or 'none'} (newest {head_revision()}, "
                  f"{state})")
    except Exception as error:  # unreachable server, bad URL, missing driver …
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        print(f"smartcheck: the database {safe_url(url)} cannot be used: {first}",
              file=sys.stderr)
        return 2
    return 0
