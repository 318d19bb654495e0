import datetime as dt

import pytest

from kiosk.display import kinds
from kiosk.display.playlist import DEFAULT_PLAYLIST, PlaylistError, Window, build, parse_window

KNOWN = ["notices", "funding", "fixed", "rates", "meetings", "pledge", "daily", "votes", "repairs"]


def at(hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, 25, hh, mm)


def test_windows_wrap_past_midnight():
    w = parse_window("23:00-06:00")
    assert w == Window(dt.time(23), dt.time(6))
    assert w.contains(dt.time(23, 0)) and w.contains(dt.time(2, 30)) and w.contains(dt.time(5, 59))
    assert not w.contains(dt.time(6, 0)) and not w.contains(dt.time(12, 0)) and not w.contains(dt.time(22, 59))
    day = parse_window("07:00-22:00")
    assert day.contains(dt.time(7)) and not day.contains(dt.time(22)) and not day.contains(dt.time(3))


@pytest.mark.parametrize("text", ["２３：００－０６：００", "23:00 ~ 06:00", "23:00–06:00", "23:00至06:00", "24:00-6:00"])
def test_windows_accept_what_people_type(text):
    w = parse_window(text)
    assert w.end == dt.time(6)


@pytest.mark.parametrize("text", ["", "23:00", "25:00-06:00", "23:60-06:00", "06:00-06:00", "evening", "1-2-3"])
def test_bad_windows_are_refused_in_words(text):
    with pytest.raises(PlaylistError) as err:
        parse_window(text)
    assert str(err.value)


def test_defaults_use_the_interval_and_every_known_kind():
    p = build([], None, 7, KNOWN)
    assert [e.slide for e in p.entries] == [e["slide"] for e in DEFAULT_PLAYLIST]
    assert {e.seconds for e in p.entries} == {7.0}
    assert p.quiet == ()
    assert not p.quiet_at(at(3))


def test_entries_from_toml_tables():
    p = build([{"slide": "notices", "seconds": 12, "take": 2}, {"slide": "funding", "hours": "07:00-21:00"}, "daily"],
              "23:00-06:00", 10, KNOWN)
    notices_, funding_, daily_ = p.entries
    assert (notices_.seconds, notices_.take, notices_.hours) == (12.0, 2, None)
    assert funding_.seconds == 10.0 and funding_.open_at(at(8)) and not funding_.open_at(at(21, 30))
    assert daily_.slide == "daily" and daily_.take is None and daily_.limit(5) == 5
    assert notices_.limit(1) == 1 and notices_.limit(5) == 2
    assert p.quiet_at(at(23, 30)) and p.quiet_at(at(5)) and not p.quiet_at(at(6)) and not p.quiet_at(at(22, 59))
    assert p.kinds() == {"notices", "funding", "daily"}


def test_several_quiet_windows():
    p = build([], ["23:00-06:00", "12:00-13:00"], 10, KNOWN)
    assert p.quiet_at(at(12, 30)) and p.quiet_at(at(0)) and not p.quiet_at(at(13))


@pytest.mark.parametrize("entries, quiet, interval, words", [
    ([{"slide": "weather"}], None, 10, "weather"),
    ([{"slide": "notices", "colour": "red"}], None, 10, "colour"),
    ([{"slide": "notices", "seconds": 0}], None, 10, "1"),
    ([{"slide": "notices", "seconds": "ten"}], None, 10, "1"),
    ([{"slide": "notices", "take": 0}], None, 10, "take"),
    ([{"slide": "notices", "hours": "7-9"}], None, 10, "7-9"),
    ([42], None, 10, "slide"),
    ("notices", None, 10, ""),
    ([], 2300, 10, "quiet_hours"),
    ([], None, 0, "1"),
])
def test_bad_playlists_are_refused_in_words(entries, quiet, interval, words):
    with pytest.raises(PlaylistError) as err:
        build(entries, quiet, interval, KNOWN)
    assert words in str(err.value)


def test_the_registry_knows_every_default_kind():
    assert set(kinds.known()) >= {e["slide"] for e in DEFAULT_PLAYLIST}
