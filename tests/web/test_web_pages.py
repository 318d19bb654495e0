"""Every page of `kiosk web`: it answers, in Chinese first and in English, light, and with the very
figures of `kiosk export report` (a real run of the command, compared with what the page says)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kiosk.domain import funding, money, reports, votes
from kiosk_process import kiosk_env
from kiosk.domain.numbers import percent_of_float
from kiosk.render.bars import funded
from web_helpers import project_figures, text_of

pytestmark = pytest.mark.app

MAX_PAGE_BYTES = 30 * 1024
SOURCE_FIGURES = ("planned_fen", "received_fen", "pledged_fen", "paid_fen", "balance_fen")  # a source's row, in order


def export_report(db: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "kiosk", "--db", db, "export", "report", "--format", "json"],
                          capture_output=True, text=True, env=kiosk_env())
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_estate_page_figures_equal_export_report(client, demo_path, estate):
    page = client.get(f"/?estate={estate.id}")
    assert page.status_code == 200
    shown = project_figures(page.text)
    exported = next(e for e in export_report(demo_path)["estates"] if e["name"] == estate.name)
    assert exported["projects"], "the demo estate has projects"
    assert set(shown) == {p["id"] for p in exported["projects"]}
    for p in exported["projects"]:
        s = shown[p["id"]]
        assert (s["received"], s["target"], s["pledged"]) == (p["received_fen"], p["target_fen"], p["pledged_fen"])
        assert (s["paid"], s["balance"]) == (p["paid_fen"], p["balance_fen"])
        if p["status"] in funding.ACTIVE:  # done-with projects show one line here, the sources on their page
            assert s["sources"] == {x["key"]: [x[k] for k in SOURCE_FIGURES] for x in p["sources"]}
        sources = project_figures(client.get(f"/pledge?project={p['id']}").text)[p["id"]]["sources"]
        assert sources == {x["key"]: [x[k] for k in SOURCE_FIGURES] for x in p["sources"]}
        assert money.yuan(p["received_fen"]) in page.text
        # The percentage as every screen prints it (rounded down: never 100% before the target).
        assert s["funded"] == str(funded(funding.snapshot(p["id"])))
        assert s["works"] == str(percent_of_float(p["works_percent"]))


def test_project_page_is_what_the_pledge_qr_opens(client, web_settings, demo_path):
    project = funding.list_projects(active_only=True)[0]
    url = web_settings.pledge_template().format(project_id=project.id, estate_id=project.estate_id)
    path = url.removeprefix(web_settings.public_base())
    assert path == f"/pledge?project={project.id}"
    page = client.get(path)
    assert page.status_code == 200
    f = project_figures(page.text)[project.id]
    exported = {p["id"]: p for e in export_report(demo_path)["estates"] for p in e["projects"]}[project.id]
    assert (f["received"], f["target"], f["pledged"]) == (exported["received_fen"], exported["target_fen"], exported["pledged_fen"])
    assert "<svg" in page.text and "<script" not in page.text
    assert 'name="csrf"' in page.text and "kiosk_csrf" in page.headers["set-cookie"]


def test_the_track_qr_opens_the_trail(client, web_settings, estate):
    report = reports.queue(estate_id=estate.id, include_hidden=False)[0]
    url = web_settings.track_template().format(ticket=report.ticket)
    page = client.get(url.removeprefix(web_settings.public_base()))
    assert page.status_code == 200
    assert 'id="trail"' in page.text
    assert reports.status_label(report.status) in page.text


def test_daily_disclosure_shows_the_chain_head(client, estate):
    from kiosk.domain import audit

    page = client.get(f"/today?estate={estate.id}")
    assert page.status_code == 200
    head = audit.head()
    assert head.hash in page.text and str(head.seq) in page.text


def test_vote_receipt_and_closed_results(client, estate):
    from kiosk.db.models import Ballot

    ballot = Ballot.select().first()
    assert ballot is not None, "the demo has ballots"
    page = client.get("/vote", params={"receipt": ballot.receipt})
    assert page.status_code == 200 and 'id="found"' in page.text
    assert client.get("/vote", params={"receipt": "0000000000"}).status_code == 404
    closed = [p for e in [estate] for p in votes.closed_polls(e.id)]
    if closed:
        res = client.get("/vote/result", params={"poll": closed[0].id})
        assert res.status_code == 200
        for o in votes.public_results(closed[0].id).options:
            assert str(o.counts.owners) in text_of(res.text)
    open_polls = votes.open_polls(estate.id)
    if open_polls:  # results are public only once closed
        assert client.get("/vote/result", params={"poll": open_polls[0].id}).status_code == 400


@pytest.mark.parametrize("path", ["/", "/pledge?project=1", "/track", "/vote", "/today", "/static/web.css"])
def test_every_page_is_light_and_has_no_script(client, estate, path):
    sep = "&" if "?" in path else "?"
    r = client.get(f"{path}{sep}estate={estate.id}")
    assert r.status_code == 200
    assert len(r.content) <= MAX_PAGE_BYTES
    assert "<script" not in r.text and "http://" not in r.text.replace("http://www.w3.org", "")
    assert "https://" not in r.text  # no CDN, no web font: the estate's network may be offline


def test_chinese_first_english_on_request(client, estate):
    zh = client.get(f"/?estate={estate.id}")
    assert 'lang="zh-CN"' in zh.text and "已到账" in zh.text and "Received" not in zh.text
    en = client.get(f"/?estate={estate.id}&lang=en")
    assert 'lang="en"' in en.text and "Received" in en.text
    by_header = client.get(f"/?estate={estate.id}", headers={"accept-language": "en-GB,en;q=0.9,zh;q=0.1"})
    assert 'lang="en"' in by_header.text
    zh_header = client.get(f"/?estate={estate.id}", headers={"accept-language": "zh-CN,zh;q=0.9,en;q=0.8"})
    assert 'lang="zh-CN"' in zh_header.text


def test_security_headers_on_pages_errors_and_api(client):
    for path in ["/", "/nope", "/pledge?project=999999", "/open311/v2/services.json", "/static/web.css"]:
        h = client.get(path).headers
        csp = h["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src" not in csp and "default-src 'none'" in csp
        assert "unsafe-inline" not in csp
        assert h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"] == "no-referrer"


def test_unknown_things_are_plain_404s(client):
    for path in ["/nope", "/pledge?project=999999", "/pledge", "/vote/result?poll=999999", "/vote/result"]:
        r = client.get(path)
        assert r.status_code == 404, path
        assert "Traceback" not in r.text


def test_every_template_string_is_kept_for_the_catalog():
    import re
    from pathlib import Path

    from kiosk.web import pages, words

    used = set()
    for t in Path(pages.TEMPLATES).glob("*.html"):
        used |= {a or b for a, b in re.findall(r'_\("([^"]*)"\)|_\(\'([^\']*)\'\)', t.read_text())}
    assert used and used <= set(words.TEMPLATE_WORDS), used - set(words.TEMPLATE_WORDS)


def test_the_stylesheet_colours_the_sources_as_the_kiosk_does(client):
    from kiosk.render.palette import SOURCE_COLOURS

    css = client.get("/static/web.css").text
    for key, colour in SOURCE_COLOURS.items():
        assert f".{key}{{background:{colour}}}" in css
