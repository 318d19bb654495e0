"""CSV imports, all or nothing: one driver (`driver.run`) and one schema per kind of file.

Every bad row is listed with its spreadsheet line number and nothing is written. A file already
imported is refused as a whole (its SHA-256 is in the import's audit entry, see fingerprints).

    reading       the file's bytes, fingerprint and text in one encoding
    table         the header mapped onto a schema's columns, cells row by row
    fields        cell parsers that schemas share
    schema        what a kind of import declares: columns, row dataclass, checks, writes
    driver        the one driver
    fingerprints  which files were imported
    files         the CSV files on the box staff may pick (the console)
    kinds/        the schemas, one module per kind: households, contributions, ballots

A new kind of import is a new module in kinds/ and one line in KINDS below.
"""

from __future__ import annotations

from kiosk.domain.imports.driver import ImportResult, Preview, Progress, preview, run
from kiosk.domain.imports.files import FileOnBox, listing
from kiosk.domain.imports.fingerprints import AlreadyImported, PastImport, recent
from kiosk.domain.imports.kinds.ballots import Ballots
from kiosk.domain.imports.kinds.contributions import Contributions
from kiosk.domain.imports.kinds.households import Households
from kiosk.domain.imports.problems import LineProblem, Problem, RowErrors
from kiosk.domain.imports.schema import CHUNK, Schema
from kiosk.i18n import N_, _

# `kiosk import KIND FILE.csv`
KINDS: dict[str, type[Schema]] = {"households": Households, "contributions": Contributions, "ballots": Ballots}
KIND_LABELS = {"households": N_("Households (the register)"), "contributions": N_("Money pledged or received"),
               "ballots": N_("Paper ballots")}


def kind_label(kind: str) -> str:
    return _(KIND_LABELS.get(kind, kind))


def households(actor: str, path: str, progress: Progress | None = None) -> ImportResult:
    return run(Households, actor, path, progress)


def contributions(actor: str, path: str, progress: Progress | None = None) -> ImportResult:
    """Receipt numbers already recorded for a project (from another file) skip their rows."""
    return run(Contributions, actor, path, progress)


def ballots(actor: str, path: str, progress: Progress | None = None) -> ImportResult:
    return run(Ballots, actor, path, progress)


def import_file(kind: str, actor: str, path: str, progress: Progress | None = None,
                expect_sha256: str | None = None) -> ImportResult:
    """The import of one of KINDS (`expect_sha256`: the file previewed, unchanged)."""
    return run(KINDS[kind], actor, path, progress, expect_sha256)


def preview_file(kind: str, path: str) -> Preview:
    """What importing the file as one of KINDS would do; nothing is written."""
    return preview(KINDS[kind], path)


__all__ = ["AlreadyImported", "CHUNK", "FileOnBox", "ImportResult", "KINDS", "LineProblem", "PastImport", "Preview", "Problem",
           "Progress", "RowErrors", "Schema", "ballots", "contributions", "households", "import_file", "kind_label", "listing",
           "preview", "preview_file", "recent", "run"]
