"""One bulk check: chunks of a file → validate → check (here, in workers or on Dask) → write."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from smartcheck.batch import Skipped, checkable, public_metadata
from smartcheck.bulk.progress import Progress
from smartcheck.bulk.runner import CheckOptions, run_dask, run_local, run_processes
from smartcheck.bulk.source import Source
from smartcheck.bulk.writers import Tally, Writer
from smartcheck.errors import InputError
from smartcheck.reports.summary import Item


@dataclass
class Job:
    """A chunk ready to check: its valid recommendations (the engine gets their texts)."""

    valid: list[Any]


@dataclass
class BulkResult:
    """What a bulk check produced besides the output it wrote."""

    summary: dict[str, Any]
    skipped: list[Skipped]
    lowest: int | None = None
    checked: int = 0
    found: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def run_bulk(source: Source, writer: Writer, options: CheckOptions, *, workers: int = 1,
             scheduler: str | None = None, progress: Progress | None = None,
             joint: bool = False, word_limit: int | None = None, chunk: int | None = None,
             engine: Any = None) -> BulkResult:
    """Check every chunk of `source` in order, writing each as it is done."""
    # the reader's skipped candidates first, then those the engine could not judge
    skipped: list[Skipped] = list(getattr(source.extraction, "skipped", None) or [])
    set_aside = len(skipped)
    counts = {"found": 0}

    def jobs() -> Iterator[Job]:
        for recs in source.chunks:
            counts["found"] += len(recs)
            valid = checkable(recs, skipped)
            if valid:
                yield Job(valid)

    def texts(job: Job) -> list[str]:
        return [r.text for r in job.valid]

    if scheduler:
        results = run_dask(jobs(), texts, options, scheduler)
    elif workers > 1:
        results = run_processes(jobs(), texts, options, workers)
    else:
        results = run_local(jobs(), texts, options, engine)
    tally = Tally()
    lowest: int | None = None
    for job, result in results:
        items = [Item(report, rec.label, rec.location, public_metadata(rec))
                 for report, rec in zip(result.reports, job.valid, strict=True)]
        writer.write(items)
        tally.add(items, result.pairs, result.method)
        low = min(i.report.overall for i in items)
        lowest = low if lowest is None else min(lowest, low)
        if progress is not None:
            progress.update(tally.count + len(skipped))
    if progress is not None:
        progress.close()
    if tally.count == 0:
        if not counts["found"]:
            raise InputError("No recommendations found to check.")
        reasons = "; ".join(f"{s.label or s.location}: {s.reason}"
                            for s in skipped[set_aside:][:3])
        raise InputError(f"None of the recommendations could be checked ({reasons}).")
    extraction = source.extraction
    summary = tally.summary(extraction=extraction, joint=joint, word_limit=word_limit,
                            skipped=skipped, chunk=chunk)
    # the keys of BatchResult.to_dict, so a streamed JSON document reads like a whole one
    extra = {"source": {"filename": extraction.filename, "kind": extraction.kind,
                        "warnings": list(extraction.warnings)},
             "found": tally.count + len(skipped), "checked": tally.count,
             "skipped": [s.to_dict() for s in skipped]}
    writer.close(summary, extra)
    return BulkResult(summary, skipped, lowest, tally.count, tally.count + len(skipped), extra)
