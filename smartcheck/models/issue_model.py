"""Multi-label tagger for UPR Info's 54 issues: TF-IDF words + characters, plus MiniLM vectors.

Two heads share one artefact (smartcheck/data/issue_model.npz, built by
`python -m smartcheck.models.train_issues`): a lexical head used while the embedder is still loading
(or when no vector is given) and a full head that adds the sentence vector. Both are linear
one-vs-rest models stored as plain arrays (int8 weights with a per-label scale), so loading
needs numpy and scikit-learn's tokenisers only — no pickles.
"""

from __future__ import annotations

import io
import json
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from smartcheck.resources import ARTEFACT_DIR

if TYPE_CHECKING:
    from scipy import sparse

DATA = ARTEFACT_DIR
DEFAULT_PATH = DATA / "issue_model.npz"


def _join(words: Sequence[str]) -> np.ndarray:
    return np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8)


def _split(blob: np.ndarray) -> list[str]:
    text = blob.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def quantise(coef: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(int8 weights, float32 per-column scale) with coef ~= q * scale."""
    scale = np.abs(coef).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.round(coef / scale), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_SPACES = re.compile(r"\s\s+")
WORD_CACHE_LIMIT = 200_000
FEATURE_CACHE_TEXTS = 4
FEATURE_CACHE_SIZE = 64


class TfidfFeatures:
    """The `transform` of a fitted sklearn TfidfVectorizer (word or char_wb n-grams, sublinear
    TF, l2 rows), in plain Python and numpy: loading the tagger imports neither scikit-learn
    (1.2 s of every start-up) nor scipy (0.2 s). Same features as sklearn (tests compare them).
    """

    def __init__(self, vocabulary: dict[str, int], idf: np.ndarray, analyzer: str,
                 ngram_range: tuple[int, int], sublinear_tf: bool) -> None:
        """Use a fitted vocabulary and idf vector."""
        self.vocabulary_ = vocabulary
        self.idf_ = np.asarray(idf, dtype=np.float64)
        self.params = {"analyzer": analyzer, "ngram_range": tuple(ngram_range),
                       "sublinear_tf": sublinear_tf}
        if analyzer not in ("word", "char_wb"):
            raise ValueError(f"unsupported analyzer {analyzer!r}")
        self._word_cache: dict[str, list[int]] = {}

    def get_params(self) -> dict:
        """The settings saved with the artefact (as sklearn's get_params)."""
        return dict(self.params)

    def analyse(self, text: str) -> list[str]:
        """The n-grams of one text, as sklearn's analyzer yields them."""
        text = text.lower()
        if self.params["analyzer"] == "word":
            return self._word_grams(_TOKEN.findall(text))
        grams: list[str] = []
        for word in _SPACES.sub(" ", text).split():
            grams.extend(self._char_grams(word))
        return grams

    def _word_grams(self, tokens: list[str]) -> list[str]:
        low, high = self.params["ngram_range"]
        grams: list[str] = []
        for n in range(low, min(high, len(tokens)) + 1):
            grams.extend(" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
        return grams

    def _char_grams(self, word: str) -> list[str]:
        low, high = self.params["ngram_range"]
        word = f" {word} "
        grams: list[str] = []
        for n in range(low, high + 1):
            grams.extend(word[i:i + n] for i in range(max(1, len(word) - n + 1)))
            if len(word) <= n:  # a short word counts once, like sklearn's char_wb
                break
        return grams

    def _columns(self, text: str) -> list[int]:
        """Vocabulary columns of a text's n-grams, one per occurrence."""
        vocab = self.vocabulary_
        text = text.lower()
        if self.params["analyzer"] == "word":
            return [vocab[g] for g in self._word_grams(_TOKEN.findall(text)) if g in vocab]
        # char_wb n-grams never cross a word boundary: each word's columns are cached.
        cache = self._word_cache
        cols: list[int] = []
        for word in _SPACES.sub(" ", text).split():
            found = cache.get(word)
            if found is None:
                found = [vocab[g] for g in self._char_grams(word) if g in vocab]
                if len(cache) > WORD_CACHE_LIMIT:
                    cache.clear()
                cache[word] = found
            cols.extend(found)
        return cols

    def rows(self, texts: Sequence[str]) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """(columns, float32 TF-IDF values) of each text's non-zero features, unit l2 norm."""
        indices, values = [], []
        for text in texts:
            cols, counts = np.unique(np.asarray(self._columns(text), dtype=np.int64),
                                     return_counts=True)
            tf = counts.astype(np.float32)
            if self.params["sublinear_tf"]:
                tf = np.log(tf) + 1
            row = (tf * self.idf_[cols]).astype(np.float32)
            norm = float(np.sqrt(np.dot(row, row)))
            if norm:
                row /= norm
            indices.append(cols)
            values.append(row)
        return indices, values

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """TF-IDF rows (n, vocabulary) of float32, unit l2 norm."""
        indices, values = self.rows(texts)
        return LexRows(indices, values, len(self.vocabulary_)).tocsr()


class LexRows:
    """Sparse TF-IDF rows as (columns, values) per text: `rows @ dense` without scipy."""

    def __init__(self, indices: list[np.ndarray], values: list[np.ndarray],
                 n_features: int) -> None:
        """One (columns, values) pair per text."""
        self.indices, self.values, self.n_features = indices, values, n_features

    @property
    def shape(self) -> tuple[int, int]:
        """(texts, features), as a matrix's."""
        return len(self.indices), self.n_features

    def __matmul__(self, dense: np.ndarray) -> np.ndarray:
        """The product with a dense (features, k) matrix, float32 (n, k)."""
        out = np.zeros((len(self.indices), dense.shape[1]), dtype=np.float32)
        for i, (cols, vals) in enumerate(zip(self.indices, self.values, strict=True)):
            if len(cols):
                out[i] = vals @ dense[cols]
        return out

    @staticmethod
    def side_by_side(parts: list[LexRows]) -> LexRows:
        """The rows of several feature blocks joined column-wise (word, then character)."""
        offsets = np.cumsum([0] + [p.n_features for p in parts[:-1]])
        indices = [np.concatenate([p.indices[i] + off for p, off in zip(parts, offsets,
                                                                         strict=True)])
                   for i in range(len(parts[0].indices))]
        values = [np.concatenate([p.values[i] for p in parts]) for i in range(len(indices))]
        return LexRows(indices, values, sum(p.n_features for p in parts))

    def tocsr(self) -> sparse.csr_matrix:
        """The same rows as a scipy CSR matrix (training and tests; imports scipy)."""
        from scipy import sparse

        indptr = np.concatenate([[0], np.cumsum([len(c) for c in self.indices])])
        return sparse.csr_matrix(
            (np.concatenate(self.values) if self.values else np.zeros(0, np.float32),
             np.concatenate(self.indices) if self.indices else np.zeros(0, np.int64), indptr),
            shape=self.shape, dtype=np.float32)


@dataclass
class Head:
    """A linear one-vs-rest scorer: s = X_lex W_lex + V W_vec + b, label on when s > threshold."""

    lex_coef: np.ndarray | None  # (n_features, n_labels) float32
    vec_coef: np.ndarray | None  # (384, n_labels) float32
    bias: np.ndarray
    threshold: np.ndarray
    platt: tuple[float, float] = (4.0, 0.0)  # score = sigmoid(a * (s - threshold) + b)

    def decision(self, x_lex: Any, vectors: np.ndarray | None) -> np.ndarray:
        """Raw margins (n, n_labels); `x_lex` is LexRows or a scipy matrix (training)."""
        out = np.tile(self.bias, (x_lex.shape[0] if x_lex is not None else len(vectors), 1))
        if self.lex_coef is not None:
            out += np.asarray(x_lex @ self.lex_coef)
        if self.vec_coef is not None:
            out += np.asarray(vectors, dtype=np.float32) @ self.vec_coef
        return out

    def probability(self, margins: np.ndarray) -> np.ndarray:
        """Margins mapped to [0, 1]; 0.5 is the label's threshold."""
        a, b = self.platt
        return 1.0 / (1.0 + np.exp(-(a * (margins - self.threshold) + b)))


class IssueModel:
    """The issue tagger: `predict(texts, vectors=None)` -> [(label, score), …] per text."""

    def __init__(
        self,
        labels: list[str],
        word_vectorizer,
        char_vectorizer,
        lexical: Head,
        full: Head | None,
        meta: dict | None = None,
    ) -> None:
        """Assemble from fitted parts (see `load` and train_issues.train)."""
        self.labels = labels
        self.word_vectorizer = word_vectorizer
        self.char_vectorizer = char_vectorizer
        self.lexical = lexical
        self.full = full
        self.meta = meta or {}
        self._feature_cache: dict[tuple[str, ...], LexRows] = {}
        self._feature_lock = threading.Lock()

    def features(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """TF-IDF word 1-2grams and character 2-5grams, side by side (scipy CSR)."""
        return self.lex_rows(texts).tocsr()

    def lex_rows(self, texts: Sequence[str]) -> LexRows:
        """The same features as `features`, as LexRows (no scipy: 0.2 s of a cold start)."""
        texts = list(texts)
        # A live check tags its draft twice (from words, then with its vector): keep the last
        # few small calls' features instead of computing them again.
        key = tuple(texts) if len(texts) <= FEATURE_CACHE_TEXTS else None
        cache = self._feature_cache
        if key is not None:
            with self._feature_lock:
                if key in cache:
                    return cache[key]
        parts = [LexRows(*vec.rows(texts), len(vec.vocabulary_))
                 for vec in (self.word_vectorizer, self.char_vectorizer)]
        found = LexRows.side_by_side(parts)
        if key is not None:
            with self._feature_lock:
                if len(cache) >= FEATURE_CACHE_SIZE:
                    cache.pop(next(iter(cache)))
                cache[key] = found
        return found

    def scores(
        self, texts: Sequence[str], vectors: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(probabilities (n, 54), on/off mask) from the full head if vectors, else lexical."""
        head = self.full if vectors is not None and self.full is not None else self.lexical
        x_lex = self.lex_rows(texts)
        margins = head.decision(x_lex, vectors if head is self.full else None)
        return _decide(head, margins)

    def predict(
        self, texts: Sequence[str], vectors: np.ndarray | None = None
    ) -> list[list[tuple[str, float]]]:
        """Issue labels with scores (best first) per text; vectors switch on the full head."""
        if isinstance(texts, str):
            texts = [texts]
        if not len(texts):
            return []
        return self._ranked(*self.scores(texts, vectors))

    def predict_with_doubt(
        self, texts: Sequence[str]
    ) -> tuple[list[list[tuple[str, float]]], np.ndarray]:
        """Word-based tags per text, and how far each text's closest label is from its threshold.

        A small doubt means the sentence vector may change the tags (the full head), a large
        one that it almost never does: a batch encodes only its doubtful texts.
        """
        texts = list(texts)
        if not texts:
            return [], np.zeros(0, dtype=np.float32)
        margins = self.lexical.decision(self.lex_rows(texts), None)
        doubt = np.abs(margins - self.lexical.threshold).min(axis=1)
        return self._ranked(*_decide(self.lexical, margins)), doubt

    def _ranked(self, probs: np.ndarray, on: np.ndarray) -> list[list[tuple[str, float]]]:
        """(label, score) of the labels switched on, best first, per text."""
        out = []
        for p_row, on_row in zip(probs, on, strict=True):
            idx = np.flatnonzero(on_row)
            idx = idx[np.argsort(-p_row[idx], kind="stable")]
            out.append([(self.labels[i], round(float(p_row[i]), 4)) for i in idx])
        return out

    def save(self, path: str | Path) -> None:
        """Write the portable .npz artefact."""
        arrays: dict[str, np.ndarray] = {
            "labels": _join(self.labels),
            "meta": _join([json.dumps(self.meta, sort_keys=True)]),
        }
        for name, vec in (("word", self.word_vectorizer), ("char", self.char_vectorizer)):
            vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
            arrays[f"{name}_vocab"] = _join(vocab)
            arrays[f"{name}_idf"] = vec.idf_.astype(np.float32)
            params = {k: vec.get_params()[k] for k in ("analyzer", "ngram_range", "sublinear_tf")}
            arrays[f"{name}_params"] = _join([json.dumps(params)])
        for prefix, head in (("lex", self.lexical), ("full", self.full)):
            if head is None:
                continue
            if head.lex_coef is not None:
                if prefix == "full" and head.lex_coef is self.lexical.lex_coef:
                    arrays["full_shares_lex"] = np.array(1, dtype=np.int8)
                else:
                    q, scale = quantise(head.lex_coef)
                    arrays[f"{prefix}_lex_q"], arrays[f"{prefix}_lex_scale"] = q, scale
            if head.vec_coef is not None:
                arrays[f"{prefix}_vec"] = head.vec_coef.astype(np.float16)
            arrays[f"{prefix}_bias"] = head.bias.astype(np.float32)
            arrays[f"{prefix}_threshold"] = np.asarray(head.threshold, dtype=np.float32)
            arrays[f"{prefix}_platt"] = np.asarray(head.platt, dtype=np.float32)
        buffer = io.BytesIO()
        np.savez_compressed(buffer, **arrays)
        Path(path).write_bytes(buffer.getvalue())

    @classmethod
    def load(cls, path: str | Path | None = None) -> IssueModel:
        """Load the artefact (default: the one shipped in smartcheck/data), cached per path."""
        key = str(Path(path or DEFAULT_PATH).resolve())
        if key not in _loaded:
            _loaded[key] = cls._read(Path(key))
        return _loaded[key]

    @classmethod
    def _read(cls, path: Path) -> IssueModel:
        with np.load(path) as z:
            data = {k: z[k] for k in z.files}
        vectorizers = []
        for name in ("word", "char"):
            params = json.loads(_split(data[f"{name}_params"])[0])
            params["ngram_range"] = tuple(params["ngram_range"])
            vocab = {term: i for i, term in enumerate(_split(data[f"{name}_vocab"]))}
            vectorizers.append(TfidfFeatures(vocab, data[f"{name}_idf"], **params))

        def head(prefix: str, shared: np.ndarray | None = None) -> Head | None:
            if f"{prefix}_bias" not in data:
                return None
            lex = shared
            if f"{prefix}_lex_q" in data:
                lex = data[f"{prefix}_lex_q"].astype(np.float32) * data[f"{prefix}_lex_scale"]
            vec = data.get(f"{prefix}_vec")
            platt = data[f"{prefix}_platt"]
            return Head(
                lex,
                None if vec is None else vec.astype(np.float32),
                data[f"{prefix}_bias"],
                data[f"{prefix}_threshold"],
                (float(platt[0]), float(platt[1])),
            )

        lexical = head("lex")
        full = head("full", lexical.lex_coef if "full_shares_lex" in data else None)
        meta = json.loads(_split(data["meta"])[0])
        return cls(_split(data["labels"]), *vectorizers, lexical, full, meta)


def _decide(head: Head, margins: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(probabilities, on/off mask) from a head's margins."""
    on = margins > head.threshold
    # Every recommendation is about something: keep the best label when none passes.
    empty = ~on.any(axis=1)
    on[empty, margins[empty].argmax(axis=1)] = True
    return head.probability(margins), on


_loaded: dict[str, IssueModel] = {}
