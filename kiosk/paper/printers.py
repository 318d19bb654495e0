"""The office's printers, through the system's print service (CUPS) and its command-line client
(`lpstat`, `lp` from cups-client): list them with their state, send a PDF to one, get the job id.

The PDF goes to `lp` on its standard input: no temporary file is left on the box. The commands
run with arguments as a list (a printer's name is never read by a shell) and in the C locale, so
their output is parsed the same whatever the box's language; what the staff read comes from here,
one line in their language."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess

from kiosk.domain.errors import DomainError
from kiosk.i18n import N_, _

TIMEOUT = 30  # seconds: the print service answers at once or not at all
IDLE, PRINTING, STOPPED = "idle", "printing", "stopped"
STATE_LABELS = {IDLE: N_("ready"), PRINTING: N_("printing"), STOPPED: N_("stopped")}

_PRINTER_LINE = re.compile(r"^printer (\S+) (.*)$")
_DEFAULT_LINE = re.compile(r"^system default destination: (\S+)")
_JOB_ID = re.compile(r"request id is (\S+)")


class PrintingError(DomainError):
    """The print service is missing or not running, or refused a printer or a job: str() says it
    in one line in the user's language."""


@dataclasses.dataclass(frozen=True)
class Printer:
    name: str  # the queue's name in CUPS (what `lp -d` takes)
    description: str  # what the office called it (lpadmin -D), may be Chinese; empty when none
    state: str  # IDLE, PRINTING or STOPPED
    default: bool = False
    reason: str = ""  # why it is stopped, in CUPS's words (e.g. "Paused"), when it says

    @property
    def label(self) -> str:
        return f"{self.description} ({self.name})" if self.description and self.description != self.name else self.name


def state_label(state: str) -> str:
    return _(STATE_LABELS.get(state, state))


def _run(args: list[str], data: bytes | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
    try:
        return subprocess.run(args, input=data, capture_output=True, timeout=TIMEOUT, env=env, check=False)
    except FileNotFoundError:
        raise PrintingError(_("The print service's commands are not installed on this box (package cups-client).")) from None
    except subprocess.TimeoutExpired:
        raise PrintingError(_("The print service did not answer within {n} seconds.").format(n=TIMEOUT)) from None


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace")


def _refusal(result: subprocess.CompletedProcess) -> PrintingError:
    """The one-line reason for a failed lpstat/lp: the scheduler not running is said in our words."""
    said = (_text(result.stderr) + _text(result.stdout)).strip()
    if "scheduler is not running" in said.lower() or "connection refused" in said.lower():
        return PrintingError(_("The print service (CUPS) is not running on this box."))
    if "not accepting" in said.lower():
        return PrintingError(_("The printer is not accepting jobs at the moment."))
    detail = said.splitlines()[-1] if said else f"exit {result.returncode}"
    return PrintingError(_("The print service refused: {detail}").format(detail=detail))


def parse(text: str) -> list[Printer]:
    """`lpstat -l -p -d` in the C locale -> the printers, in CUPS's order. Lines look like
    `printer Office is idle.  enabled since …`, `printer Office now printing Office-3.  enabled …`,
    `printer Office disabled since … -` followed by indented detail lines (the reason, then
    `Description: 办公室打印机`), and `system default destination: Office`."""
    found: list[dict] = []
    default = None
    for line in text.splitlines():
        m = _PRINTER_LINE.match(line)
        if m:
            rest = m.group(2)
            state = STOPPED if rest.startswith("disabled") else PRINTING if rest.startswith("now printing") else IDLE
            found.append({"name": m.group(1), "state": state, "description": "", "reason": ""})
            continue
        m = _DEFAULT_LINE.match(line)
        if m:
            default = m.group(1)
            continue
        if not found or not line[:1].isspace():
            continue
        detail = line.strip()
        current = found[-1]
        if detail.startswith("Description:"):
            current["description"] = detail.partition(":")[2].strip()
        elif current["state"] == STOPPED and not current["reason"] and ":" not in detail:
            current["reason"] = detail  # the first indented line of a stopped printer says why
    return [Printer(default=(p["name"] == default), **p) for p in found]


def list_printers() -> list[Printer]:
    """The printers the print service knows; none is an empty list, not an error."""
    result = _run(["lpstat", "-l", "-p", "-d"])
    out = _text(result.stdout)
    if result.returncode != 0:
        said = (_text(result.stderr) + out).lower()
        running = "scheduler is not running" not in said and "connection refused" not in said
        if running and ("no destinations added" in said or "printer " not in out):
            return []  # lpstat fails when there is nothing to list
        raise _refusal(result)
    return parse(out)


def find(name: str) -> Printer:
    """The printer called `name`, ready to take a job; a missing or stopped one is refused."""
    for p in list_printers():
        if p.name == name:
            if p.state == STOPPED:
                raise PrintingError(_("Printer {name} is stopped ({reason}): it takes no jobs until it is started again.")
                                    .format(name=name, reason=p.reason or _("no reason given")))
            return p
    raise PrintingError(_("There is no printer called {name} on this box.").format(name=name))


def submit(name: str, pdf: bytes, title: str) -> str:
    """Send the PDF to printer `name` as an A4 job called `title`; returns the job id (`Office-12`)."""
    find(name)
    result = _run(["lp", "-d", name, "-t", _job_title(title), "-o", "media=A4", "-"], data=pdf)
    if result.returncode != 0:
        raise _refusal(result)
    m = _JOB_ID.search(_text(result.stdout))
    if m is None:
        raise PrintingError(_("The print service took the job but gave no job number."))
    return m.group(1)


def _job_title(title: str) -> str:
    """One line, no control characters: the title shows in the print queue and on banner pages."""
    return "".join(ch for ch in " ".join(title.split()) if ch.isprintable())[:120] or "kiosk"


_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def page_count(pdf: bytes) -> int:
    """Pages of a PDF the kiosk built (fpdf2 writes every page object uncompressed)."""
    return len(_PAGE.findall(pdf))
