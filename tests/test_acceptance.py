"""竣工验收: recorded once, in one audited write that closes the project; the final account must be
what was paid out; the leftover (received − paid) must say where it goes; closed projects stay on
the lobby's and TV's lists for the configured days and then leave them (exports keep them)."""

import datetime as dt

import pytest

from kiosk import clock
from kiosk.db.models import Acceptance, AuditEntry, Project
from kiosk.domain import acceptance, auth, disclosure, estates, funding, ledger, payments, verify
from kiosk.domain.errors import Conflict, TransitionRefused, ValidationError
from kiosk.domain.money import yuan
from kiosk.i18n import _

from intruder import tamper

ACTOR = "test"
NOW = dt.datetime(2026, 11, 25, 10, 0)


@pytest.fixture
def project(db):
    """¥8,000.00 received (government ¥5,000, owners ¥3,000), ¥6,500.01 paid out and approved."""
    clock.freeze(NOW)
    for name in ("fang", "li"):
        auth.add_staff(ACTOR, name, "correct horse", role="staff")
    e = estates.add_estate(ACTOR, "验收小区")
    p = funding.create_project(ACTOR, e.id, "屋顶防水", 10_000_00, status="in_progress")
    ledger.record(ACTOR, p.id, "government", 5_000_00, status="received", contributor="区住建委")
    ledger.record(ACTOR, p.id, "owners", 3_000_00, status="received", contributor="业主")
    paid = payments.enter("fang", p.id, "京防水工程公司", "防水层", "HT-1", 6_500_01, clock.today(),
                          {"government": 5_000_00, "owners": 1_500_01})
    payments.approve("li", paid.id)
    return p


def _accept(p, **kw):
    args = dict(final_account_fen=6_500_01, leftover_action="returned", note="剩余退还业主")
    args.update(kw)
    return acceptance.accept(ACTOR, p.id, dt.date(2026, 11, 20), ("owners", "community"), **args)


def test_acceptance_closes_the_project_once_with_the_leftover(project):
    before = AuditEntry.select().count()
    a = _accept(project)
    assert (a.final_account_fen, a.leftover_fen, a.leftover_action) == (6_500_01, 1_499_99, "returned")
    assert a.parties == ("owners", "community")
    assert a.leftover_fen == funding.snapshot(project.id).balance_fen == 8_000_00 - 6_500_01
    info = funding.get_project(project.id)
    assert (info.status, info.closed_at) == ("completed", NOW)
    entries = list(AuditEntry.select().where(AuditEntry.seq > before))
    assert [e.action for e in entries] == ["project.accept"]
    assert Acceptance.get().entry_seq == entries[0].seq
    with pytest.raises(Conflict) as again:
        _accept(project)
    assert "2026-11-20" in str(again.value)
    assert Acceptance.select().count() == 1


def test_a_final_account_other_than_what_was_paid_is_refused(project):
    with pytest.raises(ValidationError) as refused:
        _accept(project, final_account_fen=6_500_00)
    assert str(refused.value) == _("The final account {final} does not match what was paid out, {paid}: record or reverse "
                                   "the payments first.").format(final=yuan(6_500_00), paid=yuan(6_500_01))
    assert funding.get_project(project.id).status == "in_progress" and Acceptance.select().count() == 0


def test_a_leftover_must_say_where_it_goes_and_none_needs_nothing(project):
    with pytest.raises(ValidationError):
        _accept(project, leftover_action="none")
    assert Project.get_by_id(project.id).closed_at is None
    more = payments.enter("fang", project.id, "京防水工程公司", "尾款", "HT-2", 1_499_99, clock.today(), {"owners": 1_499_99})
    payments.approve("li", more.id)
    with pytest.raises(ValidationError):
        _accept(project, final_account_fen=8_000_00, leftover_action="carried_over")
    a = _accept(project, final_account_fen=8_000_00, leftover_action="none")
    assert a.leftover_fen == 0


