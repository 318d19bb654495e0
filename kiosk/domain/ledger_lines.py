"""An entry's two digest lines (ledger.digest_line and ledger.detail_line) already encoded, in
the exact bytes `audit.canonical(list(line))` gives, written in their fixed layout.

The import writes them for every row it adds and `kiosk verify` recomputes them from the stored
columns: through the encoder they were most of verify's time on a large import. Strings are
quoted by the encoder's own function and whole numbers written by int's own repr, as the encoder
does; a value of any other type (a tampered column) takes the encoder itself, so it gives the
bytes the encoder gives and never the same line for a different value.
"""

from __future__ import annotations

from kiosk.domain import audit, ledger

_quote = audit.quote_json  # raises TypeError for anything but a str
_int = int.__repr__  # raises TypeError for anything but an int


def _encoded(values: tuple) -> str:
    """The slow path: each value through the canonical encoder (a list's items are joined by ',')."""
    return "[" + ",".join(map(audit.canonical, values)) + "]"


def digest_json(cid, project, source, amount_fen, household, contributor, receipt_no, created_status) -> str:
    """canonical(list(ledger.digest_line(entry)))."""
    try:
        return (f"[{_int(cid)},{_int(project)},{_quote(source)},{_int(amount_fen)},"
                f"{'null' if household is None else _int(household)},{_quote(contributor)},"
                f"{'null' if receipt_no is None else _quote(receipt_no)},{_quote(created_status)}]")
    except TypeError:
        return _encoded((cid, project, source, amount_fen, household, contributor, receipt_no, created_status))


def when_json(value) -> str:
    """A date or time as a detail line holds it (ledger._iso), encoded."""
    return "null" if value is None else audit.canonical(ledger._iso(value))


def detail_json(cid, pledged_json: str, received_json: str, note, idempotency_key, created_json: str) -> str:
    """canonical(list(ledger.detail_line(entry))), its three dates given by `when_json` (a file
    or a ledger holds few distinct ones: callers keep them). `received_json` is "null" for an
    entry created as a pledge."""
    try:
        return (f"[{_int(cid)},{pledged_json},{received_json},{_quote(note)},"
                f"{'null' if idempotency_key is None else _quote(idempotency_key)},{created_json}]")
    except TypeError:
        return ("[" + ",".join((audit.canonical(cid), pledged_json, received_json, audit.canonical(note),
                                audit.canonical(idempotency_key), created_json)) + "]")
