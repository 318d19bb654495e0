"""Report ticket numbers (受理编号): 8 random digits and a check digit, so that a ticket cannot be
guessed from another one and a typo is caught before any lookup.

The check digit is Damm's (a table of 100 digits, no dependency): it catches every single wrong
digit and every swap of two neighbouring digits, the check digit included. (ISO 7064 MOD 11,10
and Luhn let about 2% of neighbour swaps through.) Tickets of the old scheme (yymmdd + a daily sequence, no check digit) are
still accepted for lookup.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from kiosk import clock
from kiosk.domain import codes
from kiosk.domain.errors import ValidationError
from kiosk.i18n import _

RANDOM_DIGITS = 8
LENGTH = RANDOM_DIGITS + 1
_TYPED_SEPARATORS = " -_\t\u3000"


# Damm's totally anti-symmetric quasigroup of order 10: row = interim digit, column = next digit.
_DAMM = (
    "0317598642", "7092154863", "4206871359", "1750983426", "6123045978",
    "3674209581", "5869720134", "8945362017", "9438617205", "2581436790",
)


def _interim(digits: str) -> int:
    i = 0
    for ch in digits:
        i = int(_DAMM[i][int(ch)])
    return i


def check_digit(digits: str) -> str:
    """Damm's check digit of ASCII digits."""
    return str(_interim(digits))


def new_ticket() -> str:
    """From the operating system's generator (the demo seeds it, see codes.seeded)."""
    body = codes.digits(RANDOM_DIGITS)
    return body + check_digit(body)


def has_valid_check(ticket: str) -> bool:
    return len(ticket) == LENGTH and ticket.isascii() and ticket.isdigit() and _interim(ticket) == 0


def is_legacy(ticket: str) -> bool:
    """yymmdd + 3 digits (4 for the one 1000th report a day could reach), on a real past day."""
    if not (ticket.isascii() and ticket.isdigit() and len(ticket) in (9, 10)):
        return False
    try:
        day = dt.datetime.strptime(ticket[:6], "%y%m%d").date()
    except ValueError:
        return False
    return dt.date(2020, 1, 1) <= day <= clock.today()


def looks_like_ticket(digits: str) -> bool:
    return has_valid_check(digits) or is_legacy(digits)


def parse(typed: str) -> str:
    """What a resident typed ('123 456 786', full-width digits, dashes) -> the stored ticket, or a
    ValidationError that says what is wrong. No database is read here."""
    s = unicodedata.normalize("NFKC", str(typed or ""))
    s = "".join(ch for ch in s if ch not in _TYPED_SEPARATORS)
    if not s:
        raise ValidationError(_("Type the ticket number first."), "ticket")
    if not looks_like_ticket(s):
        raise ValidationError(_("That ticket number has a typo: please check every digit."), "ticket")
    return s


def show(ticket: str) -> str:
    """Grouped by three for reading aloud and typing: '123 456 786'."""
    return " ".join(ticket[i:i + 3] for i in range(0, len(ticket), 3))
