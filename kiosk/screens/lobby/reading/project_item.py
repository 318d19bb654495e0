"""A screen about one project of the estate (its funding, its works)."""

from __future__ import annotations

from kiosk.domain import funding
from kiosk.i18n import N_
from kiosk.screens.lobby.base import ItemScreen


class ProjectScreen(ItemScreen):
    KEEP = True
    GONE = N_("This project is no longer shown.")

    def load(self) -> funding.ProjectInfo:
        return funding.get_project(self.item_id)
