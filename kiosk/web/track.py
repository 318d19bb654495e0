"""A report's public trail (what a ticket QR opens, /track?ticket=T): category, place without the
room, status, dates, staff's public notes and summary, masked (domain.reports.trail)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kiosk.config import TRACK_PATH
from kiosk.domain import reports, tickets
from kiosk.domain.errors import DomainError
from kiosk.i18n import _
from kiosk.web.pages import client_allowed, handler, query, render, site


@handler
def track(request: Request) -> Response:
    typed = query(request, "ticket")
    if not typed.strip():
        return render(request, "track.html", trail=None, typed="", error="")
    if not client_allowed(request):
        return render(request, "track.html", status=429, trail=None, typed=typed,
                      error=_("Too many tries from this device. Please wait a few minutes."))
    try:
        trail = reports.trail(typed, estate_id=site(request).fixed_estate())
    except DomainError as exc:
        return render(request, "track.html", status=404, trail=None, typed=typed, error=str(exc))
    return render(request, "track.html", trail=trail, typed=tickets.show(trail.report.ticket), error="",
                  category=reports.category_label(trail.report.category), status_label=reports.status_label)


def routes() -> list[Route]:
    return [Route(TRACK_PATH, track, methods=["GET", "HEAD"])]
