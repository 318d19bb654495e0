import datetime as dt

import pytest

from kiosk import clock
from kiosk.domain import estates, reports
from kiosk.domain.errors import TransitionRefused, ValidationError


@pytest.fixture
def place(db):
    from kiosk.db.models import Building, Unit

    e = estates.add_estate("t", "测试小区")
    b = Building.create(estate=e.id, name="1号楼")
    u = Unit.create(building=b, name="1单元")
    return e.id, b.id, u.id


def test_lifecycle_allows_only_the_listed_moves(place):
    e, b, u = place
    r = reports.submit("kiosk", e, "roof_leak", b, "顶楼漏雨", unit_id=u, floor=6, phone="13800001234")
    assert r.ticket.isdigit() and r.status == "new"
    with pytest.raises(TransitionRefused):
        reports.transition("s", r.id, "resolved")
    reports.transition("s", r.id, "accepted", "已受理")
    reports.transition("s", r.id, "in_progress")
    reports.transition("s", r.id, "resolved", "已修好")
    reports.transition("s", r.id, "closed")
    with pytest.raises(TransitionRefused):
        reports.transition("s", r.id, "in_progress")
    trail = reports.trail(r.ticket, estate_id=e)
    assert [s.status for s in trail.steps] == ["new", "accepted", "in_progress", "resolved", "closed"]
    assert not hasattr(trail.report, "phone") and not hasattr(trail.report, "description")


def test_me_too_and_merge_add_up(place):
    e, b, u = place
    a = reports.submit("kiosk", e, "seepage", b, "墙体渗水")
    dup = reports.submit("kiosk", e, "seepage", b, "北墙渗水")
    reports.me_too("kiosk", dup.id)
    offered = reports.similar_open(e, "seepage", b)
    assert {rid for rid, _r in offered} == {a.id, dup.id}
    merged = reports.merge("s", dup.id, a.id)
    assert merged.me_too == 1  # the duplicate's household; its tap without a code is counted apart
    assert reports.unregistered_me_too([a.id]) == {a.id: 1}
    assert reports.get(dup.id).status == "merged"


def test_me_too_answers_the_count_and_no_ticket(place):
    """A ticket answers 修好了吗, so 我也遇到 (code or not) hands it to no one: only the counts."""
    import dataclasses

    e, b, u = place
    r = reports.submit("kiosk", e, "seepage", b, "墙体渗水")
    done = reports.me_too("kiosk", r.id, kiosk="k1")
    assert (done.report_id, done.counted, done.households, done.apart) == (r.id, False, 1, 1)
    assert r.ticket not in repr(dataclasses.astuple(done)) and not hasattr(done, "ticket")


def test_hidden_report_keeps_its_text_for_the_record(place):
    e, b, u = place
    r = reports.submit("kiosk", e, "other", b, "辱骂内容")
    reports.publish_summary("s", r.id, "有居民反映问题")
    reports.hide("s", r.id, "辱骂")
    assert reports.get(r.id).description == "辱骂内容"
    assert reports.trail(r.ticket, estate_id=e).report.summary == ""


def test_rate_limit_and_validation(place):
    e, b, u = place
    clock.freeze(dt.datetime(2026, 11, 25, 10, 0))
    for _ in range(3):
        reports.submit("kiosk", e, "road", b, "路面坑洼", per_minute=3)
    with pytest.raises(ValidationError) as err:
        reports.submit("kiosk", e, "road", b, "路面坑洼", per_minute=3)
    assert err.value.field == "rate"
    clock.advance(dt.timedelta(minutes=2))
    reports.submit("kiosk", e, "road", b, "路面坑洼", per_minute=3)
    for bad in [dict(category="nope"), dict(description=""), dict(description="x" * 301), dict(phone="12ab"),
                dict(description="\x1b[2J清屏")]:
        args = {"category": "road", "description": "ok"} | bad
        with pytest.raises(ValidationError):
            reports.submit("kiosk", e, args["category"], b, args["description"], phone=args.get("phone"))


def test_markup_is_stored_verbatim(place):
    e, b, u = place
    r = reports.submit("kiosk", e, "other", b, "[b]粗体[/b] [@click=app.quit]退出[/]")
    assert reports.get(r.id).description == "[b]粗体[/b] [@click=app.quit]退出[/]"


