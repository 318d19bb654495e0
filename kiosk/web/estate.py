"""The estate's 公示 (live notices, every project's six sources and works) and one project's page,
which the pledge QR codes open (/pledge?project=N), with its pledge form."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kiosk import clock
from kiosk.config import PLEDGE_PATH
from kiosk.domain import emergency, estates, funding, notices
from kiosk.domain import report_rates
from kiosk.domain.errors import NotFound
from kiosk.i18n import _
from kiosk.web import figures
from kiosk.web.pages import cached_page, estate_of, form_page, handler, in_scope, query_int, render, site


# The newest live notices the estate page shows (bodies cut short): the page stays under 30 KB.
NOTICES = 8


@handler
def home(request: Request) -> Response:
    estate = estate_of(request)
    if estate is None:
        return render(request, "estates.html", estates=estates.list_estates())
    return cached_page(request, "estate.html", lambda: dict(
        estate=estate, notices=notices.live(estate.id, limit=NOTICES), projects=figures.estate_projects(estate.id),
        rates=report_rates.lines(report_rates.for_estate(estate.id)), rates_note=report_rates.note(),
        rates_title=_("How residents' reports were handled"),
        repairs=emergency.current(estate.id), now=clock.now()))


def pledge_form(request: Request, project: figures.ProjectView, *, status: int = 200, error: str = "",
                amount: str = "", nonce: str | None = None) -> Response:
    """The project page with its form. The cookie keeps its nonce while it is sound, so two open
    tabs both work; `nonce` is the form's own (a double tap sends it twice: one pledge)."""
    guard = site(request).csrf
    return form_page(request, "project.html", status=status, project=project, error=error, amount=amount[:32],
                     nonce=nonce if guard.usable(nonce) else guard.new_nonce(), now=clock.now())


@handler
def project_page(request: Request) -> Response:
    project_id = query_int(request, "project")
    if project_id is None:
        raise NotFound(_("No such project."))
    in_scope(request, funding.get_project(project_id).estate_id)
    return pledge_form(request, site(request).pages.get(("project", project_id), lambda: figures.one_project(project_id)))


def routes() -> list[Route]:
    from kiosk.web import pledge

    return [
        Route("/", home, methods=["GET", "HEAD"]),
        Route(PLEDGE_PATH, project_page, methods=["GET", "HEAD"]),
        Route(PLEDGE_PATH, pledge.submit, methods=["POST"]),
    ]
