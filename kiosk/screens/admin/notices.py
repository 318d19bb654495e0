"""Notices (通知公告): post, edit, pin, expire now, withdraw; an emergency notice takes over the
lobby and the display (they poll for changes every second)."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from kiosk import clock
from kiosk.domain import estates, notices
from kiosk.domain.errors import DomainError
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.admin.base import AdminScreen
from kiosk.screens.admin.table import Row, SearchTable, is_search


def notice_state(n: notices.NoticeInfo, now: dt.datetime) -> str:
    if n.withdrawn:
        return _("withdrawn")
    if n.expires_at is not None and n.expires_at <= now:
        return _("expired")
    if n.publish_at > now:
        return _("scheduled")
    return _("live")


class NoticesScreen(AdminScreen):
    TITLE_ID = N_("Notices")
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back")),
        Binding("enter", "edit", N_("Edit"), priority=True, key_display="Enter"),
        Binding("n", "new", N_("New")),
        Binding("p", "pin", N_("Pin/unpin")),
        Binding("x", "expire", N_("Expire now")),
        Binding("w", "withdraw", N_("Withdraw")),
        Binding("slash", "search", N_("Search"), key_display="/"),
    ]

    def compose_body(self) -> ComposeResult:
        yield SearchTable([_("ID"), _("For"), _("Title"), _("Published"), _("Until"), _("Flags"), _("State")], id="notices")

    def on_mount(self) -> None:
        self.query_one(SearchTable).focus()

    def reload(self) -> None:
        names = {e.id: e.name for e in estates.list_estates()}
        now = clock.now()
        rows = []
        for n in notices.list_all():
            flags = " ".join(x for x in ((_("EMERGENCY") if n.emergency else ""), (_("pinned") if n.pinned else "")) if x)
            flag_text = Text(flags, style="bold red" if n.emergency else "bold")
            rows.append(Row(n.id, (str(n.id), names.get(n.estate_id, "") if n.estate_id else _("all estates"), n.title,
                                   n.publish_at.strftime("%m-%d"), n.expires_at.strftime("%m-%d %H:%M") if n.expires_at else "",
                                   flag_text, notice_state(n, now)),
                            limits=(None, 12, 22, None, None, 10, None), extra=n.title + " " + n.body))
        self.query_one(SearchTable).set_rows(rows)

    def selected(self) -> notices.NoticeInfo | None:
        key = self.query_one(SearchTable).selected_key()
        if key is None:
            self.say(_("Choose a notice in the list first."), error=True)
            return None
        return notices.get(int(key))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_new(self) -> None:
        from kiosk.screens.admin.notice_form import NoticeForm

        self.app.push_screen(NoticeForm(None), self._saved)

    def action_edit(self) -> None:
        from kiosk.screens.admin.notice_form import NoticeForm

        if is_search(self.focused):
            self.query_one(SearchTable).focus()
            return
        n = self.selected()
        if n is not None:
            self.app.push_screen(NoticeForm(n), self._saved)

    def _saved(self, notice) -> None:
        if notice is not None:
            self.say(_("Saved notice {id}.").format(id=notice.id))
            self.reload()
            self.query_one(SearchTable).select_key(notice.id)

    def _run(self, action) -> None:
        try:
            action()
        except DomainError as exc:
            self.say(str(exc), error=True)
        self.reload()

    def action_pin(self) -> None:
        n = self.selected()
        if n is not None:
            self._run(lambda: notices.edit(self.actor, n.id, n.version, pinned=not n.pinned))

    def action_expire(self) -> None:
        n = self.selected()
        if n is not None:
            self._run(lambda: notices.edit(self.actor, n.id, n.version, expires_at=clock.now()))

    def action_withdraw(self) -> None:
        from kiosk.screens.admin.dialogs import ConfirmDialog

        n = self.selected()
        if n is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._run(lambda: notices.withdraw(self.actor, n.id))

        question = _("Withdraw the notice 「{title}」? It disappears from the lobby and the display.").format(title=one_line(n.title, 40))
        self.app.push_screen(ConfirmDialog(question), answered)

    def action_search(self) -> None:
        self.query_one(SearchTable).focus_search()
