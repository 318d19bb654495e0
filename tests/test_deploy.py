"""deploy/: the sample configuration documents and loads every setting; the backup unit's own
commands make a copy that verifies; the units pass systemd's checker; the docs cover the files."""

import dataclasses
import re
import shlex
import shutil
import subprocess
import sys

import pytest

from kiosk import config
from kiosk.display import kinds

from kiosk_process import ROOT, kiosk_env

DEPLOY = ROOT / "deploy"


def test_sample_configuration_loads_and_documents_every_setting():
    settings = config.load(str(DEPLOY / "kiosk.toml"))
    assert settings.db and settings.log_file and settings.playlist
    text = (DEPLOY / "kiosk.toml").read_text(encoding="utf-8")
    for field in dataclasses.fields(config.Settings):
        assert re.search(rf"(?m)^#?\s*{field.name}\s*=|^\[{field.name}\]|^\[\[display\.{field.name}\]\]", text), field.name
    # Every slide kind is named where the playlist is explained, and the sample TV shows each one.
    named = re.search(r"(?m)^# slide: (.+)$", text).group(1).split(" | ")
    assert sorted(named) == sorted(kinds.known())
    assert sorted(entry["slide"] for entry in settings.playlist) == sorted(kinds.known())


def _unit_commands(unit: str, key: str) -> list[str]:
    return [line.split("=", 1)[1] for line in (DEPLOY / unit).read_text().splitlines() if line.startswith(key + "=")]


@pytest.mark.sqlite_only("the backup unit copies a SQLite file; PostgreSQL uses pg_dump (docs/deployment.md)")
def test_the_backup_units_own_commands_make_a_copy_that_verifies(demo_path, tmp_path):
    backups = tmp_path / "backups"
    backups.mkdir()
    settings = tmp_path / "kiosk.toml"
    settings.write_text(f'db = "{demo_path}"\nlog_file = "{tmp_path / "kiosk.log"}"\n', encoding="utf-8")
    kiosk = " ".join(shlex.quote(a) for a in (sys.executable, "-m", "kiosk"))
    for command in _unit_commands("kiosk-backup.service", "ExecStart") + _unit_commands("kiosk-backup.service", "ExecStartPost"):
        command = command.replace("%%", "%").replace("/usr/local/bin/kiosk", kiosk).replace("/var/backups/estate-kiosk", str(backups))
        out = subprocess.run(shlex.split(command), capture_output=True, text=True, cwd=ROOT,
                             env=kiosk_env(KIOSK_CONFIG=str(settings)))
        assert out.returncode == 0, (command, out.stdout, out.stderr)
    (copy,) = [p for p in backups.iterdir() if p.suffix == ".db"]
    assert re.fullmatch(r"kiosk-\d{4}-\d\d-\d\d\.db", copy.name)


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_units_pass_systemd_analyze():
    units = sorted(str(p) for p in DEPLOY.iterdir() if p.suffix in (".service", ".timer"))
    out = subprocess.run(["systemd-analyze", "verify", *units], capture_output=True, text=True)
    # It also checks that the programs exist: /usr/local/bin/kiosk does not on a build machine.
    problems = [line for line in out.stderr.splitlines() if line.strip() and "/usr/local/bin/kiosk" not in line]
    assert not problems, out.stderr


