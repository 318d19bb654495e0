"""Pick a project of this estate (funding, works and pledge share this list)."""

from __future__ import annotations

from kiosk import clock
from kiosk.domain import acceptance, disclosure, funding
from kiosk.i18n import _
from kiosk.render.acceptance_view import accepted_short
from kiosk.render.safe import one_line
from kiosk.screens.lobby.pick import Choice, PickScreen


def estate_project_lines(app) -> tuple[disclosure.ProjectLine, ...]:
    """Every project of the app's estate with its figures, read once per change of the data
    (home, funding, works and pledge all open with it)."""
    estate_id = app.estate.id
    return app.live.cached(("estate_projects", estate_id), lambda: disclosure.project_lines(estate_id))


def estate_projects(app, *, active_only: bool = False) -> list[disclosure.ProjectLine]:
    """The app's estate's projects with the same figures as the public disclosure; active ones
    first; a closed one only for `closed_visible_days` after it closed."""
    now, days = clock.now(), app.settings.closed_visible_days
    lines = [pl for pl in estate_project_lines(app) if acceptance.on_show(pl.info, now, days)]
    if active_only:
        lines = [pl for pl in lines if pl.info.status in funding.ACTIVE]
    return sorted(lines, key=lambda pl: (pl.info.status not in funding.ACTIVE, pl.info.id))


class ProjectPickScreen(PickScreen):
    KEEP = True
    ACTIVE_ONLY = False

    def prompt(self) -> str:
        return _("Choose a project")

    def hint(self, pl: disclosure.ProjectLine) -> str:
        if pl.accepted is not None:
            return accepted_short(pl.accepted, clock.today())
        return funding.status_label(pl.info.status)

    def read(self) -> list[disclosure.ProjectLine]:
        return estate_projects(self.app, active_only=self.ACTIVE_ONLY)

    def choices(self) -> list[Choice]:
        return [Choice(one_line(pl.info.title), self.hint(pl), pl.info.id) for pl in self.data or []]

    def empty_text(self) -> str:
        return _("No project at the moment.")

    def picked(self, choice: Choice) -> None:
        self.app.open_screen(self.detail(choice.value))

    def detail(self, project_id: int):
        raise NotImplementedError


def single_or_pick(app, pick_screen: type[ProjectPickScreen], detail):
    """With one project there is nothing to pick: open it straight away."""
    lines = estate_projects(app, active_only=pick_screen.ACTIVE_ONLY)
    if len(lines) == 1:
        return detail(lines[0].info.id)
    return pick_screen()