# ---- residents' words stay with staff -------------------------------------------------------

PRIVATE = "张三 13800138000 住502室，身份证110101199003071234"


def _public_dumps(e: int, b: int, ticket: str) -> str:
    """Everything the public functions return for this estate, as one text."""
    import dataclasses

    parts = [reports.trail(ticket, estate_id=e)]
    parts += [r for _id, r in reports.similar_open(e, "roof_leak", b)]
    parts += reports.recently_resolved(e, days=3650)
    return repr([dataclasses.asdict(p) for p in parts])


def test_a_description_never_reaches_the_public(place):
    e, b, u = place
    r = reports.submit("kiosk", e, "roof_leak", b, PRIVATE, unit_id=u, phone="13900001111")
    reports.me_too("kiosk", r.id)
    reports.transition("s", r.id, "accepted")
    assert reports.get(r.id).description == PRIVATE  # staff read it
    public = _public_dumps(e, b, r.ticket)
    for secret in ("张三", "13800138000", "502", "110101199003071234", "13900001111"):
        assert secret not in public
    assert r.ticket in public  # the check looked at the right report


def test_staff_publish_a_masked_summary_with_its_audit_entry(place):
    from kiosk.domain import audit
    from kiosk.domain.errors import Conflict

    e, b, u = place
    r = reports.submit("kiosk", e, "roof_leak", b, PRIVATE, unit_id=u)
    info = reports.publish_summary("fang", r.id, "顶楼漏雨，联系电话 138 0013 8000，住５０２室", expected_version=r.version)
    shown = "顶楼漏雨，联系电话 138****8000，住***室"
    assert info.summary == shown and info.version == r.version + 1
    assert reports.trail(r.ticket, estate_id=e).report.summary == shown
    assert [p.summary for _id, p in reports.similar_open(e, "roof_leak", b)] == [shown]
    assert [s.status for s in reports.trail(r.ticket, estate_id=e).steps] == ["new"]  # not a status step
    entry = audit.entries(entity="report", entity_id=str(r.id))[0]
    assert (entry.actor, entry.action, entry.data) == ("fang", "report.summary", {"summary": shown})
    with pytest.raises(Conflict):
        reports.publish_summary("wuye", r.id, "别的", expected_version=r.version)
    reports.publish_summary("fang", r.id, "")  # withdrawn
    assert reports.trail(r.ticket, estate_id=e).report.summary == ""
    assert reports.get(r.id).updated_at == r.updated_at  # the status date is not the wording's


def test_staff_public_notes_are_masked(place):
    e, b, u = place
    r = reports.submit("kiosk", e, "roof_leak", b, "漏雨")
    reports.transition("s", r.id, "accepted", "已联系 2单元502 业主，电话13800138000")
    dup = reports.submit("kiosk", e, "roof_leak", b, "漏雨")
    reports.merge("s", dup.id, r.id)
    notes = [s.note for s in reports.trail(r.ticket, estate_id=e).steps]
    assert notes == ["", "已联系 2单元*** 业主，电话138****8000"]
    # The default note of a merged report names the report it joined: a ticket is not a phone.
    assert reports.trail(dup.ticket, estate_id=e).steps[-1].note == r.ticket


# ---- tickets ---------------------------------------------------------------------------------


def test_tickets_are_random_with_a_check_digit(place):
    from kiosk.domain import tickets

    e, b, u = place
    clock.freeze(dt.datetime(2026, 11, 25, 10, 0))
    made = [reports.submit("kiosk", e, "road", b, "路面坑洼").ticket for _ in range(12)]
    assert all(len(t) == 9 and t.isdigit() and tickets.has_valid_check(t) for t in made)
    assert len(set(made)) == 12
    # Not a sequence: neighbours in time are far apart.
    assert sum(abs(int(a) - int(b)) < 1000 for a, b in zip(made, made[1:])) <= 1


