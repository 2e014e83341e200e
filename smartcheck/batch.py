"""Check a whole submission file: extract → validate → check_many → BatchResult with a summary."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from smartcheck.errors import InputError
from smartcheck.output import Item, main_problem, summary
from smartcheck.report import CRITERIA, Report

# Published UPR Info shares of action categories: of 30,261 recommendations (sessions 1-16)
# 543 were category 1, 4,953 category 2, 2,764 category 3, 11,850 category 4, 10,151 category 5.
# Hard-coded on purpose: the report must not need ../shared/data at run time.
UPR_CATEGORY_COUNTS = {1: 543, 2: 4_953, 3: 2_764, 4: 11_850, 5: 10_151}
UPR_TOTAL = sum(UPR_CATEGORY_COUNTS.values())
UPR_CATEGORY_SHARES = {k: v / UPR_TOTAL for k, v in UPR_CATEGORY_COUNTS.items()}

# OHCHR guidelines for stakeholders' written submissions (footnotes excluded).
WORD_LIMITS = {"individual": 2_815, "joint": 5_630}
# Only prose documents are submissions whose length OHCHR limits; tables and lists are not.
PROSE_KINDS = frozenset({"prose"})
SPLIT_RULE = "achievable.bundled-actions"
LEXICAL_THRESHOLD = 0.8
DUPLICATE_MODES = ("auto", "embeddings", "lexical", "off")


@dataclass
class Skipped:
    """A recommendation found in the file that the engine could not judge, and why."""

    label: str
    location: str
    text: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        """JSON-ready form."""
        return {"label": self.label, "location": self.location, "text": self.text,
                "reason": self.reason}


@dataclass
class BatchResult:
    """Everything a batch check produced: checked items, skipped ones and the summary."""

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
        return {"source": source, "skipped": [s.to_dict() for s in self.skipped]}


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
    from smartcheck.validate import validate

    if not records:
        raise InputError("No recommendations found to check.")
    valid, skipped = [], []
    for rec in records:
        try:
            validate(rec.text)
            valid.append(rec)
        except InputError as error:
            skipped.append(Skipped(rec.label, rec.location, rec.text[:300], str(error)))
    if not valid:
        reasons = "; ".join(f"{s.label or s.location}: {s.reason}" for s in skipped[:3])
        raise InputError(f"None of the recommendations could be checked ({reasons}).")
    if engine is None:
        from smartcheck.engine import default_engine

        engine = default_engine()
    texts = [r.text for r in valid]
    # Injected engines (the web app's, test fakes) may not take a context.
    reports = engine.check_many(texts, context=context) if context else engine.check_many(texts)
    items = [Item(report, rec.label, rec.location, _public(rec))
             for report, rec in zip(reports, valid, strict=True)]
    pairs, method = find_duplicates([i.report.text for i in items], duplicates, engine, embedder)
    data = build_summary(items, extraction=extraction, joint=joint, word_limit=word_limit,
                         pairs=pairs, method=method, skipped=len(skipped))
    return BatchResult(items, skipped, data, extraction, list(valid))


def _public(rec: Any) -> dict[str, Any]:
    """A recommendation's metadata without the extractor's private locators."""
    if hasattr(rec, "public_metadata"):
        return rec.public_metadata()
    return dict(getattr(rec, "metadata", {}) or {})


# -- summary ------------------------------------------------------------------------------


def build_summary(
    items: list[Item],
    *,
    extraction: Any = None,
    joint: bool = False,
    word_limit: int | None = None,
    pairs: list[tuple[int, int, float]] | None = None,
    method: str = "off",
    skipped: int = 0,
) -> dict[str, Any]:
    """output.summary plus shares, verdict counts, duplicates, splits and the word count."""
    data = summary(items)
    count = len(items)
    data["smart_share"] = round(data["smart"] / count, 3) if count else 0.0
    data["skipped"] = skipped
    data["verdict_counts"] = {
        c: {v: sum(1 for i in items if i.report.criteria[c].verdict == v)
            for v in ("pass", "partial", "fail")}
        for c in CRITERIA
    }
    data["category_shares"] = {
        str(v): round(n / count, 3) if count else 0.0
        for v, n in ((int(k), n) for k, n in data["action_categories"].items())
    }
    data["upr_category_shares"] = {str(k): round(v, 3) for k, v in UPR_CATEGORY_SHARES.items()}
    data["upr_total"] = UPR_TOTAL
    data["near_duplicates"] = [
        {"a": _name(items[i], i), "b": _name(items[j], j), "i": i, "j": j,
         "similarity": round(sim, 3)}
        for i, j, sim in pairs or []
    ]
    data["duplicate_method"] = method
    data["to_split"] = [_name(item, n) for n, item in enumerate(items)
                        if any(f.rule == SPLIT_RULE for f in item.report.findings)]
    data["word_count"] = word_count_check(extraction, joint=joint, word_limit=word_limit)
    return data


def _name(item: Item, index: int) -> str:
    """How the report refers to an item: its label, else its location, else its position."""
    return item.label or item.location or f"#{index + 1}"


def word_count_check(extraction: Any, *, joint: bool = False,
                     word_limit: int | None = None) -> dict[str, Any]:
    """Body words against OHCHR's limit for stakeholder submissions (prose documents only)."""
    kind = "joint" if joint else "individual"
    limit = int(word_limit) if word_limit else WORD_LIMITS[kind]
    if extraction is None or getattr(extraction, "kind", None) not in PROSE_KINDS:
        return {"applicable": False, "words": None, "limit": limit, "submission": kind,
                "over": False}
    words = int(extraction.word_count)
    return {"applicable": True, "words": words, "limit": limit, "submission": kind,
            "over": words > limit}


