"""PostgreSQL's COPY text, built a column at a time, is what writing each value on its own gives."""

from __future__ import annotations

import datetime as dt

from kiosk.db import backend


def _value_by_value(rows) -> str:
    return "".join("\t".join(map(backend._copy_text, row)) + "\n" for row in rows)


def test_columns_of_every_kind_give_the_same_text():
    rows = [
        (1, True, "a\tb", 1.5, dt.date(2026, 1, 1), None, "业主", dt.datetime(2026, 12, 6, 9, 0, 0, 5)),
        (2, 1, "c\\d\ne\r", 2, dt.datetime(2026, 1, 1), "x", "业主", dt.datetime(2026, 12, 6, 9, 0, 0, 5)),
        (3, False, "", None, None, 0, "业主", None),
    ]
    assert backend.copy_text(rows) == _value_by_value(rows)
    # A column of True and 1 keeps them apart ("t" and "1"), and plain columns pass untouched.
    assert backend.copy_text(rows).splitlines()[1].split("\t")[1] == "1"
    plain = [(i, f"名{i}", None, dt.date(2026, 1, 1 + i % 28)) for i in range(100)]
    assert backend.copy_text(plain) == _value_by_value(plain)
    assert backend.copy_text([]) == ""
