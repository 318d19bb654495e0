"""A tap on the touchscreen lobby (deploy/kiosk-lobby-touch.service) opens the tile under it.

Under Xorg a touchscreen's taps reach a client that knows nothing of touch, such as xterm, as
pointer clicks. Here Xvfb stands in for Xorg and xdotool's click (an XTEST event, like the ones
the touchscreen's driver makes) for the finger: xterm runs with the deployed resources and the
unit's own xterm arguments, `kiosk lobby` inside it on the demo database. The click lands in the
middle of a home tile, found where the app lays it out at the cells xterm has; xterm's log of what
the kiosk wrote to it must then hold the opened screen's back key, which home never draws.
"""

from __future__ import annotations

import asyncio
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk import config, i18n
from kiosk.db import connection

from kiosk_process import ROOT, kiosk_env

DEPLOY = ROOT / "deploy"
UNIT = DEPLOY / "kiosk-lobby-touch.service"
RESOURCES = DEPLOY / "xterm" / "Kiosk.Xresources"
SCREEN = (1280, 720)
TILE = "2"  # the home tile the finger taps
WAIT_S = 60  # only how long to wait before failing, never a speed check


def _fonts_present() -> bool:
    if shutil.which("fc-list") is None:
        return False
    return all(subprocess.run(["fc-list", font], capture_output=True, text=True).stdout.strip()
               for font in ("Noto Sans Mono CJK SC", "DejaVu Sans Mono"))


MISSING = [name for name, ok in (("xvfb", shutil.which("Xvfb")), ("xterm", shutil.which("xterm")),
                                 ("xdotool", shutil.which("xdotool")),
                                 ("fonts-noto-cjk and fonts-dejavu-core", _fonts_present())) if not ok]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.process,
    pytest.mark.skipif(bool(MISSING), reason="needs " + ", ".join(MISSING) + " (.ci/run installs them)"),
    pytest.mark.sqlite_only("the tap is the same on either database: one run is enough"),
]


def _xterm_args() -> list[str]:
    """The xterm options of the unit's ExecStart, without the program and the kiosk command."""
    (line,) = [l.split("=", 1)[1] for l in UNIT.read_text(encoding="utf-8").splitlines() if l.startswith("ExecStart=")]
    words = shlex.split(line)
    client = words[1:words.index("--")]
    assert client[0] == "/usr/bin/xterm" and client[-3:] == ["-e", "/usr/local/bin/kiosk", "lobby"], client
    return client[1:-3]


def _wait(what: str, ready, procs) -> None:
    end = time.monotonic() + WAIT_S
    while not ready():
        for p in procs:
            assert p.poll() is None, f"{p.args[0]} ended ({p.returncode}) while waiting for {what}"
        assert time.monotonic() < end, f"{what}: not seen within {WAIT_S} s"
        time.sleep(0.2)


def _start_xvfb(tmp_path: Path) -> tuple[subprocess.Popen, str]:
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=open(tmp_path / "xvfb.log", "w"))
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    assert number.isdigit(), (tmp_path / "xvfb.log").read_text()
    return xvfb, f":{number}"


async def _tile_and_back_label(app, cols: int, rows: int) -> tuple[tuple[int, int, int, int], str]:
    """Where home lays out the tile at this many cells, and the back key of the screen it opens."""
    from kiosk.widgets.key_tile import KeyTile

    async with app.run_test(size=(cols, rows)) as pilot:
        end = time.monotonic() + WAIT_S
        while not app.screen.query(f"#tile-{TILE}") and time.monotonic() < end:
            await pilot.pause(0.1)
        home = app.screen
        region = tuple(home.query_one(f"#tile-{TILE}").region)
        await pilot.click(f"#tile-{TILE}")
        while app.screen is home and time.monotonic() < end:
            await pilot.pause(0.1)
        assert app.screen is not home, "the tile opened nothing under Pilot either"
        (back,) = [t.label for t in app.screen.query(KeyTile) if t.key == "0"]
        return region, back


def test_a_tap_on_a_home_tile_opens_it(demo_path, tmp_path):
    from kiosk.apps.lobby import LobbyApp
    from kiosk.domain import estates

    db = tmp_path / "touch.db"
    shutil.copyfile(demo_path, db)
    settings = tmp_path / "kiosk.toml"
    settings.write_text(f'db = "{db}"\nlog_file = "{tmp_path / "kiosk.log"}"\n', encoding="utf-8")
    size_file, log = tmp_path / "size", tmp_path / "xterm.log"
    # What the unit starts, with a word first: the terminal's size, as the kiosk sees it.
    wrapper = tmp_path / "lobby.sh"
    wrapper.write_text(f"""#!/bin/sh
t=$(tty)
( while stty size < "$t" > {size_file}.new; do mv {size_file}.new {size_file}; sleep 0.3; done ) &
exec {shlex.quote(sys.executable)} -m kiosk lobby
""", encoding="utf-8")
    wrapper.chmod(0o755)

    xvfb, display = _start_xvfb(tmp_path)
    xterm = None
    try:
        env = kiosk_env(DISPLAY=display, XENVIRONMENT=str(RESOURCES), LANG="C.UTF-8", KIOSK_CONFIG=str(settings))
        xterm = subprocess.Popen(["xterm", *_xterm_args(), "-l", "-lf", str(log), "-e", str(wrapper)], env=env,
                                 cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=open(tmp_path / "xterm.err", "w"))
        i18n.set_language("zh")
        tile_label = i18n._("Funding")
        written = lambda: log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        _wait("home in xterm", lambda: tile_label in written() and size_file.exists(), (xvfb, xterm))
        time.sleep(1)  # the window maximised and the kiosk drew home at its final size
        rows, cols = map(int, size_file.read_text().split())
        geo = subprocess.run(["xdotool", "search", "--sync", "--class", "xterm", "getwindowgeometry", "--shell"],
                             env=env, capture_output=True, text=True, timeout=WAIT_S, check=True).stdout
        g = dict(line.split("=", 1) for line in geo.split())
        width, height, left, top = (int(g[k]) for k in ("WIDTH", "HEIGHT", "X", "Y"))
        assert (width, height) == SCREEN, f"xterm is {width}x{height}, not the whole {SCREEN[0]}x{SCREEN[1]} screen"

        connection.connect(str(db))
        try:
            app = LobbyApp(config.Settings(db=str(db), lang="zh", log_file=str(tmp_path / "ref.log")),
                           estates.resolve_estate(None))
            (x, y, w, h), back = asyncio.run(_tile_and_back_label(app, cols, rows))
        finally:
            connection.close()
        assert back not in written(), f"home already shows {back!r}: it cannot tell that the tile opened"

        # The middle of the tile, in pixels (internalBorder 0: the cells start at the window's corner).
        px = left + round((x + w / 2) * width / cols)
        py = top + round((y + h / 2) * height / rows)
        subprocess.run(["xdotool", "mousemove", "--sync", str(px), str(py), "click", "1"], env=env, check=True, timeout=WAIT_S)
        _wait(f"the tile's screen (its back key {back!r}) after a tap at {px},{py} on {cols}x{rows} cells",
              lambda: back in written(), (xvfb, xterm))
    finally:
        for p in (xterm, xvfb):
            if p is not None and p.poll() is None:
                p.terminate()
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
