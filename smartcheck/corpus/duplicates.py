"""Near-duplicate recommendations within a batch, by cosine similarity of their vectors.

The threshold was calibrated on the UPR Info data (see `python -m smartcheck.corpus.duplicates
--data CSV` and docs/evaluation-issues.md): within each State-under-review + session group,
pairs whose wording is nearly the same (word-set Jaccard >= 0.7) are duplicates and pairs
with different wording (Jaccard < 0.4) are not; the threshold maximises F1 between the two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from smartcheck.errors import InputError

THRESHOLD = 0.91


@dataclass(frozen=True)
class DuplicatePair:
    """Two items of a batch (indexes i < j) that say nearly the same thing."""

    i: int
    j: int
    similarity: float

    def to_dict(self) -> dict[str, float | int]:
        """JSON-ready form."""
        return {"i": self.i, "j": self.j, "similarity": round(self.similarity, 4)}


def near_duplicates(vectors: np.ndarray, threshold: float = THRESHOLD) -> list[DuplicatePair]:
    """Pairs (i < j) of unit vectors with cosine >= threshold, most similar first."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if len(vectors) < 2:
        return []
    pairs: list[DuplicatePair] = []
    # Row blocks keep memory at block x n even for a few thousand recommendations.
    block = 1024
    for start in range(0, len(vectors), block):
        sims = vectors[start : start + block] @ vectors.T
        rows, cols = np.nonzero(sims >= threshold)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            i = start + r
            if i < c:
                pairs.append(DuplicatePair(i, c, float(sims[r, c])))
    pairs.sort(key=lambda p: (-p.similarity, p.i, p.j))
    return pairs


def duplicate_groups(pairs: list[DuplicatePair], n: int) -> list[list[int]]:
    """Connected groups (size >= 2) of indexes linked by near-duplicate pairs."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        parent[find(p.i)] = find(p.j)
    groups: dict[int, list[int]] = {}
    for x in range(n):
        groups.setdefault(find(x), []).append(x)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: g[0])


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", text.lower()))


def jaccard(a: str, b: str) -> float:
    """Word-set Jaccard similarity of two texts."""
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / len(wa | wb) if wa | wb else 1.0


def calibrate(groups: list[list[tuple[str, np.ndarray]]]) -> dict[str, object]:
    """Best cosine threshold separating near-identical wording from different wording."""
    pos, neg = [], []
    for items in groups:
        texts = [t for t, _ in items]
        vecs = np.vstack([v for _, v in items])
        sims = vecs @ vecs.T
        for i in range(len(texts)):
            for j in range(i + 1, len(texts)):
                if texts[i] == texts[j]:
                    continue
                jac = jaccard(texts[i], texts[j])
                if jac >= 0.7:
                    pos.append(sims[i, j])
                elif jac < 0.4:
                    neg.append(sims[i, j])
    pos_a, neg_a = np.array(pos), np.array(neg)
    table = []
    for t in np.arange(0.70, 0.99, 0.01):
        tp = int((pos_a >= t).sum())
        fp = int((neg_a >= t).sum())
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / len(pos_a) if len(pos_a) else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        table.append({"threshold": round(float(t), 2), "precision": round(prec, 4),
                      "recall": round(rec, 4), "f1": round(f1, 4)})  # fmt: skip
    best = max(table, key=lambda r: r["f1"])
    return {"positives": len(pos_a), "negatives": len(neg_a), "best": best, "table": table}


def main(argv: list[str] | None = None) -> int:
    """Calibrate the threshold on a UPR Info export (needs the embedder)."""
    import argparse
    import json
    from collections import defaultdict

    from smartcheck.corpus.upr_csv import read_upr_csv
    from smartcheck.models.embeddings import get_embedder

    parser = argparse.ArgumentParser(prog="python -m smartcheck.corpus.duplicates")
    parser.add_argument("--data", required=True)
    parser.add_argument("--groups", type=int, default=60, help="State+session groups to use")
    args = parser.parse_args(argv)
    by_group: dict[tuple, list[str]] = defaultdict(list)
    for rec in read_upr_csv(args.data):
        by_group[(rec["state_under_review"], rec["session"])].append(rec["text"])
    keys = sorted(by_group, key=str)[:: max(1, len(by_group) // args.groups)][: args.groups]
    embedder = get_embedder()
    groups = []
    for key in keys:
        texts = by_group[key]
        groups.append(list(zip(texts, embedder.encode(texts), strict=True)))
    result = calibrate(groups)
    print(json.dumps({k: v for k, v in result.items() if k != "table"}, indent=2))
    for row in result["table"]:
        print(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


LEXICAL_THRESHOLD = 0.8
DUPLICATE_MODES = ("auto", "embeddings", "lexical", "off")
_WORD = re.compile(r"[^\W_]+")


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
        if embedder is None:
            from smartcheck.models.embeddings import get_embedder

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


