"""A private CUPS for tests: its own cupsd (config, spool, logs under the test's folder, a port on
127.0.0.1), the client commands pointed at it through CUPS_SERVER, and printers added with lpadmin.

The printer is CUPS's own Generic PDF Printer (the cups-filters driver for printers that take
PDF) on a `file:` device (FileDevice Yes): every job goes through cupsd's real filter chain and
lands as a PDF file the test reads back, as root or as a normal user. cups-pdf, the usual virtual
PDF printer, runs too when the tests run as root (`add_cups_pdf`), but only for what it keeps: it
rebuilds the PDF through PostScript and Ghostscript, which loses the text a test reads back."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

CUPSD = shutil.which("cupsd") or ("/usr/sbin/cupsd" if os.path.exists("/usr/sbin/cupsd") else None)
LPADMIN = shutil.which("lpadmin") or ("/usr/sbin/lpadmin" if os.path.exists("/usr/sbin/lpadmin") else None)
GENERIC_PDF = "/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd"
CUPS_PDF_PPD = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"
CUPS_PDF_CONF_DIR = "/etc/cups"
# cups-pdf runs as root (its backend is 0700) and reads its settings from /etc/cups only.
CUPS_PDF_MISSING = ("cups-pdf runs only under a cupsd started as root" if os.geteuid() != 0 else
                    "cups-pdf is not installed (package printer-driver-cups-pdf)"
                    if not (os.path.exists("/usr/lib/cups/backend/cups-pdf") and os.path.exists(CUPS_PDF_PPD)) else "")
MISSING = [what for what, there in (("cupsd (package cups)", CUPSD), ("lp/lpstat (package cups-client)", shutil.which("lp")),
                                     ("lpadmin", LPADMIN), ("the Generic PDF driver (package cups-filters)", os.path.exists(GENERIC_PDF)))
           if not there]

CUPSD_CONF = """Listen 127.0.0.1:{port}
LogLevel info
WebInterface No
Browsing No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""

FILES_CONF = """ServerRoot {root}
RequestRoot {root}/spool
CacheDir {root}/cache
StateDir {root}/state
TempDir {root}/spool/tmp
AccessLog {root}/log/access_log
ErrorLog {root}/log/error_log
PageLog {root}/log/page_log
FileDevice Yes
"""


def received_text(pdf: bytes) -> str:
    """The text of a PDF as the printer received it, page by page as pypdf lays it out. The
    driver's pdftopdf rewrites the font's Unicode map, which pypdf reads with a NUL before each
    character (poppler's pdftotext reads the same file cleanly): the NULs are dropped."""
    from support.pdf import reader

    return "\n".join((page.extract_text() or "") for page in reader(pdf).pages).replace("\x00", "")


def printed_text(pdf: bytes) -> str:
    """The received text with every space and line break taken out, as support.pdf reads documents."""
    return "".join(received_text(pdf).split())


