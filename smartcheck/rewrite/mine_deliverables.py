"""Rebuild the deliverables artefact: `python -m smartcheck.rewrite.mine_deliverables [CSV]`."""

from __future__ import annotations

import json
import sys

from smartcheck.corpus.upr_csv import source_csv
from smartcheck.resources import data_provenance, examples_dir
from smartcheck.rewrite.deliverables import ARTEFACT, MIN_STATES, PER_ISSUE, VERBS, build


def main(argv: list[str] | None = None) -> int:
    """Rebuild smartcheck/data/deliverables.json from a UPR Info CSV and the exemplars."""
    import yaml

    from smartcheck.corpus.upr_csv import read_upr_csv

    csv_path = source_csv(sys.argv[1:] if argv is None else argv)
    if csv_path is None:
        return 2
    records = read_upr_csv(csv_path)
    exemplar_file = examples_dir() / "exemplars.yml"
    data = yaml.safe_load(exemplar_file.read_text(encoding="utf-8")) or {}
    exemplars = [e for e in data.get("exemplars") or [] if isinstance(e, dict) and e.get("strong")]
    mined = build(records, exemplars)
    issues = mined["issues"]
    artefact = {
        "provenance": {
            **data_provenance(csv_path),
            "exemplars": "examples/exemplars.yml",
            "rule": f"category-5 texts; opening verb in {sorted(VERBS)}; its short direct "
                    f"object; asked of >= {MIN_STATES} States (or a team exemplar); "
                    f"top {PER_ISSUE} per issue",
            "command": "python -m smartcheck.rewrite.mine_deliverables [CSV]",
            "contains": "phrases, counts and source ids with States, session and response; "
                        "no recommendation text",
        },
        "issues": issues,
        "kinds": mined["kinds"],
    }
    ARTEFACT.write_text(json.dumps(artefact, indent=1, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    print(f"wrote {ARTEFACT} ({sum(len(v) for v in issues.values())} deliverables, "
          f"{len(issues)} issues)")
    return 0




if __name__ == "__main__":
    sys.exit(main())
