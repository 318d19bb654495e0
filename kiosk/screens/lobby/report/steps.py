"""The order of the report-a-problem steps, in one place:
category -> building -> unit (indoors) -> floor (where it helps) -> "me too" (when the same problem
is already open in that building) -> description -> phone -> confirm -> ticket."""

from __future__ import annotations

from kiosk.domain import reports


def after_place(app, step: str):
    """The screen after the building/unit/floor step `step`."""
    from kiosk.screens.lobby.place_pick import PlacePickScreen

    draft = app.report_draft
    if step == "building" and draft.needs_unit:
        return PlacePickScreen("report", "unit")
    if step in ("building", "unit") and draft.needs_floor and draft.place.unit_id is not None:
        return PlacePickScreen("report", "floor")
    similar = reports.similar_open(app.estate.id, draft.category, draft.place.building_id)
    if similar:
        from kiosk.screens.lobby.report.me_too import MeTooScreen

        return MeTooScreen()
    return describe()


def describe():
    from kiosk.screens.lobby.report.description import DescriptionScreen

    return DescriptionScreen()


def phone():
    from kiosk.screens.lobby.report.phone import PhoneScreen

    return PhoneScreen()


def confirm():
    from kiosk.screens.lobby.report.confirm import ReportConfirmScreen

    return ReportConfirmScreen()
