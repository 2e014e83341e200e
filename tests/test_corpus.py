"""Corpus import: UPR Info CSV (encodings, columns, idempotency), OHCHR .docx, stats, CLI."""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import numpy as np
import pytest

from smartcheck.cli_corpus import register
from smartcheck.corpus import similar
from smartcheck.corpus import store as corpus
from smartcheck.errors import InputError
from smartcheck.models.embeddings import FakeEmbedder
from smartcheck.resources import SHARED_DATA, UPR_CSV, data_dir, default_db_url

HEADER = ["rec_id", "To", "From", "Text", "Response", "Action", "Issue", "Session", "Cycle"]
# Team-written rows (not from the data set); accents and curly quotes exercise the decoders.
ROWS = [
    ["1", "Côte d’Ivoire", "Ruritania", "Ratify the Convention against Torture by 2027.",
     "Accepted", "5", "International instruments,Torture and other CID treatment", "3", "1"],
    ["2", "Côte d’Ivoire", "Freedonia", "Continue its efforts to promote women’s rights.",
     "Accepted", "2", "Women's rights", "3", "1"],
    ["3", "Réunion Islands", "Ruritania", "Abolish the death penalty for all crimes.",
     "Noted", "5", "Death penalty", "4", "1"],
    ["4", "Réunion Islands", "Freedonia", "Adopt a law on the “right to water” by 2026.",
     "Accepted", "5", "Right to water", "4", "1"],
]  # fmt: skip


def write_csv(path: Path, encoding: str, rows=ROWS, header=HEADER) -> Path:
    """Write the team rows as a CSV in `encoding`."""
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture()
def db(tmp_path) -> str:
    """A fresh SQLite database URL."""
    similar.invalidate()
    return f"sqlite:///{tmp_path / 'corpus.sqlite'}"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "mac_roman"])
def test_csv_encodings_decode_correctly(tmp_path, db, encoding) -> None:
    path = write_csv(tmp_path / "export.csv", encoding)
    result = corpus.import_file(path, url=db, embedder=FakeEmbedder())
    assert result.added == 4
    rows = list(corpus.iter_rows(db))
    assert rows[0].state_under_review == "Côte d’Ivoire"
    assert rows[1].text == "Continue its efforts to promote women’s rights."
    assert rows[3].text == "Adopt a law on the “right to water” by 2026."
    assert rows[0].issue_list() == ["International instruments", "Torture and other CID treatment"]
    first = rows[0]
    assert (first.action, first.session, first.cycle, first.response) == (5, 3, 1, "Accepted")


def test_reimport_is_idempotent_and_vectors_are_shared(tmp_path, db) -> None:
    path = write_csv(tmp_path / "export.csv", "utf-8")
    first = corpus.import_file(path, url=db, embedder=FakeEmbedder())
    second = corpus.import_file(path, url=db, embedder=FakeEmbedder())
    assert (first.added, first.vectors_added) == (4, 4)
    assert (second.added, second.skipped, second.vectors_added, second.total) == (0, 4, 0, 4)
    # Same text to another State: a new row, but no new vector.
    extra = [["5", "Freedonia", "Ruritania", ROWS[2][3], "Accepted", "5", "Death penalty", "5"]]
    third = corpus.import_file(write_csv(tmp_path / "more.csv", "utf-8", extra), db, None,
                               FakeEmbedder())  # fmt: skip
    assert (third.added, third.vectors_added, third.total) == (1, 0, 5)
    stats = corpus.stats(db)
    assert stats["recommendations"] == 5
    assert stats["distinct_texts"] == 4
    assert stats["vectors"] == 4
    assert stats["by_response"] == {"Accepted": 4, "Noted": 1}
    hashes, matrix = corpus.load_matrix(db)
    assert matrix.shape == (4, 384) and matrix.dtype == np.float32


