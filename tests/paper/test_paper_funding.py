"""The funding 公示 read back: every source's planned, received and pledged figures as the domain
reports them, the posting period, the audit chain's head, the QR to the project's phone page; A4,
the Chinese font embedded, no picture of text."""

from __future__ import annotations

import datetime as dt

from kiosk import i18n
from kiosk.config import Settings
from kiosk.domain import audit, estates, funding
from kiosk.domain.money import yuan
from kiosk.domain.sources import label
from kiosk.paper import funding as paper
from kiosk.paper.sheet import Period
from support import pdf as read

PRINTED = dt.datetime(2026, 11, 25, 10, 5)
pytestmark = read.needs_poppler


def test_a_project_shows_its_six_sources_as_the_domain_has_them(paper_db, settings):
    pdf = paper.build(1, settings, period=Period(dt.date(2026, 11, 25), dt.date(2026, 12, 4)), printed=PRINTED)
    text = read.text(pdf)
    snap = funding.snapshot(1)
    for s in snap.sources:
        assert read.squeeze(label(s.key) + yuan(s.planned_fen) + yuan(s.received_fen) + yuan(s.pledged_fen)) in text
    assert "合计" + yuan(snap.planned_fen) + yuan(snap.received_fen) + yuan(snap.pledged_fen) in text
    # The fixed demo's roof project, as the lobby shows it.
    assert "楼顶防水与墙体渗水修缮" in text and "¥299,800" in text and "¥300,000" in text
    assert "2026年11月25日" in text and "2026年12月4日" in text
    head = audit.head()
    assert str(head.seq) in text and head.hash[:16] in text


def test_the_sheet_is_a4_vector_with_the_chinese_font_embedded(paper_db, settings):
    pdf = paper.build(1, settings, printed=PRINTED)
    assert read.page_sizes(pdf) == [read.A4_POINTS]
    fonts = read.fonts(pdf)
    assert fonts and all(f["embedded"] in ("/FontFile2", "/FontFile3") for f in fonts), fonts
    assert any("CJK" in f["name"] or "Hei" in f["name"] for f in fonts), fonts
    assert read.images(pdf) == 0  # text and QR are drawn, not pictures


def test_the_estate_sheet_has_every_project(paper_db, settings):
    estate = estates.list_estates()[0]
    pdf = paper.build_estate(estate.id, settings, printed=PRINTED)
    text = read.text(pdf)
    assert estate.name in text
    projects = funding.list_projects(estate.id)
    assert len(projects) >= 2
    for p in projects:
        snap = funding.snapshot(p.id)
        assert p.title in text
        assert "合计" + yuan(snap.planned_fen) + yuan(snap.received_fen) + yuan(snap.pledged_fen) in text


def test_without_public_url_there_is_no_qr_and_a_line_says_so(paper_db):
    pdf = paper.build(1, Settings(), printed=PRINTED)
    assert "没有二维码" in read.text(pdf)


def test_in_english(paper_db, settings):
    i18n.set_language("en")
    text = read.text(paper.build(1, settings, printed=PRINTED))
    assert "Fundingdisclosure" in text and "Governmentsubsidy" in text and "25Nov2026" in text


def test_the_printed_qr_opens_the_projects_phone_page(paper_db, settings, tmp_path):
    import zxingcpp

    page = read.picture(paper.build(1, settings, printed=PRINTED), tmp_path)
    found = [r.text for r in zxingcpp.read_barcodes(page)]
    assert found == [settings.pledge_template().format(project_id=1, estate_id=funding.get_project(1).estate_id)]


def test_money_out_paid_balance_and_the_payments(paper_db, settings):
    from kiosk import clock
    from kiosk.domain import payments

    p = payments.enter("fang", 1, "北京盈固防水工程有限公司", "楼顶防水第一期工程款", "FK-2026-031", 12_000_000,
                       clock.today(), {"government": 9_000_000, "owners": 3_000_000})
    payments.approve("admin", p.id)
    waiting = payments.enter("fang", 1, "某某公司", "尚未批准的一笔", "FK-2026-032", 100_000, clock.today(), {"property": 100_000})
    text = read.text(paper.build(1, settings, printed=PRINTED))
    snap = funding.snapshot(1)
    assert snap.paid_fen == 12_000_000
    for s in snap.sources:
        assert read.squeeze(label(s.key) + yuan(s.planned_fen) + yuan(s.received_fen) + yuan(s.pledged_fen)
                            + yuan(s.paid_fen) + yuan(s.balance_fen)) in text
    assert "合计" + yuan(snap.planned_fen) + yuan(snap.received_fen) + yuan(snap.pledged_fen) + "¥120,000" + yuan(snap.balance_fen) in text
    assert f"{clock.today().isoformat()}北京盈固防水工程有限公司楼顶防水第一期工程款FK-2026-031¥120,000" in text
    assert waiting.status == "pending" and "尚未批准的一笔" not in text  # only approved payments are money out
