"""Open311 GeoReport v2 for the estate's reports, in JSON and XML, so that a sub-district's
hotline system (or any Open311 client) can read and file them.

  GET  /open311/v2/services.{json|xml}            the report categories
  GET  /open311/v2/services/{code}.{json|xml}     one category's definition (no extra attributes)
  GET  /open311/v2/requests.{json|xml}            filters: service_request_id, service_code,
                                                  start_date, end_date, status (open|closed)
  GET  /open311/v2/requests/{id}.{json|xml}       one report by its public id ("r1523")
  POST /open311/v2/requests.{json|xml}            api_key, service_code, address_id (a building's
                                                  id) or address_string (its name), description

A request's service_request_id is "r" and the report's database id, never its ticket: the ticket is
the resident's own receipt (it answers 修好了吗, and 不满意 reopens the report), so it is given only
to whoever files the report, in POST's service_notice, and a ticket asked for here is not found.

The kiosk's privacy rules hold: a request shows the category, the building and unit (never the
room), the status, the dates and the summary staff published (masked); what the resident wrote
and their phone stay with staff. Errors are the specification's list of {code, description}.
API keys: the settings' `open311_keys` (key -> organisation), compared in constant time."""

from __future__ import annotations

import datetime as dt
import hmac
import json
import xml.etree.ElementTree as ET

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kiosk import i18n
from kiosk.domain import estates, reports, tickets
from kiosk.domain.errors import DomainError, NotFound
from kiosk.i18n import _
from kiosk.render.safe import inert
from kiosk.web.pages import language, read_form, site

PREFIX = "/open311/v2"
FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
DEFAULT_DAYS = 90
MAX_RESULTS = 1000


