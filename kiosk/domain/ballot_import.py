"""`kiosk import ballots FILE.csv`: paper and proxy ballots collected by staff, all or nothing.

Columns: poll_id,building,unit,room,choice,channel (choice = an option's label; channel paper,
proxy or kiosk — ballots an offline kiosk collected; empty means paper). Every bad row is listed
with its spreadsheet line number and nothing is written. A second ballot for a household — twice
in the file, or already counted through any channel — refuses the whole file and names the line.
A file already imported is refused as a whole, naming that import (see import_log).
"""

from __future__ import annotations

import unicodedata

import peewee as pw

from kiosk import clock
from kiosk.db.models import Ballot, Building, Household, Poll, Unit
from kiosk.domain import audit, import_log, votes
from kiosk.domain.csvfile import RowErrors, load
from kiosk.domain.errors import Conflict, DomainError
from kiosk.domain.imports import CHUNK, ImportResult, Progress, _file_label
from kiosk.i18n import _

BALLOT_COLUMNS = ("poll_id", "building", "unit", "room", "choice")
BALLOT_OPTIONAL = ("channel",)
# What people write in the channel column of a spreadsheet.
CHANNEL_WORDS = {
    "": "paper", "paper": "paper", "纸质": "paper", "纸质票": "paper", "书面": "paper",
    "proxy": "proxy", "委托": "proxy", "代理": "proxy", "代投": "proxy",
    "kiosk": "kiosk", "自助": "kiosk", "触屏": "kiosk", "现场": "kiosk",
}


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s or "").strip()


def ballots(actor: str, path: str, progress: Progress | None = None) -> ImportResult:
    csv_file = load(path, BALLOT_COLUMNS, BALLOT_OPTIONAL)
    label = _file_label(path)
    import_log.refuse_if_imported(csv_file.sha256, label)
    rows = csv_file.rows
    now = clock.now()
    polls: dict[int, votes.PollInfo | None] = {}
    homes: dict[int, dict[tuple[str, str, str], int]] = {}  # poll -> (building, unit, room) -> household
    problems: list[tuple[int, str]] = []
    parsed: list[tuple[int, int, int, int, str]] = []  # line, poll, household, option, channel
    seen: dict[tuple[int, int], int] = {}

    def households_of(info: votes.PollInfo) -> dict[tuple[str, str, str], int]:
        if info.id not in homes:
            q = (Household.select(Household.id, Building.name, Unit.name, Household.room).join(Unit).join(Building)
                 .where(Building.estate == info.estate_id))
            if info.buildings:
                q = q.where(Building.name.in_(list(info.buildings)))
            homes[info.id] = {(b, u, r): hid for hid, b, u, r in q.tuples()}
        return homes[info.id]

    for row in rows:
        v = row.values
        errs: list[str] = []
        info = None
        try:
            pid = int(_nfkc(v["poll_id"]))
        except ValueError:
            errs.append(_("bad poll id {value!r}").format(value=v["poll_id"]))
            pid = None
        if pid is not None:
            if pid not in polls:
                try:
                    polls[pid] = votes.get_poll(pid)
                except DomainError:
                    polls[pid] = None
            info = polls[pid]
            if info is None:
                errs.append(_("unknown poll {value}").format(value=pid))
            else:
                state = info.state(now)
                if state == "closed":
                    errs.append(_("poll {id} is closed").format(id=pid))
                elif state == "scheduled":
                    errs.append(_("poll {id} is not open yet").format(id=pid))
        channel = CHANNEL_WORDS.get(_nfkc(v.get("channel", "")).lower())
        if channel is None:
            errs.append(_("unknown channel {value!r} (use paper, proxy or kiosk)").format(value=v.get("channel", "")))
        household = option = None
        if info is not None:
            key = (_nfkc(v["building"]), _nfkc(v["unit"]), _nfkc(v["room"]))
            household = households_of(info).get(key)
            if household is None:
                errs.append(_("no household {building} {unit} {room} covered by poll {id}").format(
                    building=key[0], unit=key[1], room=key[2], id=info.id))
            try:
                option = votes.resolve_option(info, v["choice"]).id
            except DomainError as exc:
                errs.append(str(exc))
            if household is not None:
                first = seen.get((info.id, household))
                if first is not None:
                    errs.append(_("a second ballot for the same household (first on line {line})").format(line=first))
                else:
                    seen[(info.id, household)] = row.line
        if errs:
            problems.append((row.line, "; ".join(errs)))
        else:
            parsed.append((row.line, info.id, household, option, channel))
    if problems:
        raise RowErrors(label, problems)
    try:
        with audit.write(actor) as w:
            import_log.refuse_if_imported(csv_file.sha256, label)
            # Inside the write lock: ballots already counted (any channel), and polls closed meanwhile.
            already: list[tuple[int, str]] = []
            for poll_id in {p[1] for p in parsed}:
                p = Poll.get_by_id(poll_id)
                if p.closed_at is not None:
                    raise RowErrors(label, [(p2[0], _("poll {id} is closed").format(id=poll_id))
                                                             for p2 in parsed if p2[1] == poll_id][:1])
                wanted = {p2[2]: p2[0] for p2 in parsed if p2[1] == poll_id}
                for hid, channel, cast_at in (Ballot.select(Ballot.household, Ballot.channel, Ballot.cast_at)
                                              .where(Ballot.poll == poll_id).tuples()):
                    if hid in wanted:
                        already.append((wanted[hid], _("this household has already voted in poll {id} ({channel}, {when})").format(
                            id=poll_id, channel=votes.channel_label(channel), when=f"{cast_at:%Y-%m-%d %H:%M}")))
            if already:
                raise RowErrors(label, sorted(already))
            seq = w.next_seq()
            batch, lines, receipts = [], [], set()
            for i, (_line, poll_id, hid, oid, channel) in enumerate(parsed):
                while True:
                    receipt = votes.new_receipt()
                    if receipt not in receipts:
                        break
                receipts.add(receipt)
                batch.append({"poll": poll_id, "household": hid, "option": oid, "channel": channel, "receipt": receipt,
                              "cast_at": now, "entry_seq": seq})
                lines.append((poll_id, hid, oid, channel, receipt))
                if len(batch) >= CHUNK:
                    Ballot.insert_many(batch).execute()
                    batch = []
                    if progress:
                        progress(i + 1, len(parsed))
            if batch:
                Ballot.insert_many(batch).execute()
            w.record("ballot.import", "ballot_batch", seq, file=label, sha256=csv_file.sha256, rows=len(rows),
                     count=len(parsed), digest=audit.digest_rows(lines))
    except pw.IntegrityError as exc:
        if votes.is_duplicate_ballot(exc):
            raise Conflict(_("Another ballot for one of these households was counted meanwhile; nothing was imported. "
                             "Import the file again to see which line.")) from None
        raise
    if progress:
        progress(len(parsed), len(parsed))
    return ImportResult(len(rows), len(parsed), ())
