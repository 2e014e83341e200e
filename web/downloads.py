"""Content-Disposition for downloads whose names may hold any script (RFC 6266 / RFC 5987)."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

_UNSAFE = re.compile(r"[^A-Za-z0-9._ ()+,-]+")


def ascii_fallback(filename: str) -> str:
    """An ASCII stand-in for old clients: accents dropped, other characters as '_'."""
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", filename)
                     if not unicodedata.combining(ch))
    stem, dot, suffix = _UNSAFE.sub("_", folded).rpartition(".")
    if not dot:
        stem, suffix = suffix, ""
    stem = stem.strip(" ._")
    if not stem or set(stem) <= {"_", " "}:
        stem = "download"
    return (stem[:140] + (f".{suffix}" if suffix else "")).strip()


def attachment(filename: str) -> str:
    """`attachment; filename="<ASCII>"; filename*=UTF-8''<percent-encoded>` for any name."""
    name = "".join(ch for ch in filename if ch.isprintable()) or "download"
    fallback = ascii_fallback(name)
    header = f'attachment; filename="{fallback}"'
    if fallback != name:
        header += f"; filename*=UTF-8''{quote(name, safe='')}"
    return header
