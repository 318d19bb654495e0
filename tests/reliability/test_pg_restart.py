"""The real lobby and display processes on pseudo-terminals while their PostgreSQL server goes away
and comes back (the issue "Outages heal themselves"): within 5 s of the database being back both
show live data again, as the same processes (no restart), without a traceback, and the lobby
never draws its pause screen once the server is back.

- The server stopped (`pg_ctl stop -m fast`, every connection cut) while both run and the lobby
  is used, then started again: a notice posted then shows on both screens within 5 s.
- Every backend of the database ended by `pg_terminate_backend` (an administrator, a pooler or a
  failover does that): the next notice shows within 5 s.
- The server hangs (every process of it stopped: no error comes, reads just wait): both screens
  mark their data as old within seconds, and once it answers again the next notice shows within 5 s.
- The network gone for half a minute (the server in a network namespace of its own whose loopback
  is taken down; root only): the same, although TCP by itself would resend only minutes later.

The test starts a PostgreSQL cluster of its own (it stops it on purpose, so it cannot share the
one `tools/pg-test` starts): initdb and pg_ctl from the system's PostgreSQL package, run as the
`postgres` user when the tests run as root. Without them it is skipped.
"""

from __future__ import annotations

import glob
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import pytest

from kiosk_process import kiosk_env, run_kiosk
from reliability.terminal_apps import Pty

pytestmark = pytest.mark.slow

BACK_WITHIN = 5.0  # the promise: live data within 5 s of the database being back
# A 2-core box running other tests too: process scheduling and a full repaint of a TV-sized
# screen can add a little to what the app itself takes.
ALLOWANCE = 1.5
PAUSED = "暂停服务"  # the lobby's pause screen
LOBBY_STALE = "起未更新"  # 数据自 HH:MM 起未更新: the lobby's title bar while it cannot read
DISPLAY_STALE = "数据更新于"  # 数据更新于 HH:MM: the display's mark while it cannot read
HOME = "通知公告"  # the lobby's home (its notices panel)
DISPLAY_UP = "全部通知"  # the display's notice slide on a TV: 全部通知（n）, the list beside the notice
# The display as a TV: each notice slide lists every live notice beside the one it shows, so a
# new notice is on screen as soon as the display has read it, whatever slide is up.
TV = (50, 200)  # rows, columns
DISPLAY_CONFIG = """\
[display]
interval = 2
[[display.playlist]]
slide = "notices"
"""
_CSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>78]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)")


# ---- a PostgreSQL cluster of the test's own ------------------------------------------------

