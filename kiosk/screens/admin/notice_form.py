"""Post or edit a notice. The body is Markdown (links open nothing on the kiosk). An edit
carries its version: a concurrent edit by someone else is refused, and the typed text stays."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Label, TextArea

from kiosk.domain import notices
from kiosk.i18n import N_, _
from kiosk.screens.admin import parse
from kiosk.screens.admin.choices import estate_choices
from kiosk.screens.admin.form import FORM_BINDINGS, field, select, text_input, yes_no
from kiosk.screens.admin.record_form import LOAD_LATEST, RecordForm

ALL_ESTATES = 0  # Select needs a value: 0 stands for "every estate" (estate_id None)


class NoticeForm(RecordForm):
    BINDINGS = FORM_BINDINGS + [LOAD_LATEST]
    TITLES = (N_("New notice"), N_("Edit notice"))
    FIRST = "title"

    @property
    def notice(self) -> notices.NoticeInfo | None:
        return self.record

    def read(self):
        return {} if self.notice is not None else {"estate": [(_("All estates"), ALL_ESTATES)] + estate_choices()}

    def fields(self) -> ComposeResult:
        n = self.notice
        if n is None:
            yield field(_("For"), select("estate", [(_("All estates"), ALL_ESTATES)], ALL_ESTATES))
        yield field(_("Title"), text_input("title", n.title if n else "", max_length=100))
        yield field(_("Category"), select("category", [(notices.category_label(k), k) for k in notices.CATEGORIES],
                                         n.category if n else "general"))
        yield field(_("Text"), TextArea(n.body if n else "", id="f-body", compact=True), tall=True)
        yield field(_("Publish at"), text_input("publish_at", parse.show_when(n.publish_at) if n else "",
                                               placeholder=_("now, or 2026-03-10 08:00")))
        yield field(_("Until"), text_input("until", parse.show_when(n.expires_at) if n else "",
                                          placeholder=_("no end, or 2026-03-31 18:00")))
        yield field(_("Pinned to the top"), yes_no("pinned", n.pinned if n else False))
        yield field(_("Emergency notice"), yes_no("emergency", n.emergency if n else False))
        yield Label(_("An emergency notice takes over the lobby and the display at once."), classes="hint")
        yield Label(_("Markdown: **bold**, - list. Links are shown, never opened."), classes="hint")

    def submit(self) -> notices.NoticeInfo:
        title = self.value("title")
        body = self.query_one("#f-body", TextArea).text
        category = self.choice("category") or "general"
        publish_at = parse.when(self.value("publish_at"), "publish_at", required=False)
        until = parse.when(self.value("until"), "until", required=False)
        pinned = bool(self.choice("pinned"))
        emergency = bool(self.choice("emergency"))
        n = self.notice
        if n is None:
            estate = self.choice("estate")
            return notices.post(self.actor, title, body, estate_id=estate or None, category=category,
                                publish_at=publish_at, expires_at=until, pinned=pinned, emergency=emergency)
        fields = {"title": title, "body": body, "category": category, "pinned": pinned, "emergency": emergency}
        # A time is shown to the minute: left as shown, it keeps its seconds (nothing changed).
        if publish_at is not None and self.value("publish_at") != parse.show_when(n.publish_at):
            fields["publish_at"] = publish_at
        if self.value("until") != (parse.show_when(n.expires_at) if n.expires_at else ""):
            fields["expires_at"] = until
        return notices.edit(self.actor, n.id, n.version, **fields)

    def latest(self) -> notices.NoticeInfo:
        return notices.get(self.notice.id)