def test_sshd_snippet_forces_the_console_with_a_terminal_and_no_forwarding():
    text = (DEPLOY / "sshd_config.d" / "kiosk-admin.conf").read_text()
    directives = {line.split()[0]: line.split(None, 1)[1] for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")}
    assert directives["Match"].startswith("Group ")
    assert re.search(r"kiosk .*\badmin$", directives["ForceCommand"])
    assert directives["PermitTTY"] == "yes" and directives["DisableForwarding"] == "yes"


def test_deployment_docs_cover_every_file_and_both_shapes():
    docs = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    for path in DEPLOY.rglob("*"):
        if path.is_file():
            assert path.name in docs, path.name
    for needed in ("kiosk-lobby.service", "kiosk-display.service", "migrate-to", "pg_dump", "SQLite", "PostgreSQL", "Match Group"):
        assert needed in docs, needed
    assert "docs/deployment.md" in (ROOT / "README.md").read_text(encoding="utf-8")


# ---- the screen units and the guide say the same (docs/deployment.md) ---------------------

SCREEN_UNITS = ("kiosk-lobby.service", "kiosk-display.service")


def _unit(name: str) -> dict[str, list[str]]:
    keys: dict[str, list[str]] = {}
    for line in (DEPLOY / name).read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.lstrip().startswith(("#", "[")):
            key, value = line.split("=", 1)
            keys.setdefault(key.strip(), []).append(value.strip())
    return keys


def _guide_commands() -> list[str]:
    """The shell lines of the guide's code blocks, comments cut off."""
    docs = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", docs, re.S):
        for line in block.splitlines():
            line = line.split(" #", 1)[0].strip()
            if line and not line.startswith("#"):
                lines.append(line)
    return lines


def _installed() -> dict[str, str]:
    """What the guide installs under /etc/estate-kiosk: target -> the deploy/ file it comes from."""
    out = {}
    for line in _guide_commands():
        words = shlex.split(line)
        if words[0] == "install" and words[-1].startswith("/etc/estate-kiosk/") and words[-2].startswith("deploy/"):
            out[words[-1]] = words[-2]
    return out


def test_the_units_run_as_the_user_and_group_the_guide_creates():
    commands = _guide_commands()
    (useradd,) = [shlex.split(c) for c in commands if c.startswith("useradd --system ")]
    user, group = useradd[-1], useradd[useradd.index("--gid") + 1]
    assert f"groupadd --system {group}" in commands
    for name in SCREEN_UNITS + ("kiosk-backup.service",):
        unit = _unit(name)
        assert unit["User"] == [user] and unit["Group"] == [group], name
    # The folders the services write are the ones the guide makes for that user and group.
    (made,) = [shlex.split(c) for c in commands if c.startswith("install -d -o ") and "/var/lib/estate-kiosk" in c]
    assert made[made.index("-o") + 1] == user and made[made.index("-g") + 1] == group
    for name in SCREEN_UNITS:
        for path in _unit(name)["ReadWritePaths"][0].split():
            assert path.lstrip("-") in made or path == "/run/user", (name, path)


def test_every_file_a_unit_names_is_installed_by_the_guide_and_its_settings_name_a_database():
    installed = _installed()
    for name in SCREEN_UNITS:
        unit = _unit(name)
        text = " ".join(unit["ExecStart"] + unit.get("Environment", []))
        files = set(re.findall(r"/etc/estate-kiosk/[\w.-]+", text))
        assert files, name
        for path in files:
            assert path in installed, f"{name} reads {path}, which the guide does not install"
            assert (ROOT / installed[path]).is_file(), installed[path]
        (settings,) = [p for p in files if p.endswith(".toml")]
        s = config.load(str(ROOT / installed[settings]))
        # Written out, not the default (a file under the service user's home that nobody creates):
        # without it the screen would loop on "no database".
        assert re.search(r"(?m)^db\s*=", (ROOT / installed[settings]).read_text(encoding="utf-8")), settings
        assert s.db.startswith("/var/lib/estate-kiosk/") or s.db.startswith("postgresql://")
    for name in SCREEN_UNITS:
        assert f"cp deploy/{name}" in " ".join(_guide_commands()) or any(
            c.startswith("cp ") and f"deploy/{name}" in c for c in _guide_commands()), name
        assert any(c.startswith("systemctl enable") and name in c for c in _guide_commands()), name


def test_the_screens_run_cage_and_foot_on_their_own_consoles_without_a_login_prompt():
    ttys = {}
    for name in SCREEN_UNITS:
        unit = _unit(name)
        exec_start = shlex.split(unit["ExecStart"][0])
        assert exec_start[0].endswith("/cage") and "-s" not in exec_start[:exec_start.index("--")], name
        assert exec_start[exec_start.index("--") + 1].endswith("/foot"), name
        assert unit["Restart"] == ["always"] and unit["PAMName"] and unit["KillSignal"] == ["SIGTERM"], name
        assert not any(v.startswith("TERM=linux") for v in unit.get("Environment", [])), name
        tty = unit["TTYPath"][0].rsplit("/", 1)[1]
        assert f"getty@{tty}.service" in unit["Conflicts"], name
        ttys[name] = tty
    assert len(set(ttys.values())) == len(ttys), f"lobby and display claim the same console: {ttys}"
    assert f"systemctl mask getty@{ttys['kiosk-lobby.service']}.service" in _guide_commands()


def _foot_font(ini: str) -> tuple[str, int]:
    (font,) = re.findall(r"(?m)^font=(.+):size=(\d+)$", (DEPLOY / "foot" / ini).read_text(encoding="utf-8"))
    return font[0], int(font[1])


def test_foot_draws_chinese_bigger_on_the_tv_than_in_the_lobby():
    installed = _installed()
    for name in SCREEN_UNITS:
        (ini,) = re.findall(r"--config (/etc/estate-kiosk/foot-[\w.]+)", _unit(name)["ExecStart"][0])
        assert installed[ini].startswith("deploy/foot/"), ini
    lobby, tv = _foot_font("lobby.ini"), _foot_font("display.ini")
    assert lobby[0] == tv[0] == "Noto Sans Mono CJK SC"
    assert tv[1] > lobby[1]
    # The packages that draw it are the ones the guide installs (and CI, for the real-screen test).
    (apt,) = [c for c in _guide_commands() if c.startswith("apt-get install") and " cage " in c]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for package in ("cage", "xwayland", "foot", "fonts-noto-cjk"):
        assert package in apt.split() and f"missing+=({package})" in ci, package


def test_the_touch_lobby_runs_xterm_on_xorg_in_place_of_the_cage_lobby():
    """deploy/kiosk-lobby-touch.service: the lobby's user, console and restarts, one lobby at a
    time, the files and packages the guide installs (the tap itself: tests/test_touch_screen.py)."""
    touch, lobby = _unit("kiosk-lobby-touch.service"), _unit("kiosk-lobby.service")
    for key in ("User", "Group", "PAMName", "TTYPath", "Restart", "KillSignal"):
        assert touch[key] == lobby[key], key
    assert "kiosk-lobby.service" in touch["Conflicts"][0].split() and "getty@tty1.service" in touch["Conflicts"][0].split()
    exec_start = shlex.split(touch["ExecStart"][0])
    client, server = exec_start[1:exec_start.index("--")], exec_start[exec_start.index("--") + 1:]
    assert exec_start[0] == "/usr/bin/xinit" and client[0] == "/usr/bin/xterm" and client[-2:] == ["/usr/local/bin/kiosk", "lobby"]
    assert server[:2] == ["/usr/bin/Xorg", ":0"] and "vt1" in server and "-keeptty" in server
    assert " ".join(server).count("-nolisten tcp") == 1 and "-dpms" in server and server[server.index("-s") + 1] == "0"
    (resources,) = [v.split("=", 1)[1] for v in touch["Environment"] if v.startswith("XENVIRONMENT=")]
    assert _installed()[resources] == "deploy/xterm/Kiosk.Xresources"
    commands = _guide_commands()
    assert "install -m 644 deploy/xorg.conf.d/10-kiosk.conf /etc/X11/xorg.conf.d/10-kiosk.conf" in commands
    assert any(c.startswith("systemctl enable") and "kiosk-lobby-touch.service" in c for c in commands)
    (apt,) = [c for c in commands if c.startswith("apt-get install") and " xterm " in c]
    for package in ("xserver-xorg-core", "xserver-xorg-input-libinput", "xinit", "xterm", "fonts-noto-cjk"):
        assert package in apt.split(), package
    flags = (DEPLOY / "xorg.conf.d" / "10-kiosk.conf").read_text(encoding="utf-8")
    assert 'Option "DontZap" "true"' in flags and 'Option "DontVTSwitch" "true"' in flags
