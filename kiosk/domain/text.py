"""Validation of text that people type. Text is stored as typed (it is data, never markup);
what is refused is only what cannot be meaningful: control characters in one-line fields,
over-long input, empty required fields.
"""

from __future__ import annotations

import unicodedata

from kiosk.domain.errors import ValidationError
from kiosk.i18n import _


def _has_controls(s: str, allow_newlines: bool) -> bool:
    for ch in s:
        if ch in "\n\t" and allow_newlines:
            continue
        if unicodedata.category(ch) == "Cc":
            return True
    return False


def _check_encodable(s: str, field: str) -> None:
    """Lone surrogates (bytes that were not UTF-8, e.g. in a command-line argument) cannot be
    stored: refuse them here with a message instead of failing deep in the database driver."""
    if any(unicodedata.category(ch) == "Cs" for ch in s):
        raise ValidationError(_("This text contains broken characters (not valid UTF-8)."), field)


def _clean(s: str, *, field: str, limit: int, required: bool, allow_newlines: bool) -> str:
    if required and not s:
        raise ValidationError(_("This field is required."), field)
    if len(s) > limit:
        raise ValidationError(_("Too long: at most {limit} characters (got {n}).").format(limit=limit, n=len(s)), field)
    if _has_controls(s, allow_newlines=allow_newlines):
        raise ValidationError(_("Control characters are not allowed here."), field)
    _check_encodable(s, field)
    return s


def clean_line(value: str | None, *, field: str, limit: int, required: bool = True) -> str:
    return _clean((value or "").strip(), field=field, limit=limit, required=required, allow_newlines=False)


def clean_text(value: str | None, *, field: str, limit: int, required: bool = True) -> str:
    s = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return _clean(s, field=field, limit=limit, required=required, allow_newlines=True)