def problems(report: Report, limit: int = 3) -> list[str]:
    """The main problems of a report: heaviest warnings/errors first, each message once."""
    findings = [f for f in report.findings if f.level != "suggestion"] or report.findings
    ranked = sorted(findings, key=lambda f: (-f.weight, f.level != "error", f.start))
    seen: list[str] = []
    for finding in ranked:
        if finding.message not in seen:
            seen.append(finding.message)
        if len(seen) == limit:
            break
    return seen


# -- near-duplicates ----------------------------------------------------------------------


def find_duplicates(
    texts: list[str], mode: str = "auto", engine: Any = None, embedder: Any = None
) -> tuple[list[tuple[int, int, float]], str]:
    """Near-duplicate pairs (i < j, similarity) and the method used: embeddings or lexical.

    `auto` uses the sentence embedder only when it is already loaded (and starts loading it
    for next time); `embeddings` loads it if needed; both fall back to lexical similarity.
    """
    if mode not in DUPLICATE_MODES:
        raise InputError(f"Unknown duplicate detection '{mode}'; use one of "
                         f"{', '.join(DUPLICATE_MODES)}.")
    if mode == "off" or len(texts) < 2:
        return [], "off" if mode == "off" else "none"
    if mode in ("auto", "embeddings"):
        pairs = _embedding_pairs(texts, wait=mode == "embeddings", embedder=embedder)
        if pairs is not None:
            return pairs, "embeddings"
    return lexical_pairs(texts, nlp=getattr(engine, "nlp", None)), "lexical"


def _embedding_pairs(texts: list[str], wait: bool,
                     embedder: Any = None) -> list[tuple[int, int, float]] | None:
    """Pairs from the calibrated embedding threshold, or None when the embedder is unavailable."""
    try:
        from smartcheck.duplicates import near_duplicates

        if embedder is None:
            from smartcheck.embeddings import get_embedder

            embedder = get_embedder()
        if not wait and not embedder.ready:
            embedder.start_loading()
            return None
        vectors = embedder.encode(texts, wait=wait)
        if vectors is None:
            return None
        return [(p.i, p.j, p.similarity) for p in near_duplicates(vectors)]
    except Exception:  # a missing or broken model must not fail the batch
        return None


_WORD = re.compile(r"[^\W_]+")


def _token_sets(texts: list[str], nlp: Any = None) -> list[frozenset[str]]:
    """Lower-cased lemma sets (spaCy's lemmatiser when given), else plain word sets."""
    if nlp is not None:
        try:
            disable = [n for n in ("parser", "ner") if n in nlp.pipe_names]
            return [frozenset(t.lemma_.lower() for t in doc if not (t.is_punct or t.is_space))
                    for doc in nlp.pipe(texts, disable=disable)]
        except Exception:  # any pipeline trouble: plain words still work
            pass
    return [frozenset(w.lower() for w in _WORD.findall(t)) for t in texts]


def lexical_pairs(texts: list[str], threshold: float = LEXICAL_THRESHOLD,
                  nlp: Any = None) -> list[tuple[int, int, float]]:
    """Pairs whose lemma sets have Jaccard similarity >= threshold, most similar first."""
    sets = _token_sets(texts, nlp)
    pairs = []
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            a, b = sets[i], sets[j]
            # |a ∩ b| / |a ∪ b| <= min/max: skip pairs whose sizes alone rule them out.
            if not a or not b or min(len(a), len(b)) < threshold * max(len(a), len(b)):
                continue
            score = len(a & b) / len(a | b)
            if score >= threshold:
                pairs.append((i, j, score))
    pairs.sort(key=lambda p: (-p[2], p[0], p[1]))
    return pairs


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
