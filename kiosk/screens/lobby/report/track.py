"""查询进度: type a ticket number, see the report's public status trail (no description, no phone,
no room). Only this kiosk's estate is searched; a typo is caught by the ticket's check digit
before any lookup; wrong tickets in a row lock the lookup for a minute (per kiosk, as wrong vote
codes do). Each lookup replaces what the previous one showed."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Static

from kiosk import clock
from kiosk.domain import report_loop, reports
from kiosk.domain.errors import DomainError, NotFound
from kiosk.i18n import N_, _, ngettext
from kiosk.render.report_view import place_text, status_text, ticket_text, trail_table
from kiosk.render.safe import inert
from kiosk.screens.lobby.typing import TypingScreen
from kiosk.screens.lobby.vote.code_step import attempts_of
from kiosk.screens.reads import read_now

ATTEMPTS = "ticket"  # this kiosk's counter of wrong tickets (CodeAttempts)
LOCKED = N_("Too many wrong ticket numbers. Please wait a minute and try again.")


class TrackScreen(TypingScreen):
    SECTION = N_("Track a report")
    MAX_LENGTH = 15  # 9 digits and the spaces or dashes people type between groups
    RESTRICT = r"[0-9０-９ \-　]*"
    NEXT_LABEL = N_("Look up")

    def __init__(self) -> None:
        super().__init__()
        self.ticket: str | None = None

    def key_tiles(self):
        tiles = super().key_tiles()
        tiles[-1].label = _(self.NEXT_LABEL)
        return tiles

    def prompt(self) -> str:
        return _("Type the ticket number, then press Enter")

    def placeholder(self) -> str:
        return _("9 digits, e.g. {ticket}").format(ticket="123 456 786")

    def compose_after(self):
        yield Vertical(id="trail")

    async def accept(self, value: str) -> None:
        # Whatever this lookup finds, the previous ticket's lines go first.
        self.ticket = None
        await self.query_one("#trail", Vertical).remove_children()
        attempts = attempts_of(self.app, ATTEMPTS)
        if attempts.locked():
            raise DomainError(_(LOCKED))
        try:
            trail, question = await self.look_up(value)
        except NotFound:
            attempts.failed()
            raise
        attempts.succeeded()
        self.ticket = trail.report.ticket
        await self.show_trail(trail)
        if question is not None:  # fixed, and this fix not yet answered: "修好了吗？"
            from kiosk.screens.lobby.report.fixed_question import ask

            ask(self.app, trail, question)

    async def show_trail(self, trail: reports.PublicTrail) -> None:
        box = self.query_one("#trail", Vertical)
        await box.remove_children()
        await box.mount_all(trail_widgets(trail))

    async def look_up(self, ticket: str) -> tuple[reports.PublicTrail, report_loop.Question | None]:
        """The ticket's trail, and the fix its holder is asked about (None: nothing to ask)."""
        estate_id = self.app.estate.id

        def read():
            return reports.trail(ticket, estate_id=estate_id), report_loop.question(ticket, estate_id=estate_id)

        return await read_now(self.app, read, name="lookup ticket")

    async def reload(self) -> None:
        if self.ticket:
            try:
                await self.show_trail((await self.look_up(self.ticket))[0])
            except NotFound:
                self.ticket = None
                await self.query_one("#trail", Vertical).remove_children()


def trail_widgets(trail: reports.PublicTrail) -> list[Static]:
    """The ticket, what and where, the status now and the public steps: for the track screen and
    the question that follows a fix."""
    r = trail.report
    head = Text()
    head.append(_("Ticket") + " ")
    head.append(ticket_text(r.ticket), style="bold reverse")
    head.append("  " + reports.category_label(r.category) + "  " + place_text(r.building, r.unit))
    state = Text(_("Now: "))
    state.append_text(status_text(r.status))
    if r.me_too:
        state.append("   " + ngettext("{n} household has this problem", "{n} households have this problem",
                                     r.me_too + 1).format(n=r.me_too + 1))
    widgets = [Static(head, markup=False), Static(state, markup=False)]
    if r.summary:
        widgets.append(Static(Text(inert(r.summary), style="dim"), classes="detail", markup=False))
    widgets.append(Static(trail_table(trail, clock.today()), classes="trail", markup=False))
    return widgets


def entry(app) -> TrackScreen:
    return TrackScreen()
