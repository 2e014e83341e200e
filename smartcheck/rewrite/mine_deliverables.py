"""Rebuild the deliverables artefact: `python -m smartcheck.rewrite.mine_deliverables [CSV]`."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from smartcheck.resources import UPR_CSV, examples_dir
from smartcheck.rewrite.deliverables import ARTEFACT, MIN_STATES, PER_ISSUE, VERBS, build


def main(argv: list[str] | None = None) -> int:
    """Rebuild smartcheck/data/deliverables.json from a UPR Info CSV and the exemplars."""
    import yaml

    from smartcheck.corpus.upr_csv import read_upr_csv

    args = sys.argv[1:] if argv is None else argv
    csv_path = Path(args[0]) if args else UPR_CSV
    if not csv_path.is_file():
        print(f"error: no such file: {csv_path}", file=sys.stderr)
        return 2
    records = read_upr_csv(csv_path)
    exemplar_file = examples_dir() / "exemplars.yml"
    data = yaml.safe_load(exemplar_file.read_text(encoding="utf-8")) or {}
    exemplars = [e for e in data.get("exemplars") or [] if isinstance(e, dict) and e.get("strong")]
    mined = build(records, exemplars)
    issues = mined["issues"]
    artefact = {
        "provenance": {
            "data_file": csv_path.name,
            "data_sha256": hashlib.sha256(csv_path.read_bytes()).hexdigest(),
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
