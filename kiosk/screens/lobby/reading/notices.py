"""通知公告: the live notices, emergency and pinned first; expired and withdrawn ones are gone."""

from __future__ import annotations

from kiosk.domain import notices
from kiosk.i18n import N_, _
from kiosk.render.dates import day
from kiosk.render.safe import one_line
from kiosk.screens.lobby.pick import Choice, PickScreen


def notice_hint(n: notices.NoticeInfo) -> str:
    tags = []
    if n.emergency:
        tags.append(_("[Emergency]"))
    elif n.pinned:
        tags.append(_("[Pinned]"))
    tags.append(notices.category_label(n.category))
    tags.append(day(n.publish_at.date()))
    return "  ".join(tags)


class NoticesScreen(PickScreen):
    KEEP = True
    SECTION = N_("Notices")

    def read(self) -> list[notices.NoticeInfo]:
        return notices.live(self.app.estate.id)

    def choices(self) -> list[Choice]:
        return [Choice(one_line(n.title), notice_hint(n), n.id, danger=n.emergency) for n in self.data or []]

    def empty_text(self) -> str:
        return _("No notices at the moment.")

    def picked(self, choice: Choice) -> None:
        from kiosk.screens.lobby.reading.notice import NoticeScreen

        self.app.open_screen(NoticeScreen(choice.value))


def entry(app) -> NoticesScreen:
    return NoticesScreen()
