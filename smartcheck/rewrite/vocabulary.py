"""Rebuild the corpus vocabulary: `python -m smartcheck.rewrite.vocabulary [CSV]`.

The artefact holds lower-case words seen in at least MIN_COUNT recommendations, no texts: a
copied word outside it (and outside the words a rewrite adds) is a misspelling or a garble.
It also holds the corpus's likely misspellings (issue 10i): a word of any case seen in at most
RARE texts, one or two edits from a word seen in SHARE times as many (and at least COMMON), and
not an English word of the spaCy model's WordNet index nor an inflection of one ("Degrating" →
"degrading", "treatmemt" → "treatment"): the corpus has them, so the vocabulary cannot tell.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterable

from smartcheck.corpus.upr_csv import source_csv
from smartcheck.resources import data_provenance
from smartcheck.rewrite.copied import _WORD, INFLECTIONS, VOCABULARY

MIN_COUNT = 2
# Words the rewriter itself writes (templates, hints), known whatever the corpus says.
TEMPLATE_WORDS = {"year", "name", "law", "plan", "policy", "enacting", "adopting", "establishing"}
RARE, COMMON, SHARE, MIN_LETTERS = 5, 30, 20, 5
# Words of any case, for the misspelling test ("Degrating" in a title).
_ANY_WORD = re.compile(r"(?<![\w'-])[A-Za-z][a-z]{3,}(?![\w'-])")
# Endings of English forms the WordNet index lists only by their base ("safer", "sustainably").
EXTRA_INFLECTIONS = (("r", ""), ("bly", "ble"), ("ally", "al"), ("ies", "y"), ("est", ""),
                     ("men", "man"))
# Prefixes written solid onto a real word ("reengage"); not "de" or "in", which would make
# "degrating" a "grating" undone.
SOLID_PREFIXES = ("re", "non", "anti", "co", "pre", "post", "multi", "inter", "self", "counter",
                  "over", "under", "socio", "trans", "micro")
# Rare real words the index does not list: Latin and French in UN usage, a Persian name.
NOT_MISSPELT = {"capita", "haute", "basij", "demine"}
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def build(texts: list[str]) -> list[str]:
    """Lower-case words found in at least MIN_COUNT texts."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(set(_WORD.findall(text)))
    return sorted({w for w, n in counts.items() if n >= MIN_COUNT} | TEMPLATE_WORDS)


def _edits(word: str) -> set[str]:
    """The strings one deletion, transposition, substitution or insertion from `word`."""
    cuts = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return {a + b[1:] for a, b in cuts if b} | \
        {a + b[1] + b[0] + b[2:] for a, b in cuts if len(b) > 1} | \
        {a + c + b[1:] for a, b in cuts if b for c in _LETTERS} | \
        {a + c + b for a, b in cuts for c in _LETTERS}


def misspellings(texts: Iterable[str], english: frozenset[str]) -> dict[str, str]:
    """Rare corpus words that look like misspellings of a much commoner one → that word."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({w.lower() for w in _ANY_WORD.findall(text)})

    def listed(word: str) -> bool:
        return word in english or word in NOT_MISSPELT or any(
            word.endswith(end) and len(word) - len(end) >= 3 and word[: -len(end)] + add
            in english | NOT_MISSPELT for end, add in INFLECTIONS + EXTRA_INFLECTIONS)

    def real(word: str) -> bool:
        # a listed word, or one with a prefix written solid ("reengage", "reeducation")
        return listed(word) or any(word.startswith(p) and len(word) - len(p) >= 4 and
                                   listed(word[len(p):]) for p in SOLID_PREFIXES)

    def suffix_only(word: str, other: str) -> bool:
        # "oppositional" / "opposition": another derivation, not a typo
        return word[:-3] == other[: len(word) - 3]

    found = {}
    for word, n in counts.items():
        if n > RARE or len(word) < MIN_LETTERS or real(word):
            continue
        near = _edits(word)
        if len(word) >= 10:  # two edits only for long words: short ones have many neighbours
            near |= {e2 for e in near for e2 in _edits(e) if not suffix_only(word, e2)}
        best = max(((counts[w], w) for w in near if w in counts and w != word), default=None)
        if best and best[0] >= max(COMMON, SHARE * n):
            found[word] = best[1]
    return dict(sorted(found.items()))


def wordnet_words() -> frozenset[str]:
    """The English words of the spaCy model's lemmatizer tables (WordNet's index and its
    irregular forms), not its string store, which holds the typos of its training text."""
    import importlib.util
    from pathlib import Path

    from spacy.lookups import Lookups

    from smartcheck.judge.nlp import MODEL_NAME

    spec = importlib.util.find_spec(MODEL_NAME)
    roots = [Path(r) for r in (spec.submodule_search_locations or [])] if spec else []
    words: set[str] = set()
    for model in (d for root in roots for d in root.glob("*") if (d / "lemmatizer").is_dir()):
        lookups = Lookups().from_disk(model / "lemmatizer" / "lookups")
        for name in ("lemma_index", "lemma_exc"):
            if not lookups.has_table(name):
                continue
            for value in lookups.get_table(name).values():
                if isinstance(value, dict):  # lemma_exc: irregular form → lemmas, by POS
                    words |= set(value) | {w for v in value.values() for w in v}
                else:
                    words |= {w for w in value if isinstance(w, str)}
        break
    return frozenset(w.lower() for w in words if isinstance(w, str))


def main(argv: list[str] | None = None) -> int:
    """Write smartcheck/data/vocabulary.json from a UPR Info CSV."""
    from smartcheck.corpus.upr_csv import read_upr_csv

    csv_path = source_csv(sys.argv[1:] if argv is None else argv)
    if csv_path is None:
        return 2
    records = read_upr_csv(csv_path)
    words = build([r["text"] for r in records])
    suspect = misspellings((r["text"] for r in records), wordnet_words())
    VOCABULARY.write_text(json.dumps({
        "provenance": {
            **data_provenance(csv_path),
            "texts": len(records),
            "rule": f"lower-case words (regex {_WORD.pattern}) in >= {MIN_COUNT} texts",
            "command": "python -m smartcheck.rewrite.vocabulary [CSV]",
            "misspellings": f"words of any case in <= {RARE} texts, one edit (two from 10 "
                            f"letters) from a word in >= {SHARE}x as many and >= {COMMON}, not "
                            "in the spaCy model's WordNet tables (nor an inflection of one)",
            "contains": "a sorted word list and misspelling -> word pairs; no recommendation "
                        "text",
        },
        "words": words,
        "misspellings": suspect,
    }, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {VOCABULARY} ({len(words)} words, {len(suspect)} misspellings from "
          f"{len(records)} texts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
