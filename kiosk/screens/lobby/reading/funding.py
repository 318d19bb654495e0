"""资金公示: pick a project (when the estate has more than one)."""

from __future__ import annotations

from kiosk.domain import disclosure
from kiosk.domain.money import yuan_short
from kiosk.i18n import N_, _
from kiosk.render.bars import funded
from kiosk.screens.lobby.reading.project_pick import ProjectPickScreen, single_or_pick


class FundingScreen(ProjectPickScreen):
    SECTION = N_("Funding")

    def hint(self, pl: disclosure.ProjectLine) -> str:
        f = pl.funding
        return "{status}  {r} {rv} / {t} {tv}  {pct}%".format(
            status=super().hint(pl), r=_("Received"), rv=yuan_short(f.received_fen),
            t=_("Target"), tv=yuan_short(f.target_fen), pct=funded(f))

    def detail(self, project_id: int):
        from kiosk.screens.lobby.reading.funding_detail import FundingDetailScreen

        return FundingDetailScreen(project_id)


def entry(app):
    from kiosk.screens.lobby.reading.funding_detail import FundingDetailScreen

    return single_or_pick(app, FundingScreen, FundingDetailScreen)
