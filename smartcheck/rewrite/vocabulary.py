"""Rebuild the corpus vocabulary: `python -m smartcheck.rewrite.vocabulary [CSV]`.

The artefact holds lower-case words seen in at least MIN_COUNT recommendations, no texts: a
copied word outside it (and outside the words a rewrite adds) is a misspelling or a garble.
"""

from __future__ import annotations

import json
import sys
from collections import Counter

from smartcheck.corpus.upr_csv import source_csv
from smartcheck.resources import data_provenance
from smartcheck.rewrite.copied import _WORD, VOCABULARY

MIN_COUNT = 2
# Words the rewriter itself writes (templates, hints), known whatever the corpus says.
TEMPLATE_WORDS = {"year", "name", "law", "plan", "policy", "enacting", "adopting", "establishing"}


def build(texts: list[str]) -> list[str]:
    """Lower-case words found in at least MIN_COUNT texts."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(set(_WORD.findall(text)))
    return sorted({w for w, n in counts.items() if n >= MIN_COUNT} | TEMPLATE_WORDS)


def main(argv: list[str] | None = None) -> int:
    """Write smartcheck/data/vocabulary.json from a UPR Info CSV."""
    from smartcheck.corpus.upr_csv import read_upr_csv

    csv_path = source_csv(sys.argv[1:] if argv is None else argv)
    if csv_path is None:
        return 2
    records = read_upr_csv(csv_path)
    words = build([r["text"] for r in records])
    VOCABULARY.write_text(json.dumps({
        "provenance": {
            **data_provenance(csv_path),
            "texts": len(records),
            "rule": f"lower-case words (regex {_WORD.pattern}) in >= {MIN_COUNT} texts",
            "command": "python -m smartcheck.rewrite.vocabulary [CSV]",
            "contains": "a sorted word list; no recommendation text",
        },
        "words": words,
    }, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {VOCABULARY} ({len(words)} words from {len(records)} texts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
