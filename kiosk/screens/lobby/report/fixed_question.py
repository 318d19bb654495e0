"""修好了吗？ After a typed ticket whose report staff marked fixed: the trail again, then three big
numbered answers (满意 / 基本满意 / 不满意). 不满意 sends the report back to being fixed. One
answer per fix: the domain refuses a second one, and says so."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kiosk.domain import report_loop, reports
from kiosk.domain.errors import NotFound
from kiosk.i18n import N_, _
from kiosk.render.report_view import ticket_text
from kiosk.screens.lobby.base import FlowEndScreen
from kiosk.screens.lobby.flow import Flow
from kiosk.screens.lobby.pick import Choice, PickScreen
from kiosk.screens.lobby.report.this_kiosk import kiosk_name
from kiosk.screens.lobby.saving import SaveStep
from kiosk.screens.reads import read_now

SECTION = N_("Track a report")


class AnswerFlow(Flow):
    """One answer to one fix: its draft is the ticket."""

    SECTION = SECTION

    def continues(self, other: Flow) -> bool:
        return type(other) is type(self) and other.draft == self.draft  # another ticket: a new answer


class FixedQuestionScreen(SaveStep, PickScreen):
    SUBMIT_ID = "choice-1"

    def __init__(self, flow: AnswerFlow, trail: reports.PublicTrail) -> None:
        super().__init__(flow)
        self.trail = trail
        self.asked = True  # the fix still waits for an answer (staff may move the report meanwhile)

    def compose_intro(self):
        from kiosk.screens.lobby.report.track import trail_widgets

        yield from trail_widgets(self.trail)

    def prompt(self) -> str:
        return _(report_loop.QUESTION) if self.asked else ""

    def empty_text(self) -> str:
        if self.trail.report.status != "resolved":
            return _("This report is not marked fixed, so there is nothing to answer yet.")
        return _("This fix has been answered already. Thank you!")

    async def reload(self) -> None:
        """Staff moved the report meanwhile (reopened it, or its fix was answered elsewhere): the
        trail says where it is now, and the answers go when there is nothing left to ask."""
        if not self.live() or self.flow.saving:
            return
        ticket, estate_id = self.draft, self.app.estate.id

        def read():
            return reports.trail(ticket, estate_id=estate_id), report_loop.question(ticket, estate_id=estate_id)

        try:
            trail, question = await read_now(self.app, read, name="lookup ticket")
        except NotFound:
            return  # hidden or merged meanwhile: what was shown stays until the resident leaves
        if self.live() and not self.flow.saving:
            self.trail, self.asked = trail, question is not None
            await self.recompose_in_place()

    def choices(self) -> list[Choice]:
        if not self.asked:
            return []
        return [
            Choice(_(report_loop.RATINGS["satisfied"]), "", "satisfied"),
            Choice(_(report_loop.RATINGS["basic"]), "", "basic"),
            Choice(_(report_loop.RATINGS["unsatisfied"]), _("It goes back to staff to be fixed again"), "unsatisfied"),
        ]

    def picked(self, choice: Choice) -> None:
        ticket, rating, estate_id, kiosk = self.draft, choice.value, self.app.estate.id, kiosk_name()
        self.save(lambda: report_loop.answer(ticket, rating, "kiosk", kiosk, estate_id=estate_id), AnsweredScreen)


class AnsweredScreen(FlowEndScreen):
    SECTION = SECTION

    def __init__(self, done: report_loop.Answered) -> None:
        super().__init__()
        self.done = done

    def compose_read(self):
        yield Static(Text(_("Thank you for your answer"), style="bold green"), classes="headline", markup=False)
        said = Text(_("Ticket") + " ")
        said.append(ticket_text(self.done.ticket), style="bold reverse")
        said.append("  " + report_loop.rating_label(self.done.rating))
        yield Static(said, markup=False)
        if self.done.reopened:
            yield Static(Text(_("The report is open again: staff will fix it once more. "
                                "Follow it here with the same ticket number.")), classes="detail", markup=False)


def ask(app, trail: reports.PublicTrail, question: report_loop.Question) -> None:
    app.open_screen(FixedQuestionScreen(app.begin_flow(AnswerFlow(question.ticket)), trail))