def _bindir() -> str | None:
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: [int(x) for x in re.findall(r"\d+", p)],
                    reverse=True):
        if os.access(os.path.join(d, "initdb"), os.X_OK):
            return d
    found = shutil.which("initdb")
    return os.path.dirname(found) if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """initdb, pg_ctl start/stop, on a free port of 127.0.0.1 with a random password; fsync off
    (it is thrown away)."""

    def __init__(self, bindir: str, owner: str | None, enter: tuple[str, ...] = ()) -> None:
        self.bindir = bindir
        self.owner = owner  # run the server's programs as this user (the tests run as root)
        self.enter = enter  # a command prefix that runs them in another network namespace
        # Not under pytest's tmp_path: as root that is a folder only root may enter.
        self.dir = Path(tempfile.mkdtemp(prefix="kiosk-pg-restart."))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self.port = _free_port()
        self.password = secrets.token_hex(16)
        self.running = False
        if owner:
            shutil.chown(self.dir, owner)

    def create(self) -> None:
        pwfile = self.dir / "pw"
        pwfile.write_text(self.password + "\n")
        if self.owner:
            shutil.chown(pwfile, self.owner)
        result = self._run("initdb", "-D", str(self.data), "-U", "kiosk", f"--pwfile={pwfile}", "-A", "scram-sha-256",
                           "-E", "UTF8", "--no-locale")
        pwfile.unlink()
        assert result.returncode == 0, result.stdout + result.stderr
        self.start()

    def _run(self, program: str, *args: str) -> subprocess.CompletedProcess:
        argv = [os.path.join(self.bindir, program), *args]
        if self.owner:
            argv = ["runuser", "-u", self.owner, "--", *argv]
        return subprocess.run([*self.enter, *argv], capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        options = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        result = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o", options, "start")
        assert result.returncode == 0, result.stdout + result.stderr + self.server_log()
        self.running = True

    def stop(self, mode: str = "fast") -> None:
        result = self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")
        assert result.returncode == 0, result.stdout + result.stderr + self.server_log()
        self.running = False

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://kiosk:{self.password}@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, *params, database: str = "postgres") -> list[tuple]:
        import psycopg2

        con = psycopg2.connect(self.url(database), connect_timeout=5)
        con.autocommit = True  # CREATE DATABASE cannot run in a transaction
        try:
            with con.cursor() as cur:
                cur.execute(statement, params or None)
                return cur.fetchall() if cur.description else []
        finally:
            con.close()

    def processes(self) -> list[int]:
        """The postmaster and its children (the backends, the server's own workers)."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True).stdout.split()
        return [postmaster, *map(int, children)]

    def server_log(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    def remove(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


def server_programs() -> tuple[str, str | None]:
    """Where initdb and pg_ctl are, and the user to run them as (skips the test without them)."""
    pytest.importorskip("psycopg2", reason="PostgreSQL support is not installed (pip install 'estate-kiosk[postgres]')")
    bindir = _bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql")
    owner = None
    if os.geteuid() == 0:
        owner = os.environ.get("PG_TEST_USER", "postgres")
        try:
            import pwd

            pwd.getpwnam(owner)
        except KeyError:
            pytest.skip(f"running as root and there is no user {owner} to run PostgreSQL (set PG_TEST_USER)")
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser to start PostgreSQL as another user")
    return bindir, owner


@pytest.fixture(scope="module")
def cluster():
    c = Cluster(*server_programs())
    try:
        c.create()
        yield c
    finally:
        c.remove()


@pytest.fixture(scope="module")
def demo_template(cluster) -> str:
    """The demo data, built once; each test works on a copy."""
    cluster.sql('CREATE DATABASE "restart_demo"')
    result = run_kiosk("--db", cluster.url("restart_demo"), "demo")
    assert result.returncode == 0, result.stderr
    return "restart_demo"


@pytest.fixture
def database(cluster, demo_template, request) -> str:
    if not cluster.running:  # a test that failed while it was stopped
        cluster.start()
    name = f"restart_{request.node.name[:40].lower()}"
    name = re.sub(r"[^a-z0-9_]", "_", name)
    cluster.sql(f'CREATE DATABASE "{name}" TEMPLATE "{demo_template}"')
    return cluster.url(name)


# ---- the apps on pseudo-terminals ----------------------------------------------------------

def screen_text(data: bytes) -> str:
    """What was drawn, without the escape sequences (positions and colours)."""
    return _CSI.sub(b"", data).decode("utf-8", errors="replace")


class PtyApp(Pty):
    def __init__(self, name: str, db: str, args: list[str], workdir: Path, size: tuple[int, int] = (24, 80),
                 enter: tuple[str, ...] = ()) -> None:
        self.name = name
        super().__init__([*enter, sys.executable, "-m", "kiosk", "--db", db, "--lang", "zh", *args],
                         workdir / f"{name}-data", size, LANG="C.UTF-8")
        self.pid = self.proc.pid

    def text(self, since: int = 0) -> str:
        with self.lock:
            return screen_text(bytes(self.output[since:]))

    def shows(self, text: str, since: int = 0) -> bool:
        return text in self.text(since)

    def press(self, key: bytes) -> None:
        os.write(self.master, key)

    def stop(self) -> int | None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.close_master()
        return self.proc.returncode


def wait_until(predicate, timeout: float, apps: tuple[PtyApp, ...] = ()) -> float | None:
    """Seconds until predicate() held, or None after `timeout`; fails at once if an app ended."""
    start = time.monotonic()
    while True:
        if predicate():
            return time.monotonic() - start
        for app in apps:
            assert app.proc.poll() is None, f"{app.name} ended ({app.proc.returncode}): {app.text()[-800:]}"
        if time.monotonic() - start > timeout:
            return None
        time.sleep(0.05)


@pytest.fixture
def apps(database, tmp_path):
    """The lobby (80×24) and the display (a TV, notice slides every 2 s), painted."""
    config = tmp_path / "display.toml"
    config.write_text(DISPLAY_CONFIG)
    lobby = PtyApp("lobby", database, ["lobby"], tmp_path)
    display = PtyApp("display", database, ["--config", str(config), "display"], tmp_path, size=TV)
    both = (lobby, display)
    try:
        assert wait_until(lambda: lobby.shows(HOME), 60, both) is not None, lobby.text()[-800:]
        assert wait_until(lambda: display.shows(DISPLAY_UP), 60, both) is not None, display.text()[-800:]
        yield lobby, display
    finally:
        for app in both:
            app.stop()


def post_notice(url: str, title: str, enter: tuple[str, ...] = ()) -> float:
    """Post through the kiosk's own command; returns when it has committed (monotonic time)."""
    args = ("--db", url, "notice", "post", "--title", title, "--body", "restart test", "--pinned")
    if enter:
        result = subprocess.run([*enter, sys.executable, "-m", "kiosk", *args], capture_output=True, text=True,
                                env=kiosk_env(), timeout=60)
    else:
        result = run_kiosk(*args, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    return time.monotonic()


def shown_on_both(lobby: PtyApp, display: PtyApp, title: str, since: tuple[int, int]) -> dict[str, float | None]:
    """Seconds until `title` was on each screen, both watched at once (None: not within the
    limit and its allowance)."""
    seen: dict[str, float | None] = {"lobby": None, "display": None}
    start = time.monotonic()
    limit = BACK_WITHIN + ALLOWANCE
    while time.monotonic() - start <= limit and None in seen.values():
        for app, mark in zip((lobby, display), since):
            if seen[app.name] is None and app.shows(title, mark):
                seen[app.name] = round(time.monotonic() - start, 2)
            assert app.proc.poll() is None, f"{app.name} ended ({app.proc.returncode}): {app.text(mark)[-800:]}"
        time.sleep(0.05)
    return seen


def no_traceback(*apps: PtyApp) -> None:
    for app in apps:
        assert "Traceback" not in app.text(), f"{app.name}: {app.text()[-2000:]}"
        assert "Traceback" not in app.log_text(), f"{app.name}: {app.log_text()[-3000:]}"


# ---- the tests -------------------------------------------------------------------------------

def test_server_stopped_and_started_again_under_the_running_lobby_and_display(cluster, database, apps):
    lobby, display = apps
    pids = (lobby.pid, display.pid)

    down_lobby, down_display = lobby.mark(), display.mark()
    cluster.stop("fast")  # every connection of both apps is cut
    lobby.press(b"2")  # a resident opens the funding section, and goes back home, while it is down
    time.sleep(1.0)
    lobby.press(b"0")
    # Both noticed (so what follows is a recovery): stale marks, no pause screen, still running.
    both = (lobby, display)
    for app, mark, stale in ((lobby, down_lobby, LOBBY_STALE), (display, down_display, DISPLAY_STALE)):
        assert wait_until(lambda: app.shows(stale, mark), 15, both) is not None, app.text(mark)[-1500:]
    time.sleep(1.0)
    assert PAUSED not in lobby.text(down_lobby), lobby.text(down_lobby)[-1500:]

    back_lobby, back_display = lobby.mark(), display.mark()
    cluster.start()
    back = time.monotonic()
    title = f"PGRESTART{secrets.randbelow(10**6):06d}"
    posted = post_notice(database, title)
    seen = shown_on_both(lobby, display, title, (back_lobby, back_display))
    from_back = {k: None if v is None else round(posted - back + v, 2) for k, v in seen.items()}
    print(f"\nserver back -> notice committed: {posted - back:.2f} s; committed -> shown (s): {seen}; "
          f"server back -> shown (s): {from_back}")

    assert seen["lobby"] is not None, f"lobby never showed {title}: {lobby.text(back_lobby)[-1500:]}"
    assert seen["display"] is not None, f"display never showed {title}: {display.text(back_display)[-1500:]}"
    assert (lobby.pid, display.pid) == pids and lobby.proc.poll() is None and display.proc.poll() is None
    assert PAUSED not in lobby.text(back_lobby), lobby.text(back_lobby)[-1500:]
    no_traceback(lobby, display)


def test_every_backend_terminated_under_the_running_lobby_and_display(cluster, database, apps):
    lobby, display = apps
    pids = (lobby.pid, display.pid)
    name = urllib.parse.urlsplit(database).path.lstrip("/")

    before = (lobby.mark(), display.mark())
    ended = cluster.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                        "AND pid <> pg_backend_pid()", name)
    assert ended, "no connection of the apps to end"
    title = f"PGKILLED{secrets.randbelow(10**6):06d}"
    post_notice(database, title)
    seen = shown_on_both(lobby, display, title, before)
    print(f"\n{len(ended)} backends ended; committed -> shown (s): {seen}")

    assert seen["lobby"] is not None, f"lobby never showed {title}: {lobby.text(before[0])[-1500:]}"
    assert seen["display"] is not None, f"display never showed {title}: {display.text(before[1])[-1500:]}"
    assert (lobby.pid, display.pid) == pids and lobby.proc.poll() is None and display.proc.poll() is None
    assert PAUSED not in lobby.text(before[0]), lobby.text(before[0])[-1500:]
    no_traceback(lobby, display)


def test_server_hangs_under_the_running_lobby_and_display(cluster, database, apps):
    lobby, display = apps
    pids = (lobby.pid, display.pid)
    frozen = cluster.processes()
    hung = (lobby.mark(), display.mark())
    for pid in frozen:
        os.kill(pid, signal.SIGSTOP)
    try:
        # No error ever comes: the screens still say that what they show may be old.
        both = (lobby, display)
        for app, mark, stale in ((lobby, hung[0], LOBBY_STALE), (display, hung[1], DISPLAY_STALE)):
            assert wait_until(lambda: app.shows(stale, mark), 15, both) is not None, app.text(mark)[-1500:]
    finally:
        for pid in frozen:
            os.kill(pid, signal.SIGCONT)

    back = (lobby.mark(), display.mark())
    title = f"PGHUNG{secrets.randbelow(10**6):06d}"
    post_notice(database, title)
    seen = shown_on_both(lobby, display, title, back)
    print(f"\nserver answering again; committed -> shown (s): {seen}")

    assert seen["lobby"] is not None, f"lobby never showed {title}: {lobby.text(back[0])[-1500:]}"
    assert seen["display"] is not None, f"display never showed {title}: {display.text(back[1])[-1500:]}"
    assert (lobby.pid, display.pid) == pids and lobby.proc.poll() is None and display.proc.poll() is None
    assert PAUSED not in lobby.text(hung[0]), lobby.text(hung[0])[-1500:]
    no_traceback(lobby, display)


@pytest.fixture
def network():
    """A network namespace of the test's own, held by a sleeping process: its loopback is the
    whole network between the apps and their server (root only)."""
    if os.geteuid() != 0 or not all(shutil.which(p) for p in ("unshare", "nsenter", "ip")):
        pytest.skip("taking a network away needs root, unshare, nsenter and ip")
    if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0:
        pytest.skip("no network namespaces here (unshare -n refused)")
    holder = subprocess.Popen(["unshare", "-n", "sleep", "3600"])
    enter = ("nsenter", f"--net=/proc/{holder.pid}/ns/net")
    try:
        own = os.readlink("/proc/self/ns/net")
        deadline = time.monotonic() + 10
        while os.readlink(f"/proc/{holder.pid}/ns/net") == own:  # unshare has not switched yet
            assert time.monotonic() < deadline, "unshare -n did not start"
            time.sleep(0.05)
        subprocess.run([*enter, "ip", "link", "set", "lo", "up"], check=True)
        yield enter
    finally:
        holder.kill()
        holder.wait()


def test_network_gone_and_back_under_the_running_lobby_and_display(network, tmp_path):
    cluster = Cluster(*server_programs(), enter=network)
    apps: list[PtyApp] = []

    def link(state: str) -> None:
        subprocess.run([*network, "ip", "link", "set", "lo", state], check=True)

    try:
        cluster.create()
        url = cluster.url()
        demo = subprocess.run([*network, sys.executable, "-m", "kiosk", "--db", url, "demo"], capture_output=True,
                              text=True, env=kiosk_env(), timeout=300)
        assert demo.returncode == 0, demo.stdout + demo.stderr
        config = tmp_path / "display.toml"
        config.write_text(DISPLAY_CONFIG)
        lobby = PtyApp("lobby", url, ["lobby"], tmp_path, enter=network)
        apps.append(lobby)
        display = PtyApp("display", url, ["--config", str(config), "display"], tmp_path, size=TV, enter=network)
        apps.append(display)
        both = (lobby, display)
        assert wait_until(lambda: lobby.shows(HOME), 60, both) is not None, lobby.text()[-800:]
        assert wait_until(lambda: display.shows(DISPLAY_UP), 60, both) is not None, display.text()[-800:]
        pids = (lobby.pid, display.pid)

        down = (lobby.mark(), display.mark())
        link("down")  # no error reaches anyone: what was sent just goes unanswered
        lobby.press(b"2")
        time.sleep(1.0)
        lobby.press(b"0")
        for app, mark, stale in ((lobby, down[0], LOBBY_STALE), (display, down[1], DISPLAY_STALE)):
            assert wait_until(lambda: app.shows(stale, mark), 20, both) is not None, app.text(mark)[-1500:]
        # Long enough for TCP's resends to be far apart: by itself it would try again only
        # after the network is back plus most of half a minute.
        time.sleep(25)
        back = (lobby.mark(), display.mark())
        link("up")
        title = f"PGNETWORK{secrets.randbelow(10**6):06d}"
        post_notice(url, title, network)
        seen = shown_on_both(lobby, display, title, back)
        print(f"\nnetwork back; committed -> shown (s): {seen}")

        assert seen["lobby"] is not None, f"lobby never showed {title}: {lobby.text(back[0])[-1500:]}"
        assert seen["display"] is not None, f"display never showed {title}: {display.text(back[1])[-1500:]}"
        assert (lobby.pid, display.pid) == pids and lobby.proc.poll() is None and display.proc.poll() is None
        assert PAUSED not in lobby.text(down[0]), lobby.text(down[0])[-1500:]
        no_traceback(lobby, display)
    finally:
        link("up")
        for app in apps:
            app.stop()
        cluster.remove()
