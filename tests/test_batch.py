"""Batch checks: summary figures, near-duplicates, word count, HTML report, CLI round trip."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FakeEngine
from docx import Document
from extract_samples import EXPECTED, build_docx

from smartcheck import batch, cli
from smartcheck.batch import (
    check_file,
    check_records,
)
from smartcheck.cli import ExitCode, main
from smartcheck.corpus.duplicates import find_duplicates, lexical_pairs
from smartcheck.errors import InputError
from smartcheck.extract import ExtractedRecommendation, Extraction
from smartcheck.reports.formats import to_table
from smartcheck.reports.html import render_html
from smartcheck.reports.summary import UPR_CATEGORY_SHARES, UPR_TOTAL, WORD_LIMITS, word_count_check

DUP_A = "Adopt a law criminalising marital rape by June 2026."
DUP_B = "By June 2026, adopt a law criminalising marital rape."
BUNDLED = ("Adopt a law on domestic violence, establish shelters for victims and train police "
           "officers by 2027.")


def recs(*texts: str) -> list[ExtractedRecommendation]:
    """ExtractedRecommendations labelled 1, 2, 3 …"""
    return [ExtractedRecommendation(t, str(n), f"line {n}") for n, t in enumerate(texts, 1)]


def test_upr_average_shares_are_the_published_counts() -> None:
    assert UPR_TOTAL == 30_261
    assert round(UPR_CATEGORY_SHARES[5], 3) == 0.335  # "about a third are category 5"
    assert round(sum(UPR_CATEGORY_SHARES.values()), 6) == 1.0


def test_summary_counts_with_a_fake_engine() -> None:
    result = check_records(
        recs("Continue efforts to combat discrimination.", "Ratify the CAT by 2026.",
             "Consider adopting a law.", "Adopt a law on women by 2027.", ""),
        FakeEngine(), duplicates="lexical")
    s = result.summary
    assert s["count"] == 4 and s["skipped"] == 1
    assert result.skipped[0].label == "5" and "empty" in result.skipped[0].reason
    assert s["action_categories"] == {"1": 0, "2": 1, "3": 1, "4": 0, "5": 2}
    assert s["category_shares"]["5"] == 0.5
    assert s["upr_category_shares"]["4"] == round(11_850 / 30_261, 3)
    assert sum(s["verdict_counts"]["time_bound"].values()) == 4
    assert s["verdict_counts"]["time_bound"]["pass"] == 2
    assert s["weakest_criterion"] in s["criterion_means"]
    assert s["word_count"]["applicable"] is False  # no document: no word limit


def test_all_invalid_is_an_input_error() -> None:
    with pytest.raises(InputError):
        check_records(recs("", "   "), FakeEngine())
    with pytest.raises(InputError):
        check_records([], FakeEngine())


def test_lexical_duplicates_use_lemmas(real_engine) -> None:
    texts = [DUP_A, "Ratify the Optional Protocol to the Convention against Torture by 2026.",
             "Adopt by June 2026 a law that criminalises marital rape.",
             "Ratifies the Optional Protocols to the Convention against Torture by 2026."]
    plain = lexical_pairs(texts)
    lemmas = lexical_pairs(texts, nlp=real_engine.nlp)
    assert [(i, j) for i, j, _ in lemmas] == [(0, 2), (1, 3)]
    assert (1, 3) not in [(i, j) for i, j, _ in plain]  # plural forms need the lemmas
    assert lexical_pairs(["Adopt a law.", "Train teachers on inclusive education."]) == []


def test_duplicate_method_is_reported_and_falls_back(monkeypatch) -> None:
    pairs, method = find_duplicates([DUP_A, DUP_B, "Train all teachers by 2027."], "lexical")
    assert method == "lexical" and [(i, j) for i, j, _ in pairs] == [(0, 1)]
    assert find_duplicates([DUP_A], "embeddings") == ([], "none")
    assert find_duplicates([DUP_A, DUP_B], "off") == ([], "off")
    with pytest.raises(InputError):
        find_duplicates([DUP_A, DUP_B], "psychic")

    class Broken:
        ready = True

        def encode(self, texts, wait=True):
            raise OSError("model files missing")

    pairs, method = find_duplicates([DUP_A, DUP_B], "embeddings", embedder=Broken())
    assert method == "lexical" and len(pairs) == 1


def test_embedding_duplicates_with_a_fake_embedder() -> None:
    from smartcheck.models.embeddings import FakeEmbedder

    # hashed bags of words: same words, different case and punctuation → cosine 1
    texts = [DUP_A, DUP_A.upper().rstrip("."), "Train all teachers on inclusive education."]
    pairs, method = find_duplicates(texts, "embeddings", embedder=FakeEmbedder())
    assert method == "embeddings"
    assert [(i, j) for i, j, _ in pairs] == [(0, 1)]


def test_auto_does_not_wait_for_an_unloaded_embedder() -> None:
    class Loading:
        ready = False
        started = 0

        def start_loading(self):
            self.started += 1

    embedder = Loading()
    pairs, method = find_duplicates([DUP_A, DUP_B], "auto", embedder=embedder)
    assert method == "lexical" and embedder.started == 1 and len(pairs) == 1


def test_word_count_limits() -> None:
    prose = Extraction("prose", "s.docx", [], 3_000)
    assert word_count_check(prose) == {"applicable": True, "words": 3_000, "limit": 2_815,
                                       "submission": "individual", "over": True}
    assert word_count_check(prose, joint=True)["over"] is False
    assert word_count_check(prose, joint=True)["limit"] == WORD_LIMITS["joint"] == 5_630
    assert word_count_check(prose, word_limit=3_500)["over"] is False
    table = Extraction("table", "s.csv", [], 90_000)
    assert word_count_check(table)["applicable"] is False


def test_submission_docx_end_to_end(tmp_path: Path, real_engine) -> None:
    from extract_samples import body_words

    result = check_file(build_docx(tmp_path / "sub.docx"), real_engine, duplicates="lexical")
    assert [i.report.text for i in result.items][3].startswith("ratify the Optional Protocol")
    assert len(result.items) == len(EXPECTED) == 10
    assert [i.label for i in result.items][3:6] == ["(a)", "(b)", "(c)"]
    s = result.summary
    assert s["count"] == 10 and s["word_count"]["words"] == body_words()
    assert s["word_count"]["applicable"] and not s["word_count"]["over"]
    assert s["duplicate_method"] == "lexical" and s["near_duplicates"] == []
    assert s["smart"] == sum(1 for i in result.items if i.report.smart)


def test_bundled_actions_and_duplicates_are_listed(real_engine) -> None:
    result = check_records(recs(BUNDLED, DUP_A, DUP_B, "Train all judges on CEDAW by 2027."),
                           real_engine, duplicates="lexical")
    s = result.summary
    assert s["to_split"] == ["1"]
    assert [(d["a"], d["b"]) for d in s["near_duplicates"]] == [("2", "3")]


class _Collector(HTMLParser):
    """Collects tags and attribute names to check the report has no scripts or links."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)


