"""The `smartcheck` command line: check, eval, train, rules, serve, corpus, similar."""

from __future__ import annotations

import argparse
import os
import re
import sys
from enum import IntEnum
from pathlib import Path
from typing import Any

from smartcheck.errors import InputError, RuleFileError

FORMATS = ("text", "json", "jsonl", "csv", "html")
# Near-duplicates in a file that fits in one chunk: by meaning (the sentence model).
FILE_DUPLICATES = "embeddings"


class ExitCode(IntEnum):
    """What the process's exit status means (documented in the README)."""

    OK = 0
    BELOW_THRESHOLD = 1
    INPUT_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="smartcheck",
        description="Check UPR recommendations against the SMART criteria.")
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    check = sub.add_parser("check", help="check a recommendation, a file of them, or stdin (-)")
    check.add_argument("source", metavar="TEXT|FILE|-")
    check.add_argument("--format", choices=FORMATS, default="text")
    check.add_argument("-o", "--output", metavar="PATH", help="write here instead of stdout")
    check.add_argument("--fail-under", type=int, metavar="N",
                       help="exit 1 when any recommendation's overall score is below N")
    check.add_argument("--column", help="the column holding recommendations (CSV/XLSX)")
    check.add_argument("--next-review-year", type=int, help="fills deadlines in rewrites")
    check.add_argument("--annotate", metavar="OUT.docx",
                       help="write a copy of the .docx with findings as comments")
    check.add_argument("--joint", action="store_true",
                       help="a joint submission (higher word limit)")
    check.add_argument("--word-limit", type=int, metavar="N",
                       help="submission word limit (default 2,815; 5,630 with --joint)")
    check.add_argument("--duplicates", choices=("embeddings", "lexical", "off"),
                       help="near-duplicate detection in a file (default embeddings)")
    check.add_argument("--no-color", action="store_true", help="plain text output")
    check.add_argument("--workers", type=int, default=1, metavar="N",
                       help="check a file over N local worker processes (same output)")
    check.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                       help="check a file on a Dask distributed cluster (same output)")
    check.add_argument("--chunk-size", type=int, default=500, metavar="N",
                       help="recommendations per chunk when a file is streamed (default 500)")
    check.add_argument("--progress", action="store_true",
                       help="report progress on stderr even when it is not a terminal")
    check.set_defaults(handler=cmd_check)

    rules = sub.add_parser("rules", help="list the rules")
    rules_sub = rules.add_subparsers(dest="rules_command", metavar="{list}")
    rules_sub.required = True
    listing = rules_sub.add_parser("list", help="every rule with its criterion, level and message")
    listing.set_defaults(handler=cmd_rules_list)

    evaluate = sub.add_parser(
        "eval", help="agreement with labels: a UPR Info export (CSV, action category) or a "
                     "rubric-labelled file (YAML, the five SMART verdicts and the category)")
    evaluate.add_argument("file", metavar="FILE.csv|FILE.yml")
    evaluate.add_argument("--sessions", default="13-16", help="e.g. 13-16 (default) or all")
    evaluate.add_argument("--limit", type=int, help="only the first N rows")
    evaluate.add_argument("--rubric", nargs="?", const="", default=None, metavar="FILE.yml",
                          help="also score a rubric-labelled file (default: the team's cases)")
    evaluate.add_argument("--disagreements", type=int, default=None, metavar="N",
                          help="list at most N disagreements of a rubric-labelled file")
    evaluate.set_defaults(handler=cmd_eval)

    train = sub.add_parser("train", help="rebuild the shipped models from a UPR Info export")
    train.add_argument("model", choices=("action", "issues", "all"))
    train.add_argument("--data", required=True, metavar="FILE.csv")
    train.set_defaults(handler=cmd_train)

    serve = sub.add_parser("serve", help="start the web app (waitress)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--database-url", metavar="URL",
                       help="SQLAlchemy URL shared by every process (default: "
                            "$SMARTCHECK_DATABASE_URL, else an SQLite file in the data folder)")
    serve.add_argument("--public-url", metavar="URL",
                       help="the address participants reach the app at (shown on the board)")
    serve.add_argument("--access-log", metavar="PATH",
                       help="one line per request: '-' for stderr (default), a file, or 'off'")
    serve.set_defaults(handler=cmd_serve)

    from smartcheck.database.commands import register as register_db

    register_db(sub)

    try:
        from smartcheck import cli_corpus
    except ImportError:  # the embedding half is optional for rules-only installs
        cli_corpus = None
    if cli_corpus is not None:
        cli_corpus.register(sub)
    return parser


