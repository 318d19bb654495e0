"""应急维修公示 on the phone: the estate's emergency repairs during their disclosure periods, each
with its cost and the shares by floor area. No rooms: a page anyone can open from anywhere says
no more than the area decides (a household's own share is at the kiosk and on the paper notice)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kiosk import clock
from kiosk.domain import emergency
from kiosk.domain.errors import NotFound
from kiosk.domain.money import area_text
from kiosk.i18n import _, ngettext
from kiosk.web.pages import cached_page, estate_of, handler


@handler
def repairs(request: Request) -> Response:
    estate = estate_of(request)
    if estate is None:
        raise NotFound(_("Choose an estate first."))
    return cached_page(request, "repairs.html", lambda: dict(
        estate=estate, repairs=[view(d) for d in emergency.current_disclosures(estate.id)], now=clock.now()))


def view(d: emergency.Disclosure) -> dict:
    """One repair's figures as the page prints them."""
    r = d.repair
    return dict(repair=r, areas=[(area_text(g.area_cm2), g.share_fen, g.households) for g in d.groups],
                served=ngettext("{n} household, {area} m² in all", "{n} households, {area} m² in all",
                                r.households).format(n=r.households, area=area_text(r.area_cm2)))


def routes() -> list[Route]:
    return [Route("/repairs", repairs, methods=["GET", "HEAD"])]
