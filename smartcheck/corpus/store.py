"""The local store of real recommendations (SQLAlchemy; SQLite by default) with their vectors."""

from __future__ import annotations

import hashlib
import json
import os
import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import (
    Integer,
    LargeBinary,
    String,
    Text,
    func,
    insert,
    select,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from smartcheck.corpus import presence
from smartcheck.database import database_url, ensure_schema, make_engine
from smartcheck.errors import (  # noqa: F401 - re-exported for callers of the store
    CorpusColumnsError,
    CorpusError,
    CorpusUnavailableError,
    InputError,
)

Progress = Callable[[int, int], None]
ROWS_PER_INSERT = 2000
OWN_ENCODER_FROM = 2000
MODEL_NAME = "all-MiniLM-L6-v2"


class Base(DeclarativeBase):
    """Declarative base of the corpus tables."""


class Recommendation(Base):
    """One real recommendation as made at a UPR session."""

    __tablename__ = "recommendations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Identity of the recommendation (text + States + session + source id): re-imports are no-ops.
    row_hash: Mapped[str] = mapped_column(String(40), unique=True)
    text_hash: Mapped[str] = mapped_column(String(40), index=True)
    text: Mapped[str] = mapped_column(Text)
    state_under_review: Mapped[str] = mapped_column(String(200), default="", index=True)
    recommending_state: Mapped[str] = mapped_column(String(500), default="")
    session: Mapped[int | None] = mapped_column(Integer, nullable=True)
    cycle: Mapped[int | None] = mapped_column(Integer, nullable=True)
    response: Mapped[str] = mapped_column(String(40), default="")
    action: Mapped[int | None] = mapped_column(Integer, nullable=True)
    issues: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of labels
    source: Mapped[str] = mapped_column(String(300), default="")
    source_id: Mapped[str] = mapped_column(String(100), default="")

    def issue_list(self) -> list[str]:
        """The issue labels as a list."""
        return list(json.loads(self.issues or "[]"))


class Vector(Base):
    """One sentence vector per distinct text (float32 bytes), shared by identical texts."""

    __tablename__ = "vectors"

    text_hash: Mapped[str] = mapped_column(String(40), primary_key=True)
    model: Mapped[str] = mapped_column(String(100), default=MODEL_NAME)
    vector: Mapped[bytes] = mapped_column(LargeBinary)


@dataclass
class ImportResult:
    """What an import did."""

    read: int
    added: int
    skipped: int
    vectors_added: int
    total: int
    source: str
    kind: str
    vectors_missing: int = 0


_engines: dict[str, Engine] = {}


def get_engine(url: str | None = None) -> Engine:
    """A cached engine for `url` (default: $SMARTCHECK_DATABASE_URL, else the SQLite file)."""
    url = database_url(url)
    if url not in _engines:
        try:
            engine = make_engine(url, pool_size=2, max_overflow=2)  # read once, then cached
            ensure_schema(engine)  # the corpus tables come with the app's migrations
        except Exception as exc:  # driver missing, bad URL, unwritable file …
            raise CorpusUnavailableError(
                f"The corpus database '{_safe(url)}' cannot be opened: {exc}"
            ) from exc
        _engines[url] = engine
    return _engines[url]


def _safe(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not even parseable: say so without echoing it
        return "(unparseable URL)"


def text_hash(text: str) -> str:
    """sha1 of the text (the embedder's cache key, too)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def row_hash(rec: dict[str, Any]) -> str:
    """Identity of one recommendation record."""
    parts = [rec["text"], rec.get("state_under_review", ""), rec.get("recommending_state", "")]
    parts += [str(rec.get("session") or ""), str(rec.get("source_id") or "")]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def read_records(path: str | Path) -> tuple[str, list[dict[str, Any]]]:
    """Read a UPR Info export CSV or an OHCHR thematic list into (kind, records)."""
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"There is no file called '{path}'.")
    suffix = path.suffix.lower()
    if suffix in {".csv", ".tsv", ".txt"}:
        from smartcheck.corpus.upr_csv import read_upr_csv

        return "upr-info-csv", read_upr_csv(path)
    if suffix == ".docx":
        from smartcheck.corpus.thematic_docx import read_thematic_docx

        return "ohchr-thematic-list", read_thematic_docx(path)
    raise CorpusError(
        f"'{path.name}' is neither a UPR Info export (.csv) nor an OHCHR thematic list (.docx)."
    )


def import_file(
    path: str | Path,
    url: str | None = None,
    progress: Progress | None = None,
    embedder: Any = None,
    batch: int = 512,
    vectors: bool = True,
    vector_progress: Progress | None = None,
) -> ImportResult:
    """Import a corpus file, then its missing vectors; importing the same file again adds nothing.

    The rows are stored first (seconds for 30,000: the progress counts recommendations), then
    the sentence vectors that similar search needs (minutes: MiniLM on the CPU), committed in
    chunks, so an interrupted import keeps what it did and `fill_vectors` resumes it.
    """
    kind, records = read_records(path)
    engine = get_engine(url)
    source = Path(path).name
    for rec in records:
        rec["row_hash"] = row_hash(rec)
        rec["text_hash"] = text_hash(rec["text"])
        rec.setdefault("source", source)
    with Session(engine) as session:
        known_rows = set(session.scalars(select(Recommendation.row_hash)))
    seen: set[str] = set()
    new = []
    for rec in records:
        if rec["row_hash"] not in known_rows and rec["row_hash"] not in seen:
            seen.add(rec["row_hash"])
            new.append(rec)
    table = Recommendation.__table__

    def store_rows() -> None:
        if progress:
            progress(0, len(new))
        # Core inserts, not ORM objects: the ORM's unit of work took 12 of 19 s for 30k rows.
        with engine.begin() as connection:
            for start in range(0, len(new), ROWS_PER_INSERT):
                connection.execute(insert(table), [_columns(rec) for rec in
                                                   new[start:start + ROWS_PER_INSERT]])
                if progress:
                    progress(min(start + ROWS_PER_INSERT, len(new)), len(new))
        _invalidate(url)

    if vectors:
        # The encoder starts on the new texts while the rows are being stored.
        pending = dict(_texts_without_vectors(url))
        have = _vector_hashes(url)
        for rec in new:
            if rec["text_hash"] not in have:
                pending.setdefault(rec["text_hash"], rec["text"])
        added_vectors = _fill(url, sorted(pending.items(), key=lambda item: len(item[1])),
                              embedder, vector_progress, batch, meanwhile=store_rows)
    else:
        store_rows()
        added_vectors = 0
    with Session(engine) as session:
        total = session.scalar(select(func.count(Recommendation.id))) or 0
    return ImportResult(
        read=len(records),
        added=len(new),
        skipped=len(records) - len(new),
        vectors_added=added_vectors,
        total=total,
        source=source,
        kind=kind,
        vectors_missing=missing_vectors(url),
    )


def _vector_hashes(url: str | None) -> set[str]:
    """Text hashes that have a stored vector."""
    with Session(get_engine(url)) as session:
        return set(session.scalars(select(Vector.text_hash)))


def _texts_without_vectors(url: str | None) -> list[tuple[str, str]]:
    """(text hash, text) of every stored text that has no vector yet, shortest first."""
    with Session(get_engine(url)) as session:
        have = set(session.scalars(select(Vector.text_hash)))
        rows = session.execute(select(Recommendation.text_hash, Recommendation.text)).all()
    todo = dict((h, t) for h, t in rows if h not in have)
    # Shortest first: each batch then holds texts of nearly one length (little padding).
    return sorted(todo.items(), key=lambda item: len(item[1]))


def missing_vectors(url: str | None = None) -> int:
    """How many distinct stored texts still have no sentence vector (similar search skips them)."""
    return len(_texts_without_vectors(url))


def fill_vectors(url: str | None = None, embedder: Any = None, progress: Progress | None = None,
                 batch: int = 512) -> int:
    """Compute the missing sentence vectors, committing each batch; returns how many were added."""
    return _fill(url, _texts_without_vectors(url), embedder, progress, batch)


def batch_embedder() -> Any:
    """An encoder of its own for a batch job of minutes: both cores (at most two), no cache.

    One ONNX session with one intra-op thread runs two batches side by side: on this 2-core
    machine that beat one session with two threads per batch, and threads that spin for work
    were slower whenever other jobs shared the cores (docs/benchmarks.md, "Corpus import").
    """
    from smartcheck.models.embeddings import Embedder

    return Embedder(threads=1, workers=max(1, min(2, os.cpu_count() or 1)), cache_size=0)


def _fill(url: str | None, pending: list[tuple[str, str]], embedder: Any,
          progress: Progress | None, batch: int,
          meanwhile: Callable[[], None] | None = None) -> int:
    """Encode `pending` (hash, text) on a second thread and store each batch as it comes.

    `meanwhile` runs on this thread while the first batches are encoded (the import stores
    its rows); vectors are written only after it has returned.
    """
    if not pending:
        if meanwhile:
            meanwhile()
        return 0
    if embedder is None:
        from smartcheck.models.embeddings import get_embedder

        # A few texts use the process's shared model; a whole export gets its own encoder.
        embedder = get_embedder() if len(pending) < OWN_ENCODER_FROM else batch_embedder()
    chunks = [pending[start:start + batch] for start in range(0, len(pending), batch)]
    # Two encoded chunks at most wait for the database: memory stays bounded.
    ready: queue.Queue = queue.Queue(maxsize=2)
    stop = threading.Event()

    def encode_all() -> None:
        try:
            for chunk in chunks:
                if stop.is_set():
                    return
                item: Any = (chunk, embedder.encode([t for _, t in chunk]))
                while not _offer(ready, item, stop):
                    pass
        except BaseException as exc:  # handed to the storing thread, which raises it
            _offer(ready, exc, stop)

    worker = threading.Thread(target=encode_all, name="smartcheck-vectors", daemon=True)
    worker.start()
    engine = get_engine(url)
    done = 0
    try:
        if meanwhile:
            meanwhile()
        if progress:
            progress(0, len(pending))
        for _ in chunks:
            item = ready.get()
            if isinstance(item, BaseException):
                raise item
            chunk, vecs = item
            with engine.begin() as connection:
                connection.execute(insert(Vector.__table__), [
                    {"text_hash": h, "model": MODEL_NAME,
                     "vector": np.asarray(v, dtype=np.float32).tobytes()}
                    for (h, _), v in zip(chunk, vecs, strict=True)])
            done += len(chunk)
            if progress:
                progress(done, len(pending))
    finally:
        stop.set()
        if done:
            _invalidate(url)
    worker.join()
    return done


def _offer(ready: queue.Queue, item: Any, stop: threading.Event) -> bool:
    """Put `item` unless told to stop (True when it is done either way)."""
    try:
        ready.put(item, timeout=0.2)
    except queue.Full:
        return stop.is_set()
    return True


_FIELDS = {c.key for c in Recommendation.__table__.columns} - {"id"}
# Every row of one Core insert must name the same columns: the ORM's defaults, spelt out.
_DEFAULTS = {c.key: (c.default.arg if c.default is not None else None)
             for c in Recommendation.__table__.columns if c.key in _FIELDS}


def _columns(rec: dict[str, Any]) -> dict[str, Any]:
    """The record restricted to table columns (every column named), issues as JSON."""
    out = dict(_DEFAULTS)
    out.update((k, v) for k, v in rec.items() if k in _FIELDS)
    out["issues"] = json.dumps(list(rec.get("issues") or []), ensure_ascii=False)
    return out


def on_change(listener: Callable[[str | None], None]) -> None:
    """Call `listener(url)` whenever an import changes the store (e.g. to drop a cache)."""
    presence.on_change(listener)


def _invalidate(url: str | None) -> None:
    """Tell every listener (the similar-search cache) that the corpus changed."""
    presence.changed(url)


def count(url: str | None = None) -> int:
    """Number of recommendations in the store."""
    with Session(get_engine(url)) as session:
        return session.scalar(select(func.count(Recommendation.id))) or 0


def stats(url: str | None = None) -> dict[str, Any]:
    """Counts for `corpus stats`: rows, distinct texts, vectors, sources, sessions, responses."""
    with Session(get_engine(url)) as session:
        n = session.scalar(select(func.count(Recommendation.id))) or 0
        texts = session.scalar(select(func.count(func.distinct(Recommendation.text_hash)))) or 0
        vectors = session.scalar(select(func.count(Vector.text_hash))) or 0
        by_source = dict(
            session.execute(
                select(Recommendation.source, func.count()).group_by(Recommendation.source)
            ).all()
        )
        by_response = dict(
            session.execute(
                select(Recommendation.response, func.count()).group_by(Recommendation.response)
            ).all()
        )
        sessions = session.execute(
            select(func.min(Recommendation.session), func.max(Recommendation.session))
        ).one()
        states = session.scalar(
            select(func.count(func.distinct(Recommendation.state_under_review)))
        )
    return {
        "recommendations": n,
        "distinct_texts": texts,
        "vectors": vectors,
        "states_under_review": states or 0,
        "sessions": [sessions[0], sessions[1]] if sessions[0] is not None else [],
        "by_source": by_source,
        "by_response": by_response,
    }


def iter_rows(url: str | None = None) -> Iterable[Recommendation]:
    """All recommendations, in id order (detached objects)."""
    with Session(get_engine(url)) as session:
        yield from session.scalars(select(Recommendation).order_by(Recommendation.id))


def iter_plain(url: str | None = None) -> list[Any]:
    """Every recommendation as a plain row (attribute access, `issues` as JSON text), id order.

    Without ORM objects: building the similar-search index read 30,000 rows 3x faster.
    """
    table = Recommendation.__table__
    with get_engine(url).connect() as connection:
        return list(connection.execute(select(table).order_by(table.c.id)))


def load_matrix(url: str | None = None) -> tuple[list[str], np.ndarray]:
    """(text hashes, float32 matrix (n, 384)) of every stored vector."""
    with Session(get_engine(url)) as session:
        rows = session.execute(select(Vector.text_hash, Vector.vector)).all()
    if not rows:
        return [], np.zeros((0, 384), dtype=np.float32)
    matrix = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32)
    return [r[0] for r in rows], matrix.reshape(len(rows), -1).copy()
