"""Create a vote: estate, title, options, matter, opening and closing time, buildings, the meeting it
came from. Until it opens (and while it has no ballot) its title, options, closing time and
buildings can be corrected (PollEditForm)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Label, Select

from kiosk.domain import meetings, poll_edit, votes
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.admin import parse
from kiosk.screens.admin.choices import chosen_estate, estate_choices, estate_select
from kiosk.screens.admin.form import field, select, text_input
from kiosk.screens.admin.record_form import RecordForm

NO_MEETING = 0


def split_list(text: str) -> list[str]:
    """'沥青，水泥' / '沥青,水泥' / '沥青、水泥' -> ['沥青', '水泥'] (an IME types full-width commas)."""
    for sep in ("，", "、", ";", "；"):
        text = text.replace(sep, ",")
    return [part.strip() for part in text.split(",") if part.strip()]


class PollForm(RecordForm):
    TITLE_ID = N_("New vote")
    FIRST = "estate"
    meetings_of: int | None = None  # the estate whose meetings are offered

    def fields(self) -> ComposeResult:
        yield field(_("Estate"), estate_select())
        yield field(_("Title"), text_input("title", max_length=100))
        yield field(_("Options"), text_input("option", placeholder=_("separated by commas: 沥青，水泥"), max_length=400))
        yield field(_("Matter"), select("matter", [(votes.matter_label(k), k) for k in votes.MATTERS], "ordinary"))
        yield field(_("Opens at"), text_input("opens", placeholder=_("empty: now"), max_length=20))
        yield field(_("Closes at"), text_input("closes", placeholder=_("empty: when staff close it"), max_length=20))
        yield field(_("Buildings"), text_input("buildings", placeholder=_("empty: the whole estate"), max_length=400))
        yield field(_("From meeting"), select("meeting", [(_("(none)"), NO_MEETING)], NO_MEETING))

    def read(self):
        """The estates, and the meetings of the estate chosen (the vote may come from one)."""
        estate = self.meetings_of
        found = meetings.list_meetings(estate, limit=30) if estate is not None else []
        return {"estate": estate_choices(),
                "meeting": [(_("(none)"), NO_MEETING)] + [(f"{m.held_at:%Y-%m-%d} {one_line(m.topic, 30)}", m.id) for m in found]}

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "f-estate":
            estate = self.choice("estate")
            self.meetings_of = int(estate) if estate is not None else None
            self.start_read()

    def submit(self) -> votes.PollInfo:
        estate = chosen_estate(self)
        return votes.create_poll(self.actor, estate, self.value("title"), split_list(self.value("option")),
                                 matter=str(self.choice("matter")), closes_at=parse.when(self.value("closes"), "closes", required=False),
                                 opens_at=parse.when(self.value("opens"), "opens", required=False),
                                 buildings=split_list(self.value("buildings")), meeting_id=self.choice("meeting") or None)


class PollEditForm(RecordForm):
    """A vote not yet open, corrected: its estate, matter and opening time stay as created."""

    TITLE_ID = N_("Edit vote")
    FIRST = "title"

    @property
    def poll(self) -> votes.PollInfo:
        return self.record

    def fields(self) -> ComposeResult:
        p = self.poll
        yield field(_("Estate"), Label(p.estate, markup=False))
        yield field(_("Opens at"), Label(parse.show_when(p.opens_at), markup=False))
        yield field(_("Title"), text_input("title", p.title, max_length=100))
        yield field(_("Options"), text_input("option", "，".join(o.label for o in p.options), max_length=400))
        yield field(_("Closes at"), text_input("closes", parse.show_when(p.closes_at), placeholder=_("empty: when staff close it"),
                                              max_length=20))
        yield field(_("Buildings"), text_input("buildings", "，".join(p.buildings), placeholder=_("empty: the whole estate"),
                                              max_length=400))
        yield Label(_("A vote can be changed until it opens, while it has no ballot."), classes="hint")

    def submit(self) -> votes.PollInfo:
        p = self.poll
        typed = self.value("closes")
        # Left as shown (to the minute), the closing time keeps its seconds: nothing changed.
        closes = p.closes_at if typed == parse.show_when(p.closes_at) else parse.when(typed, "closes", required=False)
        return poll_edit.update_poll(self.actor, p.id, title=self.value("title"), options=split_list(self.value("option")),
                                     closes_at=closes, buildings=split_list(self.value("buildings")))
