"""CLI commands `corpus import`, `corpus stats` and `similar` (registered by smartcheck.cli)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any, TextIO

from smartcheck.errors import InputError


def register(subparsers: Any) -> None:
    """Add the `corpus` and `similar` commands to an argparse subparsers object."""
    corpus = subparsers.add_parser("corpus", help="import and inspect real recommendations")
    csub = corpus.add_subparsers(dest="corpus_command", metavar="{import,vectors,stats}")
    csub.required = True
    imp = csub.add_parser(
        "import", help="import a UPR Info export (.csv) or an OHCHR thematic list (.docx)"
    )
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--db", metavar="URL", help="SQLAlchemy URL (default: SQLite in data dir)")
    imp.add_argument("--quiet", action="store_true", help="no progress bar")
    imp.add_argument("--no-vectors", action="store_true",
                     help="store the rows only (seconds); `corpus vectors` adds the sentence "
                          "vectors similar search needs later")
    imp.set_defaults(handler=cmd_import)
    vec = csub.add_parser("vectors", help="compute the sentence vectors an import left out "
                                          "(resumes an interrupted import)")
    vec.add_argument("--db", metavar="URL", help="SQLAlchemy URL (default: SQLite in data dir)")
    vec.add_argument("--quiet", action="store_true", help="no progress bar")
    vec.set_defaults(handler=cmd_vectors)
    st = csub.add_parser("stats", help="counts of the imported corpus")
    st.add_argument("--db", metavar="URL")
    st.add_argument("--format", choices=("text", "json"), default="text")
    st.set_defaults(handler=cmd_stats)

    sim = subparsers.add_parser("similar", help="nearest real recommendations to a text")
    sim.add_argument("text", metavar="TEXT")
    sim.add_argument("--format", choices=("text", "json"), default="text")
    sim.add_argument("-k", type=int, default=5, help="how many (1-50, default 5)")
    sim.add_argument("--db", metavar="URL")
    sim.set_defaults(handler=cmd_similar)


class ProgressBar:
    """A one-line progress bar on a stream (stderr), redrawn at most ten times a second."""

    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30) -> None:
        """Draw nothing until the first update."""
        self.label, self.stream, self.width = label, stream or sys.stderr, width
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        """Redraw for `done` of `total` steps."""
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        frac = done / total if total else 1.0
        filled = int(self.width * frac)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total} {frac:4.0%}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def _fail(exc: Exception) -> int:
    print(f"smartcheck: {exc}", file=sys.stderr)
    return 2


RESUME_HINT = ("run `smartcheck corpus vectors{db}` to finish (similar search leaves those "
               "texts out until then)")


def cmd_import(args: argparse.Namespace) -> int:
    """`corpus import FILE [--db URL] [--no-vectors]`."""
    from smartcheck.corpus import store as corpus

    progress = None if args.quiet else ProgressBar("importing recommendations")
    vectors = None if args.quiet else ProgressBar("sentence vectors for similar search")
    started = time.monotonic()
    try:
        result = corpus.import_file(args.file, url=args.db, progress=progress,
                                    vectors=not args.no_vectors, vector_progress=vectors)
    except InputError as exc:
        return _fail(exc)
    except KeyboardInterrupt:
        return _interrupted(args.db)
    print(
        f"{result.source} ({result.kind}): read {result.read}, added {result.added}, "
        f"already there {result.skipped}, new vectors {result.vectors_added}; "
        f"corpus now holds {result.total} recommendations ({time.monotonic() - started:.0f} s)."
    )
    if result.vectors_missing:
        texts = "text has" if result.vectors_missing == 1 else "texts have"
        print(f"{result.vectors_missing} {texts} no sentence vector yet: "
              + RESUME_HINT.format(db=_db_option(args.db)) + ".")
    return 0


def cmd_vectors(args: argparse.Namespace) -> int:
    """`corpus vectors [--db URL]`: the sentence vectors an import left out."""
    from smartcheck.corpus import store as corpus

    progress = None if args.quiet else ProgressBar("sentence vectors for similar search")
    try:
        added = corpus.fill_vectors(args.db, progress=progress)
    except InputError as exc:
        return _fail(exc)
    except KeyboardInterrupt:
        return _interrupted(args.db)
    print(f"added {added} sentence vectors; every stored text now has one.")
    return 0


def _db_option(url: str | None) -> str:
    """The --db option to repeat in a hint, if one was given."""
    return f" --db {url}" if url else ""


def _interrupted(url: str | None) -> int:
    """Ctrl-C during an import: what was committed stays, and how to go on."""
    print("\nstopped: the rows and vectors stored so far are kept; "
          + RESUME_HINT.format(db=_db_option(url)) + ".", file=sys.stderr)
    return 130


def cmd_stats(args: argparse.Namespace) -> int:
    """`corpus stats`."""
    from smartcheck.corpus import store as corpus

    try:
        data = corpus.stats(args.db)
    except InputError as exc:
        return _fail(exc)
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"recommendations: {data['recommendations']}")
    print(f"distinct texts:  {data['distinct_texts']} (vectors: {data['vectors']})")
    print(f"States reviewed: {data['states_under_review']}")
    if data["sessions"]:
        print(f"sessions:        {data['sessions'][0]}-{data['sessions'][1]}")
    for name, n in sorted(data["by_response"].items()):
        print(f"response {name or '(none)'}: {n}")
    for name, n in sorted(data["by_source"].items()):
        print(f"source {name}: {n}")
    return 0


def cmd_similar(args: argparse.Namespace) -> int:
    """`similar TEXT [--format text|json] [-k N]`."""
    from smartcheck.corpus import similar

    text = (args.text or "").strip()
    if not text:
        return _fail(InputError("Give the text of a recommendation to compare."))
    if not 1 <= args.k <= similar.MAX_K:
        return _fail(InputError(f"-k must be between 1 and {similar.MAX_K}."))
    try:
        hits = similar.similar(text, k=args.k, url=args.db)
    except InputError as exc:
        return _fail(exc)
    if args.format == "json":
        print(similar.to_json(hits))
        return 0
    if not hits:
        print("No corpus imported and no exemplars found: nothing to compare with.")
        return 0
    for n, hit in enumerate(hits, 1):
        print(f"{n}. [{hit['similarity']:.2f}] {hit['text']}")
        print(f"   {_describe(hit)}")
    index = similar.get_index(args.db)
    if index is not None and index.unsearched:
        texts = "text has" if index.unsearched == 1 else "texts have"
        print(f"({index.unsearched} imported {texts} no sentence vector yet and were not "
              f"searched: run `smartcheck corpus vectors{_db_option(args.db)}`.)")
    return 0


def _describe(hit: dict[str, Any]) -> str:
    """One line of metadata for a hit."""
    if hit.get("source") == "exemplar":
        parts = ["team exemplar"]
        if hit.get("action_category"):
            parts.append(f"action category {hit['action_category']}")
    else:
        parts = [
            f"to {hit.get('state_under_review') or '?'}",
            f"from {hit.get('recommending_state') or '?'}",
            f"session {hit['session']}" if hit.get("session") else "",
            (hit.get("response") or "").lower(),
            f"action category {hit['action_category']}" if hit.get("action_category") else "",
        ]
    if hit.get("issues"):
        parts.append("issues: " + ", ".join(hit["issues"]))
    return "; ".join(p for p in parts if p)
