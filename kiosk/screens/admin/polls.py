"""Household votes (业主表决): the list with each poll's state and ballots so far; from here staff
create a poll, print vote-code slips, enter paper and proxy ballots, close a poll and read the
count. Every change goes through kiosk.domain.votes in the signed-in staff member's name."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from kiosk import clock
from kiosk.domain import votes
from kiosk.domain.errors import DomainError
from kiosk.i18n import N_, _
from kiosk.render import quorum as render
from kiosk.render.safe import one_line
from kiosk.screens.admin.keys import list_bindings
from kiosk.screens.admin.list_screen import ListScreen
from kiosk.screens.admin.table import Row

TAKES_BALLOTS = ("open", "counting")


class PollsScreen(ListScreen):
    TITLE_ID = N_("Household votes")
    BINDINGS = list_bindings(
        Binding("n", "new", N_("New")),
        Binding("e", "edit", N_("Edit")),
        Binding("b", "ballots", N_("Enter ballots")),
        Binding("s", "slips", N_("Code slips")),
        Binding("c", "close_poll", N_("Close")),
        enter=N_("Tally"),
    )
    COLUMNS = (N_("ID"), N_("Estate"), N_("Title"), N_("State"), N_("Ballots"), N_("Closes"))
    TABLE_ID = "polls"
    DETAIL_ID = "poll-detail"
    CHOOSE_FIRST = N_("Choose a vote in the list first.")

    def load(self) -> list[votes.PollInfo]:
        polls = votes.list_polls()
        self.turnouts = {p.id: votes.turnout(p.id) for p in polls}  # for the detail, read here too
        return polls

    def row(self, p: votes.PollInfo) -> Row:
        return Row(p.id, (str(p.id), p.estate, p.title, votes.state_label(p.state(), short=True),
                          str(votes.ballot_count(p.id)), p.closes_at.strftime("%m-%d %H:%M") if p.closes_at else "-"),
                   limits=(None, 12, 28, None, None, None), extra=" ".join(o.label for o in p.options))

    def empty_detail(self) -> Text | str:
        return Text(_("No votes yet: press n to create one.")) if not self.rows else ""

    def detail(self, p: votes.PollInfo) -> Text:
        text = Text(one_line(p.title), style="bold")
        text.append("\n" + votes.state_label(p.state()) + "  " + votes.matter_label(p.matter))
        text.append("\n" + _("Options: ") + "、".join(one_line(o.label) for o in p.options))
        text.append("\n")
        text.append_text(render.quorum_line(self.turnouts[p.id]))
        return text

    def saved(self, result) -> None:
        # Ballots and slips come back as counts: the list changed all the same.
        if isinstance(result, votes.PollInfo):
            self.say(_("Created vote {id}.").format(id=result.id))
            self.reload_and_select(result.id)
        else:
            self.reload()

    def action_new(self) -> None:
        from kiosk.screens.admin.poll_form import PollForm

        self.open_form(PollForm())

    def action_edit(self) -> None:
        from kiosk.domain import poll_edit
        from kiosk.screens.admin.poll_form import PollEditForm

        p = self.selected()
        if p is None:
            return
        if not poll_edit.editable(p):
            self.say(_("Vote {id} has opened: it can no longer be changed.").format(id=p.id), error=True)
            return
        self.app.push_screen(PollEditForm(p), self.edited)

    def edited(self, p: votes.PollInfo | None) -> None:
        if p is not None:
            self.say(_("Saved vote {id}.").format(id=p.id))
            self.reload_and_select(p.id)

    def enter(self, p: votes.PollInfo) -> None:
        from kiosk.screens.admin.poll_tally import TallyScreen

        self.app.push_screen(TallyScreen(p.id))

    def action_ballots(self) -> None:
        from kiosk.screens.admin.paper_ballot import BallotForm

        p = self.selected()
        if p is None:
            return
        if p.state() not in TAKES_BALLOTS:
            self.say(_("This vote does not take ballots now ({state}).").format(state=votes.state_label(p.state())), error=True)
            return
        self.open_form(BallotForm(p))

    def action_slips(self) -> None:
        """Vote-code slips are printed as their codes are issued (the Print section's dialog)."""
        from kiosk.paper import catalog
        from kiosk.screens.admin.printing import PrintDialog

        p = self.selected()
        if p is not None:
            self.app.push_screen(PrintDialog(catalog.printable("vote-slips", p.id, f"{p.estate} {p.title}")))

    def action_close_poll(self) -> None:
        from kiosk.screens.admin.dialogs import ConfirmDialog
        from kiosk.screens.admin.poll_tally import TallyScreen

        p = self.selected()
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
        if p.closes_at is not None and clock.now() < p.closes_at:
            question += "\n" + _("Its published deadline is {when}: closing now ends it early.").format(
                when=p.closes_at.strftime("%Y-%m-%d %H:%M"))
        self.app.push_screen(ConfirmDialog(question), answered)
