"""A real SSH login: OpenSSH's sshd on a loopback port with the deployed sshd snippet
(deploy/sshd_config.d/kiosk-admin.conf), the real `ssh` client in a real terminal (tmux), and the
forced command running the kiosk on the demo database.

The server runs as whoever runs the tests and lets exactly that user in with a key made for the
test (as root in CI; any user works, sshd needs no privileges for its own user)."""

from __future__ import annotations

import getpass
import importlib.util
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from kiosk_process import ROOT, run_kiosk

SSHD = shutil.which("sshd") or next((p for p in ("/usr/sbin/sshd", "/usr/local/sbin/sshd") if os.path.exists(p)), None)
MISSING = [name for name, path in (("sshd (openssh-server)", SSHD), ("ssh (openssh-client)", shutil.which("ssh")),
                                   ("ssh-keygen", shutil.which("ssh-keygen")), ("tmux", shutil.which("tmux"))) if not path]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(MISSING), reason="needs " + ", ".join(MISSING) + " (.ci/run installs them)"),
]
SNIPPET = ROOT / "deploy" / "sshd_config.d" / "kiosk-admin.conf"
WAIT_S = 60  # generous: only how long to wait for text before failing, never a speed check


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _sshd_config(folder: Path, port: int, user: str, command: str) -> Path:
    """The deployed snippet, matched to this user, with the forced command pointing at this
    checkout and the test's database instead of /usr/local/bin and /etc."""
    snippet = SNIPPET.read_text(encoding="utf-8")
    snippet = snippet.replace("Match Group kiosk-staff", f"Match User {user}")
    snippet, n = re.subn(r"(?m)^(\s*ForceCommand ).*$", lambda m: m.group(1) + command, snippet)
    assert n == 1, "the snippet must force exactly one command"
    config = folder / "sshd_config"
    config.write_text("\n".join([
        f"Port {port}", "ListenAddress 127.0.0.1", f"HostKey {folder / 'host_key'}", f"PidFile {folder / 'sshd.pid'}",
        f"AuthorizedKeysFile {folder / 'authorized_keys'}", "PubkeyAuthentication yes", "PermitRootLogin prohibit-password",
        "StrictModes no", "UsePAM no", f"AllowUsers {user}", "LogLevel VERBOSE", "",
        snippet,
    ]) + "\n", encoding="utf-8")
    return config


