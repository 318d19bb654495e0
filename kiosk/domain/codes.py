"""Household codes (one-time vote codes, plan statement codes) and ballot receipts.

All digits, so they can be typed on a lobby keypad. A code is 12 random digits from the operating
system's generator (10^12 possibilities; an estate has a few hundred live codes, so a guess hits
one with a chance of about one in a billion) and is stored only as a hash: a copy of the database
cannot be used to vote. A receipt is 10 random digits, stored as is: it proves nothing but that a
ballot was counted, and names no household.
"""

from __future__ import annotations

import contextlib
import hashlib
import random
import secrets
import unicodedata
from typing import Iterator

CODE_DIGITS = 12
RECEIPT_DIGITS = 10

_source: random.Random = secrets.SystemRandom()


def digits(n: int) -> str:
    return "".join(str(_source.randrange(10)) for _ in range(n))


@contextlib.contextmanager
def seeded(rng: random.Random) -> Iterator[None]:
    """For the demo database only: reproducible codes and receipts."""
    global _source
    before, _source = _source, rng
    try:
        yield
    finally:
        _source = before


def normalise(text: str) -> str:
    """What a person typed ('1234 5678-9012', full-width digits) -> the digits only."""
    s = unicodedata.normalize("NFKC", str(text or ""))
    return "".join(ch for ch in s if ch not in " -_\t")


def code_hash(purpose: str, code: str) -> str:
    return hashlib.sha256(f"estate-kiosk:{purpose}:{normalise(code)}".encode("utf-8")).hexdigest()


def new_code() -> str:
    return digits(CODE_DIGITS)


def new_receipt() -> str:
    return digits(RECEIPT_DIGITS)


def show(code: str) -> str:
    """Grouped for reading aloud and typing: '1234 5678 9012', '12345 67890'."""
    c = normalise(code)
    step = 5 if len(c) == RECEIPT_DIGITS else 4
    return " ".join(c[i:i + step] for i in range(0, len(c), step))


def looks_like(text: str, n: int) -> bool:
    c = normalise(text)
    return len(c) == n and c.isascii() and c.isdigit()
