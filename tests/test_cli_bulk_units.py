"""Pure parts of bulk checks: streamed writers and summary against the whole-batch ones."""

from __future__ import annotations

import io
import json
import time
from concurrent.futures import ThreadPoolExecutor

from conftest import FakeEngine

from smartcheck.bulk.runner import ordered
from smartcheck.bulk.writers import Tally, Writer
from smartcheck.reports.formats import short_label, to_csv, to_json, to_jsonl, to_table
from smartcheck.reports.summary import Item, build_summary

TEXTS = [
    "Continue its efforts to promote the rights of women.",
    "Ratify the Convention on the Rights of Persons with Disabilities by 2026.",
    "Consider adopting a law against domestic violence, as appropriate.",
    "Adopt a law criminalising marital rape by June 2026.",
    "Combat discrimination against minorities.",
    "Abolish the death penalty in law by 2027.",
    "Establish an independent national human rights institution.",
]


def items() -> list[Item]:
    """Checked items with labels like a .docx gives (paragraph numbers)."""
    engine = FakeEngine()
    return [Item(engine.check(t), f"paragraph {n * 7}", f"paragraph {n * 7}")
            for n, t in enumerate(TEXTS, 1)]


def streamed(fmt: str, all_items: list[Item], size: int, extra: dict) -> tuple[str, dict]:
    """What the bulk Writer produces for the items in chunks of `size`, and the summary."""
    out, tally = io.StringIO(), Tally()
    writer = Writer(out, fmt)
    for start in range(0, len(all_items), size):
        chunk = all_items[start : start + size]
        writer.write(chunk)
        tally.add(chunk, [], "off")
    summary = tally.summary(skipped=0)
    writer.close(summary, extra)
    return out.getvalue(), summary


def test_the_tally_gives_build_summarys_figures() -> None:
    """Added up in chunks of 3, the summary is the whole batch's, key for key."""
    whole = items()
    _, summary = streamed("jsonl", whole, 3, {})
    assert summary == build_summary(whole, pairs=[], method="off", skipped=0)
    assert list(summary) == list(build_summary(whole, pairs=[], method="off"))


def test_a_streamed_json_document_is_to_json_byte_for_byte() -> None:
    """The reports array written as it grows, then summary and extras, as to_json writes them."""
    whole = items()
    extra = {"source": {"filename": "a.docx", "kind": "prose", "warnings": []},
             "skipped": [{"label": "9", "location": "row 9", "text": "x", "reason": "empty"}]}
    text, summary = streamed("json", whole, 3, extra)
    assert text == to_json(whole, extra=extra, summary_data=summary)
    assert len(json.loads(text)["reports"]) == len(TEXTS)


def test_streamed_jsonl_csv_and_table_equal_the_whole_batch() -> None:
    """Row formats: the same text whatever the chunk size (the CSV header once)."""
    whole = items()
    assert streamed("jsonl", whole, 2, {})[0] == to_jsonl(whole)
    assert streamed("csv", whole, 2, {})[0] == to_csv(whole)
    table, summary = streamed("text", whole, 2, {})
    assert table == to_table(whole, summary)


def test_labels_in_the_table_can_be_told_apart() -> None:
    """Readers' locations are abbreviated; long labels keep their distinguishing end."""
    assert short_label("paragraph 12") == "¶12"
    assert short_label("row 12345") == "r12345"
    assert short_label("table 12 row 345") == "t12 r345"
    assert short_label("table 123 row 4567") == "…23r4567"
    assert short_label("page 13") == "page 13"
    assert short_label("(b)") == "(b)"
    assert short_label("Recommendation 2024-117") == "…024-117"
    labels = [short_label(f"paragraph {n}") for n in range(95, 130)]
    assert len(set(labels)) == len(labels)
    table = to_table(items(), build_summary(items(), pairs=[], method="off"))
    rows = [line.split()[0] for line in table.splitlines() if " PASS " in line or " FAIL " in line]
    assert rows == [f"¶{n * 7}" for n in range(1, len(TEXTS) + 1)]


def test_results_come_back_in_submission_order() -> None:
    """Later chunks finishing first do not reorder the output; at most `ahead` in flight."""
    in_flight, peak = [0], [0]

    def work(n: int) -> int:
        in_flight[0] += 1
        peak[0] = max(peak[0], in_flight[0])
        time.sleep(0.05 * (5 - n % 5))
        in_flight[0] -= 1
        return n * n

    with ThreadPoolExecutor(4) as pool:
        results = list(ordered(lambda n: pool.submit(work, n), range(12), ahead=3))
    assert results == [(n, n * n) for n in range(12)]
    assert peak[0] <= 3
