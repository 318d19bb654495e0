"""The daily disclosure as residents name it: a short number and a date (公示第997号（12月6日）).

The number is the audit chain's entry count when the figures were read; the 64-character hash it
stands for is printed by `kiosk export report` and on the paper copy, for whoever checks."""

from __future__ import annotations

import datetime as dt

from kiosk.i18n import _
from kiosk.render import dates


def reference(seq: int, on: dt.date) -> str:
    return _("Disclosure No. {seq} ({day})").format(seq=seq, day=dates.day(on))
