"""A report's public trail (what a ticket QR opens, /track?ticket=T): category, place without the
room, status, dates, staff's public notes and summary, masked (domain.reports.trail). When staff
marked it fixed and the fix is not answered yet, the page asks "修好了吗？" (a posted form, with
the CSRF token; answers per client limited like look-ups)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kiosk.config import TRACK_PATH
from kiosk.domain import report_loop, reports, tickets
from kiosk.domain.errors import DomainError
from kiosk.i18n import _
from kiosk.web.guard import CSRF_COOKIE
from kiosk.web.pages import client_allowed, error_page, form_page, handler, query, render, site

CHANNEL = "web"


def _trail_page(request: Request, typed: str, *, status: int = 200, error: str = "", thanks: str = "") -> Response:
    estate_id = site(request).fixed_estate()
    try:
        trail = reports.trail(typed, estate_id=estate_id)
    except DomainError as exc:
        return render(request, "track.html", status=404, trail=None, typed=typed, error=str(exc))
    question = report_loop.question(trail.report.ticket, estate_id=estate_id)
    context = dict(trail=trail, typed=tickets.show(trail.report.ticket), error=error, thanks=thanks,
                   category=reports.category_label(trail.report.category), status_label=reports.status_label,
                   question=question, ratings=[(k, _(v)) for k, v in report_loop.RATINGS.items()],
                   asked=_(report_loop.QUESTION))
    if question is not None:  # the answer form needs its token
        return form_page(request, "track.html", status=status, **context)
    return render(request, "track.html", status=status, csrf="", **context)


@handler
def track(request: Request) -> Response:
    typed = query(request, "ticket")
    if not typed.strip():
        return render(request, "track.html", trail=None, typed="", error="")
    if not client_allowed(request):
        return render(request, "track.html", status=429, trail=None, typed=typed,
                      error=_("Too many tries from this device. Please wait a few minutes."))
    return _trail_page(request, typed)


@handler(form=True)
def answer(request: Request, form: dict) -> Response:
    """修好了吗？ answered on the phone: the token, the client's allowance, then the domain (one
    answer per fix; 不满意 reopens the report)."""
    s = site(request)
    typed = form.get("ticket", "")[:32]
    if not s.csrf.valid(request.cookies.get(CSRF_COOKIE), form.get("csrf")):
        return _trail_page(request, typed, status=403, error=_("This form has expired. Please check and send it again."))
    host = request.client.host if request.client else "-"
    if not s.answers_per_ip.hit(host):
        return error_page(request, 429, _("Too many tries from this device. Please wait a few minutes."))
    try:
        with s.store.writing():
            done = report_loop.answer(typed, form.get("rating", ""), CHANNEL, estate_id=s.fixed_estate())
    except DomainError as exc:
        return _trail_page(request, typed, status=400, error=str(exc))
    thanks = _("Thank you for your answer")
    if done.reopened:
        thanks += " " + _("The report is open again: staff will fix it once more. "
                          "Follow it here with the same ticket number.")
    return _trail_page(request, typed, thanks=thanks)


def routes() -> list[Route]:
    return [Route(TRACK_PATH, track, methods=["GET", "HEAD"]), Route(TRACK_PATH, answer, methods=["POST"])]