class Refused(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def _xml(root: str, item: str, rows: list[dict]) -> bytes:
    top = ET.Element(root)
    for row in rows:
        el = ET.SubElement(top, item)
        for key, value in row.items():
            child = ET.SubElement(el, key)
            if isinstance(value, list):
                for v in value:
                    ET.SubElement(child, "attribute").text = inert(v)
            elif isinstance(value, bool):
                child.text = "true" if value else "false"
            elif value is not None:
                child.text = inert(value)  # XML 1.0 cannot carry control characters: pictures of them
    return b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(top, encoding="utf-8", xml_declaration=False)


def answer(fmt: str, root: str, item: str, rows: list[dict], status: int = 200) -> Response:
    fmt = fmt if fmt in FORMATS else "json"
    body = _xml(root, item, rows) if fmt == "xml" else json.dumps(rows, ensure_ascii=False).encode("utf-8")
    return Response(body, status_code=status, media_type=FORMATS[fmt], headers={"cache-control": "no-cache"})


def refused(fmt: str, status: int, description: str) -> Response:
    return answer(fmt, "errors", "error", [{"code": status, "description": description}], status)


def endpoint(fn):
    """Language, connection, the format from the path, refusals in the specification's shape."""

    async def run(request: Request) -> Response:
        form = await read_form(request) if request.method == "POST" else None
        i18n.set_language(language(request))
        fmt = request.path_params.get("fmt", "json")
        if fmt not in FORMATS:
            return refused("json", 404, _("Unknown format: use .json or .xml."))
        if isinstance(form, Response):
            return refused(fmt, form.status_code, _("The form could not be read. Please try again."))
        try:
            with site(request).store.reading():
                return fn(request, fmt, form) if form is not None else fn(request, fmt)
        except Refused as exc:
            return refused(fmt, exc.status, exc.description)
        except NotFound as exc:
            return refused(fmt, 404, str(exc))
        except DomainError as exc:
            return refused(fmt, 400, str(exc))

    return run


def _service(code: str) -> dict:
    return {"service_code": code, "service_name": reports.category_label(code), "description": reports.category_label(code),
            "metadata": False, "type": "realtime", "keywords": "", "group": ""}


def _when(at: dt.datetime | None) -> str | None:
    return at.astimezone().isoformat(timespec="seconds") if at else None


def public_id(report_id: int) -> str:
    return f"r{report_id}"


def report_id(value: str) -> int | None:
    """The database id a public id names ("r1523" -> 1523); None for anything else, a ticket included."""
    digits = value.strip()[1:]
    if value.strip()[:1] == "r" and digits.isascii() and digits.isdigit() and len(digits) <= 12 and digits[0] != "0":
        return int(digits)
    return None


def _request(r: reports.PublicReport) -> dict:
    return {
        "service_request_id": public_id(r.id),
        "status": "open" if r.status in reports.OPEN else "closed",
        "status_notes": reports.status_label(r.status),
        "service_name": reports.category_label(r.category),
        "service_code": r.category,
        "description": r.summary,  # what staff published, masked; never what the resident wrote
        "agency_responsible": "",
        "service_notice": "",
        "requested_datetime": _when(r.created_at),
        "updated_datetime": _when(r.updated_at),
        "expected_datetime": None,
        "address": f"{r.building}{r.unit}",
        "address_id": "",
        "zipcode": "",
        "lat": None,
        "long": None,
        "media_url": "",
    }


def _estate_id(request: Request, value: str | None) -> int | None:
    fixed = site(request).fixed_estate()
    if fixed is not None:
        return fixed
    if value:
        if not (value.isascii() and value.isdigit() and len(value) <= 9):
            raise Refused(400, _("jurisdiction_id must be an estate's id."))
        return estates.get_estate(int(value)).id
    return None


def _date(value: str, name: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        at = dt.datetime.fromisoformat(value[:40].replace("Z", "+00:00"))
    except ValueError:
        raise Refused(400, _("{name} must be a date and time like 2026-01-31T09:00:00+08:00.").format(name=name)) from None
    return at.astimezone().replace(tzinfo=None) if at.tzinfo else at


@endpoint
def services(request: Request, fmt: str) -> Response:
    return answer(fmt, "services", "service", [_service(c) for c in reports.CATEGORIES])


@endpoint
def service(request: Request, fmt: str) -> Response:
    code = request.path_params["code"]
    if code not in reports.CATEGORIES:
        raise Refused(404, _("Unknown service_code: services.json lists them."))
    definition = {"service_code": code, "attributes": []}
    if fmt == "xml":
        top = ET.Element("service_definition")
        ET.SubElement(top, "service_code").text = code
        ET.SubElement(top, "attributes")
        body = b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(top, encoding="utf-8", xml_declaration=False)
        return Response(body, media_type=FORMATS["xml"])
    return Response(json.dumps(definition).encode(), media_type=FORMATS["json"])


@endpoint
def request_list(request: Request, fmt: str) -> Response:
    q = request.query_params
    estate_id = _estate_id(request, q.get("jurisdiction_id"))
    wanted = None
    if q.get("service_request_id"):
        asked = (report_id(t) for t in q["service_request_id"][:2000].split(","))
        wanted = [i for i in asked if i is not None][:MAX_RESULTS]
    code = q.get("service_code", "")[:40] or None
    if code is not None and code not in reports.CATEGORIES:
        raise Refused(400, _("Unknown service_code: services.json lists them."))
    status = q.get("status", "")[:20]
    if status not in ("", "open", "closed", "open,closed", "closed,open"):
        raise Refused(400, _("status must be open or closed."))
    open_only = {"open": True, "closed": False}.get(status)
    start, end = _date(q.get("start_date", ""), "start_date"), _date(q.get("end_date", ""), "end_date")
    if wanted is None and start is None:
        start = (end or dt.datetime.now()) - dt.timedelta(days=DEFAULT_DAYS)
    rows = reports.public_search(estate_id=estate_id, ids_in=wanted, category=code, open_only=open_only,
                                 start=start, end=end, limit=MAX_RESULTS)
    return answer(fmt, "service_requests", "request", [_request(r) for r in rows])


@endpoint
def one_request(request: Request, fmt: str) -> Response:
    rid = report_id(request.path_params["rid"][:40])
    found = []
    if rid is not None:
        found = reports.public_search(estate_id=_estate_id(request, request.query_params.get("jurisdiction_id")),
                                      ids_in=[rid], limit=1)
    if not found:
        raise Refused(404, _("No report with this service_request_id."))
    return answer(fmt, "service_requests", "request", [_request(found[0])])


def _organisation(request: Request, key: str) -> str:
    for known, name in site(request).settings.open311_keys.items():
        if hmac.compare_digest(known.encode("utf-8"), key.encode("utf-8")):
            return name
    raise Refused(403, _("Invalid api_key."))


def _building(estate_id: int, form: dict) -> int:
    place_id, place = form.get("address_id", "").strip(), form.get("address_string", "").strip()
    for b in estates.layout(estate_id):
        if (place_id and str(b.id) == place_id) or (place and b.name == place):
            return b.id
    raise Refused(400, _("Name the building: address_id (a building's id) or address_string (its name)."))


@endpoint
def post_request(request: Request, fmt: str, form: dict) -> Response:
    s = site(request)
    org = _organisation(request, form.get("api_key", ""))
    if not s.reports_per_key.hit(org):
        raise Refused(429, _("Too many reports this minute. Please wait a moment and try again."))
    code = form.get("service_code", "")
    if code not in reports.CATEGORIES:
        raise Refused(404 if code else 400, _("Unknown service_code: services.json lists them.") if code
                      else _("service_code is required."))
    estate_id = _estate_id(request, form.get("jurisdiction_id"))
    if estate_id is None:
        all_estates = estates.list_estates()
        if len(all_estates) != 1:
            raise Refused(400, _("jurisdiction_id must be an estate's id."))
        estate_id = all_estates[0].id
    building = _building(estate_id, form)
    with s.store.writing():
        r = reports.submit("open311", estate_id, code, building, form.get("description", ""),
                           phone=form.get("phone") or None, kiosk=f"open311:{org}")
    # The ticket goes to the filer only, to pass on to the resident; the public id names the report.
    notice = _("Ticket number {ticket}: use it to follow the report and to answer “Is it fixed?”").format(
        ticket=tickets.show(r.ticket))
    return answer(fmt, "service_requests", "request",
                  [{"service_request_id": public_id(r.id), "service_notice": notice, "account_id": None}])


def routes() -> list[Route]:
    return [
        Route(PREFIX + "/services.{fmt}", services, methods=["GET", "HEAD"]),
        Route(PREFIX + "/services/{code}.{fmt}", service, methods=["GET", "HEAD"]),
        Route(PREFIX + "/requests.{fmt}", request_list, methods=["GET", "HEAD"]),
        Route(PREFIX + "/requests.{fmt}", post_request, methods=["POST"]),
        Route(PREFIX + "/requests/{rid}.{fmt}", one_request, methods=["GET", "HEAD"]),
    ]
