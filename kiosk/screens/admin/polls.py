"""Household votes (业主表决): the list with each poll's state and ballots so far; from here staff
create a poll, print vote-code slips, enter paper and proxy ballots, close a poll and read the
count. Every change goes through kiosk.domain.votes in the signed-in staff member's name."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from kiosk.domain import votes
from kiosk.domain.errors import DomainError
from kiosk.i18n import N_, _
from kiosk.render import quorum as render
from kiosk.render.safe import one_line
from kiosk.screens.admin.base import AdminScreen
from kiosk.screens.admin.table import Row, SearchTable, is_search

TAKES_BALLOTS = ("open", "counting")


class PollsScreen(AdminScreen):
    TITLE_ID = N_("Household votes")
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back")),
        Binding("enter", "tally", N_("Tally"), priority=True, key_display="Enter"),
        Binding("n", "new", N_("New")),
        Binding("b", "ballots", N_("Enter ballots")),
        Binding("s", "slips", N_("Code slips")),
        Binding("c", "close_poll", N_("Close")),
        Binding("slash", "search", N_("Search"), key_display="/"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[int, votes.PollInfo] = {}

    def compose_body(self) -> ComposeResult:
        yield SearchTable([_("ID"), _("Estate"), _("Title"), _("State"), _("Ballots"), _("Closes")], id="polls")
        yield Static("", classes="detail", id="poll-detail", markup=False)

    def on_mount(self) -> None:
        self.query_one(SearchTable).focus()

    def reload(self) -> None:
        items = votes.list_polls()
        self.rows = {p.id: p for p in items}
        rows = [Row(p.id, (str(p.id), p.estate, p.title, votes.state_label(p.state(), short=True),
                           str(votes.ballot_count(p.id)), p.closes_at.strftime("%m-%d %H:%M") if p.closes_at else "-"),
                    limits=(None, 12, 28, None, None, None), extra=" ".join(o.label for o in p.options))
                for p in items]
        self.query_one(SearchTable).set_rows(rows)
        self.show_detail()

    def selected(self, *, say: bool = False) -> votes.PollInfo | None:
        key = self.query_one(SearchTable).selected_key()
        poll = self.rows.get(int(key)) if key else None
        if poll is None and say:
            self.say(_("Choose a vote in the list first."), error=True)
        return poll

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        p = self.selected()
        detail = self.query_one("#poll-detail", Static)
        if p is None:
            detail.update(Text(_("No votes yet: press n to create one.")) if not self.rows else "")
            return
        text = Text(one_line(p.title), style="bold")
        text.append("\n" + votes.state_label(p.state()) + "  " + votes.matter_label(p.matter))
        text.append("\n" + _("Options: ") + "、".join(one_line(o.label) for o in p.options))
        text.append("\n")
        text.append_text(render.quorum_line(votes.turnout(p.id)))
        detail.update(text)

    def _saved(self, result) -> None:
        self.reload()
        if isinstance(result, votes.PollInfo):
            self.say(_("Created vote {id}.").format(id=result.id))
            self.query_one(SearchTable).select_key(result.id)

    def action_new(self) -> None:
        from kiosk.screens.admin.poll_form import PollForm

        self.app.push_screen(PollForm(), self._saved)

    def action_tally(self) -> None:
        from kiosk.screens.admin.poll_tally import TallyScreen

        if is_search(self.focused):
            self.query_one(SearchTable).focus()
            return
        p = self.selected(say=True)
        if p is not None:
            self.app.push_screen(TallyScreen(p.id))

    def action_ballots(self) -> None:
        from kiosk.screens.admin.paper_ballot import BallotForm

        p = self.selected(say=True)
        if p is None:
            return
        if p.state() not in TAKES_BALLOTS:
            self.say(_("This vote does not take ballots now ({state}).").format(state=votes.state_label(p.state())), error=True)
            return
        self.app.push_screen(BallotForm(p), self._saved)

    def action_slips(self) -> None:
        from kiosk.screens.admin.poll_codes import SlipsForm

        p = self.selected(say=True)
        if p is not None:
            self.app.push_screen(SlipsForm(p), self._saved)

    def action_close_poll(self) -> None:
        from kiosk.screens.admin.dialogs import ConfirmDialog
        from kiosk.screens.admin.poll_tally import TallyScreen

        p = self.selected(say=True)
        if p is None:
            return
        if p.state() == "closed":
            self.say(_("Poll {id} is already closed.").format(id=p.id), error=True)
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                votes.close_poll(self.actor, p.id)
            except DomainError as exc:
                self.say(str(exc), error=True)
                return
            self.reload()
            self.app.push_screen(TallyScreen(p.id))

        question = _("Close the vote 「{title}」? No more ballots will be accepted and the results become public.").format(
            title=one_line(p.title, 40))
        self.app.push_screen(ConfirmDialog(question), answered)

    def action_search(self) -> None:
        self.query_one(SearchTable).focus_search()
