"""Open311 GeoReport v2 as the specification says: services, service definitions, requests with
their filters, one request, POST with an API key, in JSON and XML, and the error shape (a list of
{code, description}) for 400, 403 and 404. No resident text, phone or room in any answer."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from conftest import KEY
from kiosk.db.models import Report
from kiosk.domain import estates, reports, tickets

pytestmark = pytest.mark.app
V2 = "/open311/v2"
REQUEST_FIELDS = {"service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                  "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
                  "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url"}


def errors_of(r, fmt: str) -> list[dict]:
    if fmt == "json":
        return r.json()
    root = ET.fromstring(r.content)
    assert root.tag == "errors"
    return [{"code": int(e.findtext("code")), "description": e.findtext("description")} for e in root.findall("error")]


def test_services_list_every_category_in_json_and_xml(client):
    js = client.get(f"{V2}/services.json")
    assert js.status_code == 200 and js.headers["content-type"].startswith("application/json")
    assert [s["service_code"] for s in js.json()] == list(reports.CATEGORIES)
    assert all({"service_code", "service_name", "description", "metadata", "type", "keywords", "group"} <= set(s)
               for s in js.json())
    xml = ET.fromstring(client.get(f"{V2}/services.xml").content)
    assert xml.tag == "services" and [s.findtext("service_code") for s in xml.findall("service")] == list(reports.CATEGORIES)
    d = client.get(f"{V2}/services/lift.json").json()
    assert d == {"service_code": "lift", "attributes": []}
    assert ET.fromstring(client.get(f"{V2}/services/lift.xml").content).tag == "service_definition"


def test_requests_answer_with_the_public_fields_and_filters(client, estate):
    everything = client.get(f"{V2}/requests.json", params={"start_date": "2000-01-01T00:00:00+08:00"}).json()
    public = Report.select().where(Report.hidden == False).count()  # noqa: E712
    assert len(everything) == public > 0
    assert all(set(r) == REQUEST_FIELDS for r in everything)
    assert {r["status"] for r in everything} <= {"open", "closed"}
    open_ = client.get(f"{V2}/requests.json", params={"status": "open", "start_date": "2000-01-01T00:00:00Z"}).json()
    assert open_ and all(r["status"] == "open" for r in open_)
    assert len(open_) == Report.select().where(Report.hidden == False, Report.status.in_(reports.OPEN)).count()  # noqa: E712
    code = everything[0]["service_code"]
    by_code = client.get(f"{V2}/requests.json", params={"service_code": code, "start_date": "2000-01-01"}).json()
    assert by_code and all(r["service_code"] == code for r in by_code)
    ids = [everything[0]["service_request_id"], everything[-1]["service_request_id"]]
    by_id = client.get(f"{V2}/requests.json", params={"service_request_id": ",".join(ids)}).json()
    assert sorted(r["service_request_id"] for r in by_id) == sorted(set(ids))
    future = client.get(f"{V2}/requests.json", params={"start_date": "2099-01-01T00:00:00+08:00"}).json()
    assert future == []
    xml = ET.fromstring(client.get(f"{V2}/requests.xml", params={"start_date": "2000-01-01"}).content)
    assert xml.tag == "service_requests" and len(xml.findall("request")) == public


def test_one_request_by_its_public_id_never_by_its_ticket(client):
    r = Report.select().where(Report.hidden == False).first()  # noqa: E712
    one = client.get(f"{V2}/requests/r{r.id}.json")
    assert one.status_code == 200 and [x["service_request_id"] for x in one.json()] == [f"r{r.id}"]
    assert one.json()[0]["service_code"] == r.category
    assert ET.fromstring(client.get(f"{V2}/requests/r{r.id}.xml").content).find("request/service_request_id").text == f"r{r.id}"
    # The ticket is the resident's receipt: asked for here, it names nothing.
    for fmt in ("json", "xml"):
        for asked in (r.ticket, tickets.show(r.ticket), str(r.id), f"r0{r.id}", f"R{r.id}"):
            missing = client.get(f"{V2}/requests/{asked}.{fmt}")
            assert missing.status_code == 404 and [e["code"] for e in errors_of(missing, fmt)] == [404], asked
    assert client.get(f"{V2}/requests.json", params={"service_request_id": r.ticket}).json() == []
    both = client.get(f"{V2}/requests.json", params={"service_request_id": f"{r.ticket},r{r.id}"}).json()
    assert [x["service_request_id"] for x in both] == [f"r{r.id}"]
    hidden = Report.select().where(Report.hidden == True).first()  # noqa: E712
    if hidden is not None:
        assert client.get(f"{V2}/requests/r{hidden.id}.json").status_code == 404


def _every_ticket() -> set[str]:
    found = {t for (t,) in Report.select(Report.ticket).tuples()}
    return found | {tickets.show(t) for t in found}


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_no_ticket_in_any_list_or_request(client, fmt):
    """A ticket answers 修好了吗 (不满意 reopens the report): none may be read off the public API."""
    every = _every_ticket()
    assert len(every) > 20, "the demo has reports to look for"
    listed = client.get(f"{V2}/requests.{fmt}", params={"start_date": "2000-01-01T00:00:00Z"})
    assert listed.status_code == 200
    answers = [listed.text, client.get(f"{V2}/requests.{fmt}").text]
    ids = ([x["service_request_id"] for x in listed.json()] if fmt == "json"
           else [e.text for e in ET.fromstring(listed.content).iter("service_request_id")])
    assert ids and all(i.startswith("r") for i in ids)
    answers.append(client.get(f"{V2}/requests.{fmt}", params={"service_request_id": ",".join(ids)}).text)
    answers += [client.get(f"{V2}/requests/{i}.{fmt}").text for i in ids]
    assert all(t not in text for text in answers for t in every)


def test_post_files_a_report_with_an_api_key(client, estate):
    building = estates.layout(estate.id)[0]
    form = {"api_key": KEY, "service_code": "road", "address_id": str(building.id),
            "description": "路面有坑 电话13800138000 住502", "phone": "13800138000", "jurisdiction_id": str(estate.id)}
    for fmt in ("json", "xml"):
        r = client.post(f"{V2}/requests.{fmt}", data=form)
        assert r.status_code == 200, r.text
        got = r.json()[0] if fmt == "json" else {e.tag: e.text for e in ET.fromstring(r.content).find("request")}
        rid = got["service_request_id"]
        row = Report.get(Report.id == int(rid.removeprefix("r")))
        assert rid == f"r{row.id}" and row.ticket not in rid
        assert row.category == "road" and row.building_id == building.id and row.phone == "13800138000"
        shown = client.get(f"{V2}/requests/{rid}.json").json()[0]
        assert "13800138000" not in str(shown) and "502" not in str(shown) and "路面有坑" not in str(shown)
    by_name = client.post(f"{V2}/requests.json", data=form | {"address_id": "", "address_string": building.name})
    assert by_name.status_code == 200


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_errors_are_the_specifications_list(client, estate, fmt):
    building = estates.layout(estate.id)[0]
    good = {"api_key": KEY, "service_code": "road", "address_id": str(building.id), "description": "x",
            "jurisdiction_id": str(estate.id)}
    cases = [
        (client.post(f"{V2}/requests.{fmt}", data=good | {"api_key": "wrong"}), 403),
        (client.post(f"{V2}/requests.{fmt}", data={k: v for k, v in good.items() if k != "api_key"}), 403),
        (client.post(f"{V2}/requests.{fmt}", data=good | {"service_code": ""}), 400),
        (client.post(f"{V2}/requests.{fmt}", data=good | {"service_code": "nope"}), 404),
        (client.post(f"{V2}/requests.{fmt}", data=good | {"address_id": "999999"}), 400),
        (client.post(f"{V2}/requests.{fmt}", data=good | {"description": ""}), 400),
        (client.get(f"{V2}/services/nope.{fmt}"), 404),
        (client.get(f"{V2}/requests/123456789.{fmt}"), 404),
        (client.get(f"{V2}/requests.{fmt}", params={"status": "maybe"}), 400),
        (client.get(f"{V2}/requests.{fmt}", params={"start_date": "yesterday"}), 400),
        (client.get(f"{V2}/requests.{fmt}", params={"service_code": "nope"}), 400),
    ]
    for r, status in cases:
        assert r.status_code == status, (r.request.url, r.text)
        errs = errors_of(r, fmt)
        assert len(errs) == 1 and errs[0]["code"] == status and errs[0]["description"]


def test_the_specifications_own_example_requests(client):
    """The GeoReport v2 page's examples, as a client would send them here."""
    r = client.get(f"{V2}/requests.xml", params={"start_date": "2010-05-24T00:00:00Z", "end_date": "2010-06-24T00:00:00Z",
                                                  "status": "open"})
    assert r.status_code == 200 and ET.fromstring(r.content).tag == "service_requests"
    assert ET.fromstring(r.content).findall("request") == []  # nothing of 2010 here
    r = client.get(f"{V2}/requests.json", params={"service_request_id": "638344,638349"})
    assert r.status_code == 200 and r.json() == []
    assert client.get(f"{V2}/requests/638344.xml").status_code == 404
    # The POST example names a place by lat/long only: here a report needs its building, and says so.
    r = client.post(f"{V2}/requests.xml", data={"api_key": KEY, "jurisdiction_id": "1", "service_code": "road", "lat": "37.76524078",
                                               "long": "-122.4212043", "address_string": "1234 5th street",
                                               "email": "smit222@sfgov.edu", "device_id": "tt222111",
                                               "account_id": "123456", "first_name": "john", "last_name": "smith",
                                               "phone": "111111111", "description": "A large sinkhole is destroying the street",
                                               "media_url": "http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg"})
    assert r.status_code == 400
    assert [e["code"] for e in errors_of(r, "xml")] == [400]
    assert "address_id" in errors_of(r, "xml")[0]["description"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_gives_the_filer_the_ticket_in_its_language(client, estate, fmt):
    """The filer (a hotline system) gets the public id and, in service_notice, the ticket to pass on."""
    building = estates.layout(estate.id)[0]
    form = {"api_key": KEY, "service_code": "lift", "address_id": str(building.id), "description": "电梯异响",
            "jurisdiction_id": str(estate.id)}
    for lang, words in (("zh", "受理编号 {t}：凭此编号查询进度、回答“修好了吗”"),
                        ("en", "Ticket number {t}: use it to follow the report and to answer “Is it fixed?”")):
        r = client.post(f"{V2}/requests.{fmt}?lang={lang}", data=form)
        assert r.status_code == 200, r.text
        got = r.json()[0] if fmt == "json" else {e.tag: e.text for e in ET.fromstring(r.content).find("request")}
        row = Report.get(Report.id == int(got["service_request_id"].removeprefix("r")))
        assert got["service_notice"] == words.format(t=tickets.show(row.ticket))
        # The ticket it carries is the resident's: their look-up finds this report.
        assert reports.trail(tickets.show(row.ticket), estate_id=estate.id).report.id == row.id
