"""CSV imports: all or nothing. Every bad row is listed with its spreadsheet line number and
nothing is written. A file already imported is refused as a whole (its SHA-256 is in the
import's audit entry, see import_log), rows without receipt numbers included; from another file,
a receipt number already recorded for a project is skipped and reported.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
import os
import re
import unicodedata
from typing import Callable

from kiosk import clock
from kiosk.db import bulk
from kiosk.db.models import Contribution, Household, Project, Unit, database
from kiosk.domain import audit, estates, import_log, ledger
from kiosk.domain.csvfile import RowErrors, load
from kiosk.domain.errors import DomainError
from kiosk.domain.money import half_width, parse_area, parse_yuan
from kiosk.domain.sources import SOURCES
from kiosk.i18n import _

CHUNK = 5000
Progress = Callable[[int, int], None]


@dataclasses.dataclass(frozen=True)
class ImportResult:
    rows: int
    imported: int
    skipped: tuple[tuple[int, str], ...]  # (line, why) — e.g. receipt already recorded
    total_fen: int = 0


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Unicode category Cc is exactly these code points; a regex scans a field far faster than a loop.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _parse_date(text: str) -> dt.date:
    if _ISO_DATE.fullmatch(text):  # the common case, a tenth of the cost of strptime
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    s = unicodedata.normalize("NFKC", text).strip().replace("/", "-").replace(".", "-")
    for fmt in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise ValueError(_("bad date {value!r} (use 2026-11-25)").format(value=text))


def _file_label(path: str) -> str:
    """The file's name as the audit entry and messages show it: bytes that are not UTF-8 in the
    name become U+FFFD instead of failing the whole import when it is recorded."""
    return os.path.basename(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _whole_number(text: str, *, signed: bool = False) -> int:
    """'12' or full-width '１２' -> 12 (and '-1' when signed); anything else (٣, ①, 1.0) raises
    ValueError, as amounts refuse them."""
    s = half_width(text)
    sign = 1
    if signed and s.startswith("-"):
        sign, s = -1, s[1:]
    if not re.fullmatch(r"[0-9]{1,9}", s, re.ASCII):
        raise ValueError(text)
    return sign * int(s)


def _single_line(value: str, name: str, limit: int) -> str:
    if len(value) > limit:
        raise ValueError(_("{name} is longer than {limit} characters").format(name=name, limit=limit))
    if _CONTROL.search(value):
        raise ValueError(_("{name} contains control characters").format(name=name))
    return value


# Every column of a new entry, in the order the bulk insert takes them.
_INSERT_FIELDS = (
    Contribution.id, Contribution.project, Contribution.source, Contribution.contributor, Contribution.household,
    Contribution.amount_fen, Contribution.status, Contribution.created_status, Contribution.pledged_on,
    Contribution.received_on, Contribution.receipt_no, Contribution.idempotency_key, Contribution.note,
    Contribution.cancel_reason, Contribution.created_at, Contribution.entry_seq,
)
CONTRIBUTION_COLUMNS = ("project_id", "source", "amount", "contributor", "status", "date", "receipt_no")


def contributions(actor: str, path: str, progress: Progress | None = None) -> ImportResult:
    csv_file = load(path, CONTRIBUTION_COLUMNS)
    label = _file_label(path)
    import_log.refuse_if_imported(csv_file.sha256, label)
    rows = csv_file.rows
    projects = {p.id: p.status for p in Project.select(Project.id, Project.status)}
    problems: list[tuple[int, str]] = []
    parsed = []
    seen_receipts: dict[tuple[int, str], int] = {}
    for row in rows:
        v = row.values
        errs = []
        pid = None
        try:
            pid = _whole_number(v["project_id"])
            if pid not in projects:
                errs.append(_("unknown project {value}").format(value=v["project_id"]))
            elif projects[pid] == "cancelled":
                errs.append(_("project {value} is cancelled").format(value=pid))
        except ValueError:
            errs.append(_("bad project id {value!r}").format(value=v["project_id"]))
        source = v["source"].strip().lower()
        if source not in SOURCES:
            errs.append(_("unknown source {value!r} (use {keys})").format(value=v["source"], keys="/".join(SOURCES)))
        amount = 0
        try:
            amount = parse_yuan(v["amount"])
        except DomainError as exc:
            errs.append(str(exc))
        status = v["status"].strip().lower() or "received"
        if status not in ("pledged", "received"):
            errs.append(_("status must be pledged or received, not {value!r}").format(value=v["status"]))
        on = None
        try:
            on = _parse_date(v["date"])
        except ValueError as exc:
            errs.append(str(exc))
        try:
            contributor = _single_line(v["contributor"], "contributor", 80)
            if not contributor:
                errs.append(_("contributor is empty"))
            receipt = _single_line(v["receipt_no"], "receipt_no", 40) or None
        except ValueError as exc:
            errs.append(str(exc))
            contributor, receipt = "", None
        if receipt and pid is not None:
            first = seen_receipts.get((pid, receipt))
            if first is not None:
                errs.append(_("receipt {receipt} appears twice in this file (also line {line})").format(receipt=receipt, line=first))
            else:
                seen_receipts[(pid, receipt)] = row.line
        if errs:
            problems.append((row.line, "; ".join(errs)))
        else:
            parsed.append((row.line, pid, source, amount, contributor, status, on, receipt))
    if problems:
        raise RowErrors(label, problems)
    with bulk.large_cache(database.obj), audit.write(actor) as w:
        import_log.refuse_if_imported(csv_file.sha256, label)  # inside the write lock: this one counts
        # Receipts already on record (checked inside the write lock, so two imports of the same
        # file at once cannot both count it).
        skipped = []
        todo = []
        wanted = {(p[1], p[7]) for p in parsed if p[7]}
        existing = set()
        pids = {k[0] for k in wanted}
        if pids:
            # Raw rows (two plain columns): peewee's per-value conversion was a tenth of the import.
            for pid, rec in database.execute(Contribution.select(Contribution.project, Contribution.receipt_no)
                                             .where(Contribution.project.in_(list(pids)), Contribution.receipt_no.is_null(False))):
                if (pid, rec) in wanted:
                    existing.add((pid, rec))
        for p in parsed:
            if p[7] and (p[1], p[7]) in existing:
                skipped.append((p[0], _("receipt {receipt} already recorded for project {project}").format(receipt=p[7], project=p[1])))
            else:
                todo.append(p)
        adding: dict[int, int] = {}
        for p in todo:
            adding[p[1]] = adding.get(p[1], 0) + p[3]
        ledger.check_room(adding)
        seq = w.next_seq()
        first_id = ledger.next_id()
        as_tuple = operator.itemgetter(*(f.name for f in _INSERT_FIELDS))
        now = clock.now()
        total = 0
        lines = []
        details = []
        batch = []
        for i, (_line, pid, source, amount, contributor, status, on, receipt) in enumerate(todo):
            row = {
                "id": first_id + i, "project": pid, "source": source, "contributor": contributor, "household": None,
                "amount_fen": amount, "status": status, "created_status": status,
                "pledged_on": on if status == "pledged" else None, "received_on": on if status == "received" else None,
                "receipt_no": receipt, "idempotency_key": None, "note": "", "created_at": now, "entry_seq": seq,
                "cancel_reason": "",
            }
            batch.append(as_tuple(row))
            lines.append(ledger.digest_line(row))
            details.append(ledger.detail_line(row))
            total += amount
            if len(batch) >= CHUNK:
                bulk.insert_rows(Contribution, _INSERT_FIELDS, batch)
                batch = []
                if progress:
                    progress(i + 1, len(todo))
        if batch:
            bulk.insert_rows(Contribution, _INSERT_FIELDS, batch)
        if progress:
            progress(len(todo), len(todo))
        w.record("contribution.import", "contribution_batch", seq, file=label, sha256=csv_file.sha256,
                 rows=len(rows), count=len(todo), skipped=len(skipped), total_fen=total,
                 digest=audit.digest_rows(lines), details=audit.digest_rows(details))
    return ImportResult(len(rows), len(todo), tuple(skipped), total)


HOUSEHOLD_COLUMNS = ("estate", "building", "unit", "room", "floor", "area_m2", "owner_key")
HOUSEHOLD_OPTIONAL = ("owner_name", "phone")


def households(actor: str, path: str, progress: Progress | None = None) -> ImportResult:
    csv_file = load(path, HOUSEHOLD_COLUMNS, HOUSEHOLD_OPTIONAL)
    label = _file_label(path)
    import_log.refuse_if_imported(csv_file.sha256, label)
    rows = csv_file.rows
    known = {e.name: e.id for e in estates.list_estates()}
    problems: list[tuple[int, str]] = []
    parsed = []
    seen: dict[tuple, int] = {}
    from kiosk.domain.reports import normalise_phone

    for row in rows:
        v = row.values
        errs = []
        if v["estate"] not in known:
            errs.append(_("unknown estate {value!r}").format(value=v["estate"]))
        try:
            building = _single_line(v["building"], "building", 40)
            unit = _single_line(v["unit"], "unit", 40)
            room = _single_line(v["room"], "room", 20)
            owner_key = _single_line(v["owner_key"], "owner_key", 60)
            owner_name = _single_line(v.get("owner_name", ""), "owner_name", 60) or None
            for name, value in (("building", building), ("unit", unit), ("room", room), ("owner_key", owner_key)):
                if not value:
                    errs.append(_("{name} is empty").format(name=name))
        except ValueError as exc:
            errs.append(str(exc))
            building = unit = room = owner_key = ""
            owner_name = None
        try:
            floor = _whole_number(v["floor"], signed=True)
            if not -3 <= floor <= 60:
                raise ValueError
        except ValueError:
            errs.append(_("bad floor {value!r}").format(value=v["floor"]))
            floor = 0
        try:
            area = parse_area(v["area_m2"])
        except DomainError as exc:
            errs.append(str(exc))
            area = 0
        try:
            phone = normalise_phone(v.get("phone", ""))
        except DomainError as exc:
            errs.append(str(exc))
            phone = None
        key = (v["estate"], building, unit, room)
        if key in seen:
            errs.append(_("the same household appears twice (also line {line})").format(line=seen[key]))
        seen[key] = row.line
        if errs:
            problems.append((row.line, "; ".join(errs)))
        else:
            parsed.append((row.line, known[v["estate"]], building, unit, room, floor, area, owner_key, owner_name, phone))
    if problems:
        raise RowErrors(label, problems)
    skipped = []
    count = 0
    with audit.write(actor) as w:
        import_log.refuse_if_imported(csv_file.sha256, label)
        for i, (line, estate_id, building, unit, room, floor, area, owner_key, owner_name, phone) in enumerate(parsed):
            b = estates.ensure_building(estate_id, building)
            u = estates.ensure_unit(b, unit)
            if Household.select().where(Household.unit == u.id, Household.room == room).exists():
                skipped.append((line, _("household {building} {unit} {room} already exists").format(building=building, unit=unit, room=room)))
                continue
            Household.create(unit=u, room=room, floor=floor, area_cm2=area, owner_key=owner_key, owner_name=owner_name, phone=phone)
            count += 1
            if progress and i % 500 == 0:
                progress(i + 1, len(parsed))
        w.record("household.import", "household_batch", w.next_seq(), file=label, sha256=csv_file.sha256,
                 rows=len(rows), count=count, skipped=len(skipped))
    if progress:
        progress(len(parsed), len(parsed))
    return ImportResult(len(rows), count, tuple(skipped))
