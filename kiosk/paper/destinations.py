"""Where a printed document goes from the console: one of the box's printers (CUPS), or the
office folder when the settings name one. One call sends it and returns the line staff read."""

from __future__ import annotations

import dataclasses

from kiosk.config import Settings
from kiosk.i18n import _
from kiosk.paper import office_folder, printers


@dataclasses.dataclass(frozen=True)
class Destination:
    printer: str | None  # the printer's name; None: the office folder
    label: str  # what staff read (a printer's description may be Chinese)
    state: str  # printers.IDLE / PRINTING / STOPPED; the folder is always IDLE
    reason: str = ""


@dataclasses.dataclass(frozen=True)
class Choices:
    destinations: list[Destination]
    problem: str  # why there are no printers (print service missing or stopped), or ""


def available(settings: Settings) -> Choices:
    """The printers (the default first), then the office folder; a print service that cannot be
    reached is said in `problem`, and the folder is still offered."""
    found, problem = [], ""
    try:
        listed = sorted(printers.list_printers(), key=lambda p: not p.default)
        found = [Destination(p.name, p.label, p.state, p.reason) for p in listed]
    except printers.PrintingError as exc:
        problem = str(exc)
    if settings.office_folder.strip():
        found.append(Destination(None, _("Save to the office folder ({folder})").format(folder=settings.office_folder), printers.IDLE))
    if not found and not problem:
        problem = _("No printers are set up on this box (see docs/printing.md).")
    elif not found:
        # Nowhere to print: say what staff can do about it, not an empty list.
        problem += " " + _("Start the print service, or set office_folder in the settings file.")
    return Choices(found, problem)


def send(destination: Destination, pdf: bytes, title: str, settings: Settings) -> str:
    """Print or save `pdf`; the one line that says where it went (the job number, the file)."""
    if destination.printer is None:
        path = office_folder.save(settings.office_folder, title, pdf)
        return _("Saved to the office folder as {file}.").format(file=path)
    job = printers.submit(destination.printer, pdf, title)
    return _("Sent to printer {printer}: job {job}.").format(printer=destination.printer, job=job)
