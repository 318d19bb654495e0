"""Household papers read back: 一户一策 statements (each household's share, floor coefficient,
hardship and agreed amount, opinion on record; never the staff's note), household-code slips ten
to a page, QR posters whose code opens the phone page; and the font: embedded, or one line that
names the package to install."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from kiosk import i18n
from kiosk.cli import main
from kiosk.config import Settings
from kiosk.domain import codes, estates, funding, household_codes, plans
from kiosk.domain.errors import ValidationError
from kiosk.domain.money import area_text, yuan
from kiosk.paper import font, poster, slips, statements
from support import pdf as read

PRINTED = dt.datetime(2026, 11, 25, 10, 5)
pytestmark = read.needs_poppler


def a_plan() -> plans.PlanInfo:
    return plans.list_plans()[0]


def test_a_statement_per_household_with_its_share(paper_db, settings):
    plan = a_plan()
    lines = plans.shares(plan.id)
    upper = next(s for s in lines if s.floor > plan.rule.low_floors)
    plans.set_hardship("cli:test", plan.id, upper.household_id, 30, "私人原因：家中有病人")
    lower = next(s for s in lines if s.floor <= plan.rule.low_floors)
    plans.set_consent("cli:test", plan.id, lower.household_id, "agree", note="工作人员备注：电话确认")
    lines = plans.shares(plan.id)
    pages = read.page_texts(statements.build(plan.id, settings, printed=PRINTED))
    assert len(pages) == len(lines)
    for page, line in zip(pages, lines):
        assert read.squeeze(line.building + line.unit + line.room) in page
        assert "建筑面积" + area_text(line.area_cm2) in page
        assert "本户分摊" + yuan(line.share_fen) in page
        assert "登记的意见" + plans.consent_label(line.consent) in page
        assert "私人原因" not in page and "工作人员备注" not in page  # never the reasons or notes staff keep
    hardship = pages[[s.household_id for s in lines].index(upper.household_id)]
    line = next(s for s in lines if s.household_id == upper.household_id)
    assert f"系数{line.coefficient / 100:.2f}" in hardship
    assert f"困难减免-{yuan(line.hardship_fen)}(30%)" in hardship and line.hardship_fen > 0
    assert "回执" in hardship and "同意" in hardship


def test_one_households_statement_and_an_agreed_amount(paper_db, settings):
    plan = a_plan()
    line = plans.shares(plan.id)[-1]
    plans.set_override("cli:test", plan.id, line.household_id, 123_400, "协商一致")
    pages = read.page_texts(statements.build(plan.id, settings, household_id=line.household_id, printed=PRINTED))
    assert len(pages) == 1
    assert "协商金额¥1,234协商一致" in pages[0] and "本户分摊¥1,234" in pages[0]


def test_household_code_slips(paper_db, settings):
    estate = estates.list_estates()[0]
    got = {}
    issued = household_codes.issue("cli:test", estate.id, reissue=True,
                                   deliver=lambda s: got.setdefault("pdf", slips.household_codes_pdf(estate.name, s, settings)))
    pages = read.page_texts(got["pdf"])
    assert len(pages) == -(-len(issued) // 10)
    for i, slip in enumerate(issued):
        assert codes.show(slip.code).replace(" ", "") in pages[i // 10]
        assert read.squeeze(slip.label) in pages[i // 10]
    assert household_codes.household_of(issued[0].code) == issued[0].household_id  # the printed code works


def test_household_codes_are_not_issued_when_the_file_cannot_be_written(paper_db, tmp_path):
    estate = estates.list_estates()[0]
    before = [s.issued_at for s in household_codes.states(estate.id)]
    assert main(["--db", paper_db, "print", "household-codes", "--reissue", "--out", str(tmp_path / "no" / "x.pdf")]) == 1
    assert [s.issued_at for s in household_codes.states(estate.id)] == before


def test_a_poster_scans_to_the_projects_phone_page(paper_db, settings, tmp_path):
    import zxingcpp

    pdf = poster.build(1, settings, printed=PRINTED)
    text = read.text(pdf)
    project = funding.get_project(1)
    url = settings.pledge_template().format(project_id=1, estate_id=project.estate_id)
    assert read.squeeze(project.title) in text and "扫一扫" in text and url in text
    assert [r.text for r in zxingcpp.read_barcodes(read.picture(pdf, tmp_path, dpi=100))] == [url]
    assert read.images(pdf) == 0


def test_no_poster_without_a_public_address(paper_db):
    with pytest.raises(ValidationError, match="public_url"):
        poster.build(1, Settings())


def test_every_document_embeds_its_font(paper_db, settings):
    plan = a_plan()
    one = plans.shares(plan.id)[0].household_id
    for pdf in (statements.build(plan.id, settings, household_id=one, printed=PRINTED), poster.build(1, settings, printed=PRINTED)):
        fonts = read.fonts(pdf)
        assert fonts and all(f["embedded"] in ("/FontFile2", "/FontFile3") for f in fonts), fonts
        assert set(read.page_sizes(pdf)) == {read.A4_POINTS}


def test_a_font_that_cannot_draw_chinese_is_one_line(paper_db, tmp_path, capsys):
    latin = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    if not os.path.exists(latin):
        pytest.skip("needs a font without Chinese (fonts-dejavu-core)")
    with pytest.raises(font.FontMissing, match="fonts-noto-cjk"):
        font.find(latin)
    (tmp_path / "k.toml").write_text(f'paper_font = "{latin}"\n', encoding="utf-8")
    code = main(["--config", str(tmp_path / "k.toml"), "--db", paper_db, "print", "funding", "1", "--out", str(tmp_path / "f.pdf")])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "fonts-noto-cjk" in err and "Traceback" not in err
    assert not (tmp_path / "f.pdf").exists()


def test_statements_in_english(paper_db, settings):
    i18n.set_language("en")
    plan = a_plan()
    one = plans.shares(plan.id)[0].household_id
    page = read.page_texts(statements.build(plan.id, settings, household_id=one, printed=PRINTED))[0]
    assert "Onehousehold,onepolicy" in page and "Yourshare" in page


def test_the_font_setting_names_a_face_of_a_collection(paper_db, settings):
    found = font.find("")  # fontconfig's choice for Chinese
    assert font.find(f"{found.regular.path}:{found.regular.index}").regular == found.regular
    assert font._parse("/x/NotoSansCJK-Regular.ttc:2") == font.Face("/x/NotoSansCJK-Regular.ttc", 2)
    assert font._parse("/x/wqy-microhei.ttc") == font.Face("/x/wqy-microhei.ttc", 0)
    with pytest.raises(font.FontMissing, match="fonts-noto-cjk"):
        font.find("/no/such/font.ttc")


def test_plan_codes_to_a_pdf_of_slips(paper_db, tmp_path):
    plan = a_plan()
    out = tmp_path / "codes.pdf"
    assert main(["--db", paper_db, "plan", "codes", str(plan.id), "--out", str(out), "--reissue"]) == 0
    pdf = out.read_bytes()
    assert (out.stat().st_mode & 0o777) == 0o600
    pages = read.page_texts(pdf)
    lines = plans.shares(plan.id)
    assert len(pages) == -(-len(lines) // 10)
    assert all(p.count("一户一策查询码") == 10 for p in pages[:-1])
    assert read.squeeze(lines[0].building + lines[0].unit + lines[0].room) in pages[0]
