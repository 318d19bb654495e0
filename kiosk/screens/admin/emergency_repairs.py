"""应急维修: emergency repairs from the maintenance fund. The list (newest first), and three steps,
each its own small form: start one (its situation and the buildings or units it serves), record
its cost once repaired (shared by floor area), begin its disclosure to residents for some days."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label

from kiosk import clock
from kiosk.domain import emergency, estates
from kiosk.domain.errors import ValidationError
from kiosk.domain.money import area_text, yuan
from kiosk.i18n import N_, _, ngettext
from kiosk.render.safe import inert, one_line
from kiosk.screens.admin import parse
from kiosk.screens.admin.choices import chosen_estate, estate_choices, estate_select
from kiosk.screens.admin.form import field, select, text_input
from kiosk.screens.admin.keys import list_bindings
from kiosk.screens.admin.list_screen import ListScreen
from kiosk.screens.admin.record_form import RecordForm
from kiosk.screens.admin.table import Row


def stage(r: emergency.RepairInfo) -> str:
    if r.disclosed_at is not None:
        return _("Disclosed until {day}").format(day=parse.show_day(r.disclose_until))
    return _("Cost recorded") if r.costed else _("Started")


class EmergencyRepairsScreen(ListScreen):
    TITLE_ID = N_("Emergency repairs")
    BINDINGS = list_bindings(Binding("n", "new", N_("New")), Binding("c", "cost", N_("Cost")),
                             Binding("d", "disclose", N_("Disclose")), enter=N_("Cost"))
    COLUMNS = (N_("Found"), N_("Estate"), N_("Title"), N_("Situation"), N_("Cost"), N_("Households"), N_("Stage"))
    TABLE_ID = "repairs"
    DETAIL_ID = "repair-detail"
    CHOOSE_FIRST = N_("Choose a repair in the list first.")

    def load(self) -> list[emergency.RepairInfo]:
        self.names = {e.id: e.name for e in estates.list_estates()}
        return emergency.list_repairs()

    def row(self, r: emergency.RepairInfo) -> Row:
        return Row(r.id, (parse.show_day(r.found_on), self.names.get(r.estate_id, ""), r.title, r.situation_label,
                          yuan(r.cost_fen) if r.costed else "—", str(r.households), stage(r)),
                   limits=(None, 10, 14, 10, None, None, 14))

    def detail(self, r: emergency.RepairInfo) -> Text:
        text = Text(inert(r.title), style="bold")
        text.append("  " + r.situation_label)
        text.append("\n" + _("Found on") + " " + parse.show_day(r.found_on))
        if r.costed:
            text.append("  " + _("Repaired on") + " " + parse.show_day(r.repaired_on) + "  " + _("Cost") + " "
                        + yuan(r.cost_fen))
        text.append("\n" + ngettext("{n} household, {area} m² in all", "{n} households, {area} m² in all",
                                      r.households).format(n=r.households, area=area_text(r.area_cm2)))
        text.append("  " + stage(r))
        return text

    def action_new(self) -> None:
        self.open_form(StartForm(None))

    def enter(self, r: emergency.RepairInfo) -> None:
        self.action_cost()

    def action_cost(self) -> None:
        r = self.selected()
        if r is None:
            return
        if r.disclosed_at is not None:
            self.say(_("This repair is already disclosed: its cost can no longer change."), error=True)
            return
        self.open_form(CostForm(r))

    def action_disclose(self) -> None:
        r = self.selected()
        if r is None:
            return
        if r.disclosed_at is not None:
            self.say(_("This repair is already disclosed."), error=True)
            return
        if not r.costed:
            self.say(_("Record the repair's cost before disclosing it."), error=True)
            return
        self.open_form(DiscloseForm(r))


def _repair_line(r: emergency.RepairInfo) -> Label:
    return Label(Text(f"{one_line(r.title)}  {r.situation_label}"), markup=False)


class StartForm(RecordForm):
    TITLES = (N_("New emergency repair"), N_("New emergency repair"))
    FIRST = "estate"

    def read(self):
        return {"estate": estate_choices()}

    def fields(self) -> ComposeResult:
        yield field(_("Estate"), estate_select())
        yield field(_("Situation"), select("situation", [(emergency.situation_label(k), k) for k in emergency.SITUATIONS],
                                           blank=True))
        yield field(_("Title"), text_input("title", max_length=80))
        yield field(_("Found on"), text_input("found_on", parse.show_day(clock.today())))
        yield field(_("Serves"), text_input("served", placeholder=_("e.g. 3号楼, 5号楼/2单元"), max_length=200))
        yield field(_("Description"), text_input("description", max_length=400))

    def submit(self) -> emergency.RepairInfo:
        estate = chosen_estate(self)
        situation = self.choice("situation")
        if situation is None:
            raise ValidationError(_("Choose the situation."), "situation")
        found_on = parse.day(self.value("found_on"), "found_on")
        served = emergency.parse_served(estate, self.value("served"))
        return emergency.start(self.actor, estate, situation, self.value("title"), found_on,
                               description=self.value("description"), **served)


class CostForm(RecordForm):
    TITLES = (N_("Repair cost"), N_("Repair cost"))
    FIRST = "cost"

    def fields(self) -> ComposeResult:
        r = self.record
        yield field(_("Repair"), _repair_line(r))
        yield field(_("Cost (yuan)"), text_input("cost", parse.show_amount(r.cost_fen) if r.costed else ""))
        yield field(_("Repaired on"), text_input("repaired_on", parse.show_day(r.repaired_on or clock.today())))
        yield field("", Label(Text(_("Shared by floor area among {n} households ({area} m²).").format(
            n=self.record.households, area=area_text(self.record.area_cm2))), markup=False))

    def submit(self) -> emergency.RepairInfo:
        cost = parse.amount(self.value("cost"), "cost")
        return emergency.record_cost(self.actor, self.record.id, cost, parse.day(self.value("repaired_on"), "repaired_on"))


class DiscloseForm(RecordForm):
    TITLES = (N_("Disclose to residents"), N_("Disclose to residents"))
    FIRST = "days"

    def fields(self) -> ComposeResult:
        yield field(_("Repair"), _repair_line(self.record))
        yield field(_("Days shown"), text_input("days", str(emergency.DEFAULT_DAYS)))
        yield field("", Label(Text(_("From today on the kiosk, the TV and the phone pages; the cost can no longer "
                                     "change.")), markup=False))

    def submit(self) -> emergency.RepairInfo:
        days = parse.whole(self.value("days"), "days", low=1, high=emergency.MAX_DAYS)
        return emergency.disclose(self.actor, self.record.id, days)
