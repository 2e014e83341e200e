"""Nearest real recommendations (imported corpus) or team exemplars (built in) for a draft."""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from smartcheck.corpus import presence
from smartcheck.resources import REPO_ROOT

EXEMPLARS = REPO_ROOT / "examples" / "exemplars.yml"
MAX_K = 50
# Neighbours below this cosine are not shown to someone drafting. Chosen on data by
# bench/similar_floor.py (docs/evaluation-similar.md): on queries from sessions 1-12 every
# band from 0.55 up has most neighbours sharing a UPR Info issue with the query (58 % at
# 0.55-0.60, 13 % for random pairs); on sessions 13-16, 91 % of the neighbours kept share one.
RELEVANCE_FLOOR = 0.55


@dataclass
class Index:
    """A normalised vector matrix with one metadata dict per row."""

    matrix: np.ndarray
    items: list[dict[str, Any]]
    source: str  # "corpus" or "exemplars"
    acceptance: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Imported texts still without a sentence vector (`corpus vectors`): not searched.
    unsearched: int = 0

    def __len__(self) -> int:
        """Number of searchable texts."""
        return len(self.items)

    def search(self, vector: np.ndarray, k: int = 5, min_similarity: float = -1.0) -> list[dict]:
        """The k rows most cosine-similar to `vector`, best first, each with `similarity`."""
        if not len(self.items) or k <= 0:
            return []
        scores = self.matrix @ np.asarray(vector, dtype=np.float32).reshape(-1)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        hits = []
        for i in top:
            if scores[i] < min_similarity:
                break
            hit = dict(self.items[i])
            hit["similarity"] = round(float(scores[i]), 4)
            hits.append(hit)
        return hits


_indexes: dict[str, Index] = {}
# Stores found empty: asking again on every live check cost a query per issue tag.
_no_corpus: set[str] = set()
_lock = threading.Lock()
_build_lock = threading.Lock()


def invalidate(url: str | None = None) -> None:
    """Forget cached indexes (after an import)."""
    with _lock:
        _indexes.clear()
        _no_corpus.clear()


presence.on_change(invalidate)


def _store() -> Any:
    """The corpus store, imported when a corpus may exist (it brings SQLAlchemy and Alembic)."""
    from smartcheck.corpus import store

    return store


def _corpus_index(url: str | None) -> Index | None:
    """One row per distinct text; its metadata is the most recent recommendation with it."""
    if presence.has_rows(url) is False:
        return None
    corpus = _store()
    hashes, matrix = corpus.load_matrix(url)
    if not hashes:
        return None
    groups: dict[str, list] = defaultdict(list)
    acceptance: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for rec in corpus.iter_plain(url):
        groups[rec.text_hash].append(rec)
        if rec.action == 5:
            for issue in _issues(rec):
                acceptance[issue][1] += 1
                acceptance[issue][0] += rec.response == "Accepted"
    rows, items = [], []
    for i, h in enumerate(hashes):
        recs = groups.get(h)
        if not recs:
            continue
        recs.sort(key=lambda r: (r.session or 0, r.id), reverse=True)
        rows.append(i)
        items.append(_hit(recs[0], len(recs)))
    accepted = {
        issue: {"accepted": a, "total": n, "share": round(a / n, 4)}
        for issue, (a, n) in sorted(acceptance.items())
        if n
    }
    return Index(matrix[rows], items, "corpus", accepted, len(set(groups) - set(hashes)))


def _issues(rec: Any) -> list[str]:
    """The issue labels of a stored row (JSON text in the table)."""
    return list(json.loads(rec.issues or "[]"))


def _hit(rec: Any, same_text: int) -> dict[str, Any]:
    """The public fields of one corpus recommendation."""
    return {
        "text": rec.text,
        "state_under_review": rec.state_under_review,
        "recommending_state": rec.recommending_state,
        "session": rec.session,
        "cycle": rec.cycle,
        "response": rec.response,
        "action_category": rec.action,
        "issues": _issues(rec),
        "source": "corpus",
        "same_text_count": same_text,
    }


