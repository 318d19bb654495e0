"""我要认捐: pick a project that takes pledges (when there is more than one)."""

from __future__ import annotations

from kiosk.domain import disclosure
from kiosk.domain.money import yuan_short
from kiosk.i18n import N_, _
from kiosk.render.bars import still_missing
from kiosk.screens.lobby.pledge.qr import PledgeQRScreen
from kiosk.screens.lobby.reading.project_pick import ProjectPickScreen, single_or_pick

class PledgeScreen(ProjectPickScreen):
    SECTION = N_("Pledge")
    ACTIVE_ONLY = True

    def hint(self, pl: disclosure.ProjectLine) -> str:
        f = pl.funding
        missing = still_missing(f)  # pledges do not count until the money arrives
        return _("Still missing {amount}").format(amount=yuan_short(missing))

    def empty_text(self) -> str:
        return _("No project is taking pledges at the moment.")

    def detail(self, project_id: int):
        return PledgeQRScreen(project_id)


def entry(app):
    return single_or_pick(app, PledgeScreen, PledgeQRScreen)
