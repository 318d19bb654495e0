"""The lobby and the TV on the screen a kiosk box really has: cage (the Wayland kiosk compositor
of deploy/, headless here) running foot with the Noto CJK font and the deployed foot.ini, `kiosk
lobby` and `kiosk display` on the demo database; grim takes the picture.

A picture passes when it is not blank, when nine in ten of the characters the app draws at the
same cell size (Textual's Pilot, the same data, the same moment) have ink at their place on the
real screen, and when every character of home's notice and project titles and of each slide's
title does: an empty panel, blank cells where Chinese should be, or a layout that lost its
notices fails here; on home a project bar must be painted too. The TV's foot.ini is scaled to
the headless 1280x720 output so that the TV gets the cells it has on the 1920x1080 screen its
font size is chosen for.

cage refuses to run as root: as root (CI) the kiosk runs as a system user made for this test
(`kiosk-screen-test`, left in place), with a copy of the kiosk and its dependencies in a folder
that user can read. With KIOSK_SAVE_SCREENS=1 the pictures are written to docs/screens/ (the
README shows them); otherwise nothing is left in the tree.

Home is shot at each size of the lobby's layout matrix (MATRIX). The headless output is 1280x720
(`cage -r` turns it to 720x1280 for portrait); foot's font size, line height and letter spacing
give each size its cells, as near as whole-pixel cells allow (213x51 for 200x50, 60x79 for
60x80, ...): the reference is drawn at the cells foot reports. Every size runs, each one start
of cage, foot and the lobby: a few seconds, about a second and a half of CPU.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from PIL import Image
from rich.cells import cell_len

from kiosk import config, i18n
from kiosk.db import connection
from kiosk.resources import styles_dir

from kiosk_process import ROOT

DEPLOY = ROOT / "deploy"
SCREENS = ROOT / "docs" / "screens"
FONT = "Noto Sans Mono CJK SC"
TEST_USER = "kiosk-screen-test"
WAIT_S = 60  # only how long to wait for the picture before failing, never a speed check
HEADLESS_HEIGHT, TV_HEIGHT = 720, 1080  # the headless output; the TV deploy/foot/display.ini is sized for
INKED = 0.9  # share of the app's characters that must show on the real screen

# The lobby's layout matrix: name -> (portrait, foot overrides of deploy/foot/lobby.ini as
# (font size in points, line height in pixels, letter spacing in pixels), or None for the
# deployed file). Noto's cells are about 1:3; a shape a 16:9 output cannot give at that ratio
# gets wider cells by letter spacing (text looks spaced out), never rows lower than 1.3 em,
# below which foot cuts the bottom off Chinese characters.
MATRIX = {
    "128x24": (False, None),
    "80x24": (False, (16, 29, 5)),
    "100x30": (False, (13, 23, 4)),
    "120x34": (False, (12, 21, 3)),
    "160x45": (False, (9, 16, 2)),
    "200x50": (False, (8, 14, 0)),
    "60x80": (True, (9, 16, 6)),
    "72x64": (True, (11, 20, 2)),
}
NEAR = 0.1  # how far foot's whole-pixel cells may be from the matrix size, as a share


def _font_present() -> bool:
    if shutil.which("fc-list") is None:
        return False
    out = subprocess.run(["fc-list", FONT], capture_output=True, text=True)
    return bool(out.stdout.strip())


MISSING = [name for name, ok in (("cage", shutil.which("cage")), ("foot", shutil.which("foot")), ("grim", shutil.which("grim")),
                                 ("xwayland", shutil.which("Xwayland")), ("fonts-noto-cjk", _font_present())) if not ok]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.process,
    pytest.mark.skipif(bool(MISSING), reason="needs " + ", ".join(MISSING) + " (.ci/run installs them)"),
    pytest.mark.sqlite_only("the screen is the same on either database: one run is enough"),
]


# ---- a kiosk the unprivileged user can run ------------------------------------------------

def _user() -> str | None:
    """Who runs cage: this user unless it is root, else the test's system user (made once)."""
    if os.geteuid() != 0:
        return None
    # Xwayland's socket folder, as systemd-tmpfiles makes it: were the test user first to make
    # it, it would own it and every other user's Xwayland (so cage) would refuse to start.
    x11 = Path("/tmp/.X11-unix")
    if not x11.exists():
        x11.mkdir()
        x11.chmod(0o1777)
    try:
        pwd.getpwnam(TEST_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                        "--shell", "/usr/sbin/nologin", TEST_USER], check=True, capture_output=True)
    return TEST_USER


