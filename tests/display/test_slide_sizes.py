"""Every slide at the sizes a notice board really has: 60x20 and 80x24 (a TV at a large font,
read from three metres), 128x24 (a 16:9 screen at a middling font) and 200x50 (a big screen at a
small one). Nothing the domain says must be on a slide may be lost at any of them: each figure
and label is computed from the data and looked for in the pages the display would show.
SVG snapshots of the first page keep what residents see under review."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil

import pytest
from rich.console import Console
from syrupy.extensions.image import SVGImageSnapshotExtension

from kiosk import clock, config, i18n
from kiosk.db import connection
from kiosk.display import kinds
from kiosk.domain import estates, notices
from kiosk.domain.money import yuan
from kiosk.domain.notices import category_label
from kiosk.domain.reports import category_label as problem_label
from kiosk.domain.sources import label, short_label
from kiosk.i18n import _
from kiosk.render.disclosure_ref import reference
from kiosk.render.slides import emergency as emergency_slide
from kiosk.render.slides.common import is_tv, percent_text
from kiosk.render.slides.pager import paginate
from support.fixed_demo import build_fixed_demo

FIXED = dt.datetime(2026, 11, 25, 10, 0, 0)
# Terminal sizes, and the stage the board leaves for slides (one bar above and below; from 40
# rows on, bars three rows tall).
SIZES = [(60, 20), (80, 24), (128, 24), (200, 50)]


def stage(width: int, height: int) -> tuple[int, int]:
    return width, height - (6 if height >= 40 else 2)


@pytest.fixture(scope="module")
def fixed_demo(tmp_path_factory):
    """The demo built as if today were FIXED, plus one live emergency, so pages never change."""
    def emergency() -> None:
        e = estates.resolve_estate(None)
        notices.post("staff", "停气抢修，请勿使用明火", "3号楼燃气管道泄漏，抢修期间全楼停气。", estate_id=e.id, emergency=True)

    return build_fixed_demo(str(tmp_path_factory.mktemp("slides") / "demo.db"), FIXED, emergency)


@pytest.fixture
def deck(fixed_demo, tmp_path):
    """(estate, {kind: data}, emergencies) read from a private copy at FIXED."""
    path = str(tmp_path / "demo.db")
    shutil.copyfile(fixed_demo, path)
    connection.connect(path)
    clock.freeze(FIXED + dt.timedelta(minutes=5))
    i18n.set_language("zh")
    e = estates.resolve_estate(None)
    ctx = kinds.Context(e, config.Settings(db=path), clock.now())
    data = {k: kinds.get(k).load(ctx) for k in kinds.known()}
    yield e, data, notices.emergencies(e.id, now=clock.now())
    connection.close()


def pages_of(kind: str, data, width: int, height: int) -> list[str]:
    """Every page of every item, as plain text, as the display would cut them."""
    w, h = stage(width, height)
    out = []
    for item in kinds.get(kind).render(data, w, h):
        out += [p.plain() for p in paginate(item, w, h)]
    return out


def squeeze(text: str) -> str:
    """Text without spaces, line ends and block characters (a title wrapped beside a QR code
    or a bar still reads as one)."""
    return re.sub(r"[\s\u2580-\u259f]+", "", text)


def first_words(markdown: str, n: int = 6) -> str:
    """The first characters of a notice body as it reads (markdown marks dropped)."""
    return squeeze(re.sub(r"[*_`#>\[\]()-]", "", markdown))[:n]


def must_show(kind: str, data) -> list[str]:
    """What the domain says a resident must find on the slides of `kind`."""
    if kind == "notices":
        need = []
        for n in data:
            need += [n.title, category_label(n.category), first_words(n.body)]
            if n.expires_at is not None:
                need.append(_("Valid until {when}").format(when="").strip())
        return need
    if kind == "funding":
        need = [_("Received"), _("Target"), _("Works progress")]
        for p in data:
            f = p.funding
            need += [p.info.title, f"{percent_text(p.works.percent)}%", _("Balance"), yuan(f.paid_fen), yuan(f.balance_fen)]
            if f.paid_fen:
                need += [yuan(s.paid_fen) for s in f.sources] + [yuan(s.balance_fen) for s in f.sources]
            if f.pledged_fen:
                need += [_("Pledged"), yuan(f.pledged_fen)]
            for s in f.sources:
                need += [yuan(s.received_fen), yuan(s.planned_fen)] + ([yuan(s.pledged_fen)] if s.pledged_fen else [])
        return need
    if kind == "daily":
        need = [_("Received today"), _("Received in total"), reference(data.chain_seq, data.date),
                yuan(sum(data.received_total.values()))]
        need += [label(k) for k in data.received_total] + [yuan(v) for v in data.received_total.values()]
        for pl in data.projects:
            need += [pl.info.title, f"{percent_text(pl.works_percent)}%"]
        return need
    if kind == "fixed":
        return [problem_label(r.category) for r in data] + [r.building for r in data]
    if kind == "rates":
        from kiosk.render.slides.rates import lines

        return [part for name, _shown, counts in lines(data) for part in (name, counts)]  # figures in big digits
    if kind == "meetings":
        return [m.topic for m in data] + [m.location for m in data if m.location]
    if kind == "pledge":
        f = data.funding
        return [data.info.title, yuan(f.received_fen), yuan(f.pledged_fen), yuan(f.target_fen)]
    if kind == "votes":
        return [v.poll.title for v in data.items]
    if kind == "repairs":
        need = [_("Emergency repair from the maintenance fund"), _("Shown until")]
        for d in data:
            low, high = d.share_range
            need += [d.repair.title, d.repair.situation_label, yuan(d.repair.cost_fen), yuan(low), yuan(high)]
        return need
    raise AssertionError(kind)


@pytest.mark.parametrize("width,height", SIZES)
@pytest.mark.parametrize("kind", kinds.known())
def test_no_figure_or_label_is_lost(deck, kind, width, height):
    _estate, data, _emergencies = deck
    assert data[kind], f"the fixed demo has {kind} to show"
    pages = pages_of(kind, data[kind], width, height)
    text = squeeze("\n".join(pages))
    lost = [need for need in must_show(kind, data[kind]) if squeeze(need) not in text]
    assert not lost, f"{kind} at {width}x{height} loses {lost}:\n" + "\n----\n".join(pages)
    assert "…" not in "".join(pages), f"{kind} at {width}x{height} cuts a line short"
    for page in pages:
        assert len(page.splitlines()) <= stage(width, height)[1]


@pytest.mark.parametrize("width,height", SIZES)
def test_the_funding_slide_keeps_pledged_money_and_each_source(deck, width, height):
    """The pledged column and each source's name (full or short) at every width."""
    _estate, data, _emergencies = deck
    pledged = [p for p in data["funding"] if p.funding.pledged_fen]
    assert pledged, "the demo has a project with money pledged"
    for p in pledged:
        text = "\n".join(pages_of("funding", [p], width, height))
        assert _("Pledged") in text
        for s in p.funding.sources:
            assert label(s.key) in text or short_label(s.key) in text, (s.key, width)


