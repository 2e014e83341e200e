"""Check a whole submission file: extract → validate → check_many → BatchResult with a summary."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from smartcheck.corpus.duplicates import find_duplicates
from smartcheck.errors import InputError, InputTooLongError
from smartcheck.extract.model import Skipped
from smartcheck.report import CRITERIA
from smartcheck.reports.summary import Item, build_summary, main_problem, problems


@dataclass
class BatchResult:
    """Everything a batch check produced: checked items, skipped ones and the summary.

    `skipped` holds the extraction's skipped candidates, then those the engine could not
    judge; `found == len(items) + len(skipped)`.
    """

    items: list[Item]
    skipped: list[Skipped]
    summary: dict[str, Any]
    extraction: Any = None  # smartcheck.extract.Extraction, or None for plain text input
    records: list[Any] = field(default_factory=list)  # the ExtractedRecommendation per item

    def to_dict(self) -> dict[str, Any]:
        """The JSON `extra` block: source, skipped (the summary is added by to_json)."""
        source = None
        if self.extraction is not None:
            source = {"filename": self.extraction.filename, "kind": self.extraction.kind,
                      "warnings": list(self.extraction.warnings)}
        return {"source": source, "found": self.found, "checked": len(self.items),
                "skipped": [s.to_dict() for s in self.skipped]}

    @property
    def found(self) -> int:
        """Candidates seen in the file: checked plus skipped."""
        return len(self.items) + len(self.skipped)


def check_file(path: str | os.PathLike[str], engine: Any = None, **options: Any) -> BatchResult:
    """Read a submission file and check every recommendation in it."""
    from smartcheck.extract import extract_file

    max_bytes = options.pop("max_bytes", None)
    kwargs = {"max_bytes": max_bytes} if max_bytes else {}
    extraction = extract_file(path, column=options.pop("column", None), **kwargs)
    return check_extraction(extraction, engine, **options)


def check_bytes(data: bytes, filename: str, engine: Any = None, **options: Any) -> BatchResult:
    """Check the recommendations in an uploaded file's bytes (its name decides the format)."""
    from smartcheck.extract import extract_bytes

    max_bytes = options.pop("max_bytes", None)
    kwargs = {"max_bytes": max_bytes} if max_bytes else {}
    extraction = extract_bytes(data, filename, column=options.pop("column", None), **kwargs)
    return check_extraction(extraction, engine, **options)


def check_extraction(extraction: Any, engine: Any = None, **options: Any) -> BatchResult:
    """Check the recommendations of an Extraction (its word count feeds the summary)."""
    return check_records(list(extraction.recommendations), engine, extraction=extraction,
                         **options)


def check_records(
    records: Sequence[Any],
    engine: Any = None,
    *,
    extraction: Any = None,
    context: dict[str, Any] | None = None,
    joint: bool = False,
    word_limit: int | None = None,
    duplicates: str = "auto",
    embedder: Any = None,
) -> BatchResult:
    """Validate each recommendation, check the valid ones in one batch, summarise the file."""
    if not records:
        raise InputError("No recommendations found to check.")
    skipped: list[Skipped] = list(getattr(extraction, "skipped", None) or [])
    valid = checkable(records, skipped)
    if not valid:
        unjudged = skipped[len(getattr(extraction, "skipped", None) or []):]
        reasons = "; ".join(f"{s.label or s.location}: {s.reason}" for s in unjudged[:3])
        raise InputError(f"None of the recommendations could be checked ({reasons}).")
    if engine is None:
        from smartcheck.engine import default_engine

        engine = default_engine()
    texts = [r.text for r in valid]
    # Injected engines (the web app's, test fakes) may not take a context.
    reports = engine.check_many(texts, context=context) if context else engine.check_many(texts)
    items = [Item(report, rec.label, rec.location, public_metadata(rec))
             for report, rec in zip(reports, valid, strict=True)]
    pairs, method = find_duplicates([i.report.text for i in items], duplicates, engine, embedder)
    data = build_summary(items, extraction=extraction, joint=joint, word_limit=word_limit,
                         pairs=pairs, method=method, skipped=skipped)
    return BatchResult(items, skipped, data, extraction, list(valid))


def checkable(records: Sequence[Any], skipped: list[Skipped]) -> list[Any]:
    """The records the engine can judge; the others go to `skipped`, each with its reason."""
    from smartcheck.judge.validate import validate

    valid = []
    for rec in records:
        try:
            validate(rec.text)
            valid.append(rec)
        except InputTooLongError:  # the validator's advice ("upload a file") is for pastes
            skipped.append(Skipped(rec.label, rec.location, rec.text[:300], _too_long(rec.text)))
        except InputError as error:
            skipped.append(Skipped(rec.label, rec.location, rec.text[:300],
                                   f"could not be checked: {error}"))
    return valid


def public_metadata(rec: Any) -> dict[str, Any]:
    """A recommendation's metadata without the extractor's private locators."""
    if hasattr(rec, "public_metadata"):
        return rec.public_metadata()
    return dict(getattr(rec, "metadata", {}) or {})


def _too_long(text: str) -> str:
    """Why a passage of a file was skipped for its length, in the file's terms."""
    from smartcheck.judge.validate import MAX_CHARS

    return (f"This passage has {len(text):,} characters, more than one recommendation can "
            f"have ({MAX_CHARS:,}). Put each recommendation in its own paragraph or numbered "
            "item, then check the file again.")


# -- annotations --------------------------------------------------------------------------


def annotation_notes(result: BatchResult) -> list[tuple[Any, str]]:
    """(ExtractedRecommendation, comment text) for every checked recommendation."""
    notes = []
    for rec, item in zip(result.records, result.items, strict=True):
        r = item.report
        verdicts = " ".join(f"{c[0].upper()}:{r.criteria[c].verdict}" for c in CRITERIA)
        lines = [f"smartcheck {r.overall}/100 ({verdicts}); action category "
                 f"{r.action_category.value} ({r.action_category.label})."]
        lines += problems(r) or ([main_problem(r)] if main_problem(r) else [])
        if r.suggestions:
            lines.append(f"Try: {r.suggestions[0].text}")
        notes.append((rec, "\n".join(lines)))
    return notes
