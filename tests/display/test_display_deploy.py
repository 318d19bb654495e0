"""The sample settings and unit that ship with the display stay usable."""

from pathlib import Path

from kiosk import config
from kiosk.display import kinds, playlist

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_sample_display_settings_build_a_playlist():
    s = config.load(DEPLOY / "display.toml")
    p = playlist.build(s.playlist, s.quiet_hours, s.interval, kinds.known())
    assert {e.slide for e in p.entries} == set(kinds.known())
    assert p.quiet and s.interval == 10


def test_the_unit_runs_the_display_and_stops_it_with_sigterm():
    unit = (DEPLOY / "kiosk-display.service").read_text(encoding="utf-8")
    assert "display" in unit.split("ExecStart=", 1)[1].splitlines()[0]
    assert "KillSignal=SIGTERM" in unit and "Restart=always" in unit
