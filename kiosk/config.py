"""Settings from flags, the environment (KIOSK_DB, KIOSK_LANG, KIOSK_ESTATE, KIOSK_CONFIG) and an optional TOML file.

Precedence: command-line flag > environment > TOML file > default.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from kiosk.i18n import _, os_reason


def data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "estate-kiosk"


def default_config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "estate-kiosk" / "config.toml"


# The placeholder every copy starts with; the paths are what `kiosk web` serves.
EXAMPLE_PUBLIC_URL = "https://kiosk.example.org"
PLEDGE_PATH = "/pledge"
TRACK_PATH = "/track"


@dataclasses.dataclass
class Settings:
    db: str = ""
    lang: str = "zh"
    estate: str | None = None
    # The address residents' phones reach `kiosk web` at: every QR code and link starts with it.
    public_url: str = EXAMPLE_PUBLIC_URL
    # Overrides of single links (empty: derived from public_url). {project_id} and {estate_id}
    # are filled in the pledge link, {ticket} in the track link.
    pledge_url: str = ""
    track_url: str = ""
    # Printed documents (`kiosk print`): the Chinese font file to embed (.ttc/.otf/.ttf; a .ttc's
    # face after a colon, "file.ttc:2"). Empty: fontconfig's choice for Chinese, then Debian's paths.
    paper_font: str = ""
    # Printed documents: a folder the office's other tools take files from (a shared folder);
    # the console offers "save to the office folder" beside the printers. Empty: not offered.
    office_folder: str = ""
    # Lobby: seconds without input before it returns home and clears forms.
    idle_seconds: int = 90
    # Lobby: a try-out at someone's own terminal (`kiosk lobby --try`): one shown key leaves it.
    # Never on a kiosk box, whose lock-down is complete.
    try_out: bool = False
    # Lobby and TV: days a closed (accepted) project stays on their lists after it closed; exports
    # and the phone pages keep it.
    closed_visible_days: int = 90
    # Lobby: screens of public data (sections, projects, notices) kept between visits, so that one
    # opened again shows at once; each is ≈ 1.5 MB at a sub-district's scale. 0: none kept.
    kept_screens: int = 12
    # Lobby: problem reports accepted per minute from one kiosk.
    reports_per_minute: int = 3
    # Numbers to call for emergencies, shown instead of a report form.
    emergency_numbers: dict[str, str] = dataclasses.field(
        default_factory=lambda: {"fire": "119", "police": "110", "ambulance": "120", "gas": "96777"}
    )
    # Display: seconds per slide unless the playlist says otherwise.
    interval: float = 10.0
    playlist: list[dict] = dataclasses.field(default_factory=list)
    quiet_hours: str | None = None
    # Admin: seconds of inactivity before logout.
    admin_idle_seconds: int = 600
    log_file: str = ""
    # `kiosk web`: on PostgreSQL, pages read through `db` (a read-only role) and only pledges and
    # Open311 reports write through this URL (a writer role). Empty: `db` does both.
    web_writer_db: str = ""
    # `kiosk web`: how to pay a pledge (bank account, the office's hours), shown with its reference.
    pay_instructions: str = ""
    # `kiosk web`: Open311 API keys, key -> organisation name (kept here until keys have a table).
    open311_keys: dict[str, str] = dataclasses.field(default_factory=dict)

    def public_base(self) -> str:
        return self.public_url.strip().rstrip("/")

    def pledge_template(self) -> str:
        """The pledge QR's address, with {project_id} (and {estate_id}) to fill in."""
        return self.pledge_url or self.public_base() + PLEDGE_PATH + "?project={project_id}"

    def track_template(self) -> str:
        """The ticket QR's address, with {ticket} to fill in."""
        return self.track_url or self.public_base() + TRACK_PATH + "?ticket={ticket}"

    def public_url_is_example(self) -> bool:
        """Still the placeholder: a scanned code leads nowhere. Apps and the staff dashboard say so."""
        from urllib.parse import urlsplit

        host = (urlsplit(self.public_base()).hostname or "").lower()
        return not host or host == "example.org" or host.endswith(".example.org")

    def db_url(self) -> str:
        return self.db or str(data_dir() / "kiosk.db")

    def log_path(self) -> Path:
        return Path(self.log_file) if self.log_file else data_dir() / "kiosk.log"


class ConfigError(Exception):
    pass


def load(path: str | os.PathLike | None = None, **overrides) -> Settings:
    """Build settings; `overrides` are command-line values (None means "not given")."""
    settings = Settings()
    explicit = path or os.environ.get("KIOSK_CONFIG")
    file = Path(explicit) if explicit else default_config_path()
    if file.exists():
        import tomllib  # only when there is a file: a few ms off every start without one

        try:
            with open(file, "rb") as fh:
                data = tomllib.load(fh)
        except OSError as exc:
            raise ConfigError(_("Cannot read the configuration file {path}: {error}").format(path=file, error=os_reason(exc))) from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(toml_error(file, exc)) from None
        _apply(settings, data, file)
    elif explicit:
        raise ConfigError(_("Configuration file not found: {path}").format(path=file))
    env = {"db": "KIOSK_DB", "lang": "KIOSK_LANG", "estate": "KIOSK_ESTATE"}
    for field, var in env.items():
        if os.environ.get(var):
            setattr(settings, field, os.environ[var])
    for key, value in overrides.items():
        if value is not None:
            setattr(settings, key, value)
    return settings


def toml_error(file: Path, exc: Exception) -> str:
    """Where a settings file stops being TOML, in the user's language (the parser says it in English)."""
    import re

    at = re.search(r"line (\d+), column (\d+)", str(exc))
    if at:
        return _("{path}: line {line}, column {column} is not valid TOML.").format(path=file, line=at[1], column=at[2])
    return _("{path}: the file ends before its TOML is complete.").format(path=file)


def _apply(settings: Settings, data: dict, file: Path) -> None:
    known = {f.name: f for f in dataclasses.fields(Settings)}
    sections = {"display": ("interval", "playlist", "quiet_hours")}
    flat = dict(data)
    for section, keys in sections.items():
        block = flat.pop(section, None)
        if isinstance(block, dict):
            for key in keys:
                if key in block:
                    flat[key] = block[key]
    for key, value in flat.items():
        if key not in known:
            raise ConfigError(_("Unknown setting {key!r} in {path}").format(key=key, path=file))
        setattr(settings, key, value)
