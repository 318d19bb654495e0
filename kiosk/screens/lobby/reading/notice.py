"""One notice to read: title, date and category, and its Markdown body (links shown, never opened)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kiosk.domain import notices
from kiosk.domain.errors import NotFound
from kiosk.i18n import N_, _
from kiosk.render.dates import day_time
from kiosk.render.safe import inert
from kiosk.screens.lobby.base import ItemScreen
from kiosk.screens.lobby.reading.notices import notice_hint


class NoticeScreen(ItemScreen):
    KEEP = True
    SECTION = N_("Notices")
    GONE = N_("This notice has been withdrawn.")

    def load(self):
        n = notices.get(self.item_id)
        if n.withdrawn:
            raise NotFound(_(self.GONE))
        return n

    def compose_item(self, n):
        from kiosk.render.markdown import NoticeMarkdown  # only when someone reads a notice

        yield Static(Text(inert(n.title), style="bold red" if n.emergency else "bold"), classes="read-title", markup=False)
        yield Static(Text(notice_hint(n)), classes="read-meta", markup=False)
        if n.body:
            yield Static(NoticeMarkdown(n.body), id="notice-body", markup=False)
        if n.expires_at is not None:
            yield Static(Text(_("Valid until {time}").format(time=day_time(n.expires_at)), style="dim"),
                         markup=False)