def load_exemplars(path: Path | None = None) -> list[dict[str, Any]]:
    """The team-written exemplars (empty when the file does not exist yet)."""
    path = path or EXEMPLARS
    if not path.is_file():
        return []
    import yaml

    # libyaml's loader when present: the pure-Python one took 0.3 s of the first answer.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    return [e for e in data.get("exemplars") or [] if isinstance(e, dict) and e.get("strong")]


def _exemplar_index(embedder: Any, path: Path | None = None) -> Index | None:
    exemplars = load_exemplars(path)
    if not exemplars:
        return None
    matrix = embedder.encode([e["strong"] for e in exemplars])
    items = []
    for e in exemplars:
        category = e.get("action_category")
        if isinstance(category, dict):
            category = category.get("strong")
        items.append(
            {
                "text": e["strong"],
                "weak": e.get("weak", ""),
                "reason": e.get("reason", ""),
                "id": e.get("id", ""),
                "state_under_review": None,
                "recommending_state": None,
                "session": None,
                "response": None,
                "action_category": category,
                "issues": list(e.get("issues") or []),
                "source": "exemplar",
            }
        )
    return Index(np.asarray(matrix, dtype=np.float32), items, "exemplars")


def get_index(url: str | None = None, embedder: Any = None) -> Index | None:
    """The corpus index when a corpus is imported, else the exemplar index (cached)."""
    key = url or ""
    with _lock:
        if key in _indexes:
            return _indexes[key]
    # One thread builds; the others wait for it. Without this, every request arriving at a
    # cold server process (a room joining at once) encoded all the exemplars again.
    with _build_lock:
        with _lock:
            if key in _indexes:
                return _indexes[key]
        index = _corpus_index(url)
        if index is None:
            with _lock:
                _no_corpus.add(key)
            if embedder is None:
                from smartcheck.models.embeddings import get_embedder

                embedder = get_embedder()
            index = _exemplar_index(embedder)
            if index is not None and presence.has_rows(url) is not False:
                # rows imported with --no-vectors are not searched yet
                index.unsearched = _store().missing_vectors(url)
        with _lock:
            if index is not None:
                _indexes[key] = index
    return index


def similar(
    text: str | None = None,
    vector: np.ndarray | None = None,
    k: int = 5,
    url: str | None = None,
    embedder: Any = None,
    min_similarity: float = 0.0,
    issues: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Nearest real recommendations (or exemplars without a corpus) to a text or a vector.

    With `issues` (the draft's issue tags), neighbours sharing one of them come first.
    """
    if vector is None:
        if text is None:
            raise ValueError("give a text or a vector")
        if embedder is None:
            from smartcheck.models.embeddings import get_embedder

            embedder = get_embedder()
        vector = embedder.encode_one(text)
    index = get_index(url, embedder)
    if index is None:
        return []
    if not issues:
        return index.search(vector, min(k, MAX_K), min_similarity)
    wanted = set(issues)
    hits = index.search(vector, MAX_K, min_similarity)
    hits.sort(key=lambda hit: not wanted & set(hit.get("issues") or []))  # stable: by score
    return hits[:k]


def issue_acceptance(issue: str | None = None, url: str | None = None) -> Any:
    """Per issue, the share of category-5 (specific) recommendations that were accepted.

    With `issue`, one dict {accepted, total, share} (None if unknown); without, all of them.
    Only an imported corpus has responses; with exemplars only this is None / {}.
    """
    key = url or ""
    with _lock:
        index = _indexes.get(key)
        empty = key in _no_corpus
    if empty:
        index = None
    elif index is None or index.source != "corpus":
        index = _corpus_index(url) if presence.has_rows(url) is not False and _store().count(
            url) else None
        with _lock:
            if index is not None:
                _indexes[key] = index
            else:
                _no_corpus.add(key)
    table = index.acceptance if index is not None else {}
    return table.get(issue) if issue is not None else dict(table)


def to_json(hits: list[dict[str, Any]]) -> str:
    """The hits as a JSON list of objects."""
    return json.dumps(hits, ensure_ascii=False, indent=2)