def _as(user: str | None, argv: list[str]) -> list[str]:
    return (["runuser", "-u", user, "--"] if user else []) + argv


def _copy_distribution(name: str, site: Path, seen: set[str]) -> None:
    """A runtime dependency's installed files (and its own dependencies') into `site`."""
    dist = metadata.distribution(name)
    key = dist.metadata["Name"].lower()
    if key in seen:
        return
    seen.add(key)
    root = Path(dist.locate_file("")).resolve()
    for f in dist.files or ():
        src = Path(dist.locate_file(f)).resolve()
        if "__pycache__" in src.parts or not src.is_file() or root not in src.parents:
            continue
        dest = site / src.relative_to(root)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
    for text in dist.requires or ():
        req = Requirement(text)
        extras = set(req.extras) | {""}
        if req.marker is None or any(req.marker.evaluate({"extra": e}) for e in extras):
            _copy_distribution(req.name, site, seen)


def tv_on_headless(ini: str) -> str:
    """The TV's foot.ini for the 1280x720 headless screen: the font scaled by 720/1080, so the
    TV gets the cells it has on the 1920x1080 screen the deployed size is chosen for."""
    def scaled(m: re.Match) -> str:
        return m.group(1) + str(round(int(m.group(2)) * HEADLESS_HEIGHT / TV_HEIGHT))

    out, n = re.subn(r"(?m)^(font=.*:size=)(\d+)$", scaled, ini)
    assert n == 1, "deploy/foot/display.ini names one font with a size"
    return out


def lobby_at(ini: str, font_size: int, line_height: int, letter_spacing: int) -> str:
    """deploy/foot/lobby.ini with another font size, line height and letter spacing."""
    extra = f"\\g<1>{font_size}\nline-height={line_height}px\nletter-spacing={letter_spacing}px"
    out, n = re.subn(r"(?m)^(font=.*:size=)\d+$", extra, ini)
    assert n == 1, "deploy/foot/lobby.ini names one font with a size"
    return out