def test_html_report_is_self_contained_escaped_and_charted() -> None:
    hostile = "Adopt a law <script>alert('x')</script> & ban \"torture\" by 2026."
    result = check_records(recs(hostile, "Continue efforts to combat discrimination.",
                                "Consider ratifying the CRPD."), FakeEngine(),
                           duplicates="lexical")
    html = render_html(result.items, result=result)
    assert html.startswith("<!doctype html>")
    assert "<script>" not in html and "&lt;script&gt;" in html
    parser = _Collector()
    parser.feed(html)
    assert "script" not in parser.tags and "link" not in parser.tags and "img" not in parser.tags
    assert not [v for k, v in parser.attrs if k in ("href", "src") and v and "//" in v]
    assert "<style>" in html and "@media print" in html and "break-inside: avoid" in html
    assert html.count("<svg") == 2
    chart = html[html.index('id="sc-category-chart"'):html.index("</svg>")]
    # five categories x (this file, UPR average) bars
    assert len(re.findall(r'<rect class="sc-bar"', chart)) == 10
    assert "UPR average" in chart and "34%" in chart  # category 5 average
    assert len(re.findall(r'<li class="sc-rec( sc-smart)?" id="rec-\d"', html)) == 3
    assert "Better (" in html


def test_to_table_lists_rows_and_summary() -> None:
    result = check_records(recs("Continue efforts to combat discrimination.",
                                "Ratify the CAT against torture by 2026."), FakeEngine(),
                           duplicates="lexical")
    table = to_table(result.items, result.summary)
    lines = table.splitlines()
    assert lines[0].split()[:7] == ["#", "S", "M", "A", "R", "T", "score"]
    assert any(line.strip().startswith("1  FAIL") for line in lines)
    assert "2 recommendations checked, 1 SMART (50%), mean overall" in table
    assert "Action categories: 1: 0% (UPR 2%)" in table
    assert "Near-duplicates (lexical): none." in table


