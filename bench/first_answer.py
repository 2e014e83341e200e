"""First answer after a cold start, before (a git revision) and after (this tree), same run.

    python bench/first_answer.py [--before main] [--rounds 5]

Each round starts, one after the other, a fresh process of each tree for: the first answer
of `Engine().check` (with the sentence model and similar recommendations, as the CLI shows
them), the whole `smartcheck check TEXT --format json` command, and `smartcheck serve` until
its first `/api/check` answers. The two trees alternate round by round, so a burst of load
from other jobs on this shared machine hits both alike. The "before" tree is `git archive`d
into a temporary folder with this tree's built ONNX export linked in (it is not in git).
Writes its section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import export_tree, spread, write_section  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Ratify the Convention against Torture by 2026."
HEAVY = ("sqlalchemy", "alembic", "scipy", "spacy.cli", "typer", "docx", "torch")
FIRST = """
import resource, sys, time
t = time.perf_counter()
from smartcheck import Engine
r = Engine().check({text!r})
first = time.perf_counter() - t
u = resource.getrusage(resource.RUSAGE_SELF)
print(first, u.ru_utime + u.ru_stime, int(not r.notes and bool(r.similar)),
      ",".join(m for m in {heavy!r} if m in sys.modules))
"""


def tree_env(tree: Path, data_dir: Path) -> dict[str, str]:
    """Environment running `tree`'s code with an empty data folder (no corpus imported)."""
    env = dict(os.environ, PYTHONPATH=str(tree), SMARTCHECK_DATA_DIR=str(data_dir))
    env.pop("SMARTCHECK_DATABASE_URL", None)
    return env


def first_answer(tree: Path, env: dict[str, str]) -> dict[str, object]:
    """A fresh process: seconds to the first full answer, its CPU seconds, heavy imports."""
    code = FIRST.format(text=TEXT, heavy=HEAVY)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=tree, env=env).stdout.split()
    return {"seconds": float(out[0]), "cpu": float(out[1]), "full": out[2] == "1",
            "heavy": out[3] if len(out) > 3 else ""}


def cli_seconds(tree: Path, env: dict[str, str]) -> float:
    """Wall time of `smartcheck check TEXT --format json` (similar recommendations included)."""
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "smartcheck.cli", "check", "--format", "json",
                          TEXT], capture_output=True, text=True, check=True, cwd=tree,
                         env=env).stdout
    seconds = time.perf_counter() - started
    report = json.loads(out)["reports"][0]
    assert report["similar"] and not report["notes"], "answered without the sentence model"
    return seconds


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_seconds(tree: Path, env: dict[str, str], limit: float = 60.0) -> float:
    """`smartcheck serve` started → its first `/api/check` answered with similar ones."""
    port = free_port()
    body = json.dumps({"text": TEXT}).encode()
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "smartcheck.cli", "serve", "--port",
                               str(port), "--access-log", "off"], cwd=tree, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - started < limit:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/api/check", data=body,
                                             headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=limit) as answer:
                    report = json.loads(answer.read())
                if report["similar"] and not report["notes"]:
                    return time.perf_counter() - started
            except OSError:  # not listening yet
                pass
            time.sleep(0.02)
        raise RuntimeError("the server gave no full answer in time")
    finally:
        server.terminate()
        server.wait(10)


def main() -> int:
    """Measure both trees round by round and write the section."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="main", help="git revision measured as 'before'")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "before").mkdir()
        trees = {"after": ROOT}
        try:
            trees = {"before": export_tree(args.before, Path(tmp) / "before"), "after": ROOT}
        except (OSError, subprocess.CalledProcessError):  # not a git clone, or no such rev
            print(f"cannot export {args.before!r}: measuring this tree only", file=sys.stderr)
        results: dict[str, dict[str, list]] = {name: {} for name in trees}
        for round_ in range(args.rounds):
            order = list(trees) if round_ % 2 == 0 else list(reversed(trees))
            for name in order:
                data = Path(tmp) / f"data-{name}"
                data.mkdir(exist_ok=True)
                env = tree_env(trees[name], data)
                found = first_answer(trees[name], env)
                assert found["full"], f"{name}: the first answer lacked similar recommendations"
                row = results[name]
                row.setdefault("first", []).append(found["seconds"])
                row.setdefault("cpu", []).append(found["cpu"])
                row.setdefault("heavy", []).append(found["heavy"])
                row.setdefault("cli", []).append(cli_seconds(trees[name], env))
                row.setdefault("serve", []).append(serve_seconds(trees[name], env))
    rows = [
        ("first answer of `Engine().check` in a fresh process (similar included)", "first", "s"),
        ("CPU time of that process up to its first answer", "cpu", "s"),
        ("`smartcheck check TEXT --format json`, whole command", "cli", "s"),
        ("`smartcheck serve` started → first `/api/check` answered (similar included)",
         "serve", "s"),
    ]
    def cell(name: str, key: str, unit: str) -> str:
        return f"{spread(results[name][key])} {unit}" if name in results else "–"

    table = [f"| {label} | {cell('before', key, unit)} | {cell('after', key, unit)} |"
             for label, key, unit in rows]
    heavy = {name: results[name]["heavy"][0].replace(",", ", ") or "none"
             if name in results else "–" for name in ("before", "after")}
    table.append(f"| imported before the first answer, of {', '.join(HEAVY)} | "
                 f"{heavy['before']} | {heavy['after']} |")
    section = (
        f"## First answer after a cold start (issue 14; {date.today()}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, load average "
        f"{load_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end)\n\n"
        f"| measurement: median (min–max) of {args.rounds} | before (`{args.before}`) | after "
        "(this branch) |\n| --- | --- | --- |\n" + "\n".join(table) + "\n\n"
        "Fresh processes, no corpus imported (an empty data folder: similar recommendations come "
        "from the team's exemplars), the two trees alternating round by round. After: spaCy is "
        "imported without its command line (`spacy.cli`: typer, click, jinja2 …, pulled in "
        "only for `spacy.info`), and whether a corpus exists is asked of the SQLite file with "
        "the standard library, so SQLAlchemy and Alembic are imported only when a corpus (or "
        "the web app's own tables) needs them. Budget (issue 14): first answer ≤ 1.5 s.\n"
        "Command: `python bench/first_answer.py` (`--before REV`, `--rounds N`).")
    write_section(section, "first-answer-bench")
    print(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
