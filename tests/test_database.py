"""The database layer on SQLite and a real PostgreSQL: migrations, shared counters, results."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, inspect, select, text
from sqlalchemy.orm import Session

from smartcheck.corpus import store as corpus
from smartcheck.database import (
    current_revision,
    database_url,
    head_revision,
    make_engine,
    normalise_url,
    safe_url,
    upgrade,
)
from smartcheck.database.migrate import _config
from web.batch.store import BatchResultRow, ResultStore, Stored
from web.counters_db import CounterHit, DatabaseCounterStore
from web.workshop.models import Base as WorkshopBase
from web.workshop.models import Workshop
from web.workshop.store import Store

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: an SQLite file, or a fresh database on the test PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'db.sqlite'}"
    return request.getfixturevalue("postgres_url")


def models_metadata() -> MetaData:
    """Every table the code maps, in one MetaData (what the migrations must build)."""
    combined = MetaData()
    for base in (WorkshopBase, corpus.Base, BatchResultRow, CounterHit):
        for table in base.metadata.tables.values():
            if table.name not in combined.tables:
                table.to_metadata(combined)
    return combined


def test_migrations_build_exactly_the_mapped_schema(url: str) -> None:
    engine = make_engine(url)
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, models_metadata())
    engine.dispose()
    # A model changed without a migration (or the reverse) shows up here.
    assert differences == []


def test_a_database_from_before_migrations_keeps_its_data(url: str) -> None:
    engine = make_engine(url)
    WorkshopBase.metadata.create_all(engine)  # how earlier versions made their tables
    corpus.Base.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO workshop_workshops (code, key_hash, title, state, current_index, "
            "created_at, updated_at) VALUES ('ABCDEF', 'h', 'Old workshop', 'waiting', 0, "
            "'2026-11-30 10:00:00', '2026-11-30 10:00:00')"))
    upgrade(engine)
    with Session(engine) as session:
        assert session.scalar(select(Workshop.title)) == "Old workshop"
    assert {"batch_results", "rate_counters"} <= set(inspect(engine).get_table_names())
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_downgrade_to_nothing_and_up_again(url: str) -> None:
    from alembic import command

    engine = make_engine(url)
    upgrade(engine)
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_processes_starting_together_migrate_once(url: str) -> None:
    """Four engines (separate connections, as separate processes have) upgrade at once."""
    engines = [make_engine(url) for _ in range(4)]
    errors: list[BaseException] = []
    start = threading.Barrier(len(engines))

    def run(engine) -> None:
        try:
            start.wait(timeout=30)
            upgrade(engine)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(e,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert current_revision(engines[0]) == head_revision()
    for engine in engines:
        engine.dispose()


def test_counters_slide_reset_and_are_shared_between_engines(url: str) -> None:
    now = [1000.0]
    first = DatabaseCounterStore(make_engine(url), clock=lambda: now[0])
    upgrade(first.engine)
    second = DatabaseCounterStore(make_engine(url), clock=lambda: now[0])
    assert first.hit("join", "10.0.0.1", 60) == 1
    assert second.hit("join", "10.0.0.1", 60) == 2  # another process sees the first hit
    assert second.hit("key", "10.0.0.1", 60) == 1  # purposes are counted apart
    assert first.hit("join", "10.0.0.2", 60) == 1  # and clients
    now[0] += 30
    assert first.hit("join", "10.0.0.1", 60) == 3
    now[0] += 31  # the first two hits left the window
    assert second.hit("join", "10.0.0.1", 60) == 2
    assert first.count("join", "10.0.0.1", 60) == 2
    second.reset("join", "10.0.0.1")
    assert first.count("join", "10.0.0.1", 60) == 0
    assert first.hit("join", "x" * 500, 60) == 1  # long keys are cut, not refused
    now[0] += 120
    assert first.purge() >= 2
    first.engine.dispose()
    second.engine.dispose()


def test_concurrent_hits_are_all_counted(url: str) -> None:
    stores = [DatabaseCounterStore(make_engine(url)) for _ in range(2)]
    upgrade(stores[0].engine)
    counts: list[int] = []
    lock = threading.Lock()

    def hammer(store: DatabaseCounterStore) -> None:
        for _ in range(25):
            n = store.hit("join", "203.0.113.9", 300)
            with lock:
                counts.append(n)

    threads = [threading.Thread(target=hammer, args=(stores[i % 2],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    # Every hit counted once, and no two hits were told the same count.
    assert sorted(counts) == list(range(1, 101))
    for store in stores:
        store.engine.dispose()


def test_results_open_from_another_store_with_the_same_key(url: str) -> None:
    engine = make_engine(url)
    upgrade(engine)
    here = ResultStore(engine=engine, secret="shared")
    there = ResultStore(engine=make_engine(url), secret="shared")
    stranger = ResultStore(engine=make_engine(url), secret="another key")
    rid = here.put(Stored({"items": [1, 2, 3]}, "submission.docx", b"PK\x03\x04word"))
    entry = there.get(rid)
    assert entry is not None and entry.result == {"items": [1, 2, 3]}
    assert entry.filename == "submission.docx" and entry.docx == b"PK\x03\x04word"
    assert stranger.get(rid) is None  # a row it cannot verify is never unpickled
    assert there.get("no-such-id") is None and len(there) == 1
    for store in (here, there, stranger):
        store.engine.dispose()


def test_word_bytes_go_with_their_result(url: str) -> None:
    now = [0.0]
    store = ResultStore(size=5, ttl=60, clock=lambda: now[0], engine=make_engine(url))
    rid = store.put(Stored(None, "a.docx", b"x" * 1000))
    now[0] = 61
    store.put(Stored(None, "b.txt"))  # any write drops what has expired
    assert store.get(rid) is None
    with Session(store.engine) as session:
        assert session.scalars(select(BatchResultRow.filename)).all() == ["b.txt"]
    now[0] = 200  # nobody uploads any more: the purge on requests still removes it
    assert store.purge() == 1 and len(store) == 0
    store.engine.dispose()


def test_urls(monkeypatch) -> None:
    monkeypatch.setenv("SMARTCHECK_DATABASE_URL", "postgresql://u:secret@db/smartcheck")
    assert database_url() == "postgresql://u:secret@db/smartcheck"
    assert database_url("sqlite:///x.sqlite") == "sqlite:///x.sqlite"
    assert normalise_url(database_url()) == "postgresql+psycopg://u:secret@db/smartcheck"
    assert normalise_url("postgres://h/d") == "postgresql+psycopg://h/d"
    assert "secret" not in safe_url(database_url()) and "***" in safe_url(database_url())


# -- the command line ---------------------------------------------------------------------


def test_db_upgrade_and_current(url: str, capsys) -> None:
    from smartcheck.cli import main

    assert main(["db", "current", "--database-url", url]) == 0
    assert "revision none" in capsys.readouterr().out
    assert main(["db", "upgrade", "--database-url", url]) == 0
    assert f"upgraded from empty to revision {head_revision()}" in capsys.readouterr().out
    assert main(["db", "upgrade", "--database-url", url]) == 0
    assert f"already at revision {head_revision()}" in capsys.readouterr().out
    assert main(["db", "current", "--database-url", url]) == 0
    assert "up to date" in capsys.readouterr().out


def test_db_commands_read_the_environment(monkeypatch, tmp_path: Path, capsys) -> None:
    from smartcheck.cli import main

    monkeypatch.setenv("SMARTCHECK_DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    assert main(["db", "upgrade"]) == 0
    assert "env.sqlite" in capsys.readouterr().out
    assert (tmp_path / "env.sqlite").exists()


@pytest.mark.parametrize("command", [["db", "upgrade"], ["serve", "--port", "0"]])
def test_an_unreachable_database_is_exit_2_with_the_password_hidden(command, capsys,
                                                                   monkeypatch) -> None:
    from pgserver import free_port

    from smartcheck.cli import main

    # serve sets it: recorded first (setenv), so the teardown removes it again
    monkeypatch.setenv("SMARTCHECK_DATABASE_URL", "")
    monkeypatch.delenv("SMARTCHECK_DATABASE_URL")
    bad = f"postgresql://smartcheck:hunter2@127.0.0.1:{free_port()}/nowhere"
    assert main([*command, "--database-url", bad]) == 2
    err = capsys.readouterr().err
    assert "cannot be used" in err and "hunter2" not in err and "Traceback" not in err
    assert "***" in err


def test_serve_refuses_a_public_url_without_a_scheme(capsys) -> None:
    from smartcheck.cli import main

    assert main(["serve", "--public-url", "smartcheck.example.org"]) == 2
    assert "--public-url must start with http://" in capsys.readouterr().err


def test_expired_uploads_leave_the_database_on_any_request(fake_engine, monkeypatch,
                                                           tmp_path: Path) -> None:
    import io
    import time

    from conftest import make_app
    from extract_samples import build_docx

    import web.batch.store as batch_store

    monkeypatch.setattr(batch_store, "PURGE_EVERY_SECONDS", 0.0)
    app = make_app(fake_engine, BATCH_STORE_TTL=1, BATCH_DUPLICATES="lexical")
    client = app.test_client()
    data = build_docx(tmp_path / "s.docx").read_bytes()
    posted = client.post("/check-file/", data={"file": (io.BytesIO(data), "s.docx")},
                         content_type="multipart/form-data")
    assert posted.status_code == 303
    store = batch_store.get_store(app)
    with Session(store.engine) as session:
        assert session.scalar(select(BatchResultRow.docx_size)) == len(data)
    time.sleep(1.2)
    assert client.get("/api/health").status_code == 200  # any page, not the batch pages
    with Session(store.engine) as session:
        assert session.scalars(select(BatchResultRow.token)).all() == []


def test_the_corpus_lives_in_the_same_database(url: str, tmp_path: Path) -> None:
    """Import into SQLite or PostgreSQL; similar-search reads its vectors back exactly."""
    from test_corpus import write_csv

    from smartcheck.corpus import similar
    from smartcheck.models.embeddings import FakeEmbedder

    similar.invalidate()
    path = write_csv(tmp_path / "export.csv", "utf-8")
    first = corpus.import_file(path, url=url, embedder=FakeEmbedder())
    again = corpus.import_file(path, url=url, embedder=FakeEmbedder())
    assert (first.added, again.added, again.total) == (4, 0, 4)
    hashes, matrix = corpus.load_matrix(url)
    expected = FakeEmbedder().encode([r.text for r in corpus.iter_rows(url)])
    assert matrix.shape == (4, expected.shape[1]) and len(hashes) == 4
    assert sorted(map(tuple, matrix.round(5))) == sorted(map(tuple, expected.round(5)))
    assert current_revision(url) == head_revision()  # the import migrated the database
    similar.invalidate()


def test_two_apps_on_one_database_share_the_lockout(engine, tmp_path: Path) -> None:
    """Wrong codes on one app count on another app using the same database (as processes do)."""
    from workshop_fixtures import workshop_app

    first = workshop_app(engine, tmp_path / "shared.sqlite", WORKSHOP_JOIN_FAILURES=4)
    second = workshop_app(engine, tmp_path / "shared.sqlite", WORKSHOP_JOIN_FAILURES=4)
    # limits.py (issue 13's one mechanism) finds the database store; memory is the fallback.
    from web.limits import EXTENSION, MemoryCounterStore

    assert isinstance(first.extensions[EXTENSION], DatabaseCounterStore)
    clients = [first.test_client(), second.test_client()]
    wrong = {"code": "ZZZZZZ", "name": "Guess"}
    assert [clients[n % 2].post("/workshops/join", data=wrong).status_code
            for n in range(5)] == [404, 404, 404, 404, 429]
    assert clients[1].post("/workshops/join", data=wrong).status_code == 429
    # Memory counters (one process alone) do not see each other: the old behaviour.
    alone = [workshop_app(engine, tmp_path / "m.sqlite", WORKSHOP_JOIN_FAILURES=4,
                          COUNTERS="memory").test_client() for _ in range(2)]
    assert [alone[n % 2].post("/workshops/join", data=wrong).status_code
            for n in range(5)] == [404] * 5
    assert isinstance(alone[0].application.extensions[EXTENSION], MemoryCounterStore)


def test_the_laptop_default_counts_in_memory(monkeypatch) -> None:
    """No database named (config or environment): issue 13's in-process store, no table."""
    from web import create_app
    from web.limits import EXTENSION, MemoryCounterStore

    monkeypatch.delenv("SMARTCHECK_DATABASE_URL", raising=False)
    app = create_app({"TESTING": True, "DATABASE_URL": None})
    assert isinstance(app.extensions[EXTENSION], MemoryCounterStore)
    monkeypatch.setenv("SMARTCHECK_DATABASE_URL", "sqlite:////nonexistent/x.sqlite")
    # Named in the environment: the shared store (opened on first use, so nothing opens here).
    assert isinstance(create_app({"TESTING": True}).extensions[EXTENSION],
                      DatabaseCounterStore)


