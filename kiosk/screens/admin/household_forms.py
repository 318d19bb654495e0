"""The register's forms: add a flat, correct one, transfer one to a new owner (after a yes to what
the transfer revokes). Buildings, units and the "same owner as" flat are typed as people type
them; the domain (kiosk.domain.households) checks and writes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk import clock
from kiosk.domain import households
from kiosk.domain.errors import DomainError, ValidationError
from kiosk.domain.money import area_text, parse_area
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.admin import parse
from kiosk.screens.admin.form import field, text_input
from kiosk.screens.admin.households import where
from kiosk.screens.admin.record_form import RecordForm

FLOOR_LOW, FLOOR_HIGH = households.FLOORS.start, households.FLOORS.stop - 1


def _floor(text: str) -> int:
    s = text.strip()
    negative = s.startswith("-")
    n = parse.whole(s[1:] if negative else s, "floor", low=0, high=FLOOR_HIGH)
    return -n if negative else n


def _area(text: str) -> int:
    try:
        return parse_area(text)
    except ValidationError as exc:
        raise ValidationError(str(exc), "area_m2") from None


class _Register(RecordForm):
    def same_owner(self, estate_id: int) -> int | None:
        """The flat typed in "same owner as" (its id), or None when left empty."""
        typed = self.value("same_owner").strip()
        if not typed:
            return None
        try:
            return households.find_text(estate_id, typed).id
        except DomainError as exc:
            raise ValidationError(str(exc), "same_owner") from None


class AddForm(_Register):
    TITLES = (N_("Add a household"), N_("Add a household"))
    FIRST = "building"

    def __init__(self, estate_id: int) -> None:
        super().__init__()
        self.estate_id = estate_id

    def fields(self) -> ComposeResult:
        yield field(_("Building"), text_input("building", placeholder=_("e.g. 3 or 3号楼"), max_length=40))
        yield field(_("Unit"), text_input("unit", placeholder=_("e.g. 1 or 一单元"), max_length=40))
        yield field(_("Room"), text_input("room", max_length=20))
        yield field(_("Floor"), text_input("floor", max_length=3))
        yield field(_("Area m²"), text_input("area_m2", placeholder="86.5", max_length=12))
        yield field(_("Owner"), text_input("owner_name", max_length=60))
        yield field(_("Phone"), text_input("phone", max_length=20))
        yield field(_("Same owner as"), text_input("same_owner", placeholder=_("another flat of this owner (optional)"),
                                                   max_length=40))

    def submit(self) -> households.HouseholdInfo:
        return households.add(self.actor, self.estate_id, building=self.value("building"), unit=self.value("unit"),
                              room=self.value("room"), floor=_floor(self.value("floor")), area_cm2=_area(self.value("area_m2")),
                              owner_name=self.value("owner_name"), phone=self.value("phone"),
                              same_owner_as=self.same_owner(self.estate_id))


class CorrectForm(_Register):
    """Corrections of the same owner's record; a new owner is a transfer."""

    TITLES = (N_("Correct a household"), N_("Correct a household"))
    FIRST = "area_m2"

    @property
    def household(self) -> households.HouseholdInfo:
        return self.record

    def fields(self) -> ComposeResult:
        h = self.household
        yield Static(Text(where(h), style="bold"), markup=False)
        yield field(_("Floor"), text_input("floor", str(h.floor), max_length=3))
        yield field(_("Area m²"), text_input("area_m2", area_text(h.area_cm2), max_length=12))
        yield field(_("Owner"), text_input("owner_name", h.owner_name, max_length=60))
        yield field(_("Phone"), text_input("phone", h.phone, max_length=20))
        yield field(_("Same owner as"), text_input("same_owner", placeholder=_("another flat of this owner (optional)"),
                                                   max_length=40))
        yield field(_("Why"), text_input("reason", placeholder=_("e.g. area from the property deed"), max_length=100))

    def submit(self) -> households.HouseholdInfo | None:
        h = self.household
        info, changed = households.correct(
            self.actor, h.id, floor=_floor(self.value("floor")), area_cm2=_area(self.value("area_m2")),
            owner_name=self.value("owner_name"), phone=self.value("phone"), same_owner_as=self.same_owner(h.estate_id),
            reason=self.value("reason"))
        if not changed:
            self.app.notify(_("Nothing changed: nothing was saved."), markup=False)
            return None
        return info


class TransferForm(_Register):
    TITLES = (N_("Transfer to a new owner"), N_("Transfer to a new owner"))
    FIRST = "owner_name"

    @property
    def household(self) -> households.HouseholdInfo:
        return self.record

    def fields(self) -> ComposeResult:
        h = self.household
        yield Static(Text(where(h) + "  " + _("now owned by {name}").format(name=one_line(h.owner_name or _("(none)"))),
                          style="bold"), markup=False)
        yield field(_("New owner"), text_input("owner_name", max_length=60))
        yield field(_("Phone"), text_input("phone", max_length=20))
        yield field(_("Transfer date"), text_input("on", parse.show_day(clock.today()), max_length=10))
        yield field(_("Same owner as"), text_input("same_owner", placeholder=_("another flat of the new owner (optional)"),
                                                   max_length=40))
        yield field(_("Why"), text_input("reason", placeholder=_("e.g. sale, inheritance"), max_length=100))
        yield Static(Text(_("The household's code, its unused vote codes and its plan statement codes stop working: "
                            "give the new owner new slips. Ballots already cast stay; consent and hardship in open "
                            "plans go back to undecided."), style="dim"), markup=False)

    def submit(self) -> households.HouseholdInfo:
        h = self.household
        return households.transfer(self.actor, h.id, owner_name=self.value("owner_name"), phone=self.value("phone"),
                                   on=parse.day(self.value("on"), "on"), same_owner_as=self.same_owner(h.estate_id),
                                   reason=self.value("reason"))

    def action_save(self) -> None:
        """Asks first: a transfer revokes the old owner's slips."""
        from kiosk.screens.admin.dialogs import ConfirmDialog

        self.clear_errors()
        if not self.value("owner_name").strip():
            self.show_error(ValidationError(_("This field is required."), "owner_name"))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                super(TransferForm, self).action_save()

        self.app.push_screen(ConfirmDialog(_("Transfer {where} from {old} to {new}? The old owner's slips stop working.").format(
            where=where(self.household), old=one_line(self.household.owner_name or _("(none)")),
            new=one_line(self.value("owner_name")))), answered)