def _python_for(user: str | None) -> str | None:
    """An interpreter of this very version that `user` can start (one under /root cannot)."""
    want = "%d.%d" % sys.version_info[:2]
    for candidate in (os.path.realpath(sys.executable), f"/usr/bin/python{want}", "/usr/bin/python3", "/usr/local/bin/python3"):
        if not os.path.exists(candidate):
            continue
        out = subprocess.run(_as(user, [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"]),
                             capture_output=True, text=True, cwd="/")
        if out.returncode == 0 and out.stdout.strip() == want:
            return candidate
    return None


@pytest.fixture(scope="module")
def runtime():
    """(user, python, folder): the kiosk and its dependencies copied where `user` can read them."""
    user = _user()
    python = _python_for(user)
    if python is None:
        pytest.skip(f"no Python {sys.version_info[0]}.{sys.version_info[1]} that the test user can start")
    base = Path(tempfile.mkdtemp(prefix="kiosk-screen-", dir="/tmp"))
    try:
        base.chmod(0o755)
        site = base / "site"
        import kiosk

        shutil.copytree(Path(kiosk.__file__).parent, site / "kiosk", ignore=shutil.ignore_patterns("__pycache__"))
        if not (site / "kiosk" / "styles").is_dir():
            shutil.copytree(styles_dir(), site / "styles")
        seen = {"estate-kiosk"}
        for text in metadata.distribution("estate-kiosk").requires or ():
            req = Requirement(text)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                _copy_distribution(req.name, site, seen)
        (base / "probe.py").write_text(PROBE, encoding="utf-8")
        shutil.copy(DEPLOY / "foot" / "lobby.ini", base / "lobby.ini")
        (base / "display.ini").write_text(tv_on_headless((DEPLOY / "foot" / "display.ini").read_text(encoding="utf-8")),
                                          encoding="utf-8")
        subprocess.run(["chmod", "-R", "a+rX", str(base)], check=True)
        yield user, python, base
    finally:
        shutil.rmtree(base, ignore_errors=True)


# What foot runs: once the window has its final size (cage maximises it a moment after it
# appears), note the terminal's cells and pixels (TIOCGWINSZ), then become the kiosk.
PROBE = """
import fcntl, json, os, struct, sys, termios, time
def size():
    return struct.unpack("HHHH", fcntl.ioctl(1, termios.TIOCGWINSZ, b"\\0" * 8))
last, since, end = size(), time.monotonic(), time.monotonic() + 10
while time.monotonic() - since < 0.5 and time.monotonic() < end:
    time.sleep(0.05)
    now = size()
    if now != last:
        last, since = now, time.monotonic()
rows, cols, xpix, ypix = last
with open(sys.argv[1], "w") as f:
    json.dump({"rows": rows, "cols": cols, "xpix": xpix, "ypix": ypix}, f)
os.execv(sys.executable, [sys.executable, "-m", "kiosk", *sys.argv[2:]])
"""


class RealScreen:
    """cage + foot + the kiosk, headless, as `user`; grim for pictures."""

    def __init__(self, runtime, name: str, ini: str) -> None:
        self.user, self.python, self.base = runtime
        self.ini = ini
        base = self.base
        self.dir = base / name
        self.dir.mkdir()
        self.run_dir = self.dir / "run"  # XDG_RUNTIME_DIR: the Wayland socket
        self.run_dir.mkdir(mode=0o700)
        if self.user:
            shutil.chown(self.dir, self.user)
            shutil.chown(self.run_dir, self.user)
        self.size_file = self.dir / "size.json"
        self.env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(self.dir), "LANG": "C.UTF-8",
            "XDG_RUNTIME_DIR": str(self.run_dir), "PYTHONPATH": str(base / "site"),
            "WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1",
            "KIOSK_LANG": "zh", "PYTHONDONTWRITEBYTECODE": "1", "LC_ALL": "C.UTF-8",
        }
        self.proc: subprocess.Popen | None = None

    def start(self, kiosk_args: list[str], cage_args: tuple[str, ...] = ()) -> None:
        base = self.base
        argv = ["cage", *cage_args, "--", "foot", "--config", str(base / self.ini), "--",
                self.python, str(base / "probe.py"), str(self.size_file), *kiosk_args]
        self.log = open(self.dir / "cage.log", "wb")
        self.proc = subprocess.Popen(_as(self.user, ["env", "-i", *(f"{k}={v}" for k, v in self.env.items()), *argv]),
                                     stdout=self.log, stderr=subprocess.STDOUT, cwd=str(self.dir), start_new_session=True)

    def owned(self, path: Path) -> Path:
        if self.user:
            shutil.chown(path, self.user)
        return path

    def geometry(self) -> dict:
        end = time.monotonic() + WAIT_S
        while not self.size_file.exists():
            if self.proc.poll() is not None or time.monotonic() > end:
                pytest.fail("the terminal did not start: " + self.log_text())
            time.sleep(0.2)
        time.sleep(0.1)
        return json.loads(self.size_file.read_text())

    def shot(self) -> Image.Image | None:
        sockets = [p.name for p in self.run_dir.iterdir() if p.name.startswith("wayland-") and not p.name.endswith(".lock")]
        if not sockets:
            return None
        path = self.dir / "shot.png"
        env = dict(self.env, WAYLAND_DISPLAY=sockets[0])
        out = subprocess.run(_as(self.user, ["env", "-i", *(f"{k}={v}" for k, v in env.items()), "grim", str(path)]),
                             capture_output=True, text=True)
        if out.returncode != 0 or not path.exists():
            return None
        with Image.open(path) as image:
            return image.convert("RGB")

    def log_text(self) -> str:
        self.log.flush()
        text = (self.dir / "cage.log").read_text(errors="replace")
        kiosk_log = self.dir / "kiosk.log"
        if kiosk_log.exists():
            text += "\n" + kiosk_log.read_text(errors="replace")
        return text[-3000:]

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, 15)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
                self.proc.wait()
        self.log.close()


# ---- reading a picture cell by cell -----------------------------------------------------------

def cells(lines: list[list[tuple[str, int]]]) -> list[tuple[int, int, str, int]]:
    """(row, column, character, width) of every visible character but blocks and lines (a full
    block fills its cell with one colour: there is no ink to see against a background)."""
    out = []
    for r, line in enumerate(lines):
        c = 0
        for ch, width in line:
            if ch.strip() and not "\u2500" <= ch <= "\u259f":
                out.append((r, c, ch, width))
            c += width
    return out


