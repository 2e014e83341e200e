"""Choose the relevance floor for "similar real recommendations" on data.

For recommendations of an imported UPR Info corpus used as queries, it finds their nearest
other texts (never the same text) and measures, per band of cosine similarity, how often a
neighbour shares at least one UPR Info issue with the query. The floor is chosen on queries
from sessions 1-12 (the lowest band edge where the rate reaches TARGET) and then reported on
queries from sessions 13-16, which the choice never saw.

Run: `python bench/similar_floor.py --db sqlite:////path/corpus.sqlite` after
`smartcheck corpus import ../shared/data/upr-info-recommendations-sessions-01-16.csv --db ...`.
Prints a Markdown table (docs/evaluation-similar.md records the result).
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict

import numpy as np

from smartcheck.corpus import store

TARGET = 0.5  # at least half of the neighbours shown share an issue with the draft
EDGES = [round(x, 2) for x in np.arange(0.30, 0.95, 0.05)]
K = 10


def load(url: str) -> tuple[np.ndarray, list[set[str]], list[int]]:
    """One row per distinct text: its vector, the union of its issues, its latest session."""
    hashes, matrix = store.load_matrix(url)
    issues: dict[str, set[str]] = defaultdict(set)
    session: dict[str, int] = {}
    for rec in store.iter_rows(url):
        issues[rec.text_hash].update(rec.issue_list())
        session[rec.text_hash] = max(session.get(rec.text_hash, 0), rec.session or 0)
    keep = [i for i, h in enumerate(hashes) if issues.get(h)]
    return (matrix[keep], [issues[hashes[i]] for i in keep],
            [session[hashes[i]] for i in keep])


def pairs(matrix: np.ndarray, issues: list[set[str]], queries: list[int]) -> list[tuple]:
    """(cosine, shares an issue) for each query's K nearest other texts."""
    out = []
    for start in range(0, len(queries), 256):
        chunk = queries[start:start + 256]
        scores = matrix[chunk] @ matrix.T
        for row, q in zip(scores, chunk, strict=True):
            row[q] = -1.0
            top = np.argpartition(-row, K)[:K]
            out.extend((float(row[j]), bool(issues[q] & issues[j])) for j in top)
    return out


def table(found: list[tuple]) -> dict[float, tuple[float, int]]:
    """Per band [edge, edge + 0.05): (same-issue rate, pairs)."""
    result = {}
    for edge in EDGES:
        band = [s for c, s in found if edge <= c < edge + 0.05]
        result[edge] = (sum(band) / len(band) if band else float("nan"), len(band))
    return result


def main() -> None:
    """Measure, choose on sessions 1-12, report on sessions 13-16."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--queries", type=int, default=3000)
    args = parser.parse_args()
    matrix, issues, sessions = load(args.db)
    rng = random.Random(16)
    dev = [i for i, s in enumerate(sessions) if s <= 12]
    test = [i for i, s in enumerate(sessions) if s >= 13]
    dev, test = rng.sample(dev, min(args.queries, len(dev))), rng.sample(test, min(args.queries,
                                                                                   len(test)))
    dev_t, test_t = table(pairs(matrix, issues, dev)), table(pairs(matrix, issues, test))
    floor = next((e for e in EDGES if dev_t[e][0] >= TARGET and all(
        dev_t[f][0] >= TARGET for f in EDGES if f >= e and dev_t[f][1])), None)
    base = np.mean([bool(issues[a] & issues[b]) for a, b in
                    (rng.sample(range(len(issues)), 2) for _ in range(5000))])
    print(f"{len(issues)} distinct texts with issues; random pairs share an issue {base:.1%}.")
    print("| cosine band | same-issue rate, sessions 1-12 (pairs) | sessions 13-16 (pairs) |")
    print("|---|---|---|")
    for e in EDGES:
        print(f"| {e:.2f}-{e + 0.05:.2f} | {dev_t[e][0]:.1%} ({dev_t[e][1]}) | "
              f"{test_t[e][0]:.1%} ({test_t[e][1]}) |")
    print(f"Floor (lowest band edge from which every band reaches {TARGET:.0%} on 1-12): {floor}")
    if floor is not None:
        above = [s for c, s in pairs(matrix, issues, test) if c >= floor]
        print(f"Sessions 13-16, neighbours at or above {floor}: {np.mean(above):.1%} share an "
              f"issue ({len(above)} of {len(test) * K} neighbours kept).")
        drafts(matrix, issues, floor)


def drafts(matrix: np.ndarray, issues: list[set[str]], floor: float) -> None:
    """The team's exemplars (weak and strong drafts with issue labels) as queries."""
    from smartcheck.corpus.similar import load_exemplars
    from smartcheck.models.embeddings import get_embedder

    examples = [e for e in load_exemplars() if e.get("issues")]
    texts = [t for e in examples for t in (e.get("weak"), e["strong"]) if t]
    labels = [set(e["issues"]) for e in examples for t in (e.get("weak"), e["strong"]) if t]
    vectors = np.asarray(get_embedder().encode(texts), dtype=np.float32)
    scores = vectors @ matrix.T
    found, kept_any = [], 0
    for row, mine in zip(scores, labels, strict=True):
        top = np.argsort(-row)[:3]
        found.extend((float(row[j]), bool(mine & issues[j])) for j in top)
        kept_any += bool(row[top[0]] >= floor)
    below = [s for c, s in found if c < floor]
    above = [s for c, s in found if c >= floor]
    print(f"Team drafts ({len(texts)} weak and strong exemplars), top 3 each: at or above "
          f"{floor}: {np.mean(above):.1%} share an issue ({len(above)}); below: "
          f"{np.mean(below) if below else float('nan'):.1%} ({len(below)}); "
          f"{kept_any} of {len(texts)} drafts get at least one neighbour.")


if __name__ == "__main__":
    main()