# -- CLI ----------------------------------------------------------------------------------


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def lexical_cli(monkeypatch):
    """The CLI with lexical duplicate detection (no embedding model load in unit tests)."""
    original = batch.check_records

    def lexical(*args, **kwargs):
        kwargs["duplicates"] = "lexical"
        return original(*args, **kwargs)

    monkeypatch.setattr(batch, "check_records", lexical)
    monkeypatch.setattr(cli, "FILE_DUPLICATES", "lexical")  # files stream through smartcheck.bulk


def test_cli_annotate_writes_a_copy_with_comments(tmp_path: Path, capsys, lexical_cli) -> None:
    src = build_docx(tmp_path / "submission.docx")
    before = _digest(src)
    listing_before = sorted(p.name for p in tmp_path.iterdir())
    out = tmp_path / "annotated.docx"
    report = tmp_path / "report.html"
    status = main(["check", str(src), "--format", "html", "-o", str(report),
                   "--annotate", str(out)])
    assert status == ExitCode.OK
    assert _digest(src) == before  # the original is byte-identical
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        listing_before + ["annotated.docx", "report.html"])  # nothing else written
    comments = [c.text for c in Document(out).comments]
    assert len(comments) == 10
    assert comments[0].startswith("smartcheck ") and "/100 (S:" in comments[0]
    assert "<svg" in report.read_text(encoding="utf-8")


@pytest.mark.parametrize("flag", ["--annotate", "-o"])
def test_cli_refuses_to_overwrite_the_source(tmp_path: Path, capsys, flag: str) -> None:
    src = build_docx(tmp_path / "submission.docx")
    before = _digest(src)
    status = main(["check", str(src), flag, str(tmp_path / "." / "submission.docx")])
    assert status == ExitCode.INPUT_ERROR
    assert "overwrite" in capsys.readouterr().err
    assert _digest(src) == before


def test_cli_annotate_needs_a_docx(tmp_path: Path, capsys, lexical_cli) -> None:
    src = tmp_path / "recs.txt"
    src.write_text("Ratify the CAT by 2026.\nAdopt a law on torture by 2027.\n")
    status = main(["check", str(src), "--annotate", str(tmp_path / "x.docx")])
    assert status == ExitCode.INPUT_ERROR
    assert not (tmp_path / "x.docx").exists()


def test_cli_json_has_the_batch_summary(tmp_path: Path, capsys, lexical_cli) -> None:
    src = build_docx(tmp_path / "submission.docx")
    assert main(["check", str(src), "--format", "json", "--joint"]) == ExitCode.OK
    data = json.loads(capsys.readouterr().out)
    s = data["summary"]
    assert s["count"] == 10 and s["word_count"]["limit"] == 5_630
    assert s["word_count"]["submission"] == "joint"
    assert s["duplicate_method"] == "lexical"
    assert data["source"] == {"filename": "submission.docx", "kind": "prose", "warnings": []}
    # the intro under the Recommendations heading and a background item in a numbered list of
    # recommendations are listed with their reasons, not silently dropped
    assert [k["text"][:33] for k in data["skipped"]] == ["The coalition offers the followin",
                                                         "Examplia has not reported to the "]
    assert all("background" in k["reason"] for k in data["skipped"])
    assert (s["found"], s["checked"], s["skipped"]) == (12, 10, 2)
    assert data["reports"][8]["metadata"]["recommending_states"] == ["Utopia", "Atlantis"]


def test_cli_text_and_csv_of_a_file(tmp_path: Path, capsys, lexical_cli) -> None:
    src = build_docx(tmp_path / "submission.docx")
    assert main(["check", str(src)]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "10 recommendations checked" in out and "Word count: " in out
    assert main(["check", str(src), "--format", "csv"]) == ExitCode.OK
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 10 and rows[3]["label"] == "(a)"
