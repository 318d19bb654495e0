"""今日公示: money received today and in total per source, works progress, and the audit chain's
head (domain.disclosure.daily: what the display's daily slide shows)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kiosk.domain import disclosure
from kiosk.domain.errors import NotFound
from kiosk.domain.sources import SOURCES, label
from kiosk.i18n import _
from kiosk.web import figures
from kiosk.web.pages import cached_page, estate_of, handler


@handler
def today(request: Request) -> Response:
    estate = estate_of(request)
    if estate is None:
        raise NotFound(_("Choose an estate first."))

    def compute() -> dict:
        d = disclosure.daily(estate.id)
        rows = [(label(k), d.received_today.get(k, 0), d.received_total.get(k, 0)) for k in SOURCES]
        return dict(estate=estate, day=d, rows=rows, projects=figures.estate_projects(estate.id),
                    today_total=sum(d.received_today.values()), total=sum(d.received_total.values()))

    return cached_page(request, "today.html", compute)


def routes() -> list[Route]:
    return [Route("/today", today, methods=["GET", "HEAD"])]
