"""The audit log: who changed what, when. Filter by person, kind of record, record number and
dates; the top line says whether the hash chain verifies (kiosk.domain.audit.verify_chain)."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Select, Static

from kiosk.db import connection
from kiosk.domain import audit, audit_browse
from kiosk.domain.errors import ValidationError
from kiosk.i18n import N_, _
from kiosk.render.audit_details import details as in_words
from kiosk.render.safe import inert
from kiosk.screens.admin import parse
from kiosk.screens.admin.form import select, select_value, set_choices
from kiosk.screens.admin.keys import list_bindings
from kiosk.screens.admin.list_screen import ListScreen
from kiosk.screens.admin.table import Row

ALL = "*"
LIMIT = 500
ACTIONS = {
    "contribution.record": N_("money entry recorded"),
    "contribution.import": N_("money entries imported"),
    "contribution.retry": N_("money entry retried"),
    "contribution.received": N_("pledge paid"),
    "contribution.cancelled": N_("money entry cancelled"),
    "estate.add": N_("estate added"),
    "household.import": N_("households imported"),
    "meeting.record": N_("meeting recorded"),
    "meeting.update": N_("meeting changed"),
    "milestone.add": N_("milestone added"),
    "milestone.done": N_("milestone done"),
    "notice.post": N_("notice posted"),
    "notice.edit": N_("notice changed"),
    "notice.withdraw": N_("notice withdrawn"),
    "project.create": N_("project created"),
    "project.update": N_("project changed"),
    "report.submit": N_("report filed"),
    "report.status": N_("report moved on"),
    "report.merge": N_("report merged"),
    "report.hide": N_("report hidden"),
    "report.me_too": N_("report: me too"),
    "stage.add": N_("stage added"),
    "stage.update": N_("stage changed"),
    "staff.add": N_("staff added"),
    "staff.passwd": N_("password changed"),
    "staff.disable": N_("staff disabled"),
    "staff.enable": N_("staff enabled"),
    "staff.login": N_("signed in"),
    "staff.logout": N_("signed out"),
    "staff.login_failed": N_("sign-in failed"),
    "staff.login_refused": N_("sign-in refused"),
    "ballot.cast": N_("ballot counted"),
    "ballot.import": N_("ballots imported"),
    "contribution.seal": N_("money entries sealed"),
    "emergency.start": N_("emergency repair started"),
    "emergency.cost": N_("emergency repair cost recorded"),
    "emergency.disclose": N_("emergency repair disclosed"),
    "household.add": N_("household added"),
    "household.codes": N_("household codes issued"),
    "household.correct": N_("household corrected"),
    "household.transfer": N_("household transferred"),
    "kiosk_pledge.reference": N_("kiosk pledge referenced"),
    "milestone.update": N_("milestone corrected"),
    "payment.enter": N_("payment entered"),
    "payment.approved": N_("payment approved"),
    "payment.rejected": N_("payment rejected"),
    "plan.create": N_("plan created"),
    "plan.rule": N_("plan rule changed"),
    "plan.hardship": N_("plan: hardship reduction"),
    "plan.override": N_("plan: share set by hand"),
    "plan.consent": N_("plan: consent recorded"),
    "plan.codes": N_("plan codes issued"),
    "poll.create": N_("vote created"),
    "poll.update": N_("vote corrected"),
    "poll.close": N_("vote closed"),
    "poll.codes": N_("vote codes issued"),
    "project.accept": N_("project accepted"),
    "report.answer": N_("report: resident answered"),
    "report.link": N_("report linked"),
    "report.summary": N_("report summary published"),
    "verify.checkpoint": N_("verify checkpoint"),
}


ENTITIES = {
    "contribution": N_("money entry"),
    "contribution_batch": N_("money import"),
    "estate": N_("estate"),
    "household_batch": N_("household import"),
    "meeting": N_("meeting"),
    "milestone": N_("milestone"),
    "notice": N_("notice"),
    "project": N_("project"),
    "report": N_("report"),
    "stage": N_("stage"),
    "staff": N_("staff account"),
    "ballot": N_("ballot"),
    "ballot_batch": N_("ballot import"),
    "emergency_repair": N_("emergency repair"),
    "household": N_("household"),
    "household_plan": N_("plan"),
    "payment": N_("payment"),
    "poll": N_("vote"),
}


def entity_label(entity: str) -> str:
    return _(ENTITIES[entity]) if entity in ENTITIES else entity


def action_label(action: str) -> str:
    return _(ACTIONS[action]) if action in ACTIONS else action


class AuditScreen(ListScreen):
    TITLE_ID = N_("Audit log")
    BINDINGS = list_bindings(Binding("f", "filters", N_("Filters")), Binding("v", "verify", N_("Verify chain")))
    COLUMNS = (N_("No."), N_("When"), N_("Who"), N_("What"), N_("Record"), N_("Details"))
    TABLE_ID = "audit"
    DETAIL_ID = "audit-detail"

    def compose_head(self) -> ComposeResult:
        yield Static(_("Checking the audit chain..."), classes="status-line", id="chain", markup=False)
        with Horizontal(classes="filters"):
            # Who and which kinds of record are on file come with the entries (show_head).
            yield select("actor", self.actor_choices([]), ALL)
            yield select("entity", self.entity_choices([]), ALL)
            yield Input(placeholder=_("record no."), id="f-entity_id", compact=True)
            yield Input(placeholder=_("from date"), id="f-since", compact=True)
            yield Input(placeholder=_("to date"), id="f-until", compact=True)

    def on_mount(self) -> None:
        self.action_verify()

    @work(thread=True, exclusive=True, group="audit-verify")
    def action_verify(self) -> None:
        # A thread: the whole chain is read and hashed. Peewee connections are per thread.
        with connection.for_thread():
            status = audit_browse.chain_status()
        self.app.call_from_thread(self._show_chain, status)

    def _show_chain(self, status: audit_browse.ChainStatus) -> None:
        line = self.query_one("#chain", Static)
        if status.ok:
            line.update(Text(_("Audit chain verifies: {n} entries, head {head}").format(n=status.entries, head=status.head[:16])))
        else:
            first = status.faults[0]
            line.update(Text(_("AUDIT CHAIN BROKEN: {n} faults, first at entry {seq}: {problem}").format(
                n=len(status.faults), seq=first.seq, problem=first.problem)))
        line.set_class(status.ok, "-ok")
        line.set_class(not status.ok, "-bad")

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id and event.input.id.startswith("f-"):
            event.stop()
            self.reload()
            self.table.focus()

    def actor_choices(self, actors: list[str]) -> list[tuple[str, object]]:
        return [(_("Everyone"), ALL)] + [(a, a) for a in actors]

    def entity_choices(self, kinds: list[str]) -> list[tuple[str, object]]:
        return [(_("All records"), ALL)] + [(entity_label(e), e) for e in kinds]

    def read_filters(self) -> dict | None:
        for w in self.query(".-refused"):
            w.remove_class("-refused")
        try:
            since = parse.day(self.query_one("#f-since", Input).value, "since", required=False)
            until = parse.day(self.query_one("#f-until", Input).value, "until", required=False)
        except ValidationError as exc:
            self.query_one(f"#f-{exc.field}", Input).add_class("-refused")
            self.say(str(exc), error=True)
            return None
        actor = select_value(self.query_one("#f-actor", Select))
        entity = select_value(self.query_one("#f-entity", Select))
        return dict(
            actor=None if actor in (None, ALL) else actor,
            entity=None if entity in (None, ALL) else entity,
            entity_id=self.query_one("#f-entity_id", Input).value.strip() or None,
            since=since.isoformat() if since else None,
            until=(until + dt.timedelta(days=1)).isoformat() if until else None,
        )

    def load(self) -> list[audit.AuditRow]:
        self.actors, self.kinds = audit_browse.actors(), audit_browse.entity_kinds()
        return audit.entries(**self.filters, limit=LIMIT)

    def show_head(self) -> None:
        set_choices(self.query_one("#f-actor", Select), self.actor_choices(self.actors))
        set_choices(self.query_one("#f-entity", Select), self.entity_choices(self.kinds))

    def row(self, e: audit.AuditRow) -> Row:
        details = in_words(e.data, e.action)
        return Row(e.seq, (str(e.seq), e.at[:16], e.actor, action_label(e.action), f"{entity_label(e.entity)} {e.entity_id}", details),
                   limits=(None, None, 10, 14, 12, 18), extra=e.action + " " + details)

    def empty_detail(self) -> Text:
        return Text(_("No entry matches."), style="dim")

    def detail(self, e: audit.AuditRow) -> Text:
        text = Text(f"#{e.seq} {e.at}  {e.actor}  {action_label(e.action)}  {entity_label(e.entity)} {e.entity_id}\n", style="bold")
        text.append(inert(in_words(e.data, e.action)))
        return text

    def action_filters(self) -> None:
        self.query_one("#f-actor", Select).focus()