def _version() -> str:
    """The package version."""
    from smartcheck import __version__

    return f"smartcheck {__version__}"


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except (InputError, RuleFileError) as error:
        print(f"smartcheck: {error}", file=sys.stderr)
        return ExitCode.INPUT_ERROR
    except KeyboardInterrupt:
        print("smartcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `smartcheck check big.csv | head`: the reader has had enough
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.OK
    except OSError as error:
        print(f"smartcheck: {error.strerror or error}: {getattr(error, 'filename', '')}",
              file=sys.stderr)
        return ExitCode.INPUT_ERROR


# -- check ----------------------------------------------------------------------------------


def _exists(path: str | bytes) -> bool:
    """Whether a path exists; a text too long or odd to be a file name is not one."""
    try:
        return os.path.exists(path)
    except (OSError, ValueError):
        return False


def _classify(source: str) -> tuple[str, str]:
    """("stdin" | "file" | "text", the path or the text) for the command-line argument."""
    from smartcheck.extract.guards import SUFFIXES, file_type

    if source == "-":
        return "stdin", source
    note = ""
    try:
        source.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8 arrive as lone surrogates
        if _exists(source):
            return "file", source
        from smartcheck.extract.decoding import decode_text

        source = decode_text(os.fsencode(source), "the argument")
        note = "smartcheck: the text is not UTF-8; it was read as Windows-1252/Mac Roman."
    if not note and _exists(source):
        if os.path.isdir(source):
            raise InputError(f"'{source}' is a folder; give a file or a recommendation's text.")
        try:
            file_type(Path(source).name)
        except InputError as error:
            raise InputError(f"{source}: {error}") from None
        return "file", source
    suffix = Path(source).suffix.lower() if len(source) < 256 else ""
    if not any(c.isspace() for c in source) and (suffix in SUFFIXES or os.sep in source):
        raise InputError(f"No such file: {source}")
    if note:
        print(note, file=sys.stderr)
    return "text", source


def _read_source(kind: str, source: str, column: str | None) -> tuple[list[Any], Any]:
    """(recommendations as ExtractedRecommendation-like items, extraction or None)."""
    from smartcheck.extract import ExtractedRecommendation

    if kind == "stdin":
        from smartcheck.extract.api import line_recommendations
        from smartcheck.extract.decoding import decode_text

        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
        text = decode_text(data, "stdin") if isinstance(data, bytes) else data
        return line_recommendations(text), None
    if kind == "file":
        from smartcheck.extract import extract_file

        extraction = extract_file(source, column=column)
        return list(extraction.recommendations), extraction
    return [ExtractedRecommendation(text=source, label="", location="", metadata={})], None


def cmd_check(args: argparse.Namespace) -> int:
    """Check text, a file or stdin and print (or write) the reports."""
    from smartcheck.batch import check_records
    from smartcheck.judge.validate import validate
    from smartcheck.reports.formats import to_csv, to_json, to_jsonl, to_table, to_text

    kind, source = _classify(args.source)
    _refuse_overwrites(args, kind)
    _check_bulk_options(args, kind)
    if kind == "file" and args.format != "html" and not args.annotate:
        return _check_file_in_chunks(args, source)
    recommendations, extraction = _read_source(kind, source, args.column)
    if not recommendations:
        raise InputError("No recommendations found to check.")
    if len(recommendations) == 1:
        validate(recommendations[0].text)  # a single bad text is an input error, not a skip
    context = {"next_review_year": args.next_review_year} if args.next_review_year else None
    result = check_records(
        recommendations, extraction=extraction, context=context, joint=args.joint,
        word_limit=getattr(args, "word_limit", None),
        duplicates=getattr(args, "duplicates", None) or "embeddings")
    if extraction is not None:
        _report_extraction(extraction, len(result.items), result.skipped)
    else:
        for skip in result.skipped:
            print(f"smartcheck: skipped {skip.label or skip.location}: {skip.reason}",
                  file=sys.stderr)
    items = result.items
    if args.format == "html":
        from smartcheck.reports.html import render_html

        rendered = render_html(items, extraction=extraction, joint=args.joint, result=result)
    elif args.format == "json":
        rendered = to_json(items, extra=result.to_dict(), summary_data=result.summary)
    elif args.format == "jsonl":
        rendered = to_jsonl(items)
    elif args.format == "csv":
        rendered = to_csv(items)
    else:
        colour = sys.stdout.isatty() and not args.no_color and not args.output
        rendered = (to_text(items, colour=colour) if len(recommendations) == 1
                    else to_table(items, result.summary, colour=colour))
    if args.annotate:
        _annotate(args, extraction, result)
    if args.output:
        Path(args.output).write_text(rendered, encoding="utf-8", newline="")
    else:
        sys.stdout.write(rendered)
    if args.fail_under is not None and any(i.report.overall < args.fail_under for i in items):
        return ExitCode.BELOW_THRESHOLD
    return ExitCode.OK


def _check_bulk_options(args: argparse.Namespace, kind: str) -> None:
    """Refuse --workers/--scheduler/--chunk-size values and uses that cannot work."""
    if args.workers < 1 or args.chunk_size < 1:
        raise InputError("--workers and --chunk-size must be at least 1.")
    if args.workers > 1 or args.scheduler:
        if kind != "file":
            raise InputError("--workers and --scheduler check a file: give a file name.")
        if args.format == "html" or args.annotate:
            raise InputError("--workers and --scheduler write text, json, jsonl or csv "
                             "(an HTML report or --annotate needs the whole file at once).")
    if args.workers > 1 and args.scheduler:
        raise InputError("Use --workers or --scheduler, not both.")
    if args.scheduler and not args.scheduler.startswith(("tcp://", "tls://", "inproc://")):
        raise InputError(f"--scheduler wants an address like tcp://HOST:8786, not "
                         f"'{args.scheduler}'.")


class _LazyFile:
    """A file opened on the first write, so a failed check leaves no empty report behind."""

    def __init__(self, path: str) -> None:
        self.path, self.handle = path, None

    def write(self, text: str) -> None:
        """Write text (UTF-8, newlines as given)."""
        if self.handle is None:
            self.handle = open(self.path, "w", encoding="utf-8", newline="")  # noqa: SIM115
        self.handle.write(text)

    def flush(self) -> None:
        """Flush what was written."""
        if self.handle is not None:
            self.handle.flush()

    def close(self) -> None:
        """Close the file if it was opened."""
        if self.handle is not None:
            self.handle.close()


def _check_file_in_chunks(args: argparse.Namespace, path: str) -> int:
    """Stream a file through the engine chunk by chunk, writing the output as it comes."""
    from smartcheck.bulk.pipeline import run_bulk
    from smartcheck.bulk.progress import Progress
    from smartcheck.bulk.runner import CheckOptions
    from smartcheck.bulk.source import open_source
    from smartcheck.bulk.writers import Writer

    source = open_source(path, column=args.column, chunk=args.chunk_size)
    # one chunk: near-duplicates over the whole file by meaning, as before; a long file
    # compares wording within each chunk unless --duplicates says otherwise
    one_chunk = source.total is not None and source.total <= args.chunk_size
    duplicates = args.duplicates or (FILE_DUPLICATES if one_chunk else "lexical")
    context = {"next_review_year": args.next_review_year} if args.next_review_year else None
    options = CheckOptions(context=context, duplicates=duplicates)
    out = _LazyFile(args.output) if args.output else sys.stdout
    colour = sys.stdout.isatty() and not args.no_color and not args.output
    # a file holding one recommendation reads like `check TEXT`; several make a table
    fmt = "report" if args.format == "text" and source.total == 1 else args.format
    writer = Writer(out, fmt, colour=colour)
    progress = Progress(source.total, enabled=True if args.progress else None)
    try:
        result = run_bulk(source, writer, options, workers=args.workers,
                          scheduler=args.scheduler, progress=progress, joint=args.joint,
                          word_limit=args.word_limit, chunk=args.chunk_size)
    finally:
        if out is not sys.stdout:
            out.close()
    _report_extraction(source.extraction, result.checked, result.skipped)
    if args.fail_under is not None and result.lowest is not None \
            and result.lowest < args.fail_under:
        return ExitCode.BELOW_THRESHOLD
    return ExitCode.OK


def _report_extraction(extraction: Any, checked: int, skipped: list[Any]) -> None:
    """Say on stderr what was found in a file, what was checked and what was skipped, why.

    `skipped`: the reader's skipped candidates and those the engine could not judge.
    """
    total = checked + len(skipped)
    print(f"smartcheck: {extraction.filename} ({extraction.kind}): found {total:,} "
          f"recommendation{'s' if total != 1 else ''}, checked {checked:,}, "
          f"skipped {len(skipped):,}.", file=sys.stderr)
    for skip in skipped:
        where = getattr(skip, "label", "") or getattr(skip, "location", "")
        print(f"smartcheck: skipped {where}: {getattr(skip, 'reason', '')}", file=sys.stderr)
    for warning in getattr(extraction, "warnings", []) or []:
        print(f"smartcheck: note: {warning}", file=sys.stderr)


def _refuse_overwrites(args: argparse.Namespace, kind: str) -> None:
    """Never write a report or an annotated copy over the source, or both to one file."""
    targets = [Path(p).resolve() for p in (args.output, args.annotate) if p]
    if len(targets) == 2 and targets[0] == targets[1]:
        raise InputError("--output and --annotate must be different files.")
    source = Path(args.source)
    if kind == "file":
        for target in targets:
            if target == source.resolve() or (target.exists() and target.samefile(source)):
                raise InputError(f"Refusing to overwrite the file being checked: {target.name}. "
                                 "Choose another output name.")


def _annotate(args: argparse.Namespace, extraction: Any, result: Any) -> None:
    """Write the findings as Word comments into a copy of the source .docx."""
    from smartcheck.batch import annotation_notes
    from smartcheck.extract.annotate import annotate_docx

    if extraction is None or not args.source.lower().endswith((".docx", ".docm")):
        raise InputError("--annotate needs a .docx file to annotate.")
    if not args.annotate.lower().endswith(".docx"):
        raise InputError("--annotate writes a Word file: give it a name ending in .docx.")
    annotate_docx(args.source, args.annotate, annotation_notes(result))


# -- other commands -------------------------------------------------------------------------


def cmd_rules_list(args: argparse.Namespace) -> int:
    """Print every rule: id, criterion, level, weight, message."""
    from smartcheck.judge.nlp import load_pipeline
    from smartcheck.judge.ruleset import load_rules
    from smartcheck.resources import rules_dir

    print(f"{'RULE':45} {'KIND':12} {'LEVEL':10} {'WEIGHT':6}  MESSAGE")
    for rule in load_rules(load_pipeline(), rules_dir()):
        # the match itself is shown when checking; here, say what stands in its place
        message = re.sub(r"['\u2018\u201c\"]?%s['\u2019\u201d\"]?", "[matched words]", rule.message)
        print(f"{rule.id:45} {rule.kind:12} {rule.level:10} {rule.weight:6.2f}  {message}")
    return ExitCode.OK


def cmd_eval(args: argparse.Namespace) -> int:
    """Print action-category accuracy, macro-F1, confusion matrix and verdict shares."""
    from smartcheck.evaluate.action import evaluate_file, format_evaluation

    rubric_files = [args.rubric or None] if args.rubric is not None else []
    if str(args.file).lower().endswith((".yml", ".yaml")):
        rubric_files.insert(0, args.file)
    else:
        result = evaluate_file(args.file, sessions=args.sessions, limit=args.limit)
        print(format_evaluation(result))
    if rubric_files:
        from smartcheck.engine import Engine
        from smartcheck.evaluate.rubric import evaluate_rubric, format_rubric_eval

        engine = Engine(suggestions=False)
        for path in rubric_files:
            print(format_rubric_eval(evaluate_rubric(engine, path), args.disagreements))
    return ExitCode.OK


def cmd_train(args: argparse.Namespace) -> int:
    """Rebuild the action-category and/or issue models from the data."""
    from smartcheck.resources import ARTEFACT_DIR

    if args.model in ("action", "all"):
        from smartcheck.models.train_action import train as train_action

        pooled = train_action(args.data, ARTEFACT_DIR)["cv_pooled"]
        print(f"action: held out by session groups: accuracy {pooled['accuracy']:.4f}, "
              f"macro-F1 {pooled['macro_f1']:.4f}")
    if args.model in ("issues", "all"):
        from smartcheck.models.train_issues import train as train_issues

        print("issues:", train_issues(args.data, ARTEFACT_DIR))
    return ExitCode.OK


# The web front end is a shell over this package: the CLI names it, like `waitress-serve
# --call web:serve`, and never imports it, so smartcheck/ stays free of web/ (docs/architecture.md).
WEB_SERVE = "web:serve"


def cmd_serve(args: argparse.Namespace) -> int:
    """Start the web app (the `web` package's waitress server)."""
    import importlib

    module, _, function = WEB_SERVE.partition(":")
    try:
        serve = getattr(importlib.import_module(module), function)
    except ImportError as error:
        raise InputError(f"The web front end is not installed ({error}).") from error
    import os

    if args.database_url:  # the corpus reads it from the environment too
        os.environ["SMARTCHECK_DATABASE_URL"] = args.database_url
    access = args.access_log or os.environ.get("SMARTCHECK_ACCESS_LOG") or "-"
    config: dict[str, Any] = {"ACCESS_LOG": None if access == "off" else access}
    if args.public_url:
        if not args.public_url.startswith(("http://", "https://")):
            raise InputError("--public-url must start with http:// or https://")
        config["PUBLIC_URL"] = args.public_url
    serve(host=args.host, port=args.port, config=config)
    return ExitCode.OK


if __name__ == "__main__":
    raise SystemExit(main())
