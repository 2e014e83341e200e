"""Turn the bytes of a text or CSV file into text: BOMs, UTF-8, Windows-1252 or Mac Roman."""

from __future__ import annotations

import codecs
import unicodedata

from smartcheck.extract.model import FileReadError

TYPOGRAPHY = set("’‘“”–—…«»•°€£§")
# Characters a human-rights text almost never contains; seeing them means a wrong guess.
ODD = set("ŽžŠšŒœŸƒˆ˜‰‡†¤¦¨¯¸¬√∫≈◊Ω∆∑∏π∂µ≤≥÷ﬁﬂ‹›‚„¥ßÆØæøÅåÇ")
CONTROL_OK = set("\t\n\r\f\v")


def decode_text(data: bytes, filename: str = "file") -> str:
    """Decode bytes as text, refusing binary data; raise FileReadError for junk."""
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        if b"\x00" in data[:65536]:
            raise _binary(filename)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _best_single_byte(data)
    if _looks_binary(text):
        raise _binary(filename)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _best_single_byte(data: bytes) -> str:
    """Choose between Windows-1252 and Mac Roman by which gives more plausible text."""
    candidates: list[tuple[int, int, str]] = []
    for rank, encoding in enumerate(("cp1252", "mac_roman")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((plausibility(text), -rank, text))
    if not candidates:  # cp1252 has five undefined bytes; mac_roman decodes anything
        return data.decode("latin-1")
    return max(candidates)[2]


def plausibility(text: str) -> int:
    """Score how much the non-ASCII characters of `text` look like real writing."""
    score = 0
    n = len(text)
    for i, ch in enumerate(text):
        if ch < "\x80":
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < n else " "
        if ch in TYPOGRAPHY:
            score += 2
        elif ch in ODD:
            score -= 3
        elif ch.isalpha():
            if ch.isupper() and before.isalpha() and before.islower():
                score -= 3  # "cafÈ", "donÕt"
            elif ch.islower() and after.isalpha() and after.isupper():
                score -= 2  # "ìHello"
            elif ch.islower() and (before.isalpha() or after.isalpha()):
                score += 1
        elif unicodedata.category(ch) in {"Cc", "Co", "Cn", "Sm", "So"}:
            score -= 3
    return score


def _looks_binary(text: str) -> bool:
    sample = text[:100_000]
    if not sample:
        return False
    bad = sum(
        1
        for ch in sample
        if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in CONTROL_OK)
    )
    return bad > max(2, len(sample) // 100)


def _binary(filename: str) -> FileReadError:
    return FileReadError(
        f"The file '{filename}' does not contain readable text: it looks like binary data, perhaps "
        "another kind of file with the wrong name.",
        "binary",
    )
