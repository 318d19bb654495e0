"""Notices (通知公告): post, edit, pin, expire now, withdraw; an emergency notice takes over the
lobby and the display (they poll for changes every second)."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.binding import Binding

from kiosk import clock
from kiosk.domain import estates, notices
from kiosk.domain.errors import DomainError
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.admin.keys import list_bindings
from kiosk.screens.admin.list_screen import ListScreen
from kiosk.screens.admin.table import Row


def notice_state(n: notices.NoticeInfo, now: dt.datetime) -> str:
    if n.withdrawn:
        return _("withdrawn")
    if n.expires_at is not None and n.expires_at <= now:
        return _("expired")
    if n.publish_at > now:
        return _("scheduled")
    return _("live")


class NoticesScreen(ListScreen):
    TITLE_ID = N_("Notices")
    BINDINGS = list_bindings(
        Binding("n", "new", N_("New")),
        Binding("p", "pin", N_("Pin/unpin")),
        Binding("x", "expire", N_("Expire now")),
        Binding("w", "withdraw", N_("Withdraw")),
        enter=N_("Edit"),
    )
    COLUMNS = (N_("ID"), N_("For"), N_("Title"), N_("Published"), N_("Until"), N_("Flags"), N_("State"))
    TABLE_ID = "notices"
    CHOOSE_FIRST = N_("Choose a notice in the list first.")
    SAVED = N_("Saved notice {id}.")
    CLICK_OPENS = True

    def load(self) -> list[notices.NoticeInfo]:
        self.names = {e.id: e.name for e in estates.list_estates()}
        self.now = clock.now()
        return notices.list_all()

    def row(self, n: notices.NoticeInfo) -> Row:
        flags = " ".join(x for x in ((_("EMERGENCY") if n.emergency else ""), (_("pinned") if n.pinned else "")) if x)
        flag_text = Text(flags, style="bold red" if n.emergency else "bold")
        return Row(n.id, (str(n.id), self.names.get(n.estate_id, "") if n.estate_id else _("all estates"), n.title,
                          n.publish_at.strftime("%m-%d"), n.expires_at.strftime("%m-%d %H:%M") if n.expires_at else "",
                          flag_text, notice_state(n, self.now)),
                   limits=(None, 12, 22, None, None, 10, None), extra=n.title + " " + n.body)

    async def current(self) -> notices.NoticeInfo | None:
        n = self.selected()
        return None if n is None else await self.fetch(lambda: notices.get(n.id))  # as saved now: an edit carries its version

    def enter(self, n: notices.NoticeInfo) -> None:
        from kiosk.screens.admin.notice_form import NoticeForm

        self.open_form(NoticeForm(n))

    def action_new(self) -> None:
        from kiosk.screens.admin.notice_form import NoticeForm

        self.open_form(NoticeForm(None))

    def _run(self, action) -> None:
        try:
            action()
        except DomainError as exc:
            self.say(str(exc), error=True)
        self.reload()

    async def action_pin(self) -> None:
        n = await self.current()
        if n is not None:
            self._run(lambda: notices.edit(self.actor, n.id, n.version, pinned=not n.pinned))

    async def action_expire(self) -> None:
        from kiosk.screens.admin.dialogs import ConfirmDialog

        n = await self.current()
        if n is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._run(lambda: notices.edit(self.actor, n.id, n.version, expires_at=clock.now()))

        question = _("Expire the notice 「{title}」 now? It leaves the lobby and the display at once.").format(
            title=one_line(n.title, 40))
        self.app.push_screen(ConfirmDialog(question), answered)

    async def action_withdraw(self) -> None:
        from kiosk.screens.admin.dialogs import ConfirmDialog

        n = await self.current()
        if n is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._run(lambda: notices.withdraw(self.actor, n.id))

        question = _("Withdraw the notice 「{title}」? It disappears from the lobby and the display.").format(title=one_line(n.title, 40))
        self.app.push_screen(ConfirmDialog(question), answered)
