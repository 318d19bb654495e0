"""One vote's count for staff: participation, per option households/owners/area, the outcome.
While the vote is open this is the staff's view only; residents see results once it is closed."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from kiosk.domain import votes
from kiosk.i18n import N_, _
from kiosk.render import quorum, votes as render
from kiosk.screens.admin.base import AdminScreen


class TallyScreen(AdminScreen):
    TITLE_ID = N_("Vote count")
    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back")), Binding("p", "print_result", N_("Print the result 公示"))]

    def __init__(self, poll_id: int) -> None:
        super().__init__()
        self.poll_id = poll_id

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(classes="form-body", id="tally-scroll"):
            yield Static("", id="tally", markup=False)

    def on_mount(self) -> None:
        self.query_one("#tally-scroll").focus()

    def read(self):
        return votes.get_poll(self.poll_id), votes.tally(self.poll_id)

    def show(self, data) -> None:
        p, t = data
        parts = [quorum.poll_heading(p), Text("")]
        if t.state != "closed":
            parts.append(Text(_("Staff view: the count so far (public only after closing)."), style="italic"))
        width = max(30, min(self.size.width - 4, 100))
        parts.append(render.results(t, width, title=False))
        self.query_one("#tally", Static).update(Group(*parts))

    def action_print_result(self) -> None:
        """A closed vote's result 公示 for the notice board (the Print section's dialog)."""
        from kiosk.paper import catalog
        from kiosk.screens.admin.printing import PrintDialog

        if self.data is None:
            return
        p, t = self.data
        if t.state != "closed":
            self.say(_("The result is posted once the vote is closed."), error=True)
            return
        self.app.push_screen(PrintDialog(catalog.printable("vote-result", p.id, f"{p.estate} {p.title}")))
