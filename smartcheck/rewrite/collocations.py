"""Word + preposition pairs the corpus almost never uses (issue 10i): "respect on distinctive
values" where the corpus says "respect for" hundreds of times.

The artefact (smartcheck/data/collocations.json, rebuilt by
`python -m smartcheck.rewrite.collocations [CSV]`) holds, for each lower-case word followed by
a selecting preposition in at least MIN_TOTAL recommendations' word pairs, how often each such
preposition follows it; no texts. A rewrite that keeps a pair seen at most RARE times, under
SHARE of the word's pairs, while another preposition follows the word at least COMMON times
and in at least TOP_SHARE of its pairs, copies a wrong preposition and is declined. Only a
preposition the parse hangs on the word right before it counts ("respect on X"), not one that
starts a phrase of the clause ("women in rural areas", "resources from the budget").
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from smartcheck.corpus.upr_csv import source_csv
from smartcheck.resources import ARTEFACT_DIR, data_provenance, read_artefact

if TYPE_CHECKING:
    from spacy.tokens import Doc

COLLOCATIONS = ARTEFACT_DIR / "collocations.json"
# Prepositions a word selects ("respect for", "access to"); place and time prepositions
# ("in", "at", "under", "from") start phrases of the clause as often and are left out.
SELECTING = ("on", "for", "to", "of", "with", "about", "towards", "toward")
MIN_TOTAL, RARE, SHARE, COMMON, TOP_SHARE = 20, 2, 0.01, 20, 0.4
# A noun's own preposition (issue 10j: "the ban of corporal punishment", the corpus says
# "ban on" 25 times and "ban of" 3): an "of" seen at most NOUN_RARE times after the noun while
# its usual preposition is used NOUN_RATIO times as often and in NOUN_SHARE of its pairs.
NOUN_RARE, NOUN_RATIO, NOUN_SHARE = 3, 8, 0.6
_SAME = {"toward": "towards"}
_TOKEN = re.compile(r"[A-Za-z][a-z'-]*|[.,;:()]")


def build(texts: Iterable[str]) -> dict[str, dict[str, int]]:
    """Word → {selecting preposition: count} for words followed by one often enough."""
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        tokens = _TOKEN.findall(text)
        for word, nxt in zip(tokens, tokens[1:], strict=False):
            if word.islower() and nxt in SELECTING and word not in SELECTING:
                counts[word][nxt] += 1
    return {w: dict(sorted(c.items())) for w, c in sorted(counts.items())
            if sum(c.values()) >= MIN_TOTAL}


@lru_cache(maxsize=2)
def load_collocations(path: str | None = None) -> dict[str, dict[str, int]]:
    """The artefact's counts, empty when not built."""
    pairs = read_artefact(path or COLLOCATIONS).get("pairs")
    return pairs if isinstance(pairs, dict) else {}


def rare_pair(word: str, preposition: str, noun: bool = False) -> str | None:
    """The preposition the corpus uses with `word` when `preposition` is one it almost never
    does, else None (`noun`: the word is a noun, read with the noun thresholds too)."""
    raw = load_collocations().get(word.lower())
    preposition = _SAME.get(preposition.lower(), preposition.lower())
    if not raw or preposition not in SELECTING:
        return None
    counts: Counter[str] = Counter()
    for prep, n in raw.items():
        counts[_SAME.get(prep, prep)] += n
    total = sum(counts.values())
    seen = counts.get(preposition, 0)
    top, top_n = max(counts.items(), key=lambda kv: kv[1])
    if top == preposition or top_n < COMMON:
        return None
    if seen <= RARE and seen < SHARE * total and top_n >= TOP_SHARE * total:
        return top
    if noun and seen <= NOUN_RARE and seen * NOUN_RATIO <= top_n and top_n >= NOUN_SHARE * total:
        return top
    return None


def collocation_problems(doc: Doc, first: int = 0) -> list[str]:
    """Rare word + preposition pairs of a parsed text, the preposition hung on the word."""
    problems = []
    for token in doc[first + 1 :]:
        word = doc[token.i - 1]
        # hung on the word, or on the first of its conjuncts ("tolerance and respect on X"),
        # unless that conjunct takes the preposition often: "assistance and prevention for
        # street children" is assistance for them
        shared = word.dep_ == "conj" and token.head.i == word.head.i and \
            load_collocations().get(word.head.lower_, {}).get(token.lower_, 0) < COMMON
        if token.pos_ != "ADP" or not (token.head.i == word.i or shared) or not word.is_lower:
            continue
        # the noun thresholds only for a rare "of" before a common noun: "of" before a name
        # is whose it is ("the core conventions of the International Labour Organization")
        noun = word.pos_ == "NOUN" and token.lower_ == "of" and not any(
            c.dep_ == "pobj" and (c.pos_ == "PROPN" or not c.is_lower) for c in token.children)
        usual = rare_pair(word.text, token.text, noun)
        if usual:
            problems.append(f"a rare collocation: '{word.text} {token.text}' (the corpus "
                            f"says '{word.text} {usual}')")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Write smartcheck/data/collocations.json from a UPR Info CSV."""
    from smartcheck.corpus.upr_csv import read_upr_csv

    csv_path = source_csv(sys.argv[1:] if argv is None else argv)
    if csv_path is None:
        return 2
    records = read_upr_csv(csv_path)
    pairs = build(r["text"] for r in records)
    COLLOCATIONS.write_text(json.dumps({
        "provenance": {
            **data_provenance(csv_path),
            "texts": len(records),
            "rule": f"a lower-case word followed at once by one of {list(SELECTING)}; words "
                    f"with >= {MIN_TOTAL} such pairs",
            "command": "python -m smartcheck.rewrite.collocations [CSV]",
            "contains": "word -> {preposition: count}; no recommendation text",
        },
        "pairs": pairs,
    }, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {COLLOCATIONS} ({len(pairs)} words from {len(records)} texts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
