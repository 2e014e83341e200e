"""Large batches on both cores give the same reports; start-up pieces that replaced slow ones."""

from __future__ import annotations

import numpy as np
import pytest
from corpus_helpers import corpus_texts

from smartcheck import Engine
from smartcheck.engine import PARALLEL_MIN
from smartcheck.judge.validate import validate
from smartcheck.resources import UPR_CSV

needs_data = pytest.mark.skipif(not UPR_CSV.exists(), reason="shared data not available")


@pytest.mark.slow
@needs_data
def test_worker_processes_give_the_same_reports_in_order() -> None:
    """A batch split between this process and a forked worker equals the one-process run.

    Everything on: the short last chunk must be judged as part of a large batch too.
    """
    texts = corpus_texts(PARALLEL_MIN + 70, seed=4)
    parallel = Engine(workers=1)
    serial = Engine(workers=0)
    try:
        got = [r.to_dict() for r in parallel.check_many(texts)]
        assert parallel._pool is not None, "the batch did not use the worker"
        worker_pids = {p.pid for p in parallel._pool._pool}
        assert worker_pids
    finally:
        parallel.close()
    expected = [r.to_dict() for r in serial.check_many(texts)]
    assert serial._pool is None
    assert [g["text"] for g in got] == [validate(t) for t in texts]
    assert got == expected


def test_small_batches_and_server_threads_never_fork() -> None:
    """Below the threshold, or off the main thread (a web request), no worker is started."""
    import threading

    engine = Engine(embeddings="off", workers=1)
    engine.check_many(["Ratify the Convention against Torture by 2026."] * 3)
    assert engine._pool is None
    seen = []
    thread = threading.Thread(target=lambda: seen.append(engine._can_fork()))
    thread.start()
    thread.join()
    assert seen == [False]
    assert Engine(embeddings="off", workers=0)._can_fork() is False


def test_default_worker_only_when_a_core_is_idle(monkeypatch) -> None:
    """Measured: on a busy machine a forked worker slowed large batches; asked for, it forks."""
    import os

    from smartcheck.engine import WORKERS_ENV

    monkeypatch.delenv(WORKERS_ENV, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    default = Engine(embeddings="off", suggestions=False)
    asked = Engine(embeddings="off", suggestions=False, workers=1)
    assert default.workers == 1
    monkeypatch.setattr(os, "getloadavg", lambda: (3.4, 3.0, 2.5))
    assert default._can_fork() is False
    assert asked._can_fork() is True
    monkeypatch.setattr(os, "getloadavg", lambda: (0.9, 1.0, 1.0))
    assert default._can_fork() is True


@needs_data
def test_tfidf_features_equal_scikit_learn() -> None:
    """The tagger's own TF-IDF (no scikit-learn import at start-up) matches sklearn's."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from smartcheck.models.issue_model import IssueModel

    model = IssueModel.load()
    texts = corpus_texts(600, seed=9) + ["", "a", "I", "Ab  cd\n\tef", "é ñ Ö 123 a1 _b_ don't",
                                   "x" * 300]
    for ours in (model.word_vectorizer, model.char_vectorizer):
        reference = TfidfVectorizer(vocabulary=ours.vocabulary_, dtype=np.float32,
                                    **ours.get_params())
        reference.idf_ = ours.idf_
        expected, got = reference.transform(texts), ours.transform(texts)
        assert got.shape == expected.shape and got.nnz == expected.nnz
        assert abs(expected - got).max() < 1e-6


def test_loading_the_tagger_does_not_import_scikit_learn() -> None:
    """scikit-learn costs ~1.2 s of start-up; the shipped tagger no longer needs it."""
    import subprocess
    import sys

    code = ("import sys\nfrom smartcheck.models.issue_model import IssueModel\n"
            "m = IssueModel.load()\nm.predict(['Abolish the death penalty.'])\n"
            "print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"


def _die(texts: list[str], context: object) -> list:
    """Stands in for the worker's job: the worker process dies without answering."""
    import os

    os._exit(1)


@pytest.mark.slow
@needs_data
def test_a_dead_worker_does_not_hang_the_batch(monkeypatch) -> None:
    """A worker that dies mid-batch costs a timeout, then its chunks are judged here."""
    import smartcheck.engine as engine_module

    monkeypatch.setattr(engine_module, "_worker_check", _die)
    monkeypatch.setattr(engine_module, "WORKER_TIMEOUT_S", 2.0)
    texts = corpus_texts(PARALLEL_MIN + 10, seed=6)
    engine = Engine(embeddings="off", suggestions=False, workers=1)
    try:
        with pytest.warns(UserWarning, match="stopped answering"):
            got = engine.check_many(texts)
    finally:
        engine.close()
    assert engine.workers == 0
    expected = Engine(embeddings="off", suggestions=False, workers=0).check_many(texts)
    assert [r.to_dict() for r in got] == [r.to_dict() for r in expected]


def test_our_own_recent_batches_do_not_count_as_a_busy_machine(monkeypatch) -> None:
    """Right after a large batch the load average still shows it: that share is ours, so the
    next batch still gets its worker; other jobs' load still stops it."""
    import os

    from smartcheck.engine import WORKERS_ENV

    monkeypatch.delenv(WORKERS_ENV, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    from smartcheck import cpu_load

    default = Engine(embeddings="off", suggestions=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.8, 1.2, 0.9))
    monkeypatch.setattr(cpu_load.OWN_LOAD, "update", lambda pids=(): 0.0)
    assert default._can_fork() is False  # 1.8 from other jobs: no core to spare
    monkeypatch.setattr(cpu_load.OWN_LOAD, "update", lambda pids=(): 0.9)
    assert default._can_fork() is True  # 0.9 of the 1.8 was this engine's own work


def test_own_load_averages_our_cpu_like_the_kernels_load(monkeypatch) -> None:
    """A minute of one busy core counts 1 - 1/e of a core, then decays by 1/e a quiet minute;
    the workers' CPU (read from /proc) counts with ours."""
    import math
    import os

    from smartcheck import cpu_load

    clock, cpu = [0.0], [0.0]
    monkeypatch.setattr(cpu_load.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(cpu_load.time, "process_time", lambda: cpu[0])
    monkeypatch.setattr(cpu_load, "cpu_seconds", lambda pid: 30.0 if pid == 7 else 0.0)
    own = cpu_load.OwnLoad()
    clock[0], cpu[0] = 60.0, 60.0
    assert own.update() == pytest.approx(1 - math.exp(-1))
    clock[0] = 120.0
    assert own.update() == pytest.approx((1 - math.exp(-1)) * math.exp(-1))
    clock[0] = 180.0
    # a worker that used 30 s of CPU in that minute: half a core
    expected = (1 - math.exp(-1)) * math.exp(-2) + 0.5 * (1 - math.exp(-1))
    assert own.update([7]) == pytest.approx(expected)
    monkeypatch.undo()
    assert cpu_load.cpu_seconds(os.getpid()) > 0  # this process, read from /proc
    assert cpu_load.cpu_seconds(2 ** 22 + 12345) == 0.0  # no such process
