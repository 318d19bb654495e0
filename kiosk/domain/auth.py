"""Staff accounts and sign-in: scrypt (memory-hard, in the standard library), constant-time
comparison, lock-out after 5 failures for 15 minutes (the right password is refused meanwhile).

Every failed sign-in looks the same from outside: one message, one hash's worth of time,
whether the name is unknown, the password wrong, the account disabled or locked. Only the
audit log keeps the true reason, for staff.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import hmac
import os

from kiosk import clock
from kiosk.db.models import Staff
from kiosk.domain import audit
from kiosk.domain.errors import AuthError, NotFound, ValidationError
from kiosk.domain.text import clean_line
from kiosk.i18n import N_, _

MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
ROLES = ("admin", "staff")
ROLE_LABELS = {"admin": N_("administrator"), "staff": N_("staff")}
# scrypt cost: 2^15 * 8 * 128 B = 32 MiB per attempt, ~0.1 s here.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_PASSWORD = 8


@dataclasses.dataclass(frozen=True)
class StaffInfo:
    id: int
    username: str
    display_name: str
    role: str
    disabled: bool
    locked_until: dt.datetime | None
    last_login: dt.datetime | None


def _info(s: Staff) -> StaffInfo:
    return StaffInfo(s.id, s.username, s.display_name, s.role, bool(s.disabled), s.locked_until, s.last_login)


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=64 * 1024 * 1024, dklen=32)
    enc = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${enc(salt)}${enc(digest)}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                             maxmem=64 * 1024 * 1024, dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, base64.b64decode(digest))


# What a name that does not exist is checked against: the cost of a real hash (the same
# parameters), and no password matches it (its digest is random). Nothing to compute first, so
# even a process's first attempt costs one hash for an unknown name, as for a real one.
_DUMMY = "$".join(("scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P),
                   base64.b64encode(bytes(16)).decode("ascii"), base64.b64encode(os.urandom(32)).decode("ascii")))


def failed_message() -> str:
    """The one answer to every refused sign-in (it says the rule for any name, so it tells
    nobody which names exist or how many attempts an account has left)."""
    return _("Sign-in failed: wrong username or password, or the account is locked or disabled. "
             "{n} wrong passwords lock an account for {minutes} minutes.").format(
        n=MAX_FAILURES, minutes=int(LOCKOUT.total_seconds() // 60))


def _check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(_("The password needs at least {n} characters.").format(n=MIN_PASSWORD), "password")
    if any(ord(c) < 32 for c in password):
        raise ValidationError(_("The password contains control characters."), "password")


def add_staff(actor: str, username: str, password: str, *, role: str = "staff", display_name: str = "") -> StaffInfo:
    username = clean_line(username, field="username", limit=40)
    if role not in ROLES:
        raise ValidationError(_("Role must be admin or staff."), "role")
    _check_new_password(password)
    pw_hash = hash_password(password)
    with audit.write(actor) as w:
        if Staff.select().where(Staff.username == username).exists():
            raise ValidationError(_("A staff member named {name} already exists.").format(name=username), "username")
        s = Staff.create(username=username, display_name=display_name or username, role=role, password_hash=pw_hash, created_at=clock.now())
        w.record("staff.add", "staff", s.id, username=username, role=role)
    return _info(s)


def _get(username: str) -> Staff:
    s = Staff.get_or_none(Staff.username == username)
    if s is None:
        raise NotFound(_("No staff member named {name}.").format(name=username))
    return s


def set_password(actor: str, username: str, password: str) -> StaffInfo:
    _check_new_password(password)
    pw_hash = hash_password(password)
    with audit.write(actor) as w:
        s = _get(username)
        Staff.update(password_hash=pw_hash, failed_attempts=0, locked_until=None).where(Staff.id == s.id).execute()
        w.record("staff.passwd", "staff", s.id, username=username)
    return _info(_get(username))


def set_disabled(actor: str, username: str, disabled: bool = True) -> StaffInfo:
    with audit.write(actor) as w:
        s = _get(username)
        Staff.update(disabled=disabled).where(Staff.id == s.id).execute()
        w.record("staff.disable" if disabled else "staff.enable", "staff", s.id, username=username)
    return _info(_get(username))


def list_staff() -> list[StaffInfo]:
    return [_info(s) for s in Staff.select().order_by(Staff.username)]


def login(username: str, password: str) -> StaffInfo:
    """Sign in. Every refusal raises the same AuthError (failed_message); every attempt is audited."""
    # The hash first, outside the lock (it takes ~0.1 s and would hold every writer off), and
    # always exactly one: against the account's hash, or the dummy for a name that does not exist.
    stored = Staff.select(Staff.password_hash).where(Staff.username == username).scalar()
    ok = check_password(password, stored or _DUMMY)
    # A name that matches no account is not recorded, not even as the actor: people type their
    # password into the name field, and the audit log keeps everything for ever.
    with audit.write(username if stored else "login") as w:
        # Read again inside the audited write: it holds the write lock from its first statement
        # (SQLite: BEGIN IMMEDIATE; PostgreSQL: the kiosk_state row that every audited write
        # updates first), so no other sign-in reads or writes this count until we commit.
        s = Staff.get_or_none(Staff.username == username)
        signed_in = _decide(w, s, ok and s is not None and s.password_hash == stored, clock.now())
    if not signed_in:
        raise AuthError(failed_message())
    return _info(_get(username))


def _decide(w: audit.Write, s: Staff | None, password_ok: bool, now: dt.datetime) -> bool:
    """Record the attempt (its true reason is for the audit log only) and apply the lock-out."""
    if s is None:
        w.record("staff.login_failed", "staff", "", reason="unknown user")
        return False
    if s.locked_until is not None and s.locked_until > now:
        w.record("staff.login_refused", "staff", s.id, reason="locked")
        return False
    if s.disabled:
        w.record("staff.login_refused", "staff", s.id, reason="disabled")
        return False
    if password_ok:
        Staff.update(failed_attempts=0, locked_until=None, last_login=now).where(Staff.id == s.id).execute()
        w.record("staff.login", "staff", s.id)
        return True
    failures = s.failed_attempts + 1
    locked = now + LOCKOUT if failures >= MAX_FAILURES else None
    Staff.update(failed_attempts=0 if locked else failures, locked_until=locked).where(Staff.id == s.id).execute()
    w.record("staff.login_failed", "staff", s.id, failures=failures, locked=locked is not None)
    return False


def logout(username: str, reason: str = "user") -> None:
    with audit.write(username) as w:
        w.record("staff.logout", "staff", "", reason=reason)


def role_label(role: str) -> str:
    return _(ROLE_LABELS.get(role, role))