def printed_codes(pdf: bytes) -> list[str]:
    """The 12-digit codes printed on slips or ballots ('1234 5678 9012'), digits only."""
    return [c.replace(" ", "") for c in re.findall(r"\b\d{4} \d{4} \d{4}\b", received_text(pdf))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateCups:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.out = root / "out"
        self.process: subprocess.Popen | None = None
        self.written: list[Path] = []  # files written outside `root` (cups-pdf's settings)

    def env(self) -> dict:
        return dict(os.environ, CUPS_SERVER=self.address, LC_ALL="C.UTF-8")

    def start(self) -> None:
        for d in ("spool/tmp", "cache", "state", "log", "out"):
            (self.root / d).mkdir(parents=True, exist_ok=True)
        # cupsd as root runs filters as the lp user: they must reach the spool and the output.
        for d in (self.root, self.root / "spool", self.root / "spool" / "tmp", self.out):
            d.chmod(0o777 if d == self.out or d.name == "tmp" else 0o755)
        (self.root / "cupsd.conf").write_text(CUPSD_CONF.format(port=self.port))
        (self.root / "cups-files.conf").write_text(FILES_CONF.format(root=self.root))
        log = open(self.root / "log" / "cupsd.out", "wb")
        self.process = subprocess.Popen([CUPSD, "-f", "-c", str(self.root / "cupsd.conf"), "-s", str(self.root / "cups-files.conf")],
                                        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"cupsd ended at once: {self.log()}")
            r = subprocess.run(["lpstat", "-r"], env=self.env(), capture_output=True, text=True)
            if r.stdout.strip() == "scheduler is running":
                return
            time.sleep(0.1)
        raise RuntimeError(f"cupsd did not answer: {self.log()}")

    def add_printer(self, name: str, description: str = "") -> Path:
        """A Generic PDF printer writing each job to out/<name>.pdf (the last job wins)."""
        target = self.out / f"{name}.pdf"
        args = [LPADMIN, "-p", name, "-v", f"file://{target}", "-P", GENERIC_PDF, "-E"]
        if description:
            args += ["-D", description]
        subprocess.run(args, env=self.env(), check=True, capture_output=True)
        return target

    def add_cups_pdf(self, name: str) -> Path:
        """A cups-pdf printer (the virtual PDF printer) writing into out/<name>/. cups-pdf reads
        its settings only from /etc/cups: cups-pdf-<name>.conf there for this queue (root only,
        removed when the server stops), named by the device URI cups-pdf:/<name>."""
        folder = self.out / name
        folder.mkdir(mode=0o777)
        conf = Path(CUPS_PDF_CONF_DIR) / f"cups-pdf-{name}.conf"
        conf.write_text(f"Out {folder}\nAnonDirName {folder}\nLabel 0\n")
        self.written.append(conf)
        args = [LPADMIN, "-p", name, "-v", f"cups-pdf:/{name}", "-P", CUPS_PDF_PPD, "-E"]
        subprocess.run(args, env=self.env(), check=True, capture_output=True)
        return folder

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(list(args), env=self.env(), check=True, capture_output=True, text=True)

    def wait_for_job(self, target: Path, timeout: float = 30) -> bytes:
        """The job's output once the queue is empty again (the file is written while the job
        prints); `target` may be a pattern (cups-pdf names its files itself)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = subprocess.run(["lpstat", "-o"], env=self.env(), capture_output=True, text=True).stdout.strip() == ""
            found = [p for p in target.parent.glob(target.name) if p.stat().st_size > 0]
            if done and len(found) == 1:
                return found[0].read_bytes()
            time.sleep(0.1)
        raise AssertionError(f"no job arrived at {target}: {self.log()}")

    def wait_for_pdf(self, target: Path, timeout: float = 30) -> bytes:
        """The PDF the printer received: the Generic PDF driver wraps it in the printer's job
        language (PJL lines before and after), as a real PDF printer gets it."""
        job = self.wait_for_job(target, timeout)
        start, end = job.find(b"%PDF-"), job.rfind(b"%%EOF")
        assert start >= 0 and end > start, f"the job holds no PDF: {job[:200]!r}"
        return job[start:end + len(b"%%EOF")]

    def log(self) -> str:
        parts = []
        for name in ("cupsd.out", "error_log"):
            p = self.root / "log" / name
            if p.exists():
                parts.append(p.read_text(errors="replace")[-2000:])
        return "\n".join(parts)

    def stop(self) -> None:
        for path in self.written:
            path.unlink(missing_ok=True)
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@contextlib.contextmanager
def private_cups(root: Path):
    if MISSING:
        pytest.skip("CUPS is not installed: " + ", ".join(MISSING) + " (.ci/run installs cups, cups-client and cups-filters)")
    server = PrivateCups(root)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def cups(monkeypatch):
    """A running private CUPS with the client commands pointed at it (CUPS_SERVER)."""
    # Not under pytest's folder: as root, cupsd runs the filters as the lp user, who cannot pass
    # its private (0700) parents.
    root = Path(tempfile.mkdtemp(prefix="kiosk-cups-"))
    try:
        with private_cups(root) as server:
            monkeypatch.setenv("CUPS_SERVER", server.address)
            yield server
    finally:
        shutil.rmtree(root, ignore_errors=True)
