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

from kiosk_process import ROOT, kiosk_env

DEPLOY = ROOT / "deploy"


def test_sample_configuration_loads_and_documents_every_setting():
    settings = config.load(str(DEPLOY / "kiosk.toml"))
    assert settings.db and settings.log_file and settings.playlist
    text = (DEPLOY / "kiosk.toml").read_text(encoding="utf-8")
    for field in dataclasses.fields(config.Settings):
        assert re.search(rf"(?m)^#?\s*{field.name}\s*=|^\[{field.name}\]|^\[\[display\.{field.name}\]\]", text), field.name


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
