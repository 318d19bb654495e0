"""Reports as residents may see them: what, where (building, unit, floor; never a room), a masked
phone, and the public status trail of a ticket."""

from __future__ import annotations

import datetime as dt

from rich.table import Table
from rich.text import Text

from kiosk.domain import reports
from kiosk.i18n import N_, _

# "Received" means money received elsewhere on these screens: a new report reads "submitted".
STATUS_LABELS = {"new": N_("Submitted")}


def status_label(status: str) -> str:
    return _(STATUS_LABELS[status]) if status in STATUS_LABELS else reports.status_label(status)
from kiosk.render.dates import day_time
from kiosk.render.safe import inert, one_line


def place_text(building: str, unit: str = "", floor: int | None = None) -> str:
    text = one_line(building) + one_line(unit)
    if floor is not None:
        text += _("floor {n}").format(n=floor) if text else ""
    return text


def masked_phone(phone: str) -> str:
    """138****5678: enough for the resident to recognise, not enough for a passer-by."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def default_description(category: str, place: str) -> str:
    """What a keypad-only resident files: the category and the place they chose."""
    return f"{place}: {reports.category_label(category)}" if place else reports.category_label(category)


def status_text(status: str) -> Text:
    style = {"new": "bold yellow", "accepted": "bold cyan", "in_progress": "bold cyan", "resolved": "bold green",
             "closed": "bold green", "rejected": "bold red", "merged": "bold"}.get(status, "bold")
    return Text(status_label(status), style=style)


def trail_table(trail: reports.PublicTrail, today: dt.date) -> Table:
    table = Table(box=None, expand=True, pad_edge=False, show_header=False)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for step in trail.steps:
        table.add_row(day_time(step.at, today), status_text(step.status), Text(inert(step.note)))
    return table
