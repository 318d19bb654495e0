"""Choices several forms share."""

from __future__ import annotations

from textual.widgets import Select

from kiosk.domain import estates
from kiosk.domain.errors import ValidationError
from kiosk.i18n import _
from kiosk.screens.admin.form import select


def estate_select() -> Select:
    """The `estate` field of a form that creates a record: no estate is chosen for the user. Its
    choices come with the form's read (`estate_choices`)."""
    return select("estate", [], blank=True)


def estate_choices() -> list[tuple[str, int]]:
    """The estates to choose from (a read: in the form's worker)."""
    return [(e.name, e.id) for e in estates.list_estates()]


def chosen_estate(form) -> int:
    """The estate chosen in `form`'s estate_select(); refused at the field when none is."""
    estate = form.choice("estate")
    if estate is None:
        raise ValidationError(_("Choose an estate."), "estate")
    return int(estate)
