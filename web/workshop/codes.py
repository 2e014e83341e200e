"""Join codes and facilitator keys (the limits on guessing them are in web/limits.py)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

# Crockford's base32: 32 symbols, so 6 characters carry 30 bits. People may type O for 0 and
# I or L for 1; those are read as the digit, so no code is ambiguous when read aloud or copied.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 6
_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    """A random join code of CODE_LENGTH characters (30 bits)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """A typed code in canonical form (upper case, no spaces or dashes, aliases resolved)."""
    cleaned = "".join(ch for ch in (raw or "").upper() if ch.isalnum())
    return cleaned.translate(_ALIASES)


def is_well_formed(code: str) -> bool:
    """True when `code` could be a join code (right length and alphabet)."""
    return len(code) == CODE_LENGTH and all(ch in ALPHABET for ch in code)


def display_code(code: str) -> str:
    """The code as shown to people: two groups of three, e.g. K7Q-M2X."""
    return f"{code[:3]}-{code[3:]}" if len(code) == CODE_LENGTH else code


def new_key() -> str:
    """A facilitator key: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    """SHA-256 of a key or token (they are random, so no salt or slow hash is needed)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def secret_matches(secret: str | None, stored_hash: str) -> bool:
    """Constant-time check of a presented key or token against its stored hash."""
    if not secret:
        return False
    return hmac.compare_digest(hash_secret(secret), stored_hash)
