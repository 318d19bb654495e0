"""The household register (业主名册): an estate's flats with their owners, narrowed to a building
and unit typed as people type them ("3 1", "三号楼 一单元"); from here staff add a flat, correct
its area or owner, transfer it to a new owner, read its history, import a file already on the
box, and keep the 一户一策 plans. Every change goes through kiosk.domain.households."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Select, Static

from kiosk.domain import address, estates, households
from kiosk.domain.errors import DomainError
from kiosk.domain.money import area_text
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.admin.base import AdminScreen
from kiosk.screens.admin.form import select, select_value, set_choices, text_input
from kiosk.screens.admin.keys import list_bindings
from kiosk.screens.admin.list_screen import ListScreen
from kiosk.screens.admin.table import Row


def where(h: households.HouseholdInfo) -> str:
    return one_line(f"{h.building} {h.unit} {h.room}")


class HouseholdsScreen(ListScreen):
    TITLE_ID = N_("Household register")
    BINDINGS = list_bindings(
        Binding("n", "new", N_("Add")),
        Binding("c", "correct", N_("Correct")),
        Binding("t", "transfer", N_("Transfer")),
        Binding("f", "find", N_("Find")),
        Binding("i", "imports", N_("Import")),
        Binding("p", "plans", N_("Plans")),
        enter=N_("History"),
    )
    COLUMNS = (N_("Building"), N_("Unit"), N_("Room"), N_("Floor"), N_("Area m²"), N_("Owner"), N_("Phone"))
    TABLE_ID = "households"
    DETAIL_ID = "household-detail"
    CHOOSE_FIRST = N_("Choose a household in the list first.")

    def __init__(self) -> None:
        super().__init__()
        self.estate_list: list[estates.EstateInfo] = []
        self.problem = ""  # why the typed building or unit found nothing (said over the list)
        self.estate_id: int | None = None
        self.listed = self.owners = 0

    def compose_head(self) -> ComposeResult:
        with Horizontal(classes="filters"):
            yield select("estate", [], None)
            yield text_input("find", placeholder=_("Find: building unit room, e.g. 3 1"), max_length=40)
        yield Static("", id="households-head", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#f-find").styles.width = "1fr"

    # ---- reading ------------------------------------------------------------------------------

    def read_filters(self) -> dict | None:
        typed = self.query_one("#f-find", Input).value
        estate = select_value(self.query_one("#f-estate", Select))
        try:
            building, unit, room = address.split(typed)  # a whole flat: 3 1 301, 3-1-301, 3号楼1单元301
            return {"estate": estate, "building": building, "unit": unit, "room": room, "text": ""}
        except DomainError:
            parts = typed.split()  # a building, a building and unit, then any text
        return {"estate": estate, "building": parts[0] if parts else "", "unit": parts[1] if len(parts) > 1 else "",
                "room": "", "text": " ".join(parts[2:])}

    def load(self) -> list[households.HouseholdInfo]:
        f = self.filters
        self.estate_list = estates.list_estates()
        known = {e.id for e in self.estate_list}
        estate_id = f["estate"] if f["estate"] in known else (self.estate_list[0].id if self.estate_list else None)
        self.estate_id = estate_id
        self.problem = ""
        if estate_id is None:
            return []
        try:
            found = households.search(estate_id, f["building"], f["unit"], f["text"], f["room"])
        except DomainError as exc:
            self.problem = str(exc)
            found = households.search(estate_id)
        self.owners = households.owners_count(estate_id)
        self.listed = len(found)
        return found

    def show_head(self) -> None:
        sel = self.query_one("#f-estate", Select)
        set_choices(sel, [(e.name, e.id) for e in self.estate_list])
        if self.estate_id is not None and select_value(sel) != self.estate_id:
            with sel.prevent(Select.Changed):
                sel.value = self.estate_id
        head = self.query_one("#households-head", Static)
        if self.problem:
            head.update(Text(self.problem, style="bold red"))
        elif self.estate_id is None:
            head.update(Text(_("There is no estate yet.")))
        else:
            head.update(Text(_("{n} flats listed, {owners} owners in the estate").format(
                n=self.listed, owners=self.owners), style="dim"))

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.reload()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "f-find":  # found as it is typed (only the newest read is shown)
            event.stop()
            self.reload()

    async def action_enter(self) -> None:
        if getattr(self.focused, "id", None) == "f-find":  # Enter in the find line: go to the list
            self.table.focus()
            return
        await super().action_enter()

    def action_find(self) -> None:
        self.query_one("#f-find", Input).focus()

    def row(self, h: households.HouseholdInfo) -> Row:
        return Row(h.id, (h.building, h.unit, h.room, str(h.floor), area_text(h.area_cm2), h.owner_name, h.phone),
                   limits=(10, 8, 6, None, None, 10, None), extra=h.owner_name)

    def empty_detail(self) -> Text | str:
        return Text(_("No households here: press n to add one, or i to import a file.")) if not self.rows else ""

    def detail(self, h: households.HouseholdInfo) -> Text:
        text = Text(where(h), style="bold")
        text.append("  " + _("floor {n}").format(n=h.floor) + "  " + _("{area} m²").format(area=area_text(h.area_cm2)))
        text.append("\n" + _("Owner: {name}  {phone}").format(name=one_line(h.owner_name or _("(none)")), phone=one_line(h.phone)))
        text.append("\n" + _("Enter: history · c: correct · t: transfer to a new owner"), style="dim")
        return text

    # ---- actions ------------------------------------------------------------------------------

    def enter(self, h: households.HouseholdInfo) -> None:
        self.app.push_screen(HouseholdScreen(h.id))

    def action_new(self) -> None:
        from kiosk.screens.admin.household_forms import AddForm

        if self.estate_id is None:
            self.say(_("There is no estate yet."), error=True)
            return
        self.open_form(AddForm(self.estate_id))

    def action_correct(self) -> None:
        from kiosk.screens.admin.household_forms import CorrectForm

        h = self.selected()
        if h is not None:
            self.open_form(CorrectForm(h))

    def action_transfer(self) -> None:
        from kiosk.screens.admin.household_forms import TransferForm

        h = self.selected()
        if h is not None:
            self.open_form(TransferForm(h))


    def action_imports(self) -> None:
        from kiosk.screens.admin.imports import ImportScreen

        self.app.push_screen(ImportScreen())

    def action_plans(self) -> None:
        from kiosk.screens.admin.plans import PlansScreen

        self.app.push_screen(PlansScreen())


class HouseholdScreen(AdminScreen):
    """One flat: what the register holds and its history in words (read from the audit log)."""

    TITLE_ID = N_("Household")
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back")),
        Binding("c", "correct", N_("Correct")),
        Binding("t", "transfer", N_("Transfer")),
    ]

    def __init__(self, household_id: int) -> None:
        super().__init__()
        self.household_id = household_id
        self.household: households.HouseholdInfo | None = None

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="household-box"):
            yield Static("", id="household", markup=False)
            yield Static("", id="history", markup=False)

    def read(self):
        return households.get(self.household_id), households.history(self.household_id)

    def show(self, data) -> None:
        h, lines = data
        self.household = h
        text = Text(where(h), style="bold")
        text.append("\n" + _("floor {n}").format(n=h.floor) + "  " + _("{area} m²").format(area=area_text(h.area_cm2)))
        text.append("\n" + _("Owner: {name}  {phone}").format(name=one_line(h.owner_name or _("(none)")), phone=one_line(h.phone)))
        self.query_one("#household", Static).update(text)
        out = Text("\n" + _("History") + "\n", style="bold")
        for line in lines:
            out.append(f"{line.at}  {one_line(line.actor, 12)}\n", style="dim")
            out.append("  " + one_line(line.text) + "\n")
        if not lines:
            out.append("  " + _("Nothing recorded on this household yet (imported with its estate).") + "\n", style="dim")
        self.query_one("#history", Static).update(out)

    def _open(self, form) -> None:
        self.app.push_screen(form, lambda result: self.reload() if result is not None else None)

    def action_correct(self) -> None:
        from kiosk.screens.admin.household_forms import CorrectForm

        if self.household is not None:
            self._open(CorrectForm(self.household))

    def action_transfer(self) -> None:
        from kiosk.screens.admin.household_forms import TransferForm

        if self.household is not None:
            self._open(TransferForm(self.household))