def test_a_payment_awaiting_approval_holds_the_acceptance(project):
    payments.enter("fang", project.id, "监理公司", "监理费", "JL-1", 100_00, clock.today(), {"owners": 100_00})
    with pytest.raises(TransitionRefused):
        _accept(project)


@pytest.mark.parametrize("parties", [(), ("owners", "mayor")])
def test_who_accepted_must_be_named_from_the_three(project, parties):
    with pytest.raises(ValidationError):
        acceptance.accept(ACTOR, project.id, dt.date(2026, 11, 20), parties, final_account_fen=6_500_01,
                          leftover_action="returned")


def test_an_acceptance_in_the_future_is_refused(project):
    with pytest.raises(ValidationError):
        acceptance.accept(ACTOR, project.id, dt.date(2026, 11, 26), final_account_fen=6_500_01, leftover_action="returned")


def test_closed_projects_leave_the_lists_at_the_end_of_the_period_but_not_the_export(project):
    _accept(project)
    info = funding.get_project(project.id)
    closed = info.closed_at
    assert acceptance.on_show(info, closed + dt.timedelta(days=90) - dt.timedelta(seconds=1), 90)
    assert not acceptance.on_show(info, closed + dt.timedelta(days=90), 90)
    assert not acceptance.on_show(info, closed, 0)
    open_one = funding.create_project(ACTOR, info.estate_id, "路灯", 1_000_00)
    assert acceptance.on_show(funding.get_project(open_one.id), closed + dt.timedelta(days=3650), 90)
    clock.freeze(closed + dt.timedelta(days=400))
    exported = disclosure.as_dict(disclosure.collect(info.estate_id))
    assert project.id in [p["id"] for p in exported["estates"][0]["projects"]]


def test_no_money_in_or_out_after_the_acceptance(project):
    _accept(project)
    with pytest.raises(ValidationError):
        ledger.record(ACTOR, project.id, "owners", 100, status="received", contributor="业主")
    with pytest.raises(ValidationError):
        payments.enter("fang", project.id, "京防水工程公司", "补漏", "HT-3", 100, clock.today(), {"owners": 100})
    assert funding.snapshot(project.id).balance_fen == acceptance.get(project.id).leftover_fen


@pytest.mark.parametrize("sql", [
    "UPDATE acceptance SET final_account_fen = final_account_fen + 1 WHERE project_id = {id}",
    "UPDATE acceptance SET leftover_fen = 0, leftover_action = 'none' WHERE project_id = {id}",
    "UPDATE acceptance SET parties = 'owners,property,community' WHERE project_id = {id}",
    "UPDATE acceptance SET accepted_on = '2026-01-01' WHERE project_id = {id}",
    "UPDATE acceptance SET recorded_by = 'someone' WHERE project_id = {id}",
    "DELETE FROM acceptance WHERE project_id = {id}",
])
def test_verify_sees_an_altered_or_deleted_acceptance(project, db_path, sql):
    _accept(project)
    assert verify.run(full=True).ok
    tamper(db_path, sql.format(id=project.id))
    where = _("acceptance of project {id}").format(id=project.id)
    faults = [f for f in verify.run(full=True).faults if not f.where.startswith("trigger ")]
    assert [f.where for f in faults] == [where], faults


@pytest.mark.parametrize("sql", [
    "UPDATE acceptance SET final_account_fen = final_account_fen + 1 WHERE project_id = {id}",
    "DELETE FROM acceptance WHERE project_id = {id}",
    "UPDATE project SET closed_at = NULL WHERE id = {id}",
])
def test_the_database_itself_keeps_an_acceptance_and_the_closing_as_recorded(project, db_path, sql):
    """The guards refuse the edit before verify has to find it (both back-ends)."""
    import peewee

    from kiosk.db.models import database
    _accept(project)
    with pytest.raises(peewee.IntegrityError):
        with database.atomic():
            database.execute_sql(sql.format(id=project.id))
    assert Acceptance.select().count() == 1 and funding.get_project(project.id).closed_at == NOW
