"""Reports as residents may see them: what, where (building, unit, floor; never a room), a masked
phone, the ticket grouped for reading, and the public status trail of a ticket."""

from __future__ import annotations

import datetime as dt

from rich.table import Table
from rich.text import Text

from kiosk.domain import reports, tickets
from kiosk.i18n import N_, _
from kiosk.render.address import address
from kiosk.render.dates import day_time
from kiosk.render.safe import inert, one_line

# "Received" means money received elsewhere on these screens: a new report reads "submitted".
STATUS_LABELS = {"new": N_("Submitted")}
# The note of the description step: what a resident types there is never public.
DESCRIPTION_PRIVATE = N_("Only staff read what you write here; it is never shown in public.")


def status_label(status: str) -> str:
    return _(STATUS_LABELS[status]) if status in STATUS_LABELS else reports.status_label(status)


def ticket_text(ticket: str) -> str:
    """'123 456 786': grouped, as residents read it aloud and type it."""
    return tickets.show(ticket)


place_text = address  # where a report is: building, unit, floor (never a room)


def masked_phone(phone: str) -> str:
    """138****5678: enough for the resident to recognise, not enough for a passer-by."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def default_description(category: str, place: str) -> str:
    """What a keypad-only resident files: the category and the place they chose."""
    what = reports.category_label(category)
    return _("{place}: {what}").format(place=place, what=what) if place else what


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
