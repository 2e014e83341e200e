"""Write a checked batch as it comes: JSONL, CSV, the terminal table, or a streamed JSON document;
and the batch summary added up chunk by chunk."""

from __future__ import annotations

import json
from typing import Any, TextIO

from smartcheck.report import CRITERIA
from smartcheck.reports.formats import (
    SCHEMA_VERSION,
    summary_lines,
    table_head,
    table_rows,
    to_csv,
    to_jsonl,
    to_text,
)
from smartcheck.reports.summary import (
    SPLIT_RULE,
    UPR_CATEGORY_SHARES,
    UPR_TOTAL,
    Item,
    item_name,
    word_count_check,
)


class Tally:
    """The numbers of `build_summary`, added up one chunk at a time (no reports kept)."""

    def __init__(self) -> None:
        """Start from nothing."""
        self.count = self.smart = 0
        self.overall = 0
        self.scores = dict.fromkeys(CRITERIA, 0.0)
        self.categories = {str(v): 0 for v in range(1, 6)}
        self.verdicts = {c: {"pass": 0, "partial": 0, "fail": 0} for c in CRITERIA}
        self.duplicates: list[dict[str, Any]] = []
        self.methods: list[str] = []
        self.to_split: list[str] = []
        self.chunks = 0

    def add(self, items: list[Item], pairs: list[tuple[int, int, float]], method: str) -> None:
        """Count a chunk's items; `pairs` index into `items`."""
        start = self.count
        for n, item in enumerate(items, start):
            r = item.report
            self.count += 1
            self.smart += r.smart
            self.overall += r.overall
            for c in CRITERIA:
                self.scores[c] += r.criteria[c].score
                self.verdicts[c][r.criteria[c].verdict] += 1
            self.categories[str(r.action_category.value)] += 1
            if any(f.rule == SPLIT_RULE for f in r.findings):
                self.to_split.append(item_name(item, n))
        for i, j, sim in pairs:
            self.duplicates.append({"a": item_name(items[i], start + i),
                                    "b": item_name(items[j], start + j),
                                    "i": start + i, "j": start + j, "similarity": round(sim, 3)})
        self.methods.append(method)
        self.chunks += 1

    def summary(self, *, extraction: Any = None, joint: bool = False,
                word_limit: int | None = None, skipped: int | list[Any] = 0,
                chunk: int | None = None) -> dict[str, Any]:
        """The summary `build_summary` gives for the same items, in the same key order."""
        count = self.count or 1
        means = {c: self.scores[c] / count for c in CRITERIA}
        data: dict[str, Any] = {
            "count": self.count,
            "smart": self.smart,
            "mean_overall": round(self.overall / count, 1),
            "criterion_means": {c: round(v, 3) for c, v in means.items()},
            "weakest_criterion": min(means, key=means.get) if self.count else None,
            "action_categories": dict(self.categories),
        }
        data["smart_share"] = round(self.smart / self.count, 3) if self.count else 0.0
        listed = skipped if isinstance(skipped, list) else []
        n_skipped = len(listed) if isinstance(skipped, list) else int(skipped)
        data["found"] = self.count + n_skipped
        data["checked"] = self.count
        data["skipped"] = n_skipped
        data["skipped_reasons"] = [s.to_dict() if hasattr(s, "to_dict") else dict(s)
                                   for s in listed]
        data["verdict_counts"] = self.verdicts
        data["category_shares"] = {k: round(n / self.count, 3) if self.count else 0.0
                                   for k, n in self.categories.items()}
        data["upr_category_shares"] = {str(k): round(v, 3) for k, v in UPR_CATEGORY_SHARES.items()}
        data["upr_total"] = UPR_TOTAL
        data["near_duplicates"] = self.duplicates
        found = [m for m in self.methods if m not in ("none", "off")]
        data["duplicate_method"] = found[0] if found else (self.methods or ["none"])[0]
        if self.chunks > 1 and chunk:
            data["duplicate_scope"] = f"within chunks of {chunk:,} recommendations"
        data["to_split"] = self.to_split
        data["word_count"] = word_count_check(extraction, joint=joint, word_limit=word_limit)
        return data


def _nested(value: Any, level: int) -> str:
    """`json.dumps(value, indent=2)` as it reads `level` levels deep inside a document."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)


class Writer:
    """Writes a batch's output chunk by chunk; `close` adds what needs the whole batch."""

    def __init__(self, out: TextIO, fmt: str, colour: bool = False) -> None:
        """Write `fmt` (json, jsonl, csv, text; "report": one recommendation's text view)."""
        self.out, self.fmt, self.colour = out, fmt, colour
        self.written = 0

    def write(self, items: list[Item]) -> None:
        """Write a chunk of checked items."""
        if self.fmt == "jsonl":
            self.out.write(to_jsonl(items))
        elif self.fmt == "csv":
            rendered = to_csv(items)
            # the header once, then rows only (csv ends its rows with \r\n)
            self.out.write(rendered if self.written == 0 else rendered.split("\r\n", 1)[1])
        elif self.fmt == "report":
            self.out.write(to_text(items, colour=self.colour))
        elif self.fmt == "json":
            if self.written == 0:
                self.out.write(f'{{\n  "schema_version": {SCHEMA_VERSION},\n  "reports": [')
            for n, item in enumerate(items, self.written):
                self.out.write(("," if n else "") + "\n    " + _nested(item.to_dict(), 2))
        else:
            if self.written == 0:
                self.out.write("\n".join(table_head()) + "\n")
            self.out.write("".join(line + "\n" for line in
                                   table_rows(items, self.colour, start=self.written + 1)))
        self.written += len(items)
        self.out.flush()

    def close(self, summary: dict[str, Any], extra: dict[str, Any]) -> None:
        """Finish the output: the JSON document's summary and extras, the table's summary."""
        if self.fmt == "json":
            self.out.write("\n  ]," if self.written else "[],")
            tail = {"summary": summary, **extra}
            self.out.write(",".join(f"\n  {json.dumps(k)}: {_nested(v, 1)}"
                                    for k, v in tail.items()) + "\n}")
        elif self.fmt == "text":
            self.out.write("\n" + "\n".join(summary_lines(summary, UPR_CATEGORY_SHARES)) + "\n")
        self.out.flush()
