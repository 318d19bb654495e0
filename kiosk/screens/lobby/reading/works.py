"""工程进度: pick a project (when the estate has more than one)."""

from __future__ import annotations

from kiosk.domain import disclosure
from kiosk.i18n import N_, _
from kiosk.screens.lobby.reading.project_pick import ProjectPickScreen, single_or_pick


class WorksScreen(ProjectPickScreen):
    SECTION = N_("Works progress")

    def hint(self, pl: disclosure.ProjectLine) -> str:
        return "{status}  {w} {pct:.1f}%".format(status=super().hint(pl), w=_("Works"), pct=pl.works_percent)

    def detail(self, project_id: int):
        from kiosk.screens.lobby.reading.works_detail import WorksDetailScreen

        return WorksDetailScreen(project_id)


def entry(app):
    from kiosk.screens.lobby.reading.works_detail import WorksDetailScreen

    return single_or_pick(app, WorksScreen, WorksDetailScreen)