def test_no_daily_ceiling_and_old_tickets_are_still_found(place):
    """999 reports of one day under the old scheme (yymmdd001…999), then more on the same day."""
    from kiosk.db.models import Report

    e, b, u = place
    at = dt.datetime(2026, 11, 25, 9, 0)
    Report.insert_many([dict(estate=e, ticket=f"261125{n:03d}", category="road", building=b, description="旧",
                             status="new", created_at=at, updated_at=at) for n in range(1, 1000)]).execute()
    clock.freeze(dt.datetime(2026, 11, 25, 10, 0))
    new = [reports.submit("kiosk", e, "road", b, "路面坑洼") for _ in range(3)]
    assert len({r.ticket for r in new}) == 3
    assert reports.trail("261125999", estate_id=e).report.category == "road"
    assert reports.trail("261 125 001", estate_id=e).report.ticket == "261125001"


def test_a_typo_is_caught_by_the_check_digit(place):
    from kiosk.domain import tickets

    e, b, u = place
    r = reports.submit("kiosk", e, "road", b, "路面坑洼")
    t = r.ticket
    grouped = tickets.show(t)
    full_width = t.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    for typed in (t, grouped, f"{t[:3]}-{t[3:6]}-{t[6:]}", full_width, f"{t[:4]}\u3000{t[4:]}"):
        assert reports.trail(typed, estate_id=e).report.ticket == t
    wrong_digit = t[:4] + str((int(t[4]) + 1) % 10) + t[5:]
    swapped = next(t[:i] + t[i + 1] + t[i] + t[i + 2:] for i in range(8) if t[i] != t[i + 1])
    for typo in (wrong_digit, swapped, t[:-1], t + "1"):
        with pytest.raises(ValidationError) as err:
            reports.trail(typo, estate_id=e)
        assert err.value.field == "ticket"


def test_the_check_digit_catches_every_single_error_and_neighbour_swap():
    import random

    from kiosk.domain import tickets

    rng = random.Random(7064)
    for _ in range(200):
        body = "".join(str(rng.randrange(10)) for _ in range(8))
        t = body + tickets.check_digit(body)
        assert tickets.has_valid_check(t)
        for i in range(9):
            for d in "0123456789":
                if d != t[i]:
                    assert not tickets.has_valid_check(t[:i] + d + t[i + 1:])
            if i < 8 and t[i] != t[i + 1]:
                assert not tickets.has_valid_check(t[:i] + t[i + 1] + t[i] + t[i + 2:])


def test_a_ticket_is_found_only_at_its_own_estate(place):
    from kiosk.db.models import Building
    from kiosk.domain import tickets
    from kiosk.domain.errors import NotFound

    e, b, u = place
    other = estates.add_estate("t", "别的小区")
    ob = Building.create(estate=other.id, name="9号楼")
    theirs = reports.submit("kiosk", other.id, "road", ob.id, "路面坑洼")
    assert reports.trail(theirs.ticket, estate_id=other.id).report.building == "9号楼"
    body = "12345678"
    unknown = body + tickets.check_digit(body)
    messages = []
    for ticket in (theirs.ticket, unknown):
        with pytest.raises(NotFound) as err:
            reports.trail(ticket, estate_id=e)
        messages.append(str(err.value).replace(tickets.show(ticket), "#"))
    assert messages[0] == messages[1]


def test_the_rate_limit_counts_each_kiosk_apart(place):
    from kiosk.domain import audit

    e, b, u = place
    clock.freeze(dt.datetime(2026, 11, 25, 10, 0))
    for _ in range(2):
        reports.submit("lobby", e, "road", b, "路面坑洼", per_minute=2, kiosk="box-a")
    with pytest.raises(ValidationError) as err:
        reports.submit("lobby", e, "road", b, "路面坑洼", per_minute=2, kiosk="box-a")
    assert err.value.field == "rate"
    r = reports.submit("lobby", e, "road", b, "路面坑洼", per_minute=2, kiosk="box-b")  # another kiosk is not blocked
    assert audit.entries(entity="report", entity_id=str(r.id))[0].data["kiosk"] == "box-b"
    clock.advance(dt.timedelta(minutes=2))
    reports.submit("lobby", e, "road", b, "路面坑洼", per_minute=2, kiosk="box-a")


def test_a_lobby_names_itself_for_the_rate_limit():
    from kiosk.screens.lobby.report.this_kiosk import kiosk_name

    assert kiosk_name() == kiosk_name() and str(__import__("os").getpid()) in kiosk_name()
