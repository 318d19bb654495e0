import datetime as dt

import pytest

from kiosk import clock
from kiosk.domain import audit, auth
from kiosk.domain.errors import AuthError, ValidationError


def test_password_is_hashed_with_scrypt(db):
    auth.add_staff("t", "fang", "correct horse")
    from kiosk.db.models import Staff

    stored = Staff.get(Staff.username == "fang").password_hash
    assert stored.startswith("scrypt$") and "correct" not in stored
    assert auth.check_password("correct horse", stored)
    assert not auth.check_password("correct hors", stored)


def test_lockout_after_five_failures_refuses_even_the_right_password(db):
    clock.freeze(dt.datetime(2026, 11, 25, 9, 0))
    auth.add_staff("t", "fang", "correct horse")
    for i in range(4):
        with pytest.raises(AuthError) as err:
            auth.login("fang", "wrong")
        assert err.value.locked_until is None
    with pytest.raises(AuthError) as err:
        auth.login("fang", "wrong")
    assert err.value.locked_until == dt.datetime(2026, 11, 25, 9, 15)
    with pytest.raises(AuthError) as err:
        auth.login("fang", "correct horse")
    assert err.value.locked_until is not None
    clock.advance(dt.timedelta(minutes=14, seconds=59))
    with pytest.raises(AuthError):
        auth.login("fang", "correct horse")
    clock.advance(dt.timedelta(seconds=2))
    assert auth.login("fang", "correct horse").username == "fang"


def test_success_resets_the_count_and_disabled_accounts_are_refused(db):
    auth.add_staff("t", "wang", "correct horse")
    for _ in range(4):
        with pytest.raises(AuthError):
            auth.login("wang", "bad")
    auth.login("wang", "correct horse")
    for _ in range(4):
        with pytest.raises(AuthError):
            auth.login("wang", "bad")
    auth.login("wang", "correct horse")
    auth.set_disabled("t", "wang")
    with pytest.raises(AuthError):
        auth.login("wang", "correct horse")


def test_unknown_user_and_weak_password(db):
    with pytest.raises(AuthError):
        auth.login("nobody", "x")
    with pytest.raises(ValidationError):
        auth.add_staff("t", "li", "short")


def test_logins_are_audited_without_passwords(db):
    auth.add_staff("t", "fang", "correct horse")
    with pytest.raises(AuthError):
        auth.login("fang", "wrong-secret")
    auth.login("fang", "correct horse")
    rows = audit.entries(actor="fang")
    assert {r.action for r in rows} >= {"staff.login", "staff.login_failed"}
    from kiosk.db.models import AuditEntry

    blob = " ".join(e.data for e in AuditEntry.select())
    assert "wrong-secret" not in blob and "correct horse" not in blob
