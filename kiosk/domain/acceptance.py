"""竣工验收: a project closes with its acceptance — the day, who accepted it (owners'
representatives, the property company, the community), its final account and what was left over
(returned to those who paid, or carried over). Recorded once; the project becomes completed.

The rule for the final account: it must equal what was paid out (approved payments) at that
moment, and no payment may still wait for approval. The leftover is then received − paid, per
the funding snapshot; a leftover must say where it goes.

Closed projects stay on the lobby's and the TV's lists for `closed_visible_days` after they
closed (`on_show`), then leave them; exports and the phone pages keep them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from kiosk import clock
from kiosk.db.models import Acceptance, Payment, Project
from kiosk.domain import audit, funding
from kiosk.domain.errors import Conflict, NotFound, TransitionRefused, ValidationError
from kiosk.domain.money import MAX_FEN, yuan
from kiosk.domain.text import clean_text
from kiosk.i18n import N_, _, language

PARTIES = ("owners", "property", "community")
PARTY_LABELS = {
    "owners": N_("Owners' representatives"),
    "property": N_("Property company"),
    "community": N_("Residents' committee"),
}
LEFTOVER_ACTIONS = ("none", "returned", "carried_over")
LEFTOVER_LABELS = {
    "none": N_("Nothing left over"),
    "returned": N_("Returned to those who paid"),
    "carried_over": N_("Carried over"),
}


def party_label(key: str) -> str:
    return _(PARTY_LABELS.get(key, key))


def leftover_label(key: str) -> str:
    return _(LEFTOVER_LABELS.get(key, key))


@dataclasses.dataclass(frozen=True)
class AcceptanceInfo:
    project_id: int
    accepted_on: dt.date
    parties: tuple[str, ...]  # in PARTIES order
    final_account_fen: int
    leftover_fen: int  # received − paid when it was accepted
    leftover_action: str
    note: str
    recorded_by: str
    recorded_at: dt.datetime

    def parties_text(self) -> str:
        return ("、" if language() == "zh" else ", ").join(party_label(p) for p in self.parties)


def _info(a: Acceptance) -> AcceptanceInfo:
    parties = tuple(p for p in PARTIES if p in a.parties.split(","))
    return AcceptanceInfo(a.project_id, a.accepted_on, parties, int(a.final_account_fen), int(a.leftover_fen),
                          a.leftover_action, a.note, a.recorded_by, a.recorded_at)


def for_projects(project_ids: list[int]) -> dict[int, AcceptanceInfo]:
    """The acceptances of several projects, by project id (absent: not accepted), in one query."""
    if not project_ids:
        return {}
    return {a.project_id: _info(a) for a in Acceptance.select().where(Acceptance.project.in_(list(project_ids)))}


def get(project_id: int) -> AcceptanceInfo | None:
    return for_projects([project_id]).get(project_id)


def _check_parties(parties) -> tuple[str, ...]:
    given = [parties] if isinstance(parties, str) else list(parties or ())
    given = [p.strip() for item in given for p in str(item).split(",") if p.strip()]
    unknown = [p for p in given if p not in PARTIES]
    if unknown or not given:
        raise ValidationError(_("Who accepted it: one or more of {keys}.").format(keys=", ".join(PARTIES)), "parties")
    return tuple(p for p in PARTIES if p in given)


def accept(actor: str, project_id: int, accepted_on: dt.date, parties=PARTIES, *, final_account_fen: int,
           leftover_action: str = "none", note: str = "") -> AcceptanceInfo:
    """Record the project's acceptance once, close it (completed, closed_at) in one audited write."""
    chosen = _check_parties(parties)
    if not isinstance(accepted_on, dt.date) or isinstance(accepted_on, dt.datetime):
        raise ValidationError(_("Give the day it was accepted."), "accepted_on")
    if accepted_on > clock.today():
        raise ValidationError(_("The day of acceptance cannot be in the future."), "accepted_on")
    if not isinstance(final_account_fen, int) or isinstance(final_account_fen, bool) or not 0 <= final_account_fen <= MAX_FEN:
        raise ValidationError(_("Amount out of range."), "final_account")
    if leftover_action not in LEFTOVER_ACTIONS:
        raise ValidationError(_("What happens to the leftover: one of {keys}.").format(keys=", ".join(LEFTOVER_ACTIONS)), "leftover_action")
    note = clean_text(note, field="note", limit=2000, required=False)
    now = clock.now()
    with audit.write(actor) as w:
        project = Project.get_or_none(Project.id == project_id)
        if project is None:
            raise NotFound(_("No project with id {id}.").format(id=project_id))
        earlier = Acceptance.get_or_none(Acceptance.project == project_id)
        if earlier is not None:
            raise Conflict(_("Project {id} was already accepted on {day}.").format(id=project_id, day=earlier.accepted_on.isoformat()))
        if project.status == "cancelled":
            raise TransitionRefused(_("Project {id} is cancelled: it cannot be accepted.").format(id=project_id))
        waiting = Payment.select().where(Payment.project == project_id, Payment.status == "pending").count()
        if waiting:
            raise TransitionRefused(_("Project {id} has payments awaiting approval ({n}): approve or reject them first.").format(
                id=project_id, n=waiting))
        snap = funding.snapshot(project_id)
        if final_account_fen != snap.paid_fen:
            raise ValidationError(_("The final account {final} does not match what was paid out, {paid}: record or reverse "
                                    "the payments first.").format(final=yuan(final_account_fen), paid=yuan(snap.paid_fen)),
                                  "final_account")
        leftover = snap.balance_fen
        if leftover > 0 and leftover_action == "none":
            raise ValidationError(_("{amount} is left over: say whether it is returned or carried over.").format(
                amount=yuan(leftover)), "leftover_action")
        if leftover <= 0 and leftover_action != "none":
            raise ValidationError(_("Nothing is left over: there is nothing to return or carry over."), "leftover_action")
        seq = w.next_seq()
        Acceptance.create(project=project_id, accepted_on=accepted_on, parties=",".join(chosen),
                          final_account_fen=final_account_fen, leftover_fen=leftover, leftover_action=leftover_action,
                          note=note, recorded_by=actor, recorded_at=now, entry_seq=seq)
        Project.update(status="completed", closed_at=now, updated_at=now, version=Project.version + 1).where(
            Project.id == project_id).execute()
        w.record("project.accept", "project", project_id, accepted_on=accepted_on.isoformat(), parties=list(chosen),
                 final_account_fen=final_account_fen, received_fen=snap.received_fen, leftover_fen=leftover,
                 leftover_action=leftover_action, status_before=project.status, note=note)
    result = get(project_id)
    assert result is not None
    return result


def on_show(info: funding.ProjectInfo, now: dt.datetime, days: int) -> bool:
    """On the lobby's and the TV's lists: a project not closed, or closed less than `days` ago."""
    return info.closed_at is None or now < info.closed_at + dt.timedelta(days=max(0, days))
