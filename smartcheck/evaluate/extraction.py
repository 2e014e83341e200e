"""Measure extraction of asks from prose documents against their `NAME.expected.yml` answers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SUFFIXES = (".md", ".txt", ".docx", ".pdf", ".odt")


@dataclass
class DocScore:
    """One document: expected asks found or missed, and finds that match no expected ask."""

    name: str
    expected: int
    found: int
    missed: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    not_asks_taken: list[str] = field(default_factory=list)
    paragraph_right: int = 0
    paragraph_total: int = 0
    one_to_one: int = 0  # expected asks found when each find may count for one ask only
    addressee_right: int = 0


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[*_`\"“”‘’']", "", text).lower().split()).strip(" .;,:")


def overlaps(predicted: str, expected: str) -> bool:
    """A predicted ask matches an expected one when either contains the other, or they share
    most of their words (clause boundaries are a judgement call, as the answer files say)."""
    p, e = _norm(predicted), _norm(expected)
    if not p or not e:
        return False
    if p in e or e in p:
        return True
    pw, ew = p.split(), e.split()
    common = len(set(pw) & set(ew))
    return common >= 0.6 * min(len(set(pw)), len(set(ew)))


def score_document(path: Path, extract: Any = None) -> DocScore:
    """Extract `path` and compare its recommendations with `path`'s expected.yml."""
    import yaml

    from smartcheck.extract import FileReadError, extract_file

    answers = yaml.safe_load(path.with_name(path.name.rsplit(".", 1)[0] + ".expected.yml")
                             .read_text(encoding="utf-8"))
    expected = answers.get("asks") or []
    try:
        extraction = (extract or extract_file)(path)
        recs = extraction.recommendations
    except FileReadError:
        recs = []
    predicted = [(r.metadata.get("ask") or r.text, r) for r in recs]
    score = DocScore(path.name, len(expected), 0)
    matched_pred: set[int] = set()
    for ask in expected:
        hits = [i for i, (p, _) in enumerate(predicted) if overlaps(p, ask["text"])]
        if hits:
            score.found += 1
            matched_pred.update(hits)
            if ask.get("paragraph") is not None:
                score.paragraph_total += 1
                rec = predicted[hits[0]][1]
                number = str(rec.metadata.get("paragraph") or rec.label).split(",")[0]
                score.paragraph_right += number == str(ask["paragraph"])
        else:
            score.missed.append(ask["text"])
    score.false = [p for i, (p, _) in enumerate(predicted) if i not in matched_pred]
    used: set[int] = set()
    for ask in expected:
        free = [i for i, (p, _) in enumerate(predicted)
                if i not in used and overlaps(p, ask["text"])]
        if free:
            used.add(free[0])
            score.one_to_one += 1
            said = predicted[free[0]][1].metadata.get("addressee")
            score.addressee_right += _norm(said or "") == _norm(ask.get("addressee") or "")
    for text in answers.get("not_asks") or []:
        if any(_norm(text) in _norm(p) or _norm(p) in _norm(text)
               for i, (p, _) in enumerate(predicted) if i not in matched_pred):
            score.not_asks_taken.append(text)
    return score


def score_folder(folder: str | Path, extract: Any = None) -> dict[str, Any]:
    """Recall, precision and false finds per document over every document in `folder`."""
    docs = sorted(p for p in Path(folder).iterdir()
                  if p.suffix in SUFFIXES and p.with_name(p.stem + ".expected.yml").exists())
    scores = [score_document(p, extract) for p in docs]
    expected = sum(s.expected for s in scores)
    found = sum(s.found for s in scores)
    false = sum(len(s.false) for s in scores)
    predicted_right = sum(s.found for s in scores)
    return {
        "documents": len(scores),
        "expected": expected,
        "found": found,
        "recall": round(found / expected, 3) if expected else 0.0,
        "false_finds": false,
        "precision": round(predicted_right / (predicted_right + false), 3)
        if predicted_right + false else 0.0,
        "max_false_per_document": max((len(s.false) for s in scores), default=0),
        "mean_false_per_document": round(false / len(scores), 2) if scores else 0.0,
        "recall_one_to_one": round(sum(s.one_to_one for s in scores) / expected, 3)
        if expected else 0.0,
        "addressee_accuracy": round(sum(s.addressee_right for s in scores)
                                    / max(1, sum(s.one_to_one for s in scores)), 3),
        "not_asks_taken": sum(len(s.not_asks_taken) for s in scores),
        "paragraph_accuracy": round(sum(s.paragraph_right for s in scores)
                                    / max(1, sum(s.paragraph_total for s in scores)), 3),
        "scores": scores,
    }


def report_lines(result: dict[str, Any]) -> list[str]:
    """The figures of `score_folder` as Markdown table rows and per-document misses."""
    keys = ["documents", "expected", "found", "recall", "recall_one_to_one", "false_finds",
            "precision", "max_false_per_document", "not_asks_taken", "addressee_accuracy",
            "paragraph_accuracy"]
    lines = [f"| {k} | {result[k]} |" for k in keys]
    for s in result["scores"]:
        for text in s.missed:
            lines.append(f"- missed in {s.name}: {text[:90]}")
        for text in s.false:
            lines.append(f"- false find in {s.name}: {text[:90]}")
    return lines


if __name__ == "__main__":  # python -m smartcheck.evaluate.extraction tests/data/prose/dev
    import sys

    for folder in sys.argv[1:]:
        print(f"## {folder}")
        print("\n".join(report_lines(score_folder(folder))))
