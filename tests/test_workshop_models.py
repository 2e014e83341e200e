"""Workshop storage and the pieces under the views: store, codes, sets, scores, service."""

from __future__ import annotations

import csv
import io
import math
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from web.workshop import codes, service
from web.workshop.models import Participant, Submission, Workshop, utcnow
from web.workshop.scores import Row, criterion_chart, histogram, summarise, to_csv, weaknesses
from web.workshop.sets import LETTER_KEYS, find_set, load_sets
from web.workshop.store import Store, database_url, default_url

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A store in a fresh SQLite file."""
    s = Store(f"sqlite:///{tmp_path / 'ws.sqlite'}")
    yield s
    s.dispose()


def spec(weak: str = "Take measures to protect the rights of persons with disabilities."):
    """One exercise spec from the SMART basics set, with its weak text replaced."""
    base = find_set("smart-basics").exercises[0]
    return type(base)(**{**base.__dict__, "weak": weak})


# --- store ---------------------------------------------------------------------------------


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_reopening_keeps_existing_workshops(tmp_path: Path, engine) -> None:
    url = f"sqlite:///{tmp_path / 'keep.sqlite'}"
    first = Store(url)
    workshop, _key = service.create_workshop(first, engine, "Kept", [spec()])
    first.dispose()
    second = Store(url)  # create_all again: must not drop or empty the tables
    with second.read() as db:
        assert db.scalar(select(Workshop.title).where(Workshop.code == workshop.code)) == "Kept"
    second.dispose()


def test_tables_share_the_file_with_other_tables(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite'}"
    other = Store(url)
    with other.write() as db:
        db.execute(text("CREATE TABLE notes_of_another_app (id INTEGER PRIMARY KEY, t TEXT)"))
        db.execute(text("INSERT INTO notes_of_another_app (t) VALUES ('x')"))
    other.dispose()
    again = Store(url)
    with again.read() as db:
        assert db.execute(text("SELECT count(*) FROM notes_of_another_app")).scalar() == 1
    again.dispose()


def test_expired_workshops_are_purged_with_everything_in_them(store: Store, engine) -> None:
    old, _ = service.create_workshop(store, engine, "Old", [spec()])
    new, _ = service.create_workshop(store, engine, "New", [spec()])
    participant, _token = service.join(store, old.code, "Ana")
    service.act(store, old.id, "start")
    exercise_id = old.exercises[0].id
    service.submit(store, participant.id, exercise_id, "Adopt a law by 2027.", {"overall": 50})
    with store.write() as db:
        db.get(Workshop, old.id).created_at = utcnow() - timedelta(hours=73)
    assert store.purge() == 1
    with store.read() as db:
        assert [w.title for w in db.scalars(select(Workshop))] == ["New"]
        assert db.scalar(select(func.count()).select_from(Participant)) == 0
        assert db.scalar(select(func.count()).select_from(Submission)) == 0
    assert new.code


def test_expiry_hours_are_configurable(tmp_path: Path, engine) -> None:
    store = Store(f"sqlite:///{tmp_path / 'e.sqlite'}", expiry_hours=1)
    workshop, _ = service.create_workshop(store, engine, "Short", [spec()])
    with store.write() as db:
        db.get(Workshop, workshop.id).created_at = utcnow() - timedelta(minutes=61)
    assert store.purge() == 1
    store.dispose()


def test_database_url_comes_from_config_then_env_then_the_data_dir(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("SMARTCHECK_DATABASE_URL", "sqlite:///env.sqlite")
    assert database_url({"DATABASE_URL": "postgresql://h/db"}) == "postgresql://h/db"
    assert database_url({"DATABASE_URL": None}) == "sqlite:///env.sqlite"
    monkeypatch.delenv("SMARTCHECK_DATABASE_URL")
    monkeypatch.setenv("SMARTCHECK_DATA_DIR", str(tmp_path))
    assert database_url({}) == default_url() == f"sqlite:///{tmp_path / 'smartcheck.sqlite'}"


def test_concurrent_writers_lose_nothing(store: Store, engine) -> None:
    workshop, _ = service.create_workshop(store, engine, "Busy", [spec()])
    service.act(store, workshop.id, "start")
    exercise_id = workshop.exercises[0].id
    errors: list[BaseException] = []
    barrier = threading.Barrier(24)

    def one(i: int) -> None:
        try:
            participant, _ = service.join(store, workshop.code, f"P{i}")
            barrier.wait()
            for n in range(3):
                service.save_draft(store, participant.id, exercise_id, f"draft {n}")
                service.submit(store, participant.id, exercise_id, f"text {i}.{n}", {"overall": n})
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with store.read() as db:
        assert db.scalar(select(func.count()).select_from(Submission)) == 72
        numbers = sorted(db.scalars(select(Participant.number)))
        assert numbers == list(range(1, 25))  # no two participants got the same number
        assert len(service.latest_rows(db, exercise_id)) == 24


# --- codes and keys ------------------------------------------------------------------------


def test_join_codes_carry_thirty_bits_and_avoid_ambiguous_letters() -> None:
    assert len(set(codes.ALPHABET)) == 32
    assert not set("ILOU") & set(codes.ALPHABET)
    assert codes.CODE_LENGTH * math.log2(len(codes.ALPHABET)) >= 30
    drawn = {codes.new_code() for _ in range(2000)}
    # 2,000 draws from 2**30 repeat a code in about one run of 540 (birthday bound), two
    # codes in one run of 580,000; a generator with only 16 bits would repeat ~30.
    assert len(drawn) >= 1998 and all(codes.is_well_formed(c) for c in drawn)


def test_typed_codes_are_normalised() -> None:
    assert codes.normalise_code(" k7q-m2x ") == "K7QM2X"
    assert codes.normalise_code("aoi-l12") == "A01112"  # O is zero, I and L are one
    assert not codes.is_well_formed(codes.normalise_code("K7Q-M2"))
    assert not codes.is_well_formed("K7QM2U")
    assert codes.display_code("K7QM2X") == "K7Q-M2X"


def test_keys_are_long_and_only_their_hash_is_compared() -> None:
    key = codes.new_key()
    assert len(key) >= 43  # 256 bits
    stored = codes.hash_secret(key)
    assert key not in stored
    assert codes.secret_matches(key, stored)
    assert not codes.secret_matches(key[:-1] + ("A" if key[-1] != "A" else "B"), stored)
    assert not codes.secret_matches("", stored) and not codes.secret_matches(None, stored)


def test_the_three_sets_load_with_their_exercises() -> None:
    sets = {s.id: s for s in load_sets()}
    assert {"smart-basics", "action-ladder", "gender-based-violence"} <= set(sets)
    basics = sets["smart-basics"]
    assert basics.title == "SMART basics"
    assert [e.focus for e in basics.exercises][:5] == [("S",), ("M",), ("A",), ("R",), ("T",)]
    assert all(e.weak and e.model_answer and e.hints for e in basics.exercises)
    ladder = sets["action-ladder"].exercises[0]
    assert ladder.ladder[0] == (1, ladder.weak) and ladder.ladder[-1][0] == 5
    assert set(LETTER_KEYS) == {"S", "M", "A", "R", "T"}


def test_sets_dir_can_be_elsewhere(tmp_path: Path) -> None:
    (tmp_path / "mine.yml").write_text(
        "id: mine\ntitle: Mine\ndescription: d\nexercises:\n"
        "  - {id: one, title: One, weak: Continue efforts., focus: [T], model_answer: x,"
        " reasoning: y, hints: [z], background: {state: S, issue: I, facts: F}}\n",
        encoding="utf-8",
    )
    (only,) = load_sets(tmp_path)
    assert only.id == "mine" and only.exercises[0].weak == "Continue efforts."
    assert find_set("mine", tmp_path) is only and find_set("smart-basics", tmp_path) is None


# --- scores --------------------------------------------------------------------------------


def test_summary_keeps_scores_and_one_entry_per_rule(engine) -> None:
    report = engine.check("Continue efforts to combat discrimination against women.")
    summary = summarise(report)
    assert summary["overall"] == report.overall
    assert set(summary["criteria"]) == {"specific", "measurable", "achievable", "relevant",
                                        "time_bound"}
    assert summary["criteria"]["time_bound"]["verdict"] == report.criteria["time_bound"].verdict
    rules = [f["rule"] for f in summary["findings"]]
    assert len(rules) == len(set(rules)) and set(rules) == {f.rule for f in report.findings}
    assert summary["action_category"] == report.action_category.value


def _row(i: int, overall: int, rules: list[str], time_score: float = 0.5) -> Row:
    after = {
        "overall": overall,
        "criteria": {"time_bound": {"score": time_score, "verdict": "partial"}},
        "findings": [{"rule": r, "criterion": "specific", "message": f"msg {r}"} for r in rules],
    }
    return Row(i, i, f"p{i}", "t", {"overall": 20}, after, 1, utcnow())


def test_board_chart_histogram_and_weaknesses() -> None:
    before = {"overall": 20, "criteria": {"time_bound": {"score": 0.1}}}
    rows = [_row(1, 90, ["a", "b"], 1.0), _row(2, 50, ["a"], 0.5), _row(3, 10, ["a", "c"], 0.0)]
    chart = {bar["name"]: bar for bar in criterion_chart(before, rows)}
    assert chart["Time-bound"]["before"] == 10 and chart["Time-bound"]["after"] == 50
    assert chart["Overall"]["before"] == 20 and chart["Overall"]["after"] == 50
    assert chart["Time-bound"]["after_class"] == "w-50"
    assert chart["Specific"]["after"] == 0
    assert criterion_chart(before, [])[0]["after"] is None
    bands = {band["label"]: band["count"] for band in histogram(rows)}
    assert bands == {"0–19": 1, "20–39": 0, "40–59": 1, "60–79": 0, "80–100": 1}
    top = weaknesses(rows)
    assert top[0] == {"rule": "a", "criterion": "specific", "message": "msg a", "count": 3,
                      "share": 100, "label": "A"}
    assert {t["rule"] for t in top} == {"a", "b", "c"}


def test_csv_neutralises_formulas_and_keeps_every_attempt() -> None:
    now = utcnow()
    records = [
        {"position": 0, "exercise_title": "E", "number": 1, "name": "=HYPERLINK(\"x\")",
         "attempt": n, "latest": n == 2, "created_at": now, "text": "+cmd",
         "before": {"overall": 20},
         "after": {"overall": 30 + n, "smart": False, "criteria": {}, "findings": []}}
        for n in (1, 2)
    ]
    rows = list(csv.DictReader(io.StringIO(to_csv(records))))
    assert [r["attempt"] for r in rows] == ["1", "2"]
    assert [r["latest"] for r in rows] == ["no", "yes"]
    assert rows[0]["name"].startswith("'=") and rows[0]["text"] == "'+cmd"
    assert rows[1]["gain"] == "12"
