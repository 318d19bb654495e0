"""The `kiosk web` application: every page group's routes, the stylesheet, the security headers."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from kiosk import i18n
from kiosk.config import Settings
from kiosk.i18n import _
from kiosk.web import estate, open311, repairs, today, track, votes
from kiosk.web.guard import Csrf, SecurityHeaders
from kiosk.web.pages import Site, error_page, language
from kiosk.web.store import Store

CSS = Path(__file__).with_name("static") / "web.css"


async def stylesheet(request: Request) -> Response:
    return FileResponse(CSS, media_type="text/css", headers={"cache-control": "public, max-age=86400"})


async def not_found(request: Request, exc: Exception) -> Response:
    i18n.set_language(language(request))
    status = getattr(exc, "status_code", 404)
    return error_page(request, status, _("Not found.") if status == 404 else _("This request was refused."))


async def server_error(request: Request, exc: Exception) -> Response:
    i18n.set_language(language(request))
    return error_page(request, 503, _("The service is busy or its database is out of reach. Please try again later."))


def build(settings: Settings) -> Starlette:
    routes = [Route("/static/web.css", stylesheet, methods=["GET", "HEAD"])]
    for group in (estate, track, votes, today, repairs, open311):
        routes += group.routes()
    app = Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)],
                    exception_handlers={404: not_found, 405: not_found, 500: server_error})
    app.state.site = Site(settings, Store(settings), Csrf())
    return app