class SshSession:
    """sshd on a loopback port and an `ssh -tt` login inside a private tmux server."""

    def __init__(self, folder: Path, command: str, asks: tuple[str, ...] = ()) -> None:
        self.folder = folder
        self.asks = asks  # a command on the ssh line, which the forced one must override
        self.user = getpass.getuser()
        self.port = _free_port()
        self.tmux = ["tmux", "-u", "-L", f"kiosk-ssh-{os.getpid()}-{uuid.uuid4().hex[:6]}"]
        self.sshd: subprocess.Popen | None = None
        for name in ("host_key", "user_key"):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / name)], check=True)
        (folder / "authorized_keys").write_text((folder / "user_key.pub").read_text())
        self.config = _sshd_config(folder, self.port, self.user, command)

    def start(self) -> None:
        if os.geteuid() == 0:
            os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # sshd's privilege-separation directory
        check = subprocess.run([SSHD, "-t", "-f", str(self.config)], capture_output=True, text=True)
        assert check.returncode == 0, "sshd refuses the configuration: " + check.stderr
        self.log = open(self.folder / "sshd.log", "w")
        self.sshd = subprocess.Popen([SSHD, "-D", "-e", "-f", str(self.config)], stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + WAIT_S
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                assert self.sshd.poll() is None, "sshd exited: " + (self.folder / "sshd.log").read_text()
                assert time.monotonic() < deadline, "sshd did not listen"
                time.sleep(0.1)
        ssh = ["ssh", "-tt", "-F", "/dev/null", "-i", str(self.folder / "user_key"), "-p", str(self.port),
               "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
               "-o", f"UserKnownHostsFile={self.folder / 'known_hosts'}", f"{self.user}@127.0.0.1", *self.asks]
        # The pane stays after ssh ends, with its exit status, so a failure shows what happened.
        shell = shlex.join(ssh) + "; echo; echo SSH-ENDED $?; sleep 3600"
        subprocess.run([*self.tmux, "new-session", "-d", "-s", "k", "-x", "80", "-y", "24", shell], check=True)

    def screen(self) -> str:
        out = subprocess.run([*self.tmux, "capture-pane", "-p", "-t", "k"], capture_output=True, text=True)
        return out.stdout

    def wait_for(self, *needles: str) -> str:
        """Until the terminal shows one of `needles`; fails with the screen and sshd's log."""
        deadline = time.monotonic() + WAIT_S
        while True:
            text = self.screen()
            if any(n in text for n in needles):
                return text
            if time.monotonic() > deadline or "SSH-ENDED" in text:
                log = (self.folder / "sshd.log").read_text(errors="replace")[-3000:]
                pytest.fail(f"never saw {needles!r} on the terminal:\n{text}\n--- sshd log ---\n{log}")
            time.sleep(0.2)

    def settle(self) -> str:
        """Until the screen stops changing (a screen just opened may not have focused its field
        yet, and keys typed before that go nowhere, as they would for a person)."""
        deadline = time.monotonic() + WAIT_S
        before = self.screen()
        while time.monotonic() < deadline:
            time.sleep(0.3)
            now = self.screen()
            if now == before:
                return now
            before = now
        return before

    def type(self, text: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", "k", "-l", text], check=True)

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", "k", *keys], check=True)

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)
        if self.sshd is not None:
            self.sshd.terminate()
            try:
                self.sshd.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.sshd.kill()
            self.log.close()


def _forced(db: str, tmp_path: Path, *kiosk_args: str, **extra_env: str) -> str:
    """The command sshd forces: this checkout's kiosk, with a private data folder for its log
    (and `extra_env`, such as the print service's address)."""
    env = f"PYTHONPATH={shlex.quote(str(ROOT))} XDG_DATA_HOME={shlex.quote(str(tmp_path / 'data'))} XDG_CONFIG_HOME={shlex.quote(str(tmp_path / 'config'))}"
    env += "".join(f" {k}={shlex.quote(v)}" for k, v in extra_env.items())
    args = " ".join(shlex.quote(a) for a in kiosk_args)
    return f"umask 0007 && exec env {env} {shlex.quote(sys.executable)} -m kiosk --db {shlex.quote(db)} {args}"


@pytest.fixture
def ssh_into(tmp_path):
    sessions = []

    def start(command: str, asks: tuple[str, ...] = ()) -> SshSession:
        folder = tmp_path / f"ssh{len(sessions)}"
        folder.mkdir()
        session = SshSession(folder, command, asks)
        sessions.append(session)
        session.start()
        return session

    yield start
    for s in sessions:
        s.close()


def test_the_forced_command_runs_whatever_the_client_asks(ssh_into, demo_path, tmp_path):
    """The snippet's ForceCommand wins over the command on the ssh line."""
    session = ssh_into(_forced(demo_path, tmp_path, "--lang", "en", "notice", "list"), asks=("echo", "SHELL-REACHED"))
    text = session.wait_for("SSH-ENDED")
    assert "SSH-ENDED 0" in text and "SHELL-REACHED" not in text
    listed = json.loads(run_kiosk("--db", demo_path, "--lang", "en", "notice", "list", "--json").stdout)
    title = listed[0]["title"]
    assert title in text  # the kiosk's own output came through the pty


def test_staff_sign_in_over_ssh_posts_a_notice_the_lobby_shows(ssh_into, demo_path, tmp_path):
    if importlib.util.find_spec("kiosk.apps.admin") is None:
        pytest.skip("the staff console (kiosk.apps.admin) is not in this tree yet")
    session = ssh_into(_forced(demo_path, tmp_path, "admin"))

    # Step 1: an ssh login reaches the console's sign-in screen.
    session.wait_for("登录", "Sign in", "sign-in", "Login")
    session.settle()

    # Step 2: sign in as staff and post a notice (keys as the console shows them: Enter moves
    # to the password, 3 opens Notices, n a new one whose Title field has the focus, Ctrl+S saves).
    from kiosk.demo import DEMO_PASSWORD

    title = f"SSH 停水通知 {uuid.uuid4().hex[:6]}"
    session.type("admin")
    session.wait_for("admin")
    session.keys("Enter")
    session.settle()
    session.type(DEMO_PASSWORD)
    # As a person does: see a dot for every character typed, then press Enter.
    session.wait_for("•" * len(DEMO_PASSWORD), "*" * len(DEMO_PASSWORD))
    session.settle()
    session.keys("Enter")
    session.wait_for("通知公告", "Notices")
    session.settle()
    session.keys("3")
    session.wait_for("新建", "New")
    session.settle()
    session.keys("n")
    session.wait_for("标题", "Title")
    session.settle()
    session.type(title)
    session.wait_for(title)  # typed into the Title field, as a person sees before saving
    session.keys("C-s")
    # Saved: the console is back on its notice list (its top bar), which then lists the new title
    # (the list reads in a worker: it shows what it had, then the answer).
    session.wait_for("> 通知公告", "> Notices")
    session.wait_for(title)

    # Step 3: what the lobby lists (live notices, every estate) now holds it.
    deadline = time.monotonic() + WAIT_S
    while True:
        listed = run_kiosk("--db", demo_path, "notice", "list")
        if title in listed.stdout:
            break
        assert time.monotonic() < deadline, listed.stdout + listed.stderr
        time.sleep(0.5)
    session.keys("C-q")
    session.wait_for("SSH-ENDED")
