"""Errors raised for input the engine cannot judge; all are ValueError subclasses."""

from __future__ import annotations


class InputError(ValueError):
    """Input that cannot be checked; `str(error)` is a plain-language message for users."""

    code = "invalid_input"


class EmptyInputError(InputError):
    """The text is empty or only white space."""

    code = "empty"


class InputTooLongError(InputError):
    """The text is longer than one recommendation can reasonably be."""

    code = "too_long"


class BinaryInputError(InputError):
    """The text looks like binary data, not writing."""

    code = "binary"


class NotEnglishError(InputError):
    """The text does not look like English, the only language the rules cover."""

    code = "not_english"


class RuleFileError(ValueError):
    """A rule or lexicon file is malformed; the message names the path and the key."""

    def __init__(self, path: object, key: str, expected: str) -> None:
        """Build the message from the file path, the offending key and what was expected."""
        self.path, self.key, self.expected = str(path), key, expected
        super().__init__(f"{self.path}: key '{key}': expected {expected}")


class CorpusError(InputError):
    """A corpus file that cannot be imported; the message says why."""

    code = "corpus_file"


class CorpusColumnsError(CorpusError):
    """A CSV without the columns of the UPR Info export."""

    code = "corpus_columns"


class CorpusUnavailableError(CorpusError):
    """The corpus database cannot be opened."""

    code = "corpus_unavailable"
