"""Check that a text is something the engine can judge, with plain messages when not."""

from __future__ import annotations

import re
import unicodedata

from smartcheck.errors import (
    BinaryInputError,
    EmptyInputError,
    InputTooLongError,
    NotEnglishError,
)

MAX_CHARS = 5000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
COMMON_ENGLISH = {"the", "of", "and", "to", "a", "in", "on", "for", "its", "all", "by", "with",
                  "that", "law", "rights", "human", "women", "children", "state", "national",
                  "adopt", "ensure", "ratify", "continue", "take", "measures", "against",
                  "is", "are", "be", "this", "as", "or", "at", "from", "an"}
# Function words of other languages that UPR drafts are often written in.
OTHER_LANGUAGES = {"le", "la", "les", "des", "du", "de", "et", "une", "dans", "sur", "pour", "aux",
                   "au", "el", "los", "las", "por", "para", "que", "con", "del", "y", "una", "und",
                   "der", "die", "das", "mit", "für", "est", "son", "sus", "em", "os", "da", "do",
                   "não", "é", "à"}


def normalise(text: str) -> str:
    """NFC, unify spaces and quotes-as-typed, trim; keep the wording exactly."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return " ".join(line for line in lines if line)


def validate(text: object, max_chars: int = MAX_CHARS) -> str:
    """Return the normalised text or raise an InputError saying what is wrong."""
    if isinstance(text, bytes):
        raise BinaryInputError("This looks like a file's raw bytes, not text. Paste the "
                               "recommendation as text, or upload the file instead.")
    if not isinstance(text, str):
        raise EmptyInputError("Please type a recommendation to check.")
    if "\x00" in text or len(_CONTROL.findall(text)) > max(3, len(text) // 100):
        raise BinaryInputError("This looks like binary data, not writing. Paste the "
                               "recommendation as plain text.")
    clean = normalise(text)
    if not clean:
        raise EmptyInputError("Please type a recommendation to check: the text is empty.")
    if len(clean) > max_chars:
        raise InputTooLongError(
            f"This text has {len(clean):,} characters; one recommendation should fit in "
            f"{max_chars:,}. To check a whole document, upload it as a file instead.")
    letters = [c for c in clean if c.isalpha()]
    if not letters:
        raise NotEnglishError("There are no words here to check. Please type a "
                              "recommendation in English.")
    latin = sum(1 for c in letters if _LATIN_LETTER.match(c) or "LATIN" in unicodedata.name(c, ""))
    english = sum(1 for w in clean.lower().split() if w.strip(".,;:()'\"") in COMMON_ENGLISH)
    foreign = sum(1 for w in clean.lower().split() if w.strip(".,;:()'\"") in OTHER_LANGUAGES)
    if latin / len(letters) < 0.6 or (foreign >= 2 and foreign > english):
        raise NotEnglishError("smartcheck's rules read English only, and this does not look like "
                              "English. Please write or translate the recommendation in English.")
    return clean