def app_lines(app) -> list[list[tuple[str, int]]]:
    """The characters Textual drew, row by row, with their widths in cells."""
    rows = []
    for strip in app.screen._compositor.render_strips():
        rows.append([(ch, cell_len(ch)) for seg in strip._segments for ch in seg.text])
    return rows


def plain(lines) -> list[str]:
    return ["".join(ch for ch, _w in line) for line in lines]


def has_ink(image: Image.Image, box: tuple[int, int, int, int]) -> bool:
    """Something drawn in the box besides its background (its most common colour)."""
    region = image.crop(box)
    colours = region.getcolors(region.width * region.height) or []
    if not colours:
        return False
    _n, bg = max(colours)
    ink = sum(n for n, c in colours if max(abs(a - b) for a, b in zip(c, bg)) > 48)
    return ink >= max(4, region.width * region.height // 50)


def grid(image: Image.Image, geo: dict) -> tuple[int, int, int, int]:
    """(cell width, cell height, x, y of the first cell) of the terminal on the picture."""
    cw, ch = geo["xpix"] // geo["cols"], geo["ypix"] // geo["rows"]
    # pad=0x0 center: the spare pixels are split around the grid.
    return cw, ch, (image.width - cw * geo["cols"]) // 2, (image.height - ch * geo["rows"]) // 2


def inked(image: Image.Image, geo: dict, chars) -> list[tuple[int, int, str, int]]:
    """The characters of `chars` that have no ink where the terminal's grid puts them."""
    cw, ch, ox, oy = grid(image, geo)
    return [(r, c, s, w) for r, c, s, w in chars
            if not has_ink(image, (ox + c * cw, oy + r * ch, ox + (c + w) * cw, oy + (r + 1) * ch))]


def where(lines, needle: str) -> list[tuple[int, int, str, int]]:
    """The cells of `needle` in the first row that shows it."""
    for r, line in enumerate(lines):
        i = "".join(ch for ch, _w in line).find(needle)
        if i >= 0:
            column = sum(width for _ch, width in line[:i])
            return [cell for cell in cells([line]) if column <= cell[1] < column + cell_len(needle)
                    for cell in [(r, *cell[1:])]]
    return []


def bar(lines) -> list[tuple[int, int, str, int]]:
    """The cells of the longest run of full blocks the app draws: a funding or works bar."""
    best: list[tuple[int, int, str, int]] = []
    for r, line in enumerate(lines):
        run: list[tuple[int, int, str, int]] = []
        c = 0
        for ch, width in line:
            run = run + [(r, c, ch, width)] if ch == "\u2588" else []
            if len(run) > len(best):
                best = run
            c += width
    return best


def unpainted(image: Image.Image, geo: dict, spot) -> list[tuple[int, int, str, int]]:
    """The cells of `spot` whose middle shows the screen's background colour."""
    cw, ch, ox, oy = grid(image, geo)
    _n, bg = max(image.getcolors(1 << 20) or [(0, (0, 0, 0))])
    return [cell for cell in spot
            if max(abs(a - b) for a, b in zip(image.getpixel((ox + cell[1] * cw + cw // 2, oy + cell[0] * ch + ch // 2)), bg)) <= 48]


def check_bar(image: Image.Image, geo: dict, lines) -> list[str]:
    """A project bar the app draws (four cells or more) is painted on the real screen."""
    spot = bar(lines)
    if len(spot) < 4:
        return [f"the app shows no project bar at {geo['cols']}x{geo['rows']}"]
    if unpainted(image, geo, spot):
        return ["the project bar is not painted on the real screen"]
    return []


def check_picture(image: Image.Image | None, geo: dict, lines, needles: list[str]) -> list[str]:
    """What is wrong with the picture; an empty list when it shows what the app draws."""
    if image is None:
        return ["no picture yet"]
    if len(image.getcolors(1 << 20) or []) < 8:
        return ["the screen is blank"]
    problems = []
    expected = cells(lines)
    missing = inked(image, geo, expected)
    if not expected or len(missing) > (1 - INKED) * len(expected):
        sample = "".join(s for _r, _c, s, _w in missing[:40])
        problems.append(f"{len(missing)} of {len(expected)} characters have no ink on the screen, e.g. {sample!r}")
    for needle in needles:
        spot = where(lines, needle)
        if not spot:
            problems.append(f"the app does not show {needle!r} at {geo['cols']}x{geo['rows']}")
        elif inked(image, geo, spot):
            problems.append(f"{needle!r} is not drawn on the real screen")
    return problems


def test_the_checks_fail_on_a_blank_screen_and_on_empty_panels():
    """The picture check must be able to fail: a blank picture, and a panel whose text is missing."""
    geo = {"cols": 10, "rows": 2, "xpix": 100, "ypix": 58}
    lines = [[(c, 2 if c > "\u2e80" else 1) for c in "通知公告"], [(c, 1) for c in "   "]]
    blank = Image.new("RGB", (100, 58), (17, 17, 17))
    assert check_picture(blank, geo, lines, ["通知"]) == ["the screen is blank"]
    noisy = Image.effect_noise((100, 58), 64).convert("RGB")
    noisy.paste((17, 17, 17), (0, 0, 80, 29))  # the row where 通知公告 belongs is empty
    problems = check_picture(noisy, geo, lines, ["通知"])
    assert any("no ink" in p for p in problems) and any("not drawn" in p for p in problems)


def test_the_bar_check_fails_on_a_missing_or_unpainted_bar():
    geo = {"cols": 10, "rows": 2, "xpix": 100, "ypix": 58}
    lines = [[(c, 1) for c in "ab"], [("\u2588", 1)] * 6 + [(" ", 1)] * 4]
    screen = Image.new("RGB", (100, 58), (17, 17, 17))
    assert check_bar(screen, geo, lines) == ["the project bar is not painted on the real screen"]
    screen.paste((200, 40, 40), (0, 29, 60, 58))
    assert check_bar(screen, geo, lines) == []
    assert check_bar(screen, geo, lines[:1]) == ["the app shows no project bar at 10x2"]


# ---- the pictures ---------------------------------------------------------------------------

def _settings_file(screen: RealScreen, db: str, playlist: list[str] | None = None) -> Path:
    lines = [f'db = "{db}"', 'lang = "zh"', f'log_file = "{screen.dir / "kiosk.log"}"']
    if playlist:
        lines += ["", "[display]", "interval = 600"]
        for kind in playlist:
            lines += ["", "[[display.playlist]]", f'slide = "{kind}"']
    path = screen.dir / "kiosk.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return screen.owned(path)


def _private_db(screen: RealScreen, demo_path: str) -> str:
    folder = screen.dir / "db"
    folder.mkdir()
    screen.owned(folder)
    db = folder / "kiosk.db"
    shutil.copyfile(demo_path, db)
    screen.owned(db)
    return str(db)


def _wait_for_picture(screen: RealScreen, geo: dict, reference, needles: list[str], bars: bool = False) -> Image.Image:
    """Pictures until one shows what the app draws (the kiosk needs a moment to start); with
    `bars`, the project bar painted too."""
    end = time.monotonic() + WAIT_S
    problems: list[str] = []
    image = None
    while time.monotonic() < end:
        if screen.proc.poll() is not None:
            pytest.fail("cage ended: " + screen.log_text())
        image = screen.shot()
        problems = check_picture(image, geo, reference(), needles)
        if bars and not problems:
            problems = check_bar(image, geo, reference())
        if not problems:
            return image
        time.sleep(0.5)
    pytest.fail("; ".join(problems) + "\n" + screen.log_text())


def _keep(image: Image.Image, name: str) -> None:
    if os.environ.get("KIOSK_SAVE_SCREENS"):
        SCREENS.mkdir(parents=True, exist_ok=True)
        image.save(SCREENS / name, optimize=True)


async def _reference(app, cols: int, rows: int, ready) -> list:
    async with app.run_test(size=(cols, rows)) as pilot:
        end = time.monotonic() + 30
        while not ready(plain(app_lines(app))) and time.monotonic() < end:
            await pilot.pause(0.1)
        return app_lines(app)


@pytest.mark.parametrize("size", list(MATRIX))
def test_lobby_home_on_the_real_screen(runtime, demo_path, tmp_path, size):
    """Home at one size of the matrix shows its notices and a painted project bar."""
    import asyncio

    from kiosk.apps.lobby import LobbyApp
    from kiosk.domain import disclosure, estates, funding, notices

    portrait, foot = MATRIX[size]
    name = f"lobby-{size}"
    screen = RealScreen(runtime, name, "lobby.ini")
    try:
        if foot:
            ini = screen.dir / "lobby.ini"
            ini.write_text(lobby_at((DEPLOY / "foot" / "lobby.ini").read_text(encoding="utf-8"), *foot), encoding="utf-8")
            ini.chmod(0o644)
            screen.ini = f"{name}/lobby.ini"
        db = _private_db(screen, demo_path)
        screen.start(["--config", str(_settings_file(screen, db)), "lobby"], ("-r",) if portrait else ())
        geo = screen.geometry()
        cols, rows = map(int, size.split("x"))
        assert abs(geo["cols"] - cols) <= NEAR * cols and abs(geo["rows"] - rows) <= NEAR * rows, \
            f"foot gave {geo['cols']}x{geo['rows']} cells for {size}"

        connection.connect(db)
        estate = estates.resolve_estate(None)
        live = [n for n in notices.live(estate.id) if not n.emergency]
        projects = [pl for pl in disclosure.daily(estate.id).projects if pl.info.status in funding.ACTIVE]
        assert live and projects, "the demo has notices and active projects"
        needles = [live[0].title[:4], projects[0].info.title[:4]]

        def reference():
            i18n.set_language("zh")
            app = LobbyApp(config.Settings(db=db, lang="zh", log_file=str(tmp_path / "ref.log")), estate)
            return asyncio.run(_reference(app, geo["cols"], geo["rows"], lambda text: any(needles[0] in t for t in text)))

        ref = reference()
        image = _wait_for_picture(screen, geo, lambda: ref, needles, bars=True)
        _keep(image, f"lobby-home-{size}.png")
        if size == "128x24":
            _keep(image, "lobby-home.png")
    finally:
        screen.stop()


@pytest.mark.parametrize("kind", ["notices", "funding", "daily", "emergency"])
def test_display_slides_on_the_real_screen(runtime, demo_path, kind):
    """One slide kind in the playlist at a time; "emergency": a live emergency takes the screen."""
    import asyncio

    from kiosk.apps.display import DisplayApp
    from kiosk.display import kinds
    from kiosk.display.playlist import build
    from kiosk.domain import estates, notices
    from kiosk.render.disclosure_ref import reference as disclosure_number

    name = f"display-{kind}"
    screen = RealScreen(runtime, name, "display.ini")
    try:
        db = _private_db(screen, demo_path)
        playlist = "notices" if kind == "emergency" else kind
        settings_path = _settings_file(screen, db, [playlist])
        connection.connect(db)
        estate = estates.resolve_estate(None)
        assert not notices.emergencies(estate.id), "the demo has no live emergency: the playlist shows"
        if kind == "emergency":
            notices.post("staff", "停气抢修，请勿使用明火", "3号楼燃气管道泄漏，抢修期间全楼停气。", estate_id=estate.id, emergency=True)
        connection.close()
        screen.start(["--config", str(settings_path), "display"])
        geo = screen.geometry()
        connection.connect(db)
        data = kinds.get(playlist).load(kinds.Context(estate, config.load(str(settings_path)), dt.datetime.now()))
        assert data, f"the demo has {playlist} to show"
        i18n.set_language("zh")
        # What the first page must show: the notice's title, the project's title, today's money
        # and the short disclosure number residents compare with the paper copy.
        needles = {"notices": lambda: [data[0].title[:4]], "funding": lambda: [data[0].info.title[:4]],
                   "daily": lambda: [i18n._("Received today"), disclosure_number(data.chain_seq, data.date)],
                   "emergency": lambda: ["停气抢修"]}[kind]()

        def reference():
            i18n.set_language("zh")
            s = config.load(str(settings_path))
            app = DisplayApp(s, estate, build(s.playlist, s.quiet_hours, s.interval, kinds.known()))
            return asyncio.run(_reference(app, geo["cols"], geo["rows"], lambda text: any(needles[0] in t for t in text)))

        ref = reference()
        image = _wait_for_picture(screen, geo, lambda: ref, needles)
        _keep(image, f"{name}.png")
    finally:
        screen.stop()
