"""The slide renderers on the demo data: every kind draws in both languages at 80x24 and on a TV,
pages fit the stage, typed text stays inert, no private data shows, the TV's QR code scans."""

import datetime as dt

import pytest
from rich.cells import cell_len
from rich.console import Console

from kiosk import clock, i18n
from kiosk.config import Settings
from kiosk.db.models import Household, Report
from kiosk.display import deck, kinds
from kiosk.domain import notices, tickets
from kiosk.render.slides import emergency, pledge
from kiosk.render.slides.bignum import BlockNumber
from kiosk.render.slides.pager import paginate

SIZES = [(80, 22), (232, 63)]  # the stage of an 80x24 terminal and of a 240x67 TV


def all_pages(d, width, height):
    out = {}
    for key in kinds.known():
        items = kinds.get(key).render(d.data.get(key), width, height)
        out[key] = [paginate(item, width, height) for item in items]
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width, height", SIZES)
def test_every_kind_draws_and_fits(demo_db, lang, width, height):
    i18n.set_language(lang)
    d = deck.load(None, Settings(), kinds.known())
    pages = all_pages(d, width, height)
    shown = {k for k, items in pages.items() if items}
    # votes: the demo's open carport poll (its closed road poll is older than a week).
    # repairs: the demo's roof leak, disclosed three days ago.
    # rates: the demo's reports, answered "fixed?" (kiosk.demo.report_answers).
    assert shown == {"notices", "funding", "fixed", "rates", "meetings", "pledge", "daily", "votes", "repairs"}
    assert len(pages["notices"]) == 4 and len(pages["funding"]) == 2
    for key, items in pages.items():
        for item in items:
            for page in item:
                assert len(page.lines) <= height, key
                for line in page.lines:
                    assert sum(cell_len(s.text) for s in line) <= width, (key, "".join(s.text for s in line))
    text = "\n".join(p.plain() for items in pages.values() for item in items for p in item)
    if lang == "zh":
        assert "今日到账" in text and "已解决" in text and "政府补一点" in text and "已到账" in text
        assert "车棚顶棚更换材料" in text and "参与：面积" in text
    else:
        assert "Solved" in text and "Government subsidy" in text and "Received" in text


def test_no_private_data_on_any_slide(demo_db):
    d = deck.load(None, Settings(), kinds.known())
    text = "\n".join(p.plain() for size in SIZES for items in all_pages(d, *size).values() for item in items for p in item)
    private = [h.phone for h in Household.select() if h.phone] + [r.phone for r in Report.select() if r.phone]
    private += [h.owner_name for h in Household.select() if h.owner_name and len(h.owner_name) > 1]
    assert private
    leaked = [p for p in private if p in text]
    assert leaked == []
    # Report descriptions are typed by residents: the board names the category and place only.
    assert "顶层卧室天花板漏雨" not in text
    # Nor any ticket: a ticket answers 修好了吗, so it is its holder's alone.
    held = [t for (t,) in Report.select(Report.ticket).tuples()]
    assert held and [t for t in held if t in text or tickets.show(t) in text] == []


def test_typed_markup_and_escapes_stay_inert():
    # The domain refuses control characters; a row written by anything else must still be harmless.
    t = dt.datetime(2026, 11, 25, 10, 0)
    n = notices.NoticeInfo(1, None, "[b]粗体[/b] [@click=app.quit]点我\x1b]8;;http://x\x07",
                           "正文 [link](http://evil.example) \x1b[31m红 [@click=app.exit] \u202e反", "general",
                           t, None, False, False, False, 1)
    for width, height in SIZES:
        [item] = kinds.get("notices").render([n], width, height)
        [page] = paginate(item, width, height)
        plain = page.plain()
        assert "[b]粗体[/b]" in plain and "[@click=app.quit]" in plain and "[@click=app.exit]" in plain
        assert "http://evil.example" in plain  # shown as text, not a link
        segments = [s for line in page.lines for s in line]
        assert not any("\x1b" in s.text or "\x07" in s.text or "\u202e" in s.text for s in segments)
        assert "␛" in plain and "⟨U+202E⟩" in plain
        assert not any(s.style and (s.style.link or (s.style.meta and "@click" in s.style.meta)) for s in segments)


def test_big_qr_on_a_tv_scans(demo_db):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    d = deck.load(None, Settings(pledge_url="https://kiosk.example.org/pledge?project={project_id}"), ["pledge"])
    campaign = d.data["pledge"]
    assert pledge.qr_fits_big(campaign.url, 232, 63)
    text = pledge.big_qr(campaign.url)
    console = Console(width=400, color_system="truecolor")
    lines = console.render_lines(text, console.options, pad=False)
    cell = 4  # pixels per terminal cell (width); rows are two cells high
    img = Image.new("L", (len(lines[0]) * 0 + sum(len(s.text) for s in lines[0]) * cell, len(lines) * 2 * cell), 255)
    for y, line in enumerate(lines):
        x = 0
        for seg in line:
            colour = seg.style.bgcolor.get_truecolor() if seg.style and seg.style.bgcolor else None
            shade = 0 if colour is not None and sum(colour) < 300 else 255
            for _i in range(len(seg.text)):
                for dy in range(2 * cell):
                    for dx in range(cell):
                        img.putpixel((x * cell + dx, y * 2 * cell + dy), shade)
                x += 1
    found = zxingcpp.read_barcodes(img)
    assert [r.text for r in found] == [campaign.url]


def test_emergency_slide_names_the_numbers_to_call(db):
    clock.freeze(dt.datetime(2026, 11, 25, 10, 0))
    n = notices.post("t", "燃气泄漏", "3号楼请勿开火，立即开窗。", emergency=True)
    content = emergency.render([n], {"fire": "119", "gas": "96777"}, 80, 22)
    plain = "\n".join(p.plain() for p in paginate(content, 80, 22))
    assert "燃气泄漏" in plain and "119" in plain and "96777" in plain and "3号楼请勿开火" in plain


@pytest.mark.parametrize("text", ["29.98", "100%", "11-28", "15:00", "1,234"])
@pytest.mark.parametrize("scale", [2, 4])
def test_block_numbers_measure_what_they_draw(text, scale):
    console = Console(width=300)
    number = BlockNumber(text, "#ffffff", scale=scale, unit="万元")
    lines = console.render_lines(number, console.options, pad=False)
    assert len(lines) == number.height
    widest = max(sum(cell_len(s.text) for s in line) for line in lines)
    assert widest == console.measure(number).maximum
