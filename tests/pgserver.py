"""A real PostgreSQL server for tests and benchmarks: Debian's binaries in a temporary folder.

PostgreSQL refuses to run as root, and tests and CI run as root: then initdb and pg_ctl run as
the `postgres` system user in a folder it owns. The server listens on 127.0.0.1 only, on a free
port, with trust authentication (nothing but this machine can reach it), and is removed after.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_GLOB = "/usr/lib/postgresql/*/bin/initdb"


def pg_bin() -> Path | None:
    """The folder of the newest installed PostgreSQL's binaries, or None."""
    found = sorted(glob.glob(PG_GLOB), key=lambda p: int(p.split("/")[4]) if
                   p.split("/")[4].isdigit() else 0)
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    """A loopback port nobody is listening on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_owner(args: list[str]) -> list[str]:
    """Run as the postgres user when we are root (PostgreSQL will not run as root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


@contextmanager
def temporary_postgres() -> Iterator[str]:
    """Start a throw-away PostgreSQL; yield its server URL (without a database name)."""
    bindir = pg_bin()
    if bindir is None:
        raise RuntimeError("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    home = Path(tempfile.mkdtemp(prefix="smartcheck-pg-"))
    data = home / "data"
    if os.geteuid() == 0:
        shutil.chown(home, "postgres", "postgres")
    port = free_port()
    run = {"check": True, "stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "timeout": 120}
    try:
        subprocess.run(_as_owner([str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                                  "-A", "trust", "-E", "UTF8", "--no-sync"]), **run)
        options = (f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c max_connections=200 -c shared_buffers=32MB")
        subprocess.run(_as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-l",
                                  str(home / "server.log"), "-o", options, "-w", "start"]), **run)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(_as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                                      "-w", "stop"]), check=False, capture_output=True,
                           timeout=60)
        shutil.rmtree(home, ignore_errors=True)


def create_database(server_url: str, name: str | None = None) -> str:
    """Create a fresh database on the server; return its SQLAlchemy URL."""
    import psycopg

    name = name or f"t_{uuid.uuid4().hex[:12]}"
    plain = server_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server_url}/{name}"
