"""A cold start imports only what its first answer needs (issue 14: first answer ≤ 1.5 s)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

from smartcheck.corpus import presence, similar
from smartcheck.corpus import store as corpus
from smartcheck.database.url import sqlite_file
from smartcheck.models.embeddings import FakeEmbedder

ROOT = Path(__file__).resolve().parent.parent


def test_sqlite_file_of_plain_urls_only(tmp_path) -> None:
    assert sqlite_file(f"sqlite:///{tmp_path}/a.sqlite") == tmp_path / "a.sqlite"
    assert sqlite_file("sqlite://") is None
    assert sqlite_file("sqlite:///:memory:") is None
    assert sqlite_file("sqlite:///file:x?mode=memory&uri=true") is None
    assert sqlite_file("postgresql+psycopg://u@h/db") is None


def test_presence_never_creates_the_file(tmp_path) -> None:
    path = tmp_path / "absent.sqlite"
    assert presence.has_rows(f"sqlite:///{path}") is False
    assert not path.exists()


def test_presence_of_an_empty_store_and_of_a_filled_one(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'c.sqlite'}"
    assert corpus.count(url) == 0  # creates the tables (migrations), no rows
    assert presence.has_rows(url) is False
    export = tmp_path / "export.csv"
    with export.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([
            ["To", "From", "Text", "Response", "Action", "Issue", "Session"],
            ["Ruritania", "Freedonia", "Abolish the death penalty for all crimes", "Noted", "5",
             "Death penalty", "2"]])
    corpus.import_file(export, url=url, embedder=FakeEmbedder())
    assert presence.has_rows(url) is True
    similar.invalidate()


def test_presence_unknown_leaves_it_to_the_store(tmp_path, monkeypatch) -> None:
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"this is not an SQLite database, not even its header" * 20)
    assert presence.has_rows(f"sqlite:///{broken}") is None
    assert presence.has_rows("postgresql://nobody@localhost/none") is None
    monkeypatch.setenv("SMARTCHECK_DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    assert presence.has_rows() is False  # the URL comes from the environment, as the store's


def test_an_import_still_tells_similar_search(tmp_path) -> None:
    heard: list[str | None] = []
    presence.on_change(heard.append)
    try:
        corpus.on_change(heard.append)  # the store's registry is the same one
        corpus._invalidate("sqlite:///x")
        assert heard == ["sqlite:///x"]
    finally:
        presence._listeners.remove(heard.append)


COLD = """
import json, sys
from smartcheck import Engine
report = Engine().check('Ratify the Convention against Torture by 2026.')
loaded = [m for m in ('sqlalchemy', 'alembic', 'spacy.cli', 'typer', 'scipy')
          if m in sys.modules]
import spacy, spacy.cli
print(json.dumps({'loaded': loaded, 'similar': len(report.similar), 'notes': report.notes,
                  'cli': hasattr(spacy.cli, 'download'), 'info': callable(spacy.info)}))
"""


def test_first_answer_without_a_corpus_imports_no_database_spacy_cli_or_scipy(tmp_path) -> None:
    env = dict(os.environ, SMARTCHECK_DATA_DIR=str(tmp_path),
               PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    env.pop("SMARTCHECK_DATABASE_URL", None)
    out = subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True,
                         check=True, cwd=ROOT, env=env).stdout
    found = json.loads(out.splitlines()[-1])
    assert found["loaded"] == []
    # the full answer all the same: similar recommendations from the team's exemplars
    assert found["similar"] > 0 and found["notes"] == []
    assert found["cli"] and found["info"]  # spaCy's real command line is there when asked for
    assert not (tmp_path / "smartcheck.sqlite").exists()


CLI = """
import sys
from smartcheck.cli import main
code = main(['check', '--format', 'json', 'Ratify the Convention against Torture by 2026.'])
heavy = ('sqlalchemy', 'alembic', 'spacy.cli', 'scipy', 'docx', 'lxml', 'flask')
print(code, ','.join(m for m in heavy if m in sys.modules) or '-', file=sys.stderr)
"""


def test_check_of_a_text_imports_no_database_document_reader_or_web(tmp_path) -> None:
    env = dict(os.environ, SMARTCHECK_DATA_DIR=str(tmp_path),
               PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    env.pop("SMARTCHECK_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-c", CLI], capture_output=True, text=True,
                          check=True, cwd=ROOT, env=env)
    report = json.loads(done.stdout)["reports"][0]
    assert report["similar"] and not report["notes"]  # the same full answer as the web's
    assert done.stderr.split()[-2:] == ["0", "-"]


def test_issue_tags_without_scipy_equal_the_sparse_product() -> None:
    from smartcheck.models.issue_model import IssueModel

    model = IssueModel.load()
    texts = ["Abolish the death penalty for all crimes by 2027.",
             "Ensure that girls with disabilities attend primary school.",
             "x"]
    vectors = FakeEmbedder().encode(texts)
    for head, vecs in ((model.lexical, None), (model.full, vectors)):
        fast = head.decision(model.lex_rows(texts), vecs)
        sparse = head.decision(model.features(texts), vecs)
        assert fast.shape == (3, len(model.labels))
        assert abs(fast - sparse).max() < 1e-5
    assert model.lex_rows([]).shape == (0, model.features(["a b"]).shape[1])
