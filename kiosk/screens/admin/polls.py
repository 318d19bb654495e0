"""Admin: household votes — list, create, enter paper and proxy ballots, see the count, close.

Wire it in with `app.push_screen(PollsScreen(actor=staff_username))`. Every change goes through
kiosk.domain.votes (audited, one ballot per household enforced by the database).
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from kiosk.domain import votes
from kiosk.i18n import _
from kiosk.render import votes as render
from kiosk.render.safe import one_line


class PollsScreen(Screen):
    DEFAULT_CSS = """
    PollsScreen { padding: 0 1; }
    PollsScreen .title { text-style: bold; height: 1; }
    PollsScreen DataTable { height: 1fr; min-height: 5; }
    PollsScreen #detail { height: 2fr; border-top: solid $primary; }
    PollsScreen .keys { height: auto; color: $text-muted; }
    """

    BINDINGS = [
        Binding("n", "new", show=False),
        Binding("p", "ballot", show=False),
        Binding("c", "close_poll", show=False),
        Binding("r", "reload", show=False),
        Binding("escape", "back", show=False),
    ]

    def __init__(self, actor: str, estate_id: int | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.actor = actor
        self.estate_id = estate_id
        self.polls: list[votes.PollInfo] = []

    def compose(self) -> ComposeResult:
        yield Static(_("Household votes"), classes="title")
        yield DataTable(id="polls", cursor_type="row", zebra_stripes=True)
        yield VerticalScroll(Static("", id="tally"), id="detail")
        yield Static(_("n new vote   p enter a paper/proxy ballot   c close   r reload   Esc back"), classes="keys")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("No."), _("Title"), _("Status"), _("Ballots"), _("Closes"), _("Matter"), _("Estate"))
        self.action_reload()
        table.focus()

    def action_reload(self) -> None:
        table = self.query_one(DataTable)
        keep = self.selected()
        self.polls = votes.list_polls(self.estate_id)
        table.clear()
        for p in self.polls:
            closes = f"{p.closes_at:%Y-%m-%d %H:%M}" if p.closes_at else "-"
            table.add_row(str(p.id), Text(one_line(p.title, 30)), votes.state_label(p.state(), short=True),
                          str(votes.ballot_count(p.id)), closes, _("major") if p.matter == "major" else _("ordinary"),
                          Text(one_line(p.estate, 12)), key=str(p.id))
        if keep is not None and any(p.id == keep.id for p in self.polls):
            table.move_cursor(row=[p.id for p in self.polls].index(keep.id))
        self.show_tally()

    def selected(self) -> votes.PollInfo | None:
        table = self.query_one(DataTable)
        if not self.polls or table.cursor_row is None or not 0 <= table.cursor_row < len(self.polls):
            return None
        return self.polls[table.cursor_row]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_tally()

    def show_tally(self) -> None:
        body = self.query_one("#tally", Static)
        p = self.selected()
        if p is None:
            body.update(Text(_("No votes yet: press n to create one.")))
            return
        t = votes.tally(p.id)
        width = max(30, min(self.size.width - 4, 100))
        head = Text(_("Staff view: the count so far (public only after closing)."), style="italic") if t.state != "closed" else Text("")
        body.update(Group(head, render.poll_heading(p), render.results(t, width, title=False)))

    def action_new(self) -> None:
        from kiosk.screens.admin.poll_form import NewPollScreen

        self.app.push_screen(NewPollScreen(self.actor, self.estate_id), lambda _r: self.action_reload())

    def action_ballot(self) -> None:
        p = self.selected()
        if p is None:
            return
        if p.state() not in ("open", "counting"):
            self.notify(_("This vote does not take ballots now ({state}).").format(state=votes.state_label(p.state())),
                        severity="warning", markup=False)
            return
        from kiosk.screens.admin.paper_ballot import PaperBallotScreen

        self.app.push_screen(PaperBallotScreen(self.actor, p.id), lambda _r: self.action_reload())

    def action_close_poll(self) -> None:
        p = self.selected()
        if p is None or p.state() == "closed":
            return
        from kiosk.screens.admin.poll_close import ClosePollScreen

        self.app.push_screen(ClosePollScreen(self.actor, p.id), lambda _r: self.action_reload())

    def action_back(self) -> None:
        self.dismiss()
