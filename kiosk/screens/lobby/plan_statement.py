"""Lobby: 一户一策 — how many households of each unit agreed, and a household's own statement
after it types the statement code from its slip. Nobody else's amount or opinion is ever shown.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, ContentSwitcher, Input, Static

from kiosk.domain import codes, plans
from kiosk.domain.errors import DomainError
from kiosk.i18n import _
from kiosk.render import votes as render
from kiosk.render.safe import one_line
from kiosk.screens.lobby.vote_common import CodeAttempts, VoteBaseScreen, code_input


class PlanStatementScreen(VoteBaseScreen):
    DEFAULT_CSS = """
    PlanStatementScreen ContentSwitcher { height: 1fr; }
    PlanStatementScreen #overview-body { height: 1fr; }
    """

    def __init__(self, estate_id: int, **kwargs) -> None:
        super().__init__(estate_id, **kwargs)
        self.attempts = CodeAttempts()

    def compose(self) -> ComposeResult:
        yield Static(_("One household, one policy"), classes="title")
        with ContentSwitcher(initial="overview"):
            with Vertical(id="overview"):
                yield VerticalScroll(Static("", id="consents"), id="overview-body")
                with Horizontal(classes="menu"):
                    yield Button(_("1 My household's statement"), id="mine", variant="primary")
                    yield Button(_("0 Back"), id="back")
            with Vertical(id="code-step"):
                yield Static(_("Type the {n}-digit statement code from your household's slip, then press Enter.").format(
                    n=codes.CODE_DIGITS), classes="big")
                yield code_input("code", codes.CODE_DIGITS)
                yield Static("", id="code-error", classes="error")
                with Horizontal(classes="menu"):
                    yield Button(_("OK"), id="code-ok", variant="primary")
                    yield Button(_("0 Back"), id="code-back")
            with Vertical(id="statement"):
                yield VerticalScroll(Static("", id="statement-body"))
                yield Button(_("0 Done"), id="statement-done", variant="primary")

    def on_mount(self) -> None:
        super().on_mount()
        self.reload()
        self.query_one("#mine", Button).focus()

    def reload(self) -> None:
        width = max(30, min(self.size.width - 4, 80))
        parts = []
        for p in plans.list_plans(estate_id=self.estate_id):
            s = plans.summary(p.id)
            head = Text(one_line(p.title), style="bold")
            head.append("  " + one_line(p.project), style="grey70")
            parts += [head, Text(_("{agreed} of {n} households agree.").format(agreed=s.agreed, n=s.households)),
                      render.unit_consents(plans.building_view(p.id), width), Text("")]
        if not parts:
            parts = [Text(_("There is no household plan for this estate."))]
            self.query_one("#mine", Button).display = False
        self.query_one("#consents", Static).update(Group(*parts))

    def _show(self, step: str) -> None:
        self.query_one(ContentSwitcher).current = step
        self.query_one({"overview": "#mine", "code-step": "#code", "statement": "#statement-done"}[step]).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._check()

    async def activate(self, button: Button) -> None:
        which = button.id
        if which == "back":
            self.dismiss()
        elif which == "mine":
            self._show("code-step")
        elif which == "code-ok":
            self._check()
        elif which in ("code-back", "statement-done"):
            self._forget()

    def _check(self) -> None:
        error = self.query_one("#code-error", Static)
        if self.attempts.locked():
            error.update(Text(_("Too many wrong codes. Please wait a minute and try again.")))
            return
        try:
            statement = plans.statement(self.query_one("#code", Input).value)
        except DomainError as exc:
            self.attempts.failed()
            error.update(Text(str(exc)))
            self.query_one("#code", Input).value = ""
            return
        self.attempts.succeeded()
        error.update("")
        self.query_one("#code", Input).value = ""
        head = Text(one_line(statement.plan_title), style="bold")
        self.query_one("#statement-body", Static).update(Group(head, Text(""), render.statement_table(statement)))
        self._show("statement")

    def _forget(self) -> None:
        self.query_one("#statement-body", Static).update("")
        self.query_one("#code", Input).value = ""
        self._show("overview")

    def action_back(self) -> None:
        if self.query_one(ContentSwitcher).current != "overview":
            self._forget()
        else:
            self.dismiss()
