"""The lobby's words: full-width punctuation in Chinese, one name for the money pledged and not yet
received, one way to write a moment, one way to write a household's place."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from kiosk import i18n
from kiosk.render.address import address

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "kiosk" / "locale" / "zh_CN" / "LC_MESSAGES" / "kiosk.po"
CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
# An ASCII , : ; ! ? ( ) right beside a Chinese character (spaces between allowed).
ASCII_BESIDE_CJK = re.compile(rf"{CJK} *[,:;!?()]|[,:;!?()] *{CJK}")
URL = re.compile(r"[a-z]+://\S+")  # postgresql://用户:密码@主机 … is a pattern, not prose


def _catalog():
    with CATALOG.open("rb") as fh:
        return read_po(fh, locale="zh_CN")


def _translations():
    for message in _catalog():
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        for s in strings:
            if s:
                yield message.id if isinstance(message.id, str) else message.id[0], s


def test_chinese_uses_full_width_punctuation():
    found = [(mid, s) for mid, s in _translations() if ASCII_BESIDE_CJK.search(URL.sub("", s))]
    assert found == []


def test_the_scan_catches_an_ascii_colon():
    assert ASCII_BESIDE_CJK.search("现在: 已受理")
    assert ASCII_BESIDE_CJK.search("已到账 (99.9%)")
    assert ASCII_BESIDE_CJK.search("已到账 （99.9%）") is None
    assert ASCII_BESIDE_CJK.search("参与 {n}/{m}，需 2/3") is None


# Every message that names the money pledged and not yet received, wherever it is shown.
PLEDGED_OPEN = ["Pledged, not yet received", "Pledged, on its way"]


def test_one_name_for_money_pledged_and_not_yet_received():
    catalog = dict(_translations())
    assert {catalog[m] for m in PLEDGED_OPEN} == {"已认捐未到账"}
    # The lobby's screens and the renderers they use name that figure by those messages only
    # ("Pledged" alone is a contribution's status in the ledger).
    for path in list((ROOT / "kiosk" / "render").glob("*.py")) + list((ROOT / "kiosk" / "screens" / "lobby").rglob("*.py")):
        assert '_("Pledged")' not in path.read_text(encoding="utf-8"), path


@pytest.fixture
def zh():
    i18n.set_language("zh")
    yield
    i18n.set_language("zh")


@pytest.fixture
def en():
    i18n.set_language("en")
    yield
    i18n.set_language("zh")


def test_a_households_place_is_written_one_way(zh):
    assert address("5号楼", "1单元") == "5号楼1单元"
    assert address(" 5号楼 ", "1单元 ") == "5号楼1单元"
    assert address("5号楼", "1单元", 3) == "5号楼1单元3层"
    assert address("5号楼") == "5号楼"
    assert address("", "", 3) == ""
    assert address("Block A", "Unit 2") == "Block A Unit 2"


def test_a_households_place_in_english(en):
    assert address("5号楼", "1单元", 3) == "5号楼1单元, floor 3"


def test_a_moment_is_written_as_the_day_is(zh):
    from kiosk.render.dates import day_time

    today = dt.date(2026, 12, 6)
    assert day_time(dt.datetime(2026, 12, 13, 20, 0), today) == "12月13日 20:00"
    assert day_time(dt.datetime(2027, 1, 2, 8, 5), today) == "2027年1月2日 08:05"


def test_a_vote_closes_on_a_day_written_in_words(zh):
    """The vote heading read "12-13 20:00 截止" beside "12月6日" elsewhere."""
    from kiosk import clock
    from kiosk.domain.votes import PollInfo
    from kiosk.render.quorum import poll_heading

    clock.freeze(dt.datetime(2026, 12, 6, 10, 0))
    try:
        poll = PollInfo(id=1, estate_id=1, estate="盈谷中心小区", title="车棚顶棚", matter="general", options=(),
                        buildings=(), opens_at=dt.datetime(2026, 12, 1, 8, 0), closes_at=dt.datetime(2026, 12, 13, 20, 0),
                        closed_at=None, project_id=None, meeting_id=None)
        text = poll_heading(poll).plain
    finally:
        clock.reset()
    assert "12月13日 20:00截止" in text and "12-13" not in text