def test_a_database_from_a_newer_version_is_refused_clearly(tmp_path: Path, capsys) -> None:
    from smartcheck.cli import main
    from smartcheck.database import ensure_schema

    url = f"sqlite:///{tmp_path / 'newer.sqlite'}"
    engine = make_engine(url)
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    with pytest.raises(RuntimeError, match="revision 0999, which this version"):
        ensure_schema(engine)
    assert main(["db", "upgrade", "--database-url", url]) == 2
    assert "0999" in capsys.readouterr().err
    engine.dispose()


def test_concurrent_joins_and_drafts_on_one_workshop(url: str, fake_engine) -> None:
    """Twenty joins at once get twenty different numbers; overlapping draft saves all land."""
    from web.workshop import service
    from web.workshop.models import Draft, Participant
    from web.workshop.sets import find_set

    stores = [Store(url), Store(url)]  # two connection pools, as two processes have
    workshop, _key = service.create_workshop(stores[0], fake_engine, "Busy",
                                             list(find_set("smart-basics").exercises[:1]))
    exercise_id = workshop.exercises[0].id
    errors: list[BaseException] = []
    start = threading.Barrier(20)
    joined: list[int] = []

    def person(i: int) -> None:
        try:
            start.wait(timeout=30)
            participant, _token = service.join(stores[i % 2], workshop.code, f"P{i}")
            joined.append(participant.id)
            if i < 4:  # the first four type in two tabs at once
                for n in range(5):
                    service.save_draft(stores[n % 2], joined[0], exercise_id, f"draft {i}.{n}")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=person, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    with stores[0].read() as db:
        numbers = list(db.scalars(select(Participant.number)))
        drafts = list(db.scalars(select(Draft.participant_id)))
    assert sorted(numbers) == list(range(1, 21))
    assert drafts == [joined[0]]
    for store in stores:
        store.dispose()


def test_two_facilitator_tabs_pressing_next_move_twice(url: str, fake_engine) -> None:
    from web.workshop import service
    from web.workshop.sets import find_set

    stores = [Store(url), Store(url)]
    workshop, _key = service.create_workshop(stores[0], fake_engine, "Tabs",
                                             list(find_set("smart-basics").exercises[:3]))
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def press(store: Store) -> None:
        try:
            start.wait(timeout=30)
            service.act(store, workshop.id, "next")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=press, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    with stores[0].read() as db:
        assert db.get(Workshop, workshop.id).current_index == 2
    for store in stores:
        store.dispose()