@pytest.mark.parametrize("width,height", SIZES)
def test_a_qr_code_is_never_cut_across_pages(deck, width, height):
    _estate, data, _emergencies = deck
    pages = pages_of("pledge", data["pledge"], width, height)
    with_code = [p for p in pages if "▀" in p]
    assert len(with_code) <= 1, f"the pledge QR code is split over {len(with_code)} pages at {width}x{height}"


@pytest.mark.parametrize("width,height", SIZES)
def test_the_emergency_keeps_its_title_and_every_number(deck, width, height):
    _estate, _data, emergencies = deck
    assert emergencies
    numbers = config.Settings().emergency_numbers
    w, h = stage(width, height)
    pages = [p.plain() for p in paginate(emergency_slide.render(emergencies, numbers, w, h), w, h)]
    text = squeeze("\n".join(pages))
    # A TV draws the numbers in block figures (coloured cells, no characters): their names show.
    big = is_tv(w, h)
    calls = [_(emergency_slide.NUMBER_LABELS[k]) if big else n for k, n in numbers.items()]
    for need in [emergencies[0].title, *calls]:
        assert squeeze(need) in text, (need, width, height)


def test_residents_see_a_short_disclosure_number_not_the_hash(deck):
    _estate, data, _emergencies = deck
    daily = data["daily"]
    for width, height in SIZES:
        text = "\n".join(pages_of("daily", daily, width, height))
        assert reference(daily.chain_seq, daily.date) in text
        assert daily.chain_hash[:12] not in text
    assert reference(997, dt.date(2026, 12, 6)) == "公示第997号（12月6日）"


def svg(renderable, width: int, height: int) -> str:
    w, h = stage(width, height)
    console = Console(width=w, height=h, file=io.StringIO(), record=True, force_terminal=True,
                      color_system="truecolor", legacy_windows=False)
    console.print(paginate(renderable, w, h)[0])
    return console.export_svg(title=f"{w}x{h}")


@pytest.mark.parametrize("width,height", SIZES)
@pytest.mark.parametrize("kind", ["notices", "funding", "daily", "emergency"])
def test_first_page_snapshots(deck, snapshot, kind, width, height):
    _estate, data, emergencies = deck
    if kind == "emergency":
        w, h = stage(width, height)
        renderable = emergency_slide.render(emergencies, config.Settings().emergency_numbers, w, h)
    else:
        w, h = stage(width, height)
        items = kinds.get(kind).render(data[kind], w, h)
        renderable = items[-1] if kind == "funding" else items[0]  # funding: the project with pledges
    assert svg(renderable, width, height) == snapshot(extension_class=SVGImageSnapshotExtension)