def test_missing_columns_are_named(tmp_path, db) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("Country,Recommendation text\nX,Do something\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        corpus.import_file(path, url=db, embedder=FakeEmbedder())
    message = str(err.value)
    assert "missing column(s) Text, To" in message
    assert "found: Country, Recommendation text" in message


def test_unknown_file_type_and_missing_file(tmp_path, db) -> None:
    with pytest.raises(InputError, match="neither a UPR Info export"):
        (tmp_path / "x.pdf").write_bytes(b"%PDF")
        corpus.import_file(tmp_path / "x.pdf", url=db)
    with pytest.raises(InputError, match="no file called"):
        corpus.import_file(tmp_path / "absent.csv", url=db)


def test_progress_callback_reaches_total(tmp_path, db) -> None:
    seen: list[tuple[int, int]] = []
    corpus.import_file(write_csv(tmp_path / "e.csv", "utf-8"), db, lambda d, t: seen.append((d, t)),
                       FakeEmbedder())  # fmt: skip
    assert seen[0] == (0, 4)  # counts recommendations, not texts to embed plus rows
    assert seen[-1] == (4, 4)


def test_progress_counts_rows_when_texts_repeat(tmp_path, db) -> None:
    rows = ROWS + [[str(n), "Ruritania", "Freedonia", ROWS[0][3], "Accepted", "5", "Torture",
                    "5", "2"] for n in range(5, 11)]  # six more rows, one text already there
    seen: list[tuple[int, int]] = []
    corpus.import_file(write_csv(tmp_path / "r.csv", "utf-8", rows), db,
                       lambda d, t: seen.append((d, t)), FakeEmbedder())
    assert {t for _, t in seen} == {10}
    assert seen[-1] == (10, 10)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_data_dir_from_environment(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SMARTCHECK_DATA_DIR", str(tmp_path / "store"))
    assert data_dir() == tmp_path / "store"
    assert (tmp_path / "store").is_dir()
    assert default_db_url() == f"sqlite:///{tmp_path / 'store' / 'smartcheck.sqlite'}"


@pytest.mark.skipif(not UPR_CSV.exists(), reason="shared data not available")
def test_real_export_subset_imports_twice_to_same_count(tmp_path, db) -> None:
    with UPR_CSV.open(encoding="utf-8") as handle:
        lines = [next(handle) for _ in range(1001)]
    subset = tmp_path / "subset.csv"
    subset.write_text("".join(lines), encoding="utf-8")
    first = corpus.import_file(subset, url=db, embedder=FakeEmbedder())
    second = corpus.import_file(subset, url=db, embedder=FakeEmbedder())
    assert first.added == 1000 and first.total == 1000
    assert second.added == 0 and second.total == 1000
    assert corpus.stats(db)["recommendations"] == 1000


DOCX = SHARED_DATA / "ohchr-thematic-list-slovenia-session20.docx"


@pytest.mark.skipif(not DOCX.exists(), reason="shared data not available")
def test_ohchr_thematic_list_import(db) -> None:
    result = corpus.import_file(DOCX, url=db, embedder=FakeEmbedder())
    assert result.kind == "ohchr-thematic-list"
    assert result.added == 163
    rows = list(corpus.iter_rows(db))
    assert {r.state_under_review for r in rows} == {"Slovenia"}
    assert {r.session for r in rows} == {20}
    assert {r.response for r in rows} <= {"Accepted", "Noted"}
    assert rows[0].source_id == "115.1"
    assert rows[0].recommending_state
    assert corpus.import_file(DOCX, url=db, embedder=FakeEmbedder()).added == 0


def _cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="smartcheck")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.handler(args)


def test_cli_import_stats_and_errors(tmp_path, db, capsys, monkeypatch) -> None:
    import smartcheck.models.embeddings as emb

    monkeypatch.setattr(emb, "_shared", FakeEmbedder())
    path = write_csv(tmp_path / "e.csv", "mac_roman")
    assert _cli(["corpus", "import", str(path), "--db", db]) == 0
    out, err = capsys.readouterr()
    assert "added 4" in out and "corpus now holds 4" in out
    assert "importing recommendations [" in err and "4/4" in err and "8/8" not in err
    assert _cli(["corpus", "stats", "--db", db, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["recommendations"] == 4
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    assert _cli(["corpus", "import", str(bad), "--db", db]) == 2
    err = capsys.readouterr().err
    assert "missing column(s)" in err and "Traceback" not in err


def test_rows_first_then_vectors_resume(tmp_path, db) -> None:
    # Rows are stored without vectors in seconds; `fill_vectors` adds them later, and similar
    # search finds a text only once its vector exists.
    path = write_csv(tmp_path / "e.csv", "utf-8")
    result = corpus.import_file(path, url=db, embedder=FakeEmbedder(), vectors=False)
    assert (result.added, result.vectors_added, result.vectors_missing) == (4, 0, 4)
    assert corpus.stats(db)["vectors"] == 0
    assert similar.get_index(db, embedder=FakeEmbedder()).source == "exemplars"
    seen: list[tuple[int, int]] = []
    assert corpus.fill_vectors(db, FakeEmbedder(), lambda d, t: seen.append((d, t)),
                               batch=3) == 4
    assert seen == [(0, 4), (3, 4), (4, 4)]
    assert corpus.missing_vectors(db) == 0
    index = similar.get_index(db, embedder=FakeEmbedder())
    assert index.source == "corpus" and len(index) == 4
    assert corpus.fill_vectors(db, FakeEmbedder()) == 0


def test_interrupted_vectors_keep_committed_batches(tmp_path, db) -> None:
    class Interrupting(FakeEmbedder):
        calls = 0

        def _encode_uncached(self, texts):
            Interrupting.calls += 1
            if Interrupting.calls == 2:
                raise KeyboardInterrupt
            return super()._encode_uncached(texts)

    path = write_csv(tmp_path / "e.csv", "utf-8")
    with pytest.raises(KeyboardInterrupt):
        corpus.import_file(path, url=db, embedder=Interrupting(), batch=2)
    assert corpus.stats(db)["recommendations"] == 4
    assert corpus.missing_vectors(db) == 2  # the first batch of two was committed
    assert corpus.fill_vectors(db, FakeEmbedder()) == 2


def test_cli_import_without_vectors_then_vectors(tmp_path, db, capsys, monkeypatch) -> None:
    import smartcheck.models.embeddings as emb

    monkeypatch.setattr(emb, "Embedder", lambda **_: FakeEmbedder())
    path = write_csv(tmp_path / "e.csv", "utf-8")
    assert _cli(["corpus", "import", str(path), "--db", db, "--no-vectors"]) == 0
    out, err = capsys.readouterr()
    assert "added 4" in out and "new vectors 0" in out
    assert f"4 texts have no sentence vector yet: run `smartcheck corpus vectors --db {db}`" in out
    assert "4/4" in err and "sentence vectors" not in err
    monkeypatch.setattr(emb, "_shared", FakeEmbedder())
    assert _cli(["similar", "Abolish the death penalty", "--db", db]) == 0
    assert (f"(4 imported texts have no sentence vector yet and were not searched: run "
            f"`smartcheck corpus vectors --db {db}`.)") in capsys.readouterr().out
    assert _cli(["corpus", "vectors", "--db", db]) == 0
    out, err = capsys.readouterr()
    assert "added 4 sentence vectors" in out and "sentence vectors for similar search [" in err
    assert corpus.missing_vectors(db) == 0
