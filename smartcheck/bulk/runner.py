"""Check chunks of recommendations in order: in this process, in worker processes, or on Dask.

Every way runs the same `check_chunk` with an engine built once per process from the same
options, so the output does not depend on how many workers there were.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from smartcheck.corpus.duplicates import find_duplicates


@dataclass(frozen=True)
class CheckOptions:
    """What every worker needs to check a chunk the same way (picklable)."""

    context: dict[str, Any] | None = None
    duplicates: str = "lexical"
    # Bulk checks are deterministic: issue tags from words, not from a model still loading.
    embeddings: str = "off"


@dataclass
class ChunkResult:
    """One chunk's reports and its near-duplicate pairs (indexes within the chunk)."""

    reports: list[Any]
    pairs: list[tuple[int, int, float]]
    method: str


_engines: dict[str, Any] = {}
_engines_lock = threading.Lock()  # a Dask worker may run several chunks in threads


def process_engine(embeddings: str = "off") -> Any:
    """This process's engine for bulk checks, built on first use and kept."""
    with _engines_lock:
        if embeddings not in _engines:
            from smartcheck.engine import Engine

            _engines[embeddings] = Engine(embeddings=embeddings)
        return _engines[embeddings]


def check_chunk(texts: list[str], options: CheckOptions, engine: Any = None) -> ChunkResult:
    """Check validated texts with this process's engine and find near-duplicates among them."""
    engine = engine if engine is not None else process_engine(options.embeddings)
    if options.context:
        reports = engine.check_many(texts, context=options.context)
    else:
        reports = engine.check_many(texts)
    pairs, method = find_duplicates([r.text for r in reports], options.duplicates, engine)
    return ChunkResult(reports, pairs, method)


def warm_worker(embeddings: str) -> None:
    """Load the engine when a worker process starts, not with its first chunk."""
    process_engine(embeddings)


def ordered(submit: Callable[[Any], Any], jobs: Iterable[Any], ahead: int) -> Iterator[Any]:
    """(job, result) in submission order, with at most `ahead` jobs in flight."""
    pending: deque[tuple[Any, Any]] = deque()
    for job in jobs:
        pending.append((job, submit(job)))
        if len(pending) >= ahead:
            job, future = pending.popleft()
            yield job, future.result()
    while pending:
        job, future = pending.popleft()
        yield job, future.result()


class _Done:
    """A finished 'future' for work done in this process."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        """The value."""
        return self.value


def run_local(jobs: Iterable[Any], texts: Callable[[Any], list[str]], options: CheckOptions,
              engine: Any = None) -> Iterator[tuple[Any, ChunkResult]]:
    """Check each job's texts in this process."""
    return ordered(lambda job: _Done(check_chunk(texts(job), options, engine)), jobs, 1)


def run_processes(jobs: Iterable[Any], texts: Callable[[Any], list[str]], options: CheckOptions,
                  workers: int) -> Iterator[tuple[Any, ChunkResult]]:
    """Check the jobs over `workers` local processes, results in order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from smartcheck.errors import InputError

    # spawn: the same on Linux, macOS and Windows, and no forked threads or locks
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=warm_worker, initargs=(options.embeddings,))
    try:
        yield from ordered(lambda job: pool.submit(check_chunk, texts(job), options),
                           jobs, 2 * workers)
    except BrokenProcessPool as error:
        raise InputError("A worker process stopped unexpectedly (out of memory?); try fewer "
                         "--workers or a smaller --chunk-size.") from error
    finally:
        # on an error or Ctrl-C, chunks not yet started are dropped, not checked
        pool.shutdown(wait=True, cancel_futures=True)


def run_dask(jobs: Iterable[Any], texts: Callable[[Any], list[str]], options: CheckOptions,
             address: str) -> Iterator[tuple[Any, ChunkResult]]:
    """Check the jobs on a Dask distributed cluster; each worker process keeps one engine."""
    from smartcheck.errors import InputError

    try:
        from distributed import Client
    except ImportError as error:
        raise InputError("--scheduler needs Dask distributed: pip install 'dask[distributed]'."
                         ) from error
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as error:
        raise InputError(f"Cannot reach the Dask scheduler at {address} ({error}).") from error
    try:
        ahead = 2 * max(1, sum(client.nthreads().values()))
        yield from ordered(
            lambda job: client.submit(check_chunk, texts(job), options, pure=False),
            jobs, ahead)
    except (InputError, KeyboardInterrupt, GeneratorExit):
        raise
    except Exception as error:  # a task that failed on a worker comes back as its exception
        raise InputError(f"The Dask job failed on a worker: {type(error).__name__}: {error}. "
                         "Every worker needs the same smartcheck version installed."
                         ) from error
    finally:
        client.close()
