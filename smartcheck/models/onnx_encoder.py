"""all-MiniLM-L6-v2 at run time without torch: the ONNX export run by onnxruntime (fp32).

Built by `python -m smartcheck.models.build`; needs onnxruntime, tokenizers and numpy only.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from smartcheck.resources import ARTEFACT_DIR

BUILD_ENV = "SMARTCHECK_BUILD_DIR"
ONNX_NAME = "minilm-l6-v2.onnx"
TOKENIZER_NAME = "tokenizer.json"
PROVENANCE_NAME = "minilm-l6-v2.provenance.json"
# Vectors of the built-in exemplars, so the first "similar" lookup encodes nothing.
VECTORS_NAME = "exemplar-vectors.npz"
MAX_LENGTH = 128
BATCH_SIZE = 32
# With batches side by side, each holds its own buffers: long texts go in smaller batches.
TOKENS_PER_PARALLEL_BATCH = 2048


def build_dir() -> Path:
    """Where the built encoder lives: $SMARTCHECK_BUILD_DIR or smartcheck/data/build/."""
    env = os.environ.get(BUILD_ENV, "").strip()
    return Path(env).expanduser() if env else ARTEFACT_DIR / "build"


def onnx_path(directory: Path | None = None) -> Path:
    """Path of the exported ONNX model."""
    return (directory or build_dir()) / ONNX_NAME


def is_built(directory: Path | None = None) -> bool:
    """True when the ONNX model, its tokenizer and its provenance are all present."""
    d = directory or build_dir()
    return all((d / name).is_file() for name in (ONNX_NAME, TOKENIZER_NAME, PROVENANCE_NAME))


class OnnxEncoder:
    """Unit-length sentence vectors (n, 384) from the exported MiniLM graph."""

    def __init__(self, directory: str | Path | None = None, threads: int = 1,
                 max_length: int = MAX_LENGTH, spinning: bool = False, workers: int = 1) -> None:
        """Load the tokenizer and an onnxruntime session from the build folder.

        `workers` > 1 runs that many batches at once on the one session (a long batch job):
        with one intra-op thread each, two batches side by side used the 2 cores better than
        one batch split over 2 intra-op threads (docs/benchmarks.md, "Corpus import").
        """
        import onnxruntime as ort
        from tokenizers import Tokenizer

        folder = Path(directory) if directory else build_dir()
        self.tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_NAME))
        # The shipped tokenizer pads every text to 128 tokens: pad per batch instead (below).
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # Spinning threads wait for work by burning a core: beside spaCy on a 2-core machine
        # that made a live encode several times slower; a long batch job may spin.
        options.add_session_config_entry("session.intra_op.allow_spinning",
                                         "1" if spinning else "0")
        self.session = ort.InferenceSession(str(folder / ONNX_NAME), options,
                                            providers=["CPUExecutionProvider"])
        self.threads = threads
        self.workers = max(1, workers)
        self._pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Word-piece ids of each text ([CLS] … [SEP], truncated to max_length)."""
        return [e.ids for e in self.tokenizer.encode_batch(list(texts))]

    def encode(self, texts: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
        """Vectors in the order of `texts`; batches of similar length, padded to their longest.

        Texts with the same word pieces (the tokenizer lower-cases and drops accents and extra
        spaces) are encoded once.
        """
        ids = self.token_ids(texts)
        out = np.empty((len(ids), 384), dtype=np.float32)
        first: dict[tuple[int, ...], int] = {}
        same = [first.setdefault(tuple(row), i) for i, row in enumerate(ids)]
        order = sorted(first.values(), key=lambda i: len(ids[i]))
        budget = TOKENS_PER_PARALLEL_BATCH if self.workers > 1 else None
        batches: list[list[int]] = []
        for i in order:  # shortest first: the text added is the batch's longest
            if not batches or len(batches[-1]) >= batch_size or (
                    budget and (len(batches[-1]) + 1) * len(ids[i]) > budget):
                batches.append([])
            batches[-1].append(i)
        if self.workers > 1 and len(batches) > 1:
            for rows, vectors in self._executor().map(lambda rows: self._run(ids, rows), batches):
                out[rows] = vectors
        else:
            for rows in batches:
                out[rows] = self._run(ids, rows)[1]
        repeats = [i for i, j in enumerate(same) if i != j]
        if repeats:
            out[repeats] = out[[same[i] for i in repeats]]
        return out

    def _run(self, ids: list[list[int]], rows: list[int]) -> tuple[list[int], np.ndarray]:
        """One batch through the session, padded to its longest text."""
        width = max(len(ids[i]) for i in rows)
        input_ids = np.zeros((len(rows), width), dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for r, i in enumerate(rows):
            input_ids[r, : len(ids[i])] = ids[i]
            mask[r, : len(ids[i])] = 1
        return rows, self.session.run(None, {"input_ids": input_ids, "attention_mask": mask})[0]

    def _executor(self) -> ThreadPoolExecutor:
        """The worker threads (onnxruntime releases the GIL while a batch runs)."""
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="minilm")
            return self._pool

    def close(self) -> None:
        """Stop the worker threads, if any."""
        with self._pool_lock:
            if self._pool is not None:
                self._pool.shutdown(wait=True)
                self._pool = None
