"""Household codes (户码): issue the slips of an estate's households that have none, or a new one
for a household that lost its slip (the old code stops working). Each code is shown here once,
for the slip, and never again: only its hash is kept."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from kiosk.domain import codes, estates, household_codes
from kiosk.domain.errors import DomainError
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.admin.base import AdminScreen


class HouseholdCodesScreen(AdminScreen):
    TITLE_ID = N_("Household codes")
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back")),
        Binding("e", "next_estate", N_("Next estate")),
        Binding("i", "issue_missing", N_("Issue missing codes")),
        Binding("r", "reissue", N_("New code for this household")),
        Binding("p", "print_slips", N_("Print code slips")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.estate_index = 0
        self.shown_estate = None  # the estate whose households are shown

    def compose_body(self) -> ComposeResult:
        yield Static("", id="estate", markup=False)
        table = DataTable(id="households", cursor_type="row", zebra_stripes=True)
        table.add_columns(_("Household"), _("Code issued"))
        yield table
        with VerticalScroll(id="slips-box"):
            yield Static("", id="slips", markup=False)

    def on_mount(self) -> None:
        box = self.query_one("#slips-box")
        box.display = False
        box.styles.height, box.styles.max_height = "auto", "50%"  # the codes stay in view under the list
        self.query_one(DataTable).styles.height = "1fr"
        self.query_one(DataTable).focus()

    def read(self):
        """The estate shown (the estates in turn, by `estate_index`) and its households' codes."""
        found = estates.list_estates()
        estate = found[self.estate_index % len(found)] if found else None
        return estate, household_codes.states(estate.id) if estate is not None else []

    def show(self, data) -> None:
        self.shown_estate = estate = data[0]
        rows = data[1]
        table = self.query_one(DataTable)
        table.clear()
        if estate is None:
            return
        missing = sum(1 for s in rows if s.issued_at is None)
        self.query_one("#estate", Static).update(Text(_("{estate}: {n} households without a code").format(
            estate=one_line(estate.name), n=missing), style="bold"))
        for s in rows:
            table.add_row(one_line(s.building + s.unit + s.room),
                          s.issued_at.strftime("%Y-%m-%d %H:%M") if s.issued_at else _("none"), key=str(s.household_id))

    def action_next_estate(self) -> None:
        self.estate_index += 1
        self.show_slips([])
        self.reload()

    def show_slips(self, slips: list[household_codes.Slip]) -> None:
        """Shown once, until the screen is left or another action is taken: copy them to the slips."""
        box = self.query_one("#slips-box")
        box.display = bool(slips)
        text = Text(_("Write each code on its household's slip now; it is not shown again.") + "\n", style="bold")
        for s in slips:
            text.append(f"{one_line(s.label)}  ")
            text.append(codes.show(s.code) + "\n", style="bold reverse")
        self.query_one("#slips", Static).update(text if slips else Text(""))

    def _issue(self, **kwargs) -> None:
        estate = self.shown_estate
        if estate is None:
            return
        try:
            slips = household_codes.issue(self.actor, estate.id, **kwargs)
        except DomainError as exc:
            self.say(str(exc), error=True)
            return
        self.reload()
        self.show_slips(slips)
        self.say(_("Issued {n} household codes.").format(n=len(slips)))

    def action_issue_missing(self) -> None:
        self._issue()

    def action_print_slips(self) -> None:
        """Issue the missing codes as their slips print (the Print section's dialog)."""
        from kiosk.paper import catalog
        from kiosk.screens.admin.printing import PrintDialog

        estate = self.shown_estate
        if estate is not None:
            self.app.push_screen(PrintDialog(catalog.printable("household-slips", estate.id, estate.name)))

    def action_reissue(self) -> None:
        from kiosk.screens.admin.dialogs import ConfirmDialog

        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        household_id = int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        label = table.get_row_at(table.cursor_row)[0]

        def answered(yes: bool | None) -> None:
            if yes:
                self._issue(household_id=household_id)

        self.app.push_screen(ConfirmDialog(_("Give {household} a new code? Its old slip stops working.").format(
            household=label)), answered)

    def on_screen_suspend(self) -> None:
        self.show_slips([])  # leaving the screen forgets the codes shown
