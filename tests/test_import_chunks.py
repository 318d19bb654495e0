"""The one driver on a real database: imports larger than a chunk, progress, what the audit
entry records, and refusals decided inside the write lock."""

import json

import peewee as pw
import pytest

from kiosk.db.models import AuditEntry, Ballot, Household
from kiosk.domain import estates, votes
from kiosk.domain.errors import Conflict
from kiosk.domain.imports import RowErrors, ballots, households
from kiosk.domain.imports.kinds.ballots import Ballots
from kiosk.domain.imports.kinds.households import Households

HH = "estate,building,unit,room,floor,area_m2,owner_key\n"
ROOMS = [(f"{b}号楼", f"{u}单元", f"{f}0{r}", f) for b in range(1, 6) for u in range(1, 3) for f in range(1, 26) for r in range(1, 5)]


def _households_csv(tmp_path, name, rooms, estate="大院"):
    path = tmp_path / name
    path.write_text(HH + "".join(f"{estate},{b},{u},{room},{f},80.5,O-{b}-{u}-{room}\n" for b, u, room, f in rooms),
                    encoding="utf-8")
    return str(path)


def test_an_import_of_several_chunks_reports_progress_and_skips_what_is_on_record(tmp_path, db):
    estates.add_estate("t", "大院")
    assert len(ROOMS) == 1000 and Households.chunk < 1000
    households("t", _households_csv(tmp_path, "first.csv", ROOMS[:10]))
    seen = []
    result = households("t", _households_csv(tmp_path, "all.csv", ROOMS), lambda done, total: seen.append((done, total)))
    assert (result.rows, result.imported) == (1000, 990)
    assert [line for line, _why in result.skipped] == list(range(2, 12))
    assert seen[-1] == (990, 990) and len(seen) >= 990 // Households.chunk + 1
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
    assert Household.select().count() == 1000
    entry = AuditEntry.select().where(AuditEntry.entity == "household_batch").order_by(AuditEntry.seq.desc()).get()
    data = json.loads(entry.data)
    assert (entry.action, data["file"], data["rows"], data["count"], data["skipped"]) == ("household.import", "all.csv", 1000, 990, 10)


def test_ballots_already_counted_refuse_the_whole_file_naming_the_line(tmp_path, db):
    estates.add_estate("t", "大院")
    households("t", _households_csv(tmp_path, "h.csv", ROOMS[:300]))
    estate_id = estates.resolve_estate("大院").id
    poll = votes.create_poll("t", estate_id, "路面", ["沥青", "水泥"])
    b, u, room, _f = ROOMS[7]
    votes.cast_at_address("t", poll.id, b, u, room, "水泥", "paper")
    path = tmp_path / "b.csv"
    path.write_text("poll_id,building,unit,room,choice\n" + "".join(f"{poll.id},{b},{u},{room},沥青\n" for b, u, room, _f in ROOMS[:300]),
                    encoding="utf-8")
    with pytest.raises(RowErrors) as err:
        ballots("t", str(path))
    assert [p.line for p in err.value.problems] == [9]
    assert Ballot.select().count() == 1
    path.write_text("poll_id,building,unit,room,choice\n" + "".join(f"{poll.id},{b},{u},{room},沥青\n" for b, u, room, _f in ROOMS[8:300]),
                    encoding="utf-8")
    assert ballots("t", str(path)).imported == 292
    assert Ballot.select().count() == 293 and len({b.receipt for b in Ballot.select()}) == 293


def test_a_duplicate_ballot_from_the_database_is_a_conflict_and_nothing_else_is():
    schema = Ballots()
    assert isinstance(schema.refusal(pw.IntegrityError("UNIQUE constraint failed: ballot.poll_id, ballot.household_id")), Conflict)
    assert schema.refusal(pw.IntegrityError("UNIQUE constraint failed: ballot.receipt")) is None
    assert schema.refusal(pw.OperationalError("database is locked")) is None
