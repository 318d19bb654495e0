"""Pledge by phone: the household's private code and an amount record a `pledged` entry (the
lobby's own domain call, with its audit entry and reference number). Nothing is charged online:
the page says how to pay.

In order: the CSRF token, the client's allowance, the household's allowance, then the domain
(which keeps the lasting limits). A double tap sends the form's nonce twice: the domain's
idempotency key makes it one pledge, and both taps get the same reference."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from kiosk.domain import codes, funding, household_codes, kiosk_pledges
from kiosk.domain.errors import DomainError, NotFound
from kiosk.domain.money import parse_yuan
from kiosk.i18n import _
from kiosk.web import figures
from kiosk.web.estate import pledge_form
from kiosk.web.guard import CSRF_COOKIE
from kiosk.web.pages import error_page, handler, in_scope, render, site

ACTOR = "web"


def client(request: Request) -> str:
    """The client's address (uvicorn puts the proxy's X-Forwarded-For here, from nginx only)."""
    return request.client.host if request.client else "-"


@handler(form=True)
def submit(request: Request, form: dict) -> Response:
    s = site(request)
    project_id = form.get("project", "")
    if not (project_id.isascii() and project_id.isdigit() and len(project_id) <= 9):
        raise NotFound(_("No such project."))
    info = funding.get_project(int(project_id))
    in_scope(request, info.estate_id)
    amount, nonce = form.get("amount", ""), form.get("nonce", "")

    def again(status: int, message: str) -> Response:
        return pledge_form(request, figures.one_project(info.id), status=status, error=message, amount=amount, nonce=nonce)

    if not s.csrf.valid(request.cookies.get(CSRF_COOKIE), form.get("csrf")) or not s.csrf.usable(nonce):
        return again(403, _("This form has expired. Please check and send it again."))
    ip = client(request)
    if s.wrong_codes_per_ip.blocked(ip) or not s.pledges_per_ip.hit(ip):
        return error_page(request, 429, _("Too many tries from this device. Please wait a few minutes."))
    try:
        fen = parse_yuan(amount)
    except DomainError as exc:  # before the household's allowance: a typo costs it nothing
        return again(400, str(exc))
    code = codes.normalise(form.get("code", ""))[:32]
    household = household_codes.household_of(code)
    if household is None:
        s.wrong_codes_per_ip.hit(ip)
        return again(400, _(household_codes.WRONG_CODE))
    if not s.pledges_per_household.hit(str(household)):
        return error_page(request, 429, _("Too many tries from this device. Please wait a few minutes."))
    try:
        with s.store.writing():
            done = kiosk_pledges.pledge_at_kiosk(ACTOR, info.estate_id, info.id, code, fen,
                                                 idempotency_key=f"web:{nonce}", kiosk=ACTOR)
    except NotFound as exc:  # the code names a household of another estate: the same vague answer
        s.wrong_codes_per_ip.hit(ip)
        return again(400, str(exc))
    except DomainError as exc:
        return again(400, str(exc))
    response = render(request, "pledged.html", pledge=done, pay=s.settings.pay_instructions,
                      reference=done.reference)
    response.headers["cache-control"] = "no-store"
    return response
