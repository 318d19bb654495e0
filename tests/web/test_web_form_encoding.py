"""Form bodies are UTF-8 whether percent-encoded (browsers, `curl --data-urlencode`) or sent as raw
bytes (some hotline clients, `curl -d 描述`): both are read the same. Only bytes that are not UTF-8
(GBK, raw or percent-encoded) are refused, with the one-line refusal in the request's language."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from conftest import KEY
from kiosk.db.models import Contribution, PledgeReference, Report, ReportFeedback
from kiosk.domain import estates, funding, report_loop, tickets
from kiosk.web.pages import urlencoded
from web_helpers import parse, text_of

pytestmark = pytest.mark.app
FORM = {"content-type": "application/x-www-form-urlencoded"}


def raw(form: dict, encoding: str = "utf-8") -> bytes:
    """The body as such a client sends it: only the form's own separators escaped, the text as bytes."""
    def esc(s: str) -> str:
        return s.replace("%", "%25").replace("&", "%26").replace("=", "%3D").replace("+", "%2B")

    return "&".join(f"{esc(k)}={esc(v)}" for k, v in form.items()).encode(encoding)


def _open311_form(estate, building) -> dict:
    return {"api_key": KEY, "service_code": "road", "address_string": building.name,
            "description": "路面塌陷，3号楼东侧", "jurisdiction_id": str(estate.id)}


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_open311_post_reads_raw_utf8_as_percent_encoded(client, estate, fmt):
    building = estates.layout(estate.id)[0]
    form = _open311_form(estate, building)
    assert not building.name.isascii()  # the building is named by its Chinese name, raw too
    body = raw(form)
    assert "路".encode() in body
    for sent in ({"content": body, "headers": FORM}, {"data": form}):
        r = client.post(f"/open311/v2/requests.{fmt}", **sent)
        assert r.status_code == 200, r.text
        newest = Report.select().order_by(Report.id.desc()).first()
        assert (newest.description, newest.building_id) == ("路面塌陷，3号楼东侧", building.id)


def test_open311_refuses_bytes_that_are_not_utf8_in_the_requests_language(client, estate):
    form = _open311_form(estate, estates.layout(estate.id)[0])
    before = Report.select().count()
    gbk = raw(form, "gbk")
    percent_gbk = raw(form).replace("路面塌陷".encode(), b"".join(b"%%%02X" % b for b in "路面塌陷".encode("gbk")))
    for body in (gbk, percent_gbk):
        for lang, words in (("zh", "无法读取表单，请重试。"), ("en", "The form could not be read. Please try again.")):
            r = client.post(f"/open311/v2/requests.json?lang={lang}", content=body, headers=FORM)
            assert r.status_code == 400
            assert r.json() == [{"code": 400, "description": words}]
    assert Report.select().count() == before


def test_a_pledge_sent_as_raw_utf8(client, estate, household_code):
    pid = funding.list_projects(estate.id, active_only=True)[0].id
    page = client.get(f"/pledge?project={pid}")
    form = dict(parse(page.text).inputs) | {"code": household_code, "amount": "１，２３４．５"}  # as an input method types it
    r = client.post("/pledge", content=raw(form), headers=FORM)
    assert r.status_code == 200, text_of(r.text)
    ref = PledgeReference.select().order_by(PledgeReference.id.desc()).first()
    assert ref.reference in r.text and Contribution.get_by_id(ref.contribution_id).amount_fen == 123450


def test_a_pledge_in_gbk_is_refused_in_one_line(client, estate, household_code):
    pid = funding.list_projects(estate.id, active_only=True)[0].id
    form = dict(parse(client.get(f"/pledge?project={pid}").text).inputs) | {"code": household_code, "amount": "１０"}
    before = Contribution.select().count()
    for lang, words in (("zh", "无法读取表单，请重试。"), ("en", "The form could not be read. Please try again.")):
        r = client.post(f"/pledge?lang={lang}", content=raw(form, "gbk"), headers=FORM)
        assert r.status_code == 400 and words in text_of(r.text)
    assert Contribution.select().count() == before


def test_an_answer_sent_as_raw_utf8(client, estate):
    r = Report.get(Report.description == "顶层卧室天花板漏雨，下雨就滴水。")
    assert report_loop.question(r.ticket, estate_id=estate.id) is not None
    form = dict(parse(client.get(f"/track?ticket={r.ticket}").text).inputs)
    # The ticket as a phone's Chinese keyboard types it: full-width digits, ideographic spaces.
    typed = tickets.show(r.ticket).translate(str.maketrans("0123456789 ", "０１２３４５６７８９　"))
    done = client.post("/track", content=raw(form | {"ticket": typed, "rating": "basic"}), headers=FORM)
    assert done.status_code == 200, text_of(done.text)
    assert "谢谢您的评价" in text_of(done.text)
    assert [f.rating for f in ReportFeedback.select().where(ReportFeedback.report == r.id)] == ["basic"]


def test_percent_encoded_and_raw_read_the_same():
    """The same fields percent-encoded (as browsers send them) and raw give the same values."""
    fields = {"description": "漏水 & 渗水 = 50%+", "empty": "", "ascii": "a b"}
    assert urlencoded(urlencode(fields).encode("ascii")) == fields
    assert urlencoded(raw(fields)) == fields
    with pytest.raises(ValueError):
        urlencoded(raw(fields, "gbk"))
